//! Decision tree and random forest on smartcore's CART. smartcore's trees give a class, not
//! leaf shares, so a tree's probabilities are one-hot and a forest's are its trees' vote
//! shares. A forest tree is smartcore's forest of one: a class-stratified bootstrap sample and
//! `max_features` (default ⌊√features⌋) tried per split, seeded by the forest seed and the
//! tree's index.

use smartcore::ensemble::random_forest_classifier::{
    RandomForestClassifier, RandomForestClassifierParameters,
};
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::tree::decision_tree_classifier::{
    DecisionTreeClassifier, DecisionTreeClassifierParameters, SplitCriterion as SmartCriterion,
};

use super::dense::{fit_error, to_dense_f32};
use crate::train::error::TrainError;
use crate::train::{ForestParams, Matrix, SplitCriterion, TreeParams};

type Cart = DecisionTreeClassifier<f32, u32, DenseMatrix<f32>, Vec<u32>>;
type OneTreeForest = RandomForestClassifier<f32, u32, DenseMatrix<f32>, Vec<u32>>;

#[derive(Debug)]
pub enum Tree {
    Single(Cart),
    OfForest(OneTreeForest),
}

pub fn fit_tree(x: &Matrix, y: &[u32], p: &TreeParams, seed: u64) -> Result<Tree, TrainError> {
    let params = DecisionTreeClassifierParameters {
        criterion: match p.criterion {
            SplitCriterion::Gini => SmartCriterion::Gini,
            SplitCriterion::Entropy => SmartCriterion::Entropy,
        },
        max_depth: p.max_depth,
        min_samples_leaf: p.min_samples_leaf,
        min_samples_split: p.min_samples_split,
        seed: Some(seed),
    };
    let xd = to_dense_f32(x, "decision tree")?;
    let cart = Cart::fit(&xd, &y.to_vec(), params).map_err(|e| fit_error("decision tree", &e))?;
    Ok(Tree::Single(cart))
}

/// Tree `index` of a forest seeded `seed`.
pub fn fit_forest_tree(
    x: &Matrix,
    y: &[u32],
    p: &ForestParams,
    seed: u64,
    index: usize,
) -> Result<Tree, TrainError> {
    let params = RandomForestClassifierParameters {
        criterion: SmartCriterion::Gini,
        max_depth: p.max_depth,
        min_samples_leaf: p.min_samples_leaf,
        min_samples_split: p.min_samples_split,
        n_trees: 1,
        m: p.max_features,
        keep_samples: false,
        seed: tree_seed(seed, index),
    };
    let xd = to_dense_f32(x, "random forest")?;
    let forest =
        OneTreeForest::fit(&xd, &y.to_vec(), params).map_err(|e| fit_error("random forest", &e))?;
    Ok(Tree::OfForest(forest))
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

impl Tree {
    /// The class of each row.
    fn predict_classes(&self, xd: &DenseMatrix<f32>) -> Result<Vec<u32>, TrainError> {
        match self {
            Tree::Single(t) => t.predict(xd).map_err(|e| fit_error("decision tree", &e)),
            Tree::OfForest(f) => f.predict(xd).map_err(|e| fit_error("random forest", &e)),
        }
    }
}

/// The trees of a forest fitted so far.
#[derive(Debug)]
pub struct Forest {
    trees: Vec<Tree>,
    n_classes: usize,
}

impl Forest {
    pub fn new(trees: Vec<Tree>, n_classes: usize) -> Forest {
        Forest { trees, n_classes }
    }

    /// The share of trees voting for each class.
    pub fn predict_proba(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        let xd = to_dense_f32(x, "random forest")?;
        let mut votes = vec![0u32; x.n_rows * self.n_classes];
        for tree in &self.trees {
            for (i, c) in tree.predict_classes(&xd)?.into_iter().enumerate() {
                votes[i * self.n_classes + c as usize] += 1;
            }
        }
        #[allow(clippy::cast_possible_truncation)] // at most 65535 trees: exact in f32
        let n = self.trees.len() as f32;
        let data = votes.into_iter().map(|v| v as f32 / n).collect();
        Matrix::from_vec(x.n_rows, self.n_classes, data)
            .ok_or_else(|| fit_error("random forest", &"vote matrix of the wrong size"))
    }
}
