//! One regression tree of gradient boosting, grown as scikit-learn's `TreeGrower`: best
//! first (the open leaf whose split gains most is split next) until `max_leaf_nodes` leaves,
//! from per-node histograms of gradient, hessian and row count by bin. Only the smaller child's
//! histogram is built; the larger one's is its parent's minus it (`LightGBM`'s trick).

use super::bins::Bins;

/// A split (`x[feature] <= threshold` goes to `left`), or a leaf (`feature == LEAF`) adding
/// `value` to its class's raw score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::train::classic) struct BoostNode {
    pub(in crate::train::classic) feature: u32,
    pub(in crate::train::classic) threshold: f64,
    pub(in crate::train::classic) left: u32,
    pub(in crate::train::classic) right: u32,
    pub(in crate::train::classic) value: f64,
}

pub(in crate::train::classic) const LEAF: u32 = u32::MAX;

/// Sums over rows: gradient, hessian, and how many rows.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    g: f64,
    h: f64,
    n: f64,
}

impl Sums {
    fn add(&mut self, o: Sums) {
        self.g += o.g;
        self.h += o.h;
        self.n += o.n;
    }

    fn minus(self, o: Sums) -> Sums {
        Sums {
            g: self.g - o.g,
            h: self.h - o.h,
            n: self.n - o.n,
        }
    }
}

/// The training rows as the grower sees them: each row's bin per feature (row-major) and its
/// gradient, hessian and how many rows it stands for.
pub(super) struct Rows<'a> {
    pub codes: &'a [u8],
    pub n_features: usize,
    pub g: &'a [f64],
    pub h: &'a [f64],
    pub n: &'a [f64],
}

pub(super) struct Limits {
    pub max_leaf_nodes: usize,
    pub max_depth: usize,
    pub min_samples_leaf: f64,
    pub l2: f64,
    pub shrinkage: f64,
}

/// scikit-learn's: a child needs this much hessian.
const MIN_HESSIAN: f64 = 1e-3;

struct Split {
    gain: f64,
    feature: usize,
    bin: usize,
    left: Sums,
}

/// A leaf that may still be split.
struct Open {
    node: usize,
    start: usize,
    end: usize,
    depth: usize,
    hist: Vec<Sums>,
    sums: Sums,
    split: Split,
}

/// A grown tree's nodes (the root first) and its leaves as `(start, end, value)`: the rows
/// `order[start..end]` fall in a leaf adding `value`.
pub(super) struct Grown {
    pub nodes: Vec<BoostNode>,
    pub leaves: Vec<(usize, usize, f64)>,
}

/// Grows a tree on the rows in `order` (reordered so each leaf's rows are contiguous).
pub(super) fn grow(rows: &Rows, bins: &Bins, order: &mut [u32], limits: &Limits) -> Grown {
    let offsets = offsets(bins, rows.n_features);
    let mut hist = vec![Sums::default(); offsets[rows.n_features]];
    build(rows, &offsets, order, &mut hist);
    let mut sums = Sums::default();
    for s in &hist[offsets[0]..offsets[1]] {
        sums.add(*s);
    }
    let mut grower = Grower {
        bins,
        offsets,
        limits,
        nodes: Vec::new(),
        leaves: Vec::new(),
        open: Vec::new(),
        n_leaves: 1,
    };
    grower.add(0, order.len(), 0, hist, sums);
    while grower.n_leaves < limits.max_leaf_nodes {
        let Some(o) = grower.next_open() else {
            break;
        };
        let (f, bin) = (o.split.feature, o.split.bin);
        let nf = rows.n_features;
        let mid = o.start
            + partition(&mut order[o.start..o.end], |i| {
                usize::from(rows.codes[i as usize * nf + f]) <= bin
            });
        // The smaller child's histogram is built; the larger's is the parent's minus it.
        let left_smaller = mid - o.start <= o.end - mid;
        let small_rows = if left_smaller {
            &order[o.start..mid]
        } else {
            &order[mid..o.end]
        };
        let mut small = vec![Sums::default(); o.hist.len()];
        build(rows, &grower.offsets, small_rows, &mut small);
        let mut large = o.hist;
        for (l, s) in large.iter_mut().zip(&small) {
            *l = l.minus(*s);
        }
        let (left_hist, right_hist) = if left_smaller {
            (small, large)
        } else {
            (large, small)
        };
        #[allow(clippy::cast_possible_truncation)] // at most 2 × max_leaf_nodes nodes
        let left = grower.nodes.len() as u32;
        let node = &mut grower.nodes[o.node];
        node.feature = u32::try_from(f).unwrap_or(LEAF);
        node.threshold = bins.cut(f, bin);
        node.left = left;
        node.right = left + 1;
        grower.n_leaves += 1;
        let (left_sums, right_sums) = (o.split.left, o.sums.minus(o.split.left));
        grower.add(o.start, mid, o.depth + 1, left_hist, left_sums);
        grower.add(mid, o.end, o.depth + 1, right_hist, right_sums);
    }
    for o in std::mem::take(&mut grower.open) {
        grower
            .leaves
            .push((o.start, o.end, grower.nodes[o.node].value));
    }
    Grown {
        nodes: grower.nodes,
        leaves: grower.leaves,
    }
}

struct Grower<'a> {
    bins: &'a Bins,
    offsets: Vec<usize>,
    limits: &'a Limits,
    nodes: Vec<BoostNode>,
    leaves: Vec<(usize, usize, f64)>,
    open: Vec<Open>,
    n_leaves: usize,
}

impl Grower<'_> {
    /// A new leaf for the rows `start..end`: open when it can be split and gains from it,
    /// else final.
    fn add(&mut self, start: usize, end: usize, depth: usize, hist: Vec<Sums>, sums: Sums) {
        let l = self.limits;
        let value = -l.shrinkage * sums.g / (sums.h + l.l2 + f64::EPSILON);
        let node = self.nodes.len();
        self.nodes.push(BoostNode {
            feature: LEAF,
            threshold: 0.0,
            left: 0,
            right: 0,
            value,
        });
        let can_split = depth < l.max_depth
            && sums.n >= 2.0 * l.min_samples_leaf
            && self.n_leaves < l.max_leaf_nodes;
        match can_split
            .then(|| best_split(&hist, sums, self.bins, &self.offsets, l))
            .flatten()
        {
            Some(split) => self.open.push(Open {
                node,
                start,
                end,
                depth,
                hist,
                sums,
                split,
            }),
            None => self.leaves.push((start, end, value)),
        }
    }

    /// The open leaf whose split gains most (the first of equals), taken out.
    fn next_open(&mut self) -> Option<Open> {
        let mut best = None;
        for (i, o) in self.open.iter().enumerate() {
            if best.is_none_or(|b: usize| o.split.gain > self.open[b].split.gain) {
                best = Some(i);
            }
        }
        best.map(|i| self.open.remove(i))
    }
}

/// Moves the items for which `left` holds to the front; returns how many.
fn partition(items: &mut [u32], left: impl Fn(u32) -> bool) -> usize {
    let mut mid = 0;
    for i in 0..items.len() {
        if left(items[i]) {
            items.swap(i, mid);
            mid += 1;
        }
    }
    mid
}

/// Where each feature's bins start in a histogram; the last entry is its length.
fn offsets(bins: &Bins, n_features: usize) -> Vec<usize> {
    let mut offsets = vec![0; n_features + 1];
    for f in 0..n_features {
        offsets[f + 1] = offsets[f] + bins.n_bins(f);
    }
    offsets
}

/// Adds the rows `order` to `hist`.
fn build(rows: &Rows, offsets: &[usize], order: &[u32], hist: &mut [Sums]) {
    let nf = rows.n_features;
    for &i in order {
        let i = i as usize;
        let s = Sums {
            g: rows.g[i],
            h: rows.h[i],
            n: rows.n[i],
        };
        for (f, &code) in rows.codes[i * nf..(i + 1) * nf].iter().enumerate() {
            hist[offsets[f] + usize::from(code)].add(s);
        }
    }
}

/// The split of a node (its histogram and sums) that gains most, if any gains: both sides
/// with at least `min_samples_leaf` rows and [`MIN_HESSIAN`]; the first feature and bin win
/// ties.
fn best_split(
    hist: &[Sums],
    sums: Sums,
    bins: &Bins,
    offsets: &[usize],
    limits: &Limits,
) -> Option<Split> {
    let score = |s: Sums| s.g * s.g / (s.h + limits.l2);
    let parent = score(sums);
    let mut best: Option<Split> = None;
    for f in 0..offsets.len() - 1 {
        let mut left = Sums::default();
        for b in 0..bins.n_bins(f) - 1 {
            left.add(hist[offsets[f] + b]);
            let right = sums.minus(left);
            if right.n < limits.min_samples_leaf {
                break;
            }
            if left.n < limits.min_samples_leaf || left.h < MIN_HESSIAN || right.h < MIN_HESSIAN {
                continue;
            }
            let gain = score(left) + score(right) - parent;
            if gain > best.as_ref().map_or(0.0, |s| s.gain) {
                best = Some(Split {
                    gain,
                    feature: f,
                    bin: b,
                    left,
                });
            }
        }
    }
    best
}
