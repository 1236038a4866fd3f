//! Browser tests of undo and redo (wasm-bindgen-test in headless Chromium): every document
//! edit is a step; undoing a settings change keeps the other cells' outputs (their signals
//! are the same); a deleted cell comes back in its place; typing in one field is one step;
//! opening another notebook starts a new history. The engine is not running here.

// A test file: a panic is the failure report, helpers included.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jukebox_app::notebook::history::UndoHistory;
use jukebox_app::notebook::{CellOutput, Document, NotebookEdits, Runner};
use jukebox_core::monitor::drift::DriftTest;
use jukebox_core::notebook::{Cell, CellSpec, NOTEBOOK_VERSION, Notebook};
use leptos::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

use crate::common::{mount, notebook_in_context, sleep};
use crate::monitor_values::{drift_output, drifted_features};

fn text(id: u64, words: &str) -> Cell {
    Cell::new(id, CellSpec::Markdown { text: words.into() })
}

fn words(document: Document) -> Vec<String> {
    document
        .snapshot()
        .cells
        .into_iter()
        .map(|c| match c.spec {
            CellSpec::Markdown { text } => text,
            other => other.kind().to_string(),
        })
        .collect()
}

/// A notebook of three Markdown cells (ids 1–3) in context, its history, edits and runner.
fn mount_notebook() -> (Document, UndoHistory, NotebookEdits, Runner) {
    let handles = StoredValue::new(None);
    mount(move || {
        let document = notebook_in_context(vec![text(1, "a"), text(2, "b"), text(3, "c")]);
        handles.set_value(Some((
            document,
            expect_context::<UndoHistory>(),
            expect_context::<NotebookEdits>(),
            expect_context::<Runner>(),
        )));
        view! { <p>"undo"</p> }
    });
    handles.get_value().unwrap()
}

/// Lets effects (the history's recording among them) and spawned edits run.
async fn settle() {
    sleep(Duration::from_millis(20)).await;
}

#[wasm_bindgen_test]
async fn undoing_a_settings_change_keeps_the_other_cells_and_their_outputs() {
    let (document, history, _, _) = mount_notebook();
    settle().await;
    let first = document.entry(1).unwrap();
    let output = CellOutput::Drifted(Box::new(drift_output(
        drifted_features(),
        DriftTest::MeanShift,
    )));
    first.output.set(Some(output.clone()));
    document
        .entry(2)
        .unwrap()
        .spec
        .set(text(2, "b, edited").spec);
    settle().await;
    assert_eq!(history.undo_steps.get_untracked(), 1);

    assert!(history.undo());
    settle().await;
    assert_eq!(words(document), ["a", "b", "c"]);
    assert_eq!(
        document.entry(1).unwrap().output.get_untracked(),
        Some(output),
        "cell 1 untouched"
    );
    assert_eq!(history.redo_steps.get_untracked(), 1);

    assert!(history.redo());
    settle().await;
    assert_eq!(words(document), ["a", "b, edited", "c"]);
    assert!(!history.redo(), "nothing more to redo");
}

#[wasm_bindgen_test]
async fn a_deleted_cell_comes_back_in_its_place_and_goes_again_on_redo() {
    let (document, history, edits, _) = mount_notebook();
    settle().await;
    edits.remove_cell(2);
    settle().await;
    assert_eq!(words(document), ["a", "c"]);
    assert!(history.undo());
    settle().await;
    assert_eq!(words(document), ["a", "b", "c"]);
    assert_eq!(document.order(), [1, 2, 3]);
    assert!(history.redo());
    settle().await;
    assert_eq!(document.order(), [1, 3]);
}

#[wasm_bindgen_test]
async fn moves_and_folds_are_steps_and_typing_in_one_field_is_one() {
    let (document, history, edits, _) = mount_notebook();
    settle().await;
    for typed in ["a1", "a12", "a123"] {
        document.entry(1).unwrap().spec.set(text(1, typed).spec);
        settle().await;
    }
    edits.move_cell(3, -1);
    settle().await;
    document.entry(1).unwrap().collapsed.set(true);
    settle().await;
    assert_eq!(
        history.undo_steps.get_untracked(),
        3,
        "typing, the move, the fold"
    );
    history.undo();
    settle().await;
    assert!(!document.entry(1).unwrap().collapsed.get_untracked());
    history.undo();
    settle().await;
    assert_eq!(document.order(), [1, 2, 3]);
    history.undo();
    settle().await;
    assert_eq!(words(document), ["a", "b", "c"]);
    assert!(!history.undo(), "nothing more to undo");
}

#[wasm_bindgen_test]
async fn opening_another_notebook_starts_a_new_history() {
    let (document, history, _, runner) = mount_notebook();
    settle().await;
    document.title.set("renamed".into());
    settle().await;
    assert_eq!(history.undo_steps.get_untracked(), 1);
    document.saved.update(|s| s.id = "another".into());
    runner.replace(Notebook {
        version: NOTEBOOK_VERSION,
        title: "another".into(),
        cells: vec![text(7, "z")],
    });
    settle().await;
    assert_eq!(history.undo_steps.get_untracked(), 0);
    assert!(!history.undo());
    assert_eq!(words(document), ["z"]);
}
