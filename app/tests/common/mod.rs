//! Helpers shared by the browser test files (each `tests/*.rs` is its own crate).

use std::time::Duration;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits `duration` on the browser's timer (effects and redraws run meanwhile).
pub async fn sleep(duration: Duration) {
    let ms = i32::try_from(duration.as_millis()).unwrap();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
