//! The Serve cell ("Served model"): the Predict cell's settings plus a server that serves the
//! same model (Open Inference Protocol); its output puts the served answer beside the
//! in-browser one.
//!
//! - [`editor`]: model, song, base URL and served name; [`output`]: the comparison;
//! - [`served`]: the output as data; [`call`]: the calls after the engine's answer;
//!   [`exchange`]: one HTTP exchange, failures in words.

pub mod call;
pub mod editor;
pub mod exchange;
pub mod output;
pub mod served;

pub use call::{DEFAULT_BASE_URL, call};
pub use editor::ServeEditor;
pub use exchange::Exchange;
pub use output::{ServeCellOutput, ServeView};
pub use served::{Score, ServeOutput};
