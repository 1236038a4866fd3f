//! Rows with identical features, found once: the trees grow on them, k-nearest neighbours
//! searches them (`classic`), and every model scores a repeated row once
//! ([`score_distinct`]). The course's rows are daily chart entries of far fewer songs, so
//! this work is per song, not per day.

use std::collections::{HashMap, HashSet};
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

/// How many of `x`'s rows `rows` are distinct.
pub fn count_distinct(x: &Matrix, rows: &[usize]) -> usize {
    let mut seen: HashSet<RowKey<'_>> = HashSet::with_capacity(rows.len().min(1 << 16));
    for &i in rows {
        seen.insert(RowKey(x.row(i)));
    }
    seen.len()
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

/// The rows of `x` merged by identical features, each distinct row with how many rows carry
/// each label: what a loss summed over rows needs (a row's loss depends on its features and
/// label only). Labels are indices into `present`; rows whose label is not in `present` are
/// left out.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The first row of each distinct row, in order of first appearance.
    pub first_rows: Vec<usize>,
    /// Distinct row `g`'s labels are `labels[start[g]..start[g + 1]]`.
    start: Vec<usize>,
    /// (label's index in `present`, rows), by label.
    labels: Vec<(usize, f64)>,
}

impl Merged {
    pub fn new(x: &Matrix, y: &[u32], present: &[u32]) -> Merged {
        let (of_row, first_rows) = distinct_rows(x);
        let (member_start, members) = members_by(&of_row, first_rows.len(), |i| y[i as usize]);
        let mut start = Vec::with_capacity(first_rows.len() + 1);
        let mut labels: Vec<(usize, f64)> = Vec::new();
        start.push(0);
        for g in 0..first_rows.len() {
            // Members come sorted by label: count each run.
            for &i in &members[member_start[g] as usize..member_start[g + 1] as usize] {
                let Ok(c) = present.binary_search(&y[i as usize]) else {
                    continue;
                };
                let in_group = labels.len() > start[g];
                match labels.last_mut() {
                    Some((last, n)) if in_group && *last == c => *n += 1.0,
                    _ => labels.push((c, 1.0)),
                }
            }
            start.push(labels.len());
        }
        Merged {
            first_rows,
            start,
            labels,
        }
    }

    /// How many distinct rows.
    pub fn len(&self) -> usize {
        self.first_rows.len()
    }

    /// Distinct row `g`'s labels and how many rows carry each.
    pub fn labels(&self, g: usize) -> &[(usize, f64)] {
        &self.labels[self.start[g]..self.start[g + 1]]
    }

    /// How many rows distinct row `g` stands for (of those whose label is in `present`).
    pub fn count(&self, g: usize) -> f64 {
        self.labels(g).iter().map(|&(_, n)| n).sum()
    }

    /// The distinct rows' features.
    pub fn rows(&self, x: &Matrix) -> Matrix {
        x.select_rows(&self.first_rows)
    }
}
