//! What the page keeps in the browser's storage (`IndexedDB`), as plain data: saved notebooks
//! and cached dataset files. Runs are [`crate::runs::RunRecord`]s.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::notebook::Notebook;
use crate::notebook::trust::Consent;

/// A notebook as saved: the notebook (cells and settings) and what the page knows about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredNotebook {
    /// Unique: `nb-<created ms in base36>-<random>`.
    pub id: String,
    pub notebook: Notebook,
    pub created_ms: f64,
    pub updated_ms: f64,
    /// The last run of each Train cell (cell id → run id): a reload restores that model
    /// instead of training again when the settings and data are unchanged.
    #[serde(default)]
    pub last_runs: BTreeMap<u64, String>,
    /// The alert each Drift or Fairness cell raised at its last run (cell id → words), so
    /// a reopened notebook shows them before its cells run again.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub alerts: BTreeMap<u64, String>,
    /// Which hosts its cells may contact: a notebook saved without this field is the user's
    /// own (trusted); one opened from a link, a URL or a file waits for its reader's consent.
    #[serde(default, skip_serializing_if = "Consent::is_trusted")]
    pub consent: Consent,
}

/// A line of the notebook list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotebookInfo {
    pub id: String,
    pub title: String,
    pub cells: usize,
    pub updated_ms: f64,
}

impl StoredNotebook {
    pub fn info(&self) -> NotebookInfo {
        NotebookInfo {
            id: self.id.clone(),
            title: self.notebook.title.clone(),
            cells: self.notebook.cells.len(),
            updated_ms: self.updated_ms,
        }
    }
}

/// A local file kept so a reload does not ask for it again, found by its content hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedDataset {
    /// SHA-256 (hex) of the bytes.
    pub sha256: String,
    pub file_name: String,
    pub size: u64,
    pub stored_ms: f64,
}
