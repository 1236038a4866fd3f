//! Pomeranz's recursion (1974) for the Kolmogorov distribution, P(Dₙ ≤ d), as scipy's
//! `_kolmogn_Pomeranz`: exact, used for n ≤ 140 and moderate n·d². Each of the 2n + 1 rows
//! is the previous one convolved with (almost) Poisson probabilities; only a short
//! window of each row is non-zero.

/// Intermediate results are rescaled by 2¹²⁸ to stay in range.
const SCALE_EXPONENT: i32 = 128;

/// P(Dₙ ≤ x).
#[allow(clippy::many_single_char_names)] // named as in the papers and scipy's code
pub(crate) fn pomeranz_cdf(n: u64, x: f64) -> f64 {
    let nf = n as f64;
    // Row and window indices are signed: window starts may fall below 0 before clamping.
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    let t = nf * x;
    let t_floor = t.floor();
    // ⌊n·x⌋ ≤ n.
    #[allow(clippy::cast_possible_truncation)]
    let ll = t_floor as i64;
    let f = t - t_floor;
    let g = f.min(1.0 - f);
    let window = Window {
        n,
        ll,
        ceil_f: i64::from(f > 0.0),
        round_f: i64::from(f > 0.5),
    };
    let powers_len = usize::try_from(2 * (ll + 1)).unwrap_or(0);
    let g_powers = scaled_powers(g / nf, powers_len);
    let two_g_powers = scaled_powers(2.0 * g / nf, powers_len);
    let rest_powers = scaled_powers((1.0 - 2.0 * g) / nf, powers_len);

    let scale = libm::ldexp(1.0, SCALE_EXPONENT);
    let mut exponent = 0;
    let mut previous = vec![0.0; powers_len];
    let mut current = vec![0.0; powers_len];
    current[0] = 1.0;
    let (mut previous_start, mut current_start) = (0_i64, 0_i64);
    let (mut j1, _) = window.bounds(0);
    for i in 1..(2 * n + 2) {
        let k1 = j1;
        std::mem::swap(&mut previous, &mut current);
        std::mem::swap(&mut previous_start, &mut current_start);
        current.fill(0.0);
        let (new_j1, j2) = window.bounds(i);
        j1 = new_j1;
        let powers = if i == 1 || i == 2 * n + 1 {
            &g_powers
        } else if i % 2 == 1 {
            &two_g_powers
        } else {
            &rest_powers
        };
        let length = j2 - k1 + 1;
        if length <= 0 {
            continue;
        }
        let from = to_index(k1 - previous_start);
        let to = (from + to_index(length)).min(previous.len());
        let take = to_index(length).min(powers.len());
        let conv = convolve(&previous[from.min(to)..to], &powers[..take]);
        let conv_start = to_index(j1 - k1);
        let conv_len = to_index(j2 - j1 + 1);
        let end = (conv_start + conv_len).min(conv.len());
        if conv_start < end {
            current[..end - conv_start].copy_from_slice(&conv[conv_start..end]);
        }
        let largest = current.iter().copied().fold(0.0, f64::max);
        if largest > 0.0 && largest < 1.0 / scale {
            for v in &mut current {
                *v *= scale;
            }
            exponent -= SCALE_EXPONENT;
        }
        current_start = previous_start + j1 - k1;
    }
    // Multiply by n!.
    let mut answer = current
        .get(to_index(n - current_start))
        .copied()
        .unwrap_or(0.0);
    for m in 1..=n {
        if answer.abs() > scale {
            answer /= scale;
            exponent += SCALE_EXPONENT;
        }
        answer *= m as f64;
    }
    libm::ldexp(answer, exponent).clamp(0.0, 1.0)
}

/// A non-negative window index as `usize` (negative ones, never produced, become 0).
fn to_index(i: i64) -> usize {
    usize::try_from(i).unwrap_or(0)
}

/// rᵐ/m! for m = 0…len−1.
fn scaled_powers(r: f64, len: usize) -> Vec<f64> {
    let mut out = vec![1.0; len.max(1)];
    for m in 1..len {
        out[m] = out[m - 1] * r / m as f64;
    }
    out
}

/// The full discrete convolution of `a` and `b` (numpy's `convolve`, mode "full").
fn convolve(a: &[f64], b: &[f64]) -> Vec<f64> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0.0; a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            out[i + j] += x * y;
        }
    }
    out
}

/// Which entries of row i can be non-zero (scipy's `_pomeranz_compute_j1j2`).
struct Window {
    n: i64,
    ll: i64,
    ceil_f: i64,
    round_f: i64,
}

impl Window {
    fn bounds(&self, i: i64) -> (i64, i64) {
        let Window {
            n,
            ll,
            ceil_f,
            round_f,
        } = *self;
        let (j1, j2) = if i == 0 {
            (-ll - ceil_f - 1, ll + ceil_f - 1)
        } else {
            let half = (i + 1) / 2;
            if (i + 1) % 2 == 0 {
                if half == n + 1 {
                    (n - ll - ceil_f - 1, n + ll + ceil_f - 1)
                } else {
                    (half - 1 - ll - round_f - 1, half + ll - 1 + ceil_f - 1)
                }
            } else {
                (half - 1 - ll - 1, half + ll + round_f - 1)
            }
        };
        ((j1 + 2).max(0), j2.min(n))
    }
}
