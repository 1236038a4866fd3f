//! What the drift tests answer: one outcome per test, per feature and for the dataset.
//! Everything is serde data (it crosses the worker boundary and goes into monitor.json).

use serde::{Deserialize, Serialize};

use super::DriftTest;

/// One test's answer for one feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestOutcome {
    /// The test statistic: t, KS's D, the PSI, a distance, χ² or z. Can be ±∞ (constant
    /// samples with different means, a value the reference never had), written in JSON as
    /// `"Infinity"`/`"-Infinity"`, never as `null`.
    #[serde(with = "super::json_float")]
    pub statistic: f64,
    /// For p-value tests (absent from the JSON otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_value: Option<f64>,
    /// α for p-value tests (drift at p ≤ α, or p < α where Evidently says so), else the
    /// statistic drift starts at.
    pub threshold: f64,
    pub drifted: bool,
    /// How it was computed: `meanshift`, `welch`, `ks_exact`, `ks_asymptotic`, `psi`, or
    /// for Evidently's rule the test it picked (`wasserstein`, `jensenshannon`, `ks`,
    /// `chisquare`, `z`; [`super::evidently_display_name`] gives Evidently's label).
    pub method: String,
}

impl TestOutcome {
    /// A p-value test: drift when p ≤ α.
    pub(crate) fn p_value_test(method: &str, statistic: f64, p_value: f64, alpha: f64) -> Self {
        Self {
            statistic,
            p_value: Some(p_value),
            threshold: alpha,
            drifted: p_value <= alpha,
            method: method.to_string(),
        }
    }

    /// A distance: drift when it reaches the threshold.
    pub(crate) fn distance_test(method: &str, statistic: f64, threshold: f64) -> Self {
        Self {
            statistic,
            p_value: None,
            threshold,
            drifted: statistic >= threshold,
            method: method.to_string(),
        }
    }

    /// The number a chart of this test draws: the p-value when there is one, else the
    /// statistic (Evidently's "drift score").
    pub fn score(&self) -> f64 {
        self.p_value.unwrap_or(self.statistic)
    }
}

/// Every test for one feature, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureDrift {
    pub feature: String,
    pub n_reference: usize,
    pub n_current: usize,
    #[serde(with = "super::json_float")]
    pub reference_mean: f64,
    #[serde(with = "super::json_float")]
    pub current_mean: f64,
    pub meanshift: TestOutcome,
    pub welch: TestOutcome,
    pub ks: TestOutcome,
    pub psi: TestOutcome,
    pub evidently: TestOutcome,
}

impl FeatureDrift {
    pub fn outcome(&self, test: DriftTest) -> &TestOutcome {
        match test {
            DriftTest::MeanShift => &self.meanshift,
            DriftTest::Welch => &self.welch,
            DriftTest::KolmogorovSmirnov => &self.ks,
            DriftTest::Psi => &self.psi,
            DriftTest::Evidently => &self.evidently,
        }
    }
}

/// All features, and whether the dataset drifted by Evidently's rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetDrift {
    pub features: Vec<FeatureDrift>,
    /// Share of features whose Evidently outcome drifted (0 with no features).
    pub drifted_share: f64,
    /// `drifted_share` ≥ the options' `dataset_drift_share` (Evidently's `drift_share`).
    pub dataset_drift: bool,
}

impl DatasetDrift {
    /// Share of features that drifted by `test` (0 with no features).
    pub fn share_drifted(&self, test: DriftTest) -> f64 {
        share(&self.features, test)
    }
}

pub(crate) fn share(features: &[FeatureDrift], test: DriftTest) -> f64 {
    if features.is_empty() {
        return 0.0;
    }
    let drifted = features.iter().filter(|f| f.outcome(test).drifted).count();
    drifted as f64 / features.len() as f64
}
