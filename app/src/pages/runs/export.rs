//! ONNX export of an opened run: the two options (one `[N,13]` input; the scaler folded into
//! the graph, with labels saying which values the inputs take), "Download model.onnx" (the
//! engine worker exports the run's saved model) and "Download model card".

use jukebox_core::hash::sha256_hex;
use jukebox_core::onnx::{InputLayout, OnnxOptions, model_card};
use jukebox_core::protocol::{RequestBody, ResponseBody};
use jukebox_core::runs::RunRecord;
use leptos::prelude::*;

use super::publish::{PublishSession, Publisher};
use crate::download::download_bytes;

#[component]
pub fn RunExport(run: RunRecord, session: PublishSession, publisher: Publisher) -> impl IntoView {
    let options = session.onnx_options;
    let run = StoredValue::new(run);
    let publisher = StoredValue::new(publisher);
    let start = move |card: bool| {
        session.exporting.set(true);
        session.export_error.set(None);
        leptos::task::spawn_local(async move {
            let (run, publisher) = (run.get_value(), publisher.get_value());
            let result = match exported(&run, session, &publisher).await {
                Ok(onnx) if card => {
                    card_bytes(&run, options.get_untracked(), &onnx).and_then(|b| {
                        download_bytes("model-card.json", "application/json", &b)
                            .map_err(String::from)
                    })
                }
                Ok(onnx) => download_bytes("model.onnx", "application/octet-stream", &onnx)
                    .map_err(String::from),
                Err(e) => Err(e),
            };
            session.export_error.set(result.err());
            session.exporting.set(false);
        });
    };
    let single = move || options.get().inputs == InputLayout::Single;
    view! {
        <div class="run-export" data-testid="run-export">
            <label class="settings-check">
                <input type="checkbox" data-testid="export-onnx-single" prop:checked=single
                    on:change=move |ev| options.update(|o| o.inputs = if event_target_checked(&ev) {
                        InputLayout::Single } else { InputLayout::PerFeature })/>
                "One input `features` of shape [N, 13] (unticked: the course's 13 inputs of shape [N, 1])"
            </label>
            <label class="settings-check">
                <input type="checkbox" data-testid="export-onnx-fold" prop:checked=move || options.get().fold_scaler
                    on:change=move |ev| options.update(|o| o.fold_scaler = event_target_checked(&ev))/>
                "Scale inside the model: it takes raw values (unticked: values scaled as in training, as the course's served model)"
            </label>
            <div class="run-export-buttons">
                <button type="button" class="button" data-testid="export-onnx"
                    disabled=move || session.exporting.get() on:click=move |_| start(false)>"Download model.onnx"</button>
                <button type="button" class="button" data-testid="export-card"
                    disabled=move || session.exporting.get() on:click=move |_| start(true)>"Download model card"</button>
                {move || session.exporting.get().then(|| view! { <span class="muted" role="status">"Exporting…"</span> })}
            </div>
            {move || session.export_error.get().map(|e| view! {
                <p class="settings-error" role="alert" data-testid="export-error">{e}</p>
            })}
        </div>
    }
}

/// `model.onnx` of `run` with the session's options: the last export when the options are
/// the same, else the engine exports the saved model again.
pub async fn exported(
    run: &RunRecord,
    session: PublishSession,
    publisher: &Publisher,
) -> Result<Vec<u8>, String> {
    let options = session.onnx_options.get_untracked();
    let cached = session.onnx.with_value(|c| {
        c.as_ref()
            .filter(|(o, _)| *o == options)
            .map(|(_, bytes)| bytes.clone())
    });
    if let Some(bytes) = cached {
        return Ok(bytes);
    }
    let storage = publisher.storage.as_ref().ok_or(
        "The browser's storage is not open, so the run's model cannot be read; reload the page",
    )?;
    let engine = publisher.engine.ok_or(
        "The data engine is not running, so the model cannot be exported; reload the page",
    )?;
    let model = storage
        .model(&run.id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("Run `{}` has no saved model in this browser any more (deleted in another tab?); reload the Runs page", run.id))?;
    let request = RequestBody::ExportOnnx {
        report: Box::new(run.report.clone()),
        model,
        options,
    };
    match engine.request(request, None, None).await.body {
        ResponseBody::Exported { onnx } => {
            session.onnx.set_value(Some((options, onnx.clone())));
            Ok(onnx)
        }
        ResponseBody::Failed { message } => Err(format!("The ONNX export failed: {message}")),
        _ => Err("The engine answered the export with something else; reload the page".to_owned()),
    }
}

/// `model-card.json` for `run` exported with `options` as `onnx`.
pub fn card_bytes(run: &RunRecord, options: OnnxOptions, onnx: &[u8]) -> Result<Vec<u8>, String> {
    let card = model_card(run, &options, &sha256_hex(onnx));
    serde_json::to_vec_pretty(&card)
        .map_err(|e| format!("The model card does not convert to JSON: {e}"))
}
