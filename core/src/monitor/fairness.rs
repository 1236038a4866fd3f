//! Fairness of a model's predictions across a protected group, as `TrustyAI` measures it:
//! statistical parity difference (SPD) and disparate impact ratio (DIR) of a favourable
//! outcome between the rows of a privileged group and the others.
//!
//! Direction, as in `TrustyAI`'s `GroupStatisticalParityDifference` and
//! `DisparateImpactRatio` (explainability-core, `metrics/fairness/group`): both compare the
//! **unprivileged** group with the privileged one — SPD = P(fav | unprivileged) −
//! P(fav | privileged), DIR = P(fav | unprivileged) / P(fav | privileged) — so a negative SPD
//! or a DIR under 1 means the unprivileged rows get the outcome less often.
//!
//! The protected attribute comes as one flag per row (`true` = privileged): the caller maps a
//! column (`is_explicit`, or any boolean or categorical one and a chosen privileged value).

mod bounds;
mod error;
mod report;

pub use bounds::FairnessBounds;
pub use error::FairnessError;
pub use report::{ClassFairness, FairnessReport, FairnessWarning, Group, GroupRate};

use serde::{Deserialize, Serialize};

use crate::train::Matrix;

/// Why the favourable outcome is "the top prediction is class c" or "P(c) ≥ t", shown next
/// to the choice.
pub const FAVOURABLE_HELP: &str = "A favourable outcome is a prediction the model makes for a \
row: either its top prediction is the class (the most probable one, the first on ties), or it \
gives the class a probability of at least the threshold. Comparing a probability for equality \
(`prediction == 0.5`, as in the course) almost never holds: a softmax output is a float such \
as 0.4999998, so the favourable rate would be 0 in both groups and SPD and DIR meaningless.";

/// What counts as a favourable outcome for a class.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Favourable {
    /// The model's top prediction is the class (`np.argmax`: the first column on ties).
    TopClass,
    /// The model gives the class a probability of at least `threshold` (compared in f64,
    /// the f32 probability widened exactly).
    AtLeast { threshold: f64 },
}

impl Favourable {
    fn check(self) -> Result<Self, FairnessError> {
        match self {
            Self::AtLeast { threshold } if !(threshold > 0.0 && threshold <= 1.0) => {
                Err(FairnessError::Threshold { threshold })
            }
            _ => Ok(self),
        }
    }
}

/// A model's probabilities (rows × classes), its class labels and each row's group, checked
/// to fit together and to have rows in both groups.
#[derive(Clone, Copy, Debug)]
pub struct GroupedPredictions<'a> {
    proba: &'a Matrix,
    labels: &'a [String],
    privileged: &'a [bool],
    privileged_rows: usize,
}

impl<'a> GroupedPredictions<'a> {
    /// Errors when the sizes disagree or a group has no row (its rate would be 0/0).
    pub fn new(
        proba: &'a Matrix,
        labels: &'a [String],
        privileged: &'a [bool],
    ) -> Result<Self, FairnessError> {
        if proba.n_cols == 0 {
            return Err(FairnessError::NoClasses);
        }
        if labels.len() != proba.n_cols {
            return Err(FairnessError::LabelCount {
                labels: labels.len(),
                classes: proba.n_cols,
            });
        }
        if privileged.len() != proba.n_rows {
            return Err(FairnessError::GroupLength {
                groups: privileged.len(),
                rows: proba.n_rows,
            });
        }
        let privileged_rows = privileged.iter().filter(|&&p| p).count();
        for (group, n) in [
            (Group::Privileged, privileged_rows),
            (Group::Unprivileged, proba.n_rows - privileged_rows),
        ] {
            if n == 0 {
                return Err(FairnessError::EmptyGroup {
                    group,
                    rows: proba.n_rows,
                });
            }
        }
        Ok(Self {
            proba,
            labels,
            privileged,
            privileged_rows,
        })
    }

    /// Number of rows in `group`.
    pub fn group_rows(&self, group: Group) -> usize {
        match group {
            Group::Privileged => self.privileged_rows,
            Group::Unprivileged => self.proba.n_rows - self.privileged_rows,
        }
    }

    /// SPD and DIR of one class: a report with one entry in `classes`.
    pub fn class(
        &self,
        class: usize,
        favourable: Favourable,
        bounds: &FairnessBounds,
    ) -> Result<FairnessReport, FairnessError> {
        if class >= self.proba.n_cols {
            return Err(FairnessError::UnknownClass {
                class,
                classes: self.proba.n_cols,
            });
        }
        let mut report = self.all_classes(favourable, bounds)?;
        report.classes.retain(|c| c.class == class);
        Ok(report)
    }

    /// SPD and DIR of every class, the largest |SPD| first (class order on ties), each
    /// flagged when outside `bounds`.
    pub fn all_classes(
        &self,
        favourable: Favourable,
        bounds: &FairnessBounds,
    ) -> Result<FairnessReport, FairnessError> {
        let favourable = favourable.check()?;
        bounds.check()?;
        let counts = self.favourable_counts(favourable);
        let (n_privileged, n_unprivileged) = (
            self.group_rows(Group::Privileged),
            self.group_rows(Group::Unprivileged),
        );
        let mut classes: Vec<ClassFairness> = counts
            .iter()
            .enumerate()
            .map(|(class, &[fav_privileged, fav_unprivileged])| {
                ClassFairness::new(
                    class,
                    self.labels[class].clone(),
                    GroupRate::new(n_privileged, fav_privileged),
                    GroupRate::new(n_unprivileged, fav_unprivileged),
                    bounds,
                )
            })
            .collect();
        classes.sort_by(|a, b| b.spd.abs().total_cmp(&a.spd.abs()));
        Ok(FairnessReport::new(
            favourable,
            *bounds,
            n_privileged,
            n_unprivileged,
            classes,
        ))
    }

    /// Per class, how many `[privileged, unprivileged]` rows get the favourable outcome.
    fn favourable_counts(&self, favourable: Favourable) -> Vec<[usize; 2]> {
        let mut counts = vec![[0usize; 2]; self.proba.n_cols];
        for (i, &privileged) in self.privileged.iter().enumerate() {
            let group = usize::from(!privileged);
            let row = self.proba.row(i);
            match favourable {
                Favourable::TopClass => counts[top_class(row)][group] += 1,
                Favourable::AtLeast { threshold } => {
                    for (c, &p) in row.iter().enumerate() {
                        if f64::from(p) >= threshold {
                            counts[c][group] += 1;
                        }
                    }
                }
            }
        }
        counts
    }
}

/// `np.argmax` of a row: the first column holding the largest value.
fn top_class(row: &[f32]) -> usize {
    let mut best = 0;
    for (c, &p) in row.iter().enumerate().skip(1) {
        if p > row[best] {
            best = c;
        }
    }
    best
}

#[cfg(test)]
mod reference_tests;
#[cfg(test)]
mod tests;
