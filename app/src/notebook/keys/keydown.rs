//! The notebook's keys (see [`super::bindings`] for the table): one `keydown` listener on
//! the window while the notebook page is shown. Keys typed into a field stay the field's,
//! except the run, save and palette keys and Esc; none acts while the palette or the
//! shortcuts sheet is open (they handle their own keys).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use super::actions::{Commands, ThenSelect};
use super::{Overlay, edit_cell, focus_cell};
use crate::browser::clock::now_ms;

/// A second D within this long deletes the cell (D D).
const DOUBLE_PRESS_MS: f64 = 800.0;

/// Listens to the notebook's keys until the calling view goes away.
pub fn use_notebook_keys(commands: Commands) {
    let last_d_ms = StoredValue::new(f64::NEG_INFINITY);
    let handle = window_event_listener(ev::keydown, move |ev| {
        on_key(&ev, &commands, last_d_ms);
    });
    on_cleanup(move || handle.remove());
}

/// The modifier of shortcuts: Ctrl, or ⌘ on a Mac.
fn primary(ev: &KeyboardEvent) -> bool {
    ev.ctrl_key() || ev.meta_key()
}

/// Whether the key went to a field (typing there is the field's, not a command).
fn in_field(ev: &KeyboardEvent) -> Option<web_sys::HtmlElement> {
    let target = ev.target()?.dyn_into::<web_sys::HtmlElement>().ok()?;
    let tag = target.tag_name().to_ascii_lowercase();
    let typing =
        matches!(tag.as_str(), "input" | "textarea" | "select") || target.is_content_editable();
    typing.then_some(target)
}

/// The cell the key came from (a field in it, or the cell itself).
fn cell_of(ev: &KeyboardEvent) -> Option<u64> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target
        .closest("[data-cell-id]")
        .ok()
        .flatten()?
        .get_attribute("data-cell-id")?
        .parse()
        .ok()
}

fn on_key(ev: &KeyboardEvent, c: &Commands, last_d_ms: StoredValue<f64>) {
    if ev.default_prevented()
        || ev.is_composing()
        || c.selection.overlay.get_untracked() != Overlay::Closed
    {
        return;
    }
    let cell = cell_of(ev);
    if let Some(cell) = cell
        && c.selection.cell.get_untracked() != Some(cell)
    {
        c.selection.cell.set(Some(cell));
    }
    // The run keys act on a cell: from inside one, or from the page (not the notebook's
    // title or another field of the page).
    let on_page = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| command_target(&t))
        == Some(false);
    if both_modes(ev, c, cell.is_some() || on_page) {
        ev.prevent_default();
        return;
    }
    if let Some(field) = in_field(ev) {
        if ev.key() == "Escape" {
            ev.prevent_default();
            let _ = field.blur();
            if let Some(id) = c.selected() {
                focus_cell(id);
            }
        }
        return;
    }
    if command_mode(ev, c, last_d_ms) {
        ev.prevent_default();
    }
}

/// The keys that work in a field too (the run keys only `on_cell`); `true` when the key was
/// one.
fn both_modes(ev: &KeyboardEvent, c: &Commands, on_cell: bool) -> bool {
    let key = ev.key();
    let (primary, shift, alt) = (primary(ev), ev.shift_key(), ev.alt_key());
    match key.as_str() {
        "Enter" if on_cell && shift && !primary && !alt => c.run_selected(ThenSelect::Next),
        "Enter" if on_cell && primary && !shift && !alt => c.run_selected(ThenSelect::Same),
        "Enter" if on_cell && alt && !primary && !shift => c.run_selected(ThenSelect::InsertBelow),
        _ if primary && !alt && key.eq_ignore_ascii_case("s") && !shift => c.save_now(),
        _ if primary
            && !alt
            && (key.eq_ignore_ascii_case("k") && !shift
                || key.eq_ignore_ascii_case("p") && shift) =>
        {
            c.selection.overlay.set(Overlay::Commands);
        }
        _ => return false,
    }
    true
}

/// The keys of command mode (no field focused); `true` when the key was one.
fn command_mode(ev: &KeyboardEvent, c: &Commands, last_d_ms: StoredValue<f64>) -> bool {
    let key = ev.key();
    let (primary, shift, alt) = (primary(ev), ev.shift_key(), ev.alt_key());
    if alt {
        return false;
    }
    if primary {
        match key.to_lowercase().as_str() {
            "z" if shift => c.redo(),
            "z" => c.undo(),
            "y" if !shift => c.redo(),
            _ => return false,
        }
        return true;
    }
    // Command keys act where the page, a cell or a cell's button has focus; a widget with
    // keys of its own (a scrolling table, a map) keeps them.
    let Some(on_control) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| command_target(&t))
    else {
        return false;
    };
    match key.as_str() {
        "Enter" if !on_control => {
            if let Some(id) = c.selected()
                && !edit_cell(id)
            {
                c.toast.show("This cell has no field to edit");
            }
        }
        "ArrowUp" => c.move_selection(-1),
        "ArrowDown" => c.move_selection(1),
        "Home" => c.select_edge(false),
        "End" => c.select_edge(true),
        "?" => c.selection.overlay.set(Overlay::Shortcuts),
        letter => return letter_key(&letter.to_lowercase(), shift, c, last_d_ms),
    }
    true
}

/// The letter keys of command mode (matched on the character typed, for any layout).
fn letter_key(letter: &str, shift: bool, c: &Commands, last_d_ms: StoredValue<f64>) -> bool {
    if shift && letter != "?" {
        return false;
    }
    match letter {
        "k" => c.move_selection(-1),
        "j" => c.move_selection(1),
        "a" => open_insert(c, true),
        "b" => open_insert(c, false),
        "d" => {
            let now = now_ms();
            if now - last_d_ms.get_value() < DOUBLE_PRESS_MS {
                last_d_ms.set_value(f64::NEG_INFINITY);
                c.delete_selected();
            } else {
                last_d_ms.set_value(now);
            }
        }
        "m" => c.make_markdown(),
        "o" => {
            if let Some(entry) = c.selected().and_then(|id| c.document.entry(id)) {
                entry.collapsed.update(|folded| *folded = !*folded);
            }
        }
        "h" => c.selection.overlay.set(Overlay::Shortcuts),
        _ => return false,
    }
    true
}

/// Whether command keys may act on a key sent to `target`: `Some(true)` for a button or link
/// (which keeps its own Enter and Space), `Some(false)` for the page or a cell, `None` for
/// anything else.
fn command_target(target: &web_sys::Element) -> Option<bool> {
    let tag = target.tag_name().to_ascii_lowercase();
    match tag.as_str() {
        "button" | "a" | "summary" => Some(true),
        "body" | "html" | "main" => Some(false),
        _ if target.has_attribute("data-cell-id") || target.id() == "main" => Some(false),
        _ => None,
    }
}

fn open_insert(c: &Commands, above: bool) {
    c.selected();
    c.selection.overlay.set(Overlay::InsertCell { above });
}
