//! The Train editor's fields as text: each parsed and held to the same bounds
//! [`super::TrainSpec::check`] applies, with a sentence saying what to type instead.

use super::{
    ALPHA, BATCH, Bounds, COUNT, DEPTH, EPOCHS, FEATURES, ITERATIONS, LAYER_UNITS, LEARNING_RATE,
    LEAVES, MAX_HIDDEN_LAYERS, MAX_LAYER, MIN_SPLIT, NEIGHBOURS, SHARE, TREES,
};

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
    if parts.len() > MAX_HIDDEN_LAYERS {
        return Err(format!(
            "{} layers are too many: give at most {MAX_HIDDEN_LAYERS}.",
            parts.len()
        ));
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
        _ => Err(format!("Give a whole number from {}.", bounds.range())),
    }
}

/// A count of rows of at least 1 (min samples per leaf).
pub fn parse_count(text: &str) -> Result<usize, String> {
    whole(text, &COUNT)
}

/// Passes over the training rows, within [`EPOCHS`].
pub fn parse_epochs(text: &str) -> Result<usize, String> {
    whole(text, &EPOCHS)
}

/// Rows per gradient step, within [`BATCH`].
pub fn parse_batch(text: &str) -> Result<usize, String> {
    whole(text, &BATCH)
}

/// Trees of a forest, within [`TREES`].
pub fn parse_trees(text: &str) -> Result<usize, String> {
    whole(text, &TREES)
}

/// Gradient boosting's iterations, within [`ITERATIONS`].
pub fn parse_iterations(text: &str) -> Result<usize, String> {
    whole(text, &ITERATIONS)
}

/// Leaves of a boosting tree, within [`LEAVES`].
pub fn parse_leaves(text: &str) -> Result<usize, String> {
    whole(text, &LEAVES)
}

/// Neighbours of k-nearest neighbours, within [`NEIGHBOURS`].
pub fn parse_neighbours(text: &str) -> Result<usize, String> {
    whole(text, &NEIGHBOURS)
}

/// Features per split of a forest's tree: empty means √ of the features.
pub fn parse_features(text: &str) -> Result<Option<usize>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    whole(text, &FEATURES).map(Some)
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
    if text.is_empty() {
        return Ok(None);
    }
    let n = whole(text, &DEPTH).map_err(|_| {
        format!(
            "Give a depth from {}, or leave it empty for no limit.",
            DEPTH.range()
        )
    })?;
    // DEPTH's largest value fits in 16 bits.
    Ok(u16::try_from(n).ok())
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
