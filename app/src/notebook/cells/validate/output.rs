//! A Validate cell's output: passed or failed with the counts, what was checked against
//! what (names and dataset versions), and the anomaly table — kind, column, expected,
//! found, severity and what it means.

use jukebox_core::contract::{Severity, Validation};
use jukebox_core::format::grouped;
use leptos::prelude::*;

use crate::notebook::cell_entry::{CellEntry, CellOutput};

#[component]
pub fn ValidateCellOutput(entry: CellEntry) -> impl IntoView {
    let output = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Validated(output)) => Some(*output),
        _ => None,
    });
    move || {
        output
            .get()
            .map(|validation| view! { <ValidationView validation=validation/> })
    }
}

/// The first 12 characters of a dataset version (a SHA-256).
fn short(version: &str) -> String {
    version.chars().take(12).collect()
}

#[component]
pub fn ValidationView(validation: Validation) -> impl IntoView {
    let passed = validation.passed();
    let headline = format!(
        "`{}` ({} rows, version {}) against the contract of `{}` (version {}): {}",
        validation.dataset,
        grouped(usize::try_from(validation.rows).unwrap_or(usize::MAX)),
        short(&validation.dataset_version),
        validation.contract_dataset,
        short(&validation.contract_version),
        validation.headline()
    );
    let rows = validation
        .anomalies
        .iter()
        .map(|a| {
            let severity = a.severity.word();
            let class = if a.severity == Severity::Error {
                "drift-yes"
            } else {
                "muted"
            };
            view! {
                <tr data-testid="anomaly-row" data-kind=a.kind.code()>
                    <td><code>{a.kind.code()}</code></td>
                    <td>{a.column.clone().unwrap_or_default()}</td>
                    <td>{a.expected.clone()}</td>
                    <td>{a.found.clone()}</td>
                    <td><span class=class>{severity}</span></td>
                    <td class="muted">{a.description.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = validation.anomalies.is_empty();
    view! {
        <div class="validate-output" data-testid="validation" data-passed=passed.to_string()>
            <p class=if passed { "validate-verdict" } else { "notice notice-alert" }
                role=(!passed).then_some("alert") data-testid="validation-headline">{headline}</p>
            {if empty {
                view! { <p class="muted">"No anomalies: the table keeps the contract."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="model-table anomalies-table" data-testid="anomalies">
                            <thead><tr><th>"Anomaly"</th><th>"Column"</th><th>"Expected"</th><th>"Found"</th><th>"Severity"</th><th>"Meaning"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </div>
    }
}
