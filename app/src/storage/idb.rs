//! IndexedDB's events as futures: a transaction's end (`complete` or `abort`) and an open
//! request's outcome. Writes resolve only on `complete`, when the browser has committed
//! every request of the transaction; requests are read after it, so no await ever happens
//! while a transaction must stay active.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbTransaction, IdbTransactionMode};

/// Why an open request did not give a database.
#[derive(Debug)]
pub(crate) enum OpenFailure {
    /// Another tab holds an older version open and does not close it.
    Blocked,
    /// The request's error (a `DOMException`).
    Error(JsValue),
}

/// A transaction over `stores`.
pub(crate) fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    mode: IdbTransactionMode,
) -> Result<IdbTransaction, JsValue> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    db.transaction_with_str_sequence_and_mode(&names, mode)
}

/// Waits for `tx` to end: `Ok` on `complete`; on `abort`, the transaction's error
/// (`QuotaExceededError`, …), or an `AbortError` when it was aborted on purpose.
pub(crate) async fn finished(tx: &IdbTransaction) -> Result<(), JsValue> {
    let mut handlers: Vec<Closure<dyn FnMut()>> = Vec::new();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::<dyn FnMut()>::new(move || {
            // A promise's resolve function does not throw.
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        let aborted = tx.clone();
        let on_abort = Closure::<dyn FnMut()>::new(move || {
            let error = aborted.error().map_or_else(
                || {
                    web_sys::DomException::new_with_message_and_name("aborted", "AbortError")
                        .map_or_else(|e| e, JsValue::from)
                },
                JsValue::from,
            );
            let _ = reject.call1(&JsValue::UNDEFINED, &error);
        });
        tx.set_oncomplete(Some(on_complete.as_ref().unchecked_ref()));
        tx.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
        handlers.extend([on_complete, on_abort]);
    });
    let outcome = JsFuture::from(promise).await.map(|_| ());
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    drop(handlers);
    outcome
}

/// Waits for an open request: the database, or why not. `upgrade` runs inside
/// `upgradeneeded` with the database, its `versionchange` transaction and the old version.
pub(crate) async fn opened(
    request: &IdbOpenDbRequest,
    upgrade: impl FnMut(&IdbDatabase, &IdbTransaction, u32) + 'static,
) -> Result<IdbDatabase, OpenFailure> {
    let mut upgrade = upgrade;
    let for_upgrade = request.clone();
    let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
        move |event: web_sys::IdbVersionChangeEvent| {
            let db = for_upgrade
                .result()
                .ok()
                .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
            if let (Some(db), Some(tx)) = (db, for_upgrade.transaction()) {
                // Versions are small integers stored as doubles.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                upgrade(&db, &tx, event.old_version() as u32);
            }
        },
    );
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let mut handlers: Vec<Closure<dyn FnMut()>> = Vec::new();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let done = request.clone();
        let on_success = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call1(&JsValue::UNDEFINED, &done.result().unwrap_or_default());
        });
        let failed = request.clone();
        let reject_error = reject.clone();
        let on_error = Closure::<dyn FnMut()>::new(move || {
            let error = failed
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or_default();
            let _ = reject_error.call1(&JsValue::UNDEFINED, &error);
        });
        let on_blocked = Closure::<dyn FnMut()>::new(move || {
            let _ = reject.call1(&JsValue::UNDEFINED, &JsValue::from_str(BLOCKED));
        });
        request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
        request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        request.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
        handlers.extend([on_success, on_error, on_blocked]);
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onblocked(None);
    request.set_onerror(None);
    request.set_onsuccess(None);
    if matches!(&outcome, Err(e) if e.as_string().as_deref() == Some(BLOCKED)) {
        // The request stays pending while blocked and may still upgrade: keep the upgrade
        // (a version bump without its stores would break every later open). If it succeeds
        // later nobody uses that connection, so close it (it would block the next upgrade).
        on_upgrade.forget();
        let late = request.clone();
        let close_late = Closure::once_into_js(move || {
            if let Ok(db) = late.result().and_then(JsCast::dyn_into::<IdbDatabase>) {
                db.close();
            }
        });
        request.set_onsuccess(Some(close_late.unchecked_ref()));
    } else {
        request.set_onupgradeneeded(None);
        drop(on_upgrade);
    }
    drop(handlers);
    match outcome {
        Ok(db) => db.dyn_into::<IdbDatabase>().map_err(OpenFailure::Error),
        Err(e) if e.as_string().as_deref() == Some(BLOCKED) => Err(OpenFailure::Blocked),
        Err(e) => Err(OpenFailure::Error(e)),
    }
}

/// The rejection value that marks `blocked` (not a browser error).
const BLOCKED: &str = "jukebox:blocked";
