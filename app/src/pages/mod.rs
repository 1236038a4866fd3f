//! The app's pages. The notebook is the working area; Runs keeps every training; the others
//! say what will live there.

mod notebook;
mod placeholder;
pub mod runs;
pub mod settings;

pub use notebook::NotebookPage;
pub use placeholder::RegistryPage;
pub use runs::{RunsPage, RunsStore};
pub use settings::{SettingsPage, human_bytes, usage_line};
