//! The served probabilities beside the in-browser ones.

use serde::{Deserialize, Serialize};

/// One class: the served probability, the in-browser one and their difference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServedRow {
    pub class: String,
    pub served: f64,
    pub local: f64,
    pub diff: f64,
}

/// The `n` classes the served model finds most likely (ties keep class order), each with the
/// in-browser probability beside it. `served` and `local` are in class order.
pub fn top_rows(classes: &[String], served: &[f64], local: &[f64], n: usize) -> Vec<ServedRow> {
    let mut rows: Vec<ServedRow> = classes
        .iter()
        .zip(served)
        .zip(local)
        .map(|((class, &served), &local)| ServedRow {
            class: class.clone(),
            served,
            local,
            diff: (served - local).abs(),
        })
        .collect();
    rows.sort_by(|a, b| b.served.total_cmp(&a.served));
    rows.truncate(n);
    rows
}
