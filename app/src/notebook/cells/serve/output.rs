//! A Serve cell's output: the served model's inputs and outputs, warnings, the served
//! probabilities beside the in-browser ones, the largest difference, and "Stats for nerds"
//! (each request and answer exactly as sent and received).

use jukebox_core::serving::{TensorMetadata, top_rows};
use leptos::prelude::*;

use super::exchange::Exchange;
use super::served::ServeOutput;
use crate::notebook::cell_entry::{CellEntry, CellOutput};
use crate::notebook::widgets::class_names::class_label;

/// Agreement threshold: float32 models computed by two runtimes differ by rounding only.
pub const AGREES_WITHIN: f64 = 1e-5;
const TOP: usize = 10;

/// A Serve cell's output: the comparison, as far as the calls got.
#[component]
pub fn ServeCellOutput(entry: CellEntry) -> impl IntoView {
    move || {
        entry.output.with(|o| match o {
            Some(CellOutput::Served(output)) => {
                Some(view! { <ServeView output=(**output).clone()/> })
            }
            _ => None,
        })
    }
}

#[component]
pub fn ServeView(output: ServeOutput) -> impl IntoView {
    let metadata = output
        .metadata
        .clone()
        .map(|m| view! { <MetadataTable inputs=m.inputs outputs=m.outputs/> });
    let warnings = output
        .warnings
        .iter()
        .map(|w| view! { <p class="serve-warning" data-testid="serve-warning" role="note">{w.clone()}</p> })
        .collect_view();
    let error = output.error.clone().map(|e| {
        view! {
            <p class="cell-error serve-error" data-testid="serve-error" role="alert">{e}</p>
        }
    });
    let compared = output.served.clone().map(|served| {
        let rows = top_rows(
            &output.score.classes,
            &served,
            &output.score.probabilities,
            TOP,
        );
        view! { <ProbabilityTable rows=rows/> }
    });
    let max_diff = output.max_diff().map(|diff| view! { <MaxDiff diff=diff/> });
    view! {
        <div class="serve-output">
            {error}
            {metadata}
            {warnings}
            {max_diff}
            {compared}
            <Nerds exchanges=output.exchanges/>
        </div>
    }
}

#[component]
fn MetadataTable(inputs: Vec<TensorMetadata>, outputs: Vec<TensorMetadata>) -> impl IntoView {
    let row = |role: &'static str, t: TensorMetadata| {
        let shape: Vec<String> = t.shape.iter().map(i64::to_string).collect();
        view! {
            <tr><td>{role}</td><td><code>{t.name}</code></td><td>{t.datatype}</td>
                <td><code>{format!("[{}]", shape.join(", "))}</code></td></tr>
        }
    };
    let rows = inputs
        .into_iter()
        .map(|t| row("input", t))
        .chain(outputs.into_iter().map(|t| row("output", t)))
        .collect_view();
    view! {
        <table class="data-table serve-metadata" data-testid="serve-metadata">
            <caption>"The served model declares"</caption>
            <thead><tr><th>""</th><th>"Name"</th><th>"Type"</th><th>"Shape"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn ProbabilityTable(rows: Vec<jukebox_core::serving::ServedRow>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{class_label(&r.class)}</td>
                    <td class="num">{format!("{:.6}", r.served)}</td>
                    <td class="num">{format!("{:.6}", r.local)}</td>
                    <td class="num">{format!("{:.1e}", r.diff)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table serve-probabilities" data-testid="serve-probabilities">
            <caption>{format!("Top {TOP} by the served model")}</caption>
            <thead><tr><th>"Class"</th><th>"Served"</th><th>"In the browser"</th><th>"|Difference|"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The verdict on the largest difference.
pub fn agreement(diff: f64) -> String {
    if diff <= AGREES_WITHIN {
        format!(
            "Largest difference {diff:.1e} ≤ 1e-5: the served model agrees with the one in the browser."
        )
    } else {
        format!(
            "Largest difference {diff:.1e} > 1e-5: the served model differs from the one in the \
             browser. Is it this run's model, exported with the same scaler and features?"
        )
    }
}

#[component]
fn MaxDiff(diff: f64) -> impl IntoView {
    view! {
        <p class="serve-max-diff" class:serve-differs={diff > AGREES_WITHIN}
            data-testid="serve-max-diff" data-value=diff.to_string()>{agreement(diff)}</p>
    }
}

#[component]
fn Nerds(exchanges: Vec<Exchange>) -> impl IntoView {
    let items = exchanges
        .into_iter()
        .map(|x| {
            let status = x
                .status
                .map_or_else(|| "no answer".to_string(), |s| format!("HTTP {s}"));
            let line = format!(
                "{} {} → {status} in {:.0} ms",
                x.method, x.url, x.round_trip_ms
            );
            let is_infer = x.method == "POST";
            let request = x.request.map(|body| {
                view! {
                    <p class="muted">"Request"</p><pre data-testid="serve-request">{body}</pre>
                }
            });
            let testid = if is_infer {
                "serve-response"
            } else {
                "serve-metadata-response"
            };
            view! {
                <li>
                    <p class="serve-exchange">{line}</p>
                    {request}
                    <p class="muted">"Response"</p><pre data-testid=testid>{x.response}</pre>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="serve-nerds" data-testid="serve-nerds">
            <summary>"Stats for nerds"</summary>
            <ul class="serve-exchanges">{items}</ul>
        </details>
    }
}
