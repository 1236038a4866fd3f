//! The form that adds or edits a registry endpoint: kind, label, base URL (checked, with a
//! sentence saying what is wrong) and an optional bearer token, which is kept in this tab's
//! `sessionStorage` only.

use jukebox_core::registry::{Endpoint, RegistryKind};
use leptos::prelude::*;

use super::registries::Editing;
use crate::browser::ids::new_endpoint_id;
use crate::registry::endpoints::{token, validate_base_url};

/// `on_save` gets the endpoint and the token to keep (`None`: leave the token as it is;
/// `Some("")`: forget it).
#[component]
pub(super) fn EndpointForm(
    editing: Editing,
    on_save: Callback<(Endpoint, Option<String>)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let (id, start) = match &editing {
        Editing::New => (new_endpoint_id(), None),
        Editing::Existing(e) => (e.id.clone(), Some(e.clone())),
    };
    let had_token = token(&id).is_some();
    let kind = RwSignal::new(start.as_ref().map_or(RegistryKind::Mlflow, |e| e.kind));
    let label = RwSignal::new(start.as_ref().map(|e| e.label.clone()).unwrap_or_default());
    let url = RwSignal::new(start.map(|e| e.base_url).unwrap_or_default());
    let secret = RwSignal::new(String::new());
    let forget = RwSignal::new(false);
    let url_error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate_base_url(&url.get_untracked()) {
            Err(e) => url_error.set(Some(e)),
            Ok(base_url) => {
                url_error.set(None);
                let kind = kind.get_untracked();
                let label = Some(label.get_untracked().trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .unwrap_or_else(|| kind.label().to_owned());
                let typed = secret.get_untracked();
                let new_token = if forget.get_untracked() {
                    Some(String::new())
                } else {
                    Some(typed).filter(|t| !t.trim().is_empty())
                };
                let endpoint = Endpoint {
                    id: id.clone(),
                    kind,
                    label,
                    base_url,
                };
                on_save.run((endpoint, new_token));
            }
        }
    };
    let placeholder = move || match kind.get() {
        RegistryKind::Mlflow => "http://127.0.0.1:5000",
        RegistryKind::Kubeflow => "https://model-registry.example.com",
    };
    view! {
        <form class="settings-registry-form" data-testid="registry-form" on:submit=save>
            <label>"Kind"
                <select data-testid="registry-kind" prop:value=move || kind_value(kind.get())
                    on:change=move |ev| kind.set(if event_target_value(&ev) == "kubeflow" {
                        RegistryKind::Kubeflow } else { RegistryKind::Mlflow })>
                    <option value="mlflow">"MLflow"</option>
                    <option value="kubeflow">"Kubeflow Model Registry"</option>
                </select>
            </label>
            <label>"Label"
                <input type="text" data-testid="registry-label" placeholder="team MLflow"
                    prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
            </label>
            <label>"Base URL"
                <input type="url" data-testid="registry-url" placeholder=placeholder
                    aria-invalid=move || url_error.with(Option::is_some).to_string()
                    prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
            </label>
            {move || url_error.get().map(|e| view! {
                <p class="settings-error" role="alert" data-testid="registry-url-error">{e}</p>
            })}
            <label>"Bearer token (optional)"
                <input type="password" data-testid="registry-token" autocomplete="off"
                    placeholder=if had_token { "set in this tab: leave empty to keep it" } else { "" }
                    prop:value=move || secret.get() on:input=move |ev| secret.set(event_target_value(&ev))/>
            </label>
            <p class="settings-hint" data-testid="registry-token-note">
                "The token stays in this tab only (sessionStorage): it is never written to IndexedDB or localStorage, never put in an export, and is forgotten when the tab closes."
            </p>
            {had_token.then(|| view! {
                <label class="settings-check"><input type="checkbox"
                    on:change=move |ev| forget.set(event_target_checked(&ev))/>"Forget the token"</label>
            })}
            <div class="settings-registry-buttons">
                <button type="submit" class="button" data-testid="registry-save">"Save"</button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </form>
    }
}

fn kind_value(kind: RegistryKind) -> &'static str {
    match kind {
        RegistryKind::Mlflow => "mlflow",
        RegistryKind::Kubeflow => "kubeflow",
    }
}
