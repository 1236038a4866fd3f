//! The app's pages. The notebook is the working area; Runs keeps every training; the others
//! say what will live there.

mod notebook;
mod placeholder;
pub mod runs;

pub use notebook::NotebookPage;
pub use placeholder::{RegistryPage, SettingsPage};
pub use runs::{RunsPage, RunsStore};
