//! `navigator.storage`: usage and quota, and whether the browser keeps the data under
//! storage pressure. Read through `Reflect` so a browser without the API gives `None`/false
//! instead of an exception.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Usage and quota as the browser reports them (`navigator.storage.estimate()`), and
/// whether storage is persistent (`navigator.storage.persisted()`).
#[derive(Debug, Clone, PartialEq)]
pub struct StorageEstimate {
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
    pub persisted: bool,
}

/// `navigator.storage`, when the browser has it.
fn storage_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let manager = Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    (!manager.is_undefined() && !manager.is_null()).then_some(manager)
}

/// Calls `manager[method]()` and awaits its promise; `None` if any step is missing or fails.
async fn call(manager: &JsValue, method: &str) -> Option<JsValue> {
    let function: Function = Reflect::get(manager, &JsValue::from_str(method))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = function.call0(manager).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()
}

fn number(object: &JsValue, field: &str) -> Option<f64> {
    Reflect::get(object, &JsValue::from_str(field))
        .ok()?
        .as_f64()
}

/// `navigator.storage.estimate()` and `persisted()`.
pub async fn estimate() -> StorageEstimate {
    let Some(manager) = storage_manager() else {
        return StorageEstimate {
            usage_bytes: None,
            quota_bytes: None,
            persisted: false,
        };
    };
    let estimate = call(&manager, "estimate").await;
    let persisted = call(&manager, "persisted").await.and_then(|v| v.as_bool());
    StorageEstimate {
        usage_bytes: estimate.as_ref().and_then(|e| number(e, "usage")),
        quota_bytes: estimate.as_ref().and_then(|e| number(e, "quota")),
        persisted: persisted.unwrap_or(false),
    }
}

/// Asks for persistent storage (`navigator.storage.persist()`); true when granted.
pub async fn request_persistence() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    call(&manager, "persist")
        .await
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
