//! The app's pages. The notebook is the working area; the others say what will live there.

mod dataset_summary;
mod notebook;
mod placeholder;

pub use dataset_summary::DatasetSummaryCard;
pub use notebook::NotebookPage;
pub use placeholder::{RegistryPage, RunsPage, SettingsPage};
