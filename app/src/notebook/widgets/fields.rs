//! Small form fields of the cell editors. Each commits on `change` (Enter or leaving the
//! field), not on every keystroke, since a change re-runs the cell.

use jukebox_core::format::grouped;
use jukebox_core::train::checked::Bounds;
use leptos::prelude::*;

use crate::notebook::document::Document;

/// Hands a field's new value on, unless the field has left the page (see the module doc).
fn commit<T: 'static>(ev: &leptos::ev::Event, on_change: Callback<T>, value: T) {
    let connected = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
        .is_some_and(|node| node.is_connected());
    if connected {
        on_change.try_run(value);
    }
}

/// After a change, shows what the cell kept: the new value, or the old one when the editor
/// refused it (out of range, not a number) — the field's memo does not change then, so it
/// would go on showing the refused text. Runs after the edit is applied (a timeout).
fn show_kept(ev: &leptos::ev::Event, kept: impl Fn() -> Option<String> + 'static) {
    let Some(input) = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
    else {
        return;
    };
    set_timeout(
        move || {
            if let Some(text) = kept() {
                input.set_value(&text);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// What a field shows: `value`, rewritten into the field only when it changes itself — not
/// whenever the settings it comes from change, which would undo what is being typed (a new
/// cell's first song arriving while its address is typed, say).
pub fn shown_value<T: Clone + PartialEq + Send + Sync + 'static>(value: Signal<T>) -> Memo<T> {
    Memo::new(move |_| value.get())
}

/// A labelled text input; `list` names a `<datalist>` of suggestions.
#[component]
pub fn TextField(
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional)] testid: &'static str,
    #[prop(optional, into)] list: Option<String>,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let value = shown_value(value);
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <input type="text" prop:value=value list=list placeholder=placeholder
                data-testid=(!testid.is_empty()).then_some(testid)
                on:change=move |ev| commit(&ev, on_change, event_target_value(&ev).trim().to_string())/>
        </label>
    }
}

/// A labelled whole-number input. With `bounds` (the engine's own limit of that setting, from
/// `jukebox_core::notebook::limits`) the allowed range is shown beside the label and a number
/// outside it is refused in words under the field instead of reaching the engine. A refused
/// entry (out of range, not a whole number) goes back to the last number the cell took; an
/// accepted one stays as typed — many editors build their fields from a snapshot of the cell,
/// so `value` need not follow the edit.
#[component]
pub fn NumberField(
    label: &'static str,
    #[prop(into)] value: Signal<usize>,
    on_change: Callback<usize>,
    #[prop(optional)] testid: &'static str,
    #[prop(optional)] bounds: Option<Bounds>,
) -> impl IntoView {
    let value = shown_value(value);
    let error = RwSignal::new(None::<String>);
    // The number the cell holds as far as this field knows: `value` when it changes (an undo,
    // another field), else what was last accepted here.
    let taken = StoredValue::new(value.get_untracked());
    Effect::new(move |_| taken.set_value(value.get()));
    let testid_of = move |suffix: &str| (!testid.is_empty()).then(|| format!("{testid}-{suffix}"));
    view! {
        <label class="field field-number" class:field-invalid=move || error.with(Option::is_some)>
            <span class="field-label">{label}
                {bounds.map(|b| view! {
                    <span class="field-range muted" data-testid=testid_of("range")>{format!(" ({})", b.range())}</span>
                })}
            </span>
            <input type="number" prop:value=move || value.get().to_string()
                min=bounds.map_or_else(|| "0".to_string(), |b| b.min.to_string())
                max=bounds.filter(|b| b.max.is_finite()).map(|b| b.max.to_string())
                data-testid=(!testid.is_empty()).then_some(testid)
                aria-invalid=move || error.with(Option::is_some).to_string()
                on:change=move |ev| {
                    let typed = event_target_value(&ev).trim().parse::<usize>();
                    match typed {
                        Ok(n) if bounds.is_none_or(|b| b.contains_count(n)) => {
                            error.set(None);
                            taken.set_value(n);
                            commit(&ev, on_change, n);
                        }
                        refused => {
                            if let (Ok(n), Some(b)) = (refused, bounds) {
                                error.set(Some(format!("{} is outside the allowed {}", grouped(n), b.range())));
                            }
                            show_kept(&ev, move || taken.try_get_value().map(|n| n.to_string()));
                        }
                    }
                }/>
            {move || error.get().map(|message| view! {
                <span class="field-error" role="alert" data-testid=testid_of("error")>{message}</span>
            })}
        </label>
    }
}

/// A labelled select of `(value, text)` options.
#[component]
pub fn SelectField(
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select data-testid=(!testid.is_empty()).then_some(testid)
                on:change=move |ev| commit(&ev, on_change, event_target_value(&ev))>
                {options.into_iter().map(|(v, text)| view! {
                    <option value=v selected=move || value.get() == v>{text}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// Picks a dataset among those the cells above `cell_id` produce.
#[component]
pub fn DatasetField(
    label: &'static str,
    cell_id: u64,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let document = expect_context::<Document>();
    let names = move || {
        let mut names = document.names_before(cell_id);
        let current = value.get();
        if !current.is_empty() && !names.contains(&current) {
            names.push(current);
        }
        names
    };
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select data-testid=(!testid.is_empty()).then_some(testid)
                on:change=move |ev| commit(&ev, on_change, event_target_value(&ev))>
                {move || names().into_iter().map(|name| {
                    let selected = name == value.get();
                    view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// A `<datalist>` of the columns of `dataset`, for column fields (id `columns-<cell>`).
#[component]
pub fn ColumnList(cell_id: u64, #[prop(into)] dataset: Signal<String>) -> impl IntoView {
    let document = expect_context::<Document>();
    let columns = move || {
        document.datasets.with(|d| {
            d.get(&dataset.get())
                .map(|t| t.columns.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <datalist id=column_list_id(cell_id)>
            {move || columns().into_iter().map(|c| view! { <option value=c/> }).collect_view()}
        </datalist>
    }
}

pub fn column_list_id(cell_id: u64) -> String {
    format!("columns-{cell_id}")
}

/// `"a, b ,c"` → `["a", "b", "c"]`.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(ToString::to_string)
        .collect()
}

/// A labelled decimal input (a threshold, a significance level); invalid text is ignored.
#[component]
pub fn DecimalField(
    label: &'static str,
    #[prop(into)] value: Signal<f64>,
    on_change: Callback<f64>,
    #[prop(optional)] testid: &'static str,
    /// The input's `step` (the spin buttons' increment).
    #[prop(optional)]
    step: &'static str,
) -> impl IntoView {
    let value = shown_value(value);
    view! {
        <label class="field field-number">
            <span class="field-label">{label}</span>
            <input type="number" step=if step.is_empty() { "any" } else { step }
                prop:value=move || value.get().to_string()
                data-testid=(!testid.is_empty()).then_some(testid)
                on:change=move |ev| {
                    if let Ok(x) = event_target_value(&ev).trim().parse::<f64>()
                        && x.is_finite()
                    {
                        commit(&ev, on_change, x);
                    }
                    show_kept(&ev, move || value.try_get_untracked().map(|v| v.to_string()));
                }/>
        </label>
    }
}

/// A labelled checkbox.
#[component]
pub fn CheckField(
    label: &'static str,
    #[prop(into)] value: Signal<bool>,
    on_change: Callback<bool>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let value = shown_value(value);
    view! {
        <label class="field field-check">
            <input type="checkbox" prop:checked=value
                data-testid=(!testid.is_empty()).then_some(testid)
                on:change=move |ev| commit(&ev, on_change, event_target_checked(&ev))/>
            <span class="field-label">{label}</span>
        </label>
    }
}
