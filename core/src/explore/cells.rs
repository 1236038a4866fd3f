//! Table values as the user sees them: polars values to [`CellValue`], dates and timestamps
//! as ISO text, and ISO dates typed by the user read back into a column's units.

use polars_core::prelude::*;

use super::{CellValue, ExploreError};
use crate::calendar::{civil_from_days, days_from_civil, iso_date};

/// Ticks of `unit` in one second.
pub(super) fn per_second(unit: TimeUnit) -> i64 {
    match unit {
        TimeUnit::Nanoseconds => 1_000_000_000,
        TimeUnit::Microseconds => 1_000_000,
        TimeUnit::Milliseconds => 1_000,
    }
}

/// `2024-06-30` for a midnight timestamp, `2024-06-30 12:00:00` otherwise, with the
/// sub-second digits of the unit when there are any (`…12:00:00.250`).
pub(super) fn iso_datetime(value: i64, unit: TimeUnit) -> String {
    let second = per_second(unit);
    let day = 86_400 * second;
    let Ok(days) = i32::try_from(value.div_euclid(day)) else {
        // Beyond ±5.8 million years: no calendar date worth printing.
        return value.to_string();
    };
    let within = value.rem_euclid(day);
    if within == 0 {
        return iso_date(days);
    }
    let (secs, fraction) = (within / second, within % second);
    let clock = format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    if fraction == 0 {
        format!("{} {clock}", iso_date(days))
    } else {
        let digits = second.ilog10() as usize;
        format!("{} {clock}.{fraction:0digits$}", iso_date(days))
    }
}

/// One value of a column, for display.
pub(super) fn cell(value: AnyValue<'_>) -> CellValue {
    match value {
        AnyValue::Null => CellValue::Null,
        AnyValue::Boolean(b) => CellValue::Bool(b),
        AnyValue::String(s) => CellValue::Text(s.to_string()),
        AnyValue::StringOwned(s) => CellValue::Text(s.to_string()),
        AnyValue::Int8(v) => CellValue::Int(v.into()),
        AnyValue::Int16(v) => CellValue::Int(v.into()),
        AnyValue::Int32(v) => CellValue::Int(v.into()),
        AnyValue::Int64(v) => CellValue::Int(v),
        AnyValue::UInt8(v) => CellValue::Int(v.into()),
        AnyValue::UInt16(v) => CellValue::Int(v.into()),
        AnyValue::UInt32(v) => CellValue::Int(v.into()),
        AnyValue::UInt64(v) => i64::try_from(v).map_or(CellValue::Float(v as f64), CellValue::Int),
        AnyValue::Float32(v) => float(v.into()),
        AnyValue::Float64(v) => float(v),
        AnyValue::Date(days) => CellValue::Text(iso_date(days)),
        AnyValue::Datetime(v, unit, _) | AnyValue::DatetimeOwned(v, unit, _) => {
            CellValue::Text(iso_datetime(v, unit))
        }
        other => CellValue::Text(other.to_string()),
    }
}

/// A float cell: NaN is shown as missing (pandas' NaN), infinities as text since JSON has
/// no number for them.
pub(super) fn float(v: f64) -> CellValue {
    if v.is_nan() {
        CellValue::Null
    } else if v.is_infinite() {
        CellValue::Text(if v > 0.0 { "inf" } else { "-inf" }.to_string())
    } else {
        CellValue::Float(v)
    }
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` typed for `field`.
pub(super) fn parse_iso_date(field: &'static str, value: &str) -> Result<i64, ExploreError> {
    let bad = || ExploreError::BadDate {
        field,
        value: value.to_string(),
    };
    let mut parts = value.trim().splitn(3, '-');
    let mut next = || {
        parts
            .next()
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let (Some(y), Some(m), Some(d)) = (next(), next(), next()) else {
        return Err(bad());
    };
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
    else {
        return Err(bad());
    };
    if y.len() != 4 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(bad());
    }
    let days = days_from_civil(year, month, day);
    // 2023-02-30 would silently become 2023-03-02: reject dates that do not round-trip.
    if civil_from_days(days) != (year, month, day) {
        return Err(bad());
    }
    Ok(i64::from(days))
}
