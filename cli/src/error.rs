//! What can stop a run, in words a person can act on, and the exit code each one gives.

use std::path::{Path, PathBuf};

use jukebox_core::contract::{Anomaly, Severity, Validation};
use thiserror::Error;

/// Exit codes (documented in `jukebox run --help`).
pub mod exit {
    /// The notebook ran and every quality gate passed.
    pub const PASSED: i32 = 0;
    /// The data contract failed: a table does not look like the one the model was made from.
    pub const CONTRACT: i32 = 1;
    /// Bad input: arguments, the notebook, its data, a cell that failed, an output not written.
    pub const BAD_INPUT: i32 = 2;
    /// The notebook ran but a quality gate failed.
    pub const GATE_FAILED: i32 = 3;
    /// A registry push failed (`jukebox push`); pushing again resumes it.
    pub const REGISTRY: i32 = 4;
    /// A Drift or Fairness cell (or `jukebox monitor`) raised an alert: drift, or a fairness
    /// measure outside its bounds.
    pub const ALERT: i32 = 5;
}

#[derive(Debug, Error)]
pub enum CliError {
    /// An argument that cannot be understood; `arg` as given.
    #[error("{arg}: {problem}")]
    Argument { arg: String, problem: String },
    /// The notebook could not be had or read.
    #[error("the notebook {origin} could not be opened: {reason}")]
    Notebook { origin: String, reason: String },
    /// A notebook's cell cannot run headless, or its data cannot be found.
    #[error("cell {index} ({label}): {problem}")]
    Cell {
        index: usize,
        label: String,
        problem: String,
    },
    /// A file could not be read or written.
    #[error("{action} {}: {source}. {hint}", path.display())]
    File {
        action: &'static str,
        path: PathBuf,
        hint: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// A notebook from a link or a URL would contact hosts nobody allowed.
    #[error(
        "{question} It came from {origin}, so nothing was run or contacted. Allow them with {flags}, or every host it names with --trust"
    )]
    Untrusted {
        origin: String,
        question: String,
        flags: String,
    },
    /// A download failed.
    #[error("{url} could not be downloaded: {reason}")]
    Download { url: String, reason: String },
    /// A table broke its data contract; the anomalies were printed and written.
    #[error("{what} breaks the data contract ({headline}): {first}. {hint}")]
    Contract {
        what: String,
        headline: String,
        /// The first error, in words.
        first: String,
        hint: String,
    },
    /// A registry refused a push or could not be reached.
    #[error(
        "the push to {registry} failed at \"{step}\": {message}. Its progress is kept in {state}: run the same command again to resume"
    )]
    Registry {
        registry: String,
        step: String,
        message: String,
        state: String,
    },
    /// The champion a gate compares with could not be read.
    #[error(
        "the champion could not be read from {registry}: {message}. The run's outputs are written; the champion gates were not checked"
    )]
    Champion { registry: String, message: String },
    /// Monitoring raised alerts (drift, unfairness); each was printed and written.
    #[error("{count} monitoring alert{plural}: {first}{more}. {hint}", first = first.trim_end_matches('.'), plural = if *count == 1 { "" } else { "s" }, more = if *count > 1 { " (and more: see monitor.json)" } else { "" })]
    Alert {
        count: usize,
        first: String,
        hint: String,
    },
    /// A quality gate failed or could not be evaluated; the gates' own lines say which.
    #[error(
        "{failed} of {total} quality gates failed{detail}; report.md lists each gate with its value"
    )]
    GateFailed {
        failed: usize,
        total: usize,
        /// Metrics the gates named that the run does not have, and those it has.
        detail: String,
    },
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::GateFailed { .. } => exit::GATE_FAILED,
            CliError::Contract { .. } => exit::CONTRACT,
            CliError::Registry { .. } | CliError::Champion { .. } => exit::REGISTRY,
            CliError::Alert { .. } => exit::ALERT,
            _ => exit::BAD_INPUT,
        }
    }

    /// A file-reading error at `path`.
    pub fn reading(path: &Path, source: std::io::Error) -> Self {
        CliError::File {
            action: "could not read",
            path: path.to_path_buf(),
            hint: "Check the path (relative paths start at the current folder)",
            source,
        }
    }

    /// A file-writing error at `path`.
    pub fn writing(path: &Path, source: std::io::Error) -> Self {
        CliError::File {
            action: "could not write",
            path: path.to_path_buf(),
            hint: "Check that the folder can be written, or pass another --out",
            source,
        }
    }
}

impl CliError {
    /// The error for `what` (a table in words) whose check `validation` failed.
    pub fn contract(what: String, validation: &Validation, hint: String) -> Self {
        let first = validation
            .anomalies
            .iter()
            .find(|a| a.severity == Severity::Error)
            .map_or_else(String::new, Anomaly::summary);
        CliError::Contract {
            what,
            headline: validation.headline(),
            first,
            hint,
        }
    }
}

pub type Result<T, E = CliError> = std::result::Result<T, E>;
