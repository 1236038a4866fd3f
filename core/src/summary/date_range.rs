//! The dates a table covers: the first and last day of its date column.
//!
//! Which column: among the columns that hold dates — `date` and `datetime` columns, and
//! text columns of ISO dates (`YYYY-MM-DD`, optionally with a time: what a CSV column
//! becomes when a few of its values are not dates) — one named `date` or `snapshot_date`
//! first, then one whose name contains `date` or `time`, then any; in column order within
//! each. A column whose values are all null gives way to the next one.
//!
//! A text column counts as dates when at least 90 % of its non-null values are ISO dates;
//! the others (`unknown`, `2024-02-30`, a year alone) are left out of the range, as nulls
//! are. Below that share it is text that happens to hold some dates, and has no range.
//! Days are UTC days (the stored instants of a `datetime` with a time zone).

use polars_core::prelude::*;

use crate::calendar::{NS_PER_DAY, iso_date, parse_iso_ns};

/// Of a text column's non-null values, at most one in this many may be other than dates.
const NON_DATES_ONE_IN: usize = 10;

/// First and last day, `YYYY-MM-DD`, of the table's date column (see the module's words).
pub(crate) fn date_range(df: &DataFrame) -> Option<(String, String)> {
    let (first, last) = date_columns(df).into_iter().find_map(day_range)?;
    Some((iso_date(first), iso_date(last)))
}

/// The table's date column (the one [`date_range`] reads) and each row's day since
/// 1970-01-01 (`None` where null or not a date): for grouping rows by week.
pub(crate) fn row_days(df: &DataFrame) -> Option<(String, Vec<Option<i32>>)> {
    date_columns(df).into_iter().find_map(|column| {
        day_range(column)?;
        let days: Vec<Option<i32>> = match column.dtype() {
            DataType::Date => column.date().ok()?.physical().iter().collect(),
            DataType::Datetime(unit, _) => {
                let ns_per_unit = ns_per(*unit);
                let values = column.datetime().ok()?.physical();
                values
                    .iter()
                    .map(|v| v.and_then(|v| day_of_ns(i128::from(v) * ns_per_unit)))
                    .collect()
            }
            _ => column
                .str()
                .ok()?
                .iter()
                .map(|t| t.and_then(parse_iso_ns).and_then(day_of_ns))
                .collect(),
        };
        Some((column.name().to_string(), days))
    })
}

fn ns_per(unit: TimeUnit) -> i128 {
    match unit {
        TimeUnit::Nanoseconds => 1,
        TimeUnit::Microseconds => 1_000,
        TimeUnit::Milliseconds => 1_000_000,
    }
}

/// The columns that may hold the table's dates, most likely first (see the module's words).
fn date_columns(df: &DataFrame) -> Vec<&Column> {
    let mut candidates: Vec<(u8, &Column)> = df
        .columns()
        .iter()
        .filter(|c| {
            matches!(
                c.dtype(),
                DataType::Date | DataType::Datetime(_, _) | DataType::String
            )
        })
        .map(|c| (name_rank(c.name()), c))
        .collect();
    // A stable sort: column order within each rank.
    candidates.sort_by_key(|(rank, _)| *rank);
    candidates.into_iter().map(|(_, c)| c).collect()
}

/// 0 for the usual names of a table's date, 1 for a name that speaks of dates or times.
fn name_rank(name: &str) -> u8 {
    let name = name.to_ascii_lowercase();
    if name == "date" || name == "snapshot_date" {
        0
    } else if name.contains("date") || name.contains("time") {
        1
    } else {
        2
    }
}

/// First and last day (since 1970-01-01) of a date, datetime or ISO-text column.
fn day_range(column: &Column) -> Option<(i32, i32)> {
    match column.dtype() {
        DataType::Date => {
            let days = column.date().ok()?.physical();
            Some((days.min()?, days.max()?))
        }
        DataType::Datetime(unit, _) => {
            let ns_per_unit = ns_per(*unit);
            let values = column.datetime().ok()?.physical();
            let day = |v: i64| day_of_ns(i128::from(v) * ns_per_unit);
            Some((day(values.min()?)?, day(values.max()?)?))
        }
        DataType::String => text_day_range(column.str().ok()?),
        _ => None,
    }
}

/// First and last day of a text column of ISO dates, or `None` when more than one value
/// in [`NON_DATES_ONE_IN`] is something else (or there is no value at all).
fn text_day_range(texts: &StringChunked) -> Option<(i32, i32)> {
    let n_values = texts.len() - texts.null_count();
    let allowed_non_dates = n_values / NON_DATES_ONE_IN;
    let mut non_dates = 0;
    let mut range: Option<(i32, i32)> = None;
    for text in texts.into_iter().flatten() {
        if let Some(day) = parse_iso_ns(text).and_then(day_of_ns) {
            range = Some(range.map_or((day, day), |(lo, hi)| (lo.min(day), hi.max(day))));
        } else {
            non_dates += 1;
            if non_dates > allowed_non_dates {
                return None;
            }
        }
    }
    range
}

/// The day (since 1970-01-01, UTC) of a nanosecond instant, if it fits a day count.
fn day_of_ns(ns: i128) -> Option<i32> {
    i32::try_from(ns.div_euclid(i128::from(NS_PER_DAY))).ok()
}
