//! Training curves of the compared runs overlaid: one SVG chart of loss and one of accuracy,
//! one colour per run — its training line (the live running means, fractional epochs) and
//! its validation values per epoch as markers. Drawn like the Train cell's curves.

use jukebox_core::runs::RunRecord;
use leptos::prelude::*;

use super::format::run_label;
use crate::notebook::widgets::curves::{CurveSeries, Frame, Metric, axes};

const WIDTH: f64 = 420.0;
const HEIGHT: f64 = 240.0;

/// A run's curve in one chart, with its colour slot (`run-colour-<n>` in `runs.css`).
#[derive(Debug, Clone, PartialEq)]
pub struct RunCurve {
    pub id: String,
    pub colour: usize,
    pub series: CurveSeries,
}

/// Each run's series for `metric`, in the runs' order.
pub fn run_curves(runs: &[RunRecord], metric: Metric) -> Vec<RunCurve> {
    runs.iter()
        .enumerate()
        .map(|(colour, run)| RunCurve {
            id: run.id.clone(),
            colour,
            series: CurveSeries::of(&run.report.points, &run.report.history, metric),
        })
        .collect()
}

/// Loss and accuracy of `runs` overlaid, with a legend naming each run in its colour.
#[component]
pub fn CurvesOverlay(runs: Vec<RunRecord>) -> impl IntoView {
    let legend = runs
        .iter()
        .enumerate()
        .map(|(colour, run)| {
            view! {
                <li class=format!("overlay-key run-colour-{colour}") data-run-id=run.id.clone()>{run_label(run)}</li>
            }
        })
        .collect_view();
    let loss = run_curves(&runs, Metric::Loss);
    let accuracy = run_curves(&runs, Metric::Accuracy);
    view! {
        <figure class="curves-overlay" data-testid="compare-curves">
            <figcaption>
                <ul class="overlay-legend" data-testid="compare-legend">{legend}</ul>
                <p class="overlay-hint">"Lines: training (running means within each epoch); dots: validation after each epoch."</p>
            </figcaption>
            <div class="curve-charts">
                <OverlayChart title="Loss" testid="compare-loss" curves=loss/>
                <OverlayChart title="Accuracy" testid="compare-accuracy" curves=accuracy/>
            </div>
        </figure>
    }
}

#[component]
fn OverlayChart(title: &'static str, testid: &'static str, curves: Vec<RunCurve>) -> impl IntoView {
    let body = if curves.iter().all(|c| c.series.is_empty()) {
        view! {
            <text class="curve-empty" x=WIDTH / 2.0 y=HEIGHT / 2.0 text-anchor="middle">"no curves kept"</text>
        }
        .into_any()
    } else {
        let frame = Frame::over(
            curves
                .iter()
                .flat_map(|c| c.series.training.iter().chain(&c.series.validation)),
            WIDTH,
            HEIGHT,
        );
        let lines = curves
            .iter()
            .map(|curve| run_lines(&frame, curve))
            .collect_view();
        view! { {axes(&frame, title)} {lines} }.into_any()
    };
    view! {
        <svg class="curve-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" data-testid=testid
            aria-label=format!("{title} by epoch, one colour per run")>
            {body}
        </svg>
    }
}

/// One run's training path and validation markers, in its colour.
fn run_lines(frame: &Frame, curve: &RunCurve) -> impl IntoView + use<> {
    let dots = curve
        .series
        .validation
        .iter()
        .map(|(x, y)| view! { <circle class="overlay-dot" cx=frame.x(*x) cy=frame.y(*y) r="3.5"/> })
        .collect_view();
    view! {
        <g class=format!("overlay-run run-colour-{}", curve.colour) data-run-id=curve.id.clone()>
            <path class="overlay-line" d=frame.path(&curve.series.training)/>
            {dots}
        </g>
    }
}
