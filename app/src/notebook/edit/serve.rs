//! The Serve cell's editor: the Predict cell's model and song fields, then where the served
//! copy of the model answers (base URL) and its name there.

use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;

use super::edit;
use super::predict::ModelSongFields;
use crate::notebook::fields::TextField;
use crate::notebook::state::CellEntry;

/// Where a new Serve cell looks (the core's).
pub use jukebox_core::serving::DEFAULT_BASE_URL;

#[component]
pub fn ServeEditor(entry: CellEntry) -> impl IntoView {
    let part = move |pick: fn(&String, &String) -> String| {
        Signal::derive(move || {
            entry.spec.with(|spec| match spec {
                CellSpec::Serve {
                    base_url,
                    served_model,
                    ..
                } => pick(base_url, served_model),
                _ => String::new(),
            })
        })
    };
    let base_url = part(|base_url, _| base_url.clone());
    let served_model = part(|_, served_model| served_model.clone());
    view! {
        <div class="cell-editor predict-editor serve-editor">
            <ModelSongFields entry=entry/>
            <div class="serve-endpoint">
                <TextField label="Server base URL" testid="serve-base-url" value=base_url
                    placeholder=DEFAULT_BASE_URL
                    on_change=Callback::new(move |url: String| edit(entry, |spec| {
                        if let CellSpec::Serve { base_url, .. } = spec { *base_url = url; }
                    }))/>
                <TextField label="Served model name" testid="serve-model-name" value=served_model
                    placeholder="the model's name"
                    on_change=Callback::new(move |name: String| edit(entry, |spec| {
                        if let CellSpec::Serve { served_model, .. } = spec { *served_model = name; }
                    }))/>
            </div>
            <p class="muted serve-hint">
                "The server must allow this page's origin (CORS), e.g. MLServer's "
                <code>"cors_settings.allow_origins"</code>" or "<code>"scripts/serve-onnx.sh"</code>"."
            </p>
        </div>
    }
}
