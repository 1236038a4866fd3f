//! The Open Inference Protocol (`KServe` v2) REST client's pure half: read a served model's
//! metadata (`GET v2/models/{name}`), check it against a run's features and classes, build
//! the infer request (13 `[1,1]` inputs or one `[1,13]` tensor, as the model declares), read
//! the response's probabilities and compare them with the in-browser model's; `output`: what
//! a Serve cell shows, each answer read into it.

use serde::{Deserialize, Serialize};

mod check;
mod compare;
mod infer;
mod output;
mod url;

pub use check::check_metadata;
pub use compare::{ServedRow, top_rows};
pub use infer::{infer_request, parse_infer_response};
pub use output::{Exchange, Score, ServeOutput, served_target};
pub use url::{http_failure, infer_url, metadata_url, no_answer, timed_out};

/// Where a new Serve cell looks: the port the README's `scripts/serve-onnx.sh` example serves
/// on (`MLServer`'s own default, 8080, is where `make run` serves this app).
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:9000";

/// One tensor as model metadata declares it (`shape` may hold `-1` for any size).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TensorMetadata {
    pub name: String,
    pub datatype: String,
    pub shape: Vec<i64>,
}

/// `GET v2/models/{name}`'s answer (`$metadata_model_response`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelMetadata {
    pub name: String,
    #[serde(default)]
    pub versions: Vec<String>,
    #[serde(default)]
    pub platform: String,
    #[serde(default)]
    pub inputs: Vec<TensorMetadata>,
    #[serde(default)]
    pub outputs: Vec<TensorMetadata>,
}

/// How the served model takes the features.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ServedLayout {
    /// One `[1,1]` input per feature, by the input names (in the run's feature order).
    PerFeature { names: Vec<String> },
    /// One `[1, n_features]` input named `name`.
    Single { name: String, datatype: String },
}

/// The metadata read against the run: the layout to send, and warnings in words (names that
/// differ from the run's features, an output that is not `[-1, n_classes]`, a datatype that
/// is not FP32…). No layout fits → `Err(sentence)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataCheck {
    pub layout: ServedLayout,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServingError {
    /// The body is not the protocol's JSON; the message says where (line, column) and what.
    #[error("the server's {what} is not Open Inference Protocol JSON: {message}")]
    Malformed { what: &'static str, message: String },
    /// The server answered with the protocol's `{"error": …}` or a non-2xx status.
    #[error("the server said: {0}")]
    Server(String),
    /// The metadata does not fit the run (no usable input layout, wrong output size).
    #[error("{0}")]
    Mismatch(String),
}

/// Reads `GET v2/models/{name}`'s body.
pub fn parse_metadata(text: &str) -> Result<ModelMetadata, ServingError> {
    const WHAT: &str = "model metadata";
    if let Some(message) = protocol_error(text, WHAT)? {
        return Err(ServingError::Server(message));
    }
    serde_json::from_str(text).map_err(|e| malformed(WHAT, &e))
}

/// The largest absolute difference between two probability vectors (∞ when lengths differ).
pub fn max_abs_diff(a: &[f64], b: &[f64]) -> f64 {
    if a.len() != b.len() {
        return f64::INFINITY;
    }
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// The protocol's error object (`{"error": "…"}`), if `text` is one. Bodies that are not
/// JSON at all fail here, with serde's line and column.
fn protocol_error(text: &str, what: &'static str) -> Result<Option<String>, ServingError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| malformed(what, &e))?;
    Ok(value.get("error").map(|error| {
        error
            .as_str()
            .map_or_else(|| error.to_string(), str::to_string)
    }))
}

fn malformed(what: &'static str, error: &serde_json::Error) -> ServingError {
    ServingError::Malformed {
        what,
        message: error.to_string(),
    }
}

// Native only: the spec validator is a host dev-dependency.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests;
