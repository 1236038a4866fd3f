//! Data drift between a reference sample of a feature (the training rows) and a current
//! one (new rows, a week of them): five answers side by side, each matching the tool it
//! is named after —
//! - [`DriftTest::MeanShift`]: `TrustyAI`'s `MeanShift` t-test, as its Java metric computes
//!   it (population variances, df = n₁ + n₂ − 2; `student_t.rs` says what we read);
//! - [`DriftTest::Welch`]: scipy's `ttest_ind(equal_var=False)`;
//! - [`DriftTest::KolmogorovSmirnov`]: scipy's `ks_2samp` (exact or asymptotic as scipy
//!   picks);
//! - [`DriftTest::Psi`]: the population stability index over the reference's deciles;
//! - [`DriftTest::Evidently`]: Evidently's default per-column rule (`DataDriftPreset`), and
//!   its dataset drift (half the columns or more).
//!
//! Each sample is sorted once ([`Sample`]) and every test reads it: 900k vs 250k rows cost
//! two sorts and linear passes. `scripts/drift_reference.py` writes the numbers scipy,
//! numpy and Evidently give on seeded samples; `reference_tests` compares them at 1e-9.

mod durbin;
mod evidently;
mod histogram;
mod joint_walk;
mod json_float;
mod kolmogorov;
mod kolmogorov_smirnov;
mod pomeranz;
mod psi;
mod report;
mod sample;
mod smirnov;
mod special;
mod student_t;

#[cfg(test)]
mod reference_tests;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use evidently::evidently_display_name;
pub use histogram::{HistogramPair, histogram_pair};
pub use psi::PSI_EPSILON;
pub use report::{DatasetDrift, FeatureDrift, TestOutcome};
pub use sample::Sample;
pub use special::{chi2_sf, normal_sf, student_t_sf};

/// Thresholds of the tests.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DriftOptions {
    /// Significance level of the p-value tests (`TrustyAI`'s and Evidently's 0.05).
    pub alpha: f64,
    /// PSI from which a feature drifted (0.2: the usual "significant shift").
    pub psi_threshold: f64,
    /// Evidently's distance threshold (Wasserstein and Jensen–Shannon, 0.1).
    pub evidently_threshold: f64,
    /// Share of drifted features from which the dataset drifted (Evidently's 0.5).
    pub dataset_drift_share: f64,
}

impl Default for DriftOptions {
    fn default() -> Self {
        Self {
            alpha: 0.05,
            psi_threshold: 0.2,
            evidently_threshold: 0.1,
            dataset_drift_share: 0.5,
        }
    }
}

impl DriftOptions {
    /// Errors when a threshold is outside its range.
    pub fn validate(&self) -> Result<(), DriftError> {
        let checks = [
            (
                "alpha",
                self.alpha,
                self.alpha > 0.0 && self.alpha < 1.0,
                "a number between 0 and 1",
            ),
            (
                "psi_threshold",
                self.psi_threshold,
                self.psi_threshold > 0.0,
                "a positive number",
            ),
            (
                "evidently_threshold",
                self.evidently_threshold,
                self.evidently_threshold > 0.0,
                "a positive number",
            ),
            (
                "dataset_drift_share",
                self.dataset_drift_share,
                self.dataset_drift_share > 0.0 && self.dataset_drift_share <= 1.0,
                "a share above 0 and at most 1",
            ),
        ];
        match checks.into_iter().find(|check| !check.2) {
            Some((name, value, _, expected)) => Err(DriftError::BadOption {
                name,
                value,
                expected,
            }),
            None => Ok(()),
        }
    }
}

/// The tests, by the words the CLI and Prometheus labels use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DriftTest {
    #[serde(rename = "meanshift")]
    MeanShift,
    #[serde(rename = "welch")]
    Welch,
    #[serde(rename = "ks")]
    KolmogorovSmirnov,
    #[serde(rename = "psi")]
    Psi,
    #[serde(rename = "evidently")]
    Evidently,
}

impl DriftTest {
    pub const ALL: [DriftTest; 5] = [
        DriftTest::MeanShift,
        DriftTest::Welch,
        DriftTest::KolmogorovSmirnov,
        DriftTest::Psi,
        DriftTest::Evidently,
    ];

    /// `meanshift`, `welch`, `ks`, `psi` or `evidently`.
    pub fn word(self) -> &'static str {
        match self {
            DriftTest::MeanShift => "meanshift",
            DriftTest::Welch => "welch",
            DriftTest::KolmogorovSmirnov => "ks",
            DriftTest::Psi => "psi",
            DriftTest::Evidently => "evidently",
        }
    }

    /// The test a word names (as [`DriftTest::word`] writes it, any case).
    pub fn from_word(word: &str) -> Result<Self, DriftError> {
        Self::ALL
            .into_iter()
            .find(|t| t.word().eq_ignore_ascii_case(word.trim()))
            .ok_or_else(|| DriftError::UnknownTest {
                word: word.to_string(),
            })
    }
}

/// Why drift could not be measured.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DriftError {
    #[error(
        "feature `{feature}` has no values in the {which} sample (missing values are left out). Pick {which} rows that have this feature, or leave the feature out"
    )]
    EmptySample {
        feature: String,
        which: &'static str,
    },
    #[error(
        "feature `{feature}` holds {value} in the {which} sample (value {row}, counting from 0). Drop missing and infinite values before measuring drift"
    )]
    NotFinite {
        feature: String,
        which: &'static str,
        row: usize,
        value: String,
    },
    #[error("drift option `{name}` is {value}: expected {expected}")]
    BadOption {
        name: &'static str,
        value: f64,
        expected: &'static str,
    },
    #[error("there is no drift test `{word}`: use meanshift, welch, ks, psi or evidently")]
    UnknownTest { word: String },
}

/// Every test for one feature. `reference` and `current` are the feature's values with
/// missing ones left out.
pub fn feature_drift(
    feature: &str,
    reference: &[f64],
    current: &[f64],
    options: &DriftOptions,
) -> Result<FeatureDrift, DriftError> {
    let reference = Sample::new(feature, "reference", reference)?;
    let current = Sample::new(feature, "current", current)?;
    feature_drift_samples(feature, &reference, &current, options)
}

/// [`feature_drift`] on samples sorted already (the reference's, kept across weeks).
pub fn feature_drift_samples(
    feature: &str,
    reference: &Sample,
    current: &Sample,
    options: &DriftOptions,
) -> Result<FeatureDrift, DriftError> {
    options.validate()?;
    let joint = joint_walk::walk(reference.sorted(), current.sorted());
    let ks = kolmogorov_smirnov::ks_from_gap(reference.len(), current.len(), joint.largest_gap);
    let method = if ks.exact {
        "ks_exact"
    } else {
        "ks_asymptotic"
    };
    Ok(FeatureDrift {
        feature: feature.to_string(),
        n_reference: reference.len(),
        n_current: current.len(),
        reference_mean: reference.mean(),
        current_mean: current.mean(),
        meanshift: student_t::meanshift(reference, current, options.alpha),
        welch: student_t::welch(reference, current, options.alpha),
        ks: TestOutcome::p_value_test(method, ks.statistic, ks.p_value, options.alpha),
        psi: psi::psi(reference, current, options.psi_threshold),
        evidently: evidently::evidently(reference, current, &joint, &ks, options),
    })
}

/// The features together: dataset drift when the share of features Evidently's rule says
/// drifted reaches `options.dataset_drift_share` (none drifted with no features).
pub fn dataset_drift(features: Vec<FeatureDrift>, options: &DriftOptions) -> DatasetDrift {
    let drifted_share = report::share(&features, DriftTest::Evidently);
    DatasetDrift {
        dataset_drift: !features.is_empty() && drifted_share >= options.dataset_drift_share,
        drifted_share,
        features,
    }
}
