//! A text field whose value is parsed and checked before it reaches the cell: invalid text
//! stays in the field with the reason beside it, and the cell's settings are left as they
//! were. The parsers of the Train cell's numbers are the core's, with the bounds the engine
//! checks again before training (`jukebox_core::train::checked`).

pub use jukebox_core::train::checked::{
    BATCH, COUNT, DEPTH, EPOCHS, FEATURES, ITERATIONS, LEAVES, MAX_HIDDEN_LAYERS, MAX_LAYER,
    MIN_SPLIT, NEIGHBOURS, TREES, parse_alpha, parse_batch, parse_count, parse_depth, parse_epochs,
    parse_features, parse_hidden, parse_iterations, parse_learning_rate, parse_leaves,
    parse_min_split, parse_neighbours, parse_optional_count, parse_ratio, parse_seed, parse_trees,
};
use leptos::prelude::*;

use crate::notebook::widgets::fields::shown_value;

/// A labelled input parsed by `parse`; `on_change` gets the value only when it parses.
/// The error, when there is one, has the test id `<testid>-error`.
#[component]
pub fn CheckedField<T: Send + Sync + 'static>(
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    parse: fn(&str) -> Result<T, String>,
    on_change: Callback<T>,
    testid: &'static str,
    #[prop(optional)] placeholder: &'static str,
    /// The allowed values in words (`1 to 1,000`), shown beside the label.
    #[prop(optional, into)]
    range: Option<String>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let value = shown_value(value);
    view! {
        <label class="field field-checked" class:field-invalid=move || error.with(Option::is_some)>
            <span class="field-label">{label}
                {range.map(|r| view! { <span class="field-range muted" data-testid=format!("{testid}-range")>{format!(" ({r})")}</span> })}
            </span>
            <input type="text" prop:value=value data-testid=testid placeholder=placeholder
                aria-invalid=move || error.with(Option::is_some).to_string()
                on:change=move |ev| match parse(event_target_value(&ev).trim()) {
                    Ok(parsed) => {
                        error.set(None);
                        on_change.try_run(parsed);
                    }
                    Err(message) => error.set(Some(message)),
                }/>
            {move || error.get().map(|message| view! {
                <span class="field-error" role="alert" data-testid=format!("{testid}-error")>{message}</span>
            })}
        </label>
    }
}
