//! Training curves of the compared runs overlaid: one SVG chart of loss and one of accuracy,
//! one colour per run — its training line (the live running means, fractional epochs) and
//! its validation values per epoch as markers. Drawn like the Train cell's curves.

use jukebox_core::runs::RunRecord;
use leptos::prelude::*;

use super::format::run_label;
use crate::chart::labels::number_label;
use crate::notebook::model::curves::{CurveSeries, Metric, nice_ticks};

const WIDTH: f64 = 420.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 36.0;

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

/// Maps every run's points onto one drawing.
struct Frame {
    x_ticks: Vec<f64>,
    y_ticks: Vec<f64>,
}

impl Frame {
    fn new(curves: &[RunCurve]) -> Self {
        let all = || {
            curves
                .iter()
                .flat_map(|c| c.series.training.iter().chain(&c.series.validation))
        };
        let x_max = all().map(|p| p.0).fold(1.0_f64, f64::max);
        let (y_lo, y_hi) = all().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
        Self {
            x_ticks: nice_ticks(0.0, x_max, 5),
            y_ticks: nice_ticks(y_lo, y_hi, 4),
        }
    }

    fn range(ticks: &[f64]) -> (f64, f64) {
        (
            ticks.first().copied().unwrap_or(0.0),
            ticks.last().copied().unwrap_or(1.0),
        )
    }

    fn x(&self, value: f64) -> f64 {
        let (lo, hi) = Self::range(&self.x_ticks);
        LEFT + (value - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT)
    }

    fn y(&self, value: f64) -> f64 {
        let (lo, hi) = Self::range(&self.y_ticks);
        HEIGHT - BOTTOM - (value - lo) / (hi - lo) * (HEIGHT - TOP - BOTTOM)
    }

    /// An SVG path through `points` (`M x,y L x,y …`); empty for no points.
    fn path(&self, points: &[(f64, f64)]) -> String {
        points
            .iter()
            .enumerate()
            .map(|(i, (x, y))| {
                let command = if i == 0 { 'M' } else { 'L' };
                format!("{command}{:.1},{:.1}", self.x(*x), self.y(*y))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
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
        let frame = Frame::new(&curves);
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

/// Grid lines, ticks with their labels, and the axis titles.
fn axes(frame: &Frame, title: &'static str) -> impl IntoView + use<> {
    let bottom = HEIGHT - BOTTOM;
    let y_ticks = frame
        .y_ticks
        .iter()
        .map(|v| {
            let y = frame.y(*v);
            view! {
                <line class="curve-grid" x1=LEFT x2=WIDTH - RIGHT y1=y y2=y/>
                <text class="curve-tick" x=LEFT - 6.0 y=y + 3.5 text-anchor="end">{number_label(*v)}</text>
            }
        })
        .collect_view();
    let x_ticks = frame
        .x_ticks
        .iter()
        .map(|v| {
            let x = frame.x(*v);
            view! {
                <line class="curve-axis" x1=x x2=x y1=bottom y2=bottom + 4.0/>
                <text class="curve-tick" x=x y=bottom + 16.0 text-anchor="middle">{number_label(*v)}</text>
            }
        })
        .collect_view();
    view! {
        {y_ticks}
        <line class="curve-axis" x1=LEFT x2=WIDTH - RIGHT y1=bottom y2=bottom/>
        {x_ticks}
        <text class="curve-title" x=(LEFT + WIDTH - RIGHT) / 2.0 y=HEIGHT - 4.0 text-anchor="middle">"epoch"</text>
        <text class="curve-title" x=LEFT y=TOP - 2.0 text-anchor="start">{title}</text>
    }
}
