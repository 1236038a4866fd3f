//! The Predict cell: a model, the dataset songs are searched in, a song (search or presets)
//! and its 13 features as sliders ([`editor`]; the Serve cell reuses its fields); its output
//! is the ten likeliest countries as bars ([`top_bars`]), the world map and every class.

pub mod editor;
pub mod output;
pub mod top_bars;

pub use editor::PredictEditor;
pub use output::{PredictCellOutput, PredictionView};
