//! The counterfactual search: what it finds really reaches the goal, within the ranges and
//! whole where it must be; near the optimum where the optimum is known; none when no change
//! can work.

// The search's values are compared exactly: unmoved values keep their bits, whole numbers
// are whole, and probabilities are the model's own f32 values.
#![allow(clippy::float_cmp)]

use super::fixture::{Mlp, matrix, reference};
use crate::explain::classifier::top_class;
use crate::explain::counterfactual_search::Search;
use crate::explain::counterfactual_shrink::shrink;
use crate::explain::{
    Classifier, Counterfactual, CounterfactualOptions, ExplainError, FeatureConstraints, Goal,
    Target, counterfactual,
};
use crate::train::ScalerKind;
use crate::train::scaler::Scaler;

const INTEGER: [usize; 3] = [0, 4, 6];

/// Course-like raw ranges: flags 0–1, key 0–11, the rest [j, 3 + 4j], min-max scaled.
fn ranges() -> (Scaler, FeatureConstraints) {
    let (mut min, mut max) = (Vec::new(), Vec::new());
    for j in 0..13 {
        let (lo, hi) = match j {
            0 | 6 => (0.0, 1.0),
            4 => (0.0, 11.0),
            _ => (f64::from(j), 3.0 + 4.0 * f64::from(j)),
        };
        min.push(lo);
        max.push(hi);
    }
    let scaler = Scaler {
        kind: ScalerKind::MinMax,
        offset: min.clone(),
        factor: min
            .iter()
            .zip(&max)
            .map(|(lo, hi)| 1.0 / (hi - lo))
            .collect(),
    };
    let integer = (0..13).map(|j| INTEGER.contains(&j)).collect();
    (scaler, FeatureConstraints { integer, min, max })
}

/// A fixture row in raw units.
fn raw_row(i: usize, scaler: &Scaler) -> Vec<f64> {
    let rows = matrix(&reference()["exact"]["rows"]);
    (0..13)
        .map(|j| {
            let raw = f64::from(rows.row(i)[j]) / scaler.factor[j] + scaler.offset[j];
            if INTEGER.contains(&j) {
                raw.round()
            } else {
                raw
            }
        })
        .collect()
}

fn proba(model: &dyn Classifier, scaler: &Scaler, raw: &[f64]) -> Vec<f32> {
    let x = crate::train::Matrix::from_vec(1, 13, scaler.transform_row(raw)).unwrap();
    model.predict_proba(&x).unwrap().data
}

/// Checks every promise of a found change.
fn check_found(
    model: &dyn Classifier,
    scaler: &Scaler,
    limits: &FeatureConstraints,
    found: &Counterfactual,
) {
    let change = found.change.as_ref().expect("a change");
    let p = proba(model, scaler, &change.after);
    let class = found.goal.class;
    match found.goal.target {
        Target::TopClass => assert_eq!(top_class(&p), class),
        Target::AtLeast { probability } => assert!(f64::from(p[class]) >= probability),
    }
    assert_eq!(change.probability_after, f64::from(p[class]));
    let mut distance = 0.0;
    for j in 0..13 {
        let (before, after) = (found.before[j], change.after[j]);
        if before != after {
            assert!(change.changed.contains(&j));
            assert!(
                after >= limits.min[j] && after <= limits.max[j],
                "feature {j}: {after}"
            );
        }
        if limits.integer[j] {
            assert_eq!(after.fract(), 0.0, "feature {j}: {after}");
        }
        distance += (after - before).abs() * scaler.factor[j];
    }
    assert!((change.distance - distance).abs() < 1e-12);
    assert!(found.steps <= found.max_steps);
}

/// A two-class linear softmax: `logit(1) − logit(0) = Σ w_j s_j + bias` over scaled `s`.
fn linear(w: &[f64], bias: f64) -> Mlp {
    let weights = w.iter().map(|&wj| vec![0.0, wj]).collect();
    Mlp {
        layers: vec![(weights, vec![0.0, bias])],
    }
}

/// The linear model's weights, and the bias that puts `raw` 0.6 short of class 1.
fn linear_short_of_class_one(raw: &[f64], scaler: &Scaler) -> Mlp {
    let w = [
        0.2, -0.5, 1.0, 0.3, 0.4, -0.8, 0.1, 4.0, -0.6, 0.7, 0.2, -0.3, 0.9,
    ];
    let s = scaler.transform_row(raw);
    let at: f64 = w.iter().zip(&s).map(|(w, s)| w * f64::from(*s)).sum();
    linear(&w, -0.6 - at)
}

fn middle(limits: &FeatureConstraints) -> Vec<f64> {
    (0..13)
        .map(|j| match j {
            0 => 0.0,
            4 => 5.0,
            6 => 1.0,
            _ => f64::midpoint(limits.min[j], limits.max[j]),
        })
        .collect()
}

#[test]
fn finds_a_change_that_makes_a_class_the_top_one() {
    let (scaler, limits) = ranges();
    let model = Mlp::reference();
    let raw = raw_row(3, &scaler);
    let p = proba(&model, &scaler, &raw);
    let top = top_class(&p);
    for class in (0..4).filter(|&c| c != top) {
        let goal = Goal {
            class,
            target: Target::TopClass,
        };
        let found = counterfactual(
            &model,
            &raw,
            &scaler,
            goal,
            &limits,
            &CounterfactualOptions::default(),
        )
        .unwrap();
        assert_eq!(found.probability_before, f64::from(p[class]));
        check_found(&model, &scaler, &limits, &found);
    }
}

#[test]
fn lifts_a_probability_to_the_threshold() {
    let (scaler, limits) = ranges();
    let model = Mlp::reference();
    let raw = raw_row(2, &scaler);
    let p = f64::from(proba(&model, &scaler, &raw)[1]);
    let goal = Goal {
        class: 1,
        target: Target::AtLeast {
            probability: (p + 0.2).min(1.0),
        },
    };
    let found = counterfactual(
        &model,
        &raw,
        &scaler,
        goal,
        &limits,
        &CounterfactualOptions::default(),
    )
    .unwrap();
    check_found(&model, &scaler, &limits, &found);
    assert!(found.closest_probability >= p + 0.2);
}

#[test]
fn the_search_is_deterministic_for_a_seed() {
    let (scaler, limits) = ranges();
    let raw = raw_row(1, &scaler);
    let goal = Goal {
        class: 0,
        target: Target::AtLeast { probability: 0.9 },
    };
    let options = CounterfactualOptions {
        max_steps: 1500,
        restarts: 3,
        seed: 9,
    };
    let run = || counterfactual(&Mlp::reference(), &raw, &scaler, goal, &limits, &options).unwrap();
    assert_eq!(run(), run());
}

#[test]
fn comes_within_one_percent_of_the_known_smallest_change() {
    // Only feature 7 (weight 4 per scaled unit) is worth moving: the optimum is 0.6 / 4 = 0.15.
    let (scaler, limits) = ranges();
    let raw = middle(&limits);
    let model = linear_short_of_class_one(&raw, &scaler);
    let goal = Goal {
        class: 1,
        target: Target::TopClass,
    };
    let found = counterfactual(
        &model,
        &raw,
        &scaler,
        goal,
        &limits,
        &CounterfactualOptions::default(),
    )
    .unwrap();
    check_found(&model, &scaler, &limits, &found);
    let distance = found.change.as_ref().unwrap().distance;
    assert!(
        (0.15 - 1e-6..=0.15 * 1.01).contains(&distance),
        "distance {distance}: {found:?}"
    );
}

#[test]
fn whole_number_features_move_in_whole_steps() {
    // Only the key matters: +1 logit per scaled unit, 0.3 short → at least 3.3 keys up.
    let (scaler, limits) = ranges();
    let raw = middle(&limits);
    let mut w = [0.0; 13];
    w[4] = 1.0;
    let model = linear(&w, -0.3 - 5.0 / 11.0);
    let goal = Goal {
        class: 1,
        target: Target::TopClass,
    };
    let found = counterfactual(
        &model,
        &raw,
        &scaler,
        goal,
        &limits,
        &CounterfactualOptions::default(),
    )
    .unwrap();
    check_found(&model, &scaler, &limits, &found);
    let change = found.change.unwrap();
    assert_eq!(change.after[4], 9.0);
    assert_eq!(change.changed, vec![4]);
}

#[test]
fn shrinking_only_moves_features_back_toward_the_song() {
    let (scaler, limits) = ranges();
    let raw = middle(&limits);
    let model = linear_short_of_class_one(&raw, &scaler);
    let goal = Goal {
        class: 1,
        target: Target::TopClass,
    };
    let mut far = raw.clone();
    for j in [2, 7, 9] {
        far[j] = limits.max[j];
    }
    far[4] = 11.0;
    let mut search = Search::new(&model, &scaler, goal, &limits, &raw, 10_000);
    let start = search.score_one(far.clone()).unwrap().unwrap();
    assert!(start.reached);
    let shrunk = shrink(&mut search, start).unwrap();
    assert!(shrunk.reached);
    assert!(search.distance(&shrunk.point) < search.distance(&far));
    for j in 0..13 {
        let (home, from, to) = (raw[j], far[j], shrunk.point[j]);
        assert!(
            (to - home).abs() <= (from - home).abs(),
            "feature {j} moved away"
        );
    }
    // The needless changes are undone entirely.
    for j in [2, 4, 9] {
        assert_eq!(shrunk.point[j], raw[j], "feature {j}");
    }
}

#[test]
fn none_is_found_when_the_class_can_never_win() {
    let (scaler, limits) = ranges();
    let weights = vec![vec![0.3, -0.2, 0.0]; 13];
    let model = Mlp {
        layers: vec![(weights, vec![0.0, 0.0, -60.0])],
    };
    let goal = Goal {
        class: 2,
        target: Target::TopClass,
    };
    let options = CounterfactualOptions {
        max_steps: 800,
        ..CounterfactualOptions::default()
    };
    let found = counterfactual(&model, &middle(&limits), &scaler, goal, &limits, &options).unwrap();
    assert_eq!(found.change, None);
    assert!(found.closest_probability < 1e-20);
    assert!(found.steps <= 800);
}

#[test]
fn a_song_already_reaching_the_goal_needs_no_change() {
    let (scaler, limits) = ranges();
    let model = Mlp::reference();
    let raw = raw_row(0, &scaler);
    let class = top_class(&proba(&model, &scaler, &raw));
    let goal = Goal {
        class,
        target: Target::TopClass,
    };
    let found = counterfactual(
        &model,
        &raw,
        &scaler,
        goal,
        &limits,
        &CounterfactualOptions::default(),
    )
    .unwrap();
    let change = found.change.unwrap();
    assert_eq!(
        (change.distance, change.changed.len(), found.steps),
        (0.0, 0, 1)
    );
    assert_eq!(change.after, raw);
}

#[test]
fn rejects_ranges_it_cannot_keep() {
    let (scaler, mut limits) = ranges();
    let model = Mlp::reference();
    let raw = raw_row(0, &scaler);
    let goal = Goal {
        class: 1,
        target: Target::TopClass,
    };
    let options = CounterfactualOptions::default();
    limits.min[4] = 3.2;
    limits.max[4] = 3.8;
    let err = counterfactual(&model, &raw, &scaler, goal, &limits, &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the allowed range of `feature 5` is wrong: it is a whole-number feature but 3.2 to 3.8 holds no whole number"
    );
    limits.min[4] = 12.0;
    let err = counterfactual(&model, &raw, &scaler, goal, &limits, &options).unwrap_err();
    assert!(matches!(err, ExplainError::BadConstraint { .. }));
    let (_, limits) = ranges();
    let bad_goal = Goal {
        class: 1,
        target: Target::AtLeast { probability: 1.5 },
    };
    let err = counterfactual(&model, &raw, &scaler, bad_goal, &limits, &options).unwrap_err();
    assert!(matches!(err, ExplainError::BadSetting { .. }));
}
