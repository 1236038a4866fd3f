//! The two mean tests: `TrustyAI`'s `MeanShift` and Welch's t-test.
//!
//! **`MeanShift`, as `TrustyAI`'s Java metric** (`org.kie.trustyai.metrics.drift.meanshift.
//! Meanshift.calculate`, read at trustyai-explainability commit 8c01552, March 2026): it
//! calls commons-math `TTest.t(fitStats, testStats)`, which is
//! (m₁ − m₂)/√(v₁/n₁ + v₂/n₂) with sample 1 the **reference** (the fitted data) — so
//! t = (reference mean − current mean)/…, positive when the current mean is lower. The variances
//! come from `DataUtils.getStdDev`, which divides by n: **population variances**, not
//! n − 1. The p-value is `(1 − TDistribution(n_ref + n_cur − 2).cdf(|t|))·2` (we compute
//! the tail directly, so tiny p-values keep their digits where Java's 1 − cdf gives 0),
//! and drift is p ≤ α. With fewer than 2 current rows it reports t = 0, p = 1, no drift.
//!
//! **Welch** is scipy's `ttest_ind(reference, current, equal_var=False)`: sample variances
//! (n − 1), Welch–Satterthwaite degrees of freedom, two-sided p; drift is p ≤ α. With fewer
//! than 2 values in a sample (scipy: NaN) it reports t = 0, p = 1, no drift.
//!
//! **Constant samples** (zero variance in both, where the formulas divide 0 by 0): equal
//! means give t = 0, p = 1 (nothing moved; scipy says NaN); different means give
//! t = ±∞, p = 0 (scipy agrees), which is drift.

use super::report::TestOutcome;
use super::sample::Sample;
use super::special::student_t_two_sided;

/// `TrustyAI`'s `MeanShift` (see the module's doc).
pub(crate) fn meanshift(reference: &Sample, current: &Sample, alpha: f64) -> TestOutcome {
    let (n1, n2) = (reference.len(), current.len());
    if n2 < 2 {
        return TestOutcome::p_value_test("meanshift", 0.0, 1.0, alpha);
    }
    let spread = reference.variance(0) / n1 as f64 + current.variance(0) / n2 as f64;
    let diff = reference.mean() - current.mean();
    let t = t_statistic(diff, spread.sqrt());
    let df = (n1 + n2 - 2) as f64;
    TestOutcome::p_value_test("meanshift", t, p_value(t, df), alpha)
}

/// Welch's t-test (see the module's doc).
pub(crate) fn welch(reference: &Sample, current: &Sample, alpha: f64) -> TestOutcome {
    welch_with_df(reference, current, alpha).0
}

/// Welch's test and its degrees of freedom (scipy's `df`).
pub(crate) fn welch_with_df(
    reference: &Sample,
    current: &Sample,
    alpha: f64,
) -> (TestOutcome, f64) {
    let (n1, n2) = (reference.len() as f64, current.len() as f64);
    if reference.len() < 2 || current.len() < 2 {
        return (
            TestOutcome::p_value_test("welch", 0.0, 1.0, alpha),
            f64::NAN,
        );
    }
    // scipy's `_var(ddof=1)`: the population variance times n/(n − 1).
    let v1 = reference.variance(0) * (n1 / (n1 - 1.0));
    let v2 = current.variance(0) * (n2 / (n2 - 1.0));
    let (vn1, vn2) = (v1 / n1, v2 / n2);
    let mut df = (vn1 + vn2).powi(2) / (vn1.powi(2) / (n1 - 1.0) + vn2.powi(2) / (n2 - 1.0));
    if df.is_nan() {
        // Both variances 0: scipy sets df = 1 (it does not matter for t = 0 or ±∞).
        df = 1.0;
    }
    let t = t_statistic(reference.mean() - current.mean(), (vn1 + vn2).sqrt());
    (
        TestOutcome::p_value_test("welch", t, p_value(t, df), alpha),
        df,
    )
}

/// diff/denominator, with 0/0 (constant, equal samples) as 0.
fn t_statistic(diff: f64, denominator: f64) -> f64 {
    if denominator == 0.0 {
        if diff == 0.0 {
            0.0
        } else {
            f64::INFINITY.copysign(diff)
        }
    } else {
        diff / denominator
    }
}

fn p_value(t: f64, df: f64) -> f64 {
    if t.is_infinite() {
        0.0
    } else {
        student_t_two_sided(t, df)
    }
}
