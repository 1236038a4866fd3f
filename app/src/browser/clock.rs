//! The page's clocks: [`now_ms`] for durations (monotonic, sub-millisecond), [`epoch_ms`] for
//! dates (milliseconds since 1970, as stored in runs and notebooks). `std::time::Instant`
//! panics in browsers.

/// Milliseconds on the page's monotonic clock (`performance.now()`; `Date.now()` without one).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Milliseconds since 1970-01-01 UTC (`Date.now()`).
pub fn epoch_ms() -> f64 {
    js_sys::Date::now()
}

/// A time (milliseconds since 1970) as the browser's locale writes it.
pub fn local_time(ms: f64) -> String {
    js_sys::Date::new(&ms.into())
        .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}
