//! Running what was scheduled: cells wait in notebook order, one runs at a time — its engine
//! request built ([`super::request`]), sent, awaited, its reply taken the one way every
//! reply is ([`super::reply`]) — and a cancel either asks the worker to stop a training or
//! restarts the engine.

use std::time::Duration;

use jukebox_core::notebook::trust::cell_uses;
use jukebox_core::notebook::{Cell, CellSpec};
use leptos::prelude::*;

use super::queue::Queue;
use super::reply::{Outcome, outcome};
use super::request::{request_for, waits_for_user};
use crate::browser::clock::now_ms;
use crate::engine_client::{EngineClient, EngineStatus, Progress};
use crate::notebook::cell_entry::{CellEntry, CellStatus};
use crate::notebook::document::Document;
use crate::notebook::persist::kept_files::KeptFiles;
use crate::notebook::persist::records::RunRecords;

/// How long a cancelled training may take to answer before the engine is restarted.
const CANCEL_GRACE: Duration = Duration::from_secs(3);

/// The queue and what a run needs: the cells, the engine, files and saved runs.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scheduler {
    document: Document,
    engine: EngineClient,
    kept: KeptFiles,
    records: RunRecords,
    queue: StoredValue<Queue>,
}

impl Scheduler {
    pub fn new(
        document: Document,
        engine: EngineClient,
        kept: KeptFiles,
        records: RunRecords,
    ) -> Self {
        Self {
            document,
            engine,
            kept,
            records,
            queue: StoredValue::new(Queue::default()),
        }
    }

    /// Forgets every waiting cell (another notebook opens).
    pub fn clear(&self) {
        self.queue.update_value(Queue::clear);
    }

    /// Takes cell `id` out of the queue.
    pub fn forget(&self, id: u64) {
        self.queue.update_value(|q| q.remove(id));
    }

    /// Queues `ids` (shown "Waiting…"), keeps the queue in notebook order and starts the
    /// runner task unless it runs.
    pub fn schedule(&self, ids: Vec<u64>) {
        for id in ids {
            let Some(entry) = self.document.entry(id) else {
                continue;
            };
            self.queue.update_value(|q| q.push(id));
            entry.status.set(CellStatus::Queued);
        }
        // Keep notebook order whatever the order of requests.
        let order = self.document.order();
        self.queue.update_value(|q| q.sort_by(&order));
        let start = self.queue.with_value(|q| !q.pumping);
        if start {
            self.queue.update_value(|q| q.pumping = true);
            let scheduler = *self;
            leptos::task::spawn_local(async move { scheduler.pump().await });
        }
    }

    /// Stops cell `id`: a queued cell leaves the queue. A running training is asked to stop
    /// (it answers with the model so far, and the worker keeps its data); if it does not
    /// answer within [`CANCEL_GRACE`], or the cell is not a training, the engine is
    /// restarted and runs again what it had.
    pub fn cancel(&self, id: u64) {
        self.forget(id);
        let Some(entry) = self.document.entry(id) else {
            return;
        };
        entry.status.set(CellStatus::Cancelled);
        let (running, request) = self.queue.with_value(|q| (q.running, q.request));
        if running != Some(id) {
            return;
        }
        let is_training = entry
            .spec
            .with_untracked(|s| matches!(s, CellSpec::Train { .. }));
        if let (true, Some(request)) = (is_training, request)
            && self.engine.cancel(request)
        {
            let scheduler = *self;
            set_timeout(
                move || {
                    if scheduler.queue.with_value(|q| q.request) == Some(request) {
                        scheduler.restart_to_cancel(id);
                    }
                },
                CANCEL_GRACE,
            );
            return;
        }
        self.restart_to_cancel(id);
    }

    fn restart_to_cancel(&self, id: u64) {
        self.queue.update_value(|q| q.cancelled = Some(id));
        self.engine.restart("Cancelled.");
    }

    async fn pump(self) {
        while self.engine.status.get_untracked() == EngineStatus::Ready {
            let Some(id) = self.queue.try_update_value(Queue::pop).flatten() else {
                break;
            };
            self.queue.update_value(|q| q.running = Some(id));
            self.run_one(id).await;
            self.queue.update_value(|q| q.running = None);
        }
        self.queue.update_value(|q| q.pumping = false);
    }

    async fn run_one(&self, id: u64) {
        let Some(entry) = self.document.entry(id) else {
            return;
        };
        let spec = entry.spec.get_untracked();
        if waits_for_user(&spec) || !entry.armed.get_untracked() {
            // Nothing chosen yet: wait for the user, without an error.
            entry.status.set(CellStatus::Idle);
            return;
        }
        let cell = Cell::new(id, spec.clone());
        if !self.document.lets_run(&cell) {
            // A notebook from elsewhere: no host is contacted before its reader agrees.
            let consent = self.document.saved.with_untracked(|s| s.consent.clone());
            let hosts = consent
                .waiting(&cell_uses(&cell))
                .into_iter()
                .map(|u| u.host.clone())
                .collect();
            entry.status.set(CellStatus::AwaitingConsent { hosts });
            return;
        }
        entry.status.set(CellStatus::Running(None));
        let mut file = self.kept.picked(id);
        let request = match request_for(self.kept, self.records, id, spec, &mut file).await {
            Ok(Some(request)) => request,
            Ok(None) => {
                // Markdown: nothing to compute.
                entry.status.set(CellStatus::Done {
                    elapsed_ms: 0.0,
                    wall_ms: 0.0,
                });
                return;
            }
            Err(error) => {
                entry.status.set(CellStatus::Failed {
                    message: error.into(),
                });
                return;
            }
        };
        let on_progress = Callback::new(move |p: Progress| {
            // A training asked to stop still reports until it answers: stay "cancelled".
            if entry.status.get_untracked() != CellStatus::Cancelled {
                entry.status.set(CellStatus::Running(Some(p)));
            }
        });
        let started_ms = now_ms();
        // The request takes this id when first polled, right below, before anything else runs.
        let request_id = self.engine.next_request_id();
        self.queue.update_value(|q| q.request = Some(request_id));
        let reply = self.engine.request(request, file, Some(on_progress)).await;
        if self.was_cancelled(id) {
            entry.status.set(CellStatus::Cancelled);
            return;
        }
        let wall_ms = now_ms() - started_ms;
        let ended = outcome(self.document, self.records, entry, reply, wall_ms).await;
        show(self.document, entry, ended, started_ms);
    }

    /// Whether cell `id`, whose reply just came, was stopped by restarting the engine (its
    /// reply is then the restart's failure). Its request is over either way.
    fn was_cancelled(&self, id: u64) -> bool {
        self.queue
            .try_update_value(|q| {
                q.request = None;
                let cancelled = q.cancelled == Some(id);
                if cancelled {
                    q.cancelled = None;
                }
                cancelled
            })
            .unwrap_or(false)
    }
}

/// Shows how cell `entry`'s run (started at `started_ms`) ended; a new output's alert (or
/// its absence) is kept in `document`.
fn show(document: Document, entry: CellEntry, outcome: Outcome, started_ms: f64) {
    match outcome {
        Outcome::Done { output, elapsed_ms } => {
            document.set_alert(entry.id, output.alert());
            entry.output.set(Some(output));
            entry.status.set(CellStatus::Done {
                elapsed_ms,
                wall_ms: now_ms() - started_ms,
            });
        }
        Outcome::Stopped { output } => {
            entry.output.set(Some(output));
            entry.status.set(CellStatus::Cancelled);
        }
        Outcome::Failed { message, output } => {
            if let Some(output) = output {
                entry.output.set(Some(output));
            }
            entry.status.set(CellStatus::Failed { message });
        }
        Outcome::Ignored => {}
    }
}
