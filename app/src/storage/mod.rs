//! The browser's storage for everything the user made: notebooks, runs (record + model
//! bytes, written in one transaction), cached dataset files. IndexedDB database `jukebox`,
//! versioned schema with tested upgrades; when IndexedDB cannot be used (private mode,
//! blocked, quota) the same API keeps data in memory for this tab and says so.
//!
//! CONTRACT (issue 5): signatures agreed between the storage layer and its users; the bodies
//! are filled by the storage work.

use jukebox_core::archive::{Archive, ImportCounts};
use jukebox_core::runs::RunRecord;
use jukebox_core::store::{CachedDataset, NotebookInfo, StoredNotebook};

/// The current schema version of the `jukebox` database.
pub const DB_VERSION: u32 = 2;
/// The database's name.
pub const DB_NAME: &str = "jukebox";

/// A storage failure, in words a user can act on (`Display`); `kind` for the page's logic.
#[derive(Debug, Clone, PartialEq)]
pub struct StorageError {
    pub kind: StorageErrorKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageErrorKind {
    /// The browser refused more data (`QuotaExceededError`): nothing of this write was kept.
    Quota,
    /// IndexedDB cannot be opened (private mode, disabled, blocked by another tab's upgrade).
    Unavailable,
    /// A record could not be read back (damaged or from a newer version of the app).
    Corrupt,
    /// Anything else the browser reported.
    Other,
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Bumped after every write a view makes, so views reading storage read again.
#[derive(Debug, Clone, Copy)]
pub struct StorageChanged(pub leptos::prelude::RwSignal<u64>);

/// Usage and quota as the browser reports them (`navigator.storage.estimate()`), and
/// whether storage is persistent (`navigator.storage.persisted()`).
#[derive(Debug, Clone, PartialEq)]
pub struct StorageEstimate {
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
    pub persisted: bool,
}

/// An open storage: IndexedDB, or memory for this tab only. Cheap to clone (shared handle).
#[derive(Clone, Debug)]
pub struct Storage {
    _private: (),
}

impl Storage {
    /// Opens (creating or upgrading) the `jukebox` database; falls back to memory, with the
    /// reason in [`Storage::fallback_reason`], when IndexedDB cannot be used.
    pub async fn open() -> Storage {
        todo!("contract")
    }

    /// Opens database `name` from `factory` (tests: a fresh name, or a storage bucket's
    /// `indexedDB` with a small quota). Errors instead of falling back.
    pub async fn open_in(
        _factory: &web_sys::IdbFactory,
        _name: &str,
    ) -> Result<Storage, StorageError> {
        todo!("contract")
    }

    /// A storage that keeps everything in memory (this tab only).
    pub fn memory(_reason: &str) -> Storage {
        todo!("contract")
    }

    /// Why this storage is memory only (`None` when it is IndexedDB).
    pub fn fallback_reason(&self) -> Option<String> {
        todo!("contract")
    }

    // --- notebooks ---
    pub async fn put_notebook(&self, _notebook: &StoredNotebook) -> Result<(), StorageError> {
        todo!("contract")
    }
    pub async fn notebook(&self, _id: &str) -> Result<Option<StoredNotebook>, StorageError> {
        todo!("contract")
    }
    /// Every saved notebook, most recently updated first.
    pub async fn notebooks(&self) -> Result<Vec<NotebookInfo>, StorageError> {
        todo!("contract")
    }
    pub async fn delete_notebook(&self, _id: &str) -> Result<(), StorageError> {
        todo!("contract")
    }

    // --- runs: the record and its model bytes always together (one transaction) ---
    pub async fn put_run(&self, _run: &RunRecord, _model: &[u8]) -> Result<(), StorageError> {
        todo!("contract")
    }
    /// Every run, newest first (records only, without model bytes).
    pub async fn runs(&self) -> Result<Vec<RunRecord>, StorageError> {
        todo!("contract")
    }
    pub async fn run(&self, _id: &str) -> Result<Option<RunRecord>, StorageError> {
        todo!("contract")
    }
    pub async fn model(&self, _run_id: &str) -> Result<Option<Vec<u8>>, StorageError> {
        todo!("contract")
    }
    /// Replaces a run's tags and note (nothing else of a run changes after it is written).
    pub async fn set_run_notes(
        &self,
        _id: &str,
        _tags: &[String],
        _note: &str,
    ) -> Result<(), StorageError> {
        todo!("contract")
    }
    /// Deletes a run and its model (one transaction).
    pub async fn delete_run(&self, _id: &str) -> Result<(), StorageError> {
        todo!("contract")
    }

    // --- cached dataset files, by content hash ---
    pub async fn put_dataset(
        &self,
        _info: &CachedDataset,
        _bytes: &[u8],
    ) -> Result<(), StorageError> {
        todo!("contract")
    }
    pub async fn dataset(&self, _sha256: &str) -> Result<Option<Vec<u8>>, StorageError> {
        todo!("contract")
    }
    pub async fn datasets(&self) -> Result<Vec<CachedDataset>, StorageError> {
        todo!("contract")
    }
    pub async fn delete_dataset(&self, _sha256: &str) -> Result<(), StorageError> {
        todo!("contract")
    }

    // --- everything ---
    /// Everything, for "Export": notebooks, runs with models, and cached files if asked.
    pub async fn export(&self, _with_datasets: bool) -> Result<Archive, StorageError> {
        todo!("contract")
    }
    /// Writes everything in `archive` (already checked by `archive::from_bytes`) in one
    /// transaction, replacing records with the same ids; all or nothing.
    pub async fn import(&self, _archive: &Archive) -> Result<ImportCounts, StorageError> {
        todo!("contract")
    }
    /// Deletes every notebook, run, model and cached file (one transaction).
    pub async fn erase_all(&self) -> Result<(), StorageError> {
        todo!("contract")
    }
}

/// `navigator.storage.estimate()` and `persisted()`.
pub async fn estimate() -> StorageEstimate {
    todo!("contract")
}

/// Asks for persistent storage (`navigator.storage.persist()`); true when granted.
pub async fn request_persistence() -> bool {
    todo!("contract")
}
