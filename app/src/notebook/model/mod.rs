//! Outputs of the model cells: a training's report and curves, an evaluation, a prediction
//! with its world map.

mod evaluation;
mod prediction;
mod trained;

pub use evaluation::EvaluationView;
pub use prediction::PredictionView;
pub use trained::TrainedView;
