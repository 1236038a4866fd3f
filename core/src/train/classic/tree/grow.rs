//! Growing one CART tree as scikit-learn's `BestSplitter` does, on groups of identical rows
//! ([`Bag`]): each feature's groups are sorted once, and each split stably partitions every
//! feature's sorted list, so a node sweeps its groups in order without sorting again. The
//! sweep keeps the split score up to date in O(1) per class count (integer counts: Σ count²
//! for gini, Σ count·ln count for entropy); thresholds are tried between neighbouring distinct
//! values, and the sides' row counts (for `min_samples_*`) are the groups' rows.

use super::groups::Bag;
use super::{LEAF, Node, Tree};
use crate::random::{JukeboxRng, index_below};
use crate::train::SplitCriterion;

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

/// The best split of a node: its groups `start..pos` in `feature`'s order go left.
struct Split {
    feature: usize,
    pos: usize,
    score: f64,
}

/// A tree fitted on `bag`'s groups (`n_features` features).
pub fn grow(
    bag: Bag,
    n_classes: usize,
    n_features: usize,
    params: &GrowParams,
    rng: &mut JukeboxRng,
) -> Tree {
    let n_present = bag.sorted.first().map_or(0, Vec::len);
    let total = bag.total_weight();
    let mut g = Grower {
        params,
        scratch: Vec::new(),
        goes_left: vec![false; bag.n_groups()],
        bag,
        // x·ln x for every integer weight a node can hold, for the entropy sweep.
        xlnx: match params.criterion {
            SplitCriterion::Entropy => (0..=total).map(xlnx).collect(),
            SplitCriterion::Gini => Vec::new(),
        },
        features: (0..n_features).collect(),
        counts: vec![0; n_classes],
        left: vec![0; n_classes],
        tree: Tree {
            nodes: Vec::new(),
            classes: Vec::new(),
            shares: Vec::new(),
            n_features,
        },
    };
    g.run(n_present, rng);
    g.tree
}

#[allow(clippy::cast_precision_loss)] // weights below 2^53
fn xlnx(v: u64) -> f64 {
    if v == 0 {
        0.0
    } else {
        // libm's log: the same bits natively and in wasm32 (std's comes from the platform).
        v as f64 * libm::log(v as f64)
    }
}

struct Grower<'a> {
    params: &'a GrowParams,
    bag: Bag,
    scratch: Vec<(f32, u32)>,
    /// By group: whether it goes left in the split being applied.
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
    fn run(&mut self, n: usize, rng: &mut JukeboxRng) {
        self.tree.nodes.push(placeholder());
        // Depth first: (node, start, end, depth); the left child is grown first.
        let mut stack = vec![(0usize, 0usize, n, 0usize)];
        while let Some((id, start, end, depth)) = stack.pop() {
            let (total, n_rows) = self.count_classes(start, end);
            let n_nonzero = self.counts.iter().filter(|&&c| c > 0).count();
            let p = self.params;
            let may_split = depth < p.max_depth
                && n_rows >= p.min_samples_split
                && n_rows >= 2 * p.min_samples_leaf
                && n_nonzero > 1;
            let split = if may_split {
                self.best_split(start, end, total, n_rows, rng)
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
            #[allow(clippy::cast_possible_truncation)] // nodes ≤ 2 × groups, counted in u32
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

    /// Fills `counts` for groups `start..end`; returns their total weight and rows.
    fn count_classes(&mut self, start: usize, end: usize) -> (u64, usize) {
        self.counts.fill(0);
        let (mut total, mut rows) = (0, 0);
        for &(_, g) in &self.bag.sorted[0][start..end] {
            let (classes, weights) = self.bag.counts(g);
            for (&c, &w) in classes.iter().zip(weights) {
                self.counts[c as usize] += w;
                total += w;
            }
            rows += self.bag.rows(g);
        }
        (total, rows)
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
        n_rows: usize,
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
            let groups = &self.bag.sorted[f][start..end];
            let (lo, hi) = (groups[0].0, groups[groups.len() - 1].0);
            if f64::from(hi) <= f64::from(lo) + FEATURE_THRESHOLD {
                continue;
            }
            non_constant += 1;
            if let Some((score, pos)) = self.sweep(f, start, end, total, n_rows)
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

    /// The best (score, groups to the left) over the thresholds of feature `f`, or `None`;
    /// the node holds `n_rows` rows of weight `total`.
    #[allow(
        clippy::many_single_char_names, // the sweep's formulas: w, l, r, c
        clippy::cast_possible_truncation, // counts ≤ the total weight, an index of `xlnx`
        clippy::cast_precision_loss // integer counts below 2^53
    )]
    fn sweep(
        &mut self,
        f: usize,
        start: usize,
        end: usize,
        total: u64,
        n_rows: usize,
    ) -> Option<(f64, usize)> {
        let groups = &self.bag.sorted[f][start..end];
        let (bag, counts) = (&self.bag, &self.counts);
        let left = &mut self.left;
        left.fill(0);
        let msl = self.params.min_samples_leaf;
        let gini = self.params.criterion == SplitCriterion::Gini;
        let xlnx = &self.xlnx;
        // Gini: Σ count² per side; entropy: Σ count·ln count per side.
        let (mut acc_l, mut acc_r) = if gini {
            (0.0, counts.iter().map(|&c| (c * c) as f64).sum::<f64>())
        } else {
            (0.0, counts.iter().map(|&c| xlnx[c as usize]).sum::<f64>())
        };
        let (mut w_l, mut n_left) = (0u64, 0usize);
        let mut best: Option<(f64, usize)> = None;
        for k in 0..groups.len() - 1 {
            let (v, g) = groups[k];
            let (classes, weights) = bag.counts(g);
            for (&c, &w) in classes.iter().zip(weights) {
                let c = c as usize;
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
            }
            n_left += bag.rows(g);
            if n_left < msl {
                continue;
            }
            if n_rows - n_left < msl {
                break;
            }
            if f64::from(groups[k + 1].0) <= f64::from(v) + FEATURE_THRESHOLD {
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
                best = Some((score, k + 1));
            }
        }
        best
    }

    /// scikit-learn's threshold: the midpoint of the two values, or the lower one when the
    /// midpoint rounds up to the upper.
    fn threshold(&self, split: &Split) -> f32 {
        let groups = &self.bag.sorted[split.feature];
        let (a, b) = (groups[split.pos - 1].0, groups[split.pos].0);
        #[allow(clippy::cast_possible_truncation)] // back to the features' f32
        let mid = (f64::from(a) / 2.0 + f64::from(b) / 2.0) as f32;
        if mid >= b || !mid.is_finite() { a } else { mid }
    }

    /// Stably moves the groups going left to the front of every feature's `start..end`.
    fn partition(&mut self, feature: usize, start: usize, pos: usize, end: usize) {
        for (k, &(_, g)) in self.bag.sorted[feature][start..end].iter().enumerate() {
            self.goes_left[g as usize] = start + k < pos;
        }
        for (f, col) in self.bag.sorted.iter_mut().enumerate() {
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
