//! What a training will do, shown before it runs: how long it will take on this device
//! (measured by the engine on a short run), the rows it will use, classes the test or
//! validation part has but training lacks (with the fix), and the offer of a sample when it
//! would take minutes.

use jukebox_core::protocol::{RequestBody, ResponseBody};
use jukebox_core::summary::TableSummary;
use jukebox_core::train::plan::{EstimateBasis, TrainingPlan};
use jukebox_core::train::{SplitMethod, TrainSpec};
use leptos::prelude::*;

use super::settings::set_train;
use crate::engine_client::EngineClient;
use crate::notebook::cell_entry::CellEntry;
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

/// "Training: ≈ 17 s on 1,279 rows · measured on this device": the plan's estimate.
pub fn estimate_text(plan: &TrainingPlan) -> String {
    let basis = match plan.basis {
        EstimateBasis::Measured => "measured on this device",
        EstimateBasis::Rates => "from typical rates",
    };
    format!(
        "Training: {} on {} rows · {basis}",
        duration_text(plan.seconds),
        format_count(plan.sizes.n_train)
    )
}

/// "1,279 of 1,280 rows have every value (1 dropped) → 818 training, 205 validation, 256 test".
pub fn rows_text(plan: &TrainingPlan) -> String {
    let s = &plan.sizes;
    let used = s.n_rows.saturating_sub(s.n_dropped);
    format!(
        "{} of {} rows have every value ({} dropped) → {} training, {} validation, {} test",
        format_count(used),
        format_count(s.n_rows),
        format_count(s.n_dropped),
        format_count(s.n_train),
        format_count(s.n_validation),
        format_count(s.n_test)
    )
}

/// The Train cell's plan, asked of the engine whenever the input or the settings change
/// (once the input is loaded): the time measured on this device, rows after dropping nulls,
/// and classes of the test or validation part missing from training, with the fix.
#[component]
pub fn TrainEstimate(
    entry: CellEntry,
    #[prop(into)] input: Signal<String>,
    #[prop(into)] table: Signal<Option<TableSummary>>,
    #[prop(into)] spec: Signal<TrainSpec>,
) -> impl IntoView {
    let engine = use_context::<EngineClient>();
    let plan = RwSignal::new(None::<Result<TrainingPlan, String>>);
    // Only the latest request's answer is shown, whatever order the answers come in.
    let ticket = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let n_rows = table.with(|t| t.as_ref().map_or(0, |t| t.n_rows));
        let (input, spec) = (input.get(), spec.get());
        let next = ticket.get_value() + 1;
        ticket.set_value(next);
        if n_rows == 0 || spec.features.is_empty() {
            plan.set(None);
            return;
        }
        let Some(engine) = engine else { return };
        leptos::task::spawn_local(async move {
            let reply = engine
                .request(RequestBody::PlanTraining { input, spec }, None, None)
                .await;
            // The editor may be gone (another page): then nobody waits for the answer.
            if ticket.try_get_value() != Some(next) {
                return;
            }
            match reply.body {
                ResponseBody::TrainingPlanned { plan: planned } => plan.set(Some(Ok(planned))),
                ResponseBody::Failed { message } => plan.set(Some(Err(message))),
                _ => {}
            }
        });
    });
    move || {
        plan.get().map(|planned| match planned {
            Ok(planned) => view! { <TrainPlanView entry=entry plan=planned/> }.into_any(),
            // The training itself will fail with the same words, where the user acts.
            Err(message) => view! {
                <p class="train-estimate muted" data-testid="train-plan-problem">{message}</p>
            }
            .into_any(),
        })
    }
}

/// A plan as the Train cell shows it; the warnings offer their fix (a shuffled split) and
/// a slow training offers a sample.
#[component]
pub fn TrainPlanView(entry: CellEntry, plan: TrainingPlan) -> impl IntoView {
    let offer = offered_sample(plan.seconds, plan.sizes.n_train);
    let warnings = plan.warnings();
    let shuffle = move |_| set_train(entry, |s| s.split.method = SplitMethod::Shuffled);
    view! {
        {(!warnings.is_empty()).then(|| view! {
            <div class="notice notice-warning train-unseen" role="alert" data-testid="train-unseen-warning">
                {warnings.into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
                <button type="button" class="button" data-testid="train-use-shuffled" on:click=shuffle>
                    "Use a shuffled split"
                </button>
            </div>
        })}
        <div class="train-estimate" class:train-estimate-slow=offer.is_some() data-testid="train-estimate"
            data-seconds=plan.seconds data-rows=plan.sizes.n_train>
            {match offer {
                Some(sample) => view! {
                    <span>{warning_text(plan.seconds, plan.sizes.n_train, sample)}</span>
                    <button type="button" class="button" data-testid="train-use-sample"
                        on:click=move |_| set_train(entry, move |s| s.max_train_rows = Some(sample))>
                        {format!("Use {} rows", format_count(sample))}
                    </button>
                }.into_any(),
                None => view! { <span>{estimate_text(&plan)}</span> }.into_any(),
            }}
            <span class="muted train-rows" data-testid="train-rows">{rows_text(&plan)}</span>
        </div>
    }
}
