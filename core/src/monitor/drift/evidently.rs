//! Evidently's default drift rule (`DataDriftPreset`, evidently 0.7.23:
//! `legacy/calculations/stattests/registry.py::_get_default_stattest` and the stat tests
//! it names), per column:
//!
//! | reference rows | column | test | drift when |
//! |---|---|---|---|
//! | > 1,000 | categorical, or ≤ 5 distinct values | Jensen–Shannon distance | ≥ 0.1 |
//! | > 1,000 | numerical, > 5 distinct values | Wasserstein ÷ reference std | ≥ 0.1 |
//! | ≤ 1,000 | numerical, > 5 distinct values | Kolmogorov–Smirnov p | ≤ α |
//! | ≤ 1,000 | otherwise, > 2 distinct values | chi-square p | < α |
//! | ≤ 1,000 | otherwise | Z-test for proportions p | < α |
//!
//! "Distinct values" count both samples together. **Categorical** is what Evidently infers
//! for an integer column whose current sample has at most 10 distinct values
//! (`INTEGER_CARDINALITY_LIMIT`); we see numbers only, so a column whose values are all
//! whole numbers stands for an integer column (a float column holding only whole numbers
//! would be numerical to Evidently). The definitions, as Evidently calls scipy:
//! - Wasserstein: `wasserstein_distance(ref, cur) / max(std(ref), 0.001)` (population std);
//! - Jensen–Shannon: each distinct value's share in each sample (no binning for these
//!   columns), `scipy.spatial.distance.jensenshannon` with the natural log (base e, so at
//!   most √ln 2);
//! - chi-square: `chisquare(f_obs = current counts, f_exp = reference counts × n_cur/n_ref)`
//!   over the distinct values of both; a value absent from the reference gives χ² = ∞, p = 0;
//! - Z-test: share of values other than the smallest, pooled two-proportion z, p =
//!   2·P(Z > |z|) (Evidently writes 2(1 − Φ(|z|)), the same number until it rounds to 0);
//!   two identical constant samples give p = 1.
//!
//! The share of drifted columns makes dataset drift at ≥ 0.5 (`drift_share`).

use super::DriftOptions;
use super::joint_walk::JointWalk;
use super::kolmogorov_smirnov::KsResult;
use super::report::TestOutcome;
use super::sample::Sample;
use super::special::{chi2_sf, normal_sf};

/// Above this many reference rows Evidently picks distances over p-values.
const SMALL_REFERENCE_ROWS: usize = 1_000;
/// Evidently's `INTEGER_CARDINALITY_LIMIT`.
const CATEGORICAL_MAX_VALUES: usize = 10;

/// Evidently's name for each of its tests, as its reports show them.
pub fn evidently_display_name(method: &str) -> Option<&'static str> {
    Some(match method {
        "wasserstein" => "Wasserstein distance (normed)",
        "jensenshannon" => "Jensen-Shannon distance",
        "ks" => "K-S p_value",
        "chisquare" => "chi-square p_value",
        "z" => "Z-test p_value",
        _ => return None,
    })
}

/// The test Evidently's default rule picks for this column, and its outcome.
pub(crate) fn evidently(
    reference: &Sample,
    current: &Sample,
    joint: &JointWalk,
    ks: &KsResult,
    options: &DriftOptions,
) -> TestOutcome {
    let categorical = reference.is_integral()
        && current.is_integral()
        && current.distinct() <= CATEGORICAL_MAX_VALUES;
    let n_values = joint.distinct;
    if reference.len() > SMALL_REFERENCE_ROWS {
        if categorical || n_values <= 5 {
            let counts = joint_counts(reference, current);
            return jensen_shannon(reference, current, &counts, options.evidently_threshold);
        }
        let norm = reference.variance(0).sqrt().max(0.001);
        let distance = joint.wasserstein / norm;
        return TestOutcome::distance_test("wasserstein", distance, options.evidently_threshold);
    }
    if !categorical && n_values > 5 {
        return TestOutcome::p_value_test("ks", ks.statistic, ks.p_value, options.alpha);
    }
    let counts = joint_counts(reference, current);
    let mut outcome = if n_values > 2 {
        chi_square(reference, current, &counts)
    } else {
        z_test(reference, current, &counts)
    };
    // Evidently's chi-square and Z-test drift on p < α (its KS on p ≤ α).
    outcome.threshold = options.alpha;
    outcome.drifted = outcome.p_value.is_some_and(|p| p < options.alpha);
    outcome
}

/// Each distinct value of both samples, ascending, with its count in the reference and in
/// the current sample.
// Values are compared exactly: they are the same numbers from both samples.
#[allow(clippy::float_cmp, clippy::many_single_char_names)]
fn joint_counts(reference: &Sample, current: &Sample) -> Vec<(f64, usize, usize)> {
    let (a, b) = (reference.value_counts(), current.value_counts());
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(&(u, cu)), Some(&(v, cv))) if u == v => {
                out.push((u, cu, cv));
                i += 1;
                j += 1;
            }
            (Some(&(u, cu)), Some(&(v, _))) if u < v => {
                out.push((u, cu, 0));
                i += 1;
            }
            (Some(&(u, cu)), None) => {
                out.push((u, cu, 0));
                i += 1;
            }
            (_, Some(&(v, cv))) => {
                out.push((v, 0, cv));
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

fn jensen_shannon(
    reference: &Sample,
    current: &Sample,
    counts: &[(f64, usize, usize)],
    threshold: f64,
) -> TestOutcome {
    let (n1, n2) = (reference.len() as f64, current.len() as f64);
    let p: Vec<f64> = counts.iter().map(|&(_, c, _)| c as f64 / n1).collect();
    let q: Vec<f64> = counts.iter().map(|&(_, _, c)| c as f64 / n2).collect();
    // scipy normalises each vector by its sum first.
    let (sp, sq): (f64, f64) = (p.iter().sum(), q.iter().sum());
    let rel_entr = |x: f64, m: f64| if x > 0.0 { x * libm::log(x / m) } else { 0.0 };
    let (mut left, mut right) = (0.0, 0.0);
    for (&p, &q) in p.iter().zip(&q) {
        let (p, q) = (p / sp, q / sq);
        let m = p.midpoint(q);
        left += rel_entr(p, m);
        right += rel_entr(q, m);
    }
    let distance = f64::midpoint(left, right).max(0.0).sqrt();
    TestOutcome::distance_test("jensenshannon", distance, threshold)
}

fn chi_square(reference: &Sample, current: &Sample, counts: &[(f64, usize, usize)]) -> TestOutcome {
    let k_norm = current.len() as f64 / reference.len() as f64;
    let statistic: f64 = counts
        .iter()
        .map(|&(_, r, c)| {
            let (expected, observed) = (r as f64 * k_norm, c as f64);
            if expected == 0.0 {
                f64::INFINITY
            } else {
                (observed - expected).powi(2) / expected
            }
        })
        .sum();
    let df = (counts.len() - 1) as f64;
    let p = if statistic.is_infinite() {
        0.0
    } else {
        chi2_sf(statistic, df)
    };
    TestOutcome::p_value_test("chisquare", statistic, p, 0.0)
}

fn z_test(reference: &Sample, current: &Sample, counts: &[(f64, usize, usize)]) -> TestOutcome {
    if counts.len() < 2 {
        // One value in both samples: Evidently's p = 1.
        return TestOutcome::p_value_test("z", 0.0, 1.0, 0.0);
    }
    let (n1, n2) = (reference.len() as f64, current.len() as f64);
    // Share of values other than the smallest (Evidently maps sorted keys[0] to 0).
    let (_, r0, c0) = counts[0];
    let p1 = (reference.len() - r0) as f64 / n1;
    let p2 = (current.len() - c0) as f64 / n2;
    let pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    let z = (p1 - p2) / (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    let p = (2.0 * normal_sf(z.abs())).min(1.0);
    TestOutcome::p_value_test("z", z, p, 0.0)
}
