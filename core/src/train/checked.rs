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

mod fields;

pub use fields::{
    parse_alpha, parse_count, parse_depth, parse_hidden, parse_learning_rate, parse_min_split,
    parse_optional_count, parse_ratio, parse_seed,
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
    const fn at_least(min: f64, symbol: &'static str) -> Self {
        Self {
            min,
            min_included: true,
            max: f64::INFINITY,
            max_included: false,
            symbol,
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
/// Trees of a forest: a model keeps their count in 16 bits.
pub const TREES: Bounds = Bounds {
    min: 1.0,
    min_included: true,
    max: 65_535.0,
    max_included: true,
    symbol: "trees",
};
/// A count of at least 1 (epochs, batch size, trees, k, samples per leaf, rows, depth); the
/// range is written with the field's name (`epochs ≥ 1`).
pub const COUNT: Bounds = Bounds::at_least(1.0, "");
/// Samples needed to split a node: at least 2, as scikit-learn requires.
pub const MIN_SPLIT: Bounds = Bounds::at_least(2.0, "");

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

fn optional(field: &'static str, value: Option<usize>) -> Result<(), SpecError> {
    value.map_or(Ok(()), |n| count(field, n, &COUNT))
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
        optional("sample rows", self.max_train_rows)?;
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
            for &units in &p.hidden {
                count("hidden layer size", units, &LAYER_UNITS)?;
            }
            count("batch size", p.batch_size, &COUNT)?;
            number("learning rate", p.learning_rate, &LEARNING_RATE)?;
            count("epochs", p.epochs, &COUNT)?;
            // Adam's constants are not in the editor; a notebook written by hand may set them.
            number("beta1", p.beta1, &BETA)?;
            number("beta2", p.beta2, &BETA)?;
            number("epsilon", p.epsilon, &EPSILON)
        }
        ModelSpec::LogisticRegression(p) => number("L2 penalty (alpha)", p.alpha, &ALPHA),
        ModelSpec::DecisionTree(p) => {
            optional("max depth", p.max_depth.map(usize::from))?;
            count("min samples to split", p.min_samples_split, &MIN_SPLIT)?;
            count("min samples per leaf", p.min_samples_leaf, &COUNT)
        }
        ModelSpec::RandomForest(p) => {
            count("trees", p.n_trees, &TREES)?;
            optional("max depth", p.max_depth.map(usize::from))?;
            count("min samples to split", p.min_samples_split, &MIN_SPLIT)?;
            count("min samples per leaf", p.min_samples_leaf, &COUNT)?;
            optional("features per split", p.max_features)
        }
        ModelSpec::Knn(p) => count("neighbours (k)", p.k, &COUNT),
        ModelSpec::GaussianNb => Ok(()),
    }
}

#[cfg(test)]
#[path = "checked_tests.rs"]
mod tests;
