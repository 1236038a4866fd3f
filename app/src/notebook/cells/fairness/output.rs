//! A Fairness cell's output: the alert, the chosen country's SPD and DIR with each group's
//! favourable rate, warnings about small groups, and every country sorted by |SPD|.

use jukebox_core::format::{grouped, statistic};
use jukebox_core::monitor::fairness::ClassFairness;
use jukebox_core::monitor::fairness_cell::FairnessOutput;
use leptos::prelude::*;

use crate::notebook::cell_entry::{CellEntry, CellOutput};
use crate::notebook::cells::evaluate::output::split_name;
use crate::notebook::widgets::class_names::class_name;
use crate::notebook::widgets::percent::percent;

#[component]
pub fn FairnessCellOutput(entry: CellEntry) -> impl IntoView {
    let output = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::FairnessMeasured(output)) => Some(*output),
        _ => None,
    });
    move || {
        output
            .get()
            .map(|output| view! { <FairnessView output=output/> })
    }
}

fn dir_text(dir: Option<f64>) -> String {
    dir.map_or_else(|| "undefined".into(), statistic)
}

#[component]
pub fn FairnessView(output: FairnessOutput) -> impl IntoView {
    let report = &output.report;
    let heading = format!(
        "{} on the {} part · `{}` = {} is privileged ({} rows) · others {} rows",
        output.model,
        split_name(output.on),
        output.attribute,
        output.privileged,
        grouped(report.privileged_rows),
        grouped(report.unprivileged_rows)
    );
    let alert = output.alert();
    let headline = output.headline().cloned();
    // A code the model does not predict (a typo, `FRA`) would otherwise headline nothing and
    // never alert, silently.
    let unknown = (!output.country.is_empty() && headline.is_none()).then(|| {
        format!(
            "`{}` is not one of the model's {} classes, so no country is headlined and none \
             can raise the alert. Use a class's code, such as `{}`.",
            output.country,
            report.classes.len(),
            report.classes.first().map_or("FR", |c| c.label.as_str())
        )
    });
    let flagged = report.violations().count();
    let summary = format!(
        "{flagged} of {} countries outside SPD {:+} … {:+} or DIR {} … {}",
        report.classes.len(),
        report.bounds.spd_lower,
        report.bounds.spd_upper,
        report.bounds.dir_lower,
        report.bounds.dir_upper
    );
    let warnings = report
        .warnings
        .iter()
        .map(|w| view! { <p class="notice notice-warning" data-testid="fairness-warning">{w.message.clone()}</p> })
        .collect_view();
    let rows = report
        .classes
        .iter()
        .map(|c| view! { <FairnessRow class=c.clone()/> })
        .collect_view();
    view! {
        <section class="fairness-view" data-testid="fairness-view">
            <h3 class="model-title">{heading}</h3>
            {alert.map(|text| view! { <p class="notice notice-alert" role="alert" data-testid="cell-alert">{text}</p> })}
            {warnings}
            {unknown.map(|text| view! {
                <p class="notice notice-warning" data-testid="fairness-unknown-country">{text}</p>
            })}
            {headline.map(|c| view! { <FairnessHeadline class=c/> })}
            <p data-testid="fairness-summary">{summary}</p>
            <div class="table-scroll fairness-table-scroll">
                <table class="model-table fairness-table" data-testid="fairness-table">
                    <thead><tr>
                        <th scope="col">"Country"</th>
                        <th scope="col" class="num">"SPD"</th>
                        <th scope="col" class="num">"DIR"</th>
                        <th scope="col" class="num">"Privileged rate"</th>
                        <th scope="col" class="num">"Others' rate"</th>
                        <th scope="col">"Fair?"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn FairnessHeadline(class: ClassFairness) -> impl IntoView {
    view! {
        <div class="metric-cards" data-testid="fairness-headline" data-country=class.label.clone()>
            <div class="metric-card" class:metric-bad=class.spd_outside data-testid="fairness-spd" data-value=class.spd.to_string()>
                <span class="metric-label">{format!("SPD · {}", class_name(&class.label))}</span>
                <span class="metric-value">{format!("{:+.3}", class.spd)}</span>
            </div>
            <div class="metric-card" class:metric-bad=class.dir_outside data-testid="fairness-dir">
                <span class="metric-label">"DIR"</span>
                <span class="metric-value">{dir_text(class.dir)}</span>
            </div>
            <div class="metric-card metric-baseline">
                <span class="metric-label">{format!("Privileged: {} of {}", grouped(class.privileged.favourable), grouped(class.privileged.rows))}</span>
                <span class="metric-value">{percent(class.privileged.rate)}</span>
            </div>
            <div class="metric-card metric-baseline">
                <span class="metric-label">{format!("Others: {} of {}", grouped(class.unprivileged.favourable), grouped(class.unprivileged.rows))}</span>
                <span class="metric-value">{percent(class.unprivileged.rate)}</span>
            </div>
        </div>
    }
}

#[component]
fn FairnessRow(class: ClassFairness) -> impl IntoView {
    view! {
        <tr data-testid="fairness-row" data-country=class.label.clone() data-violation=class.violation.to_string()
            data-spd=class.spd.to_string() data-favourable=format!("{} {}", class.privileged.favourable, class.unprivileged.favourable)
            data-rows=format!("{} {}", class.privileged.rows, class.unprivileged.rows)>
            <th scope="row">{format!("{} · {}", class.label, class_name(&class.label))}</th>
            <td class="num" class:drift-yes=class.spd_outside>{format!("{:+.4}", class.spd)}</td>
            <td class="num" class:drift-yes=class.dir_outside>{dir_text(class.dir)}</td>
            <td class="num">{percent(class.privileged.rate)}</td>
            <td class="num">{percent(class.unprivileged.rate)}</td>
            <td>{if class.violation { "outside the bounds" } else { "fair" }}</td>
        </tr>
    }
}
