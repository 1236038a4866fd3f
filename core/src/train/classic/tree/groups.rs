//! Rows with identical features, merged. No threshold can separate two such rows, so a tree
//! grown on groups — each with its class counts and its number of rows — is the tree grown on
//! the rows: the same thresholds between the same distinct values, the same integer counts on
//! each side, the same scores. The course's 723,000 training rows are daily chart entries of
//! about 14,000 songs, so a node sweeps and partitions songs, not days.
//!
//! [`Groups`] is built once per training set (a forest shares it between its trees);
//! [`Bag`] is one tree's view: the groups its bootstrap drew, with their weighted class
//! counts, sorted by each feature.

use crate::train::Matrix;
use crate::train::distinct::{distinct_rows, members_by};

/// The training rows merged by identical features.
#[derive(Debug, Clone)]
pub struct Groups {
    pub(super) n_features: usize,
    /// Row indices ordered by (group, class, row).
    members: Vec<u32>,
    /// Group `g`'s rows are `members[member_start[g]..member_start[g + 1]]`.
    member_start: Vec<u32>,
    /// Per feature, (value, group) of every group by value, then group.
    sorted: Vec<Vec<(f32, u32)>>,
}

impl Groups {
    /// Groups `x`'s rows (labels `y`), numbered in order of first appearance.
    #[allow(clippy::cast_possible_truncation)] // rows are counted in u32 (checked on input)
    pub fn new(x: &Matrix, y: &[u32]) -> Groups {
        let (of_row, first_rows) = distinct_rows(x);
        let (member_start, members) = members_by(&of_row, first_rows.len(), |i| (y[i as usize], i));
        let sorted = (0..x.n_cols)
            .map(|f| {
                let mut col: Vec<(f32, u32)> = first_rows
                    .iter()
                    .enumerate()
                    .map(|(g, &i)| (x.data[i * x.n_cols + f], g as u32))
                    .collect();
                col.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                col
            })
            .collect();
        Groups {
            n_features: x.n_cols,
            members,
            member_start,
            sorted,
        }
    }

    pub fn len(&self) -> usize {
        self.member_start.len() - 1
    }
}

/// One tree's rows: the groups holding a row of non-zero weight, with their weighted class
/// counts, sorted by each feature (the grower partitions these lists in place).
#[derive(Debug)]
pub struct Bag {
    /// Group `g`'s (class, weight) counts are `classes[entry_start[g]..entry_start[g + 1]]`.
    entry_start: Vec<u32>,
    classes: Vec<u32>,
    weights: Vec<u64>,
    /// Rows of non-zero weight in each group (`min_samples_*` count rows, not weights).
    rows: Vec<u32>,
    pub(super) sorted: Vec<Vec<(f32, u32)>>,
}

impl Bag {
    /// The groups' rows weighted by `weights` (bootstrap counts; 0 leaves a row out).
    #[allow(clippy::cast_possible_truncation)] // entries ≤ rows, counted in u32
    pub fn new(groups: &Groups, y: &[u32], weights: &[u32]) -> Bag {
        let n_groups = groups.len();
        let mut entry_start = Vec::with_capacity(n_groups + 1);
        let (mut classes, mut counts) = (Vec::new(), Vec::new());
        let mut rows = vec![0u32; n_groups];
        entry_start.push(0);
        for (g, n_rows) in rows.iter_mut().enumerate() {
            let range = groups.member_start[g] as usize..groups.member_start[g + 1] as usize;
            let mut open: Option<u32> = None;
            for &i in &groups.members[range] {
                let w = weights[i as usize];
                if w == 0 {
                    continue;
                }
                *n_rows += 1;
                let c = y[i as usize];
                if open != Some(c) {
                    classes.push(c);
                    counts.push(0u64);
                    open = Some(c);
                }
                if let Some(last) = counts.last_mut() {
                    *last += u64::from(w);
                }
            }
            entry_start.push(classes.len() as u32);
        }
        let sorted = groups
            .sorted
            .iter()
            .map(|col| {
                col.iter()
                    .copied()
                    .filter(|&(_, g)| rows[g as usize] > 0)
                    .collect()
            })
            .collect();
        Bag {
            entry_start,
            classes,
            weights: counts,
            rows,
            sorted,
        }
    }

    /// Group `g`'s classes and their weights.
    pub fn counts(&self, g: u32) -> (&[u32], &[u64]) {
        let range =
            self.entry_start[g as usize] as usize..self.entry_start[g as usize + 1] as usize;
        (&self.classes[range.clone()], &self.weights[range])
    }

    /// Groups of the training set, present in this bag or not.
    pub fn n_groups(&self) -> usize {
        self.rows.len()
    }

    /// The weight of all the bag's rows.
    pub fn total_weight(&self) -> u64 {
        self.weights.iter().sum()
    }

    /// Rows of non-zero weight in group `g`.
    pub fn rows(&self, g: u32) -> usize {
        self.rows[g as usize] as usize
    }
}
