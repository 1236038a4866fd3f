//! One sample of a feature, sorted once: every test reads it (KS, PSI, Wasserstein,
//! quantiles, distinct values) without sorting again. The engine keeps the reference's
//! [`Sample`] and compares it with each week of current rows.

use serde::{Deserialize, Serialize};

use super::DriftError;

/// A feature's values, sorted, with the moments the t-tests need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    sorted: Vec<f64>,
    mean: f64,
    /// Sum of squared deviations from the mean (0 exactly when all values are equal).
    sum_squares: f64,
    distinct: usize,
    integral: bool,
}

impl Sample {
    /// Sorts `values` and computes its moments. Errors when `values` is empty or holds NaN
    /// or an infinity (the caller drops missing values first); `feature` and `which`
    /// ("reference" or "current") name the sample in the message.
    pub fn new(feature: &str, which: &'static str, values: &[f64]) -> Result<Self, DriftError> {
        if values.is_empty() {
            return Err(DriftError::EmptySample {
                feature: feature.to_string(),
                which,
            });
        }
        if let Some(row) = values.iter().position(|v| !v.is_finite()) {
            return Err(DriftError::NotFinite {
                feature: feature.to_string(),
                which,
                row,
                value: values[row].to_string(),
            });
        }
        // Moments in the given order with numpy's pairwise summation, so means and
        // variances agree with numpy's to the last bits or nearly.
        let n = values.len() as f64;
        let mean = pairwise_sum(values, |v| v) / n;
        let sorted = sorted_copy(values);
        let constant = sorted.first() == sorted.last();
        let sum_squares = if constant {
            0.0
        } else {
            pairwise_sum(values, |v| (v - mean) * (v - mean))
        };
        let (distinct, integral) = distinct_and_integral(&sorted);
        Ok(Self {
            sorted,
            mean,
            sum_squares,
            distinct,
            integral,
        })
    }

    /// The values, ascending.
    pub fn sorted(&self) -> &[f64] {
        &self.sorted
    }

    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Never true: a sample holds at least one value.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Variance with `ddof` removed from the count (0: population, 1: sample), as
    /// numpy's `var(ddof=…)`; 0 for a constant sample, NaN when `ddof` ≥ n.
    pub fn variance(&self, ddof: usize) -> f64 {
        let n = self.len();
        if ddof >= n {
            return f64::NAN;
        }
        self.sum_squares / (n - ddof) as f64
    }

    /// How many different values.
    pub fn distinct(&self) -> usize {
        self.distinct
    }

    /// Every value is a whole number (an integer column, as the engine passes them).
    pub fn is_integral(&self) -> bool {
        self.integral
    }

    /// How many values are ≤ `x`.
    pub fn count_at_most(&self, x: f64) -> usize {
        self.sorted.partition_point(|&v| v <= x)
    }

    /// How many values are < `x`.
    pub fn count_below(&self, x: f64) -> usize {
        self.sorted.partition_point(|&v| v < x)
    }

    /// The `q` quantile by numpy's default (`linear`) rule: position q·(n−1) between the
    /// two nearest order statistics, interpolated as numpy's `_lerp` does.
    pub fn quantile(&self, q: f64) -> f64 {
        let last = self.len() - 1;
        let virtual_index = last as f64 * q;
        let below = virtual_index.floor();
        let gamma = virtual_index - below;
        // `below` lies in 0..=last: q is in [0, 1] and floor() of a non-negative number.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let i = (below as usize).min(last);
        let a = self.sorted[i];
        let b = self.sorted[(i + 1).min(last)];
        let diff = b - a;
        if gamma >= 0.5 {
            b - diff * (1.0 - gamma)
        } else {
            a + diff * gamma
        }
    }

    /// The distinct values and how often each occurs, ascending.
    #[allow(clippy::float_cmp)] // runs of equal values, compared exactly
    pub fn value_counts(&self) -> Vec<(f64, usize)> {
        let mut out: Vec<(f64, usize)> = Vec::with_capacity(self.distinct);
        for &v in &self.sorted {
            match out.last_mut() {
                Some((last, count)) if *last == v => *count += 1,
                _ => out.push((v, 1)),
            }
        }
        out
    }
}

/// How many distinct values the sorted values hold, and whether all are whole numbers
/// (checked once per distinct value).
fn distinct_and_integral(sorted: &[f64]) -> (usize, bool) {
    let mut distinct = 0;
    let mut integral = true;
    let mut previous = None;
    for &v in sorted {
        if previous != Some(v) {
            distinct += 1;
            integral = integral && v.fract() == 0.0;
            previous = Some(v);
        }
    }
    (distinct, integral)
}

/// The values ascending. Sorting the IEEE bit patterns, mapped so that unsigned order is
/// numeric order, is ~1.6× faster than comparing floats (the sort is most of the cost of
/// a drift test); the values are finite, and −0 sorts before +0 as `total_cmp` has it.
fn sorted_copy(values: &[f64]) -> Vec<f64> {
    const SIGN: u64 = 1 << 63;
    let mut keys: Vec<u64> = values
        .iter()
        .map(|v| {
            let bits = v.to_bits();
            if bits & SIGN == 0 { bits | SIGN } else { !bits }
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|k| f64::from_bits(if k & SIGN == 0 { !k } else { k & !SIGN }))
        .collect()
}

/// numpy's pairwise summation (`pairwise_sum_DOUBLE`) of `f(v)` over the values: blocks of
/// up to 128 summed in eight lanes, halves above that. Error O(ε log n), not O(ε n).
pub(crate) fn pairwise_sum(values: &[f64], f: impl Fn(f64) -> f64 + Copy) -> f64 {
    const BLOCK: usize = 128;
    let n = values.len();
    if n < 8 {
        return values.iter().fold(0.0, |acc, &v| acc + f(v));
    }
    if n <= BLOCK {
        let mut lanes = [0.0; 8];
        for (lane, &v) in lanes.iter_mut().zip(&values[..8]) {
            *lane = f(v);
        }
        let whole = n - n % 8;
        for chunk in values[8..whole].chunks_exact(8) {
            for (lane, &v) in lanes.iter_mut().zip(chunk) {
                *lane += f(v);
            }
        }
        let mut sum = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3]))
            + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        for &v in &values[whole..] {
            sum += f(v);
        }
        return sum;
    }
    let mut half = n / 2;
    half -= half % 8;
    pairwise_sum(&values[..half], f) + pairwise_sum(&values[half..], f)
}
