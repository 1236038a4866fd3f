//! The data files kept in this browser (so a reload does not ask for them again): name,
//! size, date, and Remove with a confirmation in the row.

use jukebox_core::store::CachedDataset;
use leptos::prelude::*;

use super::units::{human_bytes, local_date};
use crate::storage::{Storage, StorageChanged};

#[component]
pub(super) fn KeptDatasets() -> impl IntoView {
    let storage = expect_context::<Storage>();
    let changed = expect_context::<StorageChanged>();
    let datasets = RwSignal::new(Vec::<CachedDataset>::new());
    let error = RwSignal::new(None::<String>);
    let loading = storage.clone();
    Effect::new(move || {
        changed.0.track();
        let storage = loading.clone();
        leptos::task::spawn_local(async move {
            match storage.datasets().await {
                Ok(list) => datasets.set(list),
                Err(e) => error.set(Some(e.message)),
            }
        });
    });
    view! {
        <h3>"Kept data files"</h3>
        <ul class="settings-datasets" data-testid="settings-datasets">
            <For each=move || datasets.get() key=|d| d.sha256.clone() let:dataset>
                <DatasetRow dataset=dataset storage=storage.clone() error=error/>
            </For>
        </ul>
        {move || datasets.with(Vec::is_empty).then(|| view! {
            <p class="settings-hint">"No data files are kept: files you open are kept here so a reload does not ask for them again."</p>
        })}
        {move || error.get().map(|e| view! { <p class="settings-error" role="alert">{e}</p> })}
    }
}

#[component]
fn DatasetRow(
    dataset: CachedDataset,
    storage: Storage,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let changed = expect_context::<StorageChanged>();
    let confirming = RwSignal::new(false);
    let sha256 = dataset.sha256.clone();
    let remove = move |_| {
        let (storage, sha256) = (storage.clone(), sha256.clone());
        leptos::task::spawn_local(async move {
            match storage.delete_dataset(&sha256).await {
                Ok(()) => changed.bump(),
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    let size = human_bytes(dataset.size as f64);
    view! {
        <li class="settings-dataset">
            <span class="settings-dataset-name">{dataset.file_name.clone()}</span>
            <span>{size.clone()}</span>
            <span>{local_date(dataset.stored_ms)}</span>
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="button" on:click=move |_| confirming.set(true)>"Remove"</button>
            }>
                <span role="alert">{format!("Remove {} ({size}) from this browser?", dataset.file_name)}</span>
                <button type="button" class="button danger" on:click=remove.clone()>"Yes, remove"</button>
                <button type="button" class="button" on:click=move |_| confirming.set(false)>"Keep"</button>
            </Show>
        </li>
    }
}
