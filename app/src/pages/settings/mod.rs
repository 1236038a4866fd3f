//! The Settings page: the browser storage (usage, quota, persistence, kept data files),
//! export and import of everything, erasing local data; and where the theme is chosen.
//! `transfer`: export and import; `erase`: erase all with a confirmation naming counts;
//! `datasets`: the kept data files; `registries` and `registry_form`: model registry
//! endpoints; `units`: bytes and dates in words.

mod datasets;
mod erase;
mod registries;
mod registry_form;
mod transfer;
mod units;

use leptos::prelude::*;

use crate::storage::{self, Storage, StorageChanged, StorageEstimate};

pub use registries::RegistrySettings;
pub use units::{human_bytes, usage_line};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let storage = expect_context::<Storage>();
    let fallback = storage.fallback_reason();
    view! {
        <section class="page settings" data-testid="settings-page">
            <h1>"Settings"</h1>
            <p class="page-lead">
                "Everything you make stays in this browser. Keep it, move it to another browser, or erase it."
            </p>
            <div class="card settings-section">
                <h2>"Storage"</h2>
                {fallback.map(|reason| view! {
                    <p class="settings-warning" role="alert" data-testid="settings-fallback">{reason}</p>
                })}
                <StorageUsage/>
                <datasets::KeptDatasets/>
            </div>
            <RegistrySettings/>
            <transfer::ExportImport/>
            <erase::EraseAll/>
            <div class="card settings-section">
                <h2>"Appearance"</h2>
                <p>"The theme follows your system until you use the toggle in the header; your choice is remembered."</p>
            </div>
        </section>
    }
}

/// Usage of quota, whether the browser keeps the data under pressure, and the button that
/// asks it to.
#[component]
fn StorageUsage() -> impl IntoView {
    let changed = expect_context::<StorageChanged>();
    let estimate = RwSignal::new(None::<StorageEstimate>);
    let asked = RwSignal::new(false);
    Effect::new(move || {
        changed.0.track();
        asked.track();
        leptos::task::spawn_local(async move { estimate.set(Some(storage::estimate().await)) });
    });
    let persist = move |_| {
        leptos::task::spawn_local(async move {
            storage::request_persistence().await;
            asked.set(true);
        });
    };
    let usage = move || match estimate.get() {
        None => "Measuring…".to_owned(),
        Some(e) => usage_line(e.usage_bytes, e.quota_bytes),
    };
    let persisted = move || estimate.get().is_some_and(|e| e.persisted);
    view! {
        <p>"Used: " <span data-testid="settings-usage">{usage}</span></p>
        <p>
            "Persistent: "
            <span data-testid="settings-persisted">{move || if persisted() { "yes" } else { "no" }}</span>
            <span class="settings-hint">
                {move || if persisted() {
                    " — the browser will not erase this data to free space."
                } else {
                    " — the browser may erase this data when the disk runs low."
                }}
            </span>
        </p>
        <button type="button" class="button" data-testid="settings-persist"
            disabled=persisted on:click=persist>
            "Keep my data (request persistent storage)"
        </button>
        {move || (asked.get() && !persisted()).then(|| view! {
            <p class="settings-hint" role="status">
                "The browser declined for now; it grants this to sites you use often or bookmark."
            </p>
        })}
    }
}
