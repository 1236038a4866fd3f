//! Browser failures (`DOMException`s, thrown values) turned into [`StorageError`]s a person
//! can act on: what failed, why, and what to do.

use wasm_bindgen::JsValue;

pub(crate) use crate::browser::js_error::name_and_message;

/// A storage failure, in words a user can act on (`Display`); `kind` for the page's logic.
#[derive(Debug, Clone, PartialEq)]
pub struct StorageError {
    pub kind: StorageErrorKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageErrorKind {
    /// The browser refused more data (`QuotaExceededError`): nothing of this write was kept.
    Quota,
    /// IndexedDB cannot be opened (private mode, disabled, blocked by another tab's upgrade).
    Unavailable,
    /// A record could not be read back (damaged or from a newer version of the app).
    Corrupt,
    /// Anything else the browser reported.
    Other,
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What was being done when a failure happened, for its message: `action` is a verb phrase
/// ("saving"), `what` names the data ("this run").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Doing<'a> {
    pub action: &'a str,
    pub what: &'a str,
}

impl<'a> Doing<'a> {
    pub(crate) fn new(action: &'a str, what: &'a str) -> Doing<'a> {
        Doing { action, what }
    }
}

/// Maps a browser failure to its kind: `QuotaExceededError` → [`StorageErrorKind::Quota`],
/// the errors of a storage that cannot be used → [`StorageErrorKind::Unavailable`].
pub(crate) fn from_js(error: &JsValue, doing: Doing<'_>) -> StorageError {
    let (name, message) = name_and_message(error);
    let detail = if name.is_empty() {
        message
    } else {
        format!("{name}: {message}")
    };
    match name.as_str() {
        "QuotaExceededError" => quota(doing.what),
        "InvalidStateError" | "UnknownError" | "SecurityError" => StorageError {
            kind: StorageErrorKind::Unavailable,
            message: format!(
                "IndexedDB, {} {}: the browser's storage cannot be used in this tab ({detail}); \
                 work is kept only in this tab until it is reloaded",
                doing.action, doing.what
            ),
        },
        "VersionError" => StorageError {
            kind: StorageErrorKind::Unavailable,
            message: format!(
                "IndexedDB, {} {}: the saved data was written by a newer version of Jukebox \
                 ({detail}); reload to get the newest version",
                doing.action, doing.what
            ),
        },
        _ => StorageError {
            kind: StorageErrorKind::Other,
            message: format!("IndexedDB, {} {}: {detail}", doing.action, doing.what),
        },
    }
}

/// The quota message: nothing of the write was kept, and where to free space.
pub(crate) fn quota(what: &str) -> StorageError {
    StorageError {
        kind: StorageErrorKind::Quota,
        message: format!(
            "The browser refused to store more (quota exceeded): nothing of {what} was saved; \
             free space in Settings → Storage, or export and erase old runs"
        ),
    }
}

/// A record that does not read back as the app's type (damaged, or from a newer app).
pub(crate) fn corrupt(store: &str, key: &str, reason: &str) -> StorageError {
    StorageError {
        kind: StorageErrorKind::Corrupt,
        message: format!(
            "The saved record `{key}` in `{store}` cannot be read ({reason}); export what \
             you need, then delete it"
        ),
    }
}

/// The database was closed because another tab upgraded it (`versionchange`).
pub(crate) fn closed_by_other_tab() -> StorageError {
    StorageError {
        kind: StorageErrorKind::Unavailable,
        message: "Another tab opened a newer version of Jukebox, so this tab stopped saving; \
                  reload this tab to keep saving"
            .to_owned(),
    }
}

/// `Ok` when the run was there to update; otherwise says it is gone and what was not kept.
pub(crate) fn run_updated(found: bool, id: &str, lost: &str) -> Result<(), StorageError> {
    if found {
        return Ok(());
    }
    Err(StorageError {
        kind: StorageErrorKind::Other,
        message: format!(
            "Run `{id}` is not saved any more (deleted in another tab?), so {lost} was not \
             kept; reload the Runs page"
        ),
    })
}

/// A failure that is not the browser's (a value that does not convert).
pub(crate) fn other(doing: Doing<'_>, reason: &str) -> StorageError {
    StorageError {
        kind: StorageErrorKind::Other,
        message: format!("IndexedDB, {} {}: {reason}", doing.action, doing.what),
    }
}
