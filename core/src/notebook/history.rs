//! Undo and redo of a notebook's document edits — cells added, deleted, moved, duplicated,
//! collapsed, a cell's settings, the title — as a bounded history of whole notebooks (plain
//! data, so a step is exact and needs no inverse per kind of edit). The page records the
//! notebook after every edit; [`History::undo`] and [`History::redo`] give the notebook to
//! show. A run changes nothing here: outputs, statuses and runs are not the document.
//!
//! Typing in one field is one step, not one per key: an edit of the same cell's settings (or
//! of the title) within [`MERGE_WITHIN_MS`] of the last one replaces it.

use std::collections::VecDeque;

use super::Notebook;

/// Steps kept to undo; older ones are dropped.
pub const MAX_UNDO_STEPS: usize = 100;
/// Edits of the same field closer together than this are one step.
pub const MERGE_WITHIN_MS: f64 = 1_000.0;

/// What an edit changed, to tell whether it continues the last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Title,
    /// One cell's settings, the cells otherwise as they were.
    Settings(u64),
    /// Anything else: cells added, removed, moved, collapsed, several at once.
    Cells,
}

/// A notebook's undo history (kept in memory; the saved notebook is the present).
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The notebook as last recorded (the present).
    present: Option<Notebook>,
    /// Earlier notebooks, the newest last.
    undo: VecDeque<Notebook>,
    /// Notebooks undone, the next to redo last.
    redo: Vec<Notebook>,
    /// The last recorded step's change and when it was made, for merging.
    last: Option<(Change, f64)>,
}

impl History {
    /// A history whose present is `notebook`, nothing to undo (a notebook just opened).
    pub fn starting_at(notebook: Notebook) -> Self {
        Self {
            present: Some(notebook),
            ..Self::default()
        }
    }

    /// Records the notebook as it is after an edit made at `at_ms`; `false` when nothing
    /// changed since the present (a save, a run, a selection).
    pub fn record(&mut self, notebook: Notebook, at_ms: f64) -> bool {
        let Some(present) = self.present.take() else {
            self.present = Some(notebook);
            return false;
        };
        if present == notebook {
            self.present = Some(present);
            return false;
        }
        let change = change_between(&present, &notebook);
        let merges = change != Change::Cells
            && self
                .last
                .is_some_and(|(last, last_ms)| last == change && at_ms - last_ms < MERGE_WITHIN_MS)
            && !self.undo.is_empty();
        if !merges {
            self.undo.push_back(present);
            if self.undo.len() > MAX_UNDO_STEPS {
                self.undo.pop_front();
            }
        }
        self.redo.clear();
        self.present = Some(notebook);
        self.last = Some((change, at_ms));
        true
    }

    /// The notebook before the last step (now the present), if any.
    pub fn undo(&mut self) -> Option<Notebook> {
        let previous = self.undo.pop_back()?;
        if let Some(present) = self.present.replace(previous.clone()) {
            self.redo.push(present);
        }
        self.last = None;
        Some(previous)
    }

    /// The notebook the last undo left (now the present), if any.
    pub fn redo(&mut self) -> Option<Notebook> {
        let next = self.redo.pop()?;
        if let Some(present) = self.present.replace(next.clone()) {
            self.undo.push_back(present);
        }
        self.last = None;
        Some(next)
    }

    pub fn undo_steps(&self) -> usize {
        self.undo.len()
    }

    pub fn redo_steps(&self) -> usize {
        self.redo.len()
    }
}

fn change_between(before: &Notebook, after: &Notebook) -> Change {
    if before.cells == after.cells {
        return Change::Title;
    }
    let same_cells = before.title == after.title
        && before.cells.len() == after.cells.len()
        && before
            .cells
            .iter()
            .zip(&after.cells)
            .all(|(b, a)| b.id == a.id && b.collapsed == a.collapsed);
    if !same_cells {
        return Change::Cells;
    }
    let mut changed = before
        .cells
        .iter()
        .zip(&after.cells)
        .filter(|(b, a)| b.spec != a.spec);
    match (changed.next(), changed.next()) {
        (Some((cell, _)), None) => Change::Settings(cell.id),
        _ => Change::Cells,
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
