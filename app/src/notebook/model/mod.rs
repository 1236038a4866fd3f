//! Outputs of the model cells: a training's report and curves, an evaluation, a prediction
//! with its world map.

mod evaluation;
pub mod prediction;
pub mod top_bars;
mod trained;
pub mod world_atlas;
pub mod world_map;

pub use evaluation::EvaluationView;
pub use prediction::PredictionView;
pub use trained::TrainedView;
