//! A Train cell's settings checked once before training, as linfa's `ParamGuard` does:
//! [`TrainSpec::check`] turns hyper-parameters into a [`CheckedSpec`], the only kind a
//! training starts from. The bounds are the ones the Train editor enforces on each field
//! (the editor parses its text with the `parse_*` functions here), plus those of settings the
//! editor does not show (Adam's constants, a forest's largest tree count), so a notebook
//! written by hand, by an older version or by the CLI meets the same limits; the error names the field
//! and the allowed range. A saved notebook with values out of range still opens: the check
//! happens when its Train cell runs, and the error shows on the cell.

use std::fmt;
use std::ops::Deref;

use super::{ModelSpec, TrainSpec};
use crate::format::grouped;

mod fields;

pub use fields::{
    parse_alpha, parse_batch, parse_count, parse_depth, parse_epochs, parse_features, parse_hidden,
    parse_iterations, parse_learning_rate, parse_leaves, parse_min_split, parse_neighbours,
    parse_optional_count, parse_ratio, parse_seed, parse_trees,
};

/// The allowed values of one setting: a lower and an upper bound, each open or closed (an
/// infinite upper bound: none), and the symbol the range is written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min: f64,
    pub min_included: bool,
    pub max: f64,
    pub max_included: bool,
    /// `rate` in `0 < rate ≤ 1`.
    pub symbol: &'static str,
}

impl Bounds {
    /// `min ≤ symbol`, no upper bound.
    pub(crate) const fn at_least(min: f64, symbol: &'static str) -> Self {
        Self {
            min,
            min_included: true,
            max: f64::INFINITY,
            max_included: false,
            symbol,
        }
    }

    /// `min ≤ symbol ≤ max`, for a count (written with the field's name when `symbol` is
    /// empty).
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    pub(crate) const fn counts(min: usize, max: usize, symbol: &'static str) -> Self {
        Self {
            min: min as f64,
            min_included: true,
            max: max as f64,
            max_included: true,
            symbol,
        }
    }

    /// The largest count allowed (`usize::MAX` without an upper bound).
    pub fn max_count(&self) -> usize {
        if self.max.is_finite() {
            // Bounds of counts are whole numbers far below 2^52.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let max = self.max as usize;
            max
        } else {
            usize::MAX
        }
    }

    /// Whether `value` is allowed (never NaN).
    pub fn contains(&self, value: f64) -> bool {
        let above = if self.min_included {
            value >= self.min
        } else {
            value > self.min
        };
        let below = if self.max_included {
            value <= self.max
        } else {
            value < self.max
        };
        above && below
    }

    /// The allowed counts in words: `1 to 1,000`, `2 or more`.
    pub fn range(&self) -> String {
        // Bounds of counts are whole numbers far below 2^52.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let min = grouped(self.min as usize);
        if self.max.is_finite() {
            format!("{min} to {}", grouped(self.max_count()))
        } else {
            format!("{min} or more")
        }
    }

    /// [`Bounds::contains`] for a count.
    pub fn contains_count(&self, value: usize) -> bool {
        // Counts set in a notebook are far below 2^52; larger ones compare as larger anyway.
        self.contains(value as f64)
    }
}

impl fmt::Display for Bounds {
    /// `0 < rate ≤ 1`, `size ≥ 1`, `alpha ≥ 0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (symbol, min, max) = (self.symbol, self.min, self.max);
        if max.is_infinite() {
            let op = if self.min_included { "≥" } else { ">" };
            write!(f, "{symbol} {op} {min}")
        } else {
            let low = if self.min_included { "≤" } else { "<" };
            let high = if self.max_included { "≤" } else { "<" };
            write!(f, "{min} {low} {symbol} {high} {max}")
        }
    }
}

/// Largest layer a network may have: beyond it the browser runs out of patience first.
pub const MAX_LAYER: usize = 4096;

/// Most hidden layers a network may have (the course's has four).
pub const MAX_HIDDEN_LAYERS: usize = 8;

/// Most rows a count of rows may ask for (a sample, `head`, top-N): ten times the course's
/// 1.15 million chart rows.
pub const MAX_ROWS: usize = 10_000_000;

/// Adam's learning rate: positive, at most 1.
pub const LEARNING_RATE: Bounds = Bounds {
    min: 0.0,
    min_included: false,
    max: 1.0,
    max_included: true,
    symbol: "rate",
};
/// The test and validation shares: strictly between 0 and 1.
pub const SHARE: Bounds = Bounds {
    min: 0.0,
    min_included: false,
    max: 1.0,
    max_included: false,
    symbol: "share",
};
/// Units of one hidden layer.
pub const LAYER_UNITS: Bounds = Bounds {
    min: 1.0,
    min_included: true,
    max: MAX_LAYER as f64,
    max_included: true,
    symbol: "units",
};
/// An L2 penalty: zero or more, finite.
pub const ALPHA: Bounds = Bounds::at_least(0.0, "alpha");
/// Adam's decay rates: from 0, below 1.
pub const BETA: Bounds = Bounds {
    min: 0.0,
    min_included: true,
    max: 1.0,
    max_included: false,
    symbol: "beta",
};
/// Adam's epsilon: positive, finite.
pub const EPSILON: Bounds = Bounds {
    min: 0.0,
    min_included: false,
    max: f64::INFINITY,
    max_included: false,
    symbol: "epsilon",
};
/// Trees of a forest (scikit-learn's default is 100; a thousand already takes minutes).
pub const TREES: Bounds = Bounds::counts(1, 1_000, "trees");
/// Passes over the training rows.
pub const EPOCHS: Bounds = Bounds::counts(1, 1_000, "");
/// Rows of one gradient step.
pub const BATCH: Bounds = Bounds::counts(1, 65_536, "");
/// A tree's depth (a balanced tree of depth 64 would have more leaves than any table rows).
pub const DEPTH: Bounds = Bounds::counts(1, 64, "");
/// Neighbours of k-nearest neighbours.
pub const NEIGHBOURS: Bounds = Bounds::counts(1, 1_000, "");
/// Features tried per split of a forest's tree.
pub const FEATURES: Bounds = Bounds::counts(1, 1_000, "");
/// A count of rows of at least 1 (samples per leaf, sampled training rows).
pub const COUNT: Bounds = Bounds::counts(1, MAX_ROWS, "");
/// Samples needed to split a node: at least 2, as scikit-learn requires.
pub const MIN_SPLIT: Bounds = Bounds::counts(2, MAX_ROWS, "");
/// Gradient boosting's iterations (each a tree per class).
pub const ITERATIONS: Bounds = Bounds::counts(1, 10_000, "");
/// Leaves of a boosting tree: a split needs two.
pub const LEAVES: Bounds = Bounds::counts(2, 65_536, "");
/// Bins per feature: codes are bytes.
pub const BINS: Bounds = Bounds::counts(2, 255, "");
/// Iterations early stopping waits for an improvement.
pub const PATIENCE: Bounds = Bounds::counts(1, 1_000, "");
/// Early stopping's tolerance: zero or more, finite.
pub const TOLERANCE: Bounds = Bounds::at_least(0.0, "tol");

/// A setting of a Train cell that training cannot start from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    #[error("Train cell: {field} {value} is outside {allowed}")]
    OutOfRange {
        /// The field as the Train editor labels it (`learning rate`, `test share`).
        field: &'static str,
        value: String,
        /// The allowed range, e.g. `0 < rate ≤ 1`.
        allowed: String,
    },
    #[error(
        "Train cell: the network has no hidden layers; give at least one layer size, e.g. 32, 64, 128, 256"
    )]
    NoLayers,
    #[error(
        "Train cell: the network has {layers} hidden layers; at most {MAX_HIDDEN_LAYERS} are allowed"
    )]
    TooManyLayers { layers: usize },
}

fn out_of_range(field: &'static str, value: impl fmt::Display, bounds: &Bounds) -> SpecError {
    let symbol = if bounds.symbol.is_empty() {
        field
    } else {
        bounds.symbol
    };
    SpecError::OutOfRange {
        field,
        value: value.to_string(),
        allowed: Bounds { symbol, ..*bounds }.to_string(),
    }
}

fn number(field: &'static str, value: f64, bounds: &Bounds) -> Result<(), SpecError> {
    if bounds.contains(value) {
        Ok(())
    } else {
        Err(out_of_range(field, value, bounds))
    }
}

fn count(field: &'static str, value: usize, bounds: &Bounds) -> Result<(), SpecError> {
    if bounds.contains_count(value) {
        Ok(())
    } else {
        Err(out_of_range(field, value, bounds))
    }
}

fn optional(field: &'static str, value: Option<usize>, bounds: &Bounds) -> Result<(), SpecError> {
    value.map_or(Ok(()), |n| count(field, n, bounds))
}

/// Settings whose every value is within the Train editor's bounds; made only by
/// [`TrainSpec::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedSpec(TrainSpec);

impl CheckedSpec {
    pub fn into_inner(self) -> TrainSpec {
        self.0
    }
}

impl Deref for CheckedSpec {
    type Target = TrainSpec;

    fn deref(&self) -> &TrainSpec {
        &self.0
    }
}

impl TrainSpec {
    /// The settings, checked against the Train editor's bounds: the first value out of
    /// range is the error, naming its field and the allowed range.
    pub fn check(&self) -> Result<CheckedSpec, SpecError> {
        number("test share", self.split.test_ratio, &SHARE)?;
        number("validation share", self.split.validation_ratio, &SHARE)?;
        optional("sample rows", self.max_train_rows, &COUNT)?;
        check_model(&self.model)?;
        Ok(CheckedSpec(self.clone()))
    }
}

fn check_model(model: &ModelSpec) -> Result<(), SpecError> {
    match model {
        ModelSpec::Network(p) => {
            if p.hidden.is_empty() {
                return Err(SpecError::NoLayers);
            }
            if p.hidden.len() > MAX_HIDDEN_LAYERS {
                return Err(SpecError::TooManyLayers {
                    layers: p.hidden.len(),
                });
            }
            for &units in &p.hidden {
                count("hidden layer size", units, &LAYER_UNITS)?;
            }
            count("batch size", p.batch_size, &BATCH)?;
            number("learning rate", p.learning_rate, &LEARNING_RATE)?;
            count("epochs", p.epochs, &EPOCHS)?;
            // Adam's constants are not in the editor; a notebook written by hand may set them.
            number("beta1", p.beta1, &BETA)?;
            number("beta2", p.beta2, &BETA)?;
            number("epsilon", p.epsilon, &EPSILON)
        }
        ModelSpec::LogisticRegression(p) => number("L2 penalty (alpha)", p.alpha, &ALPHA),
        ModelSpec::DecisionTree(p) => {
            optional("max depth", p.max_depth.map(usize::from), &DEPTH)?;
            count("min samples to split", p.min_samples_split, &MIN_SPLIT)?;
            count("min samples per leaf", p.min_samples_leaf, &COUNT)
        }
        ModelSpec::RandomForest(p) => {
            count("trees", p.n_trees, &TREES)?;
            optional("max depth", p.max_depth.map(usize::from), &DEPTH)?;
            count("min samples to split", p.min_samples_split, &MIN_SPLIT)?;
            count("min samples per leaf", p.min_samples_leaf, &COUNT)?;
            optional("features per split", p.max_features, &FEATURES)
        }
        ModelSpec::HistGradientBoosting(p) => {
            number("learning rate", p.learning_rate, &LEARNING_RATE)?;
            count("iterations", p.max_iter, &ITERATIONS)?;
            count("leaves per tree", p.max_leaf_nodes, &LEAVES)?;
            optional("max depth", p.max_depth.map(usize::from), &DEPTH)?;
            count("min samples per leaf", p.min_samples_leaf, &COUNT)?;
            number("L2 regularization", p.l2_regularization, &ALPHA)?;
            count("bins per feature", p.max_bins, &BINS)?;
            count(
                "iterations without improvement",
                p.n_iter_no_change,
                &PATIENCE,
            )?;
            number("tolerance", p.tol, &TOLERANCE)
        }
        ModelSpec::Knn(p) => count("neighbours (k)", p.k, &NEIGHBOURS),
        ModelSpec::GaussianNb => Ok(()),
    }
}

#[cfg(test)]
#[path = "checked_tests.rs"]
mod tests;
