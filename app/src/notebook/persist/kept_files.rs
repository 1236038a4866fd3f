//! Local files the notebook reads: the file picked or dropped on a cell is kept by content
//! hash in the browser's storage, so a reload (or a notebook opened again) finds it instead
//! of asking for it.

use std::collections::HashMap;

use jukebox_core::hash::sha256_hex;
use jukebox_core::store::CachedDataset;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::AppError;
use crate::browser::clock::epoch_ms;
use crate::browser::files::read_bytes;
use crate::notebook::document::Document;
use crate::storage::StorageSlot;

/// The kept files' handle: files picked in this visit by cell, and where files are kept.
#[derive(Debug, Clone, Copy)]
pub struct KeptFiles {
    document: Document,
    slot: StorageSlot,
    /// Files picked or dropped, by the id of the cell that reads them.
    picked: StoredValue<HashMap<u64, web_sys::File>, LocalStorage>,
}

/// Keeps the notebook's local files in `slot`'s storage.
pub fn use_kept_files(document: Document, slot: StorageSlot) -> KeptFiles {
    KeptFiles {
        document,
        slot,
        picked: StoredValue::new_local(HashMap::new()),
    }
}

impl KeptFiles {
    /// Cell `id` reads `file` from now on.
    pub fn pick(&self, id: u64, file: web_sys::File) {
        self.picked.update_value(|f| drop(f.insert(id, file)));
    }

    /// The file picked for cell `id` in this visit, if any.
    pub fn picked(&self, id: u64) -> Option<web_sys::File> {
        self.picked.with_value(|f| f.get(&id).cloned())
    }

    /// A local file the notebook reads, from storage by its hash; else asks for it.
    pub async fn cached_file(
        &self,
        file_name: &str,
        size: u64,
        sha256: &str,
    ) -> Result<web_sys::File, AppError> {
        let ask = format!(
            "This notebook reads the local file `{file_name}`{}. Files are not part of links: drop that file on this cell or choose it.",
            described(size, sha256)
        );
        if sha256.is_empty() {
            return Err(ask.into());
        }
        let Some(storage) = self.slot.get() else {
            return Err(ask.into());
        };
        match storage.dataset(sha256).await {
            Ok(Some(bytes)) => file_from_bytes(&bytes, file_name),
            Ok(None) => Err(ask.into()),
            Err(e) => Err(format!("{ask} ({e})").into()),
        }
    }

    /// Reads a picked file, keeps it in storage by content hash (best effort: a full
    /// storage only means the file is asked for again after a reload) and returns its
    /// size and hash.
    pub async fn keep(&self, file: &web_sys::File) -> Option<(u64, String)> {
        let bytes = read_bytes(file).await.ok()?;
        let sha256 = sha256_hex(&bytes);
        let size = bytes.len() as u64;
        if let Some(storage) = self.slot.get() {
            let info = CachedDataset {
                sha256: sha256.clone(),
                file_name: file.name(),
                size,
                stored_ms: epoch_ms(),
            };
            match storage.put_dataset(&info, &bytes).await {
                Ok(()) => self.slot.bump(),
                Err(e) => self.document.show_problem(format!(
                    "`{}` was loaded but not kept for the next visit: {e}",
                    file.name()
                )),
            }
        }
        Some((size, sha256))
    }
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

fn file_from_bytes(bytes: &[u8], name: &str) -> Result<web_sys::File, AppError> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    web_sys::File::new_with_u8_array_sequence(&parts, name)
        .map_err(|e| AppError::from_js(&e))
        .and_then(|f| f.dyn_into().map_err(|_| AppError::new("not a file")))
}
