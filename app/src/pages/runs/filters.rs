//! The filters above the runs table: words, model kind, tag, training data version, status, a test accuracy range
//! (in %) and start dates (the browser's days), and the count of runs shown.

use jukebox_core::calendar::days_from_civil;
use jukebox_core::runs::RunStatus;
use leptos::prelude::*;

use super::format::local_offset_minutes;
use super::query::RunFilter;

/// `"15"` → `Some(0.15)`; empty or not a number → `None` (no bound).
pub fn parse_percent(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v / 100.0)
}

/// `"2026-11-27"` (an `<input type=date>` value) → days since 1970; anything else → `None`.
pub fn parse_date(text: &str) -> Option<i32> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse::<i32>().ok()?;
    let month = parts.next()?.parse::<u32>().ok()?;
    let day = parts.next()?.parse::<u32>().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| days_from_civil(year, month, day))
}

/// The first millisecond of day `days` in the browser's zone.
fn local_midnight_ms(days: i32) -> f64 {
    let utc = f64::from(days) * 86_400_000.0;
    utc - local_offset_minutes(utc) * 60_000.0
}

fn status_of(value: &str) -> Option<RunStatus> {
    match value {
        "finished" => Some(RunStatus::Finished),
        "cancelled" => Some(RunStatus::Cancelled),
        _ => None,
    }
}

/// A select's options: "all", then `choices`; `current` is selected, and listed even when no
/// run has it any more (so the select never hides an active filter).
fn options(mut choices: Vec<String>, current: Option<String>, all: &'static str) -> impl IntoView {
    if let Some(current) = &current
        && !choices.contains(current)
    {
        choices.push(current.clone());
    }
    let items = choices
        .into_iter()
        .map(|c| {
            let selected = current.as_ref() == Some(&c);
            let value = c.clone();
            view! { <option value=value selected=selected>{c}</option> }
        })
        .collect_view();
    view! { <option value="" selected=current.is_none()>{all}</option>{items} }
}

#[component]
pub fn RunsFilters(
    filter: RwSignal<RunFilter>,
    #[prop(into)] models: Signal<Vec<String>>,
    #[prop(into)] tags: Signal<Vec<String>>,
    /// The training data versions (short hashes) of the runs.
    #[prop(into)]
    versions: Signal<Vec<String>>,
) -> impl IntoView {
    let set = move |apply: &dyn Fn(&mut RunFilter)| filter.update(|f| apply(f));
    let choice = |v: String| (!v.is_empty()).then_some(v);
    let model = Memo::new(move |_| filter.with(|f| f.model.clone()));
    let tag = Memo::new(move |_| filter.with(|f| f.tag.clone()));
    let version = Memo::new(move |_| filter.with(|f| f.dataset_version.clone()));
    view! {
        <form class="runs-filters" data-testid="runs-filters" on:submit=|ev| ev.prevent_default()>
            <label class="runs-filter runs-filter-text"><span>"Search"</span>
                <input type="search" data-testid="runs-filter-text" placeholder="model, notebook, tag, note"
                    on:input=move |ev| set(&|f| f.text = event_target_value(&ev))/></label>
            <label class="runs-filter"><span>"Model"</span>
                <select data-testid="runs-filter-model"
                    on:change=move |ev| set(&|f| f.model = choice(event_target_value(&ev)))>
                    {move || options(models.get(), model.get(), "all models")}
                </select></label>
            <label class="runs-filter"><span>"Tag"</span>
                <select data-testid="runs-filter-tag"
                    on:change=move |ev| set(&|f| f.tag = choice(event_target_value(&ev)))>
                    {move || options(tags.get(), tag.get(), "any tag")}
                </select></label>
            <label class="runs-filter"><span>"Data version"</span>
                <select data-testid="runs-filter-data-version"
                    on:change=move |ev| set(&|f| f.dataset_version = choice(event_target_value(&ev)))>
                    {move || options(versions.get(), version.get(), "any data")}
                </select></label>
            <label class="runs-filter"><span>"Status"</span>
                <select data-testid="runs-filter-status"
                    on:change=move |ev| set(&|f| f.status = status_of(&event_target_value(&ev)))>
                    <option value="">"any"</option>
                    <option value="finished">"finished"</option>
                    <option value="cancelled">"cancelled"</option>
                </select></label>
            <label class="runs-filter runs-filter-number"><span>"Test acc. ≥ %"</span>
                <input type="number" min="0" max="100" step="0.1" data-testid="runs-filter-min-test"
                    on:change=move |ev| set(&|f| f.min_test_accuracy = parse_percent(&event_target_value(&ev)))/></label>
            <label class="runs-filter runs-filter-number"><span>"≤ %"</span>
                <input type="number" min="0" max="100" step="0.1" data-testid="runs-filter-max-test"
                    on:change=move |ev| set(&|f| f.max_test_accuracy = parse_percent(&event_target_value(&ev)))/></label>
            <label class="runs-filter"><span>"From"</span>
                <input type="date" data-testid="runs-filter-from"
                    on:change=move |ev| set(&|f| f.started_from_ms = parse_date(&event_target_value(&ev)).map(local_midnight_ms))/></label>
            <label class="runs-filter"><span>"To"</span>
                <input type="date" data-testid="runs-filter-to"
                    on:change=move |ev| set(&|f| f.started_before_ms = parse_date(&event_target_value(&ev)).map(|d| local_midnight_ms(d + 1)))/></label>
        </form>
    }
}
