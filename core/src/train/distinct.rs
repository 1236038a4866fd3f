//! Rows with identical features, found once: the trees grow on them, k-nearest neighbours
//! searches them (`classic`), and every model scores a repeated row once
//! ([`score_distinct`]). The course's rows are daily chart entries of far fewer songs, so
//! this work is per song, not per day.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::train::Matrix;

/// A row's features compared and hashed by their bits (the values never hold NaN; `-0.0`
/// and `0.0` become two groups, which is harmless: groups need not be as large as possible).
struct RowKey<'a>(&'a [f32]);

impl Hash for RowKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for v in self.0 {
            state.write_u32(v.to_bits());
        }
    }
}

impl PartialEq for RowKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0
            .iter()
            .zip(other.0)
            .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

impl Eq for RowKey<'_> {}

/// The rows of `x` grouped by identical features, groups numbered in order of first
/// appearance: each row's group, and each group's first row.
#[allow(clippy::cast_possible_truncation)] // rows are counted in u32 (checked on input)
pub fn distinct_rows(x: &Matrix) -> (Vec<u32>, Vec<usize>) {
    let mut ids: HashMap<RowKey<'_>, u32> = HashMap::new();
    let mut of_row = Vec::with_capacity(x.n_rows);
    let mut first_rows = Vec::new();
    for i in 0..x.n_rows {
        let next = first_rows.len() as u32;
        let g = *ids.entry(RowKey(x.row(i))).or_insert_with(|| {
            first_rows.push(i);
            next
        });
        of_row.push(g);
    }
    (of_row, first_rows)
}

/// `(start, members)`: group `g`'s rows are `members[start[g]..start[g + 1]]`, in the order
/// `key` gives (rows of one group are contiguous whatever `key` does within a group).
#[allow(clippy::cast_possible_truncation)] // rows are counted in u32 (checked on input)
pub fn members_by<K: Ord>(
    of_row: &[u32],
    n_groups: usize,
    key: impl Fn(u32) -> K,
) -> (Vec<u32>, Vec<u32>) {
    let mut members: Vec<u32> = (0..of_row.len() as u32).collect();
    members.sort_unstable_by_key(|&i| (of_row[i as usize], key(i)));
    let mut start = vec![0u32; n_groups + 1];
    for &g in of_row {
        start[g as usize + 1] += 1;
    }
    for g in 0..n_groups {
        start[g + 1] += start[g];
    }
    (start, members)
}

/// `score` (a row's scores depend on that row alone) run on the distinct rows of `x` only,
/// each result row copied to every row equal to it: the same matrix as `score(x)`.
pub fn score_distinct<E>(
    x: &Matrix,
    score: impl FnOnce(&Matrix) -> Result<Matrix, E>,
) -> Result<Matrix, E> {
    let (of_row, first_rows) = distinct_rows(x);
    if first_rows.len() == x.n_rows {
        return score(x);
    }
    let scored = score(&x.select_rows(&first_rows))?;
    let mut out = Matrix::zeros(x.n_rows, scored.n_cols);
    for (i, &g) in of_row.iter().enumerate() {
        out.row_mut(i).copy_from_slice(scored.row(g as usize));
    }
    Ok(out)
}
