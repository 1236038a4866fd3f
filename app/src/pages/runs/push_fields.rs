//! The push's options as fields: model name for both registries; experiment and alias for
//! MLflow; version name and artifact URI for Kubeflow; description, author and license.

use jukebox_core::registry::{PushOptions, RegistryKind};
use leptos::prelude::*;

#[component]
pub fn PushFields(
    options: RwSignal<PushOptions>,
    #[prop(into)] kind: Signal<Option<RegistryKind>>,
) -> impl IntoView {
    let field = move |testid: &'static str,
                      title: &'static str,
                      placeholder: &'static str,
                      get: fn(&PushOptions) -> String,
                      set: fn(&mut PushOptions, String)| {
        view! {
            <label class="run-notes-field"><span>{title}</span>
                <input type="text" data-testid=testid placeholder=placeholder
                    prop:value=move || options.with(get)
                    on:input=move |ev| options.update(|o| set(o, event_target_value(&ev)))/>
            </label>
        }
    };
    let mlflow = move || kind.get() == Some(RegistryKind::Mlflow);
    view! {
        <div class="run-push-fields">
            {field("push-model-name", "Model name", "model", |o| o.model_name.clone(), |o, v| o.model_name = v)}
            {move || if mlflow() {
                view! {
                    {field("push-experiment", "MLflow experiment", "jukebox", |o| o.experiment.clone(), |o, v| o.experiment = v)}
                    {field("push-alias", "Alias (optional)", "champion", |o| o.alias.clone(), |o, v| o.alias = v)}
                }.into_any()
            } else {
                view! {
                    {field("push-version", "Version name (empty: the next free number)", "1", |o| o.version_name.clone(), |o, v| o.version_name = v)}
                    {field("push-artifact-uri", "Artifact URI (where the model's bytes are)",
                        "mlflow-artifacts:/1/…/artifacts/model or s3://…", |o| o.artifact_uri.clone(), |o, v| o.artifact_uri = v)}
                }.into_any()
            }}
            <details class="run-push-more">
                <summary>"Description, author, license"</summary>
                {field("push-description", "Description", "", |o| o.description.clone(), |o, v| o.description = v)}
                {field("push-author", "Author", "", |o| o.author.clone(), |o, v| o.author = v)}
                {field("push-license", "License", "e.g. Apache-2.0", |o| o.license.clone(), |o, v| o.license = v)}
            </details>
        </div>
    }
}
