//! The Runs page's data: the runs as a signal, the last storage error, and what the page may
//! ask of the outside world (save tags and note, delete, open in Predict) as callbacks given
//! at construction — so the page runs without `IndexedDB` in tests, and the app wires the
//! callbacks to its storage and notebook.

use jukebox_core::registry::{PushProgress, Registration};
use jukebox_core::runs::RunRecord;
pub use jukebox_core::runs::{clean_tags, parse_tags};
use leptos::prelude::*;

/// What the store hands on after it has updated `runs`.
struct Actions {
    set_notes: Callback<(String, Vec<String>, String)>,
    delete: Callback<String>,
    open: Callback<String>,
}

/// Runs and the actions on them, shared through context (`expect_context::<RunsStore>()`).
///
/// Edits and deletes change `runs` at once, so the page answers immediately, then go to the
/// callback to be kept; a callback that fails says so in `error` (and may reload `runs`).
#[derive(Clone, Copy)]
pub struct RunsStore {
    /// Every run kept, in any order (the page sorts).
    pub runs: RwSignal<Vec<RunRecord>>,
    /// The last failure to load or keep a change, in words; shown above the table.
    pub error: RwSignal<Option<String>>,
    actions: StoredValue<Actions>,
}

impl RunsStore {
    /// An empty store; fill `runs` when the storage has read them.
    pub fn new(
        on_set_notes: Callback<(String, Vec<String>, String)>,
        on_delete: Callback<String>,
        on_open: Callback<String>,
    ) -> Self {
        Self {
            runs: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            actions: StoredValue::new(Actions {
                set_notes: on_set_notes,
                delete: on_delete,
                open: on_open,
            }),
        }
    }

    /// Sets run `id`'s tags and note. Tags are trimmed, empty ones dropped, duplicates kept
    /// once (first spelling wins). Nothing happens for an unknown id or an unchanged value.
    pub fn set_notes(&self, id: &str, tags: Vec<String>, note: String) {
        let tags = clean_tags(tags);
        let mut changed = false;
        self.runs.update(|runs| {
            if let Some(run) = runs.iter_mut().find(|run| run.id == id)
                && (run.tags != tags || run.note != note)
            {
                run.tags.clone_from(&tags);
                run.note.clone_from(&note);
                changed = true;
            }
        });
        if changed {
            let callback = self.actions.with_value(|a| a.set_notes);
            callback.run((id.to_string(), tags, note));
        }
    }

    /// Removes run `id` from the page and asks for it to be deleted.
    pub fn delete(&self, id: &str) {
        self.runs.update(|runs| runs.retain(|run| run.id != id));
        let callback = self.actions.with_value(|a| a.delete);
        callback.run(id.to_string());
    }

    /// Shows run `id`'s registry fields as a push left them (already saved by the push).
    pub fn set_registry(
        &self,
        id: &str,
        registrations: Vec<Registration>,
        pushes: Vec<PushProgress>,
    ) {
        self.runs.update(|runs| {
            if let Some(run) = runs.iter_mut().find(|run| run.id == id) {
                run.registrations = registrations;
                run.pushes = pushes;
            }
        });
    }

    /// Asks for run `id`'s model to be opened in a Predict cell.
    pub fn open_in_predict(&self, id: &str) {
        let callback = self.actions.with_value(|a| a.open);
        callback.run(id.to_string());
    }
}
