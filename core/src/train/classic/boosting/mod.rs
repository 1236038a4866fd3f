//! Histogram gradient boosting as scikit-learn's `HistGradientBoostingClassifier`: features
//! binned once ([`bins`]), the raw scores start at the classes' log shares, and each
//! iteration grows one regression tree per class (one in all with two classes) on the
//! gradient and hessian of the multinomial log loss at the scores so far ([`grow`]), its
//! leaves scaled by the learning rate. Early stopping watches the loss on the Train cell's
//! validation part: it stops when the last `n_iter_no_change` iterations did not improve on
//! the one before them by more than `tol`.
//!
//! A row's gradient depends on its features and label only, so the trees grow on the
//! distinct training rows with their label counts (`distinct::Merged`): the same sums as
//! over the rows, per song instead of per chart day on the course's data.

mod bins;
mod grow;
#[cfg(test)]
mod tests;

use bins::Bins;
pub(super) use grow::{BoostNode, LEAF};
use grow::{Limits, Rows, grow};

use crate::parallel::{self, Parallel};
use crate::train::distinct::Merged;
use crate::train::{BoostingParams, Matrix};

/// A fitted model: per present class a baseline raw score, and the trees, iteration by
/// iteration, `per_iteration` each (the tree of present class `c` at `c`, or with two classes
/// the second class's only, the first class's score staying 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Boosted {
    pub(in crate::train::classic) present: Vec<u32>,
    pub(in crate::train::classic) baseline: Vec<f64>,
    pub(in crate::train::classic) trees: Vec<Vec<BoostNode>>,
    pub(in crate::train::classic) n_features: usize,
    pub(in crate::train::classic) n_classes: usize,
}

impl Boosted {
    /// Trees per iteration.
    pub(in crate::train::classic) fn per_iteration(&self) -> usize {
        if self.present.len() == 2 {
            1
        } else {
            self.present.len()
        }
    }

    /// Iterations fitted.
    pub fn iterations(&self) -> usize {
        self.trees.len() / self.per_iteration()
    }

    /// Class probabilities, one row per row of `x`, `n_classes` columns (0 for a class
    /// absent from training).
    pub fn predict_proba(&self, x: &Matrix) -> Matrix {
        let k = self.present.len();
        let mut raw = vec![0.0; k];
        let mut out = Matrix::zeros(x.n_rows, self.n_classes);
        for i in 0..x.n_rows {
            self.raw_scores(x.row(i), &mut raw);
            softmax(&mut raw);
            let dst = out.row_mut(i);
            for (&c, &p) in self.present.iter().zip(&raw) {
                #[allow(clippy::cast_possible_truncation)] // probabilities fit f32
                let p = p as f32;
                dst[c as usize] = p;
            }
        }
        out
    }

    fn raw_scores(&self, row: &[f32], raw: &mut [f64]) {
        raw.copy_from_slice(&self.baseline);
        let per = self.per_iteration();
        let first = raw.len() - per;
        for (t, tree) in self.trees.iter().enumerate() {
            raw[first + t % per] += leaf_value(tree, row);
        }
    }
}

/// The value of the leaf `row` falls in.
fn leaf_value(tree: &[BoostNode], row: &[f32]) -> f64 {
    let mut node = tree[0];
    while node.feature != LEAF {
        let next = if f64::from(row[node.feature as usize]) <= node.threshold {
            node.left
        } else {
            node.right
        };
        node = tree[next as usize];
    }
    node.value
}

/// `z` turned into its softmax (in place).
fn softmax(z: &mut [f64]) {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for s in z.iter_mut() {
        *s = libm::exp(*s - max);
        sum += *s;
    }
    for s in z.iter_mut() {
        *s /= sum;
    }
}

/// Rows merged by identical features, with their raw scores so far.
#[derive(Debug)]
struct Scored {
    merged: Merged,
    /// How many rows each distinct row stands for.
    counts: Vec<f64>,
    /// Distinct rows × present classes.
    raw: Vec<f64>,
    /// How many rows in all.
    n_rows: f64,
}

impl Scored {
    fn new(x: &Matrix, y: &[u32], present: &[u32], baseline: &[f64]) -> (Scored, Matrix) {
        let merged = Merged::new(x, y, present);
        let rows = merged.rows(x);
        let counts: Vec<f64> = (0..merged.len()).map(|g| merged.count(g)).collect();
        let n_rows = counts.iter().sum();
        let raw = baseline.repeat(merged.len());
        (
            Scored {
                merged,
                counts,
                raw,
                n_rows,
            },
            rows,
        )
    }

    /// The mean log loss of the rows.
    fn loss(&self, k: usize) -> f64 {
        let mut z = vec![0.0; k];
        let mut loss = 0.0;
        for (g, raw) in self.raw.chunks_exact(k).enumerate() {
            z.copy_from_slice(raw);
            let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let log_sum = libm::log(z.iter().map(|s| libm::exp(s - max)).sum::<f64>()) + max;
            for &(c, n) in self.merged.labels(g) {
                loss += n * (log_sum - z[c]);
            }
        }
        loss / self.n_rows.max(1.0)
    }
}

/// A boosting fit in progress, an iteration per unit.
#[derive(Debug)]
pub struct Fitting {
    params: BoostingParams,
    bins: Bins,
    /// The distinct training rows' bins, row-major.
    codes: Vec<u8>,
    train: Scored,
    /// The validation part's distinct rows and their scores, when early stopping watches it.
    validation: Option<(Matrix, Scored)>,
    /// The validation loss before the first iteration and after each.
    losses: Vec<f64>,
    model: Boosted,
}

impl Fitting {
    /// Bins the features and sets the baseline; `validation` rows are watched for early
    /// stopping when the parameters ask for it (rows of classes absent from training are
    /// left out of its loss: no model of these rows can score them).
    pub fn new(
        x: &Matrix,
        y: &[u32],
        n_classes: usize,
        params: &BoostingParams,
        validation: Option<(&Matrix, &[u32])>,
    ) -> Fitting {
        let mut present = y.to_vec();
        present.sort_unstable();
        present.dedup();
        let baseline = baseline(y, &present);
        let (train, rows) = Scored::new(x, y, &present, &baseline);
        let bins = Bins::new(&rows, &train.counts, params.max_bins);
        let mut codes = Vec::with_capacity(rows.data.len());
        for i in 0..rows.n_rows {
            codes.extend(
                rows.row(i)
                    .iter()
                    .enumerate()
                    .map(|(f, &v)| bins.code(f, v)),
            );
        }
        let validation = validation
            .filter(|(vx, _)| params.early_stopping && vx.n_rows > 0)
            .map(|(vx, vy)| {
                let (scored, rows) = Scored::new(vx, vy, &present, &baseline);
                (rows, scored)
            })
            .filter(|(_, scored)| scored.n_rows > 0.0);
        let k = present.len();
        let losses = validation.iter().map(|(_, v)| v.loss(k)).collect();
        Fitting {
            params: params.clone(),
            bins,
            codes,
            train,
            validation,
            losses,
            model: Boosted {
                present,
                baseline,
                trees: Vec::new(),
                n_features: x.n_cols,
                n_classes,
            },
        }
    }

    /// Iterations so far.
    pub fn iterations(&self) -> usize {
        self.model.iterations()
    }

    /// All iterations done, or early stopping stopped the fit.
    pub fn done(&self) -> bool {
        self.iterations() >= self.params.max_iter || self.stopped_early()
    }

    /// scikit-learn's rule: no loss among the last `n_iter_no_change` is below the one
    /// before them minus `tol`.
    fn stopped_early(&self) -> bool {
        let window = self.params.n_iter_no_change;
        let n = self.losses.len();
        if window == 0 || n < window + 1 {
            return false;
        }
        let reference = self.losses[n - window - 1] - self.params.tol;
        self.losses[n - window..].iter().all(|&l| l >= reference)
    }

    /// One more iteration: a tree per class (side by side on `parallel`, each depending only
    /// on the scores before the iteration), then the scores moved by them.
    pub fn iterate(&mut self, parallel: &dyn Parallel) {
        let k = self.model.present.len();
        let per = self.model.per_iteration();
        let first = k - per;
        let n = self.train.merged.len();
        let proba = probabilities(&self.train.raw, k);
        let limits = Limits {
            max_leaf_nodes: self.params.max_leaf_nodes,
            max_depth: self.params.max_depth.map_or(usize::MAX, usize::from),
            #[allow(clippy::cast_precision_loss)] // row counts below 2^53
            min_samples_leaf: self.params.min_samples_leaf as f64,
            l2: self.params.l2_regularization,
            shrinkage: self.params.learning_rate,
        };
        let (train, bins, codes) = (&self.train, &self.bins, &self.codes);
        let counts = &train.counts;
        let grown = parallel::map(parallel, per, &|t| {
            let (g, h) = gradients(&train.merged, counts, &proba, k, first + t);
            let rows = Rows {
                codes,
                n_features: bins.n_features(),
                g: &g,
                h: &h,
                n: counts,
            };
            #[allow(clippy::cast_possible_truncation)] // rows are counted in u32
            let mut order: Vec<u32> = (0..n as u32).collect();
            let grown = grow(&rows, bins, &mut order, &limits);
            let mut delta = vec![0.0; n];
            for &(start, end, value) in &grown.leaves {
                for &i in &order[start..end] {
                    delta[i as usize] = value;
                }
            }
            (grown.nodes, delta)
        });
        for (t, (nodes, delta)) in grown.into_iter().enumerate() {
            let c = first + t;
            for (raw, d) in self.train.raw.chunks_exact_mut(k).zip(&delta) {
                raw[c] += d;
            }
            if let Some((rows, scored)) = &mut self.validation {
                for (i, raw) in scored.raw.chunks_exact_mut(k).enumerate() {
                    raw[c] += leaf_value(&nodes, rows.row(i));
                }
            }
            self.model.trees.push(nodes);
        }
        if let Some((_, scored)) = &self.validation {
            self.losses.push(scored.loss(k));
        }
    }

    /// The model as fitted so far.
    pub fn model(&self) -> Boosted {
        self.model.clone()
    }
}

/// The summed gradient and hessian of the multinomial log loss for class `class` over each
/// distinct row's rows (each row's rounded to f32, as scikit-learn keeps them): a row of the
/// class adds p − 1, any other p, and each p(1 − p).
#[allow(clippy::cast_possible_truncation)] // the rounding to f32 is the point
fn gradients(
    merged: &Merged,
    counts: &[f64],
    proba: &[f64],
    n_present: usize,
    class: usize,
) -> (Vec<f64>, Vec<f64>) {
    let mut gradient = Vec::with_capacity(counts.len());
    let mut hessian = Vec::with_capacity(counts.len());
    for (row, &count) in counts.iter().enumerate() {
        let p = proba[row * n_present + class];
        let of_class: f64 = merged
            .labels(row)
            .iter()
            .filter(|&&(label, _)| label == class)
            .map(|&(_, rows)| rows)
            .sum();
        gradient.push(
            of_class * f64::from((p - 1.0) as f32) + (count - of_class) * f64::from(p as f32),
        );
        hessian.push(count * f64::from((p * (1.0 - p)) as f32));
    }
    (gradient, hessian)
}

/// The softmax of each row of `raw` (rows × `k`).
fn probabilities(raw: &[f64], k: usize) -> Vec<f64> {
    let mut proba = raw.to_vec();
    for row in proba.chunks_exact_mut(k) {
        softmax(row);
    }
    proba
}

/// scikit-learn's starting scores: the log of each class's share of the rows (clipped to
/// [ε, 1 − ε]), centred on their mean (the symmetric multinomial logit); with two classes
/// the first class's score is 0 and the second's the log-odds.
#[allow(clippy::cast_precision_loss)] // row counts below 2^53
fn baseline(y: &[u32], present: &[u32]) -> Vec<f64> {
    let mut counts = vec![0.0; present.len()];
    for c in y {
        if let Ok(i) = present.binary_search(c) {
            counts[i] += 1.0;
        }
    }
    let n = y.len() as f64;
    let logs: Vec<f64> = counts
        .iter()
        .map(|&m| libm::log((m / n).clamp(f64::EPSILON, 1.0 - f64::EPSILON)))
        .collect();
    if logs.len() == 2 {
        return vec![0.0, logs[1] - logs[0]];
    }
    let mean = logs.iter().sum::<f64>() / logs.len() as f64;
    logs.iter().map(|l| l - mean).collect()
}
