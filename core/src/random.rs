//! Seeded randomness. Every random step in the core takes an RNG argument; this module
//! names the one generator we use (platform-independent, so native and wasm agree) and the
//! few distributions the demo needs.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The generator used everywhere: same seed, same stream on every platform.
pub type JukeboxRng = ChaCha8Rng;

/// A generator from a user-visible seed.
pub fn rng_from_seed(seed: u64) -> JukeboxRng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// A standard normal draw (Box–Muller; one of the pair is discarded for simplicity).
pub fn standard_normal(rng: &mut impl Rng) -> f64 {
    // `random::<f64>()` is in [0, 1): shift to (0, 1] so the logarithm stays finite.
    let u1 = 1.0 - rng.random::<f64>();
    let u2 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A normal draw with the given mean and standard deviation.
pub fn normal(rng: &mut impl Rng, mean: f64, std_dev: f64) -> f64 {
    mean + std_dev * standard_normal(rng)
}

/// A uniform index below `n` (`n > 0`).
pub fn index_below(rng: &mut impl Rng, n: usize) -> usize {
    rng.random_range(0..n)
}

/// `true` with probability `p`.
pub fn chance(rng: &mut impl Rng, p: f64) -> bool {
    rng.random::<f64>() < p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_stream() {
        let mut a = rng_from_seed(7);
        let mut b = rng_from_seed(7);
        let xs: Vec<f64> = (0..5).map(|_| standard_normal(&mut a)).collect();
        let ys: Vec<f64> = (0..5).map(|_| standard_normal(&mut b)).collect();
        assert_eq!(xs, ys);
    }

    #[test]
    fn standard_normal_has_unit_moments() {
        let mut rng = rng_from_seed(1);
        let n = 50_000;
        let xs: Vec<f64> = (0..n).map(|_| standard_normal(&mut rng)).collect();
        let mean = xs.iter().sum::<f64>() / f64::from(n);
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f64::from(n);
        assert!(mean.abs() < 0.02, "mean {mean}");
        assert!((var - 1.0).abs() < 0.03, "variance {var}");
    }
}
