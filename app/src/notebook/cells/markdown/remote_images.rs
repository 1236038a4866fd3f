//! Images from other sites in a Markdown cell: the page's Content-Security-Policy lets `<img>`
//! load only from the app itself (`img-src 'self' data: blob:`), so an image the notebook may
//! show (`core::markdown` writes it `<img data-remote-src>`, without `src`) is fetched like
//! any allowed request and shown from a `blob:` URL. A failure (no CORS, too big, offline)
//! leaves the alt text and says why in the image's title.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Response};

/// Largest image fetched for a Markdown cell.
const MAX_IMAGE_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// Fetches every not yet loaded remote image under `root`.
pub fn load_all(root: &Element) {
    let Ok(images) = root.query_selector_all("img[data-remote-src]:not([src])") else {
        return;
    };
    for i in 0..images.length() {
        let Some(image) = images.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(url) = image.get_attribute("data-remote-src") else {
            continue;
        };
        wasm_bindgen_futures::spawn_local(async move {
            match blob_url(&url).await {
                Ok(blob) => drop(image.set_attribute("src", &blob)),
                Err(why) => drop(image.set_attribute("title", &format!("Not shown: {why}"))),
            }
        });
    }
}

async fn blob_url(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be fetched (offline, or its server does not allow other sites to read it)"))?;
    let response: Response = response.dyn_into().map_err(|_| "no response".to_string())?;
    if !response.ok() {
        return Err(format!("{url} answered {}", response.status()));
    }
    if crate::browser::fetch::content_length(&response).is_some_and(|l| l > MAX_IMAGE_BYTES) {
        return Err(format!("{url} is larger than 10 MB"));
    }
    let blob = response
        .blob()
        .map_err(|_| "its body could not be read".to_string())?;
    let blob: web_sys::Blob = JsFuture::from(blob)
        .await
        .map_err(|_| "its body could not be read".to_string())?
        .unchecked_into();
    if blob.size() > MAX_IMAGE_BYTES {
        return Err(format!("{url} is larger than 10 MB"));
    }
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no blob URL".to_string())
}
