//! The Validate cell: a table checked against a data contract — another table's profile or
//! a contract file (`data-contract.json` from `jukebox run`) — ([`editor`]); its output is
//! the verdict and the anomaly table with TensorFlow Data Validation's names ([`output`]).

pub mod editor;
pub mod output;

pub use editor::ValidateEditor;
pub use output::ValidateCellOutput;
