//! Counterfactuals: the smallest change to a song (L1 distance in the model's scaled units,
//! so a feature's whole training range counts about as much as another's) that makes a
//! class the top one, or lifts its probability to a threshold — within the training ranges,
//! with whole-number features (`key`, `mode`, `is_explicit`) kept whole in raw units.
//!
//! The search ([`super::counterfactual_search`]) is a seeded local search under a budget of
//! model rows, so it can miss a change that exists; "none found within N steps" says so.

use serde::{Deserialize, Serialize};

use super::classifier::check_class;
use super::counterfactual_search::{Search, same};
use super::counterfactual_shrink::shrink;
use super::{Classifier, ExplainError};
use crate::random::rng_from_seed;
use crate::train::scaler::Scaler;

/// What the change must achieve for class `class`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub class: usize,
    pub target: Target,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// The class is the most likely one (the first on ties, as predictions are).
    TopClass,
    /// P(class) ≥ `probability`.
    AtLeast { probability: f64 },
}

/// What each feature may become, in raw units, in the model's feature order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureConstraints {
    /// Features whose raw values must stay whole numbers.
    pub integer: Vec<bool>,
    /// The training range: a changed feature lands inside it.
    pub min: Vec<f64>,
    pub max: Vec<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterfactualOptions {
    /// Most model rows the search may score.
    pub max_steps: usize,
    /// Searches started from random points near the song after the one from the song.
    pub restarts: usize,
    pub seed: u64,
}

impl Default for CounterfactualOptions {
    fn default() -> Self {
        Self {
            max_steps: 4000,
            restarts: 4,
            seed: 42,
        }
    }
}

/// The answer: the song as it is and, when one was found, the change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterfactual {
    pub goal: Goal,
    /// Raw feature values as given.
    pub before: Vec<f64>,
    pub probability_before: f64,
    /// `None`: no change reaching the goal was found within `max_steps`.
    pub change: Option<Change>,
    /// The highest P(class) any scored row reached (how close it got when none was found).
    pub closest_probability: f64,
    /// Model rows scored.
    pub steps: usize,
    pub max_steps: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Raw feature values after the change.
    pub after: Vec<f64>,
    pub probability_after: f64,
    /// L1 distance from `before` in scaled units.
    pub distance: f64,
    /// Features whose value changed.
    pub changed: Vec<usize>,
}

/// The smallest change found to `x_raw` (raw feature values; `scaler` turns them into the
/// model's inputs) that reaches `goal`. Deterministic for `options.seed`.
pub fn counterfactual(
    model: &dyn Classifier,
    x_raw: &[f64],
    scaler: &Scaler,
    goal: Goal,
    constraints: &FeatureConstraints,
    options: &CounterfactualOptions,
) -> Result<Counterfactual, ExplainError> {
    check_request(model, x_raw, scaler, goal, constraints, options)?;
    let mut search = Search::new(model, scaler, goal, constraints, x_raw, options.max_steps);
    let before = search.score_one(x_raw.to_vec())?;
    let probability_before = before.as_ref().map_or(0.0, |s| s.probability);
    let mut best = before.filter(|s| s.reached);
    let mut rng = rng_from_seed(options.seed);
    // A song that already reaches the goal needs no change (distance 0).
    let attempts = if best.is_some() {
        0
    } else {
        options.restarts + 1
    };
    for attempt in 0..attempts {
        if search.exhausted() {
            break;
        }
        let start = if attempt == 0 {
            x_raw.to_vec()
        } else {
            search.random_start(&mut rng)
        };
        if let Some(found) = search.climb(start)? {
            let shrunk = shrink(&mut search, found)?;
            let distance = search.distance(&shrunk.point);
            if best
                .as_ref()
                .is_none_or(|b| distance < search.distance(&b.point))
            {
                best = Some(shrunk);
            }
        }
    }
    let change = best.map(|found| Change {
        distance: search.distance(&found.point),
        changed: (0..x_raw.len())
            .filter(|&j| !same(found.point[j], x_raw[j]))
            .collect(),
        probability_after: found.probability,
        after: found.point,
    });
    Ok(Counterfactual {
        goal,
        before: x_raw.to_vec(),
        probability_before,
        change,
        closest_probability: search.closest,
        steps: search.steps,
        max_steps: options.max_steps,
    })
}

fn check_request(
    model: &dyn Classifier,
    x_raw: &[f64],
    scaler: &Scaler,
    goal: Goal,
    constraints: &FeatureConstraints,
    options: &CounterfactualOptions,
) -> Result<(), ExplainError> {
    check_class(model, goal.class)?;
    let n = model.n_features();
    for (what, found) in [
        ("the song", x_raw.len()),
        ("the scaler", scaler.offset.len().min(scaler.factor.len())),
        ("the integer flags", constraints.integer.len()),
        ("the minimums", constraints.min.len()),
        ("the maximums", constraints.max.len()),
    ] {
        super::classifier::check_width(model, found, what)?;
    }
    if let Some(j) = x_raw.iter().position(|v| !v.is_finite()) {
        return Err(ExplainError::NotFinite {
            what: "the song",
            feature: model.feature_name(j),
            value: x_raw[j],
        });
    }
    for j in 0..n {
        let (lo, hi) = (constraints.min[j], constraints.max[j]);
        let bad = |what: String| ExplainError::BadConstraint {
            feature: model.feature_name(j),
            what,
        };
        if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
            return Err(bad(format!(
                "it goes from {lo} to {hi}: give a finite minimum no larger than the maximum"
            )));
        }
        if constraints.integer[j] && lo.ceil() > hi.floor() {
            return Err(bad(format!(
                "it is a whole-number feature but {lo} to {hi} holds no whole number"
            )));
        }
    }
    if let Target::AtLeast { probability } = goal.target
        && !(probability > 0.0 && probability <= 1.0)
    {
        return Err(ExplainError::BadSetting {
            setting: "the probability to reach",
            value: probability.to_string(),
            expected: "give a probability above 0 and at most 1",
        });
    }
    if options.max_steps == 0 {
        return Err(ExplainError::BadSetting {
            setting: "the step budget",
            value: "0".into(),
            expected: "allow at least one model evaluation",
        });
    }
    Ok(())
}
