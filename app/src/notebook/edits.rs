//! Editing the notebook's cell list: add, insert below, duplicate, delete (with Undo), move
//! (buttons or drag), and files given to data source cells. A cell added or put back runs
//! (through the runner, like any change).

use jukebox_core::notebook::{Cell, CellSpec, Source, dataset_name_for};
use leptos::prelude::*;

use super::document::Document;
use super::persist::kept_files::KeptFiles;
use super::run::Runner;

/// The cell list's edits, for the context.
#[derive(Debug, Clone, Copy)]
pub struct NotebookEdits {
    document: Document,
    runner: Runner,
    kept: KeptFiles,
}

impl NotebookEdits {
    pub fn new(document: Document, runner: Runner, kept: KeptFiles) -> Self {
        Self {
            document,
            runner,
            kept,
        }
    }

    /// Appends a cell and runs it; returns its id.
    pub fn add_cell(&self, spec: CellSpec) -> u64 {
        self.insert_cell(None, spec)
    }

    /// Removes a cell (after the current event: its own button is in it); it can be put
    /// back with [`NotebookEdits::undo_delete`] until the next deletion.
    pub fn remove_cell(&self, id: u64) {
        let (document, runner) = (self.document, self.runner);
        leptos::task::spawn_local(async move {
            let Some(index) = document.index_of(id) else {
                return;
            };
            let cell = document.snapshot().cells.remove(index);
            document.cells.update(|cells| {
                cells.remove(index);
            });
            runner.forget(id);
            document.deleted.set(Some((index, cell)));
        });
    }

    /// Puts the last deleted cell back where it was and runs it.
    pub fn undo_delete(&self) {
        let Some((index, cell)) = self.document.deleted.get_untracked() else {
            return;
        };
        self.document.deleted.set(None);
        let id = cell.id;
        let entry = self.document.new_entry_for(cell);
        self.document.cells.update(|cells| {
            let at = index.min(cells.len());
            cells.insert(at, entry);
        });
        self.runner.rerun(id);
    }

    /// Inserts a copy of cell `id` right below it, with a new id, and runs it.
    pub fn duplicate_cell(&self, id: u64) {
        let Some(index) = self.document.index_of(id) else {
            return;
        };
        let notebook = self.document.snapshot();
        let copy = Cell::new(notebook.next_id(), notebook.cells[index].spec.clone());
        let copy_id = copy.id;
        let entry = self.document.new_entry_for(copy);
        self.document
            .cells
            .update(|cells| cells.insert(index + 1, entry));
        self.runner.rerun(copy_id);
    }

    /// Inserts a new cell right below cell `after` (or at the end) and runs it; its id.
    pub fn insert_cell(&self, after: Option<u64>, spec: CellSpec) -> u64 {
        let at = after
            .and_then(|a| self.document.index_of(a))
            .map_or_else(|| self.document.cells.with_untracked(Vec::len), |i| i + 1);
        self.insert_cell_at(at, spec)
    }

    /// Inserts a new cell at position `at` (clamped to the end) and runs it; its id.
    pub fn insert_cell_at(&self, at: usize, spec: CellSpec) -> u64 {
        let id = self.document.snapshot().next_id();
        let at = at.min(self.document.cells.with_untracked(Vec::len));
        let entry = self.document.new_entry_for(Cell::new(id, spec));
        self.document.cells.update(|cells| cells.insert(at, entry));
        self.runner.rerun(id);
        id
    }

    /// Moves cell `id` to just before cell `before` (drag and drop), after the current event.
    pub fn move_before(&self, id: u64, before: u64) {
        let cells = self.document.cells;
        leptos::task::spawn_local(async move {
            cells.update(|cells| {
                let Some(from) = cells.iter().position(|c| c.id == id) else {
                    return;
                };
                let cell = cells.remove(from);
                let to = cells
                    .iter()
                    .position(|c| c.id == before)
                    .unwrap_or(cells.len());
                cells.insert(to, cell);
            });
        });
    }

    /// Moves a cell up (`-1`) or down (`+1`), after the current event.
    pub fn move_cell(&self, id: u64, delta: isize) {
        let cells = self.document.cells;
        leptos::task::spawn_local(async move {
            cells.update(|cells| {
                let Some(from) = cells.iter().position(|c| c.id == id) else {
                    return;
                };
                let to = from.saturating_add_signed(delta).min(cells.len() - 1);
                let cell = cells.remove(from);
                cells.insert(to, cell);
            });
        });
    }

    /// Gives a data source cell the file the user picked or dropped, keeps it in storage
    /// by content hash (so a reload finds it) and reads it.
    pub fn attach_file(&self, id: u64, file: web_sys::File, name: String) {
        let file_name = file.name();
        self.kept.pick(id, file.clone());
        let (kept, runner) = (self.kept, self.runner);
        leptos::task::spawn_local(async move {
            let (size, sha256) = kept.keep(&file).await.unwrap_or_default();
            let spec = CellSpec::Source {
                source: Source::File {
                    name,
                    file_name,
                    size,
                    sha256,
                },
            };
            // The same file picked again is read again (its contents may have changed).
            runner.edit_later(id, move |old| *old = spec, true);
        });
    }

    /// Adds a data source cell reading `file`, named after it.
    pub fn add_file_cell(&self, file: web_sys::File) {
        let name = dataset_name_for(&file.name());
        let id = self.document.snapshot().next_id();
        let entry = self.document.new_entry_for(Cell::new(
            id,
            CellSpec::Source {
                source: Source::File {
                    name: name.clone(),
                    file_name: file.name(),
                    size: 0,
                    sha256: String::new(),
                },
            },
        ));
        self.document.cells.update(|cells| cells.push(entry));
        self.attach_file(id, file, name);
    }
}
