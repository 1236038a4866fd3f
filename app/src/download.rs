//! Saving bytes the page made as a file: a `Blob` URL clicked through a temporary
//! `<a download>`.

use wasm_bindgen::JsCast;

use crate::browser::AppError;
use crate::browser::js_error::js_error_text;

/// Starts the download of `bytes` as `name` (`mime` type); the error says what the browser
/// refused.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), AppError> {
    let refused = |e: wasm_bindgen::JsValue| {
        AppError::new(format!(
            "The download of {name} did not start: {}",
            js_error_text(&e)
        ))
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(AppError::new(
            "The page has no document to start a download from",
        ))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(refused)?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The click has started the download; the URL is only needed until then.
    web_sys::Url::revoke_object_url(&url).map_err(refused)
}
