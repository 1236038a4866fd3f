//! Registry endpoints the user set up in Settings. The list (without tokens) is kept in
//! `localStorage` so every tab sees it; a bearer token only in this tab's `sessionStorage`,
//! so it is never written to disk by IndexedDB or `localStorage`, nor put in an export.

use jukebox_core::registry::Endpoint;

/// `localStorage` key of the endpoint list (JSON `Vec<Endpoint>`).
pub const ENDPOINTS_KEY: &str = "jukebox.registries";
/// `sessionStorage` key prefix of an endpoint's token (`jukebox.registry-token.<id>`).
pub const TOKEN_KEY_PREFIX: &str = "jukebox.registry-token.";

/// The `sessionStorage` key of endpoint `id`'s token.
pub fn token_key(id: &str) -> String {
    format!("{TOKEN_KEY_PREFIX}{id}")
}

fn local() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| {
            "This browser refuses localStorage (private mode or blocked site data), so registry endpoints cannot be kept; allow site data for this page".to_owned()
        })
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// The saved endpoints (none when nothing is saved yet).
pub fn load_endpoints() -> Result<Vec<Endpoint>, String> {
    let Some(text) = local()?.get_item(ENDPOINTS_KEY).ok().flatten() else {
        return Ok(Vec::new());
    };
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "The saved registry endpoints (localStorage `{ENDPOINTS_KEY}`) do not read as a list of endpoints ({e}); add them again, saving replaces the damaged list"
        )
    })
}

/// Replaces the saved endpoints with `endpoints`.
pub fn save_endpoints(endpoints: &[Endpoint]) -> Result<(), String> {
    let text = serde_json::to_string(endpoints)
        .map_err(|e| format!("The registry endpoints do not convert to JSON: {e}"))?;
    local()?.set_item(ENDPOINTS_KEY, &text).map_err(|e| {
        format!(
            "The browser did not keep the registry endpoints in localStorage: {}",
            crate::browser::js_error::js_error_text(&e)
        )
    })
}

/// Endpoint `id`'s bearer token in this tab, if one was given.
pub fn token(id: &str) -> Option<String> {
    session()?
        .get_item(&token_key(id))
        .ok()
        .flatten()
        .filter(|t| !t.is_empty())
}

/// Keeps `token` for endpoint `id` in this tab's `sessionStorage`; an empty one removes it.
pub fn set_token(id: &str, token: &str) -> Result<(), String> {
    let session = session().ok_or_else(|| {
        "This browser refuses sessionStorage, so the token cannot be kept; leave it empty or allow site data".to_owned()
    })?;
    let key = token_key(id);
    let done = if token.trim().is_empty() {
        session.remove_item(&key)
    } else {
        session.set_item(&key, token.trim())
    };
    done.map_err(|e| {
        format!(
            "The browser did not keep the token in sessionStorage: {}",
            crate::browser::js_error::js_error_text(&e)
        )
    })
}

/// `text` as a base URL (trimmed), or a sentence saying what is wrong with it.
pub fn validate_base_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    let example =
        "e.g. http://127.0.0.1:5000 for MLflow or https://registry.example.com for Kubeflow";
    if text.is_empty() {
        return Err(format!("Give the registry's base URL, {example}."));
    }
    let url = web_sys::Url::new(text).map_err(|_| {
        format!("`{text}` is not a URL: write it with http:// or https://, {example}.")
    })?;
    let scheme = url.protocol();
    if scheme != "http:" && scheme != "https:" {
        return Err(format!(
            "The base URL must start with http:// or https:// (`{text}` uses {scheme}), {example}."
        ));
    }
    if url.hostname().is_empty() {
        return Err(format!("`{text}` names no server, {example}."));
    }
    if !url.username().is_empty() || !url.password().is_empty() {
        return Err(
            "Put no user name or password in the URL (it is saved in localStorage): give a bearer token instead, which stays in this tab only.".to_owned(),
        );
    }
    Ok(text.to_owned())
}
