//! Pushing a run to a model registry — MLflow (REST API 2.0 and its artifact proxy) or the
//! Kubeflow Model Registry (REST v1alpha3, GET and POST only) — as a pure state machine: the
//! core says which HTTP request to make next and reads each reply; the page (or a CLI) does
//! the I/O. Every step's state is kept in [`PushProgress`], stored with the run, so a push
//! that failed part-way continues from the failed step and never creates a second version.
//!
//! `mlflow` and `kubeflow` plan each registry's steps; `probe` is "Test connection" and its
//! explanations of failures.

mod champion;
mod job;
mod kubeflow;
mod mlflow;
mod probe;
mod reply;

#[cfg(test)]
mod tests;

pub use champion::{Champion, ChampionAction, ChampionLookup, ChampionQuery};

use serde::{Deserialize, Serialize};

use crate::no_answer::NoAnswer;
use crate::runs::RunRecord;

/// Which registry an endpoint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistryKind {
    Mlflow,
    Kubeflow,
}

impl RegistryKind {
    pub fn label(self) -> &'static str {
        match self {
            RegistryKind::Mlflow => "MLflow",
            RegistryKind::Kubeflow => "Kubeflow Model Registry",
        }
    }
}

/// A registry the user set up in Settings. The bearer token is not part of it: the page keeps
/// it in memory or `sessionStorage` only and adds the `Authorization` header itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// Stable id (`reg-…`), for the run's records of where it was pushed.
    pub id: String,
    pub kind: RegistryKind,
    /// The user's name for it (`team MLflow`).
    pub label: String,
    /// e.g. `http://127.0.0.1:5000` (MLflow) or `https://registry.example/` (Kubeflow; the
    /// client adds `api/model_registry/v1alpha3/`). A trailing `/` or not, both work.
    pub base_url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
}

/// What a request carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Body {
    None,
    /// Sent as `application/json`.
    Json(serde_json::Value),
    /// The exported `model.onnx` bytes (`application/octet-stream`); the caller attaches them.
    Onnx,
    /// The model card JSON bytes (`application/json`); the caller attaches them.
    Card,
}

/// One HTTP request to make, with an absolute URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub body: Body,
}

/// What came back: status and body text (empty when none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpReply {
    pub status: u16,
    pub body: String,
}

/// The user's choices for one push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushOptions {
    /// Registered model name (default: the run's model name).
    pub model_name: String,
    /// MLflow experiment name (default `jukebox`).
    pub experiment: String,
    /// Kubeflow: the version name; empty = the next free number (`1`, `2`, …).
    pub version_name: String,
    /// MLflow: an alias to point at the new version (`champion`); empty = none.
    pub alias: String,
    /// Kubeflow: the artifact URI to record (an `mlflow-artifacts:`/`s3://`/`https://` URI);
    /// empty = refused with a sentence saying one is needed (Kubeflow stores no bytes).
    pub artifact_uri: String,
    pub author: String,
    pub license: String,
    pub description: String,
}

/// The exported files a push uploads or describes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushFiles {
    pub onnx_sha256: String,
    pub onnx_bytes: u64,
}

/// The steps of a push, in order, per registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    // MLflow
    Experiment,
    CreateRun,
    LogBatch,
    UploadModel,
    UploadCard,
    FinishRun,
    RegisteredModel,
    ModelVersion,
    Alias,
    // Kubeflow
    KfRegisteredModel,
    KfModelVersion,
    KfModelArtifact,
}

impl StepKind {
    /// The step as the progress list shows it ("Create the model version").
    pub fn label(self) -> &'static str {
        match self {
            StepKind::Experiment => "Find or create the experiment",
            StepKind::CreateRun => "Create the MLflow run",
            StepKind::LogBatch => "Log parameters, metrics and tags",
            StepKind::UploadModel => "Upload model.onnx",
            StepKind::UploadCard => "Upload the model card",
            StepKind::FinishRun => "Finish the MLflow run",
            StepKind::RegisteredModel | StepKind::KfRegisteredModel => {
                "Find or create the registered model"
            }
            StepKind::ModelVersion | StepKind::KfModelVersion => "Create the model version",
            StepKind::Alias => "Set the alias",
            StepKind::KfModelArtifact => "Create the model artifact",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StepStatus {
    Pending,
    Running,
    /// Done; `detail` says what it found or made (`experiment 3 (existing)`).
    Done {
        detail: String,
    },
    /// Not needed with these options (no alias asked).
    Skipped,
    /// The step's error in words, with the server's own message.
    Failed {
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepState {
    pub kind: StepKind,
    pub status: StepStatus,
}

/// A push's state, kept with the run (`RunRecord::pushes`) so a new push resumes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushProgress {
    pub endpoint_id: String,
    pub kind: RegistryKind,
    pub base_url: String,
    pub options: PushOptions,
    pub files: PushFiles,
    pub steps: Vec<StepState>,
    /// Ids learned so far (`experiment_id`, `run_id`, `registered_model_id`, `version`,
    /// `model_version_id`, `artifact_uri`…), reused when resuming.
    pub ids: std::collections::BTreeMap<String, String>,
}

/// Where a run was registered, shown on the Runs page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Registration {
    pub endpoint_id: String,
    pub kind: RegistryKind,
    pub base_url: String,
    pub model_name: String,
    pub version: String,
    /// A page of the registry showing this version (MLflow UI), or the API URL of it.
    pub url: String,
    /// Where the model's bytes are (`mlflow-artifacts:/…/model`, or the user's URI).
    pub artifact_uri: String,
    pub registered_ms: f64,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum PushAction {
    /// Make this request and call [`PushJob::next`] with its reply.
    Send(HttpRequest),
    /// All steps done.
    Done(Registration),
    /// A step failed (its message is in the progress too); pushing again resumes here.
    Failed { step: StepKind, message: String },
}

/// One push of one run to one endpoint.
#[derive(Debug, Clone)]
pub struct PushJob {
    progress: PushProgress,
    /// The run being pushed (its settings, metrics and fingerprints fill the requests).
    record: Box<RunRecord>,
    /// The step waiting for a reply, if any.
    current: Option<usize>,
    /// Where that step is (0 = nothing sent yet); each step numbers its own phases.
    phase: u8,
    now_ms: f64,
}

/// Default push options for `record` (model name = the run's model name, experiment
/// `jukebox`, the rest empty).
pub fn default_options(record: &RunRecord) -> PushOptions {
    PushOptions {
        model_name: record.model_name.clone(),
        experiment: "jukebox".into(),
        version_name: String::new(),
        alias: String::new(),
        artifact_uri: String::new(),
        author: String::new(),
        license: String::new(),
        description: String::new(),
    }
}

/// "Test connection": the harmless GET that shows an endpoint works (MLflow: search one
/// experiment; Kubeflow: list one registered model).
pub fn probe(endpoint: &Endpoint) -> HttpRequest {
    probe::request(endpoint)
}

/// How the probe went, as the page saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeOutcome {
    Reply(HttpReply),
    /// `fetch` failed without a response; a second `no-cors` fetch of the same URL told a
    /// CORS refusal (it got an opaque answer) from a server that cannot be reached.
    NoAnswer(NoAnswer),
}

/// `Ok(sentence)` when the endpoint works ("Connected to MLflow: 3 experiments visible"),
/// else `Err(sentence)` saying what failed and what to do: DNS/refused, CORS with the exact
/// server flag to allow `origin` (MLflow `--cors-allowed-origins <origin>`; Kubeflow's
/// server allows any origin, so a proxy in front of it), 401/403 (token), 404 (wrong path:
/// what the base URL should look like).
pub fn explain(
    endpoint: &Endpoint,
    origin: &str,
    outcome: &ProbeOutcome,
) -> Result<String, String> {
    probe::explain(endpoint, origin, outcome)
}
