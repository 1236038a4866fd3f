//! ISO date and time text (`2023-12-20`, `2023-12-20 14:30`, `2023-12-20T14:30:00.5Z`) as
//! nanoseconds since 1970-01-01, read as UTC like polars stores timestamps: what a Prepare
//! step's bounds are typed as, and what a text column of dates holds (`summary`).

use super::{NS_PER_DAY, days_from_civil};

/// Nanoseconds since 1970-01-01 of an ISO date with an optional time, or `None` when the
/// text is not one (including impossible dates such as 2023-02-30).
pub fn parse_iso_ns(text: &str) -> Option<i128> {
    let text = text.trim();
    let (date, time) = match text.find(['T', ' ']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim_end_matches('Z'))),
        None => (text, None),
    };
    let days = parse_date(date)?;
    let time_ns = time.map_or(Some(0), parse_time)?;
    Some(i128::from(days) * i128::from(NS_PER_DAY) + time_ns)
}

/// Days since 1970-01-01 of `YYYY-MM-DD`.
fn parse_date(text: &str) -> Option<i32> {
    let mut parts = text.split('-');
    let year: i32 = digits(parts.next()?, 4)?.try_into().ok()?;
    let month: u32 = digits(parts.next()?, 2)?.try_into().ok()?;
    let day: u32 = digits(parts.next()?, 2)?.try_into().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // An impossible day (Feb 30) rolls into the next month: reject it by the round trip.
    (super::civil_from_days(days) == (year, month, day)).then_some(days)
}

/// Nanoseconds since midnight of `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction`.
fn parse_time(text: &str) -> Option<i128> {
    let mut parts = text.split(':');
    let hours = digits(parts.next()?, 2)?;
    let minutes = digits(parts.next()?, 2)?;
    let (seconds, fraction_ns) = match parts.next() {
        Some(s) => match s.split_once('.') {
            Some((whole, fraction)) => (digits(whole, 2)?, fraction_ns(fraction)?),
            None => (digits(s, 2)?, 0),
        },
        None => (0, 0),
    };
    if parts.next().is_some() || hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    let whole_seconds = i128::from((hours * 60 + minutes) * 60 + seconds);
    Some(whole_seconds * 1_000_000_000 + fraction_ns)
}

/// Nanoseconds of the digits after a decimal point (at most 9).
fn fraction_ns(text: &str) -> Option<i128> {
    if text.is_empty() || text.len() > 9 {
        return None;
    }
    let value = i128::from(digits(text, text.len())?);
    let scale = 10_i128.pow(9 - u32::try_from(text.len()).ok()?);
    Some(value * scale)
}

/// The value of exactly `n` ASCII digits.
fn digits(text: &str, n: usize) -> Option<u64> {
    if text.len() != n || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS_PER_S: i128 = 1_000_000_000;

    #[test]
    fn reads_dates_with_and_without_times() {
        let day = i128::from(days_from_civil(2023, 12, 20)) * i128::from(NS_PER_DAY);
        assert_eq!(parse_iso_ns("2023-12-20"), Some(day));
        assert_eq!(
            parse_iso_ns("2023-12-20 14:30"),
            Some(day + (14 * 3600 + 30 * 60) * NS_PER_S)
        );
        assert_eq!(
            parse_iso_ns("2023-12-20T14:30:05.25Z"),
            Some(day + (14 * 3600 + 30 * 60 + 5) * NS_PER_S + NS_PER_S / 4)
        );
        assert_eq!(parse_iso_ns("1969-12-31"), Some(-i128::from(NS_PER_DAY)));
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for text in [
            "2023-02-30",
            "2023-13-01",
            "2023-1-5",
            "20231220",
            "2023-12-20 25:00",
            "2023-12-20 10:00:00.1234567891",
            "yesterday",
            "",
        ] {
            assert_eq!(parse_iso_ns(text), None, "{text}");
        }
        assert!(parse_iso_ns("2024-02-29").is_some());
    }
}
