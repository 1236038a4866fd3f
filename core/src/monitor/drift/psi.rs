//! The population stability index over the reference's deciles.
//!
//! The rule (the same in `scripts/drift_reference.py`): the nine bin edges are the
//! reference's quantiles at 0.1, 0.2, …, 0.9 (numpy's default linear interpolation); a
//! value belongs to the first bin whose upper edge it does not exceed (bins are
//! (e₍ᵢ₋₁₎, eᵢ], the outer two open); each bin's share of the reference (p) and of the
//! current sample (q) is taken, shares of 0 become [`PSI_EPSILON`] (Evidently's fixed
//! floor), and PSI = Σ (q − p)·ln(q/p). Repeated values make edges coincide; the bins
//! between them are then empty in both samples and add 0.

use super::report::TestOutcome;
use super::sample::Sample;

/// The share an empty bin counts as (so ln(q/p) stays finite).
pub const PSI_EPSILON: f64 = 1e-4;

/// Bins of the PSI (deciles).
const BINS: usize = 10;

/// The nine decile edges of the reference.
pub(crate) fn decile_edges(reference: &Sample) -> Vec<f64> {
    let mut edges: Vec<f64> = (1..BINS)
        .map(|k| reference.quantile(k as f64 / BINS as f64))
        .collect();
    // Interpolated quantiles of sorted data never decrease; keep it so even by a rounding.
    for i in 1..edges.len() {
        edges[i] = edges[i].max(edges[i - 1]);
    }
    edges
}

/// PSI of `current` against `reference`; drift when it reaches `threshold`.
pub(crate) fn psi(reference: &Sample, current: &Sample, threshold: f64) -> TestOutcome {
    let edges = decile_edges(reference);
    let p = shares(reference, &edges);
    let q = shares(current, &edges);
    let value: f64 = p
        .iter()
        .zip(&q)
        .map(|(&p, &q)| (q - p) * libm::log(q / p))
        .sum();
    TestOutcome::distance_test("psi", value, threshold)
}

/// Each bin's share of the sample, 0 replaced by [`PSI_EPSILON`].
fn shares(sample: &Sample, edges: &[f64]) -> Vec<f64> {
    let n = sample.len() as f64;
    let mut below = 0;
    let mut out = Vec::with_capacity(edges.len() + 1);
    for edge in edges.iter().copied().map(Some).chain([None]) {
        let upto = edge.map_or(sample.len(), |e| sample.count_at_most(e));
        let share = (upto - below) as f64 / n;
        out.push(if share == 0.0 { PSI_EPSILON } else { share });
        below = upto;
    }
    out
}
