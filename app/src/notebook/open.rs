//! Opening a notebook named in the page's address: `?notebook=<url of a notebook JSON>`.
//! Without one, the built-in course exploration opens. (Benchmarks and links use this.)

use jukebox_core::notebook::{Notebook, course_exploration};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::state::NotebookState;
use crate::engine_client::js_error_text;

/// The `notebook` parameter of the page's query string, if any.
fn notebook_param() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get("notebook").filter(|v| !v.is_empty())
}

/// The notebook to open first: the one the address names (fetched), else the demo.
pub fn open_initial(state: NotebookState) {
    let Some(url) = notebook_param() else {
        state.replace(course_exploration());
        return;
    };
    leptos::task::spawn_local(async move {
        match fetch_notebook(&url).await {
            Ok(notebook) => state.replace(notebook),
            Err(message) => {
                state.problem.set(Some(message));
                state.replace(course_exploration());
            }
        }
    });
}

async fn fetch_notebook(url: &str) -> Result<Notebook, String> {
    let fail = |what: String| {
        format!(
            "The notebook at {url} could not be opened: {what}. The demo notebook opened instead."
        )
    };
    let text = fetch_text(url).await.map_err(fail)?;
    serde_json::from_str(&text).map_err(|e| fail(format!("it is not a Jukebox notebook ({e})")))
}

/// GETs `url` as text; the error says what went wrong, for the caller to put in context.
pub(crate) async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| js_error_text(&e))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response")?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    Ok(
        JsFuture::from(response.text().map_err(|e| js_error_text(&e))?)
            .await
            .map_err(|e| js_error_text(&e))?
            .as_string()
            .unwrap_or_default(),
    )
}
