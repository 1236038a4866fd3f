//! The app's pages. The notebook is the working area; the others say what will live there.

mod notebook;
mod placeholder;

pub use notebook::NotebookPage;
pub use placeholder::{RegistryPage, RunsPage, SettingsPage};
