//! The one error type of the core. Each variant names what failed and where, in words a
//! person can act on; the app shows `to_string()` where the user acted.

use thiserror::Error;

/// Shorthand for results of the core.
pub type Result<T, E = JukeboxError> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum JukeboxError {
    /// A dataframe operation failed; `context` says which step the user asked for.
    #[cfg(feature = "engine")]
    #[error("{context}: {source}")]
    Frame {
        context: String,
        #[source]
        source: polars_core::error::PolarsError,
    },
    /// The demo settings cannot produce a sensible dataset.
    #[error("demo data setting `{field}` is {value}: {expected}")]
    DemoConfig {
        field: &'static str,
        value: String,
        expected: &'static str,
    },
    /// A file could not be read as a table.
    #[error(transparent)]
    Read(#[from] crate::io::ReadError),
    /// An export file was refused on import.
    #[error(transparent)]
    Archive(#[from] crate::archive::ArchiveError),
    /// A cell reads a dataset no earlier cell has produced.
    #[error(
        "there is no dataset named `{name}` (loaded: {available}). Run the cell that creates it first, or pick one of the loaded datasets"
    )]
    UnknownDataset { name: String, available: String },
    /// The worker did not pass the bytes of a file it was asked to read.
    #[error("the contents of `{file}` did not reach the engine. Pick the file again")]
    MissingBytes { file: String },
    /// A Prepare cell's step cannot run on its input.
    /// A request's setting beyond the bounds every notebook is held to.
    #[error("{0}. Lower it to within the allowed range (the cell's editor shows it)")]
    Limit(#[from] crate::notebook::limits::LimitError),
    #[error(transparent)]
    Prepare(#[from] crate::prepare::PrepareError),
    /// An explore query could not be answered.
    #[error(transparent)]
    Explore(#[from] crate::explore::ExploreError),
    /// A chart could not be computed from the table.
    #[error(transparent)]
    Chart(#[from] crate::chart::ChartError),
    /// A model could not be trained, evaluated or applied.
    #[error(transparent)]
    Train(#[from] crate::train::TrainError),
    /// A Drift or Fairness cell could not compute.
    #[error(transparent)]
    Monitor(#[from] crate::monitor::MonitorError),
    /// An Explain cell could not compute.
    #[error(transparent)]
    Explain(#[from] crate::explain::ExplainError),
    /// A saved run's model could not be decoded.
    #[cfg(feature = "engine")]
    #[error("the model of run `{run_id}` could not be installed: {source}")]
    SavedModel {
        run_id: String,
        #[source]
        source: crate::train::codec::CodecError,
    },
    /// A run's model could not be read back for its ONNX export.
    #[cfg(feature = "engine")]
    #[error("the model `{model}` could not be read for the ONNX export: {source}")]
    ExportModel {
        model: String,
        #[source]
        source: crate::train::codec::CodecError,
    },
    /// A model could not be written as ONNX.
    #[error("model `{model}` was not exported: {source}")]
    Onnx {
        model: String,
        #[source]
        source: crate::onnx::OnnxError,
    },
    /// A model loaded from a run is evaluated, but the data it was trained on is not loaded.
    #[error(
        "model `{model}` was loaded from run `{run_id}` without its data: load dataset `{dataset}` (sha256 {sha256_short}…) to evaluate it"
    )]
    ModelWithoutData {
        model: String,
        run_id: String,
        dataset: String,
        sha256_short: String,
    },
    /// A Validate cell's contract file could not be read (the message names the file).
    #[error("{message}")]
    ContractFile { message: String },
    /// A cancel arrived for a request that is not running (it already finished).
    #[error("request {id} is not running, so there is nothing to cancel")]
    NothingToCancel { id: u64 },
    /// A message between the page and the engine worker could not be read.
    #[error(
        "engine message could not be read ({direction}): {source}. Reload the page; if it persists, the app files are out of date"
    )]
    Protocol {
        direction: &'static str,
        #[source]
        source: serde_json::Error,
    },
}

#[cfg(feature = "engine")]
impl JukeboxError {
    /// Wraps a polars error with the step that caused it.
    pub fn frame(context: impl Into<String>, source: polars_core::error::PolarsError) -> Self {
        Self::Frame {
            context: context.into(),
            source,
        }
    }
}
