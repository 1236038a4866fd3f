//! An Explain cell's output: the SHAP waterfall of P(country) with its additivity, the
//! counterfactual (what changes, before and after), and the global importance bars.

use jukebox_core::explain::explain_cell::{ExplainOutput, GlobalExplanation};
use jukebox_core::explain::{Counterfactual, ShapMethod};
use jukebox_core::format::{grouped, statistic};
use leptos::prelude::*;

use super::waterfall::{ShapWaterfall, steps};
use crate::notebook::cell_entry::{CellEntry, CellOutput};
use crate::notebook::widgets::class_names::class_name;
use crate::notebook::widgets::percent::percent;

#[component]
pub fn ExplainCellOutput(entry: CellEntry) -> impl IntoView {
    let output = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Explained(output)) => Some(*output),
        _ => None,
    });
    move || {
        output
            .get()
            .map(|output| view! { <ExplainView output=output/> })
    }
}

#[component]
pub fn ExplainView(output: ExplainOutput) -> impl IntoView {
    let shap = &output.shap;
    let method = match shap.method {
        ShapMethod::Exact => format!(
            "exact Shapley values over {} background rows",
            shap.background_rows
        ),
        ShapMethod::Kernel { samples } => format!(
            "Kernel SHAP ({samples} coalitions) over {} background rows",
            shap.background_rows
        ),
    };
    let heading = format!(
        "Why P({}) = {} for {} · {method}",
        class_name(&output.country),
        percent(shap.prediction),
        if output.label.is_empty() {
            "this song"
        } else {
            output.label.as_str()
        }
    );
    let sum: f64 = shap.values.iter().sum();
    let additivity = format!(
        "average {} + Σ SHAP {:+.4} pp = {} (additivity off by {:.1e})",
        percent(shap.base_value),
        sum * 100.0,
        percent(shap.prediction),
        (shap.base_value + sum - shap.prediction).abs()
    );
    let steps = steps(&output.features, &output.values, &shap.values);
    view! {
        <section class="explain-view" data-testid="explain-view" data-model-rows=shap.model_rows.to_string()>
            <h3 class="model-title">{heading}</h3>
            <ShapWaterfall steps=steps base=shap.base_value prediction=shap.prediction/>
            <p class="muted" data-testid="shap-additivity">{additivity}</p>
            <CounterfactualView counterfactual=output.counterfactual.clone() features=output.features.clone() country=output.country.clone()/>
            {output.global.clone().map(|global| view! { <GlobalView global=global features=output.features.clone()/> })}
        </section>
    }
}

#[component]
fn CounterfactualView(
    counterfactual: Counterfactual,
    features: Vec<String>,
    country: String,
) -> impl IntoView {
    let goal = match counterfactual.goal.target {
        jukebox_core::explain::Target::TopClass => {
            format!("{} the top country", class_name(&country))
        }
        jukebox_core::explain::Target::AtLeast { probability } => {
            format!("P({}) ≥ {}", class_name(&country), percent(probability))
        }
    };
    let body = match &counterfactual.change {
        None => view! {
            <p data-testid="counterfactual-none">{format!(
                "No change within the training ranges makes {goal} within {} model evaluations (the closest reached P = {}).",
                grouped(counterfactual.max_steps),
                percent(counterfactual.closest_probability)
            )}</p>
        }
        .into_any(),
        Some(change) if change.changed.is_empty() => view! {
            <p data-testid="counterfactual-none">{format!("The song already makes {goal}: nothing to change.")}</p>
        }
        .into_any(),
        Some(change) => {
            let rows = change
                .changed
                .iter()
                .map(|&j| {
                    view! {
                        <tr data-testid="counterfactual-row" data-feature=features.get(j).cloned().unwrap_or_default()>
                            <th scope="row">{features.get(j).cloned().unwrap_or_default()}</th>
                            <td class="num">{statistic(counterfactual.before[j])}</td>
                            <td class="num">{statistic(change.after[j])}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p>{format!(
                    "Change {} feature(s) to make {goal}: P goes from {} to {} (L1 distance {} in scaled units).",
                    change.changed.len(),
                    percent(counterfactual.probability_before),
                    percent(change.probability_after),
                    statistic(change.distance)
                )}</p>
                <table class="model-table counterfactual-table" data-testid="counterfactual-table">
                    <thead><tr><th scope="col">"Feature"</th><th scope="col" class="num">"Now"</th><th scope="col" class="num">"Change to"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <div class="counterfactual" data-testid="counterfactual">
            <h4>"Counterfactual"</h4>
            {body}
        </div>
    }
}

#[component]
fn GlobalView(global: GlobalExplanation, features: Vec<String>) -> impl IntoView {
    let permutation: Vec<(String, f64, String)> = features
        .iter()
        .zip(&global.permutation.features)
        .map(|(f, i)| (f.clone(), i.mean, format!("{:+.4} ± {:.4}", i.mean, i.std)))
        .collect();
    let shap: Vec<(String, f64, String)> = features
        .iter()
        .zip(&global.mean_abs_shap.mean_abs)
        .map(|(f, &v)| (f.clone(), v, format!("{:.3} pp", v * 100.0)))
        .collect();
    view! {
        <div class="global-importance" data-testid="global-importance">
            <h4>{format!(
                "Permutation importance: accuracy drop on {} test rows (baseline {})",
                grouped(global.permutation_rows),
                percent(global.permutation.baseline_accuracy)
            )}</h4>
            <ImportanceBars bars=permutation testid="permutation-bars"/>
            <h4>{format!("Mean |SHAP| over {} test rows", global.mean_abs_shap.n_rows)}</h4>
            <ImportanceBars bars=shap testid="mean-shap-bars"/>
        </div>
    }
}

/// Horizontal bars, largest first, relative to the largest.
#[component]
fn ImportanceBars(mut bars: Vec<(String, f64, String)>, testid: &'static str) -> impl IntoView {
    bars.sort_by(|a, b| b.1.total_cmp(&a.1));
    let top = bars.first().map_or(1.0, |b| b.1).max(f64::MIN_POSITIVE);
    view! {
        <ol class="top-countries importance-bars" data-testid=testid>
            {bars.into_iter().map(|(name, value, text)| {
                let width = format!("width: {:.1}%", (value / top * 100.0).clamp(0.0, 100.0));
                view! {
                    <li class="top-country" data-feature=name.clone()>
                        <span class="top-country-name">{name.clone()}</span>
                        <span class="top-country-track" aria-hidden="true"><span class="top-country-bar" style=width></span></span>
                        <span class="top-country-p">{text}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
