//! The background sample SHAP values are measured against: "the feature took a typical
//! value instead" means "the value of a background row".

use rand::Rng;

use crate::random::rng_from_seed;
use crate::train::Matrix;

/// `n` rows of `rows` drawn without replacement from `seed` (kept in their original order),
/// or all of them when there are no more than `n`.
pub fn background_sample(rows: &Matrix, n: usize, seed: u64) -> Matrix {
    if n >= rows.n_rows {
        return rows.clone();
    }
    let mut picked = distinct_indices(&mut rng_from_seed(seed), rows.n_rows, n);
    picked.sort_unstable();
    rows.select_rows(&picked)
}

/// `k` distinct indices below `n` (`k ≤ n`), uniformly (a partial Fisher–Yates shuffle).
pub(crate) fn distinct_indices(rng: &mut impl Rng, n: usize, k: usize) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..n).collect();
    for i in 0..k.min(n) {
        let j = rng.random_range(i..n);
        indices.swap(i, j);
    }
    indices.truncate(k);
    indices
}
