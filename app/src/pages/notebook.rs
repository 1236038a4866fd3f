//! The notebook page: its bar (title, saved notebooks, link), "Run all", Undo/Redo, the
//! command palette and shortcuts, the engine's state when it cannot run, the cells; the
//! notebook's keys while it is shown.

use leptos::prelude::*;

use crate::engine_client::{EngineClient, EngineStatus};
use crate::notebook::history::UndoHistory;
use crate::notebook::keys::actions::Commands;
use crate::notebook::keys::command_palette::CommandPalette;
use crate::notebook::keys::sheet::ShortcutsSheet;
use crate::notebook::keys::toast::ToastView;
use crate::notebook::keys::{Overlay, use_notebook_keys};
use crate::notebook::library::NotebookBar;
use crate::notebook::{Document, NotebookView, Runner};
use crate::shell::{Icon, IconKind};

#[component]
pub fn NotebookPage() -> impl IntoView {
    let engine = expect_context::<EngineClient>();
    let document = expect_context::<Document>();
    let runner = expect_context::<Runner>();
    let history = expect_context::<UndoHistory>();
    let commands = Commands::from_context();
    use_notebook_keys(commands);
    let overlay = commands.selection.overlay;
    view! {
        <section class="page notebook-page" data-testid="notebook-page" aria-labelledby="notebook-title">
            <header class="notebook-header">
                <h1 id="notebook-title" class="visually-hidden">{move || document.title.get()}</h1>
                <NotebookBar/>
                <div class="notebook-header-actions">
                    <button type="button" class="button" data-testid="run-all" on:click=move |_| runner.run_all()>
                        <Icon kind=IconKind::Play/>" Run all"
                    </button>
                    <button type="button" class="button button-quiet" data-testid="undo" aria-keyshortcuts="Control+Z Meta+Z"
                        title="Undo the last edit (Ctrl+Z)" prop:disabled=move || history.undo_steps.get() == 0
                        on:click=move |_| commands.undo()>"Undo"</button>
                    <button type="button" class="button button-quiet" data-testid="redo" aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
                        title="Redo (Ctrl+Shift+Z)" prop:disabled=move || history.redo_steps.get() == 0
                        on:click=move |_| commands.redo()>"Redo"</button>
                    <button type="button" class="button button-quiet" data-testid="open-commands" aria-keyshortcuts="Control+K Meta+K"
                        title="Every action, searchable (Ctrl+K)" on:click=move |_| overlay.set(Overlay::Commands)>"Commands"</button>
                    <button type="button" class="button button-quiet" data-testid="open-shortcuts" aria-keyshortcuts="?"
                        title="Keyboard shortcuts (?)" on:click=move |_| overlay.set(Overlay::Shortcuts)>"Shortcuts"</button>
                </div>
            </header>
            {move || match engine.status.get() {
                EngineStatus::Starting => Some(view! {
                    <div class="card card-loading" data-testid="dataset-loading" aria-busy="true">
                        <div class="spinner" aria-hidden="true"></div>
                        <p>"Starting the data engine in the background…"</p>
                    </div>
                }.into_any()),
                EngineStatus::Failed { message } => Some(view! {
                    <div class="card card-error" role="alert" data-testid="engine-error">
                        <h2>"The data engine is not available"</h2>
                        <p>{message}</p>
                    </div>
                }.into_any()),
                EngineStatus::Ready => None,
            }}
            <NotebookView/>
            {move || match overlay.get() {
                Overlay::Closed => None,
                Overlay::Shortcuts => Some(view! { <ShortcutsSheet selection=commands.selection/> }.into_any()),
                Overlay::Commands | Overlay::InsertCell { .. } => Some(view! { <CommandPalette commands=commands/> }.into_any()),
            }}
            <ToastView toast=commands.toast/>
        </section>
    }
}
