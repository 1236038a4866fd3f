//! The runner's bookkeeping as plain data: the cells waiting (kept in notebook order), the
//! one running and its engine request, a cancel asked of it, and the edits batched until
//! they pause.

use std::collections::VecDeque;

/// Cells waiting to run and the one running.
#[derive(Debug, Default)]
pub(super) struct Queue {
    waiting: VecDeque<u64>,
    /// Whether a runner task is alive (set before it is spawned, so there is only one).
    pub pumping: bool,
    pub running: Option<u64>,
    /// The engine request id of the running cell, for a cancel the worker itself handles.
    pub request: Option<u64>,
    /// A cell stopped by restarting the engine: its failed reply means "cancelled".
    pub cancelled: Option<u64>,
}

impl Queue {
    pub fn clear(&mut self) {
        self.waiting.clear();
    }

    pub fn remove(&mut self, id: u64) {
        self.waiting.retain(|x| *x != id);
    }

    /// Adds `id` unless it waits already.
    pub fn push(&mut self, id: u64) {
        if !self.waiting.contains(&id) {
            self.waiting.push_back(id);
        }
    }

    /// Puts the waiting cells in `order` (notebook order), whatever the order of requests.
    pub fn sort_by(&mut self, order: &[u64]) {
        self.waiting
            .make_contiguous()
            .sort_by_key(|id| order.iter().position(|x| x == id));
    }

    pub fn pop(&mut self) -> Option<u64> {
        self.waiting.pop_front()
    }
}

/// Cells to run once edits pause, and the pause's ticket.
#[derive(Debug, Default)]
pub(super) struct EditBatch {
    ids: Vec<u64>,
    pub generation: u64,
}

impl EditBatch {
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Adds `ids` to the batch and gives the new pause's ticket.
    pub fn join(&mut self, ids: Vec<u64>) -> u64 {
        for id in ids {
            if !self.ids.contains(&id) {
                self.ids.push(id);
            }
        }
        self.generation += 1;
        self.generation
    }

    /// The batch, if `generation` is still the last pause's ticket.
    pub fn take_if(&mut self, generation: u64) -> Option<Vec<u64>> {
        (self.generation == generation).then(|| std::mem::take(&mut self.ids))
    }
}
