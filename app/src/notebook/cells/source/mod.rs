//! The Data source cell: the built-in demo, a local file (kept by content hash) or a URL;
//! its output (and a Prepare cell's) is the datasets loaded, with their size and dates.

pub mod editor;
pub mod output;

pub use editor::SourceEditor;
pub use output::{LoadedCellOutput, LoadedView};
