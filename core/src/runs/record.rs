//! Making a run record: its id, and the record from a finished training's pieces.

use super::{RUN_VERSION, RunArtifacts, RunRecord, RunStatus};
use crate::hash::sha256_hex;
use crate::train::TrainReport;

/// `run-<start ms in base36>-<6 base36 digits of random>`: sorts by start time as text
/// (for starts between 1973 and 5188, whose base-36 millisecond counts have 8 digits).
pub fn new_run_id(started_ms: f64, random: u64) -> String {
    // A clock reading in ms since 1970: non-negative and far below 2^53, so exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let ms = started_ms.max(0.0) as u64;
    let mut tail = base36(random % 36_u64.pow(6));
    while tail.len() < 6 {
        tail.insert(0, '0');
    }
    format!("run-{}-{tail}", base36(ms))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    out.into_iter().map(char::from).collect()
}

/// Where and when a training ran, as the page knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOrigin {
    pub notebook_id: String,
    pub notebook_title: String,
    pub cell_id: u64,
    /// The dataset the Train cell read.
    pub input: String,
    pub started_ms: f64,
    pub ended_ms: f64,
    pub user_agent: String,
}

/// The record of run `id`: `report` and `artifacts` from the engine's `Trained` reply,
/// `origin` from the page. The model bytes are kept beside it; the record holds their hash.
pub fn record(
    id: String,
    origin: RunOrigin,
    report: TrainReport,
    artifacts: &RunArtifacts,
) -> RunRecord {
    RunRecord {
        version: RUN_VERSION,
        id,
        notebook_id: origin.notebook_id,
        notebook_title: origin.notebook_title,
        cell_id: origin.cell_id,
        model_name: report.model.clone(),
        input: origin.input,
        started_ms: origin.started_ms,
        ended_ms: origin.ended_ms,
        status: if report.cancelled {
            RunStatus::Cancelled
        } else {
            RunStatus::Finished
        },
        report,
        datasets: artifacts.datasets.clone(),
        evaluation: artifacts.evaluation.clone(),
        model_sha256: sha256_hex(&artifacts.model),
        model_bytes: artifacts.model.len() as u64,
        tags: Vec::new(),
        note: String::new(),
        app_version: crate::APP_VERSION.to_string(),
        user_agent: origin.user_agent,
        registrations: Vec::new(),
        pushes: Vec::new(),
    }
}
