//! One cell: toolbar (kind, status, run, cancel, collapse, move — buttons or drag by the
//! handle —, insert below, duplicate, delete), editor, output.

mod status;

use jukebox_core::notebook::{CellSpec, Source};
use leptos::prelude::*;

use super::cell_entry::{CellEntry, CellStatus};
use super::cells::editor::CellEditor;
use super::cells::output::CellOutputView;
use super::edits::NotebookEdits;
use super::keys::Selection;
use super::palette::CellPalette;
use super::run::Runner;
use crate::shell::{Icon, IconKind};
use status::{CellProblem, CellStatusBadge};

#[component]
pub fn CellView(entry: CellEntry, #[prop(into)] number: Signal<usize>) -> impl IntoView {
    let runner = expect_context::<Runner>();
    let edits = expect_context::<NotebookEdits>();
    let selection = expect_context::<Selection>();
    let kind = move || entry.spec.with(CellSpec::kind);
    let running = move || {
        matches!(
            entry.status.get(),
            CellStatus::Running(_) | CellStatus::Queued
        )
    };
    let dragging = RwSignal::new(false);
    let drop_target = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| on_cell_drop(&ev, &edits, entry, drop_target);
    let on_drag_over = move |ev: leptos::ev::DragEvent| {
        let is_cell = ev
            .data_transfer()
            .is_some_and(|d| d.types().includes(&CELL_DRAG_TYPE.into(), 0));
        if is_cell {
            ev.prevent_default();
            drop_target.set(true);
        }
    };
    let inserting = RwSignal::new(false);
    view! {
        <article class="cell" id=format!("cell-{}", entry.id) data-testid="cell" data-kind=move || kind().to_lowercase().replace(' ', "-")
            data-state=move || entry.status.with(CellStatus::slug) data-cell-id=entry.id
            class:collapsed=move || entry.collapsed.get() class:dragging=dragging class:drop-target=drop_target
            tabindex="-1" class:selected=move || selection.cell.get() == Some(entry.id)
            aria-current=move || (selection.cell.get() == Some(entry.id)).then_some("true")
            on:focusin=move |_| if selection.cell.get_untracked() != Some(entry.id) { selection.cell.set(Some(entry.id)); }
            on:dragover=on_drag_over on:dragleave=move |_| drop_target.set(false) on:drop=on_drop>
            <header class="cell-toolbar">
                <span class="cell-handle" draggable="true" title="Drag to move this cell" aria-hidden="true"
                    on:dragstart=move |ev: leptos::ev::DragEvent| {
                        if let Some(d) = ev.data_transfer() {
                            let _ = d.set_data(CELL_DRAG_TYPE, &entry.id.to_string());
                            d.set_effect_allowed("move");
                        }
                        dragging.set(true);
                    }
                    on:dragend=move |_| dragging.set(false)><Icon kind=IconKind::DragHandle/></span>
                <button type="button" class="button button-quiet cell-fold" data-testid="cell-collapse"
                    aria-expanded=move || (!entry.collapsed.get()).to_string()
                    aria-label=move || if entry.collapsed.get() { "Expand cell" } else { "Collapse cell" }
                    on:click=move |_| entry.collapsed.update(|c| *c = !*c)>
                    <Icon kind=Signal::derive(move || if entry.collapsed.get() { IconKind::ChevronRight } else { IconKind::ChevronDown })/>
                </button>
                <span class="cell-number" aria-hidden="true">{move || format!("[{}]", number.get())}</span>
                <h2 class="cell-kind">{kind}</h2>
                <CellStatusBadge status=entry.status/>
                <div class="cell-actions">
                    <button type="button" class="button button-quiet" data-testid="cell-run"
                        aria-keyshortcuts="Control+Enter Meta+Enter Shift+Enter"
                        on:click=move |_| runner.run(entry.id) title="Run this cell and the cells that use it"><Icon kind=IconKind::Play/>" Run"</button>
                    <Show when=running>
                        <button type="button" class="button button-quiet" data-testid="cell-cancel"
                            on:click=move |_| runner.cancel(entry.id)><Icon kind=IconKind::Stop/>" Cancel"</button>
                    </Show>
                    <button type="button" class="button button-quiet" aria-label="Move up"
                        on:click=move |_| edits.move_cell(entry.id, -1)><Icon kind=IconKind::ArrowUp/></button>
                    <button type="button" class="button button-quiet" aria-label="Move down"
                        on:click=move |_| edits.move_cell(entry.id, 1)><Icon kind=IconKind::ArrowDown/></button>
                    <button type="button" class="button button-quiet" data-testid="cell-insert" title="Insert a cell below"
                        aria-label="Insert a cell below" aria-expanded=move || inserting.get().to_string()
                        on:click=move |_| inserting.update(|i| *i = !*i)><Icon kind=IconKind::Plus/></button>
                    <button type="button" class="button button-quiet" data-testid="cell-duplicate" title="Duplicate this cell"
                        aria-label="Duplicate cell" on:click=move |_| edits.duplicate_cell(entry.id)><Icon kind=IconKind::Duplicate/></button>
                    <button type="button" class="button button-quiet" aria-label="Delete cell" data-testid="cell-delete"
                        on:click=move |_| edits.remove_cell(entry.id)><Icon kind=IconKind::Close/></button>
                </div>
            </header>
            <Show when=move || inserting.get()>
                <CellPalette after=entry.id on_added=Callback::new(move |()| inserting.set(false))/>
            </Show>
            <Show when=move || !entry.collapsed.get()>
                <CellEditor entry=entry/>
                <CellProblem status=entry.status/>
                <CellOutputView entry=entry/>
            </Show>
        </article>
    }
}

/// A cell or a file dropped on cell `entry`.
fn on_cell_drop(
    ev: &leptos::ev::DragEvent,
    edits: &NotebookEdits,
    entry: CellEntry,
    drop_target: RwSignal<bool>,
) {
    drop_target.set(false);
    let moved = ev
        .data_transfer()
        .and_then(|d| d.get_data(CELL_DRAG_TYPE).ok())
        .and_then(|id| id.parse::<u64>().ok());
    if let Some(moved) = moved {
        // A cell dropped on a cell: moved before it.
        ev.prevent_default();
        ev.stop_propagation();
        if moved != entry.id {
            edits.move_before(moved, entry.id);
        }
        return;
    }
    // A file dropped on a file source cell is that cell's file (a notebook from a link
    // asks for it); anywhere else it bubbles to the notebook and becomes a new cell.
    let file = ev
        .data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0));
    let source_name = entry.spec.with_untracked(|spec| match spec {
        CellSpec::Source {
            source: Source::File { name, .. },
        } => Some(name.clone()),
        _ => None,
    });
    if let (Some(file), Some(name)) = (file, source_name) {
        ev.prevent_default();
        ev.stop_propagation();
        edits.attach_file(entry.id, file, name);
    }
}

/// The drag data type of a cell being moved (files dropped carry `Files` instead).
const CELL_DRAG_TYPE: &str = "application/x-jukebox-cell";
