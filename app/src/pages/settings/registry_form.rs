//! The form that adds or edits a registry endpoint: kind, label, base URL (checked, with a
//! sentence saying what is wrong) and an optional bearer token, which is kept in this tab's
//! `sessionStorage` only.

use jukebox_core::registry::{Endpoint, RegistryKind};
use leptos::prelude::*;

use crate::browser::ids::new_endpoint_id;
use crate::registry::endpoints::{token, validate_base_url};

/// What the form edits: a new endpoint, or the one with this id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Editing {
    New,
    Existing(Endpoint),
}

/// The form's fields.
#[derive(Debug, Clone, Copy)]
struct Fields {
    kind: RwSignal<RegistryKind>,
    label: RwSignal<String>,
    url: RwSignal<String>,
    secret: RwSignal<String>,
    forget: RwSignal<bool>,
}

impl Fields {
    /// The endpoint `id` as the fields say, and the token to keep (see [`EndpointForm`]);
    /// or why the base URL is refused.
    fn submitted(&self, id: &str) -> Result<(Endpoint, Option<String>), String> {
        let base_url = validate_base_url(&self.url.get_untracked())?;
        let kind = self.kind.get_untracked();
        let label = Some(self.label.get_untracked().trim().to_owned())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| kind.label().to_owned());
        let typed = self.secret.get_untracked();
        let new_token = if self.forget.get_untracked() {
            Some(String::new())
        } else {
            Some(typed).filter(|t| !t.trim().is_empty())
        };
        // A token goes only where no one on the network reads it.
        if new_token.as_ref().is_some_and(|t| !t.is_empty()) {
            jukebox_core::endpoint_url::token_may_go_to(&base_url)?;
        }
        let endpoint = Endpoint {
            id: id.to_owned(),
            kind,
            label,
            base_url,
        };
        Ok((endpoint, new_token))
    }
}

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
    let fields = Fields {
        kind: RwSignal::new(start.as_ref().map_or(RegistryKind::Mlflow, |e| e.kind)),
        label: RwSignal::new(start.as_ref().map(|e| e.label.clone()).unwrap_or_default()),
        url: RwSignal::new(start.map(|e| e.base_url).unwrap_or_default()),
        secret: RwSignal::new(String::new()),
        forget: RwSignal::new(false),
    };
    let Fields {
        kind,
        label,
        url,
        secret,
        forget,
    } = fields;
    let url_error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match fields.submitted(&id) {
            Err(e) => url_error.set(Some(e)),
            Ok(saved) => {
                url_error.set(None);
                on_save.run(saved);
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
