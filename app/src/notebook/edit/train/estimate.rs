//! How long a training will take, shown above the run, with the offer of a sample when it
//! would take minutes.

use jukebox_core::countries::COUNTRIES;
use jukebox_core::summary::TableSummary;
use jukebox_core::train::TrainSpec;
use jukebox_core::train::classic::estimate_seconds;
use leptos::prelude::*;

use super::set_train;
use crate::notebook::state::CellEntry;
use crate::shell::format_count;

/// Above this, the estimate turns into a warning with a sample offered.
const WARN_SECONDS: f64 = 60.0;
/// Sample sizes offered, largest first.
const SAMPLE_STEPS: [usize; 4] = [100_000, 50_000, 20_000, 10_000];

/// Rows the model will be fitted on: the training part of `n_rows` (what the test and
/// validation parts leave), at most the sample asked for.
pub fn training_rows(n_rows: usize, spec: &TrainSpec) -> usize {
    let share = (1.0 - spec.split.test_ratio) * (1.0 - spec.split.validation_ratio);
    // A share of a row count: non-negative and below it.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rows = (n_rows as f64 * share.clamp(0.0, 1.0)).round() as usize;
    spec.max_train_rows.map_or(rows, |max| rows.min(max))
}

/// `"≈ 6 min"`: a duration as a person reads it.
pub fn duration_text(seconds: f64) -> String {
    if !seconds.is_finite() {
        "an unknown time".into()
    } else if seconds < 1.0 {
        "under a second".into()
    } else if seconds < 90.0 {
        format!("≈ {seconds:.0} s")
    } else if seconds < 5400.0 {
        format!("≈ {:.0} min", seconds / 60.0)
    } else {
        format!("≈ {:.1} h", seconds / 3600.0)
    }
}

/// The sample to offer when `seconds` on `rows` is over a minute: the largest step the
/// estimate (taken as proportional to rows) brings under a minute; `None` when it is
/// quick already or a sample would not be smaller.
pub fn offered_sample(seconds: f64, rows: usize) -> Option<usize> {
    // NaN is not slow either.
    if seconds.partial_cmp(&WARN_SECONDS) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    let per_row = seconds / rows.max(1) as f64;
    let sample = SAMPLE_STEPS
        .into_iter()
        .find(|n| *n as f64 * per_row <= WARN_SECONDS)
        .unwrap_or(SAMPLE_STEPS[SAMPLE_STEPS.len() - 1]);
    (sample < rows).then_some(sample)
}

/// "≈ 6 min on 716,000 training rows — train on a 100,000-row sample?"
pub fn warning_text(seconds: f64, rows: usize, sample: usize) -> String {
    format!(
        "{} on {} training rows — train on a {}-row sample?",
        duration_text(seconds),
        format_count(rows),
        format_count(sample)
    )
}

/// The estimate for `table` (shown only once its rows are known) and the sample offer.
#[component]
pub fn TrainEstimate(
    entry: CellEntry,
    #[prop(into)] table: Signal<Option<TableSummary>>,
    #[prop(into)] spec: Signal<TrainSpec>,
) -> impl IntoView {
    move || {
        let n_rows = table.with(|t| t.as_ref().map_or(0, |t| t.n_rows));
        let spec = spec.get();
        if n_rows == 0 || spec.features.is_empty() {
            return None;
        }
        let rows = training_rows(n_rows, &spec);
        // A summary does not count a column's distinct values: the course's 72 countries.
        let seconds = estimate_seconds(&spec.model, rows, spec.features.len(), COUNTRIES.len());
        let offer = offered_sample(seconds, rows);
        Some(view! {
            <div class="train-estimate" class:train-estimate-slow=offer.is_some() data-testid="train-estimate"
                data-seconds=seconds>
                {match offer {
                    Some(sample) => view! {
                        <span>{warning_text(seconds, rows, sample)}</span>
                        <button type="button" class="button" data-testid="train-use-sample"
                            on:click=move |_| set_train(entry, |s| s.max_train_rows = Some(sample))>
                            {format!("Use {} rows", format_count(sample))}
                        </button>
                    }.into_any(),
                    None => view! {
                        <span>{format!("Training: {} on {} rows", duration_text(seconds), format_count(rows))}</span>
                    }.into_any(),
                }}
            </div>
        })
    }
}
