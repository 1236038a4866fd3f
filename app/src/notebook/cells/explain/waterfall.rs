//! The SHAP waterfall: from the average P(country) over the background rows, each feature's
//! contribution in turn (largest |SHAP| first) up or down to the song's P(country).

use jukebox_core::format::statistic;
use leptos::prelude::*;

use crate::notebook::widgets::percent::percent;

/// One step: a feature, the song's value, its SHAP value.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub feature: String,
    pub value: f64,
    pub shap: f64,
}

/// Steps sorted by |SHAP|, largest first (feature order on ties).
pub fn steps(features: &[String], values: &[f64], shap: &[f64]) -> Vec<Step> {
    let mut steps: Vec<Step> = features
        .iter()
        .zip(values)
        .zip(shap)
        .map(|((f, &v), &s)| Step {
            feature: f.clone(),
            value: v,
            shap: s,
        })
        .collect();
    steps.sort_by(|a, b| b.shap.abs().total_cmp(&a.shap.abs()));
    steps
}

#[component]
pub fn ShapWaterfall(steps: Vec<Step>, base: f64, prediction: f64) -> impl IntoView {
    // The running total after each step, and the scale every bar shares.
    let mut running = base;
    let spans: Vec<(Step, f64, f64)> = steps
        .into_iter()
        .map(|step| {
            let from = running;
            running += step.shap;
            (step, from, running)
        })
        .collect();
    let (lo, hi) = spans.iter().fold(
        (base.min(prediction), base.max(prediction)),
        |(lo, hi), (_, a, b)| (lo.min(*a).min(*b), hi.max(*a).max(*b)),
    );
    let range = (hi - lo).max(f64::MIN_POSITIVE);
    let at = move |x: f64| (x - lo) / range * 100.0;
    let rows = spans
        .into_iter()
        .map(|(step, from, to)| {
            let (left, right) = (at(from.min(to)), at(from.max(to)));
            let style = format!("left: {left:.2}%; width: {:.2}%", (right - left).max(0.3));
            let up = step.shap >= 0.0;
            view! {
                <li class="waterfall-step" data-testid="shap-step" data-feature=step.feature.clone() data-shap=step.shap.to_string()>
                    <span class="waterfall-name">{format!("{} = {}", step.feature, statistic(step.value))}</span>
                    <span class="waterfall-track" aria-hidden="true">
                        <span class="waterfall-bar" class:waterfall-up=up class:waterfall-down=!up style=style></span>
                    </span>
                    <span class="waterfall-value">{format!("{:+.2} pp", step.shap * 100.0)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="shap-waterfall" data-testid="shap-waterfall" data-base=base.to_string() data-prediction=prediction.to_string()
            aria-label="Each feature's SHAP value, from the average probability to the song's">
            <li class="waterfall-step waterfall-total">
                <span class="waterfall-name">"average over the background"</span>
                <span class="waterfall-track" aria-hidden="true"><span class="waterfall-mark" style=format!("left: {:.2}%", at(base))></span></span>
                <span class="waterfall-value">{percent(base)}</span>
            </li>
            {rows}
            <li class="waterfall-step waterfall-total">
                <span class="waterfall-name">"this song"</span>
                <span class="waterfall-track" aria-hidden="true"><span class="waterfall-mark" style=format!("left: {:.2}%", at(prediction))></span></span>
                <span class="waterfall-value">{percent(prediction)}</span>
            </li>
        </ol>
    }
}
