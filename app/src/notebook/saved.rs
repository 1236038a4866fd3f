//! The notebook's side of the browser's storage: each finished training is recorded as a
//! run; a Train cell whose last run still matches is restored instead of trained again; a
//! "Model from run" cell loads a saved model; local files are kept by content hash so a
//! reload does not ask for them again.

use jukebox_core::hash::sha256_hex;
use jukebox_core::notebook::{CellSpec, Source};
use jukebox_core::protocol::{RequestBody, SavedModel};
use jukebox_core::runs::{RunArtifacts, RunOrigin, new_run_id, record};
use jukebox_core::store::CachedDataset;
use jukebox_core::train::TrainReport;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::state::NotebookState;
use crate::engine_client::js_error_text;
use crate::storage::Storage;

impl NotebookState {
    /// Gives the notebook its storage (once opened).
    pub fn attach_storage(&self, storage: Storage) {
        self.storage.set_value(Some(storage));
    }

    pub fn storage(&self) -> Option<Storage> {
        self.storage.with_value(Clone::clone)
    }

    /// Tells the views that read storage (Runs, Settings) to read again.
    pub fn bump_changed(&self) {
        self.storage_changed.update(|n| *n += 1);
    }

    /// The engine request for a cell, with what only the page has: a Train cell's last run
    /// (to restore), a saved run's model, a local file kept in storage. `Ok(None)`: nothing
    /// to compute (markdown).
    pub(super) async fn request_for(
        &self,
        id: u64,
        spec: CellSpec,
        file: &mut Option<web_sys::File>,
    ) -> Result<Option<RequestBody>, String> {
        match &spec {
            CellSpec::LoadRun { run, output } => {
                let saved = self.saved_model(run).await?;
                return Ok(Some(RequestBody::LoadModel {
                    name: output.clone(),
                    saved: Box::new(saved),
                }));
            }
            CellSpec::Source {
                source:
                    Source::File {
                        file_name,
                        size,
                        sha256,
                        ..
                    },
            } if file.is_none() => {
                *file = Some(self.cached_file(file_name, *size, sha256).await?);
            }
            _ => {}
        }
        let mut request = RequestBody::for_cell(spec);
        if let Some(RequestBody::Train { restore, .. }) = &mut request {
            let run = self.saved.with_untracked(|s| s.last_runs.get(&id).cloned());
            if let Some(run) = run {
                // A run that cannot be read is only a missed shortcut: train again.
                *restore = self.saved_model(&run).await.ok().map(Box::new);
            }
        }
        Ok(request)
    }

    /// A run's model as the engine installs it, or why it cannot be had.
    async fn saved_model(&self, run_id: &str) -> Result<SavedModel, String> {
        let storage = self
            .storage()
            .ok_or("The browser's storage is not open yet: run the cell again in a moment.")?;
        let missing = || {
            format!(
                "Run `{run_id}` is not saved in this browser (deleted, or the notebook came from a link or another browser). Pick another run on the Runs page."
            )
        };
        let record = storage
            .run(run_id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(missing)?;
        let model = storage
            .model(run_id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(missing)?;
        Ok(SavedModel {
            run_id: record.id,
            report: record.report,
            datasets: record.datasets,
            model,
        })
    }

    /// A local file the notebook reads, from storage by its hash; else asks for it.
    async fn cached_file(
        &self,
        file_name: &str,
        size: u64,
        sha256: &str,
    ) -> Result<web_sys::File, String> {
        let ask = format!(
            "This notebook reads the local file `{file_name}`{}. Files are not part of links: drop that file on this cell or choose it.",
            described(size, sha256)
        );
        if sha256.is_empty() {
            return Err(ask);
        }
        let Some(storage) = self.storage() else {
            return Err(ask);
        };
        match storage.dataset(sha256).await {
            Ok(Some(bytes)) => file_from_bytes(&bytes, file_name),
            Ok(None) => Err(ask),
            Err(e) => Err(format!("{ask} ({e})")),
        }
    }

    /// Reads a picked file, keeps it in storage by content hash (best effort: a full
    /// storage only means the file is asked for again after a reload) and returns its
    /// size and hash.
    pub(super) async fn keep_file(&self, file: &web_sys::File) -> Option<(u64, String)> {
        let bytes = read_file(file).await.ok()?;
        let sha256 = sha256_hex(&bytes);
        let size = bytes.len() as u64;
        if let Some(storage) = self.storage() {
            let info = CachedDataset {
                sha256: sha256.clone(),
                file_name: file.name(),
                size,
                stored_ms: js_sys::Date::now(),
            };
            match storage.put_dataset(&info, &bytes).await {
                Ok(()) => self.bump_changed(),
                Err(e) => self.problem.set(Some(format!(
                    "`{}` was loaded but not kept for the next visit: {e}",
                    file.name()
                ))),
            }
        }
        Some((size, sha256))
    }

    /// Records a finished (or cancelled) training as a run: record and model in one
    /// transaction. A failure is shown; the notebook goes on.
    pub(super) fn record_run(
        &self,
        cell_id: u64,
        report: &TrainReport,
        artifacts: RunArtifacts,
        wall_ms: f64,
    ) {
        let Some(storage) = self.storage() else {
            return;
        };
        let ended_ms = js_sys::Date::now();
        let saved = self.saved.get_untracked();
        let input = match self.snapshot().cells.iter().find(|c| c.id == cell_id) {
            Some(cell) => match &cell.spec {
                CellSpec::Train { input, .. } => input.clone(),
                _ => return,
            },
            None => return,
        };
        let started_ms = ended_ms - wall_ms;
        let random = random_id_part();
        let origin = RunOrigin {
            notebook_id: saved.id,
            notebook_title: self.title.get_untracked(),
            cell_id,
            input,
            started_ms,
            ended_ms,
            user_agent: user_agent(),
        };
        let record = record(
            new_run_id(started_ms, random),
            origin,
            report.clone(),
            &artifacts,
        );
        let model = artifacts.model;
        let state = *self;
        // The notebook names its new run at once, so the save that follows (the autosave, or
        // the flush when the tab closes right after the training) keeps the notebook with it;
        // if the run cannot be written, the cell's previous run is named again.
        let previous = self.saved.get_untracked().last_runs.get(&cell_id).cloned();
        self.saved
            .update(|s| drop(s.last_runs.insert(cell_id, record.id.clone())));
        leptos::task::spawn_local(async move {
            match storage.put_run(&record, &model).await {
                Ok(()) => state.bump_changed(),
                Err(e) => {
                    state.saved.update(|s| {
                        if s.last_runs.get(&cell_id) == Some(&record.id) {
                            match previous {
                                Some(run) => drop(s.last_runs.insert(cell_id, run)),
                                None => drop(s.last_runs.remove(&cell_id)),
                            }
                        }
                    });
                    state.problem.set(Some(format!(
                        "The training of `{}` finished but was not saved as a run: {e}",
                        record.model_name
                    )));
                }
            }
        });
    }
}

/// A random number for ids: six base-36 digits' worth.
pub(crate) fn random_id_part() -> u64 {
    // `Math.random()` is in [0, 1): the product is a non-negative whole number below 36^6.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (js_sys::Math::random() * 36f64.powi(6)) as u64;
    n
}

fn described(size: u64, sha256: &str) -> String {
    let mut parts = Vec::new();
    if size > 0 {
        parts.push(format!("{:.1} MB", size as f64 / 1e6));
    }
    if !sha256.is_empty() {
        parts.push(format!("SHA-256 {}…", &sha256[..sha256.len().min(12)]));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| js_error_text(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn file_from_bytes(bytes: &[u8], name: &str) -> Result<web_sys::File, String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    web_sys::File::new_with_u8_array_sequence(&parts, name)
        .map_err(|e| js_error_text(&e))
        .and_then(|f| f.dyn_into().map_err(|_| "not a file".to_string()))
}
