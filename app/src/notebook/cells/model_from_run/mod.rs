//! The "Model from run" cell: a saved run's model, kept under a model name that Evaluate
//! and Predict cells below pick like a trained one; its output is the run's training report.

pub mod editor;

pub use editor::LoadRunEditor;
