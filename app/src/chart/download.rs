//! Saving a chart as a PNG file: the canvas's pixels as a data URL, clicked through a
//! temporary `<a download>`.

use wasm_bindgen::JsCast;

use super::labels::file_name;
use crate::browser::AppError;
use crate::browser::js_error::js_error_text;

/// Starts the download of `canvas` as `<title>.png`; the error says what the browser refused.
pub fn download_png(canvas: &web_sys::HtmlCanvasElement, title: &str) -> Result<(), AppError> {
    let url = canvas.to_data_url_with_type("image/png").map_err(|e| {
        AppError::new(format!(
            "The chart could not be saved as PNG: {}",
            js_error_text(&e)
        ))
    })?;
    let document = canvas
        .owner_document()
        .ok_or(AppError::new("The chart is no longer on the page."))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| {
            AppError::new(format!(
                "The download link could not be made: {}",
                js_error_text(&e)
            ))
        })?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(&file_name(title));
    link.click();
    Ok(())
}
