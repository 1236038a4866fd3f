//! `jukebox push DIR --registry mlflow|kubeflow --url URL`: a run that `jukebox run` wrote
//! into DIR, registered with the core's push state machine (`jukebox_core::registry`, the
//! one the app drives over `fetch`) over a native HTTP client (`ureq`). The token comes from
//! `JUKEBOX_REGISTRY_TOKEN`, never from the command line. The push's progress is kept in
//! `DIR/push-<registry>.json` after every step, so a push cut short resumes where it stopped,
//! as the app's does; the registration is added to the run in `jukebox-export.json`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jukebox_core::archive::{self, Archive, ArchivedRun};
use jukebox_core::hash::sha256_hex;
use jukebox_core::registry::{
    Body, Endpoint, HttpReply, HttpRequest, Method, PushAction, PushFiles, PushJob, PushProgress,
    Registration, RegistryKind, default_options,
};

use crate::args::PushArgs;
use crate::error::{CliError, Result};
use crate::outputs::EXPORT_FILE;

/// The variable the bearer token is read from.
pub const TOKEN_VARIABLE: &str = "JUKEBOX_REGISTRY_TOKEN";

/// How long one request may take (an ONNX upload of a few MB included).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The registry's kind from `--registry`.
///
/// # Errors
/// Neither `mlflow` nor `kubeflow`.
pub fn registry_kind(text: &str) -> Result<RegistryKind> {
    match text.to_ascii_lowercase().as_str() {
        "mlflow" => Ok(RegistryKind::Mlflow),
        "kubeflow" => Ok(RegistryKind::Kubeflow),
        other => Err(CliError::Argument {
            arg: format!("--registry {other}"),
            problem: "the registry is `mlflow` or `kubeflow`".into(),
        }),
    }
}

/// What the push needs from DIR: the archive, the run chosen and its ONNX files.
struct PushInput {
    archive: Archive,
    index: usize,
    onnx: Vec<u8>,
    card: Vec<u8>,
}

fn load(dir: &Path, run_id: Option<&str>) -> Result<PushInput> {
    let path = dir.join(EXPORT_FILE);
    let bytes = std::fs::read(&path).map_err(|e| CliError::reading(&path, e))?;
    let archive = archive::from_bytes(&bytes).map_err(|e| CliError::Argument {
        arg: path.display().to_string(),
        problem: format!("{e}. Give the folder `jukebox run --out` wrote"),
    })?;
    let last = archive
        .runs
        .len()
        .checked_sub(1)
        .ok_or_else(|| CliError::Argument {
            arg: dir.display().to_string(),
            problem: "its runs file holds no run: the notebook trained nothing".into(),
        })?;
    let index = match run_id {
        None => last,
        Some(id) => archive
            .runs
            .iter()
            .position(|r| r.record.id == id)
            .ok_or_else(|| CliError::Argument {
                arg: format!("--run {id}"),
                problem: format!(
                    "no such run in {}; it has {}",
                    path.display(),
                    archive
                        .runs
                        .iter()
                        .map(|r| r.record.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?,
    };
    let model = &archive.runs[index].record.model_name;
    let folder = if index == last {
        dir.to_path_buf()
    } else {
        dir.join("runs").join(crate::outputs::safe_name(model))
    };
    let read = |name: &str| -> Result<Vec<u8>> {
        let path: PathBuf = folder.join(name);
        std::fs::read(&path).map_err(|e| CliError::File {
            action: "could not read",
            path,
            hint: "Only models ONNX can express are pushed (dense network, logistic regression)",
            source: e,
        })
    };
    let (onnx, card) = (read("model.onnx")?, read("model-card.json")?);
    Ok(PushInput {
        archive,
        index,
        onnx,
        card,
    })
}

/// `jukebox push`: registers the run; the registration.
///
/// # Errors
/// DIR or its files cannot be read ([`CliError::Argument`], [`CliError::File`]), or the
/// registry refused or could not be reached ([`CliError::Registry`], exit 4).
pub fn push(args: &PushArgs, say: &mut dyn FnMut(&str)) -> Result<Registration> {
    let kind = registry_kind(&args.registry)?;
    let mut input = load(&args.dir, args.run.as_deref())?;
    let record = input.archive.runs[input.index].record.clone();
    let slug = match kind {
        RegistryKind::Mlflow => "mlflow",
        RegistryKind::Kubeflow => "kubeflow",
    };
    let endpoint = Endpoint {
        id: format!("cli-{slug}"),
        kind,
        label: kind.label().to_string(),
        base_url: args.url.clone(),
    };
    let defaults = default_options(&record);
    let mut options = defaults.clone();
    options.model_name = args.model.clone().unwrap_or(defaults.model_name);
    options.alias = args.alias.clone().unwrap_or_default();
    options.experiment = args.experiment.clone().unwrap_or(defaults.experiment);
    options.version_name = args.version_name.clone().unwrap_or_default();
    options.artifact_uri = args.artifact_uri.clone().unwrap_or_default();
    let files = PushFiles {
        onnx_sha256: sha256_hex(&input.onnx),
        onnx_bytes: input.onnx.len() as u64,
    };
    let state_path = args.dir.join(format!("push-{slug}.json"));
    let resume: Option<PushProgress> = std::fs::read(&state_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    if resume.is_some() {
        say(&format!(
            "Resuming the push kept in {}",
            state_path.display()
        ));
    }
    let mut job = PushJob::start(
        &endpoint,
        &record,
        options,
        files,
        resume,
        crate::run::unix_ms(),
    );
    let token = token();
    let agent = agent();
    let mut action = job.next(None);
    loop {
        match action {
            PushAction::Send(request) => {
                let reply = perform(&agent, &request, token.as_deref(), &input.onnx, &input.card);
                action = job.next(Some(reply));
                save_state(&state_path, job.progress())?;
            }
            PushAction::Done(registration) => {
                let _ = std::fs::remove_file(&state_path);
                record_registration(&args.dir, &mut input, &registration)?;
                return Ok(registration);
            }
            PushAction::Failed { step, message } => {
                save_state(&state_path, job.progress())?;
                return Err(CliError::Registry {
                    registry: format!("{} at {}", kind.label(), args.url),
                    step: step.label().to_string(),
                    message,
                    state: state_path.display().to_string(),
                });
            }
        }
        if let Some(step) = job
            .progress()
            .steps
            .iter()
            .find(|s| matches!(s.status, jukebox_core::registry::StepStatus::Running))
        {
            say(&format!("{}…", step.kind.label()));
        }
    }
}

fn save_state(path: &Path, progress: &PushProgress) -> Result<()> {
    let text = serde_json::to_vec_pretty(progress).unwrap_or_default();
    std::fs::write(path, text).map_err(|e| CliError::writing(path, e))
}

/// Adds the registration to the run in the export file (the app shows it on the Runs page
/// after an import).
fn record_registration(
    dir: &Path,
    input: &mut PushInput,
    registration: &Registration,
) -> Result<()> {
    let run: &mut ArchivedRun = &mut input.archive.runs[input.index];
    run.record.registrations.push(registration.clone());
    run.record
        .pushes
        .retain(|p| p.endpoint_id != registration.endpoint_id);
    let path = dir.join(EXPORT_FILE);
    std::fs::write(&path, archive::to_bytes(&input.archive))
        .map_err(|e| CliError::writing(&path, e))
}

/// The bearer token from [`TOKEN_VARIABLE`], if set.
pub(crate) fn token() -> Option<String> {
    std::env::var(TOKEN_VARIABLE)
        .ok()
        .filter(|t| !t.trim().is_empty())
}

/// An HTTP client that hands every status back (the state machines read errors) and gives
/// up after [`REQUEST_TIMEOUT`].
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(REQUEST_TIMEOUT))
        .build()
        .into()
}

/// Makes one request to a registry (`onnx`/`card`: the bytes an upload sends); a request
/// that got no answer is status 0 with the reason, as the state machines expect.
pub(crate) fn perform(
    agent: &ureq::Agent,
    request: &HttpRequest,
    token: Option<&str>,
    onnx: &[u8],
    card: &[u8],
) -> HttpReply {
    if token.is_some()
        && let Err(why) = jukebox_core::endpoint_url::token_may_go_to(&request.url)
    {
        // The registry's own words would follow; this is ours: nothing was sent.
        return HttpReply {
            status: 0,
            body: format!(
                "not sent to {}: {why} (unset {TOKEN_VARIABLE})",
                request.url
            ),
        };
    }
    let bearer = token.map(|t| format!("Bearer {}", t.trim()));
    let result = match (&request.method, &request.body) {
        (Method::Get, _) => {
            let mut builder = agent.get(&request.url);
            if let Some(bearer) = &bearer {
                builder = builder.header("Authorization", bearer);
            }
            builder.call()
        }
        (method, body) => {
            let (content_type, bytes): (&str, Vec<u8>) = match body {
                Body::Json(value) => ("application/json", value.to_string().into_bytes()),
                Body::Onnx => ("application/octet-stream", onnx.to_vec()),
                Body::Card => ("application/json", card.to_vec()),
                Body::None => ("application/json", Vec::new()),
            };
            let mut builder = if *method == Method::Put {
                agent.put(&request.url)
            } else {
                agent.post(&request.url)
            };
            if let Some(bearer) = &bearer {
                builder = builder.header("Authorization", bearer);
            }
            builder.content_type(content_type).send(&bytes[..])
        }
    };
    match result {
        Ok(mut response) => HttpReply {
            status: response.status().as_u16(),
            body: response.body_mut().read_to_string().unwrap_or_default(),
        },
        Err(error) => HttpReply {
            status: 0,
            body: format!("{} could not be reached: {error}", request.url),
        },
    }
}
