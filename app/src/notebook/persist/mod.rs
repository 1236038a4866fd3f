//! The notebook kept in the browser, as hooks with their own small state (each returns a
//! `Copy` handle):
//!
//! - [`autosave`]: `use_autosave` — saved as it changes (debounced), flushed at once;
//!   [`leave`]: flushed (and journalled) when the page changes or the tab goes away;
//! - [`journal`]: `localStorage` — the notebook shown last, unsaved edits journalled at
//!   unload and written back at the next start;
//! - [`other_tabs`]: `use_other_tabs` — other tabs' saves of the same notebook (conflicts);
//! - [`records`]: `use_run_records` — trainings recorded as runs, saved models read back;
//! - [`kept_files`]: `use_kept_files` — local files kept by content hash;
//! - [`notebooks`]: showing, creating and opening saved notebooks.

pub mod autosave;
pub mod journal;
pub mod kept_files;
pub mod leave;
pub mod notebooks;
pub mod other_tabs;
pub mod records;
