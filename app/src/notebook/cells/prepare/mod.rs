//! The Prepare cell: an input dataset, a list of steps (join, course merge, drop nulls,
//! select, filter, label encoding, head, sample), the output's name; its output is the
//! Data source's summary of the dataset made.

pub mod editor;
pub mod step;

pub use editor::PrepareEditor;
