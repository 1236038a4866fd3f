//! Permutation importance, as scikit-learn's `permutation_importance(scoring="accuracy")`:
//! how much the accuracy on held-out rows drops when one feature's column is shuffled,
//! repeated with several shuffles (mean ± population std of the drops).

use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::batch::Progress;
use super::classifier::{check_matrix, checked_proba, top_class};
use super::{Classifier, ExplainError};
use crate::random::rng_from_seed;
use crate::train::Matrix;

/// One feature's accuracy drops.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Importance {
    pub mean: f64,
    /// Population standard deviation (`np.std`), as scikit-learn reports it.
    pub std: f64,
    /// The drop of each repeat.
    pub drops: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PermutationImportance {
    /// Accuracy on the rows as they are.
    pub baseline_accuracy: f64,
    /// One per feature, in the model's order.
    pub features: Vec<Importance>,
}

/// Permutation importance with `n_repeats` shuffles of the rows drawn from `seed` (each
/// repeat's shuffle is applied to every feature in turn, as scikit-learn does). Progress
/// counts model evaluations of all of `x`.
pub fn permutation_importance(
    model: &dyn Classifier,
    x: &Matrix,
    y: &[u32],
    n_repeats: usize,
    seed: u64,
    progress: Progress<'_>,
) -> Result<PermutationImportance, ExplainError> {
    if n_repeats == 0 {
        return Err(ExplainError::BadSetting {
            setting: "the number of repeats",
            value: "0".into(),
            expected: "shuffle each feature at least once",
        });
    }
    let mut rng = rng_from_seed(seed);
    let permutations: Vec<Vec<usize>> = (0..n_repeats)
        .map(|_| {
            let mut order: Vec<usize> = (0..x.n_rows).collect();
            order.shuffle(&mut rng);
            order
        })
        .collect();
    permutation_importance_with(model, x, y, &permutations, progress)
}

/// Permutation importance with given shuffles: in repeat r, feature j's value of row i
/// becomes that of row `permutations[r][i]`.
pub fn permutation_importance_with(
    model: &dyn Classifier,
    x: &Matrix,
    y: &[u32],
    permutations: &[Vec<usize>],
    progress: Progress<'_>,
) -> Result<PermutationImportance, ExplainError> {
    check_matrix(
        model,
        x,
        "the rows to score",
        "pick at least one held-out row",
    )?;
    if y.len() != x.n_rows {
        return Err(ExplainError::LabelCount {
            labels: y.len(),
            rows: x.n_rows,
        });
    }
    for (repeat, order) in permutations.iter().enumerate() {
        check_permutation(order, x.n_rows, repeat)?;
    }
    let total = 1 + x.n_cols * permutations.len();
    if !progress(0, total) {
        return Err(ExplainError::Cancelled);
    }
    let baseline = accuracy(model, x, y)?;
    if !progress(1, total) {
        return Err(ExplainError::Cancelled);
    }
    let mut shuffled = x.clone();
    let mut features = Vec::with_capacity(x.n_cols);
    for j in 0..x.n_cols {
        let mut drops = Vec::with_capacity(permutations.len());
        for (repeat, order) in permutations.iter().enumerate() {
            for (i, &from) in order.iter().enumerate() {
                shuffled.data[i * x.n_cols + j] = x.data[from * x.n_cols + j];
            }
            drops.push(baseline - accuracy(model, &shuffled, y)?);
            if !progress(2 + j * permutations.len() + repeat, total) {
                return Err(ExplainError::Cancelled);
            }
        }
        for i in 0..x.n_rows {
            shuffled.data[i * x.n_cols + j] = x.data[i * x.n_cols + j];
        }
        features.push(summarise(drops));
    }
    Ok(PermutationImportance {
        baseline_accuracy: baseline,
        features,
    })
}

/// Mean and population standard deviation, computed as numpy does for a few values.
fn summarise(drops: Vec<f64>) -> Importance {
    let n = drops.len() as f64;
    let mean = drops.iter().sum::<f64>() / n;
    let variance = drops.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / n;
    Importance {
        mean,
        std: variance.sqrt(),
        drops,
    }
}

/// Share of rows whose most likely class (first on ties) is the label.
fn accuracy(model: &dyn Classifier, x: &Matrix, y: &[u32]) -> Result<f64, ExplainError> {
    let proba = checked_proba(model, x)?;
    let hits = proba
        .data
        .chunks_exact(proba.n_cols.max(1))
        .zip(y)
        .filter(|(row, label)| top_class(row) == **label as usize)
        .count();
    Ok(hits as f64 / y.len() as f64)
}

fn check_permutation(order: &[usize], n_rows: usize, repeat: usize) -> Result<(), ExplainError> {
    let bad = |what: String| ExplainError::BadPermutation {
        repeat,
        rows: n_rows,
        what,
    };
    if order.len() != n_rows {
        return Err(bad(format!("it has {} positions", order.len())));
    }
    let mut seen = vec![false; n_rows];
    for &i in order {
        match seen.get_mut(i) {
            Some(s) if !*s => *s = true,
            Some(_) => return Err(bad(format!("row {i} appears twice"))),
            None => return Err(bad(format!("row {i} does not exist"))),
        }
    }
    Ok(())
}
