//! The notebook page: its bar (title, saved notebooks, link), "Run all", the engine's state
//! when it cannot run, the cells.

use leptos::prelude::*;

use crate::engine_client::{EngineClient, EngineStatus};
use crate::notebook::library::NotebookBar;
use crate::notebook::{Document, NotebookView, Runner};
use crate::shell::{Icon, IconKind};

#[component]
pub fn NotebookPage() -> impl IntoView {
    let engine = expect_context::<EngineClient>();
    let document = expect_context::<Document>();
    let runner = expect_context::<Runner>();
    view! {
        <section class="page notebook-page" data-testid="notebook-page" aria-labelledby="notebook-title">
            <header class="notebook-header">
                <h1 id="notebook-title" class="visually-hidden">{move || document.title.get()}</h1>
                <NotebookBar/>
                <button type="button" class="button" data-testid="run-all" on:click=move |_| runner.run_all()>
                    <Icon kind=IconKind::Play/>" Run all"
                </button>
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
        </section>
    }
}
