//! The Explain cell: a song (the Predict cell's picker and sliders) and a country
//! ([`editor`]); its output is the SHAP waterfall of P(country), the counterfactual, and
//! (when asked) the global importance ([`output`], [`waterfall`]).

pub mod editor;
pub mod output;
mod waterfall;

pub use editor::ExplainEditor;
pub use output::ExplainCellOutput;
