//! Growing one CART tree as scikit-learn's `BestSplitter` does: rows are sorted by each
//! feature once, and each split stably partitions every feature's sorted list, so a node
//! sweeps its rows in order without sorting again. The sweep keeps the split score up to date
//! in O(1) per row (integer class counts: Σ count² for gini, Σ count·ln count for entropy).

use super::{LEAF, Node, Tree};
use crate::random::{JukeboxRng, index_below};
use crate::train::{Matrix, SplitCriterion};

/// scikit-learn's `FEATURE_THRESHOLD`: values closer than this are one value.
const FEATURE_THRESHOLD: f64 = 1e-7;

pub struct GrowParams {
    /// The root is depth 0; a node at `max_depth` is a leaf.
    pub max_depth: usize,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    pub criterion: SplitCriterion,
    /// Features tried per node (all of them: no randomness).
    pub max_features: usize,
}

/// The best split of a node: its rows `start..pos` in `feature`'s order go left.
struct Split {
    feature: usize,
    pos: usize,
    score: f64,
}

/// A tree fitted on the rows with a non-zero `weights` count, each counting that many times.
pub fn grow(
    x: &Matrix,
    y: &[u32],
    weights: &[u32],
    n_classes: usize,
    params: &GrowParams,
    rng: &mut JukeboxRng,
) -> Tree {
    let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    let mut g = Grower {
        y,
        weights,
        params,
        sorted: presort(x, weights),
        scratch: Vec::new(),
        goes_left: vec![false; y.len()],
        // x·ln x for every integer weight a node can hold, for the entropy sweep.
        xlnx: match params.criterion {
            SplitCriterion::Entropy => (0..=total).map(xlnx).collect(),
            SplitCriterion::Gini => Vec::new(),
        },
        features: (0..x.n_cols).collect(),
        counts: vec![0; n_classes],
        left: vec![0; n_classes],
        tree: Tree {
            nodes: Vec::new(),
            classes: Vec::new(),
            shares: Vec::new(),
            n_features: x.n_cols,
        },
    };
    g.run(rng);
    g.tree
}

#[allow(clippy::cast_precision_loss)] // weights below 2^53
fn xlnx(v: u64) -> f64 {
    if v == 0 {
        0.0
    } else {
        v as f64 * (v as f64).ln()
    }
}

/// Per feature, (value, row) of the rows with a non-zero weight, by value then row.
fn presort(x: &Matrix, weights: &[u32]) -> Vec<Vec<(f32, u32)>> {
    (0..x.n_cols)
        .map(|f| {
            #[allow(clippy::cast_possible_truncation)] // rows are counted in u32 (checked)
            let mut col: Vec<(f32, u32)> = (0..x.n_rows)
                .filter(|&i| weights[i] > 0)
                .map(|i| (x.data[i * x.n_cols + f], i as u32))
                .collect();
            col.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            col
        })
        .collect()
}

struct Grower<'a> {
    y: &'a [u32],
    weights: &'a [u32],
    params: &'a GrowParams,
    sorted: Vec<Vec<(f32, u32)>>,
    scratch: Vec<(f32, u32)>,
    goes_left: Vec<bool>,
    xlnx: Vec<f64>,
    /// Visiting order of the features, shuffled per node when not all are tried.
    features: Vec<usize>,
    /// The current node's weighted class counts, and the left side's during a sweep.
    counts: Vec<u64>,
    left: Vec<u64>,
    tree: Tree,
}

impl Grower<'_> {
    fn run(&mut self, rng: &mut JukeboxRng) {
        let n = self.sorted.first().map_or(0, Vec::len);
        self.tree.nodes.push(placeholder());
        // Depth first: (node, start, end, depth); the left child is grown first.
        let mut stack = vec![(0usize, 0usize, n, 0usize)];
        while let Some((id, start, end, depth)) = stack.pop() {
            let total = self.count_classes(start, end);
            let n_nonzero = self.counts.iter().filter(|&&c| c > 0).count();
            let n_rows = end - start;
            let p = self.params;
            let may_split = depth < p.max_depth
                && n_rows >= p.min_samples_split
                && n_rows >= 2 * p.min_samples_leaf
                && n_nonzero > 1;
            let split = if may_split {
                self.best_split(start, end, total, rng)
            } else {
                None
            };
            let Some(split) = split else {
                self.make_leaf(id, total);
                continue;
            };
            let threshold = self.threshold(&split);
            self.partition(split.feature, start, split.pos, end);
            let left = self.tree.nodes.len();
            self.tree.nodes.extend([placeholder(), placeholder()]);
            #[allow(clippy::cast_possible_truncation)] // nodes ≤ 2 × rows, counted in u32
            let node = Node {
                feature: split.feature as u32,
                threshold,
                left: left as u32,
                right: left as u32 + 1,
            };
            self.tree.nodes[id] = node;
            stack.push((left + 1, split.pos, end, depth + 1));
            stack.push((left, start, split.pos, depth + 1));
        }
    }

    /// Fills `counts` for rows `start..end`; returns their total weight.
    fn count_classes(&mut self, start: usize, end: usize) -> u64 {
        self.counts.fill(0);
        let mut total = 0;
        for &(_, i) in &self.sorted[0][start..end] {
            let w = u64::from(self.weights[i as usize]);
            self.counts[self.y[i as usize] as usize] += w;
            total += w;
        }
        total
    }

    fn make_leaf(&mut self, id: usize, total: u64) {
        let start = self.tree.classes.len();
        for (c, &n) in self.counts.iter().enumerate() {
            if n > 0 {
                #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
                // classes fit u32 (labels are u32); shares are f32 like the output
                {
                    self.tree.classes.push(c as u32);
                    self.tree.shares.push((n as f64 / total as f64) as f32);
                }
            }
        }
        #[allow(clippy::cast_possible_truncation)] // leaf entries ≤ rows, counted in u32
        let node = Node {
            feature: LEAF,
            threshold: 0.0,
            left: start as u32,
            right: self.tree.classes.len() as u32,
        };
        self.tree.nodes[id] = node;
    }

    /// scikit-learn's: visit features in (shuffled) order until `max_features` were visited
    /// and at least one was not constant in the node; keep the first best score.
    fn best_split(
        &mut self,
        start: usize,
        end: usize,
        total: u64,
        rng: &mut JukeboxRng,
    ) -> Option<Split> {
        let n_features = self.features.len();
        if self.params.max_features < n_features {
            for k in (1..n_features).rev() {
                self.features.swap(k, index_below(rng, k + 1));
            }
        }
        let mut best: Option<Split> = None;
        let (mut visited, mut non_constant) = (0, 0);
        for k in 0..n_features {
            if visited >= self.params.max_features && non_constant > 0 {
                break;
            }
            visited += 1;
            let f = self.features[k];
            let rows = &self.sorted[f][start..end];
            let (lo, hi) = (rows[0].0, rows[rows.len() - 1].0);
            if f64::from(hi) <= f64::from(lo) + FEATURE_THRESHOLD {
                continue;
            }
            non_constant += 1;
            if let Some((score, pos)) = self.sweep(f, start, end, total)
                && best.as_ref().is_none_or(|b| score > b.score)
            {
                best = Some(Split {
                    feature: f,
                    pos: start + pos,
                    score,
                });
            }
        }
        best
    }

    /// The best (score, rows to the left) over the thresholds of feature `f`, or `None`.
    #[allow(
        clippy::many_single_char_names, // the sweep's formulas: y, w, l, r, c, k
        clippy::cast_possible_truncation, // counts ≤ the total weight, an index of `xlnx`
        clippy::cast_precision_loss // integer counts below 2^53
    )]
    fn sweep(&mut self, f: usize, start: usize, end: usize, total: u64) -> Option<(f64, usize)> {
        let rows = &self.sorted[f][start..end];
        let (y, weights, counts) = (self.y, self.weights, &self.counts);
        let left = &mut self.left;
        left.fill(0);
        let msl = self.params.min_samples_leaf;
        let n = rows.len();
        let gini = self.params.criterion == SplitCriterion::Gini;
        let xlnx = &self.xlnx;
        // Gini: Σ count² per side; entropy: Σ count·ln count per side.
        let (mut acc_l, mut acc_r) = if gini {
            (0.0, counts.iter().map(|&c| (c * c) as f64).sum::<f64>())
        } else {
            (0.0, counts.iter().map(|&c| xlnx[c as usize]).sum::<f64>())
        };
        let mut w_l = 0u64;
        let mut best: Option<(f64, usize)> = None;
        for k in 0..n - 1 {
            let (v, i) = rows[k];
            let c = y[i as usize] as usize;
            let w = u64::from(weights[i as usize]);
            let l = left[c];
            let r = counts[c] - l;
            if gini {
                acc_l += ((2 * l + w) * w) as f64;
                acc_r -= ((2 * r - w) * w) as f64;
            } else {
                acc_l += xlnx[(l + w) as usize] - xlnx[l as usize];
                acc_r += xlnx[(r - w) as usize] - xlnx[r as usize];
            }
            left[c] = l + w;
            w_l += w;
            let n_left = k + 1;
            if n_left < msl {
                continue;
            }
            if n - n_left < msl {
                break;
            }
            if f64::from(rows[k + 1].0) <= f64::from(v) + FEATURE_THRESHOLD {
                continue;
            }
            let w_r = total - w_l;
            // scikit-learn's proxy: higher is a larger impurity decrease.
            let score = if gini {
                acc_l / w_l as f64 + acc_r / w_r as f64
            } else {
                (acc_l - xlnx[w_l as usize]) + (acc_r - xlnx[w_r as usize])
            };
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, n_left));
            }
        }
        best
    }

    /// scikit-learn's threshold: the midpoint of the two values, or the lower one when the
    /// midpoint rounds up to the upper.
    fn threshold(&self, split: &Split) -> f32 {
        let rows = &self.sorted[split.feature];
        let (a, b) = (rows[split.pos - 1].0, rows[split.pos].0);
        #[allow(clippy::cast_possible_truncation)] // back to the features' f32
        let mid = (f64::from(a) / 2.0 + f64::from(b) / 2.0) as f32;
        if mid >= b || !mid.is_finite() { a } else { mid }
    }

    /// Stably moves the rows going left to the front of every feature's `start..end`.
    fn partition(&mut self, feature: usize, start: usize, pos: usize, end: usize) {
        for (k, &(_, i)) in self.sorted[feature][start..end].iter().enumerate() {
            self.goes_left[i as usize] = start + k < pos;
        }
        for (f, col) in self.sorted.iter_mut().enumerate() {
            if f == feature {
                continue;
            }
            let seg = &mut col[start..end];
            self.scratch.clear();
            let mut n_left = 0;
            for k in 0..seg.len() {
                let e = seg[k];
                if self.goes_left[e.1 as usize] {
                    seg[n_left] = e;
                    n_left += 1;
                } else {
                    self.scratch.push(e);
                }
            }
            seg[n_left..].copy_from_slice(&self.scratch);
        }
    }
}

fn placeholder() -> Node {
    Node {
        feature: LEAF,
        threshold: 0.0,
        left: 0,
        right: 0,
    }
}
