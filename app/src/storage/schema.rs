//! The `jukebox` database's stores and the upgrades between schema versions, applied step
//! by step inside `upgradeneeded` (v0 → v1 → v2), so any older database reaches the current
//! shape in one open. A failed step aborts the upgrade: the browser then keeps the old
//! version untouched.
//!
//! - v1 (first release): `notebooks` (key `id`), `runs` (key `id`, the model bytes inline in
//!   each record's `model` field).
//! - v2: `runs` without the bytes and with an index `started_ms`; `models` (key: run id,
//!   value: `Uint8Array`); `datasets` (key `sha256`, the cached file's info) and
//!   `dataset_bytes` (key: sha256, value: `Uint8Array`), so listing never loads bytes.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbTransaction};

pub(crate) const NOTEBOOKS: &str = "notebooks";
pub(crate) const RUNS: &str = "runs";
pub(crate) const MODELS: &str = "models";
pub(crate) const DATASETS: &str = "datasets";
pub(crate) const DATASET_BYTES: &str = "dataset_bytes";
/// The `runs` index by start time.
pub(crate) const RUNS_BY_START: &str = "started_ms";
/// Every store of the current schema.
pub(crate) const ALL_STORES: [&str; 5] = [NOTEBOOKS, RUNS, MODELS, DATASETS, DATASET_BYTES];

/// Brings a database at `old_version` to the current schema; aborts `tx` on failure.
pub(crate) fn upgrade(db: &IdbDatabase, tx: &IdbTransaction, old_version: u32) {
    let mut outcome = Ok(());
    if old_version < 1 {
        outcome = create_v1(db);
    }
    if old_version < 2 && outcome.is_ok() {
        outcome = upgrade_v1_to_v2(db, tx);
    }
    if let Err(error) = outcome {
        web_sys::console::error_2(
            &JsValue::from_str("Jukebox storage upgrade failed:"),
            &error,
        );
        // Aborting rolls the whole upgrade back; the open then fails with `AbortError`.
        let _ = tx.abort();
    }
}

fn keyed_by(path: &str) -> IdbObjectStoreParameters {
    let parameters = IdbObjectStoreParameters::new();
    parameters.set_key_path(&JsValue::from_str(path));
    parameters
}

fn create_v1(db: &IdbDatabase) -> Result<(), JsValue> {
    db.create_object_store_with_optional_parameters(NOTEBOOKS, &keyed_by("id"))?;
    db.create_object_store_with_optional_parameters(RUNS, &keyed_by("id"))?;
    Ok(())
}

fn upgrade_v1_to_v2(db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
    db.create_object_store(MODELS)?;
    db.create_object_store_with_optional_parameters(DATASETS, &keyed_by("sha256"))?;
    db.create_object_store(DATASET_BYTES)?;
    let runs = tx.object_store(RUNS)?;
    runs.create_index_with_str(RUNS_BY_START, RUNS_BY_START)?;
    // Move each run's inline model into `models`; the puts join this same transaction.
    let request = runs.get_all()?;
    let read = request.clone();
    let moving = tx.clone();
    let on_read = Closure::once_into_js(move || {
        let moved = read
            .result()
            .and_then(|records| move_inline_models(&moving, &records.unchecked_into()));
        if let Err(error) = moved {
            web_sys::console::error_2(&JsValue::from_str("Jukebox storage upgrade v1→v2:"), &error);
            let _ = moving.abort();
        }
    });
    request.set_onsuccess(Some(on_read.unchecked_ref()));
    Ok(())
}

/// v1 → v2 for every run record: `model` (a `Uint8Array`, or an array of numbers) goes to
/// `models` under the run's id, and the record is written back without it.
fn move_inline_models(tx: &IdbTransaction, records: &Array) -> Result<(), JsValue> {
    let runs = tx.object_store(RUNS)?;
    let models = tx.object_store(MODELS)?;
    let model_key = JsValue::from_str("model");
    for record in records.iter() {
        let model = Reflect::get(&record, &model_key)?;
        if model.is_undefined() || model.is_null() {
            continue;
        }
        let id = Reflect::get(&record, &JsValue::from_str("id"))?;
        models.put_with_key(&Uint8Array::new(&model), &id)?;
        Reflect::delete_property(record.unchecked_ref::<js_sys::Object>(), &model_key)?;
        runs.put(&record)?;
    }
    Ok(())
}
