//! Numeric kernels over `f64` slices where `NaN` means missing, written to agree with
//! pandas/numpy: compensated sums, two-pass variance, numpy's linear quantiles and pandas'
//! Welford Pearson correlation.

/// Neumaier-compensated running sum: exact to a few ulps whatever the order of magnitudes.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Sum {
    sum: f64,
    compensation: f64,
}

impl Sum {
    pub(super) fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }

    pub(super) fn value(self) -> f64 {
        self.sum + self.compensation
    }
}

/// `Σ f(x)` over `values`: eight running sums per block of 256 (independent additions the
/// CPU can overlap), block totals added with compensation, so the error grows with the
/// block size rather than with a million rows.
fn block_sum(values: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let mut total = Sum::default();
    for block in values.chunks(256) {
        let mut lanes = [0.0_f64; 8];
        let mut eights = block.chunks_exact(8);
        for eight in &mut eights {
            for (lane, &x) in lanes.iter_mut().zip(eight) {
                *lane += f(x);
            }
        }
        let mut block_total: f64 = lanes.iter().sum();
        for &x in eights.remainder() {
            block_total += f(x);
        }
        total.add(block_total);
    }
    total.value()
}

/// Count, mean and sample standard deviation (ddof 1) of `present` (no NaN), two passes
/// like pandas' `nanvar`: `None` for the mean of nothing and the std of fewer than two.
pub(super) fn mean_std(present: &[f64]) -> (usize, Option<f64>, Option<f64>) {
    let count = present.len();
    if count == 0 {
        return (0, None, None);
    }
    let mean = block_sum(present, |x| x) / count as f64;
    if count < 2 {
        return (count, Some(mean), None);
    }
    let squares = block_sum(present, |x| (x - mean) * (x - mean));
    (
        count,
        Some(mean),
        Some((squares / (count - 1) as f64).sqrt()),
    )
}

/// numpy's linear interpolation between neighbours `a` and `b` at fraction `t` (its `_lerp`,
/// which switches ends at one half so the result stays within `[a, b]`).
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// Quantiles `qs` (ascending, in `[0, 1]`) of `values` (no NaN), linear interpolation as
/// `numpy.percentile` / pandas; reorders `values`. O(n) per quantile via selection.
pub(super) fn quantiles(values: &mut [f64], qs: &[f64]) -> Vec<Option<f64>> {
    let n = values.len();
    if n == 0 {
        return vec![None; qs.len()];
    }
    let mut out = Vec::with_capacity(qs.len());
    // Each selection leaves everything at or after `lo` no smaller, so later (larger)
    // quantiles only search the part after the previous one.
    let mut start = 0;
    for &q in qs {
        let position = (n - 1) as f64 * q.clamp(0.0, 1.0);
        // In range by construction: 0 <= position <= n - 1, an integral value after floor.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let lo = (position.floor() as usize).clamp(start, n - 1);
        let t = position - position.floor();
        let (_, &mut a, rest) = values[start..].select_nth_unstable_by(lo - start, f64::total_cmp);
        let value = if t > 0.0 {
            let b = rest.iter().copied().fold(f64::INFINITY, f64::min);
            lerp(a, b, t)
        } else {
            a
        };
        out.push(Some(value));
        start = lo;
    }
    out
}

/// Pearson correlation of `x` and `y` over the rows where both are present, with pandas'
/// `nancorr` algorithm (Welford updates); `None` with no rows or a constant side.
pub(super) fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let (mut n, mut mean_x, mut mean_y) = (0.0_f64, 0.0_f64, 0.0_f64);
    let (mut ssq_x, mut ssq_y, mut cov) = (0.0_f64, 0.0_f64, 0.0_f64);
    for (&vx, &vy) in x.iter().zip(y) {
        if vx.is_nan() || vy.is_nan() {
            continue;
        }
        n += 1.0;
        let dx = vx - mean_x;
        let dy = vy - mean_y;
        // `1 / n * d`, not `d / n`: pandas' exact arithmetic.
        let inverse = 1.0 / n;
        mean_x += inverse * dx;
        mean_y += inverse * dy;
        ssq_x += (vx - mean_x) * dx;
        ssq_y += (vy - mean_y) * dy;
        cov += (vx - mean_x) * dy;
    }
    let divisor = (ssq_x * ssq_y).sqrt();
    (n >= 1.0 && divisor != 0.0).then(|| cov / divisor)
}

/// `values` minus their mean when none is missing (`None` otherwise): the fast path of
/// [`pearson`] for complete columns. A constant column centres to exact zeros.
pub(super) fn centered(values: &[f64]) -> Option<Vec<f64>> {
    if values.iter().any(|v| v.is_nan()) {
        return None;
    }
    let first = values.first().copied().unwrap_or(0.0);
    // Exact equality is the point: only a truly constant column has no correlation.
    #[allow(clippy::float_cmp)]
    if values.iter().all(|&v| v == first) {
        return Some(vec![0.0; values.len()]);
    }
    let mean = block_sum(values, |x| x) / values.len() as f64;
    Some(values.iter().map(|v| v - mean).collect())
}

/// Σ a·b, summed like [`block_sum`].
pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut total = Sum::default();
    for (block_a, block_b) in a.chunks(256).zip(b.chunks(256)) {
        let mut lanes = [0.0_f64; 8];
        let (eights_a, eights_b) = (block_a.chunks_exact(8), block_b.chunks_exact(8));
        let (rest_a, rest_b) = (eights_a.remainder(), eights_b.remainder());
        for (ea, eb) in eights_a.zip(eights_b) {
            for ((lane, x), y) in lanes.iter_mut().zip(ea).zip(eb) {
                *lane += x * y;
            }
        }
        let mut block_total: f64 = lanes.iter().sum();
        for (x, y) in rest_a.iter().zip(rest_b) {
            block_total += x * y;
        }
        total.add(block_total);
    }
    total.value()
}

/// Pearson correlation of two [`centered`] columns of equal length, given their sums of
/// squares `dot(x, x)` and `dot(y, y)` (two-pass, at least as accurate as pandas' Welford
/// updates): `None` when either is constant or empty.
pub(super) fn pearson_centered(x: &[f64], y: &[f64], (ssq_x, ssq_y): (f64, f64)) -> Option<f64> {
    let divisor = (ssq_x * ssq_y).sqrt();
    (divisor != 0.0).then(|| dot(x, y) / divisor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_linearly_like_numpy() {
        // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
        let mut v = vec![4.0, 1.0, 3.0, 2.0];
        let q = quantiles(&mut v, &[0.25, 0.5, 0.75]);
        assert_eq!(q, vec![Some(1.75), Some(2.5), Some(3.25)]);
        let mut one = vec![7.0];
        assert_eq!(quantiles(&mut one, &[0.0, 0.5, 1.0]), vec![Some(7.0); 3]);
        assert_eq!(quantiles(&mut [], &[0.5]), vec![None]);
    }

    #[test]
    fn mean_and_std_need_values_and_two_for_std() {
        let (n, mean, std) = mean_std(&[1.0, 3.0]);
        assert_eq!((n, mean), (2, Some(2.0)));
        assert!((std.unwrap() - 2.0_f64.sqrt()).abs() < 1e-15);
        assert_eq!(mean_std(&[5.0]), (1, Some(5.0), None));
        assert_eq!(mean_std(&[]), (0, None, None));
        // 1000 values across blocks and lanes: mean 499.5, variance n(n+1)/12 = 83416.66…
        let many: Vec<f64> = (0..1000).map(f64::from).collect();
        let (_, mean, std) = mean_std(&many);
        assert_eq!(mean, Some(499.5));
        assert!((std.unwrap().powi(2) - 1000.0 * 1001.0 / 12.0).abs() < 1e-9);
    }

    #[test]
    #[allow(clippy::float_cmp)] // exact by design: the compensation recovers every unit
    fn compensated_sum_keeps_small_terms_next_to_large_ones() {
        let mut s = Sum::default();
        for x in [1e16, 1.0, -1e16, 1.0] {
            s.add(x);
        }
        assert_eq!(s.value(), 2.0);
    }

    #[test]
    fn pearson_uses_pairwise_complete_rows_and_is_undefined_for_constants() {
        let x = [1.0, 2.0, 3.0, f64::NAN, 5.0];
        let y = [2.0, 4.0, 6.0, 100.0, 10.0];
        assert!((pearson(&x, &y).unwrap() - 1.0).abs() < 1e-15);
        assert_eq!(pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(pearson(&[], &[]), None);
    }

    #[test]
    fn centred_pearson_agrees_with_welford_and_spots_constants() {
        let x: Vec<f64> = (0..1000).map(|i| f64::from(i).sin() * 1e3 + 5e6).collect();
        let y: Vec<f64> = (0..1000)
            .zip(&x)
            .map(|(i, xi)| f64::from(i * 7 % 13) + xi * 1e-4)
            .collect();
        let (cx, cy) = (centered(&x).unwrap(), centered(&y).unwrap());
        let fast = pearson_centered(&cx, &cy, (dot(&cx, &cx), dot(&cy, &cy))).unwrap();
        let welford = pearson(&x, &y).unwrap();
        assert!((fast - welford).abs() < 1e-12, "{fast} vs {welford}");
        let (flat, some) = (centered(&[0.1; 7]).unwrap(), centered(&x[..7]).unwrap());
        assert_eq!(
            pearson_centered(&flat, &some, (dot(&flat, &flat), 1.0)),
            None
        );
        assert_eq!(centered(&[1.0, f64::NAN]), None);
    }
}
