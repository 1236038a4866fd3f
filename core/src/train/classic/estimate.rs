//! How long a classic fit will take in the browser: rates measured natively
//! (`timing_tests`, 100,000 course rows = 80,000 fitted × 13 features × 72 classes, 20,000
//! scored; dev profile at opt-level 2 on a shared 2-core machine), doubled for wasm. Only
//! k-nearest neighbours is estimated from rates alone; the other models time a fit on a
//! sample and scale it by the ratio of these formulas (`plan`).
//!
//! Measured: Gaussian NB fit 0.01 s + score 0.26 s; our logistic regression (alpha 1,
//! `max_iter` 100) 33.9 s (scikit-learn about 23 s); our CART decision tree (gini, depth 16)
//! fit 0.73 s + score 0.01 s (scikit-learn 0.96 s); random forest of 50 fit 9.2 s + score
//! 0.5 s (scikit-learn 13.8 s). kNN (k = 5, our k-d tree over the distinct rows, release
//! build, 2026-12-08): fit 0.02 s + score 0.16 s. Trees and kNN work on the distinct rows,
//! which the course's rows repeat many times; these rates are for the rows, so on data without
//! repeats they are optimistic by the repeat factor (about 7 on the course's training rows).

use crate::train::ModelSpec;

/// wasm runs the same code about half as fast as native.
const WASM_FACTOR: f64 = 2.0;

/// Seconds a fit of `spec` on `n_rows` × `n_features` is expected to take in the browser,
/// from measured rates; the Train cell warns above a minute and offers a sample.
pub fn estimate_seconds(
    spec: &ModelSpec,
    n_rows: usize,
    n_features: usize,
    n_classes: usize,
) -> f64 {
    let (n, p, k) = (
        n_rows as f64,
        n_features.max(1) as f64,
        n_classes.max(2) as f64,
    );
    // Scoring a quarter as many rows as are fitted (the course split) is part of the cost.
    let native = match spec {
        // 0.27 s / (80,000 × 13 × 72 × 1.25)
        ModelSpec::GaussianNb => 2.9e-9 * n * p * k,
        // A k-d tree query per scored row: 0.18 s / (20,000 × 13 × log2 80,000), times 2.5
        // for data whose rows repeat less than the course's.
        ModelSpec::Knn(_) => 1.1e-7 * (0.25 * n) * p * n.log2(),
        // 33.9 s / (80,000 × 13 × 72): the whole L-BFGS run (up to 100 iterations).
        ModelSpec::LogisticRegression(_) => 4.5e-7 * n * p * k,
        // Each level sweeps and partitions every row once per feature: n × p × depth, with
        // depth ≈ log2 n. 0.74 s / (80,000 × 13 × 16.3).
        ModelSpec::DecisionTree(_) => 4.4e-8 * n * p * n.log2(),
        // Per tree a third of the rows are out of the bootstrap and only √p features are
        // swept, but all p are partitioned. 9.7 s / (50 × 80,000 × 13 × 16.3).
        ModelSpec::RandomForest(f) => f.n_trees as f64 * 1.1e-8 * n * p * n.log2(),
        // Per iteration a tree per class, each building histograms over the (distinct) rows
        // about three times (the root, then the smaller children), without early stopping:
        // 2.98 s / (100 × 72 × 3 × 80,000 × 13) on the course's rows.
        ModelSpec::HistGradientBoosting(b) => b.max_iter as f64 * k * 3.0 * n * p * 1.3e-10,
        ModelSpec::Network(_) => 0.0,
    };
    native * WASM_FACTOR
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::{KnnParams, LogisticParams};

    #[test]
    fn estimates_grow_with_rows_and_flag_full_table_logistic_regression_as_long() {
        let lr = ModelSpec::LogisticRegression(LogisticParams::default());
        assert!(estimate_seconds(&lr, 80_000, 13, 72) > 60.0);
        let nb = ModelSpec::GaussianNb;
        assert!(estimate_seconds(&nb, 80_000, 13, 72) < 5.0);
        let knn = ModelSpec::Knn(KnnParams::default());
        assert!(estimate_seconds(&knn, 20_000, 13, 72) < estimate_seconds(&knn, 80_000, 13, 72));
    }
}
