//! The one path every cell's reply takes: the engine's answer becomes an [`Outcome`] — the
//! output to show and how the run ended. What a kind adds happens here too, in the same
//! match: datasets loaded are kept, a training is recorded as a run, a Serve cell's score is
//! compared with the served model's answer.

use jukebox_core::protocol::ResponseBody;
use leptos::prelude::*;

use crate::engine_client::Reply;
use crate::notebook::cell_entry::{CellEntry, CellOutput};
use crate::notebook::cells::serve::call::compare;
use crate::notebook::cells::serve::served::Score;
use crate::notebook::document::Document;
use crate::notebook::persist::records::RunRecords;

/// How a cell's run ended.
#[derive(Debug)]
pub(super) enum Outcome {
    /// Done: its output, and the engine's own time.
    Done { output: CellOutput, elapsed_ms: f64 },
    /// Stopped by a cancel, with what it kept (a training's model as it was then).
    Stopped { output: CellOutput },
    /// Failed: why, and what to show anyway (the served model's exchanges so far); without
    /// one, the last output stays shown.
    Failed {
        message: String,
        output: Option<CellOutput>,
    },
    /// Not a cell's answer (progress, a worker's news): nothing changes.
    Ignored,
}

/// What the Serve cell says when the served model's side failed (its output says why).
const SERVED_FAILED: &str = "The served model could not be compared: see below.";

/// A Serve cell's outcome: the engine's `score` compared with the served model's answer.
async fn served(entry: CellEntry, score: Score, elapsed_ms: f64) -> Outcome {
    match compare(&entry.spec.get_untracked(), score).await {
        Some(served) if served.error.is_some() => Outcome::Failed {
            message: SERVED_FAILED.to_string(),
            output: Some(CellOutput::Served(Box::new(served))),
        },
        Some(served) => Outcome::Done {
            output: CellOutput::Served(Box::new(served)),
            elapsed_ms,
        },
        None => Outcome::Ignored,
    }
}

/// The outcome of cell `entry`'s run from the engine's `reply`; `wall_ms`: how long the user
/// has waited so far.
pub(super) async fn outcome(
    document: Document,
    records: RunRecords,
    entry: CellEntry,
    reply: Reply,
    wall_ms: f64,
) -> Outcome {
    let elapsed_ms = reply.elapsed_ms;
    let done = |output| Outcome::Done { output, elapsed_ms };
    match reply.body {
        ResponseBody::Loaded { summary } => {
            document.add_tables(&summary.tables);
            done(CellOutput::Loaded(summary))
        }
        ResponseBody::Explored { output } => done(CellOutput::Explored(output)),
        ResponseBody::Charted { chart } => done(CellOutput::Charted(chart)),
        ResponseBody::Trained {
            report, artifacts, ..
        } => {
            if let Some(artifacts) = artifacts {
                records.record_run(entry.id, &report, *artifacts, wall_ms);
            }
            // A cancelled training keeps the model as it was: show it, marked stopped.
            if report.cancelled {
                Outcome::Stopped {
                    output: CellOutput::Trained(report),
                }
            } else {
                done(CellOutput::Trained(report))
            }
        }
        ResponseBody::Evaluated { evaluation } => done(CellOutput::Evaluated(evaluation)),
        ResponseBody::Predicted { prediction } => done(CellOutput::Predicted(prediction)),
        ResponseBody::Validated { output } => done(CellOutput::Validated(output)),
        ResponseBody::Drifted { output } => done(CellOutput::Drifted(output)),
        ResponseBody::FairnessMeasured { output } => done(CellOutput::FairnessMeasured(output)),
        ResponseBody::Explained { output } => done(CellOutput::Explained(output)),
        // The engine's part of a Serve cell: the page now calls the served model.
        ResponseBody::SongScored {
            features,
            scaled,
            classes,
            probabilities,
        } => {
            let score = Score {
                features,
                scaled,
                classes,
                probabilities,
            };
            served(entry, score, elapsed_ms).await
        }
        ResponseBody::Failed { message } => Outcome::Failed {
            message,
            output: None,
        },
        ResponseBody::Ready { .. }
        | ResponseBody::Progress { .. }
        | ResponseBody::Training { .. }
        | ResponseBody::Exported { .. }
        | ResponseBody::Songs { .. }
        | ResponseBody::TrainingPlanned { .. }
        | ResponseBody::ArchiveRead { .. } => Outcome::Ignored,
    }
}
