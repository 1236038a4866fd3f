//! What the keys and the command palette do: one [`Commands`] handle (the notebook's own
//! handles, gathered), and the palette's [`Action`]s, each with its label and shortcut.
//! The bar's buttons that show their result in the bar (Copy link, Download, Open file,
//! Notebooks) are pressed, so the result shows where it always does.

use jukebox_core::notebook::{CellSpec, NewCell};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::toast::Toast;
use super::{CELL_KINDS, Overlay, Selection, edit_cell, render_markdown};
use crate::notebook::cell_entry::CellStatus;
use crate::notebook::document::Document;
use crate::notebook::edits::NotebookEdits;
use crate::notebook::history::UndoHistory;
use crate::notebook::persist::autosave::Autosave;
use crate::notebook::persist::records::RunRecords;
use crate::notebook::run::Runner;
use crate::route::Page;
use crate::theme::ThemeContext;

/// The notebook's handles the keys act through.
#[derive(Debug, Clone, Copy)]
pub struct Commands {
    pub document: Document,
    pub runner: Runner,
    pub edits: NotebookEdits,
    pub history: UndoHistory,
    pub autosave: Autosave,
    pub selection: Selection,
    pub toast: Toast,
    pub theme: ThemeContext,
    pub records: RunRecords,
}

/// After running the selected cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThenSelect {
    /// Stay on it (Ctrl+Enter).
    Same,
    /// The next cell, a new Markdown cell after the last one (Shift+Enter).
    Next,
    /// A new cell below, its kind chosen in the palette (Alt+Enter).
    InsertBelow,
}

impl Commands {
    pub fn from_context() -> Self {
        Self {
            document: expect_context(),
            runner: expect_context(),
            edits: expect_context(),
            history: expect_context(),
            autosave: expect_context(),
            selection: expect_context(),
            toast: expect_context(),
            theme: expect_context(),
            records: expect_context(),
        }
    }

    /// The selected cell, if it is still in the notebook (else the first cell, selected).
    pub fn selected(&self) -> Option<u64> {
        let order = self.document.order();
        match self.selection.cell.get_untracked() {
            Some(id) if order.contains(&id) => Some(id),
            _ => {
                let first = order.first().copied()?;
                self.selection.cell.set(Some(first));
                Some(first)
            }
        }
    }

    /// Selects the cell `delta` places away from the selected one (clamped); with none
    /// selected, the first.
    pub fn move_selection(&self, delta: isize) {
        let order = self.document.order();
        if !self
            .selection
            .cell
            .get_untracked()
            .is_some_and(|id| order.contains(&id))
        {
            self.select_edge(false);
            return;
        }
        let Some(at) = self
            .selected()
            .and_then(|id| order.iter().position(|c| *c == id))
        else {
            return;
        };
        let to = at.saturating_add_signed(delta).min(order.len() - 1);
        self.selection.select(order[to]);
    }

    pub fn select_edge(&self, last: bool) {
        let order = self.document.order();
        let id = if last { order.last() } else { order.first() };
        if let Some(id) = id {
            self.selection.select(*id);
        }
    }

    /// Runs the selected cell (after a field's pending change lands: the field is left
    /// first, and the run waits for the edit it makes), then selects as `then` says.
    pub fn run_selected(&self, then: ThenSelect) {
        let Some(id) = self.selected() else {
            return;
        };
        leave_field();
        let commands = *self;
        leptos::task::spawn_local(async move {
            render_markdown(id);
            commands.runner.run(id);
            let order = commands.document.order();
            let at = order.iter().position(|c| *c == id).unwrap_or(0);
            match then {
                ThenSelect::Same => commands.selection.select(id),
                ThenSelect::Next => match order.get(at + 1) {
                    Some(next) => commands.selection.select(*next),
                    None => commands.insert(NewCell::Markdown, false),
                },
                ThenSelect::InsertBelow => {
                    commands.selection.cell.set(Some(id));
                    commands
                        .selection
                        .overlay
                        .set(Overlay::InsertCell { above: false });
                }
            }
        });
    }

    /// Inserts a new cell of `kind` above or below the selected one (at the end when none is
    /// selected) and selects it; it reads the newest dataset or model above it.
    pub fn insert(&self, kind: NewCell, above: bool) {
        let notebook = self.document.snapshot();
        let selected = self
            .selected()
            .and_then(|id| notebook.cells.iter().position(|c| c.id == id));
        let at = match selected {
            Some(at) if above => at,
            Some(at) => at + 1,
            None => notebook.cells.len(),
        };
        let spec = notebook.new_cell(kind, at);
        let id = self.edits.insert_cell_at(at, spec);
        self.selection.close_overlay();
        self.selection.select(id);
    }

    /// Deletes the selected cell and selects the one that took its place.
    pub fn delete_selected(&self) {
        let Some(id) = self.selected() else {
            return;
        };
        let order = self.document.order();
        let at = order.iter().position(|c| *c == id).unwrap_or(0);
        let next = order
            .get(at + 1)
            .or_else(|| at.checked_sub(1).and_then(|p| order.get(p)));
        self.edits.remove_cell(id);
        match next {
            Some(next) => self.selection.select(*next),
            None => self.selection.cell.set(None),
        }
        self.toast.show("Cell deleted · Ctrl+Z to undo");
    }

    /// M: a new, untouched cell becomes Markdown; any other says why not.
    pub fn make_markdown(&self) {
        let Some(id) = self.selected() else {
            return;
        };
        let notebook = self.document.snapshot();
        let Some(at) = notebook.cells.iter().position(|c| c.id == id) else {
            return;
        };
        let spec = &notebook.cells[at].spec;
        if matches!(spec, CellSpec::Markdown { .. }) {
            self.toast.show("It is a Markdown cell already");
            return;
        }
        let kind = spec.kind();
        let untouched = CELL_KINDS
            .iter()
            .any(|(new, _)| notebook.new_cell(*new, at) == *spec);
        let ran = self
            .document
            .entry(id)
            .is_some_and(|e| e.output.with_untracked(Option::is_some));
        if !untouched || ran {
            self.toast.show(format!(
                "A {kind} cell with settings or results stays as it is (Markdown holds only text): B inserts a Markdown cell below"
            ));
            return;
        }
        if let Some(entry) = self.document.entry(id) {
            crate::notebook::run::edit(entry, |spec| {
                *spec = CellSpec::Markdown {
                    text: String::new(),
                }
            });
        }
        self.selection.select(id);
        edit_cell(id);
    }

    pub fn undo(&self) {
        if !self.history.undo() {
            self.toast.show("Nothing to undo");
        }
    }

    pub fn redo(&self) {
        if !self.history.redo() {
            self.toast.show("Nothing to redo");
        }
    }

    /// Saves at once and says so (or why it could not).
    pub fn save_now(&self) {
        leave_field();
        let commands = *self;
        leptos::task::spawn_local(async move {
            commands.autosave.save_now().await;
            match commands.autosave.save_error.get_untracked() {
                None => commands.toast.show("Saved"),
                Some(error) => commands.toast.show(error),
            }
        });
    }

    pub fn cancel_running(&self) {
        let running: Vec<u64> = self.document.cells.with_untracked(|cells| {
            cells
                .iter()
                .filter(|c| {
                    matches!(
                        c.status.get_untracked(),
                        CellStatus::Running(_) | CellStatus::Queued
                    )
                })
                .map(|c| c.id)
                .collect()
        });
        if running.is_empty() {
            self.toast.show("Nothing is running");
        }
        for id in running {
            self.runner.cancel(id);
        }
    }
}

/// Leaves the field being edited, so its pending change lands (inputs commit on `change`).
fn leave_field() {
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(active) = active {
        let _ = active.blur();
    }
}

/// Presses the bar's button with this `data-testid` (its result shows in the bar).
fn press(test_id: &str) {
    let button = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("[data-testid={test_id}]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        button.click();
    }
}

/// An action of the command palette.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    RunAll,
    RunStale,
    RunSelected,
    CancelRunning,
    AddCell(NewCell),
    InsertCell { kind: NewCell, above: bool },
    DuplicateSelected,
    DeleteSelected,
    Undo,
    Redo,
    SaveNow,
    OpenNotebooks,
    OpenFile,
    Download,
    ExportReport,
    CopyLink,
    GoTo(Page),
    ToggleTheme,
    Shortcuts,
}

impl Action {
    /// Every action of the command palette, in its order.
    pub fn all() -> Vec<Action> {
        let mut all = vec![
            Action::RunAll,
            Action::RunStale,
            Action::RunSelected,
            Action::CancelRunning,
        ];
        all.extend(CELL_KINDS.iter().map(|(kind, _)| Action::AddCell(*kind)));
        all.extend([
            Action::DuplicateSelected,
            Action::DeleteSelected,
            Action::Undo,
            Action::Redo,
            Action::SaveNow,
            Action::OpenNotebooks,
            Action::OpenFile,
            Action::Download,
            Action::ExportReport,
            Action::CopyLink,
            Action::GoTo(Page::Runs),
            Action::GoTo(Page::Registry),
            Action::GoTo(Page::Settings),
            Action::ToggleTheme,
            Action::Shortcuts,
        ]);
        all
    }

    /// The cell kinds, for inserting above or below the selected cell.
    pub fn insertions(above: bool) -> Vec<Action> {
        CELL_KINDS
            .iter()
            .map(|(kind, _)| Action::InsertCell { kind: *kind, above })
            .collect()
    }

    pub fn label(self) -> String {
        let kind_name = |kind: NewCell| {
            CELL_KINDS
                .iter()
                .find(|(k, _)| *k == kind)
                .map_or("", |(_, name)| name)
        };
        match self {
            Action::RunAll => "Run all cells".into(),
            Action::RunStale => "Run stale cells".into(),
            Action::RunSelected => "Run the selected cell".into(),
            Action::CancelRunning => "Cancel running cells".into(),
            Action::AddCell(kind) => {
                format!("Add a {} cell below the selected one", kind_name(kind))
            }
            Action::InsertCell { kind, .. } => kind_name(kind).into(),
            Action::DuplicateSelected => "Duplicate the selected cell".into(),
            Action::DeleteSelected => "Delete the selected cell".into(),
            Action::Undo => "Undo".into(),
            Action::Redo => "Redo".into(),
            Action::SaveNow => "Save now".into(),
            Action::OpenNotebooks => "Open a saved notebook…".into(),
            Action::OpenFile => "Open a notebook file…".into(),
            Action::Download => "Download the notebook (.jukebox.json)".into(),
            Action::ExportReport => "Export an HTML report (results, charts, runs)".into(),
            Action::CopyLink => "Copy a link to the notebook".into(),
            Action::GoTo(page) => format!("Go to {}", page.title()),
            Action::ToggleTheme => "Toggle light/dark theme".into(),
            Action::Shortcuts => "Show keyboard shortcuts".into(),
        }
    }

    pub fn shortcut(self) -> Option<&'static str> {
        Some(match self {
            Action::RunSelected => "Ctrl+Enter",
            Action::DeleteSelected => "D D",
            Action::Undo => "Ctrl+Z",
            Action::Redo => "Ctrl+Shift+Z",
            Action::SaveNow => "Ctrl+S",
            Action::Shortcuts => "?",
            _ => return None,
        })
    }

    /// Does it (the palette has closed; focus is back on the selected cell).
    pub fn perform(self, c: &Commands) {
        match self {
            Action::RunAll => c.runner.run_all(),
            Action::RunStale => c.runner.run_stale(),
            Action::RunSelected => c.run_selected(ThenSelect::Same),
            Action::CancelRunning => c.cancel_running(),
            Action::AddCell(kind) => c.insert(kind, false),
            Action::InsertCell { kind, above } => c.insert(kind, above),
            Action::DuplicateSelected => {
                if let Some(id) = c.selected() {
                    c.edits.duplicate_cell(id);
                }
            }
            Action::DeleteSelected => c.delete_selected(),
            Action::Undo => c.undo(),
            Action::Redo => c.redo(),
            Action::SaveNow => c.save_now(),
            Action::OpenNotebooks => press("notebooks-toggle"),
            Action::OpenFile => press("open-notebook-file"),
            Action::Download => press("download-notebook"),
            Action::ExportReport => {
                crate::notebook::report::export_and_tell(c.document, c.records, c.toast);
            }
            Action::CopyLink => press("copy-link"),
            Action::GoTo(page) => {
                let _ = window().location().set_hash(&page.href());
            }
            Action::ToggleTheme => c.theme.toggle(),
            Action::Shortcuts => c.selection.overlay.set(Overlay::Shortcuts),
        }
    }
}
