//! "Erase all local data": a confirmation that names what will be deleted (counts), then
//! one transaction that clears every store.

use leptos::prelude::*;

use crate::storage::{Storage, StorageChanged};

/// What the confirmation names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    notebooks: usize,
    runs: usize,
    datasets: usize,
}

#[component]
pub(super) fn EraseAll() -> impl IntoView {
    let storage = expect_context::<Storage>();
    let changed = expect_context::<StorageChanged>();
    let confirming = RwSignal::new(None::<Counts>);
    let status = RwSignal::new(None::<String>);
    let counting = storage.clone();
    let ask = move |_| {
        let storage = counting.clone();
        leptos::task::spawn_local(async move {
            let counts = async {
                Ok::<_, crate::storage::StorageError>(Counts {
                    notebooks: storage.notebooks().await?.len(),
                    runs: storage.runs().await?.len(),
                    datasets: storage.datasets().await?.len(),
                })
            };
            match counts.await {
                Ok(counts) => confirming.set(Some(counts)),
                Err(e) => status.set(Some(e.message)),
            }
        });
    };
    let erase = move |_| {
        let storage = storage.clone();
        confirming.set(None);
        leptos::task::spawn_local(async move {
            status.set(Some(match storage.erase_all().await {
                Ok(()) => "Everything was erased from this browser.".to_owned(),
                Err(e) => e.message,
            }));
            changed.bump();
        });
    };
    view! {
        <div class="card settings-section">
            <h2>"Erase all local data"</h2>
            <p>"Deletes every notebook, run, model and kept data file from this browser. Export first to keep a copy."</p>
            <button type="button" class="button danger" data-testid="erase-all" on:click=ask>
                "Erase all local data…"
            </button>
            {move || confirming.get().map(|counts| view! {
                <div class="settings-confirm" role="alertdialog" aria-label="Erase all local data">
                    <p data-testid="erase-summary">{erase_words(counts)}</p>
                    <button type="button" class="button danger" data-testid="erase-confirm" on:click=erase.clone()>
                        "Erase everything"
                    </button>
                    <button type="button" class="button" on:click=move |_| confirming.set(None)>"Cancel"</button>
                </div>
            })}
            {move || status.get().map(|s| view! { <p role="status" data-testid="erase-result">{s}</p> })}
        </div>
    }
}

fn erase_words(counts: Counts) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "Delete {}, {} (with their models) and {} from this browser? This cannot be undone.",
        plural(counts.notebooks, "notebook", "notebooks"),
        plural(counts.runs, "run", "runs"),
        plural(counts.datasets, "kept data file", "kept data files"),
    )
}
