//! The Evaluate cell: a model and the part of its split it is scored on; its output is the
//! accuracy beside the baselines, averaged precision/recall/F1, the sortable per-class table
//! ([`per_class`]), the confusion matrix and the curves.

pub mod editor;
pub mod output;
pub mod per_class;

pub use editor::EvaluateEditor;
pub use output::{EvaluateCellOutput, EvaluationView};
