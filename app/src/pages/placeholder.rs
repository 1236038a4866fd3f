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
