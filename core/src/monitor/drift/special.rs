//! The distributions behind the p-values: Student's t (regularized incomplete beta by its
//! continued fraction, as Numerical Recipes' `betacf` with modified Lentz), chi-square and
//! the normal tail (regularized upper incomplete gamma: series below a + 1, continued
//! fraction above). Tails are computed as tails, never as 1 − CDF, so p-values keep their
//! digits down to ~1e-300; the tests compare them with scipy at 1e-9.
//!
//! `exp`, `ln` and friends come from `libm`, as in the network: the same bits natively and
//! in the browser.

use std::f64::consts::PI;

/// Relative precision the series and continued fractions stop at.
const EPS: f64 = f64::EPSILON;
/// Smallest magnitude the Lentz iterations let a denominator take.
const TINY: f64 = 1e-300;
/// Enough iterations for the t distribution with a million degrees of freedom (the
/// continued fraction needs O(√a) of them).
const MAX_ITERATIONS: usize = 100_000;

/// ln Γ(x) for x > 0: Lanczos (g = 7, 9 terms), ~1e-15 relative to Γ, below 0.5 through
/// Γ(x) = Γ(x + 1) / x.
pub(crate) fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        return ln_gamma(x + 1.0) - libm::log(x);
    }
    let z = x - 1.0;
    let mut sum = COEFFICIENTS[0];
    for (k, c) in COEFFICIENTS.iter().enumerate().skip(1) {
        sum += c / (z + k as f64);
    }
    let t = z + G + 0.5;
    0.5 * libm::log(2.0 * PI) + (z + 0.5) * libm::log(t) - t + libm::log(sum)
}

/// Stirling's correction ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π], for z ≥ 10.
fn stirling_correction(z: f64) -> f64 {
    let r = 1.0 / z;
    let r2 = r * r;
    r * (1.0 / 12.0
        - r2 * (1.0 / 360.0
            - r2 * (1.0 / 1260.0
                - r2 * (1.0 / 1680.0 - r2 * (1.0 / 1188.0 - r2 * (691.0 / 360_360.0))))))
}

/// ln B(a, b). For a large argument the Γ values are huge and nearly cancel, so the
/// Stirling forms are subtracted analytically (ln1p, no cancellation): the t
/// distribution with a million degrees of freedom keeps 1e-13 relative.
pub(crate) fn ln_beta(a: f64, b: f64) -> f64 {
    let (big, small) = if a >= b { (a, b) } else { (b, a) };
    if big < 10.0 {
        return ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    }
    let sum = big + small;
    let corrections = stirling_correction(big) - stirling_correction(sum);
    if small < 10.0 {
        // ln Γ(big) − ln Γ(big + small), by Stirling's series for both.
        let ratio =
            -(big - 0.5) * libm::log1p(small / big) - small * libm::log(sum) + small + corrections;
        return ln_gamma(small) + ratio;
    }
    -(big - 0.5) * libm::log1p(small / big) + (small - 0.5) * libm::log(small / sum)
        - 0.5 * libm::log(sum)
        + 0.5 * libm::log(2.0 * PI)
        + stirling_correction(small)
        + corrections
}

/// The regularized incomplete beta `I_x(a, b)`, with `y` = 1 − x given separately so that
/// x near 1 keeps its digits.
pub(crate) fn beta_inc(a: f64, b: f64, x: f64, y: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if y <= 0.0 {
        return 1.0;
    }
    let ln_x = if x > 0.5 {
        libm::log1p(-y)
    } else {
        libm::log(x)
    };
    let ln_y = if y > 0.5 {
        libm::log1p(-x)
    } else {
        libm::log(y)
    };
    let front = libm::exp(a * ln_x + b * ln_y - ln_beta(a, b));
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x, y) / a
    } else {
        1.0 - front * beta_fraction(b, a, y, x) / b
    }
}

/// The continued fraction of `I_x(a, b)` (Numerical Recipes' `betacf`, modified Lentz), y = 1 − x.
#[allow(clippy::many_single_char_names)] // named as in the papers and scipy's code
fn beta_fraction(a: f64, b: f64, x: f64, y: f64) -> f64 {
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    // 1 − (a + b)x/(a + 1); for x near 1 written with y, as the plain form then cancels
    // (to a few units of 1/a for large a).
    let first = if x > 0.5 {
        (1.0 - b + qab * y) / qap
    } else {
        1.0 - qab * x / qap
    };
    let mut d = 1.0 / guard(first);
    let mut h = d;
    for m in 1..=MAX_ITERATIONS {
        let m = m as f64;
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() <= EPS {
            break;
        }
    }
    h
}

/// P(T > t) for Student's t with `df` degrees of freedom (df may be fractional, as
/// Welch's).
pub fn student_t_sf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if t == 0.0 {
        return 0.5;
    }
    let t2 = t * t;
    // x = df / (df + t²) and y = t² / (df + t²), each without cancellation.
    let (x, y) = if t2.is_infinite() {
        (0.0, 1.0)
    } else if t2 > df {
        let r = df / t2;
        (r / (1.0 + r), 1.0 / (1.0 + r))
    } else {
        let r = t2 / df;
        (1.0 / (1.0 + r), r / (1.0 + r))
    };
    let tail = 0.5 * beta_inc(0.5 * df, 0.5, x, y);
    if t > 0.0 { tail } else { 1.0 - tail }
}

/// Two-sided p-value of a t statistic: 2·P(T > |t|).
pub fn student_t_two_sided(t: f64, df: f64) -> f64 {
    (2.0 * student_t_sf(t.abs(), df)).min(1.0)
}

/// The regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a).
#[allow(clippy::many_single_char_names)] // named as in the papers and scipy's code
pub(crate) fn gamma_q(a: f64, x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    let front = libm::exp(-x + a * libm::log(x) - ln_gamma(a));
    if x < a + 1.0 {
        // Series of P(a, x).
        let mut term = 1.0 / a;
        let mut sum = term;
        let mut ap = a;
        for _ in 0..MAX_ITERATIONS {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * EPS {
                break;
            }
        }
        1.0 - front * sum
    } else {
        // Continued fraction of Q(a, x) (modified Lentz).
        let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..=MAX_ITERATIONS {
            let i = i as f64;
            let an = -i * (i - a);
            b += 2.0;
            d = 1.0 / guard(an * d + b);
            c = guard(b + an / c);
            let step = d * c;
            h *= step;
            if (step - 1.0).abs() <= EPS {
                break;
            }
        }
        front * h
    }
}

/// P(X > x) for chi-square with `df` degrees of freedom.
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    gamma_q(0.5 * df, 0.5 * x)
}

/// P(Z > z) for the standard normal: ½ erfc(z/√2) = ½ Q(½, z²/2).
pub fn normal_sf(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    let tail = 0.5 * gamma_q(0.5, 0.5 * z * z);
    if z >= 0.0 { tail } else { 1.0 - tail }
}
