//! Runs (experiment tracking): every finished or cancelled training becomes one
//! [`RunRecord`] — settings, dataset fingerprints, history, final metrics, confusion — with
//! the model's weights kept beside it as bytes ([`crate::train::codec`]).
//! The page stores them (`IndexedDB`); this module holds the data, the fingerprints, the
//! making of a record, and the questions asked of records: `query` (filters, sort),
//! `compare` (rows of a comparison), `metrics` (scores by name, once for every destination),
//! `format` (values in words), `tags`.

pub mod compare;
#[cfg(feature = "engine")]
pub mod fingerprint;
pub mod format;
pub mod metrics;
pub mod query;
pub mod record;
pub mod tags;

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod fixtures;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod query_tests;
#[cfg(test)]
mod tests;

pub use metrics::{MetricGroup, RunMetric, macro_f1, metrics, test_accuracy};
pub use record::{RunOrigin, new_run_id, record};
pub use tags::{clean_tags, parse_tags};

use serde::{Deserialize, Serialize};

use crate::train::TrainReport;
use crate::train::metrics::Evaluation;

/// Version of the run record's stored form.
pub const RUN_VERSION: u32 = 1;

/// What a run's input data was, so two runs can be told apart (or matched) by their data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetFingerprint {
    /// The dataset's name in the notebook (`charts`, `song_properties`).
    pub name: String,
    /// Where it came from, in words: `demo seed 42 v1`, `file charts.parquet`, a URL, or
    /// `prepared from charts` for a table a Prepare cell made.
    pub origin: String,
    /// SHA-256 (lower-case hex) of the source bytes; for the demo, of its seed and version;
    /// for a prepared table, of its inputs' fingerprints and the steps.
    pub sha256: String,
    /// Column names and dtypes, in order.
    pub columns: Vec<(String, String)>,
    pub rows: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Finished,
    Cancelled,
}

/// What the engine hands the page with a finished training, to make a run of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunArtifacts {
    /// The training table's fingerprint first, then the sources it was made from.
    pub datasets: Vec<DatasetFingerprint>,
    /// Scores on the test part (final metrics, confusion matrix); `None` when the split
    /// has no test rows.
    pub evaluation: Option<Evaluation>,
    /// The model, encoded by [`crate::train::codec::encode`]; base64 in JSON messages.
    #[serde(with = "crate::bytes_base64")]
    pub model: Vec<u8>,
}

/// One training, as kept in the browser and exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub version: u32,
    /// Unique, sortable by creation: `run-<start ms in base36>-<random>`.
    pub id: String,
    pub notebook_id: String,
    pub notebook_title: String,
    /// The Train cell's id and the model name it wrote.
    pub cell_id: u64,
    pub model_name: String,
    /// The dataset the Train cell read.
    pub input: String,
    /// Milliseconds since 1970 (UTC).
    pub started_ms: f64,
    pub ended_ms: f64,
    pub status: RunStatus,
    /// Settings (features, target, split, scaler kind, model and hyper-parameters, seed),
    /// classes, split sizes, fitted scaler parameters, per-epoch history, accuracies.
    pub report: TrainReport,
    pub datasets: Vec<DatasetFingerprint>,
    pub evaluation: Option<Evaluation>,
    /// SHA-256 (hex) and length of the model bytes stored beside the record.
    pub model_sha256: String,
    pub model_bytes: u64,
    pub tags: Vec<String>,
    pub note: String,
    pub app_version: String,
    pub user_agent: String,
    /// Where this run's model was registered (newest last).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registrations: Vec<crate::registry::Registration>,
    /// Pushes not finished (one per endpoint at most): pushing again resumes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pushes: Vec<crate::registry::PushProgress>,
}

impl RunRecord {
    /// The version of the data the run trained on: the fingerprint (SHA-256) of its Train
    /// cell's input dataset, or of its first dataset in records without the input's.
    pub fn dataset_version(&self) -> Option<&str> {
        self.datasets
            .iter()
            .find(|d| d.name == self.input)
            .or_else(|| self.datasets.first())
            .map(|d| d.sha256.as_str())
    }
}
