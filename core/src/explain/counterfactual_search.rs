//! The counterfactual search: greedy coordinate moves toward the goal (each round scores
//! every feature one step up and down in a single batch and takes the best gain per unit of
//! distance; steps double on a plateau, as trees and k-NN have flat regions), restarted from
//! random points (the shrinking pass that follows is `counterfactual_shrink`). Every scored row counts against the step budget.

use rand::Rng;

use super::classifier::{checked_proba, top_class};
use super::counterfactual::{FeatureConstraints, Goal, Target};
use super::{Classifier, ExplainError};
use crate::train::Matrix;
use crate::train::scaler::Scaler;

/// A first step is this share of the feature's training range.
const FIRST_STEP: f64 = 0.05;

/// A scored point (raw values).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    pub point: Vec<f64>,
    pub probability: f64,
    /// How far past the goal (negative: short of it).
    pub margin: f64,
    pub reached: bool,
}

pub(crate) struct Search<'a> {
    model: &'a dyn Classifier,
    scaler: &'a Scaler,
    goal: Goal,
    limits: &'a FeatureConstraints,
    pub(crate) original: &'a [f64],
    pub steps: usize,
    max_steps: usize,
    /// The highest P(class) scored so far.
    pub closest: f64,
}

impl<'a> Search<'a> {
    pub(crate) fn new(
        model: &'a dyn Classifier,
        scaler: &'a Scaler,
        goal: Goal,
        limits: &'a FeatureConstraints,
        original: &'a [f64],
        max_steps: usize,
    ) -> Self {
        Self {
            model,
            scaler,
            goal,
            limits,
            original,
            steps: 0,
            max_steps,
            closest: 0.0,
        }
    }

    pub(crate) fn exhausted(&self) -> bool {
        self.steps >= self.max_steps
    }

    /// L1 distance from the song in scaled units.
    pub(crate) fn distance(&self, point: &[f64]) -> f64 {
        (0..point.len())
            .map(|j| self.moved(j, point[j], self.original[j]))
            .sum()
    }

    /// |a − b| of feature `j` in scaled units.
    pub(crate) fn moved(&self, j: usize, a: f64, b: f64) -> f64 {
        (a - b).abs() * self.scaler.factor[j].abs()
    }

    /// Scores as many of `points` as the budget still allows, in order.
    pub(crate) fn score(&mut self, mut points: Vec<Vec<f64>>) -> Result<Vec<Scored>, ExplainError> {
        points.truncate(self.max_steps.saturating_sub(self.steps));
        if points.is_empty() {
            return Ok(Vec::new());
        }
        let n_features = self.original.len();
        let mut data = Vec::with_capacity(points.len() * n_features);
        for point in &points {
            data.extend(self.scaler.transform_row(point));
        }
        let x = Matrix {
            n_rows: points.len(),
            n_cols: n_features,
            data,
        };
        let proba = checked_proba(self.model, &x)?;
        self.steps += points.len();
        let scored: Vec<Scored> = points
            .into_iter()
            .zip(proba.data.chunks_exact(proba.n_cols.max(1)))
            .map(|(point, row)| self.judge(point, row))
            .collect();
        for s in &scored {
            self.closest = self.closest.max(s.probability);
        }
        Ok(scored)
    }

    pub(crate) fn score_one(&mut self, point: Vec<f64>) -> Result<Option<Scored>, ExplainError> {
        Ok(self.score(vec![point])?.pop())
    }

    fn judge(&self, point: Vec<f64>, row: &[f32]) -> Scored {
        let class = self.goal.class;
        let probability = f64::from(row[class]);
        let (margin, reached) = match self.goal.target {
            Target::TopClass => {
                let rival = row
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != class)
                    .map(|(_, &p)| f64::from(p))
                    .fold(f64::NEG_INFINITY, f64::max);
                let rival = if rival.is_finite() { rival } else { 0.0 };
                (probability - rival, top_class(row) == class)
            }
            Target::AtLeast {
                probability: target,
            } => (probability - target, probability >= target),
        };
        Scored {
            point,
            probability,
            margin,
            reached,
        }
    }

    /// Keeps feature `j`'s value inside its range, whole when it must be.
    pub(crate) fn fit(&self, j: usize, value: f64) -> f64 {
        let (lo, hi) = (self.limits.min[j], self.limits.max[j]);
        if self.limits.integer[j] {
            value.round().clamp(lo.ceil(), hi.floor())
        } else {
            value.clamp(lo, hi)
        }
    }

    /// A start near the song: each feature, with even odds, set to a random value in range.
    pub(crate) fn random_start(&self, rng: &mut impl Rng) -> Vec<f64> {
        let mut point = self.original.to_vec();
        for (j, value) in point.iter_mut().enumerate() {
            if rng.random::<bool>() {
                let (lo, hi) = (self.limits.min[j], self.limits.max[j]);
                *value = self.fit(j, lo + rng.random::<f64>() * (hi - lo));
            }
        }
        point
    }

    /// Greedy coordinate moves from `start` until the goal holds (`Some`), no move helps
    /// even with steps as wide as the ranges, or the budget runs out (`None`).
    pub(crate) fn climb(&mut self, start: Vec<f64>) -> Result<Option<Scored>, ExplainError> {
        let Some(mut current) = self.score_one(start)? else {
            return Ok(None);
        };
        let ranges: Vec<f64> = (0..self.original.len())
            .map(|j| self.limits.max[j] - self.limits.min[j])
            .collect();
        let mut steps: Vec<f64> = (0..ranges.len())
            .map(|j| self.first_step(j, ranges[j]))
            .collect();
        while !current.reached {
            let candidates = self.neighbours(&current.point, &steps);
            if candidates.is_empty() {
                return Ok(None);
            }
            let scored = self.score(candidates)?;
            if scored.is_empty() {
                return Ok(None);
            }
            if let Some(hit) = self.nearest_reached(scored.iter()) {
                return Ok(Some(hit.clone()));
            }
            match self.best_move(&current, scored) {
                Some(next) => current = next,
                None if steps.iter().zip(&ranges).all(|(s, r)| s >= r) => return Ok(None),
                None => {
                    for (s, r) in steps.iter_mut().zip(&ranges) {
                        *s = (*s * 2.0).min(*r);
                    }
                }
            }
        }
        Ok(Some(current))
    }

    fn first_step(&self, j: usize, range: f64) -> f64 {
        if self.limits.integer[j] {
            (range * FIRST_STEP).round().max(1.0).min(range)
        } else {
            range * FIRST_STEP
        }
    }

    /// `point` with one feature moved one step up or down, for every feature that can move.
    fn neighbours(&self, point: &[f64], steps: &[f64]) -> Vec<Vec<f64>> {
        let mut out = Vec::with_capacity(2 * point.len());
        for (j, &step) in steps.iter().enumerate() {
            for direction in [-1.0, 1.0] {
                let value = self.fit(j, point[j] + direction * step);
                if !same(value, point[j]) {
                    let mut next = point.to_vec();
                    next[j] = value;
                    out.push(next);
                }
            }
        }
        out
    }

    /// Among `scored` (each one feature away from `current`), the largest gain in margin
    /// per unit of movement; `None` when nothing gains.
    fn best_move(&self, current: &Scored, scored: Vec<Scored>) -> Option<Scored> {
        let rate = |s: &Scored| {
            let j = (0..s.point.len()).find(|&j| !same(s.point[j], current.point[j]))?;
            let moved = self
                .moved(j, s.point[j], current.point[j])
                .max(f64::MIN_POSITIVE);
            let gain = s.margin - current.margin;
            (gain > 0.0).then_some(gain / moved)
        };
        scored
            .into_iter()
            .filter_map(|s| rate(&s).map(|r| (r, s)))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, s)| s)
    }

    fn nearest_reached<'s>(&self, scored: impl Iterator<Item = &'s Scored>) -> Option<&'s Scored> {
        scored
            .filter(|s| s.reached)
            .min_by(|a, b| self.distance(&a.point).total_cmp(&self.distance(&b.point)))
    }
}

/// Whether a value is unchanged: exact on purpose, as values the search did not move keep
/// their bits (a tolerance would hide small real moves from the distance and `changed`).
#[allow(clippy::float_cmp)]
pub(crate) fn same(a: f64, b: f64) -> bool {
    a == b
}
