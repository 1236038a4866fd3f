//! Outputs of the model cells: a training's report and curves, an evaluation, a prediction
//! with its world map.
//!
//! - [`trained`]: a finished training; [`live`]: a running one (progress, live curves);
//! - [`curves`]: loss and accuracy curves (SVG);
//! - [`evaluation`]: an evaluation's scores, with [`per_class`] (sortable table) and
//!   [`confusion`] (the confusion matrix heatmap on a canvas; [`confusion_grid`]: its geometry);
//! - [`prediction`]: a prediction, with [`top_bars`] (the ten likeliest countries), [`world_map`]
//!   (countries coloured by probability) and [`world_atlas`] (the outlines, fetched once).

pub mod confusion;
pub mod confusion_grid;
pub mod curves;
mod evaluation;
pub mod live;
pub mod per_class;
pub mod prediction;
pub mod top_bars;
pub mod trained;
pub mod world_atlas;
pub mod world_map;

pub use evaluation::EvaluationView;
pub use live::TrainingLive;
pub use prediction::PredictionView;
pub use trained::TrainedView;

/// A share as a percentage with one decimal: `0.3124` → `31.2 %`.
pub fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.1} %", share * 100.0)
    } else {
        "n/a".to_string()
    }
}
