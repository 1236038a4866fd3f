//! Messages between the UI thread and the engine worker, as JSON text. Both sides use these
//! types, so they always agree; the round trips are tested natively.

use serde::{Deserialize, Serialize};

use crate::archive::Archive;
use crate::chart::{Chart, ChartSpec};
use crate::contract::Validation;
use crate::contract::validate_cell::ValidateSpec;
use crate::demo::DemoConfig;
use crate::error::{JukeboxError, Result};
use crate::explain::explain_cell::{ExplainOutput, ExplainSpec};
use crate::explore::{ExploreOutput, ExploreQuery};
use crate::monitor::drift_cell::{DriftOutput, DriftSpec};
use crate::monitor::fairness_cell::{FairnessOutput, FairnessSpec};
use crate::notebook::{CellSpec, Source};
use crate::onnx::OnnxOptions;
use crate::prepare::PrepareStep;
use crate::runs::{DatasetFingerprint, RunArtifacts};
use crate::summary::DatasetSummary;
use crate::train::metrics::Evaluation;
use crate::train::plan::TrainingPlan;
use crate::train::songs::SongHit;
use crate::train::{EvalSplit, Prediction, SongFeatures, TrainProgress, TrainReport, TrainSpec};

/// A request from the page, with an id the reply carries back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u64,
    pub body: RequestBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequestBody {
    /// Generate the built-in demo datasets and keep them in the worker.
    LoadDemo { config: DemoConfig },
    /// Read a file the page sends beside this message (a `File` object) as dataset `name`.
    LoadFile { name: String, file_name: String },
    /// Fetch `url` in the worker (with progress messages) and read it as dataset `name`.
    LoadUrl { name: String, url: String },
    /// Apply preparation steps to dataset `input`, keeping the result as `output`.
    Prepare {
        input: String,
        steps: Vec<PrepareStep>,
        output: String,
    },
    /// Answer an exploration query about dataset `input`.
    Explore { input: String, query: ExploreQuery },
    /// Compute the data of a chart of dataset `input`.
    Chart { input: String, chart: ChartSpec },
    /// Train a model on dataset `input` and keep it as `output` (progress messages carry
    /// [`TrainProgress`]; a `Cancel` of this request ends it early with the model so far).
    Train {
        input: String,
        spec: TrainSpec,
        output: String,
        /// A saved run of this cell: when its settings equal `spec` and its datasets'
        /// fingerprints equal the current input's, the engine installs that model (answering
        /// `Trained` with `restored_from`) instead of training again.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        restore: Option<Box<SavedModel>>,
    },
    /// Install a saved run's model as `name` (a "Model from run" cell). If dataset `input`
    /// is loaded and matches the run's fingerprint, its split is rebuilt so Evaluate works.
    LoadModel {
        name: String,
        saved: Box<SavedModel>,
    },
    /// Score model `model` on one part of its split.
    Evaluate { model: String, on: EvalSplit },
    /// Score one song (raw feature values) with model `model`.
    Predict { model: String, song: SongFeatures },
    /// Songs of dataset `input` matching `query` (name or artist), for the Predict cell;
    /// an empty query lists the course's preset songs.
    SearchSongs {
        input: String,
        query: String,
        limit: usize,
    },
    /// Export the model of a saved run (its report and `JBXM` bytes) as ONNX.
    ExportOnnx {
        report: Box<TrainReport>,
        #[serde(with = "crate::bytes_base64")]
        model: Vec<u8>,
        options: OnnxOptions,
    },
    /// One song's model inputs (scaled with the model's scaler, in its feature order) and the
    /// in-browser probabilities, for a Serve cell to send to a served model.
    ScoreSong { model: String, song: SongFeatures },
    /// Stop request `id` (a training) at the next step; it answers with what it has.
    Cancel { id: u64 },
    /// What training `spec` on dataset `input` would do (rows, parts, classes missing from
    /// training) and how long it would take here, from a short timed run. Trains nothing.
    PlanTraining { input: String, spec: TrainSpec },
    /// A Validate cell's check of a table against a data contract.
    Validate(ValidateSpec),
    /// A Drift cell's comparison.
    Drift(DriftSpec),
    /// A Fairness cell's measures.
    Fairness(FairnessSpec),
    /// An Explain cell's explanation (progress messages; a `Cancel` stops it).
    Explain(ExplainSpec),
    /// Read and check an export file the page sends beside this message (a `File` object,
    /// `file_name` for the words): the page only stores what the engine answers, so a
    /// stranger's file is parsed here, where a failure cannot take the page down.
    ReadArchive { file_name: String },
}

impl RequestBody {
    /// The request that runs a notebook cell; `None` for cells the page runs itself.
    pub fn for_cell(spec: CellSpec) -> Option<RequestBody> {
        Some(match spec {
            CellSpec::Source { source } => match source {
                Source::Demo { config } => RequestBody::LoadDemo { config },
                Source::File {
                    name, file_name, ..
                } => RequestBody::LoadFile { name, file_name },
                Source::Url { name, url } => RequestBody::LoadUrl { name, url },
            },
            CellSpec::Prepare {
                input,
                steps,
                output,
            } => RequestBody::Prepare {
                input,
                steps,
                output,
            },
            CellSpec::Explore { input, query } => RequestBody::Explore { input, query },
            CellSpec::Chart { input, chart } => RequestBody::Chart { input, chart },
            CellSpec::Train {
                input,
                spec,
                output,
            } => RequestBody::Train {
                input,
                spec,
                output,
                restore: None,
            },
            CellSpec::Evaluate { model, on } => RequestBody::Evaluate { model, on },
            CellSpec::Predict { model, song, .. } => RequestBody::Predict { model, song },
            // The page then calls the served model with the answer.
            CellSpec::Serve { model, song, .. } => RequestBody::ScoreSong { model, song },
            CellSpec::Validate(validate) => RequestBody::Validate(validate),
            CellSpec::Drift(drift) => RequestBody::Drift(drift),
            CellSpec::Fairness(fairness) => RequestBody::Fairness(fairness),
            CellSpec::Explain(explain) => RequestBody::Explain(explain),
            // Handled by the page: text, or a model read from the browser's storage.
            CellSpec::Markdown { .. } | CellSpec::LoadRun { .. } => return None,
        })
    }
}

/// A run's model as the engine needs it to install it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedModel {
    pub run_id: String,
    pub report: TrainReport,
    pub datasets: Vec<DatasetFingerprint>,
    #[serde(with = "crate::bytes_base64")]
    pub model: Vec<u8>,
}

/// A message from the worker: a reply to request `id`, or (id `None`) news of its own.
/// What every reply has travels here; the body carries what differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: Option<u64>,
    /// The engine's own time for the request, from receiving it to this reply (progress
    /// and the worker's own news have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_ms: Option<f64>,
    pub body: ResponseBody,
}

impl Response {
    /// News of request `id` (progress), or of the worker itself when `id` is `None`.
    pub fn news(id: Option<u64>, body: ResponseBody) -> Self {
        Self {
            id,
            elapsed_ms: None,
            body,
        }
    }

    /// The reply to request `id`, which took the engine `elapsed_ms`.
    pub fn reply(id: u64, elapsed_ms: f64, body: ResponseBody) -> Self {
        Self {
            id: Some(id),
            elapsed_ms: Some(elapsed_ms),
            body,
        }
    }
}

// One reply at a time crosses to the page, by value: boxing the report would only add
// indirection (and change every match on `Trained`).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResponseBody {
    /// The worker has started and takes requests.
    Ready { engine_version: String },
    /// Datasets were loaded or prepared.
    Loaded { summary: DatasetSummary },
    /// The answer to an exploration query.
    Explored { output: ExploreOutput },
    /// The data of a chart, ready to draw.
    Charted { chart: Chart },
    /// News of a long request: `stage` in words, bytes done of the total when known.
    Progress {
        stage: String,
        done_bytes: u64,
        total_bytes: Option<u64>,
    },
    /// News of a training: epochs/batches or trees done, the live curve.
    Training { progress: TrainProgress },
    /// A training finished (or was cancelled: `report.cancelled`); the model is kept.
    Trained {
        report: TrainReport,
        /// For a fresh training: what the page needs to record it as a run.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        artifacts: Option<Box<RunArtifacts>>,
        /// The run whose model was installed instead of training (nothing new to record).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        restored_from: Option<String>,
    },
    /// The scores of a model on one part of its split.
    Evaluated { evaluation: Evaluation },
    /// One song's class probabilities.
    Predicted { prediction: Prediction },
    /// `model.onnx`'s bytes.
    Exported {
        #[serde(with = "crate::bytes_base64")]
        onnx: Vec<u8>,
    },
    /// A song's model inputs and the in-browser probabilities (class order).
    SongScored {
        features: Vec<String>,
        scaled: Vec<f32>,
        classes: Vec<String>,
        probabilities: Vec<f64>,
    },
    /// Songs matching a search (or the presets).
    Songs { hits: Vec<SongHit> },
    /// The answer to `PlanTraining`.
    TrainingPlanned { plan: TrainingPlan },
    /// A Validate cell's check.
    Validated { output: Box<Validation> },
    /// A Drift cell's comparison.
    Drifted { output: Box<DriftOutput> },
    /// A Fairness cell's measures.
    FairnessMeasured { output: Box<FairnessOutput> },
    /// An Explain cell's explanation.
    Explained { output: Box<ExplainOutput> },
    /// An export file read and checked (`archive::for_import`): what an import writes.
    ArchiveRead {
        #[serde(with = "archive_text")]
        archive: Box<Archive>,
    },
    /// The request failed; `message` is for the user, as is.
    Failed { message: String },
}

/// The archive of `ArchiveRead` as its own JSON text inside the reply. A field of an
/// internally tagged enum is read through serde's buffered content, which cannot turn the
/// text keys of JSON objects back into numbers (a notebook's `last_runs` by cell id): read
/// from text of its own, the archive decodes as an export file's content does.
mod archive_text {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::archive::Archive;

    // `serialize_with` hands over the field as declared.
    #[allow(clippy::borrowed_box)]
    pub fn serialize<S: Serializer>(
        archive: &Box<Archive>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(archive).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Box<Archive>, D::Error> {
        let text = String::deserialize(deserializer)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}

/// Encodes a message for `postMessage`.
pub fn encode<T: Serialize>(message: &T) -> Result<String> {
    serde_json::to_string(message).map_err(|source| JukeboxError::Protocol {
        direction: "encoding",
        source,
    })
}

/// Decodes a message received by `onmessage`.
pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|source| JukeboxError::Protocol {
        direction: "decoding",
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::TableSummary;

    #[test]
    fn request_round_trips_through_json() {
        let request = Request {
            id: 3,
            body: RequestBody::LoadDemo {
                config: DemoConfig::default(),
            },
        };
        let text = encode(&request).unwrap();
        assert!(text.contains(r#""kind":"load_demo""#), "{text}");
        assert_eq!(decode::<Request>(&text).unwrap(), request);
    }

    #[test]
    fn response_round_trips_through_json() {
        let response = Response {
            id: Some(3),
            elapsed_ms: Some(1.5),
            body: ResponseBody::Loaded {
                summary: DatasetSummary {
                    name: "demo".into(),
                    tables: vec![TableSummary {
                        name: "t".into(),
                        n_rows: 2,
                        n_columns: 1,
                        columns: vec![("a".into(), "i64".into())],
                        date_range: None,
                    }],
                },
            },
        };
        let text = encode(&response).unwrap();
        assert_eq!(decode::<Response>(&text).unwrap(), response);
    }

    #[test]
    fn training_messages_round_trip_through_json() {
        let requests = [
            RequestBody::Train {
                input: "charts".into(),
                spec: TrainSpec::default(),
                output: "mlp".into(),
                restore: None,
            },
            RequestBody::Evaluate {
                model: "mlp".into(),
                on: EvalSplit::Validation,
            },
            RequestBody::Predict {
                model: "mlp".into(),
                song: [("tempo".to_string(), 101.5)].into_iter().collect(),
            },
            RequestBody::SearchSongs {
                input: "song_properties".into(),
                query: "not like".into(),
                limit: 20,
            },
            RequestBody::Cancel { id: 9 },
        ];
        for body in requests {
            let request = Request { id: 4, body };
            let text = encode(&request).unwrap();
            assert_eq!(decode::<Request>(&text).unwrap(), request, "{text}");
        }
        let cancel = encode(&Request {
            id: 5,
            body: RequestBody::Cancel { id: 4 },
        })
        .unwrap();
        assert_eq!(cancel, r#"{"id":5,"body":{"kind":"cancel","id":4}}"#);
    }

    #[test]
    fn training_replies_round_trip_through_json() {
        let progress = TrainProgress {
            stage: "epoch 1 of 2".into(),
            done: 3,
            total: 10,
            unit: "batch".into(),
            points: vec![crate::train::CurvePoint {
                epoch: 0.3,
                loss: 4.1,
                accuracy: 0.02,
            }],
            history: Vec::new(),
        };
        let replies = [
            ResponseBody::Training { progress },
            ResponseBody::Predicted {
                prediction: Prediction {
                    model: "mlp".into(),
                    ranked: vec![("US".into(), 0.25), ("DE".into(), 0.125)],
                },
            },
            ResponseBody::Songs {
                hits: crate::train::songs::presets(None),
            },
        ];
        for body in replies {
            let response = Response::reply(1, 2.0, body);
            let text = encode(&response).unwrap();
            assert_eq!(decode::<Response>(&text).unwrap(), response, "{text}");
        }
    }

    fn saved_model() -> SavedModel {
        let spec = TrainSpec::default();
        SavedModel {
            run_id: "run-loyw3v28-000005".into(),
            report: crate::train::TrainReport {
                model: "mlp".into(),
                classes: vec!["DE".into(), "US".into()],
                sizes: crate::train::SplitSizes {
                    n_rows: 3,
                    n_dropped: 0,
                    n_train: 1,
                    n_validation: 1,
                    n_test: 1,
                },
                scaler: crate::train::scaler::Scaler {
                    kind: spec.scaler,
                    offset: vec![0.5],
                    factor: vec![2.0],
                },
                spec,
                history: Vec::new(),
                points: Vec::new(),
                validation_accuracy: 0.5,
                test_accuracy: 0.25,
                cancelled: false,
            },
            datasets: vec![DatasetFingerprint {
                name: "charts".into(),
                origin: "demo seed 42 v1".into(),
                sha256: "ab".repeat(32),
                columns: vec![("tempo".into(), "f64".into())],
                rows: 3,
            }],
            model: vec![0, 1, 2, 250, 255],
        }
    }

    #[test]
    fn restore_and_load_model_requests_round_trip_with_the_model_as_base64() {
        let saved = saved_model();
        for body in [
            RequestBody::Train {
                input: "charts".into(),
                spec: TrainSpec::default(),
                output: "mlp".into(),
                restore: Some(Box::new(saved.clone())),
            },
            RequestBody::LoadModel {
                name: "old".into(),
                saved: Box::new(saved),
            },
        ] {
            let request = Request { id: 6, body };
            let text = encode(&request).unwrap();
            assert!(text.contains(r#""model":"AAEC+v8=""#), "{text}");
            assert_eq!(decode::<Request>(&text).unwrap(), request);
        }
        // A Train request without `restore` (older pages) still reads.
        let text = r#"{"id":1,"body":{"kind":"train","input":"charts","output":"m","spec":SPEC}}"#
            .replace(
                "SPEC",
                &serde_json::to_string(&TrainSpec::default()).unwrap(),
            );
        let request = decode::<Request>(&text).unwrap();
        assert!(matches!(
            request.body,
            RequestBody::Train { restore: None, .. }
        ));
    }

    #[test]
    fn trained_replies_with_artifacts_or_a_restored_run_round_trip() {
        let saved = saved_model();
        let artifacts = RunArtifacts {
            datasets: saved.datasets.clone(),
            evaluation: None,
            model: saved.model.clone(),
        };
        for (artifacts, restored_from) in [
            (Some(Box::new(artifacts)), None),
            (None, Some("run-1".to_string())),
            (None, None),
        ] {
            let response = Response::reply(
                2,
                3.5,
                ResponseBody::Trained {
                    report: saved.report.clone(),
                    artifacts,
                    restored_from,
                },
            );
            let text = encode(&response).unwrap();
            assert_eq!(decode::<Response>(&text).unwrap(), response, "{text}");
        }
    }

    #[test]
    fn garbage_gives_an_error_that_says_what_to_do() {
        let error = decode::<Request>("{not json").unwrap_err();
        assert!(error.to_string().contains("Reload the page"), "{error}");
    }
}
