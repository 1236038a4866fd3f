//! What the page keeps in `localStorage`: the notebook shown last (the next visit opens it)
//! and the unsaved-edits journal. A tab that closes or reloads aborts IndexedDB writes still
//! in flight, so unsaved changes are journalled synchronously when the page goes away
//! ([`write_journal`]) and written back at the next start ([`recover_unsaved`]); a save that
//! lands removes its entry ([`forget_journal`]).

use jukebox_core::store::StoredNotebook;

use crate::storage::Storage;

/// `localStorage` key of the notebook shown last (the next visit opens it).
const CURRENT_KEY: &str = "jukebox.notebook";
/// `localStorage` key prefix of notebooks journalled when the page went away.
const JOURNAL_PREFIX: &str = "jukebox.unsaved.";

fn journal_key(id: &str) -> String {
    format!("{JOURNAL_PREFIX}{id}")
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Journals `stored` (synchronously: the page may be going away).
pub(super) fn write_journal(stored: &StoredNotebook) {
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(stored)) {
        // Full or blocked storage: nothing more can be done while the page goes away.
        let _ = storage.set_item(&journal_key(&stored.id), &text);
    }
}

/// Forgets notebook `id`'s journal entry (its save landed).
pub(super) fn forget_journal(id: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&journal_key(id));
    }
}

/// Writes back notebooks journalled by [`write_journal`] when a page went away before their
/// save landed, unless the stored copy is as new; then forgets the journal.
pub async fn recover_unsaved(storage: &Storage) {
    let Some(local) = local_storage() else { return };
    let n_keys = local.length().unwrap_or(0);
    let keys: Vec<String> = (0..n_keys)
        .filter_map(|i| local.key(i).ok().flatten())
        .filter(|k| k.starts_with(JOURNAL_PREFIX))
        .collect();
    for key in keys {
        let journalled = local
            .get_item(&key)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<StoredNotebook>(&text).ok());
        if let Some(journalled) = journalled {
            let stored_ms = match storage.notebook(&journalled.id).await {
                Ok(Some(stored)) => stored.updated_ms,
                Ok(None) => f64::NEG_INFINITY,
                // Unreadable now: keep the journal for the next start.
                Err(_) => continue,
            };
            if journalled.updated_ms > stored_ms && storage.put_notebook(&journalled).await.is_err()
            {
                continue;
            }
        }
        let _ = local.remove_item(&key);
    }
}

/// Remembers notebook `id` as the one shown.
pub(super) fn remember_current(id: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(CURRENT_KEY, id);
    }
}

/// The notebook shown last in this browser, if any.
pub fn current_id() -> Option<String> {
    local_storage()?
        .get_item(CURRENT_KEY)
        .ok()
        .flatten()
        .filter(|id| !id.is_empty())
}
