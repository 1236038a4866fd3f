//! Thrown JS values (an `Error`, a `DOMException`, a bare string) as text: the message alone
//! ([`js_error_text`]) or with the error's name first ([`js_error_named`],
//! `TypeError: Failed to fetch`), which tells a CORS refusal or a timeout from other failures.

use wasm_bindgen::{JsCast, JsValue};

/// What is said when the browser gave nothing readable.
const NO_REASON: &str = "the browser gave no reason";

/// A thrown value's `name` and `message` (empty when it has none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsError {
    pub name: String,
    pub message: String,
}

impl JsError {
    pub fn of(value: &JsValue) -> Self {
        let (name, message) = name_and_message(value);
        Self { name, message }
    }

    /// The message alone.
    pub fn text(&self) -> String {
        if self.message.is_empty() {
            NO_REASON.to_string()
        } else {
            self.message.clone()
        }
    }

    /// `Name: message`, or the message when the value has no name.
    pub fn named(&self) -> String {
        if self.name.is_empty() {
            self.text()
        } else {
            format!("{}: {}", self.name, self.message)
        }
    }
}

/// A thrown value's message: "Failed to fetch".
pub fn js_error_text(value: &JsValue) -> String {
    JsError::of(value).text()
}

/// A thrown value's name and message: `TypeError: Failed to fetch`.
pub fn js_error_named(value: &JsValue) -> String {
    JsError::of(value).named()
}

/// The exception's `name` and `message` (a `DOMException`, an `Error`, or a bare string).
pub fn name_and_message(error: &JsValue) -> (String, String) {
    if let Some(dom) = error.dyn_ref::<web_sys::DomException>() {
        return (dom.name(), dom.message());
    }
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return (String::from(error.name()), String::from(error.message()));
    }
    if let Some(text) = error.as_string() {
        return (String::new(), text);
    }
    let field = |key: &str| {
        js_sys::Reflect::get(error, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    (field("name"), field("message"))
}
