//! Settings → Model registries: the endpoints (kind, label, base URL) with Add, Edit,
//! Delete and "Test connection". The list is kept in `localStorage`; a bearer token only in
//! this tab's `sessionStorage` (see [`crate::registry::endpoints`]). `registry_form`: the
//! add/edit form.

use jukebox_core::registry::{self, Endpoint};
use leptos::prelude::*;

use super::registry_form::{Editing, EndpointForm};
use crate::registry::endpoints::{load_endpoints, save_endpoints, set_token, token};
use crate::registry::http::probe_endpoint;

#[component]
pub fn RegistrySettings() -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let endpoints = RwSignal::new(load_endpoints().unwrap_or_else(|e| {
        error.set(Some(e));
        Vec::new()
    }));
    let editing = RwSignal::new(None::<Editing>);
    let on_save = Callback::new(move |(endpoint, new_token): (Endpoint, Option<String>)| {
        let mut list = endpoints.get_untracked();
        match list.iter_mut().find(|e| e.id == endpoint.id) {
            Some(slot) => *slot = endpoint.clone(),
            None => list.push(endpoint.clone()),
        }
        let saved = save_endpoints(&list)
            .and_then(|()| new_token.map_or(Ok(()), |t| set_token(&endpoint.id, &t)));
        match saved {
            Ok(()) => {
                endpoints.set(list);
                editing.set(None);
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let on_delete = Callback::new(move |id: String| {
        let mut list = endpoints.get_untracked();
        list.retain(|e| e.id != id);
        match save_endpoints(&list).and_then(|()| set_token(&id, "")) {
            Ok(()) => endpoints.set(list),
            Err(e) => error.set(Some(e)),
        }
    });
    view! {
        <div class="card settings-section" data-testid="registry-settings">
            <h2>"Model registries"</h2>
            <p class="settings-hint">"MLflow or Kubeflow Model Registry servers to push runs to from the Runs page."</p>
            <ul class="settings-registries">
                <For each=move || endpoints.get() key=item_key let:endpoint>
                    <EndpointItem endpoint=endpoint editing=editing on_delete=on_delete/>
                </For>
            </ul>
            {move || endpoints.with(Vec::is_empty).then(|| view! {
                <p class="settings-hint">"No registry yet: add one to push runs to it."</p>
            })}
            {move || match editing.get() {
                Some(what) => view! {
                    <EndpointForm editing=what on_save=on_save on_cancel=Callback::new(move |()| editing.set(None))/>
                }.into_any(),
                None => view! {
                    <button type="button" class="button" data-testid="registry-add"
                        on:click=move |_| editing.set(Some(Editing::New))>"Add a registry"</button>
                }.into_any(),
            }}
            {move || error.get().map(|e| view! { <p class="settings-error" role="alert">{e}</p> })}
        </div>
    }
}

/// Changes when anything the item shows changes, so an edited endpoint is drawn again.
fn item_key(endpoint: &Endpoint) -> String {
    let shown = serde_json::to_string(endpoint).unwrap_or_else(|_| endpoint.id.clone());
    format!("{shown}{}", token(&endpoint.id).is_some())
}

#[component]
fn EndpointItem(
    endpoint: Endpoint,
    editing: RwSignal<Option<Editing>>,
    on_delete: Callback<String>,
) -> impl IntoView {
    let result = RwSignal::new(None::<Result<String, String>>);
    let testing = RwSignal::new(false);
    let has_token = token(&endpoint.id).is_some();
    let stored = StoredValue::new(endpoint.clone());
    let test = move |_| {
        testing.set(true);
        result.set(None);
        let endpoint = stored.get_value();
        leptos::task::spawn_local(async move {
            let outcome = probe_endpoint(&endpoint, token(&endpoint.id).as_deref()).await;
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            result.set(Some(registry::explain(&endpoint, &origin, &outcome)));
            testing.set(false);
        });
    };
    let id = endpoint.id.clone();
    view! {
        <li class="settings-registry" data-testid="registry-item" data-endpoint-id=endpoint.id.clone()>
            <span class="settings-registry-name">{endpoint.label.clone()}</span>
            <span class="chip">{endpoint.kind.label()}</span>
            <code class="settings-registry-url">{endpoint.base_url.clone()}</code>
            <span class="settings-hint">{if has_token { "token set in this tab" } else { "no token" }}</span>
            <span class="settings-registry-buttons">
                <button type="button" class="button" data-testid="registry-test"
                    disabled=move || testing.get() on:click=test>"Test connection"</button>
                <button type="button" class="button" data-testid="registry-edit"
                    on:click=move |_| editing.set(Some(Editing::Existing(stored.get_value())))>"Edit"</button>
                <button type="button" class="button danger" data-testid="registry-delete"
                    on:click=move |_| on_delete.run(id.clone())>"Delete"</button>
            </span>
            {move || testing.get().then(|| view! { <p class="settings-hint" role="status">"Testing…"</p> })}
            {move || result.get().map(|r| {
                let ok = r.is_ok();
                let text = r.unwrap_or_else(|e| e);
                view! {
                    <p class="settings-registry-result" class:settings-ok=ok class:settings-error=!ok
                        role="status" data-testid="registry-test-result" data-ok=ok.to_string()>{text}</p>
                }
            })}
        </li>
    }
}
