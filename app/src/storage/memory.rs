//! The memory side of [`super::Storage`], used when IndexedDB cannot be (private mode,
//! disabled or blocked storage): the same records in maps, kept only while this tab lives.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use jukebox_core::archive::{Archive, ArchivedDataset, ArchivedRun, ImportCounts};
use jukebox_core::registry::{PushProgress, Registration};
use jukebox_core::runs::RunRecord;
use jukebox_core::store::{CachedDataset, StoredNotebook};

use super::StorageError;

#[derive(Debug, Default)]
struct Maps {
    notebooks: BTreeMap<String, StoredNotebook>,
    runs: BTreeMap<String, (RunRecord, Vec<u8>)>,
    datasets: BTreeMap<String, (CachedDataset, Vec<u8>)>,
}

/// Shared maps and why they are used.
#[derive(Clone, Debug)]
pub(crate) struct Memory {
    pub(crate) reason: String,
    maps: Rc<RefCell<Maps>>,
}

// Writes return `Result` like the IndexedDB side's, so `Storage` treats both alike; in
// memory they cannot fail.
#[allow(clippy::unnecessary_wraps)]
impl Memory {
    pub(crate) fn new(reason: &str) -> Memory {
        Memory {
            reason: reason.to_owned(),
            maps: Rc::default(),
        }
    }

    pub(crate) fn put_notebook(&self, notebook: &StoredNotebook) -> Result<(), StorageError> {
        self.maps
            .borrow_mut()
            .notebooks
            .insert(notebook.id.clone(), notebook.clone());
        Ok(())
    }

    pub(crate) fn notebook(&self, id: &str) -> Option<StoredNotebook> {
        self.maps.borrow().notebooks.get(id).cloned()
    }

    pub(crate) fn all_notebooks(&self) -> Vec<StoredNotebook> {
        self.maps.borrow().notebooks.values().cloned().collect()
    }

    pub(crate) fn delete_notebook(&self, id: &str) -> Result<(), StorageError> {
        self.maps.borrow_mut().notebooks.remove(id);
        Ok(())
    }

    pub(crate) fn put_run(&self, run: &RunRecord, model: &[u8]) -> Result<(), StorageError> {
        let entry = (run.clone(), model.to_vec());
        self.maps.borrow_mut().runs.insert(run.id.clone(), entry);
        Ok(())
    }

    pub(crate) fn all_runs(&self) -> Vec<RunRecord> {
        self.maps
            .borrow()
            .runs
            .values()
            .map(|(run, _)| run.clone())
            .collect()
    }

    pub(crate) fn run(&self, id: &str) -> Option<RunRecord> {
        self.maps.borrow().runs.get(id).map(|(run, _)| run.clone())
    }

    pub(crate) fn model(&self, run_id: &str) -> Option<Vec<u8>> {
        self.maps
            .borrow()
            .runs
            .get(run_id)
            .map(|(_, model)| model.clone())
    }

    /// False when there is no such run.
    pub(crate) fn set_run_notes(&self, id: &str, tags: &[String], note: &str) -> bool {
        let mut maps = self.maps.borrow_mut();
        let Some((run, _)) = maps.runs.get_mut(id) else {
            return false;
        };
        run.tags = tags.to_vec();
        note.clone_into(&mut run.note);
        true
    }

    /// False when there is no such run.
    pub(crate) fn set_run_registry(
        &self,
        id: &str,
        registrations: &[Registration],
        pushes: &[PushProgress],
    ) -> bool {
        let mut maps = self.maps.borrow_mut();
        let Some((run, _)) = maps.runs.get_mut(id) else {
            return false;
        };
        run.registrations = registrations.to_vec();
        run.pushes = pushes.to_vec();
        true
    }

    pub(crate) fn delete_run(&self, id: &str) -> Result<(), StorageError> {
        self.maps.borrow_mut().runs.remove(id);
        Ok(())
    }

    pub(crate) fn put_dataset(
        &self,
        info: &CachedDataset,
        bytes: &[u8],
    ) -> Result<(), StorageError> {
        let entry = (info.clone(), bytes.to_vec());
        self.maps
            .borrow_mut()
            .datasets
            .insert(info.sha256.clone(), entry);
        Ok(())
    }

    pub(crate) fn dataset(&self, sha256: &str) -> Option<Vec<u8>> {
        self.maps
            .borrow()
            .datasets
            .get(sha256)
            .map(|(_, bytes)| bytes.clone())
    }

    pub(crate) fn all_datasets(&self) -> Vec<CachedDataset> {
        self.maps
            .borrow()
            .datasets
            .values()
            .map(|(info, _)| info.clone())
            .collect()
    }

    pub(crate) fn delete_dataset(&self, sha256: &str) -> Result<(), StorageError> {
        self.maps.borrow_mut().datasets.remove(sha256);
        Ok(())
    }

    pub(crate) fn export(&self, with_datasets: bool) -> Archive {
        let maps = self.maps.borrow();
        let notebooks = maps.notebooks.values().cloned().collect();
        let runs = maps
            .runs
            .values()
            .map(|(record, model)| ArchivedRun {
                record: record.clone(),
                model: model.clone(),
            })
            .collect();
        let datasets = if with_datasets {
            maps.datasets
                .values()
                .map(|(info, bytes)| ArchivedDataset {
                    info: info.clone(),
                    bytes: bytes.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        super::order::sorted_archive(notebooks, runs, datasets)
    }

    pub(crate) fn import(&self, archive: &Archive) -> Result<ImportCounts, StorageError> {
        for notebook in &archive.notebooks {
            self.put_notebook(notebook)?;
        }
        for run in &archive.runs {
            self.put_run(&run.record, &run.model)?;
        }
        for dataset in &archive.datasets {
            self.put_dataset(&dataset.info, &dataset.bytes)?;
        }
        Ok(ImportCounts {
            notebooks: archive.notebooks.len(),
            runs: archive.runs.len(),
            datasets: archive.datasets.len(),
        })
    }

    pub(crate) fn erase_all(&self) -> Result<(), StorageError> {
        *self.maps.borrow_mut() = Maps::default();
        Ok(())
    }
}
