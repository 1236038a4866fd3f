//! The records of each store on IndexedDB: notebooks, runs with their models, cached
//! dataset files, and everything at once for export and import.

use std::collections::HashMap;

use js_sys::Array;
use jukebox_core::archive::{Archive, ArchivedDataset, ArchivedRun, ImportCounts};
use jukebox_core::runs::RunRecord;
use jukebox_core::store::{CachedDataset, StoredNotebook};
use wasm_bindgen::JsValue;

use super::StorageError;
use super::database::Database;
use super::errors::{self, Doing};
use super::schema::{ALL_STORES, DATASET_BYTES, DATASETS, MODELS, NOTEBOOKS, RUNS};
use super::values::{bytes_from_js, bytes_to_js, from_js, key_of, to_js};

const THIS_RUN: Doing<'static> = Doing {
    action: "saving",
    what: "this run",
};

impl Database {
    pub(crate) async fn put_notebook(&self, notebook: &StoredNotebook) -> Result<(), StorageError> {
        let doing = Doing::new("saving", "the notebook");
        let value = to_js(notebook, doing)?;
        self.write(&[NOTEBOOKS], doing, |tx| {
            tx.object_store(NOTEBOOKS)?.put(&value).map(drop)
        })
        .await
    }

    pub(crate) async fn notebook(&self, id: &str) -> Result<Option<StoredNotebook>, StorageError> {
        let value = self
            .get(NOTEBOOKS, id, Doing::new("reading", "a notebook"))
            .await?;
        optional(&value, |v| from_js(v, NOTEBOOKS, id))
    }

    pub(crate) async fn all_notebooks(&self) -> Result<Vec<StoredNotebook>, StorageError> {
        let values = self
            .get_all(NOTEBOOKS, Doing::new("reading", "the notebooks"))
            .await?;
        values
            .iter()
            .map(|v| from_js(&v, NOTEBOOKS, &key_of(&v, "id")))
            .collect()
    }

    pub(crate) async fn delete(
        &self,
        stores: &[&str],
        key: &str,
        doing: Doing<'_>,
    ) -> Result<(), StorageError> {
        let key = JsValue::from_str(key);
        self.write(stores, doing, |tx| {
            for store in stores {
                tx.object_store(store)?.delete(&key)?;
            }
            Ok(())
        })
        .await
    }

    /// The record and its model in one transaction; `abort_before_commit` (tests) aborts it
    /// after both puts, as a failure late in the write would.
    pub(crate) async fn put_run(
        &self,
        run: &RunRecord,
        model: &[u8],
        abort_before_commit: bool,
    ) -> Result<(), StorageError> {
        let record = to_js(run, THIS_RUN)?;
        let (bytes, key) = (bytes_to_js(model), JsValue::from_str(&run.id));
        self.write(&[RUNS, MODELS], THIS_RUN, |tx| {
            tx.object_store(RUNS)?.put(&record)?;
            tx.object_store(MODELS)?.put_with_key(&bytes, &key)?;
            if abort_before_commit {
                tx.abort()?;
            }
            Ok(())
        })
        .await
    }

    pub(crate) async fn all_runs(&self) -> Result<Vec<RunRecord>, StorageError> {
        let values = self
            .get_all(RUNS, Doing::new("reading", "the runs"))
            .await?;
        values
            .iter()
            .map(|v| from_js(&v, RUNS, &key_of(&v, "id")))
            .collect()
    }

    pub(crate) async fn run(&self, id: &str) -> Result<Option<RunRecord>, StorageError> {
        let value = self.get(RUNS, id, Doing::new("reading", "a run")).await?;
        optional(&value, |v| from_js(v, RUNS, id))
    }

    pub(crate) async fn model(&self, run_id: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let value = self
            .get(MODELS, run_id, Doing::new("reading", "a run's model"))
            .await?;
        optional(&value, |v| bytes_from_js(v, MODELS, run_id))
    }

    pub(crate) async fn put_dataset(
        &self,
        info: &CachedDataset,
        bytes: &[u8],
    ) -> Result<(), StorageError> {
        let doing = Doing::new("keeping", "this data file");
        let record = to_js(info, doing)?;
        let (bytes, key) = (bytes_to_js(bytes), JsValue::from_str(&info.sha256));
        self.write(&[DATASETS, DATASET_BYTES], doing, |tx| {
            tx.object_store(DATASETS)?.put(&record)?;
            tx.object_store(DATASET_BYTES)?
                .put_with_key(&bytes, &key)
                .map(drop)
        })
        .await
    }

    pub(crate) async fn dataset(&self, sha256: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let value = self
            .get(
                DATASET_BYTES,
                sha256,
                Doing::new("reading", "a kept data file"),
            )
            .await?;
        optional(&value, |v| bytes_from_js(v, DATASET_BYTES, sha256))
    }

    pub(crate) async fn all_datasets(&self) -> Result<Vec<CachedDataset>, StorageError> {
        let values = self
            .get_all(DATASETS, Doing::new("reading", "the kept data files"))
            .await?;
        values
            .iter()
            .map(|v| from_js(&v, DATASETS, &key_of(&v, "sha256")))
            .collect()
    }

    /// Everything, read in one transaction (a consistent snapshot); newest first.
    pub(crate) async fn export(&self, with_datasets: bool) -> Result<Archive, StorageError> {
        let doing = Doing::new("exporting", "the saved data");
        let stores: &[&str] = if with_datasets {
            &ALL_STORES
        } else {
            &[NOTEBOOKS, RUNS, MODELS]
        };
        let values = self
            .read(stores, doing, |tx| {
                let mut requests = Vec::new();
                for store in stores {
                    let store = tx.object_store(store)?;
                    requests.push(store.get_all()?);
                    requests.push(store.get_all_keys()?);
                }
                Ok(requests)
            })
            .await?;
        let array = |i: usize| -> Array { values.get(i).cloned().unwrap_or_default().into() };
        let models = keyed_bytes(&array(5), &array(4), MODELS)?;
        let mut runs = Vec::new();
        for value in array(2).iter() {
            let record: RunRecord = from_js(&value, RUNS, &key_of(&value, "id"))?;
            let model = models
                .get(&record.id)
                .cloned()
                .ok_or_else(|| errors::corrupt(MODELS, &record.id, "the run's model is missing"))?;
            runs.push(ArchivedRun { record, model });
        }
        let notebooks = array(0)
            .iter()
            .map(|v| from_js(&v, NOTEBOOKS, &key_of(&v, "id")))
            .collect::<Result<Vec<StoredNotebook>, _>>()?;
        let datasets = if with_datasets {
            archived_datasets(&array(6), &array(9), &array(8))?
        } else {
            Vec::new()
        };
        Ok(super::order::sorted_archive(notebooks, runs, datasets))
    }

    /// Every record of `archive`, in one transaction over every store.
    pub(crate) async fn import(&self, archive: &Archive) -> Result<ImportCounts, StorageError> {
        let doing = Doing::new("importing", "the file");
        let notebooks = archive
            .notebooks
            .iter()
            .map(|n| to_js(n, doing))
            .collect::<Result<Vec<_>, _>>()?;
        let runs = archive
            .runs
            .iter()
            .map(|r| Ok((to_js(&r.record, doing)?, &r.record.id, &r.model)))
            .collect::<Result<Vec<_>, StorageError>>()?;
        let datasets = archive
            .datasets
            .iter()
            .map(|d| Ok((to_js(&d.info, doing)?, &d.info.sha256, &d.bytes)))
            .collect::<Result<Vec<_>, StorageError>>()?;
        self.write(&ALL_STORES, doing, |tx| {
            let store = |name: &str| tx.object_store(name);
            for notebook in &notebooks {
                store(NOTEBOOKS)?.put(notebook)?;
            }
            for (record, id, model) in &runs {
                store(RUNS)?.put(record)?;
                store(MODELS)?.put_with_key(&bytes_to_js(model), &JsValue::from_str(id))?;
            }
            for (info, sha256, bytes) in &datasets {
                store(DATASETS)?.put(info)?;
                store(DATASET_BYTES)?
                    .put_with_key(&bytes_to_js(bytes), &JsValue::from_str(sha256))?;
            }
            Ok(())
        })
        .await?;
        Ok(ImportCounts {
            notebooks: notebooks.len(),
            runs: runs.len(),
            datasets: datasets.len(),
        })
    }
}

/// `None` for a missing record (`undefined`), else the decoded value.
fn optional<T>(
    value: &JsValue,
    decode: impl FnOnce(&JsValue) -> Result<T, StorageError>,
) -> Result<Option<T>, StorageError> {
    if value.is_undefined() {
        Ok(None)
    } else {
        decode(value).map(Some)
    }
}

/// Key → bytes from a store's `getAllKeys` and `getAll` (same order).
fn keyed_bytes(
    keys: &Array,
    values: &Array,
    store: &str,
) -> Result<HashMap<String, Vec<u8>>, StorageError> {
    keys.iter()
        .zip(values.iter())
        .map(|(key, value)| {
            let key = key.as_string().unwrap_or_default();
            let bytes = bytes_from_js(&value, store, &key)?;
            Ok((key, bytes))
        })
        .collect()
}

fn archived_datasets(
    infos: &Array,
    keys: &Array,
    values: &Array,
) -> Result<Vec<ArchivedDataset>, StorageError> {
    let mut bytes = keyed_bytes(keys, values, DATASET_BYTES)?;
    infos
        .iter()
        .map(|value| {
            let info: CachedDataset = from_js(&value, DATASETS, &key_of(&value, "sha256"))?;
            let bytes = bytes.remove(&info.sha256).ok_or_else(|| {
                errors::corrupt(DATASET_BYTES, &info.sha256, "the file's bytes are missing")
            })?;
            Ok(ArchivedDataset { info, bytes })
        })
        .collect()
}
