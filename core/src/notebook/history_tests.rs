use super::*;
use crate::notebook::{Cell, CellSpec, NOTEBOOK_VERSION};

fn text(id: u64, words: &str) -> Cell {
    Cell::new(id, CellSpec::Markdown { text: words.into() })
}

fn notebook(title: &str, cells: Vec<Cell>) -> Notebook {
    Notebook {
        version: NOTEBOOK_VERSION,
        title: title.into(),
        cells,
    }
}

fn two_cells() -> Notebook {
    notebook("Songs", vec![text(1, "a"), text(2, "b")])
}

#[test]
fn undo_and_redo_walk_the_recorded_notebooks_both_ways() {
    let mut history = History::starting_at(two_cells());
    let added = notebook("Songs", vec![text(1, "a"), text(2, "b"), text(3, "c")]);
    let moved = notebook("Songs", vec![text(3, "c"), text(1, "a"), text(2, "b")]);
    assert!(history.record(added.clone(), 0.0));
    assert!(history.record(moved.clone(), 10.0));
    assert_eq!(history.undo(), Some(added.clone()));
    assert_eq!(history.undo(), Some(two_cells()));
    assert_eq!(history.undo(), None);
    assert_eq!(history.redo(), Some(added));
    assert_eq!(history.redo(), Some(moved));
    assert_eq!(history.redo(), None);
}

#[test]
fn recording_the_present_again_is_not_a_step() {
    let mut history = History::starting_at(two_cells());
    assert!(!history.record(two_cells(), 0.0));
    assert_eq!(history.undo_steps(), 0);
}

#[test]
fn a_new_edit_after_an_undo_drops_what_could_be_redone() {
    let mut history = History::starting_at(two_cells());
    history.record(notebook("Songs", vec![text(1, "a")]), 0.0);
    history.undo();
    assert_eq!(history.redo_steps(), 1);
    history.record(
        notebook("Charts", vec![text(1, "a"), text(2, "b")]),
        5_000.0,
    );
    assert_eq!(history.redo_steps(), 0);
    assert_eq!(history.undo(), Some(two_cells()));
}

#[test]
fn typing_in_one_cell_is_one_step_until_a_pause() {
    let mut history = History::starting_at(two_cells());
    for (ms, words) in [(0.0, "a1"), (300.0, "a12"), (600.0, "a123")] {
        history.record(notebook("Songs", vec![text(1, words), text(2, "b")]), ms);
    }
    assert_eq!(history.undo_steps(), 1, "three keystrokes within a second");
    history.record(
        notebook("Songs", vec![text(1, "a1234"), text(2, "b")]),
        5_000.0,
    );
    assert_eq!(history.undo_steps(), 2, "after a pause, a new step");
    history.record(
        notebook("Songs", vec![text(1, "a1234"), text(2, "b2")]),
        5_100.0,
    );
    assert_eq!(
        history.undo_steps(),
        3,
        "another cell's settings, a new step"
    );
    assert_eq!(
        history.undo().map(|n| n.cells[1].spec.clone()),
        Some(text(2, "b").spec)
    );
}

#[test]
fn cell_list_edits_never_merge_even_when_quick() {
    let mut history = History::starting_at(two_cells());
    history.record(notebook("Songs", vec![text(1, "a")]), 0.0);
    history.record(notebook("Songs", vec![]), 100.0);
    assert_eq!(history.undo_steps(), 2);
}

#[test]
fn the_oldest_steps_go_past_the_limit() {
    let mut history = History::starting_at(notebook("0", vec![]));
    for step in 1..=MAX_UNDO_STEPS + 5 {
        let at_ms = step as f64 * 10_000.0;
        history.record(notebook(&step.to_string(), vec![]), at_ms);
    }
    assert_eq!(history.undo_steps(), MAX_UNDO_STEPS);
    let mut oldest = None;
    while let Some(notebook) = history.undo() {
        oldest = Some(notebook.title);
    }
    assert_eq!(oldest.as_deref(), Some("5"));
}

#[test]
fn a_collapse_is_a_step_of_its_own() {
    let mut history = History::starting_at(two_cells());
    let mut folded = two_cells();
    folded.cells[0].collapsed = true;
    history.record(folded, 0.0);
    assert_eq!(history.undo(), Some(two_cells()));
}
