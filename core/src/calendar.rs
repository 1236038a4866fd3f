//! Civil dates as days since 1970-01-01, without a date crate: the demo data and the
//! summaries only need conversion to and from `YYYY-MM-DD` and to nanosecond timestamps,
//! and ISO date/time text read as nanoseconds (`iso_text`).

mod iso_text;

pub use iso_text::parse_iso_ns;

/// Nanoseconds in one day, for `timestamp[ns]` columns.
pub const NS_PER_DAY: i64 = 86_400 * 1_000_000_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = i32::try_from(month).unwrap_or(1);
    let d = i32::try_from(day).unwrap_or(1);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i32::from(month <= 2);
    // Both are within their small ranges by construction.
    (year, month.unsigned_abs(), day.unsigned_abs())
}

/// `YYYY-MM-DD` of a day count since 1970-01-01.
pub fn iso_date(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD` of a nanosecond timestamp (the date part, UTC).
pub fn iso_date_from_ns(ns: i64) -> String {
    let days = ns.div_euclid(NS_PER_DAY);
    iso_date(i32::try_from(days).unwrap_or(i32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_day_zero() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }

    #[test]
    fn round_trips_across_leap_years() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(iso_date(days_from_civil(2024, 2, 29)), "2024-02-29");
        assert_eq!(
            days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28),
            2
        );
    }

    #[test]
    fn formats_timestamps_as_dates() {
        let ns = i64::from(days_from_civil(2023, 12, 20)) * NS_PER_DAY + 3_600_000_000_000;
        assert_eq!(iso_date_from_ns(ns), "2023-12-20");
    }
}
