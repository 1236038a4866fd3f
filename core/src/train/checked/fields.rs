//! The Train editor's fields as text: each parsed and held to the same bounds
//! [`super::TrainSpec::check`] applies, with a sentence saying what to type instead.

use super::{ALPHA, Bounds, COUNT, LAYER_UNITS, LEARNING_RATE, MAX_LAYER, MIN_SPLIT, SHARE};

/// `"32, 64, 128, 256"` → the hidden layer sizes, each within [`LAYER_UNITS`].
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
            Ok(n) if LAYER_UNITS.contains_count(n) => Ok(n),
            Ok(n) => Err(format!(
                "A layer of {n} units is out of range: sizes go from 1 to {MAX_LAYER}."
            )),
            Err(_) => Err(format!(
                "`{part}` is not a whole number: give layer sizes separated by commas, e.g. 32, 64, 128, 256."
            )),
        })
        .collect()
}

fn whole(text: &str, bounds: &Bounds) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if bounds.contains_count(n) => Ok(n),
        _ => Err(format!("Give a whole number of at least {}.", bounds.min)),
    }
}

/// A count of at least 1 (epochs, batch size, trees, k, min samples per leaf).
pub fn parse_count(text: &str) -> Result<usize, String> {
    whole(text, &COUNT)
}

/// Samples needed to split a node: at least 2, as scikit-learn requires.
pub fn parse_min_split(text: &str) -> Result<usize, String> {
    whole(text, &MIN_SPLIT)
}

/// An optional count: empty means none (no depth limit, all rows, √ features).
pub fn parse_optional_count(text: &str) -> Result<Option<usize>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    whole(&text.replace([',', '_'], ""), &COUNT).map(Some)
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
        Ok(r) if SHARE.contains(r) => Ok(r),
        _ => Err("Give a share between 0 and 1, e.g. 0.2.".into()),
    }
}

/// Adam's learning rate: positive, at most 1.
pub fn parse_learning_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(r) if LEARNING_RATE.contains(r) => Ok(r),
        _ => Err("Give a learning rate above 0 and at most 1, e.g. 0.001.".into()),
    }
}

/// An L2 penalty: zero or more.
pub fn parse_alpha(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(a) if ALPHA.contains(a) => Ok(a),
        _ => Err("Give a penalty of 0 or more, e.g. 0.0001.".into()),
    }
}

/// A seed: any whole number of 0 or more.
pub fn parse_seed(text: &str) -> Result<u64, String> {
    text.parse::<u64>()
        .map_err(|_| "Give the seed as a whole number of 0 or more, e.g. 42.".into())
}
