//! The two-sample Kolmogorov–Smirnov test as scipy's `ks_2samp(reference, current)` with
//! its defaults (two-sided, `method='auto'`): the largest gap between the two empirical
//! CDFs; the exact p-value when both samples have at most 10,000 values (lattice paths:
//! `_compute_prob_outside_square` for equal sizes, Hodges' inside method with Viehmann's
//! recursion otherwise), else `kstwo.sf(d, round(n₁n₂/(n₁+n₂)))`. As scipy, the exact path
//! reports d rounded to a multiple of 1/lcm(n₁, n₂), and falls back to the asymptotic one
//! when the lattice sum leaves [0, 1].

use super::kolmogorov::kstwo_sf;
#[cfg(test)]
use super::sample::Sample;

/// Above this sample size scipy's `auto` stops computing exact p-values.
const MAX_EXACT_N: usize = 10_000;

/// The statistic, its p-value and whether it came from the exact distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct KsResult {
    pub statistic: f64,
    pub p_value: f64,
    pub exact: bool,
}

/// `ks_2samp(reference, current)`.
#[cfg(test)]
pub(crate) fn ks_two_sample(reference: &Sample, current: &Sample) -> KsResult {
    let gap = super::joint_walk::walk(reference.sorted(), current.sorted()).largest_gap;
    ks_from_gap(reference.len(), current.len(), gap)
}

/// The test for samples of sizes n1 and n2 whose CDFs differ by at most `d`.
pub(crate) fn ks_from_gap(n1: usize, n2: usize, d: f64) -> KsResult {
    if n1.max(n2) <= MAX_EXACT_N {
        let (d_rounded, p) = exact_p_value(n1 as u64, n2 as u64, d);
        if (0.0..=1.0).contains(&p) {
            return KsResult {
                statistic: d_rounded,
                p_value: p,
                exact: true,
            };
        }
        return asymptotic(n1, n2, d_rounded);
    }
    asymptotic(n1, n2, d)
}

fn asymptotic(n1: usize, n2: usize, d: f64) -> KsResult {
    let (m, n) = (n1.max(n2) as f64, n1.min(n2) as f64);
    let en = (m * n / (m + n)).round_ties_even();
    // en lies between min(n1, n2)/2 and min(n1, n2): a positive whole number.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let en = en.max(1.0) as u64;
    KsResult {
        statistic: d,
        p_value: kstwo_sf(en, d).clamp(0.0, 1.0),
        exact: false,
    }
}

/// scipy's `_attempt_exact_2kssamp`: d rounded to h/lcm and P(D ≥ d) by lattice paths.
fn exact_p_value(n1: u64, n2: u64, d: f64) -> (f64, f64) {
    let g = gcd(n1, n2);
    let lcm = (n1 / g) * n2;
    let lcm_f = lcm as f64;
    let h_f = (d * lcm_f).round_ties_even();
    let d = h_f / lcm_f;
    // 0 ≤ h ≤ lcm, and lcm ≤ 10⁸ here.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let h = h_f as u64;
    if h == 0 {
        return (d, 1.0);
    }
    let p = if n1 == n2 {
        outside_square(n1, h)
    } else {
        outside_inside_method(n1, n2, g, h)
    };
    (d, p)
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// P(D_{n,n} ≥ h/n): 2·Σ (−1)ᵏ⁺¹ C(2n, n − kh)/C(2n, n), in scipy's Horner form.
fn outside_square(n: u64, h: u64) -> f64 {
    let mut p = 0.0;
    let nf = n as f64;
    for k in (0..=n / h).rev() {
        let mut term = 1.0;
        for j in 0..h {
            let kh_j = (k * h + j) as f64;
            term = (nf - kh_j) * term / (nf + kh_j + 1.0);
        }
        p = term * (1.0 - p);
    }
    2.0 * p
}

/// The share of lattice paths from (0, 0) to (m, n) that leave the band
/// |x/m − y/n| < h/lcm (scipy's `_compute_outer_prob_inside_method`): one column of the
/// path counts at a time, normalised as it goes so it holds probabilities.
#[allow(clippy::many_single_char_names)] // named as in the papers and scipy's code
fn outside_inside_method(n1: u64, n2: u64, g: u64, h: u64) -> f64 {
    let (m, n) = (n1.max(n2), n1.min(n2));
    // All quantities are at most lcm ≤ 10⁸: i64 arithmetic is exact.
    let (m, n, g, h) = (as_i64(m), as_i64(n), as_i64(g), as_i64(h));
    let (mg, ng) = (m / g, n / g);
    let ceil_div = |a: i64, b: i64| -((-a).div_euclid(b));
    let mut min_j = 0_i64;
    let mut max_j = ceil_div(h, mg).min(n + 1);
    let mut current_len = max_j - min_j;
    let len = usize::try_from((2 * max_j + 2).min(n + 1)).unwrap_or(0);
    let mut column = vec![1.0; len];
    for cell in column.iter_mut().take(as_usize(max_j)) {
        *cell = 0.0;
    }
    for i in 1..=m {
        let (last_min_j, last_len) = (min_j, current_len);
        min_j = ((ng * i - h).div_euclid(mg) + 1).max(0).min(n);
        max_j = ceil_div(ng * i + h, mg).min(n + 1);
        if max_j <= min_j {
            return 1.0;
        }
        let mut value = if min_j == 0 { 0.0 } else { 1.0 };
        let (fi, shift) = (i as f64, as_usize(min_j - last_min_j));
        for jj in 0..as_usize(max_j - min_j) {
            let j = (jj + as_usize(min_j)) as f64;
            value = (column[jj + shift] * fi + value * j) / (fi + j);
            column[jj] = value;
        }
        current_len = max_j - min_j;
        if last_len > current_len {
            let from = as_usize(max_j - min_j);
            let to = (from + as_usize(last_len - current_len)).min(column.len());
            for cell in &mut column[from..to] {
                *cell = 1.0;
            }
        }
    }
    column[as_usize(max_j - min_j - 1)]
}

fn as_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn as_usize(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}
