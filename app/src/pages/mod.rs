//! The app's pages. The notebook is the working area; the others say what will live there.

mod notebook;
mod placeholder;
mod settings;

pub use notebook::NotebookPage;
pub use placeholder::{RegistryPage, RunsPage};
pub use settings::{SettingsPage, human_bytes, usage_line};
