//! A file the user picked or dropped, read into bytes.

use wasm_bindgen_futures::JsFuture;

use super::AppError;

/// The bytes of `file`; the error is the browser's, in words.
///
/// # Errors
/// The browser could not read the file (it changed or went away since it was picked).
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, AppError> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| AppError::from_js(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
