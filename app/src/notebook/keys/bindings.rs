//! Every key binding of the notebook, as the shortcuts sheet lists them. Jupyter's keys: a
//! selected cell in *command mode* (the page's keys act on it), *edit mode* inside a cell's
//! field (keys type, except the few that work in both). Letters match the character a key
//! types (`KeyboardEvent.key`), so they follow the user's keyboard layout.

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A cell selected, no field being edited.
    Command,
    /// In a cell's field, and in command mode too.
    Both,
}

/// One binding: the keys as shown, the `aria-keyshortcuts` value, what it does.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static str,
    pub aria: &'static str,
    pub does: &'static str,
    pub mode: Mode,
}

const fn command(keys: &'static str, aria: &'static str, does: &'static str) -> Binding {
    Binding {
        keys,
        aria,
        does,
        mode: Mode::Command,
    }
}

const fn both(keys: &'static str, aria: &'static str, does: &'static str) -> Binding {
    Binding {
        keys,
        aria,
        does,
        mode: Mode::Both,
    }
}

pub const BINDINGS: [Binding; 18] = [
    both(
        "Shift+Enter",
        "Shift+Enter",
        "Run the cell and select the next (a new Markdown cell after the last)",
    ),
    both(
        "Ctrl/⌘+Enter",
        "Control+Enter Meta+Enter",
        "Run the cell, stay on it",
    ),
    both(
        "Alt+Enter",
        "Alt+Enter",
        "Run the cell and insert a cell below",
    ),
    both("Ctrl/⌘+S", "Control+S Meta+S", "Save now"),
    both(
        "Ctrl/⌘+K or Ctrl/⌘+Shift+P",
        "Control+K Meta+K Control+Shift+P Meta+Shift+P",
        "Command palette",
    ),
    both("Esc", "Escape", "Leave the field (command mode)"),
    command("Enter", "Enter", "Edit the selected cell (its first field)"),
    command("↑ or K", "ArrowUp K", "Select the cell above"),
    command("↓ or J", "ArrowDown J", "Select the cell below"),
    command("A", "A", "Insert a cell above (choose its kind)"),
    command("B", "B", "Insert a cell below (choose its kind)"),
    command("D D", "D", "Delete the cell (Undo brings it back)"),
    command(
        "M",
        "M",
        "Make the cell Markdown (a new, untouched cell only)",
    ),
    command("O", "O", "Fold or unfold the cell (Jupyter: its output)"),
    command("Ctrl/⌘+Z", "Control+Z Meta+Z", "Undo the last edit"),
    command(
        "Ctrl/⌘+Shift+Z or Ctrl+Y",
        "Control+Shift+Z Meta+Shift+Z Control+Y",
        "Redo",
    ),
    command("Home / End", "Home End", "Select the first / last cell"),
    command("? or H", "? H", "Show these shortcuts"),
];
