//! Shares as percentages, the way every output and the Runs page print them.

/// A share as a percentage with one decimal: `0.3124` → `31.2 %`.
pub fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.1} %", share * 100.0)
    } else {
        "n/a".to_string()
    }
}
