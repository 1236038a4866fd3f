//! The notebook page. For now it holds the active dataset's summary; cells come next.

use leptos::prelude::*;

use crate::engine_client::{EngineClient, EngineStatus};
use crate::pages::DatasetSummaryCard;

#[component]
pub fn NotebookPage() -> impl IntoView {
    let engine = expect_context::<EngineClient>();
    view! {
        <section class="page notebook-page" data-testid="notebook-page" aria-labelledby="notebook-title">
            <h1 id="notebook-title">"Notebook"</h1>
            <p class="page-lead">
                "Which countries will a song chart in? Explore the charts, train models and compare them — all in this tab."
            </p>
            {move || match engine.status.get() {
                EngineStatus::Starting | EngineStatus::Loading { .. } => view! {
                    <div class="card card-loading" data-testid="dataset-loading" aria-busy="true">
                        <div class="spinner" aria-hidden="true"></div>
                        <p>"Preparing the built-in demo dataset in the background…"</p>
                    </div>
                }.into_any(),
                EngineStatus::Ready { summary, elapsed_ms } => view! {
                    <DatasetSummaryCard summary=summary elapsed_ms=elapsed_ms/>
                }.into_any(),
                EngineStatus::Failed { message } => view! {
                    <div class="card card-error" role="alert" data-testid="engine-error">
                        <h2>"The data engine is not available"</h2>
                        <p>{message}</p>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
