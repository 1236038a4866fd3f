//! Pages that are not built yet: each says what will live there.

use leptos::prelude::*;

#[component]
fn Placeholder(title: &'static str, testid: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="page" data-testid=testid>
            <h1>{title}</h1>
            <div class="card placeholder">{children()}</div>
        </section>
    }
}

#[component]
pub fn RegistryPage() -> impl IntoView {
    view! {
        <Placeholder title="Registry" testid="registry-page">
            <p>"Push chosen runs as ONNX models, with their metrics, to an MLflow or Kubeflow Model Registry, and call served models over the KServe v2 protocol."</p>
        </Placeholder>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <Placeholder title="Settings" testid="settings-page">
            <p>"Registry endpoints, storage usage and quota, and export or import of everything you made will live here."</p>
            <p>"The theme follows your system until you use the toggle in the header; your choice is remembered."</p>
        </Placeholder>
    }
}
