//! The Fairness cell: a model's predictions on a part of its split across a protected
//! attribute ([`editor`]); its output is SPD and DIR for the chosen country and every
//! country sorted by |SPD| with flags and group sizes ([`output`]), alerting outside the
//! bounds.

pub mod editor;
pub mod output;

pub use editor::FairnessEditor;
pub use output::FairnessCellOutput;
