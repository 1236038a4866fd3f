//! Overlaid histograms of a feature: one set of equal-width bins over both samples' range,
//! each sample's counts and shares (shares overlay samples of different sizes). The edges
//! are numpy's `histogram_bin_edges(concatenate([ref, cur]), bins)` and the counts
//! `np.histogram(sample, edges)`: bins [eᵢ, eᵢ₊₁), the last one closed.

use serde::{Deserialize, Serialize};

use super::sample::Sample;

/// Two samples binned alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistogramPair {
    /// `bins + 1` edges, ascending.
    pub edges: Vec<f64>,
    pub reference_counts: Vec<usize>,
    pub current_counts: Vec<usize>,
    /// Counts ÷ the sample's size.
    pub reference_shares: Vec<f64>,
    pub current_shares: Vec<f64>,
}

/// `bins` equal-width bins (at least 1) over the range of both samples; a range of one
/// value becomes that value ± 0.5, as numpy does.
#[allow(clippy::float_cmp)] // exact: numpy widens a range of one value
pub fn histogram_pair(reference: &Sample, current: &Sample, bins: usize) -> HistogramPair {
    let bins = bins.max(1);
    let (r, c) = (reference.sorted(), current.sorted());
    let mut first = r[0].min(c[0]);
    let mut last = r[r.len() - 1].max(c[c.len() - 1]);
    if first == last {
        first -= 0.5;
        last += 0.5;
    }
    let edges = linspace(first, last, bins + 1);
    let reference_counts = counts(reference, &edges);
    let current_counts = counts(current, &edges);
    HistogramPair {
        reference_shares: shares(&reference_counts, reference.len()),
        current_shares: shares(&current_counts, current.len()),
        edges,
        reference_counts,
        current_counts,
    }
}

/// numpy's `linspace(start, stop, num)`: i·step + start, the last one exactly `stop`.
fn linspace(start: f64, stop: f64, num: usize) -> Vec<f64> {
    let width = (stop - start) / (num - 1) as f64;
    let mut out: Vec<f64> = (0..num).map(|i| i as f64 * width + start).collect();
    out[num - 1] = stop;
    out
}

fn counts(sample: &Sample, edges: &[f64]) -> Vec<usize> {
    let last = edges.len() - 1;
    let cumulative: Vec<usize> = edges
        .iter()
        .enumerate()
        .map(|(i, &e)| {
            if i == last {
                sample.count_at_most(e)
            } else {
                sample.count_below(e)
            }
        })
        .collect();
    cumulative.windows(2).map(|w| w[1] - w[0]).collect()
}

fn shares(counts: &[usize], n: usize) -> Vec<f64> {
    counts.iter().map(|&c| c as f64 / n as f64).collect()
}
