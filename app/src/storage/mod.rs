//! The browser's storage for everything the user made: notebooks, runs (record + model
//! bytes, written in one transaction), cached dataset files. IndexedDB database `jukebox`,
//! versioned schema with tested upgrades; when IndexedDB cannot be used (private mode,
//! blocked, quota) the same API keeps data in memory for this tab and says so.
//!
//! `schema`: stores and upgrades; `idb`: IndexedDB events as futures; `database` and
//! `collections`: the IndexedDB side; `memory`: the in-memory side; `values`: records ↔ JS
//! values; `errors`: browser failures in words; `persistence`: usage, quota, `persist()`; `run_registry`: a run's registrations and pushes.

mod collections;
mod database;
mod errors;
mod idb;
mod memory;
mod order;
mod persistence;
mod run_registry;
mod schema;
mod slot;
mod values;

use jukebox_core::archive::{Archive, ImportCounts};
use jukebox_core::runs::RunRecord;
use jukebox_core::store::{CachedDataset, NotebookInfo, StoredNotebook};
use send_wrapper::SendWrapper;

use database::Database;
use errors::Doing;
use memory::Memory;
use order::{newest_notebook_first, newest_run_first};
use schema::{DATASET_BYTES, DATASETS, MODELS, NOTEBOOKS, RUNS};

pub use errors::{StorageError, StorageErrorKind};
pub use persistence::{StorageEstimate, estimate, request_persistence};
pub use slot::{StorageChanged, StorageSlot};

/// The current schema version of the `jukebox` database.
pub const DB_VERSION: u32 = 2;
/// The database's name.
pub const DB_NAME: &str = "jukebox";

/// An open storage: IndexedDB, or memory for this tab only. Cheap to clone (shared handle).
/// `Send + Sync` only to live in Leptos' context: the page is single-threaded (wasm32).
#[derive(Clone, Debug)]
pub struct Storage {
    backend: SendWrapper<Backend>,
}

#[derive(Clone, Debug)]
enum Backend {
    Idb(Database),
    Memory(Memory),
}

impl Storage {
    /// Opens (creating or upgrading) the `jukebox` database; falls back to memory, with the
    /// reason in [`Storage::fallback_reason`], when IndexedDB cannot be used.
    pub async fn open() -> Storage {
        let factory = web_sys::window().map(|w| w.indexed_db());
        match factory {
            Some(Ok(Some(factory))) => match Storage::open_in(&factory, DB_NAME).await {
                Ok(storage) => storage,
                Err(error) => Storage::memory(&error.message),
            },
            Some(Ok(None)) | None => Storage::memory("This browser offers no IndexedDB"),
            Some(Err(error)) => {
                let (_, message) = errors::name_and_message(&error);
                Storage::memory(&format!("The browser refused IndexedDB ({message})"))
            }
        }
    }

    /// Opens database `name` from `factory` (tests: a fresh name, or a storage bucket's
    /// `indexedDB` with a small quota). Errors instead of falling back.
    pub async fn open_in(
        factory: &web_sys::IdbFactory,
        name: &str,
    ) -> Result<Storage, StorageError> {
        let db = Database::open(factory, name).await?;
        Ok(Storage {
            backend: SendWrapper::new(Backend::Idb(db)),
        })
    }

    /// A storage that keeps everything in memory (this tab only).
    pub fn memory(reason: &str) -> Storage {
        Storage {
            backend: SendWrapper::new(Backend::Memory(Memory::new(reason))),
        }
    }

    /// Why this storage is memory only (`None` when it is IndexedDB).
    pub fn fallback_reason(&self) -> Option<String> {
        match &*self.backend {
            Backend::Idb(_) => None,
            Backend::Memory(memory) => Some(format!(
                "{}. Your work is kept only in this tab and is lost when it closes; export it \
                 from Settings to keep it.",
                memory.reason.trim_end_matches('.')
            )),
        }
    }

    /// The open database's schema version ([`DB_VERSION`]); `None` in memory.
    pub fn schema_version(&self) -> Option<u32> {
        match &*self.backend {
            // Versions are small integers stored as doubles.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Backend::Idb(db) => Some(db.version() as u32),
            Backend::Memory(_) => None,
        }
    }

    // --- notebooks ---
    pub async fn put_notebook(&self, notebook: &StoredNotebook) -> Result<(), StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.put_notebook(notebook).await,
            Backend::Memory(memory) => memory.put_notebook(notebook),
        }
    }
    pub async fn notebook(&self, id: &str) -> Result<Option<StoredNotebook>, StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.notebook(id).await,
            Backend::Memory(memory) => Ok(memory.notebook(id)),
        }
    }
    /// Every saved notebook, most recently updated first.
    pub async fn notebooks(&self) -> Result<Vec<NotebookInfo>, StorageError> {
        let mut notebooks = match &*self.backend {
            Backend::Idb(db) => db.all_notebooks().await?,
            Backend::Memory(memory) => memory.all_notebooks(),
        };
        notebooks.sort_by(newest_notebook_first);
        Ok(notebooks.iter().map(StoredNotebook::info).collect())
    }
    pub async fn delete_notebook(&self, id: &str) -> Result<(), StorageError> {
        match &*self.backend {
            Backend::Idb(db) => {
                db.delete(&[NOTEBOOKS], id, Doing::new("deleting", "the notebook"))
                    .await
            }
            Backend::Memory(memory) => memory.delete_notebook(id),
        }
    }

    // --- runs: the record and its model bytes always together (one transaction) ---
    pub async fn put_run(&self, run: &RunRecord, model: &[u8]) -> Result<(), StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.put_run(run, model, false).await,
            Backend::Memory(memory) => memory.put_run(run, model),
        }
    }
    /// Test hook for atomicity: issues both writes of [`Storage::put_run`], then aborts the
    /// transaction before it commits, as a failure late in the write would. Always an error
    /// on IndexedDB (nothing is kept); in memory it writes like `put_run`.
    #[doc(hidden)]
    pub async fn put_run_then_abort(
        &self,
        run: &RunRecord,
        model: &[u8],
    ) -> Result<(), StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.put_run(run, model, true).await,
            Backend::Memory(memory) => memory.put_run(run, model),
        }
    }
    /// Every run, newest first (records only, without model bytes).
    pub async fn runs(&self) -> Result<Vec<RunRecord>, StorageError> {
        let mut runs = match &*self.backend {
            Backend::Idb(db) => db.all_runs().await?,
            Backend::Memory(memory) => memory.all_runs(),
        };
        runs.sort_by(newest_run_first);
        Ok(runs)
    }
    pub async fn run(&self, id: &str) -> Result<Option<RunRecord>, StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.run(id).await,
            Backend::Memory(memory) => Ok(memory.run(id)),
        }
    }
    pub async fn model(&self, run_id: &str) -> Result<Option<Vec<u8>>, StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.model(run_id).await,
            Backend::Memory(memory) => Ok(memory.model(run_id)),
        }
    }
    /// Replaces a run's tags and note (nothing else of a run changes after it is written).
    pub async fn set_run_notes(
        &self,
        id: &str,
        tags: &[String],
        note: &str,
    ) -> Result<(), StorageError> {
        let found = match &*self.backend {
            Backend::Idb(db) => {
                let tags: js_sys::Array = tags
                    .iter()
                    .map(|t| wasm_bindgen::JsValue::from_str(t))
                    .collect();
                let fields = vec![("tags", tags.into()), ("note", note.into())];
                db.update(
                    RUNS,
                    id,
                    fields,
                    Doing::new("saving", "the run's tags and note"),
                )
                .await?
            }
            Backend::Memory(memory) => memory.set_run_notes(id, tags, note),
        };
        errors::run_updated(found, id, "the change of tags and note")
    }
    /// Deletes a run and its model (one transaction).
    pub async fn delete_run(&self, id: &str) -> Result<(), StorageError> {
        match &*self.backend {
            Backend::Idb(db) => {
                db.delete(&[RUNS, MODELS], id, Doing::new("deleting", "the run"))
                    .await
            }
            Backend::Memory(memory) => memory.delete_run(id),
        }
    }

    // --- cached dataset files, by content hash ---
    pub async fn put_dataset(
        &self,
        info: &CachedDataset,
        bytes: &[u8],
    ) -> Result<(), StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.put_dataset(info, bytes).await,
            Backend::Memory(memory) => memory.put_dataset(info, bytes),
        }
    }
    pub async fn dataset(&self, sha256: &str) -> Result<Option<Vec<u8>>, StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.dataset(sha256).await,
            Backend::Memory(memory) => Ok(memory.dataset(sha256)),
        }
    }
    /// Every kept file, most recently stored first.
    pub async fn datasets(&self) -> Result<Vec<CachedDataset>, StorageError> {
        let mut datasets = match &*self.backend {
            Backend::Idb(db) => db.all_datasets().await?,
            Backend::Memory(memory) => memory.all_datasets(),
        };
        datasets.sort_by(|a, b| {
            b.stored_ms
                .total_cmp(&a.stored_ms)
                .then_with(|| a.file_name.cmp(&b.file_name))
        });
        Ok(datasets)
    }
    pub async fn delete_dataset(&self, sha256: &str) -> Result<(), StorageError> {
        match &*self.backend {
            Backend::Idb(db) => {
                db.delete(
                    &[DATASETS, DATASET_BYTES],
                    sha256,
                    Doing::new("removing", "the kept file"),
                )
                .await
            }
            Backend::Memory(memory) => memory.delete_dataset(sha256),
        }
    }

    // --- everything ---
    /// Everything, for "Export": notebooks, runs with models, and cached files if asked.
    pub async fn export(&self, with_datasets: bool) -> Result<Archive, StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.export(with_datasets).await,
            Backend::Memory(memory) => Ok(memory.export(with_datasets)),
        }
    }
    /// Writes everything in `archive` (already checked by `archive::for_import`, in the engine
    /// worker) in one transaction, replacing records with the same ids; all or nothing.
    pub async fn import(&self, archive: &Archive) -> Result<ImportCounts, StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.import(archive).await,
            Backend::Memory(memory) => memory.import(archive),
        }
    }
    /// Deletes every notebook, run, model and cached file (one transaction).
    pub async fn erase_all(&self) -> Result<(), StorageError> {
        match &*self.backend {
            Backend::Idb(db) => db.erase_all().await,
            Backend::Memory(memory) => memory.erase_all(),
        }
    }
}
