//! The aggregations a Group by (Explore) or a bar chart (Chart) offers, and their names.

use jukebox_core::explore::Agg;

/// `(value, text)` options of an aggregation select.
pub const AGGS: [(&str, &str); 8] = [
    ("mean", "mean"),
    ("count", "count"),
    ("sum", "sum"),
    ("min", "min"),
    ("max", "max"),
    ("median", "median"),
    ("std", "std"),
    ("nunique", "nunique"),
];

pub fn agg_from(text: &str) -> Agg {
    serde_json::from_value(serde_json::Value::String(text.to_string())).unwrap_or(Agg::Mean)
}

pub fn agg_name(agg: Agg) -> String {
    serde_json::to_value(agg)
        .ok()
        .and_then(|v| v.as_str().map(ToString::to_string))
        .unwrap_or_default()
}
