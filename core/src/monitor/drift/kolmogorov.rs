//! The two-sided one-sample Kolmogorov distribution, P(Dₙ ≥ d) — scipy's `kstwo.sf`, which
//! `ks_2samp` uses for large samples with n = round(n₁n₂/(n₁ + n₂)). The method per
//! region is scipy's (`scipy/stats/_ksstats.py`, after Simard & L'Ecuyer 2011): exact
//! Ruben–Gambino forms at the ends, 2·Smirnov for large n·d², the Durbin matrix (Marsaglia–
//! Tsang–Wang) or Pomeranz's recursion for small n, the Pelz–Good expansion otherwise.

use std::f64::consts::PI;

use super::durbin::durbin_cdf;
use super::pomeranz::pomeranz_cdf;
use super::smirnov::smirnov_sf;

/// P(Dₙ ≥ d), clipped to [0, 1].
pub(crate) fn kstwo_sf(n: u64, d: f64) -> f64 {
    let nf = n as f64;
    // scipy's distribution support is (1/2n, 1).
    if d <= 0.5 / nf {
        return 1.0;
    }
    if d >= 1.0 {
        return 0.0;
    }
    let t = nf * d;
    if t <= 1.0 {
        // Ruben–Gambino: CDF = n!/nⁿ (2t − 1)ⁿ.
        let cdf = if n <= 140 {
            (1..=n).fold(1.0, |p, i| p * ((i as f64 * (1.0 / nf)) * (2.0 * t - 1.0)))
        } else {
            libm::exp(ln_factorial_over_power(nf) + nf * libm::log(2.0 * t - 1.0))
        };
        return clip(1.0 - cdf);
    }
    if t >= nf - 1.0 {
        return clip(2.0 * libm::pow(1.0 - d, nf));
    }
    if d >= 0.5 {
        return clip(2.0 * smirnov_sf(n, d));
    }
    let nd2 = t * d;
    if n <= 140 {
        if nd2 <= 0.754_693 {
            return clip(1.0 - durbin_cdf(n, d));
        }
        if nd2 <= 4.0 {
            return clip(1.0 - pomeranz_cdf(n, d));
        }
        return clip(2.0 * smirnov_sf(n, d));
    }
    if nd2 >= 370.0 {
        return 0.0;
    }
    if nd2 >= 2.2 {
        return clip(2.0 * smirnov_sf(n, d));
    }
    let cdf = if n <= 100_000 && nf * libm::pow(d, 1.5) <= 1.4 {
        durbin_cdf(n, d)
    } else {
        pelz_good_cdf(nf, d)
    };
    clip(1.0 - cdf)
}

fn clip(p: f64) -> f64 {
    p.clamp(0.0, 1.0)
}

/// ln(n!/nⁿ) by Stirling's series with n ln n taken out first.
fn ln_factorial_over_power(n: f64) -> f64 {
    const COEFFICIENTS: [f64; 8] = [
        -2.955_065_359_477_124_2e-2,
        6.410_256_410_256_41e-3,
        -1.917_526_917_526_917_6e-3,
        8.417_508_417_508_417e-4,
        -5.952_380_952_380_953e-4,
        7.936_507_936_507_937e-4,
        -2.777_777_777_777_778e-3,
        8.333_333_333_333_333e-2,
    ];
    let rn = 1.0 / n;
    let y = rn / n;
    let series = COEFFICIENTS.iter().fold(0.0, |acc, c| acc * y + c);
    libm::log(n) / 2.0 - n + libm::log(2.0 * PI) / 2.0 + rn * series
}

/// P(Dₙ ≤ d) by the Pelz–Good expansion of the Li-Chien/Korolyuk series in powers of
/// 1/√n (good for small d and large n).
#[allow(clippy::many_single_char_names)] // named as in the papers and scipy's code
fn pelz_good_cdf(n: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let (pi2, pi4, pi6) = (PI * PI, PI.powi(4), PI.powi(6));
    let sqrt_2pi = libm::sqrt(2.0 * PI);
    let z = libm::sqrt(n) * x;
    let (z2, z3, z4, z6) = (z * z, z.powi(3), z.powi(4), z.powi(6));
    let q_ln = -pi2 / 8.0 / z2;
    if q_ln < -708.0 {
        return 0.0;
    }
    let q = libm::exp(q_ln);
    let (k1a, k1b) = (-z2, pi2 / 4.0);
    let k2a = 6.0 * z6 + 2.0 * z4;
    let k2b = (2.0 * z4 - 5.0 * z2) * pi2 / 4.0;
    let k2c = pi4 * (1.0 - 2.0 * z2) / 16.0;
    let k3d = pi6 * (5.0 - 30.0 * z2) / 64.0;
    let k3c = pi4 * (-60.0 * z2 + 212.0 * z4) / 16.0;
    let k3b = pi2 * (135.0 * z4 - 96.0 * z6) / 4.0;
    let k3a = -30.0 * z6 - 90.0 * z.powi(8);
    // ⌈16z/π⌉ terms; z < √2.2·… keeps this a handful.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let max_k = (16.0 * z / PI).ceil() as u32;
    let mut sums = [0.0; 4];
    for k in (1..=max_k).rev() {
        let m = f64::from(2 * k - 1);
        let (m2, m4, m6) = (m * m, m.powi(4), m.powi(6));
        let q_power = libm::pow(q, f64::from(8 * k));
        let coefficients = [
            1.0,
            k1a + k1b * m2,
            k2a + k2b * m2 + k2c * m4,
            k3a + k3b * m2 + k3c * m4 + k3d * m6,
        ];
        for (s, c) in sums.iter_mut().zip(coefficients) {
            *s = *s * q_power + c;
        }
    }
    let divisors = [z, 6.0 * z4, 72.0 * z.powi(7), 6480.0 * z.powi(10)];
    for (s, divisor) in sums.iter_mut().zip(divisors) {
        *s = *s * q * sqrt_2pi / divisor;
    }
    let q = libm::exp(-pi2 / 2.0 / z2);
    let (mut k2_extra, mut k3_extra) = (0.0, 0.0);
    let sqrt3_z = libm::sqrt(3.0) * z;
    for k in (1..=max_k).rev() {
        let kf = f64::from(k);
        let k2 = kf * kf;
        let q_power = libm::pow(q, k2);
        k2_extra += k2 * q_power;
        k3_extra += (sqrt3_z + PI * kf) * (sqrt3_z - PI * kf) * k2 * q_power;
    }
    sums[2] += k2_extra * pi2 * sqrt_2pi / (-36.0 * z3);
    sums[3] += k3_extra * pi2 * sqrt_2pi / (216.0 * z6);
    let mut total = 0.0;
    for (power, s) in sums.iter().enumerate() {
        total += s / libm::pow(n, power as f64 / 2.0);
    }
    total
}
