//! A text field whose value is parsed and checked before it reaches the cell: invalid text
//! stays in the field with the reason beside it, and the cell's settings are left as they
//! were. The parsers of the Train cell's numbers are here too.

use leptos::prelude::*;

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
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    view! {
        <label class="field field-checked" class:field-invalid=move || error.with(Option::is_some)>
            <span class="field-label">{label}</span>
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

/// Largest layer a network may have: beyond it the browser runs out of patience first.
pub const MAX_LAYER: usize = 4096;

/// `"32, 64, 128, 256"` → the hidden layer sizes.
pub fn parse_hidden(text: &str) -> Result<Vec<usize>, String> {
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err("Give at least one layer size, e.g. 32, 64, 128, 256.".into());
    }
    parts
        .into_iter()
        .map(|part| match part.parse::<usize>() {
            Ok(n) if (1..=MAX_LAYER).contains(&n) => Ok(n),
            Ok(n) => Err(format!(
                "A layer of {n} units is out of range: sizes go from 1 to {MAX_LAYER}."
            )),
            Err(_) => Err(format!(
                "`{part}` is not a whole number: give layer sizes separated by commas, e.g. 32, 64, 128, 256."
            )),
        })
        .collect()
}

fn whole(text: &str, min: usize) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(format!("Give a whole number of at least {min}.")),
    }
}

/// A count of at least 1 (epochs, batch size, trees, k, min samples per leaf).
pub fn parse_count(text: &str) -> Result<usize, String> {
    whole(text, 1)
}

/// Samples needed to split a node: at least 2, as scikit-learn requires.
pub fn parse_min_split(text: &str) -> Result<usize, String> {
    whole(text, 2)
}

/// An optional count: empty means none (no depth limit, all rows, √ features).
pub fn parse_optional_count(text: &str) -> Result<Option<usize>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    whole(&text.replace([',', '_'], ""), 1).map(Some)
}

/// A tree depth: empty means unlimited.
pub fn parse_depth(text: &str) -> Result<Option<u16>, String> {
    match parse_optional_count(text)? {
        None => Ok(None),
        Some(n) => u16::try_from(n).map(Some).map_err(|_| {
            format!("A depth of {n} is more than any tree reaches: leave it empty for no limit.")
        }),
    }
}

/// A share strictly between 0 and 1 (test and validation parts).
pub fn parse_ratio(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(r) if r > 0.0 && r < 1.0 => Ok(r),
        _ => Err("Give a share between 0 and 1, e.g. 0.2.".into()),
    }
}

/// Adam's learning rate: positive, at most 1.
pub fn parse_learning_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(r) if r > 0.0 && r <= 1.0 => Ok(r),
        _ => Err("Give a learning rate above 0 and at most 1, e.g. 0.001.".into()),
    }
}

/// An L2 penalty: zero or more.
pub fn parse_alpha(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(a) if a >= 0.0 && a.is_finite() => Ok(a),
        _ => Err("Give a penalty of 0 or more, e.g. 0.0001.".into()),
    }
}

pub fn parse_seed(text: &str) -> Result<u64, String> {
    text.parse::<u64>()
        .map_err(|_| "Give the seed as a whole number of 0 or more, e.g. 42.".into())
}
