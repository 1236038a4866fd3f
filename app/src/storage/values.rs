//! Records ↔ stored values. Records are stored as plain JS objects (JSON through
//! `JSON.parse`, so they stay readable in the browser's developer tools and keep their key
//! fields for IndexedDB's key paths and indexes); bytes as `Uint8Array`s.

use js_sys::{Reflect, Uint8Array};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use super::StorageError;
use super::errors::{self, Doing};

/// A record as a JS object.
pub(crate) fn to_js<T: Serialize>(value: &T, doing: Doing<'_>) -> Result<JsValue, StorageError> {
    let text = serde_json::to_string(value)
        .map_err(|e| errors::other(doing, &format!("the record does not convert to JSON: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|e| errors::from_js(&e, doing))
}

/// A stored JS object as a record; `Corrupt`, naming `store` and the record's key, when it
/// does not read as one.
pub(crate) fn from_js<T: DeserializeOwned>(
    value: &JsValue,
    store: &str,
    key: &str,
) -> Result<T, StorageError> {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| errors::corrupt(store, key, "it is not a JSON value"))?;
    serde_json::from_str(&text).map_err(|e| errors::corrupt(store, key, &e.to_string()))
}

/// The string field `field` of a stored object (its key, for messages), or `?`.
pub(crate) fn key_of(value: &JsValue, field: &str) -> String {
    Reflect::get(value, &JsValue::from_str(field))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "?".to_owned())
}

/// Bytes as a new `Uint8Array` (a copy: IndexedDB clones it again when it stores it).
pub(crate) fn bytes_to_js(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

/// Stored bytes (`Uint8Array` or `ArrayBuffer`), or `Corrupt`.
pub(crate) fn bytes_from_js(
    value: &JsValue,
    store: &str,
    key: &str,
) -> Result<Vec<u8>, StorageError> {
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Ok(array.to_vec());
    }
    if value.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(Uint8Array::new(value).to_vec());
    }
    Err(errors::corrupt(store, key, "the value is not bytes"))
}
