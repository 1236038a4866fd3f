//! The Fairness cell: whose predictions it compares (a model on a part of its split), the
//! protected attribute and its privileged value, the favourable outcome and the bounds.

use serde::{Deserialize, Serialize};

use super::fairness::{ClassFairness, FairnessBounds, FairnessReport, Favourable};
use crate::train::EvalSplit;

/// A Fairness cell's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FairnessSpec {
    pub model: String,
    /// The rows scored (the test part by default).
    pub on: EvalSplit,
    /// The protected attribute: one of the model's features (`is_explicit` by default).
    pub attribute: String,
    /// Rows whose attribute equals this value are the privileged group.
    pub privileged: f64,
    /// The country the cell headlines (all 72 are in its table).
    pub country: String,
    pub favourable: Favourable,
    pub bounds: FairnessBounds,
}

/// What a Fairness cell shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FairnessOutput {
    pub model: String,
    pub on: EvalSplit,
    pub attribute: String,
    pub privileged: f64,
    /// The headlined country (empty: any country's violation alerts).
    pub country: String,
    /// Every country, the largest |SPD| first.
    pub report: FairnessReport,
}

impl FairnessOutput {
    /// The headlined country's row, if the model knows it.
    pub fn headline(&self) -> Option<&ClassFairness> {
        self.report.classes.iter().find(|c| c.label == self.country)
    }

    /// The countries whose violation raises the alert: the headlined one, or any when none
    /// is chosen.
    pub fn violations(&self) -> Vec<&ClassFairness> {
        self.report
            .violations()
            .filter(|c| self.country.is_empty() || c.label == self.country)
            .collect()
    }

    /// The alert this output raises, if any, in words.
    pub fn alert(&self) -> Option<String> {
        let violations = self.violations();
        let first = violations.first()?;
        let b = &self.report.bounds;
        let dir = first.dir.map_or_else(
            || "DIR undefined (no privileged row gets it)".to_string(),
            |dir| {
                format!(
                    "DIR {dir:.3} (fair within {} … {})",
                    b.dir_lower, b.dir_upper
                )
            },
        );
        Some(format!(
            "Unfair across `{}` (privileged: {}) for {}: SPD {:+.3} (fair within {:+} … {:+}), {dir}. Check the training data's balance across the groups before using the model for them.",
            self.attribute,
            self.privileged,
            violations
                .iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            first.spd,
            b.spd_lower,
            b.spd_upper,
        ))
    }
}
