//! Pages that point elsewhere: the Registry page says where registry work happens.

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
            <p>
                "Set up MLflow or Kubeflow Model Registry endpoints in "
                <a href=crate::route::Page::Settings.href()>"Settings"</a>
                ", then open a run on the "<a href=crate::route::Page::Runs.href()>"Runs"</a>
                " page to download it as ONNX with its model card and push it to a registry. "
                "A \"Served model\" cell in a notebook calls a model served over the KServe v2 protocol."
            </p>
        </Placeholder>
    }
}
