//! Jukebox in the browser. The UI thread holds views, reactive state and browser effects;
//! everything heavy (dataframes, training) runs in the engine worker
//! (the `jukebox-worker` crate), so the first paint never waits for the engine's megabytes.
//!
//! - [`shell`]: header, navigation, dataset status, theme toggle — the frame of every page;
//! - [`pages`]: Notebook, Runs, Registry, Settings;
//! - [`route`]: which page the URL's fragment names;
//! - [`notebook`]: the notebook's cells, editors, outputs and the runner that feeds the engine;
//! - [`chart`]: charts drawn with plotters on a canvas, in the theme's colours;
//! - [`registry`]: model registry endpoints, their requests with `fetch`, pushes of runs;
//! - [`engine_client`]: the page's side of the worker (start it, send requests, restart);
//! - [`theme`]: light/dark theme, following the system unless the user chose;
//! - [`fatal`]: the panic hook and the error panel shown instead of a dead page;
//! - [`browser`]: `fetch`, JS errors in words, the clock and ids, written once;
//! - [`storage`]: IndexedDB (memory when it cannot be used); [`tracking`]: the Runs page's
//!   store kept in step with storage; [`download`]: bytes saved as a file.

pub mod browser;
pub mod chart;
pub mod download;
pub mod engine_client;
pub mod fatal;
pub mod notebook;
pub mod pages;
pub mod registry;
pub mod route;
pub mod shell;
pub mod storage;
pub mod theme;
pub mod tracking;

use leptos::prelude::*;

use engine_client::{EngineClient, WORKER_URL};
use notebook::persist::journal::recover_unsaved;
use notebook::persist::leave::flush_on_leave;
use notebook::{provide_notebook, provide_persistence};
use route::{Page, use_page};
use storage::StorageSlot;

/// Starts the app: installs the panic hook, mounts [`App`] and removes the loading screen.
pub fn start() {
    fatal::install_panic_hook();
    leptos::mount::mount_to_body(|| view! { <App worker_url=WORKER_URL/> });
    fatal::remove_loading_screen();
}

/// The whole app. `worker_url` is where the engine worker's loader lives (tests pass a
/// missing one to see how the shell copes).
#[component]
pub fn App(#[prop(into)] worker_url: String) -> impl IntoView {
    let theme = theme::use_theme();
    provide_context(theme);
    let engine = EngineClient::start(&worker_url);
    provide_context(engine);
    let slot = StorageSlot::new();
    provide_context(slot);
    provide_context(slot.changed());
    let (document, runner, edits) = provide_notebook(engine, slot);
    let (notebooks, autosave) = provide_persistence(document, runner, slot);
    let storage: RwSignal<Option<storage::Storage>, LocalStorage> = RwSignal::new_local(None);
    leptos::task::spawn_local(async move {
        let opened = storage::Storage::open().await;
        if let Some(reason) = opened.fallback_reason() {
            autosave.save_error.set(Some(reason));
        }
        // Edits journalled when the page last went away, before their save landed.
        recover_unsaved(&opened).await;
        slot.attach(opened.clone());
        storage.set(Some(opened));
        // Views that read storage (runs, notebook lists) read it now that it is open.
        slot.bump();
        notebook::open::open_initial(notebooks, document, slot).await;
        // Asked once per visit; browsers grant it silently or by engagement.
        storage::request_persistence().await;
    });
    provide_context(tracking::runs_store(slot, edits));
    let page = use_page();
    flush_on_leave(autosave, page);
    let with_storage = move |page: fn() -> AnyView| {
        move || {
            storage.get().map(|s| {
                view! { <WithStorage storage=s>{page()}</WithStorage> }
            })
        }
    };
    view! {
        <div class="app" data-testid="app">
            <shell::ShellHeader/>
            <div class="app-body">
                <shell::ShellNav page=page/>
                <main class="app-main" id="main" tabindex="-1">
                    {move || match page.get() {
                        Page::Notebook => view! { <pages::NotebookPage/> }.into_any(),
                        Page::Runs => with_storage(|| view! { <pages::RunsPage/> }.into_any()).into_any(),
                        Page::Registry => view! { <pages::RegistryPage/> }.into_any(),
                        Page::Settings => with_storage(|| view! { <pages::SettingsPage/> }.into_any()).into_any(),
                    }}
                </main>
            </div>
        </div>
    }
}

/// Gives the pages below it the open storage (it opens asynchronously at start).
#[component]
fn WithStorage(storage: storage::Storage, children: Children) -> impl IntoView {
    provide_context(storage);
    children()
}
