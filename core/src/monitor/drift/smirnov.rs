//! Smirnov's one-sided distribution, P(D⁺ₙ ≥ x) — scipy's `special.smirnov`, which the
//! two-sided Kolmogorov tail uses for large statistics (p = 2·smirnov).
//!
//! The Birnbaum–Tingey sum x·Σᵥ C(n,v)(x + v/n)^(v−1)(1 − x − v/n)^(n−v), v = 0…⌊n(1−x)⌋,
//! has positive terms only; each is computed in logarithms from exact integer parts
//! (x + v/n = (⌊nx⌋ + v + α)/n), so no digits cancel. scipy sums the same series in
//! double-double; the two agree to ~1e-11.

use super::special::ln_beta;

/// `exp` of anything below this is 0.
const MIN_LN: f64 = -745.2;
/// Above this n scipy's `smirnov` uses an approximation instead of the sum.
const MAX_COMPUTE_N: u64 = 1_000_000;

/// P(D⁺ₙ ≥ x).
#[allow(clippy::float_cmp)] // exact: x at the ends of the support
pub(crate) fn smirnov_sf(n: u64, x: f64) -> f64 {
    if x.is_nan() || !(0.0..=1.0).contains(&x) {
        return f64::NAN;
    }
    if n == 1 {
        return 1.0 - x;
    }
    if x == 0.0 {
        return 1.0;
    }
    if x == 1.0 {
        return 0.0;
    }
    let nf = n as f64;
    let (floor_nx, alpha) = split_nx(nf, x);
    if floor_nx == 0 || (floor_nx == 1 && alpha == 0.0) {
        // x ≤ 1/n: CDF = x (1 + x)^(n−1).
        return 1.0 - x * libm::pow(1.0 + x, nf - 1.0);
    }
    if -2.0 * nf * x * x < -708.396_418_532_264_1 {
        return 0.0;
    }
    if floor_nx + 1 >= n {
        return libm::pow(1.0 - x, nf);
    }
    if n > MAX_COMPUTE_N {
        let ln_p = -(6.0 * nf * x + 1.0).powi(2) / 18.0 / nf;
        return libm::exp(ln_p);
    }
    // Last v with a non-zero term: 1 − x − v/n > 0.
    let last = n - floor_nx - 1;
    x * birnbaum_tingey_sum(n, floor_nx, alpha, last)
}

/// Σᵥ₌₀…last C(n,v)(x + v/n)^(v−1)(1 − x − v/n)^(n−v) with n·x = `floor_nx` + `alpha`. Long
/// sums (n up to 10⁶ terms) first find the stretch of terms within e⁻⁸⁰ of the largest:
/// the rest cannot add 1e-25 of the sum, and skipping them makes a 250k-row comparison
/// ~20× cheaper.
fn birnbaum_tingey_sum(n: u64, floor_nx: u64, alpha: f64, last: u64) -> f64 {
    let (from, to) = if last < FULL_SUM_TERMS {
        (0, last)
    } else {
        significant_terms(n, floor_nx, alpha, last)
    };
    sum_terms(n, floor_nx, alpha, from, to, last)
}

/// Terms this far (in ln) below the largest are left out.
const WINDOW_LN: f64 = 80.0;
/// Sums with fewer terms are summed whole.
const FULL_SUM_TERMS: u64 = 4096;
/// Grid points of the search for the significant terms.
const GRID: u64 = 2048;

/// The first and last v whose term is within e^−[`WINDOW_LN`] of the largest, widened by
/// a grid step on each side (terms vary slowly between grid points: their logarithm is a
/// smooth function of v).
fn significant_terms(n: u64, floor_nx: u64, alpha: f64, last: u64) -> (u64, u64) {
    let grid: Vec<u64> = (0..GRID).map(|g| g * last / (GRID - 1)).collect();
    let logs: Vec<f64> = grid
        .iter()
        .map(|&v| ln_binomial(n, v) + ln_powers(n, floor_nx, alpha, v))
        .collect();
    let largest = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let significant = |l: &f64| *l >= largest - WINDOW_LN;
    let first = logs.iter().position(significant).unwrap_or(0);
    let end = logs.iter().rposition(significant).unwrap_or(grid.len() - 1);
    (
        grid[first.saturating_sub(1)],
        grid[(end + 1).min(grid.len() - 1)],
    )
}

/// ln C(n, v) = −ln(n + 1) − ln B(v + 1, n − v + 1), good to ~1e-11 (ln B subtracts the
/// large Stirling terms analytically).
fn ln_binomial(n: u64, v: u64) -> f64 {
    if v == 0 || v == n {
        return 0.0;
    }
    -libm::log((n + 1) as f64) - ln_beta((v + 1) as f64, (n - v + 1) as f64)
}

/// (v − 1)·ln(x + v/n) + (n − v)·ln(1 − x − v/n), the two bases from exact integer parts
/// (they add up to 1; the log of the smaller goes through log1p).
fn ln_powers(n: u64, floor_nx: u64, alpha: f64, v: u64) -> f64 {
    let nf = n as f64;
    let up = ((floor_nx + v) as f64 + alpha) / nf;
    let down = ((n - floor_nx - v) as f64 - alpha) / nf;
    let (ln_up, ln_down) = if up < down {
        (libm::log(up), libm::log1p(-up))
    } else {
        (libm::log1p(-down), libm::log(down))
    };
    (v as f64 - 1.0) * ln_up + (nf - v as f64) * ln_down
}

/// The terms from `from` to `to`, stopping early (as scipy does) once the terms left up to
/// `last` cannot move the sum.
fn sum_terms(n: u64, floor_nx: u64, alpha: f64, from: u64, to: u64, last: u64) -> f64 {
    let middle = n / 2;
    let mut sum = 0.0;
    // ln C(n, v) from its value at `from`, one factor (n − v + 1)/v at a time, summed
    // with Neumaier's compensation: the running sum reaches ~10⁴, where plain additions
    // would each round by ~1e-12.
    let (mut ln_c, mut compensation) = (ln_binomial(n, from), 0.0_f64);
    for v in from..=to {
        if v > from {
            let step = libm::log((n - v + 1) as f64 / v as f64);
            let total = ln_c + step;
            compensation += if ln_c.abs() >= step.abs() {
                (ln_c - total) + step
            } else {
                (step - total) + ln_c
            };
            ln_c = total;
        }
        let ln_term = (ln_c + compensation) + ln_powers(n, floor_nx, alpha, v);
        let term = if ln_term < MIN_LN {
            0.0
        } else {
            libm::exp(ln_term)
        };
        sum += term;
        let remaining = (last - v) as f64;
        if term != 0.0 {
            if v != last && 4.0 * remaining * term < f64::EPSILON * sum {
                break;
            }
        } else if v > middle {
            break;
        }
    }
    sum
}

/// The whole sum, term by term (what the window must agree with).
#[cfg(test)]
pub(crate) fn full_sum_sf(n: u64, x: f64) -> f64 {
    let (floor_nx, alpha) = split_nx(n as f64, x);
    let last = n - floor_nx - 1;
    x * sum_terms(n, floor_nx, alpha, 0, last, last)
}

/// ⌊n·x⌋ and n·x − ⌊n·x⌋, exactly (the product's rounding error is recovered with an FMA).
pub(crate) fn split_nx(n: f64, x: f64) -> (u64, f64) {
    let product = n * x;
    let error = libm::fma(n, x, -product);
    let mut floor = product.floor();
    let mut alpha = (product - floor) + error;
    if alpha < 0.0 {
        floor -= 1.0;
        alpha += 1.0;
    }
    if alpha >= 1.0 {
        floor += 1.0;
        alpha -= 1.0;
    }
    // n·x lies in [0, n] for x in [0, 1]: a small non-negative whole number.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (floor as u64, alpha)
}
