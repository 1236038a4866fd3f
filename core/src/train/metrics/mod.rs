//! Classification metrics as scikit-learn computes them (`accuracy_score`,
//! `top_k_accuracy_score`, `precision_recall_fscore_support` with `zero_division=0`,
//! `confusion_matrix`), checked against scikit-learn on a fixture.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::{EpochRecord, EvalSplit, Matrix};

/// Precision, recall and F1 averaged one way.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// One class's row of the per-class table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassMetrics {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// True rows of this class.
    pub support: u64,
}

/// An Evaluate cell's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub model: String,
    pub split: EvalSplit,
    pub n_rows: usize,
    pub classes: Vec<String>,
    pub accuracy: f64,
    pub top5_accuracy: f64,
    /// 1 / number of classes: a uniform guess.
    pub chance_accuracy: f64,
    /// Always guessing the most frequent training class.
    pub majority_accuracy: f64,
    pub macro_avg: Prf,
    pub weighted_avg: Prf,
    pub per_class: Vec<ClassMetrics>,
    /// `confusion[true][predicted]`, counts.
    pub confusion: Vec<Vec<u64>>,
    /// The training history of the model, for the curves.
    pub history: Vec<EpochRecord>,
    /// Classes with rows in the scored part but none in the training part: the model cannot
    /// predict them (a table sorted by its target and the course split).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unseen_in_training: Vec<String>,
}

/// Scores probabilities `proba` (rows × classes) against true classes `y_true`.
/// `majority_class` is the most frequent class of the training part.
///
/// The predicted class is the first highest column (numpy's `argmax`); columns past
/// `classes.len()` are ignored and missing ones count as 0. A true label outside the classes
/// counts as a miss and stays out of the per-class table. No rows: every score is 0.
pub fn evaluate(
    y_true: &[u32],
    proba: &Matrix,
    classes: &[String],
    majority_class: u32,
) -> Evaluation {
    let n_classes = classes.len();
    let n_rows = y_true.len().min(proba.n_rows);
    let y_true = &y_true[..n_rows];
    let mut confusion = vec![vec![0u64; n_classes]; n_classes];
    let (mut correct, mut top5_hits) = (0usize, 0usize);
    let k = TOP_K.min(n_classes);
    for (i, &truth) in y_true.iter().enumerate() {
        let scores = row_scores(proba, i, n_classes);
        let predicted = argmax(&scores);
        let truth = truth as usize;
        if truth < n_classes {
            if let Some(p) = predicted {
                confusion[truth][p] += 1;
            }
            if predicted == Some(truth) {
                correct += 1;
            }
            if in_top_k(&scores, truth, k) {
                top5_hits += 1;
            }
        }
    }
    let per_class = per_class_metrics(&confusion, classes);
    let majority = y_true.iter().filter(|&&y| y == majority_class).count();
    Evaluation {
        model: String::new(),
        split: EvalSplit::Test,
        n_rows,
        classes: classes.to_vec(),
        accuracy: share(correct, n_rows),
        top5_accuracy: share(top5_hits, n_rows),
        chance_accuracy: if n_classes == 0 {
            0.0
        } else {
            1.0 / n_classes as f64
        },
        majority_accuracy: share(majority, n_rows),
        macro_avg: average(&per_class, false),
        weighted_avg: average(&per_class, true),
        per_class,
        confusion,
        history: Vec::new(),
        unseen_in_training: Vec::new(),
    }
}

/// scikit-learn's `top_k_accuracy_score(k=5)`, clipped to the number of classes.
const TOP_K: usize = 5;

/// `part / whole`, 0 for no rows.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Row `i` widened to `n_classes` columns (missing columns are 0).
fn row_scores(proba: &Matrix, i: usize, n_classes: usize) -> Vec<f32> {
    let row = proba.row(i);
    (0..n_classes)
        .map(|c| row.get(c).copied().unwrap_or(0.0))
        .collect()
}

/// numpy's `argmax`: the first highest value, and a NaN wins as soon as it is met.
fn argmax(scores: &[f32]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (c, &s) in scores.iter().enumerate() {
        if s.is_nan() {
            return Some(c);
        }
        if best.is_none_or(|b| s > scores[b]) {
            best = Some(c);
        }
    }
    best
}

/// Whether class `truth` is among the `k` best scores. scikit-learn ranks by a stable
/// ascending argsort read backwards, so among equal scores the higher column ranks first.
fn in_top_k(scores: &[f32], truth: usize, k: usize) -> bool {
    let s = scores[truth];
    let ahead = scores
        .iter()
        .enumerate()
        .filter(|&(c, &x)| match x.partial_cmp(&s) {
            Some(Ordering::Greater) => true,
            Some(Ordering::Equal) => c > truth,
            _ => false,
        })
        .count();
    ahead < k
}

/// Precision, recall, F1 and support per class from `confusion[true][predicted]`, with
/// scikit-learn's `zero_division=0` (F1 = 2·tp / (2·tp + fp + fn), 0 when undefined).
fn per_class_metrics(confusion: &[Vec<u64>], classes: &[String]) -> Vec<ClassMetrics> {
    classes
        .iter()
        .enumerate()
        .map(|(c, label)| {
            let tp = confusion[c][c];
            let support: u64 = confusion[c].iter().sum();
            let predicted: u64 = confusion.iter().map(|row| row[c]).sum();
            let ratio = |num: u64, den: u64| {
                if den == 0 {
                    0.0
                } else {
                    num as f64 / den as f64
                }
            };
            ClassMetrics {
                label: label.clone(),
                precision: ratio(tp, predicted),
                recall: ratio(tp, support),
                f1: ratio(2 * tp, support + predicted),
                support,
            }
        })
        .collect()
}

/// Macro (plain mean over all classes) or weighted (by support) average, as
/// `precision_recall_fscore_support(average=…)` with every class listed in `labels`.
fn average(per_class: &[ClassMetrics], weighted: bool) -> Prf {
    let weights: Vec<f64> = per_class
        .iter()
        .map(|m| if weighted { m.support as f64 } else { 1.0 })
        .collect();
    let total: f64 = weights.iter().sum();
    // Weights are counts or ones: never negative, so this is "no weight at all".
    if total <= 0.0 {
        return Prf {
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
        };
    }
    let mean = |value: fn(&ClassMetrics) -> f64| {
        per_class
            .iter()
            .zip(&weights)
            .map(|(m, w)| value(m) * w)
            .sum::<f64>()
            / total
    };
    Prf {
        precision: mean(|m| m.precision),
        recall: mean(|m| m.recall),
        f1: mean(|m| m.f1),
    }
}

#[cfg(test)]
mod sklearn_tests;
#[cfg(test)]
mod tests;
