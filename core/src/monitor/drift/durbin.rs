//! Durbin's matrix method for the Kolmogorov distribution, P(Dₙ ≤ d), in Marsaglia, Tsang
//! & Wang's form (2003), as scipy's `_kolmogn_DMTW`: for small n·d², where it is exact.

/// Intermediate results are rescaled by 2¹²⁸ to stay in range.
const SCALE_EXPONENT: i32 = 128;

/// P(Dₙ ≤ d) by Durbin's matrix: the k-th diagonal entry of n!/nⁿ·Hⁿ, H of size 2k − 1
/// with k = ⌈nd⌉ (Marsaglia, Tsang & Wang 2003).
#[allow(clippy::many_single_char_names)] // named as in the papers and scipy's code
pub(crate) fn durbin_cdf(n: u64, d: f64) -> f64 {
    let nd = n as f64 * d;
    if d >= 1.0 {
        return 1.0;
    }
    if nd <= 0.5 {
        return 0.0;
    }
    let k_f = nd.ceil();
    let h = k_f - nd;
    // k = ⌈nd⌉ ≤ n: a small positive whole number.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let k = k_f as usize;
    let m = 2 * k - 1;
    let mut v: Vec<f64> = (1..=m).map(|j| 1.0 - libm::pow(h, j as f64)).collect();
    let mut w = vec![0.0; m];
    let mut factorial = 1.0;
    for j in 1..=m {
        w[j - 1] = factorial;
        factorial /= j as f64;
        v[j - 1] *= factorial;
    }
    let mf = m as f64;
    let tt = libm::pow((2.0 * h - 1.0).max(0.0), mf) - 2.0 * libm::pow(h, mf);
    v[m - 1] = (1.0 + tt) * factorial;
    let mut matrix = Matrix::zeros(m);
    for i in 1..m {
        for r in (i - 1)..m {
            matrix.set(r, i, w[r + 1 - i]);
        }
    }
    for (r, &value) in v.iter().enumerate() {
        matrix.set(r, 0, value);
        // The last row is v reversed.
        matrix.set(m - 1, m - 1 - r, value);
    }
    let (p, mut exponent_sum) = matrix.power_entry(n, k - 1);
    // Multiply by n!/nⁿ one factor at a time, rescaling on the way.
    let scale = libm::ldexp(1.0, SCALE_EXPONENT);
    let mut p = p;
    let nf = n as f64;
    for i in 1..=n {
        p = i as f64 * p / nf;
        if p.abs() < 1.0 / scale {
            p *= scale;
            exponent_sum -= SCALE_EXPONENT;
        }
    }
    libm::ldexp(p, exponent_sum).clamp(0.0, 1.0)
}

/// A square matrix, row-major.
struct Matrix {
    size: usize,
    cells: Vec<f64>,
}

impl Matrix {
    fn zeros(size: usize) -> Self {
        Self {
            size,
            cells: vec![0.0; size * size],
        }
    }

    fn identity(size: usize) -> Self {
        let mut m = Self::zeros(size);
        for i in 0..size {
            m.set(i, i, 1.0);
        }
        m
    }

    fn get(&self, r: usize, c: usize) -> f64 {
        self.cells[r * self.size + c]
    }

    fn set(&mut self, r: usize, c: usize, value: f64) {
        self.cells[r * self.size + c] = value;
    }

    fn times(&self, other: &Self) -> Self {
        let s = self.size;
        let mut out = Self::zeros(s);
        for r in 0..s {
            for k in 0..s {
                let a = self.get(r, k);
                if a == 0.0 {
                    continue;
                }
                for c in 0..s {
                    out.cells[r * s + c] += a * other.cells[k * s + c];
                }
            }
        }
        out
    }

    /// Entry (i, i) of selfⁿ by repeated squaring, as (mantissa, power of two).
    fn power_entry(mut self, n: u64, i: usize) -> (f64, i32) {
        let scale = libm::ldexp(1.0, SCALE_EXPONENT);
        let mut result = Self::identity(self.size);
        let (mut exponent_sum, mut own_exponent) = (0, 0);
        let mut remaining = n;
        while remaining > 0 {
            if remaining % 2 == 1 {
                result = result.times(&self);
                exponent_sum += own_exponent;
            }
            self = self.times(&self);
            own_exponent *= 2;
            if self.get(i, i).abs() > scale {
                for cell in &mut self.cells {
                    *cell /= scale;
                }
                own_exponent += SCALE_EXPONENT;
            }
            remaining /= 2;
        }
        (result.get(i, i), exponent_sum)
    }
}
