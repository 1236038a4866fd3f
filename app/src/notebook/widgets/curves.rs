//! Training curves as SVG: loss and accuracy against epochs, the training line (the live
//! running means, or the per-epoch values) and the validation points of finished epochs.
//! SVG, so the lines take the theme's colours from the CSS tokens and update in place as
//! points arrive.

use jukebox_core::train::{CurvePoint, EpochRecord};
use leptos::prelude::*;

use crate::chart::labels::number_label;

/// The drawing's size in SVG units (it scales to the container's width).
const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 36.0;

/// What a curve plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Loss,
    Accuracy,
}

/// The two lines of one chart, as (epoch, value) points.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CurveSeries {
    pub training: Vec<(f64, f64)>,
    pub validation: Vec<(f64, f64)>,
}

impl CurveSeries {
    /// The training line from the live `points` (or, without them, from each epoch's
    /// training values) and the validation values of the finished epochs in `history`.
    /// Values that are not finite (a diverged loss) are left out.
    pub fn of(points: &[CurvePoint], history: &[EpochRecord], metric: Metric) -> Self {
        let pick = |loss: f64, accuracy: f64| match metric {
            Metric::Loss => loss,
            Metric::Accuracy => accuracy,
        };
        let finite = |(x, y): &(f64, f64)| x.is_finite() && y.is_finite();
        let training: Vec<(f64, f64)> = if points.is_empty() {
            history
                .iter()
                .map(|r| (r.epoch as f64, pick(r.train_loss, r.train_accuracy)))
                .filter(finite)
                .collect()
        } else {
            points
                .iter()
                .map(|p| (p.epoch, pick(p.loss, p.accuracy)))
                .filter(finite)
                .collect()
        };
        let validation = history
            .iter()
            .map(|r| {
                (
                    r.epoch as f64,
                    pick(r.validation_loss, r.validation_accuracy),
                )
            })
            .filter(finite)
            .collect();
        Self {
            training,
            validation,
        }
    }

    pub fn len(&self) -> usize {
        self.training.len() + self.validation.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Round tick values (steps of 1, 2 or 5 × 10ⁿ) covering `lo..=hi`, about `target` of them;
/// the first is ≤ `lo` and the last ≥ `hi`, so they also give the axis its range.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    let (lo, hi) = if hi - lo < 1e-12 {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    };
    let rough = (hi - lo) / target.max(1) as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    // A handful of steps by construction (about `target`), far inside i64.
    #[allow(clippy::cast_possible_truncation)]
    let (first, last) = (first as i64, last as i64);
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Maps data onto a drawing of `width` × `height`: x from 0 to the last epoch, y over the
/// values' ticks (the training curves here, and the Runs page's overlay).
pub(crate) struct Frame {
    x_ticks: Vec<f64>,
    y_ticks: Vec<f64>,
    width: f64,
    height: f64,
}

impl Frame {
    pub(crate) fn over<'a>(
        points: impl Iterator<Item = &'a (f64, f64)> + Clone,
        width: f64,
        height: f64,
    ) -> Self {
        let x_max = points.clone().map(|p| p.0).fold(1.0_f64, f64::max);
        let (y_lo, y_hi) = points.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
        Self {
            x_ticks: nice_ticks(0.0, x_max, 5),
            y_ticks: nice_ticks(y_lo, y_hi, 4),
            width,
            height,
        }
    }

    fn range(ticks: &[f64]) -> (f64, f64) {
        (
            ticks.first().copied().unwrap_or(0.0),
            ticks.last().copied().unwrap_or(1.0),
        )
    }

    pub(crate) fn x(&self, value: f64) -> f64 {
        let (lo, hi) = Self::range(&self.x_ticks);
        LEFT + (value - lo) / (hi - lo) * (self.width - LEFT - RIGHT)
    }

    pub(crate) fn y(&self, value: f64) -> f64 {
        let (lo, hi) = Self::range(&self.y_ticks);
        self.height - BOTTOM - (value - lo) / (hi - lo) * (self.height - TOP - BOTTOM)
    }

    /// An SVG path through `points` (`M x,y L x,y …`); empty for no points.
    pub(crate) fn path(&self, points: &[(f64, f64)]) -> String {
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

    fn polyline(&self, points: &[(f64, f64)]) -> String {
        points
            .iter()
            .map(|(x, y)| format!("{:.1},{:.1}", self.x(*x), self.y(*y)))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Loss and accuracy side by side, with a legend; `data-points` counts the points drawn
/// in each chart (training plus validation).
#[component]
pub fn TrainingCurves(
    #[prop(into)] points: Signal<Vec<CurvePoint>>,
    #[prop(into)] history: Signal<Vec<EpochRecord>>,
) -> impl IntoView {
    let loss =
        Memo::new(move |_| history.with(|h| points.with(|p| CurveSeries::of(p, h, Metric::Loss))));
    let accuracy = Memo::new(move |_| {
        history.with(|h| points.with(|p| CurveSeries::of(p, h, Metric::Accuracy)))
    });
    view! {
        <figure class="training-curves" data-testid="train-curves"
            data-points=move || loss.with(CurveSeries::len)>
            <figcaption class="curve-legend">
                <span class="curve-key curve-key-training">"training"</span>
                <span class="curve-key curve-key-validation">"validation"</span>
            </figcaption>
            <div class="curve-charts">
                <CurveChart title="Loss" series=loss/>
                <CurveChart title="Accuracy" series=accuracy/>
            </div>
        </figure>
    }
}

#[component]
fn CurveChart(title: &'static str, series: Memo<CurveSeries>) -> impl IntoView {
    let drawn = move || {
        series.with(|series| {
            if series.is_empty() {
                return view! {
                    <text class="curve-empty" x=WIDTH / 2.0 y=HEIGHT / 2.0 text-anchor="middle">"no points yet"</text>
                }
                .into_any();
            }
            let frame = Frame::over(series.training.iter().chain(&series.validation), WIDTH, HEIGHT);
            let training = frame.polyline(&series.training);
            let validation = frame.polyline(&series.validation);
            let dots = series
                .validation
                .iter()
                .map(|(x, y)| view! { <circle class="curve-dot" cx=frame.x(*x) cy=frame.y(*y) r="3"/> })
                .collect_view();
            view! {
                {axes(&frame, title)}
                <polyline class="curve-line curve-training" points=training/>
                <polyline class="curve-line curve-validation" points=validation/>
                {dots}
            }
            .into_any()
        })
    };
    view! {
        <svg class="curve-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
            aria-label=format!("{title} by epoch, training and validation")>
            {drawn}
        </svg>
    }
}

/// Grid lines, ticks with their labels, and the axis titles.
pub(crate) fn axes(frame: &Frame, title: &'static str) -> impl IntoView + use<> {
    let (width, height) = (frame.width, frame.height);
    let bottom = height - BOTTOM;
    let y_ticks = frame
        .y_ticks
        .iter()
        .map(|v| {
            let y = frame.y(*v);
            view! {
                <line class="curve-grid" x1=LEFT x2=width - RIGHT y1=y y2=y/>
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
        <line class="curve-axis" x1=LEFT x2=width - RIGHT y1=bottom y2=bottom/>
        {x_ticks}
        <text class="curve-title" x=(LEFT + width - RIGHT) / 2.0 y=height - 4.0 text-anchor="middle">"epoch"</text>
        <text class="curve-title" x=LEFT y=TOP - 2.0 text-anchor="start">{title}</text>
    }
}
