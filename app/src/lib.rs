//! Jukebox in the browser. The UI thread holds views, reactive state and browser effects;
//! everything heavy (dataframes, training) runs in the engine worker
//! (the `jukebox-worker` crate), so the first paint never waits for the engine's megabytes.
//!
//! - [`shell`]: header, navigation, dataset status, theme toggle — the frame of every page;
//! - [`pages`]: Notebook, Runs, Registry, Settings;
//! - [`route`]: which page the URL's fragment names;
//! - [`notebook`]: the notebook's cells, editors, outputs and the runner that feeds the engine;
//! - [`chart`]: charts drawn with plotters on a canvas, in the theme's colours;
//! - [`engine_client`]: the page's side of the worker (start it, send requests, restart);
//! - [`theme`]: light/dark theme, following the system unless the user chose;
//! - [`fatal`]: the panic hook and the error panel shown instead of a dead page.

pub mod chart;
pub mod engine_client;
pub mod fatal;
pub mod notebook;
pub mod pages;
pub mod route;
pub mod shell;
pub mod storage;
pub mod theme;

use leptos::prelude::*;

use engine_client::{EngineClient, WORKER_URL};
use notebook::state::NotebookState;
use route::{Page, use_page};

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
    let notebook = NotebookState::new(engine);
    provide_context(notebook);
    notebook::open::open_initial(notebook);
    // Until the storage is wired in, the Runs page shows an empty store and its actions
    // do nothing (the integration replaces these callbacks with `Storage` and the notebook).
    provide_context(pages::RunsStore::new(
        Callback::new(|_| ()),
        Callback::new(|_| ()),
        Callback::new(|_| ()),
    ));
    let page = use_page();
    view! {
        <div class="app" data-testid="app">
            <shell::ShellHeader/>
            <div class="app-body">
                <shell::ShellNav page=page/>
                <main class="app-main" id="main" tabindex="-1">
                    {move || match page.get() {
                        Page::Notebook => view! { <pages::NotebookPage/> }.into_any(),
                        Page::Runs => view! { <pages::RunsPage/> }.into_any(),
                        Page::Registry => view! { <pages::RegistryPage/> }.into_any(),
                        Page::Settings => view! { <pages::SettingsPage/> }.into_any(),
                    }}
                </main>
            </div>
        </div>
    }
}
