//! The notebook driven from the keyboard, as in Jupyter: a selected cell (a focus ring) in
//! command mode, its fields in edit mode, the same keys ([`bindings`]); a command palette
//! over every action ([`command_palette`]); the shortcuts sheet ([`sheet`]); short
//! confirmations ([`toast`]). [`use_notebook_keys`] listens while the notebook page is shown.
//!
//! Focus follows the selection: the selected cell's `<article>` takes focus after every
//! action (so it is announced and the next key finds it), and clicking into a cell selects it.

pub mod actions;
pub mod bindings;
pub mod command_palette;
mod keydown;
pub mod sheet;
pub mod toast;

use jukebox_core::notebook::NewCell;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use keydown::use_notebook_keys;

/// What sits over the notebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Closed,
    /// The command palette: every action.
    Commands,
    /// The palette of cell kinds, inserting above (`true`) or below the selected cell.
    InsertCell {
        above: bool,
    },
    /// The shortcuts sheet.
    Shortcuts,
}

/// The selection and what is open over the notebook, for the context.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// The selected cell (command mode acts on it).
    pub cell: RwSignal<Option<u64>>,
    pub overlay: RwSignal<Overlay>,
}

impl Selection {
    pub fn new() -> Self {
        Self {
            cell: RwSignal::new(None),
            overlay: RwSignal::new(Overlay::Closed),
        }
    }

    /// Selects cell `id` and gives it focus (scrolled into view if needed).
    pub fn select(&self, id: u64) {
        self.cell.set(Some(id));
        focus_cell(id);
    }

    /// Closes the overlay and gives focus back to the selected cell.
    pub fn close_overlay(&self) {
        self.overlay.set(Overlay::Closed);
        if let Some(id) = self.cell.get_untracked() {
            focus_cell(id);
        }
    }
}

impl Default for Selection {
    fn default() -> Self {
        Self::new()
    }
}

/// The cell kinds the insert palette offers, with their names (as the add-cell bar's).
pub const CELL_KINDS: [(NewCell, &str); 14] = [
    (NewCell::Markdown, "Markdown"),
    (NewCell::Source, "Data source"),
    (NewCell::Prepare, "Prepare"),
    (NewCell::Explore, "Explore"),
    (NewCell::Chart, "Chart"),
    (NewCell::Train, "Train"),
    (NewCell::Evaluate, "Evaluate"),
    (NewCell::Predict, "Predict"),
    (NewCell::LoadRun, "Model from run"),
    (NewCell::Serve, "Served model"),
    (NewCell::Validate, "Validate"),
    (NewCell::Drift, "Drift"),
    (NewCell::Fairness, "Fairness"),
    (NewCell::Explain, "Explain"),
];

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()
}

/// Focuses cell `id`'s article, after the current render (a cell just added is not in the
/// page yet).
pub fn focus_cell(id: u64) {
    request_animation_frame(move || {
        if let Some(cell) = element(&format!("cell-{id}")) {
            let _ = cell.focus();
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            cell.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
}

/// The first field of cell `id`'s editor.
fn first_field(id: u64) -> Option<web_sys::HtmlElement> {
    element(&format!("cell-{id}"))?
        .query_selector(
            ".cell-editor input:not([type=hidden]), .cell-editor textarea, .cell-editor select",
        )
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// The button in cell `id` with this `data-testid`.
fn cell_button(id: u64, test_id: &str) -> Option<web_sys::HtmlElement> {
    element(&format!("cell-{id}"))?
        .query_selector(&format!("[data-testid={test_id}]"))
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Focuses the first field of cell `id`'s editor (edit mode) — a Markdown cell's text
/// opened first; `false` when it has none.
pub fn edit_cell(id: u64) -> bool {
    if let Some(field) = first_field(id) {
        return field.focus().is_ok();
    }
    let Some(edit) = cell_button(id, "markdown-edit") else {
        return false;
    };
    edit.click();
    request_animation_frame(move || {
        if let Some(field) = first_field(id) {
            let _ = field.focus();
        }
    });
    true
}

/// A Markdown cell being edited is shown rendered again (its "Done"), as running it does
/// in Jupyter.
pub fn render_markdown(id: u64) {
    if let Some(done) = cell_button(id, "markdown-done") {
        done.click();
    }
}
