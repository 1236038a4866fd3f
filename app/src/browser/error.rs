//! The app's error: a sentence a person can act on, shown where they acted. Browser failures
//! arrive as thrown JS values ([`AppError::from_js`]); storage, registry and engine errors by
//! their `Display`.

use std::fmt;

use wasm_bindgen::JsValue;

use super::js_error::js_error_text;

/// An error of the app, in words (never `{:?}`). `Clone`, so signals can hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppError(String);

impl AppError {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }

    /// A thrown JS value (an `Error`, a `DOMException`, a string) as its message.
    pub fn from_js(value: &JsValue) -> Self {
        Self(js_error_text(value))
    }

    /// The message, for a status or a view.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for AppError {
    fn from(message: String) -> Self {
        Self(message)
    }
}

impl From<&str> for AppError {
    fn from(message: &str) -> Self {
        Self(message.to_string())
    }
}

impl From<AppError> for String {
    fn from(error: AppError) -> Self {
        error.0
    }
}

impl From<crate::storage::StorageError> for AppError {
    fn from(error: crate::storage::StorageError) -> Self {
        Self(error.to_string())
    }
}
