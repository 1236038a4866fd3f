//! The Drift cell: a reference (a model's training rows or a dataset) against current rows
//! (a dataset, or a served model's request log), per feature ([`editor`]); its output is the
//! table of every test side by side, the overlaid histograms and the drift over time
//! ([`output`]), with an alert when the chosen test finds drift.

pub mod editor;
mod histograms;
pub mod output;
mod over_time;

pub use editor::DriftEditor;
pub use output::DriftCellOutput;
