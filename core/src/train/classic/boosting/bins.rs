//! Each feature's values cut into at most `max_bins` bins, once, as scikit-learn's
//! `_BinMapper`: with few distinct values the cuts are the midpoints between neighbours,
//! otherwise the (midpoint) percentiles of the column, so each bin holds about as many rows.
//! A value goes to the first bin whose upper cut it does not exceed.

use crate::train::Matrix;

/// The cuts of every feature, ascending and distinct: bin `b` of feature `f` holds the
/// values in `(cuts[f][b - 1], cuts[f][b]]`; the last bin has no upper cut.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Bins {
    cuts: Vec<Vec<f64>>,
}

impl Bins {
    /// The cuts of the columns of `x`, whose row `i` stands for `weight[i]` rows.
    pub(super) fn new(x: &Matrix, weight: &[f64], max_bins: usize) -> Bins {
        let cuts = (0..x.n_cols)
            .map(|f| {
                let mut column: Vec<(f32, f64)> = (0..x.n_rows)
                    .filter(|&i| weight[i] > 0.0)
                    .map(|i| (x.row(i)[f], weight[i]))
                    .collect();
                column.sort_by(|a, b| a.0.total_cmp(&b.0));
                // The distinct values and how many rows hold each.
                let mut values: Vec<(f64, f64)> = Vec::new();
                for (v, w) in column {
                    match values.last_mut() {
                        Some((last, n)) if last.to_bits() == f64::from(v).to_bits() => *n += w,
                        _ => values.push((f64::from(v), w)),
                    }
                }
                cuts_of(&values, max_bins)
            })
            .collect();
        Bins { cuts }
    }

    pub(super) fn n_features(&self) -> usize {
        self.cuts.len()
    }

    /// How many bins feature `f` has.
    pub(super) fn n_bins(&self, f: usize) -> usize {
        self.cuts[f].len() + 1
    }

    /// The upper cut of bin `b` of feature `f` (not the last bin).
    pub(super) fn cut(&self, f: usize, b: usize) -> f64 {
        self.cuts[f][b]
    }

    /// The bin of `v` in feature `f`.
    #[allow(clippy::cast_possible_truncation)] // at most 255 cuts
    pub(super) fn code(&self, f: usize, v: f32) -> u8 {
        self.cuts[f].partition_point(|&c| c < f64::from(v)) as u8
    }
}

/// `values`: distinct values, ascending, each with its row count.
#[allow(clippy::cast_precision_loss)] // bin counts are small
fn cuts_of(values: &[(f64, f64)], max_bins: usize) -> Vec<f64> {
    if values.len() <= max_bins {
        return values.windows(2).map(|w| (w[0].0 + w[1].0) * 0.5).collect();
    }
    let total: f64 = values.iter().map(|&(_, n)| n).sum();
    // numpy's percentile(method="midpoint") of the rows at 100·b/max_bins for b in
    // 1..max_bins: the mean of the values at the two ranks around (total − 1)·b/max_bins.
    let mut ends = Vec::with_capacity(values.len());
    let mut seen = 0.0;
    for &(_, n) in values {
        seen += n;
        ends.push(seen);
    }
    // The value at 0-based rank `r` among the rows.
    let at = |r: f64| values[ends.partition_point(|&e| e <= r).min(values.len() - 1)].0;
    // As numpy computes them: percentiles b · (100 / max_bins), quantiles those / 100, the
    // rank (total − 1) · quantile, and the mean b − (b − a) / 2.
    let step = 100.0 / max_bins as f64;
    let mut cuts: Vec<f64> = (1..max_bins)
        .map(|b| {
            let pos = (total - 1.0) * (b as f64 * step / 100.0);
            let (a, b) = (at(pos.floor()), at(pos.ceil()));
            b - (b - a) * 0.5
        })
        .collect();
    cuts.dedup();
    cuts
}

#[cfg(test)]
mod tests {
    #![allow(clippy::float_cmp)]
    use super::*;

    #[test]
    fn few_values_cut_at_midpoints_and_many_at_percentiles() {
        let x = Matrix::from_vec(4, 1, vec![3.0, 1.0, 2.0, 1.0]).unwrap();
        let bins = Bins::new(&x, &[1.0, 2.0, 1.0, 0.0], 255);
        assert_eq!(bins.cuts[0], vec![1.5, 2.5]);
        assert_eq!(
            (
                bins.code(0, 1.0),
                bins.code(0, 1.5),
                bins.code(0, 1.6),
                bins.code(0, 9.0)
            ),
            (0, 0, 1, 2)
        );
        // 10 distinct values, one row each, 4 bins: numpy's percentile(range(10), [25, 50,
        // 75], method="midpoint") = [2.5, 4.5, 6.5] (ranks 2.25, 4.5, 6.75).
        let x = Matrix::from_vec(10, 1, (0..10u8).map(f32::from).collect()).unwrap();
        let bins = Bins::new(&x, &[1.0; 10], 4);
        assert_eq!(bins.cuts[0], vec![2.5, 4.5, 6.5]);
        // A row standing for 7 rows weighs as 7 rows: values 0 ×7, 1, 2, 3 → ranks of 10 rows.
        let x = Matrix::from_vec(4, 1, vec![0.0, 1.0, 2.0, 3.0]).unwrap();
        let bins = Bins::new(&x, &[7.0, 1.0, 1.0, 1.0], 3);
        // numpy.percentile([0]*7 + [1, 2, 3], linspace(0, 100, 4)[1:-1], method="midpoint")
        // = [0, 0.5]: 9 · 0.6666666666666667 rounds above 6, so ranks 6 and 7.
        assert_eq!(bins.cuts[0], vec![0.0, 0.5]);
    }
}
