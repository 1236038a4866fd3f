//! What the page asks of the browser, written once: `fetch` with a timeout and its failures
//! in words ([`fetch`]), picked files read ([`files`]), thrown JS values as text ([`js_error`]), the clock ([`clock`]), ids
//! ([`ids`]) and the app's error type ([`AppError`]).

pub mod clock;
mod error;
pub mod fetch;
pub mod files;
pub mod ids;
pub mod js_error;

pub use error::AppError;
