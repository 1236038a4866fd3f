//! The band inside which SPD and DIR count as fair, and the group size below which a rate is
//! too noisy to trust.

use serde::{Deserialize, Serialize};

use super::FairnessError;

/// Fair when `spd_lower ≤ SPD ≤ spd_upper` and `dir_lower ≤ DIR ≤ dir_upper`. The defaults
/// are `TrustyAI`'s (`SPD_THRESHOLD_LOWER/UPPER` = ∓0.1, `DIR_THRESHOLD_LOWER/UPPER` =
/// 0.8 / 1.2 — the "four-fifths rule" and its mirror).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FairnessBounds {
    pub spd_lower: f64,
    pub spd_upper: f64,
    pub dir_lower: f64,
    pub dir_upper: f64,
    /// A group with fewer rows gets a warning: a handful of rows moves its rate by several
    /// points, so SPD and DIR may flag or miss bias by chance.
    pub min_group_rows: usize,
}

impl Default for FairnessBounds {
    fn default() -> Self {
        Self {
            spd_lower: -0.1,
            spd_upper: 0.1,
            dir_lower: 0.8,
            dir_upper: 1.2,
            min_group_rows: 30,
        }
    }
}

impl FairnessBounds {
    /// Whether an SPD lies outside the band.
    pub fn spd_outside(&self, spd: f64) -> bool {
        spd < self.spd_lower || spd > self.spd_upper
    }

    /// Whether a DIR lies outside the band. An undefined DIR (no privileged row favoured) is
    /// outside when some unprivileged row is favoured — the ratio is infinite, as `TrustyAI`'s
    /// double division gives `+Infinity` — and inside when neither group is (0/0: no
    /// disparity to speak of).
    pub fn dir_outside(&self, dir: Option<f64>, unprivileged_favoured: bool) -> bool {
        match dir {
            Some(dir) => dir < self.dir_lower || dir > self.dir_upper,
            None => unprivileged_favoured,
        }
    }

    pub(super) fn check(&self) -> Result<(), FairnessError> {
        let finite = [
            self.spd_lower,
            self.spd_upper,
            self.dir_lower,
            self.dir_upper,
        ]
        .iter()
        .all(|v| v.is_finite());
        let reason = if !finite {
            "every bound must be a finite number"
        } else if self.spd_lower > 0.0 || self.spd_upper < 0.0 {
            "the SPD band must contain 0 (parity), e.g. −0.1 to 0.1"
        } else if self.dir_lower < 0.0 || self.dir_lower > 1.0 || self.dir_upper < 1.0 {
            "the DIR band must contain 1 (parity) and start at 0 or above, e.g. 0.8 to 1.2"
        } else {
            return Ok(());
        };
        Err(FairnessError::Bounds { reason })
    }
}
