//! Our CART decision tree and random forest, as scikit-learn's `DecisionTreeClassifier` (best
//! splitter) and `RandomForestClassifier`: every threshold between neighbouring distinct values
//! is tried, leaves keep their class shares and a forest averages them. A forest tree fits a
//! bootstrap sample (as row counts) and tries `max_features` features per node, seeded by the
//! forest seed and the tree's index. Trees grow on rows with identical features merged
//! ([`Groups`], built once for a forest), which gives the same trees as growing on the rows.

mod groups;
mod grow;
#[cfg(test)]
mod tests;

use groups::Bag;
pub use groups::Groups;
use grow::{GrowParams, grow};

use crate::random::{JukeboxRng, index_below, rng_from_seed};
use crate::train::error::TrainError;
use crate::train::{ForestParams, Matrix, SplitCriterion, TreeParams};

/// `feature` of a leaf node.
pub(super) const LEAF: u32 = u32::MAX;

/// A split (`x[feature] <= threshold` goes to `left`), or a leaf whose classes and shares are
/// `classes[left..right]` and `shares[left..right]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::train::classic) struct Node {
    pub(in crate::train::classic) feature: u32,
    pub(in crate::train::classic) threshold: f32,
    pub(in crate::train::classic) left: u32,
    pub(in crate::train::classic) right: u32,
}

/// One fitted tree: flat nodes (the root first) and each leaf's non-zero class shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub(in crate::train::classic) nodes: Vec<Node>,
    pub(in crate::train::classic) classes: Vec<u32>,
    pub(in crate::train::classic) shares: Vec<f32>,
    pub(in crate::train::classic) n_features: usize,
}

impl Tree {
    /// Adds the shares of the leaf `row` falls in to `out` (one column per class).
    fn add_shares(&self, row: &[f32], out: &mut [f32]) {
        let mut node = self.nodes[0];
        while node.feature != LEAF {
            let next = if row[node.feature as usize] <= node.threshold {
                node.left
            } else {
                node.right
            };
            node = self.nodes[next as usize];
        }
        let range = node.left as usize..node.right as usize;
        for (&c, &s) in self.classes[range.clone()].iter().zip(&self.shares[range]) {
            out[c as usize] += s;
        }
    }
}

pub fn fit_tree(x: &Matrix, y: &[u32], n_classes: usize, p: &TreeParams) -> Tree {
    let params = GrowParams {
        max_depth: p.max_depth.map_or(usize::MAX, usize::from),
        min_samples_split: p.min_samples_split,
        min_samples_leaf: p.min_samples_leaf,
        criterion: p.criterion,
        max_features: x.n_cols,
    };
    // Every feature is tried at every node, so the generator is never drawn from.
    let mut rng = rng_from_seed(0);
    let bag = Bag::new(&Groups::new(x, y), y, &vec![1; y.len()]);
    grow(bag, n_classes, x.n_cols, &params, &mut rng)
}

/// Tree `index` of a forest seeded `seed` on the rows `groups` merged (labels `y`): a
/// bootstrap of `n` rows drawn with replacement (kept as counts, as scikit-learn's sample
/// weights), `max_features` tried per node.
pub fn fit_forest_tree(
    groups: &Groups,
    y: &[u32],
    n_classes: usize,
    p: &ForestParams,
    seed: u64,
    index: usize,
) -> Tree {
    let mut rng = rng_from_seed(tree_seed(seed, index));
    let counts = bootstrap_counts(&mut rng, y.len());
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )] // ⌊√features⌋ of a few hundred features at most
    let sqrt = (groups.n_features as f64).sqrt().floor() as usize;
    let params = GrowParams {
        max_depth: p.max_depth.map_or(usize::MAX, usize::from),
        min_samples_split: p.min_samples_split,
        min_samples_leaf: p.min_samples_leaf,
        criterion: SplitCriterion::Gini,
        max_features: p.max_features.unwrap_or(sqrt).clamp(1, groups.n_features),
    };
    let bag = Bag::new(groups, y, &counts);
    grow(bag, n_classes, groups.n_features, &params, &mut rng)
}

/// How often each of `n` rows is drawn in `n` draws with replacement.
fn bootstrap_counts(rng: &mut JukeboxRng, n: usize) -> Vec<u32> {
    let mut counts = vec![0u32; n];
    for _ in 0..n {
        counts[index_below(rng, n)] += 1;
    }
    counts
}

/// A seed per tree that differs in many bits between neighbours (splitmix64 of seed and index).
fn tree_seed(seed: u64, index: usize) -> u64 {
    let mut z = seed
        ^ (index as u64)
            .wrapping_add(1)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The trees of a forest fitted so far (a decision tree is a forest of one).
#[derive(Debug, Clone, PartialEq)]
pub struct Forest {
    pub(in crate::train::classic) trees: Vec<Tree>,
    pub(in crate::train::classic) n_classes: usize,
}

impl Forest {
    pub fn new(trees: Vec<Tree>, n_classes: usize) -> Forest {
        Forest { trees, n_classes }
    }

    /// The mean over the trees of the class shares of the leaf each row falls in.
    pub fn predict_proba(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        let n_features = self.trees.first().map_or(0, |t| t.n_features);
        if x.n_cols != n_features || self.trees.is_empty() {
            return Err(TrainError::Fit {
                model: "decision tree",
                message: format!(
                    "{} features given to a forest of {} trees fitted on {n_features}; score rows with the features the model was trained on",
                    x.n_cols,
                    self.trees.len()
                ),
            });
        }
        let mut out = Matrix::zeros(x.n_rows, self.n_classes);
        #[allow(clippy::cast_precision_loss)] // at most 65535 trees: exact in f32
        let scale = 1.0 / self.trees.len() as f32;
        for i in 0..x.n_rows {
            let dst = out.row_mut(i);
            for tree in &self.trees {
                tree.add_shares(x.row(i), dst);
            }
            for v in dst.iter_mut() {
                *v *= scale;
            }
        }
        Ok(out)
    }
}
