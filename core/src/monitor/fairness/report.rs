//! What a fairness measurement returns: rates per group, SPD and DIR per class with their
//! flags, and warnings about groups too small to trust. Serialized as is into `monitor.json`
//! (an undefined DIR is `null`, never `NaN`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{FairnessBounds, Favourable};

/// One side of the protected attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Privileged,
    Unprivileged,
}

impl Group {
    pub(super) fn other(self) -> Self {
        match self {
            Self::Privileged => Self::Unprivileged,
            Self::Unprivileged => Self::Privileged,
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Privileged => "privileged",
            Self::Unprivileged => "unprivileged",
        })
    }
}

/// How many rows of a group get the favourable outcome, and their share.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRate {
    pub rows: usize,
    pub favourable: usize,
    /// `favourable / rows` (groups are never empty here).
    pub rate: f64,
}

impl GroupRate {
    pub(super) fn new(rows: usize, favourable: usize) -> Self {
        // Row counts stay far below 2^52, so both convert exactly.
        #[allow(clippy::cast_precision_loss)]
        let rate = favourable as f64 / rows as f64;
        Self {
            rows,
            favourable,
            rate,
        }
    }
}

/// SPD and DIR of one class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassFairness {
    /// Column of the class in the probability matrix.
    pub class: usize,
    pub label: String,
    pub privileged: GroupRate,
    pub unprivileged: GroupRate,
    /// Unprivileged rate minus privileged rate.
    pub spd: f64,
    /// Unprivileged rate over privileged rate; `None` when no privileged row is favoured.
    pub dir: Option<f64>,
    pub spd_outside: bool,
    pub dir_outside: bool,
    /// Either metric outside its band: the alert `jukebox_fairness_violation` raises.
    pub violation: bool,
}

impl ClassFairness {
    pub(super) fn new(
        class: usize,
        label: String,
        privileged: GroupRate,
        unprivileged: GroupRate,
        bounds: &FairnessBounds,
    ) -> Self {
        let spd = unprivileged.rate - privileged.rate;
        let dir = (privileged.favourable > 0).then(|| unprivileged.rate / privileged.rate);
        let spd_outside = bounds.spd_outside(spd);
        let dir_outside = bounds.dir_outside(dir, unprivileged.favourable > 0);
        Self {
            class,
            label,
            privileged,
            unprivileged,
            spd,
            dir,
            spd_outside,
            dir_outside,
            violation: spd_outside || dir_outside,
        }
    }
}

/// A group smaller than `FairnessBounds::min_group_rows`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FairnessWarning {
    pub group: Group,
    pub rows: usize,
    pub min_rows: usize,
    /// The sentence to show.
    pub message: String,
}

impl FairnessWarning {
    fn small_group(group: Group, rows: usize, min_rows: usize) -> Self {
        // Row counts stay far below 2^52, so the conversion is exact.
        #[allow(clippy::cast_precision_loss)]
        let points_per_row = 100.0 / rows as f64;
        let message = format!(
            "the {group} group has only {rows} rows (fewer than {min_rows}): one row more or \
             less moves its rate by {points_per_row:.1} points, so SPD and DIR may flag or \
             miss bias by chance. Monitor a larger sample"
        );
        Self {
            group,
            rows,
            min_rows,
            message,
        }
    }
}

/// Fairness of one class or of every class, with what it was measured against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FairnessReport {
    pub favourable: Favourable,
    pub bounds: FairnessBounds,
    pub privileged_rows: usize,
    pub unprivileged_rows: usize,
    pub warnings: Vec<FairnessWarning>,
    /// The largest |SPD| first.
    pub classes: Vec<ClassFairness>,
}

impl FairnessReport {
    pub(super) fn new(
        favourable: Favourable,
        bounds: FairnessBounds,
        privileged_rows: usize,
        unprivileged_rows: usize,
        classes: Vec<ClassFairness>,
    ) -> Self {
        let warnings = [
            (Group::Privileged, privileged_rows),
            (Group::Unprivileged, unprivileged_rows),
        ]
        .into_iter()
        .filter(|&(_, rows)| rows < bounds.min_group_rows)
        .map(|(group, rows)| FairnessWarning::small_group(group, rows, bounds.min_group_rows))
        .collect();
        Self {
            favourable,
            bounds,
            privileged_rows,
            unprivileged_rows,
            warnings,
            classes,
        }
    }

    /// The classes outside the bounds, the largest |SPD| first.
    pub fn violations(&self) -> impl Iterator<Item = &ClassFairness> {
        self.classes.iter().filter(|c| c.violation)
    }

    /// Whether any class is outside the bounds.
    pub fn has_violation(&self) -> bool {
        self.violations().next().is_some()
    }
}
