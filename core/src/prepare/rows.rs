//! Choosing rows at random: a seeded sample without replacement.

use polars_core::prelude::{DataFrame, IdxCa, IdxSize, PlSmallStr};

use super::PrepareError;
use crate::random::{index_below, rng_from_seed};

/// `df.sample(n)`: `n` distinct rows in the order drawn, the same for the same seed.
pub(super) fn sample(df: &DataFrame, n: usize, seed: u64) -> Result<DataFrame, PrepareError> {
    let n_rows = df.height();
    if n > n_rows {
        return Err(PrepareError::SampleTooLarge { n, n_rows });
    }
    // A partial Fisher–Yates shuffle: the first `n` slots end up a uniform draw, in order.
    let mut rows: Vec<IdxSize> = (0..).take(n_rows).collect();
    let mut rng = rng_from_seed(seed);
    for i in 0..n {
        let j = i + index_below(&mut rng, n_rows - i);
        rows.swap(i, j);
    }
    rows.truncate(n);
    df.take(&IdxCa::from_vec(PlSmallStr::EMPTY, rows))
        .map_err(|e| PrepareError::frame("taking the sampled rows", &e))
}
