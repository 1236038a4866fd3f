//! A table's profile checked against a contract: one anomaly per thing that differs, in the
//! contract's column order, then the table's new columns, then the dataset's own anomalies.

use super::{
    Anomaly, AnomalyKind, ColumnContract, ColumnType, DataContract, NumericRange, Severity,
    Validation,
};
use crate::calendar::{NS_PER_DAY, parse_iso_ns};

/// Checks `found` (a table's profile) against `expected` with `expected`'s tolerances.
pub fn validate(expected: &DataContract, found: &DataContract) -> Validation {
    let tolerances = &expected.tolerances;
    let optional = |name: &str| tolerances.optional_columns.iter().any(|c| c == name);
    let mut anomalies = Vec::new();
    for column in &expected.columns {
        let severity = if optional(&column.name) {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut push = |kind, expected: String, found: String, description: String| {
            anomalies.push(Anomaly {
                kind,
                column: Some(column.name.clone()),
                expected,
                found,
                severity,
                description,
            });
        };
        match found.columns.iter().find(|c| c.name == column.name) {
            None => push(
                AnomalyKind::SchemaMissingColumn,
                format!("a column `{}` ({})", column.name, column.column_type.name()),
                "no such column".to_string(),
                format!(
                    "Column `{}` is missing. Restore it, or list it in the contract's \
                     tolerances.optional_columns if the model does not need it.",
                    column.name
                ),
            ),
            Some(new) => {
                for (kind, want, got, words) in column_anomalies(column, new, tolerances) {
                    push(kind, want, got, words);
                }
            }
        }
    }
    for column in &found.columns {
        if !expected.columns.iter().any(|c| c.name == column.name) {
            anomalies.push(Anomaly {
                kind: AnomalyKind::SchemaNewColumn,
                column: Some(column.name.clone()),
                expected: "no such column".to_string(),
                found: format!("a column `{}` ({})", column.name, column.column_type.name()),
                severity: Severity::Warning,
                description: format!(
                    "Column `{}` is new; the model ignores it. Make a new contract from this \
                     table (jukebox contract) if it belongs.",
                    column.name
                ),
            });
        }
    }
    if found.rows < tolerances.min_rows {
        anomalies.push(Anomaly {
            kind: AnomalyKind::DatasetLowNumExamples,
            column: None,
            expected: format!("at least {} rows", tolerances.min_rows),
            found: format!("{} rows", found.rows),
            severity: Severity::Error,
            description: "The table has too few rows to train or check on. Is the export \
                          cut short? Lower tolerances.min_rows if this is expected."
                .to_string(),
        });
    }
    if let Some(stale) = staleness(expected, found) {
        anomalies.push(stale);
    }
    Validation {
        contract_dataset: expected.dataset.clone(),
        contract_version: expected.dataset_version.clone(),
        dataset: found.dataset.clone(),
        dataset_version: found.dataset_version.clone(),
        rows: found.rows,
        anomalies,
    }
}

type Found = (AnomalyKind, String, String, String);

/// What differs in one column present on both sides.
fn column_anomalies(
    want: &ColumnContract,
    got: &ColumnContract,
    tolerances: &super::Tolerances,
) -> Vec<Found> {
    let name = &want.name;
    if !compatible(want.column_type, got.column_type) {
        return vec![(
            AnomalyKind::UnexpectedDataType,
            format!("{} ({})", want.column_type.name(), want.dtype),
            format!("{} ({})", got.column_type.name(), got.dtype),
            format!(
                "Column `{name}` holds {} values where the contract has {}: a value that is not \
                 a number, or a changed export? Fix the data, or make a new contract.",
                got.column_type.name(),
                want.column_type.name()
            ),
        )];
    }
    let mut out = Vec::new();
    let present_want = 1.0 - want.null_fraction;
    let present_got = 1.0 - got.null_fraction;
    if present_got < present_want - tolerances.null_fraction_increase {
        out.push((
            AnomalyKind::FeatureTypeLowFractionPresent,
            format!(
                "present in ≥ {}",
                percent(present_want - tolerances.null_fraction_increase)
            ),
            format!("present in {}", percent(present_got)),
            format!(
                "Column `{name}` is missing in more rows than the contract allows: drop or fill \
                 them (a Prepare step), or raise tolerances.null_fraction_increase."
            ),
        ));
    }
    if let (Some(w), Some(g)) = (want.range, got.range) {
        out.extend(range_anomalies(
            name,
            want.column_type,
            w,
            g,
            tolerances.range_slack,
        ));
    }
    if let (Some(allowed), Some(values)) = (&want.categories, &got.categories) {
        let unknown: Vec<&String> = values
            .iter()
            .filter(|v| allowed.binary_search(v).is_err())
            .collect();
        if !unknown.is_empty() {
            out.push((
                AnomalyKind::EnumTypeUnexpectedStringValues,
                format!("one of {} values", allowed.len()),
                format!("{} unknown: {}", unknown.len(), listed(&unknown)),
                format!(
                    "Column `{name}` has values the model never saw; it cannot predict them. \
                     Filter them out, or retrain on data that has them."
                ),
            ));
        }
    } else if let (Some(allowed), None, Some(distinct)) =
        (&want.categories, &got.categories, got.distinct)
    {
        out.push((
            AnomalyKind::EnumTypeUnexpectedStringValues,
            format!("one of {} values", allowed.len()),
            format!("{distinct} distinct values"),
            format!("Column `{name}` has far more distinct values than the contract's set."),
        ));
    }
    out
}

/// Whether a column of type `got` may stand where the contract has `want`: the same type,
/// or whole numbers where floats are expected (a CSV writes `1.0` as `1`).
fn compatible(want: ColumnType, got: ColumnType) -> bool {
    want == got || (want == ColumnType::Float && got == ColumnType::Int)
}

fn range_anomalies(
    name: &str,
    column_type: ColumnType,
    want: NumericRange,
    got: NumericRange,
    slack: f64,
) -> Vec<Found> {
    let margin = (want.max - want.min).abs() * slack.max(0.0);
    let (low, high) = (want.min - margin, want.max + margin);
    let (small, big) = if column_type == ColumnType::Int {
        (AnomalyKind::IntTypeSmallInt, AnomalyKind::IntTypeBigInt)
    } else {
        (
            AnomalyKind::FloatTypeSmallFloat,
            AnomalyKind::FloatTypeBigFloat,
        )
    };
    let sides = [
        (
            got.min < low,
            small,
            format!("≥ {}", number(low)),
            format!("smallest {}", number(got.min)),
            "below",
        ),
        (
            got.max > high,
            big,
            format!("≤ {}", number(high)),
            format!("largest {}", number(got.max)),
            "above",
        ),
    ];
    sides
        .into_iter()
        .filter(|(beyond, ..)| *beyond)
        .map(|(_, kind, bound, found, side)| {
            (
                kind,
                bound,
                found,
                format!(
                    "Column `{name}` has values {side} any the model was trained on: check the \
                     unit and the export, or raise tolerances.range_slack."
                ),
            )
        })
        .collect()
}

/// `DATASET_STALE` when the table's last day is more than the tolerance before the
/// contract's.
fn staleness(expected: &DataContract, found: &DataContract) -> Option<Anomaly> {
    let (_, want_last) = expected.date_range.as_ref()?;
    let (_, got_last) = found.date_range.as_ref()?;
    let days = (parse_iso_ns(want_last)? - parse_iso_ns(got_last)?) / i128::from(NS_PER_DAY);
    (days > i128::from(expected.tolerances.stale_after_days)).then(|| Anomaly {
        kind: AnomalyKind::DatasetStale,
        column: None,
        expected: format!("data up to {want_last} or later"),
        found: format!("data up to {got_last} ({days} days older)"),
        severity: Severity::Warning,
        description: "The table ends before the data the contract was made from: is this an \
                      old export? Fetch the newest data, or raise tolerances.stale_after_days."
            .to_string(),
    })
}

fn percent(share: f64) -> String {
    format!("{:.2} %", share * 100.0)
}

/// A number as a person reads it: up to 6 significant digits, no trailing zeros.
fn number(x: f64) -> String {
    let text = format!("{x:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Up to 5 values, then how many more.
fn listed(values: &[&String]) -> String {
    let shown: Vec<String> = values.iter().take(5).map(|v| format!("`{v}`")).collect();
    if values.len() > 5 {
        format!("{} and {} more", shown.join(", "), values.len() - 5)
    } else {
        shown.join(", ")
    }
}
