//! A column's type from all its values, and the parsing of one value as each type.
//!
//! Types, most specific first: Boolean (`True`/`TRUE`/`true` and the `False`s), Int64,
//! Float64 (`1e-05`, `.5`, `inf`; a mix of ints and floats is Float64), Date (`2024-03-01`,
//! or US `3/1/2024` month first), Datetime in ms (`2024-03-01 12:00:00`, `T` also, optional
//! fraction; mixed with plain ISO dates), otherwise String. Spaces around a value are
//! ignored for every type but String. Empty fields are null in every column; pandas' null
//! markers (`NA`, `NaN`, `null`, …) are null in typed columns only, so that Namibia's code
//! `NA` survives in a String column. Integers beyond Int64 keep the column a String
//! rather than lose digits as floats.

use crate::calendar::days_from_civil;

/// The type a column's values are read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Boolean,
    Int,
    Float,
    Date,
    UsDate,
    Datetime,
    Text,
}

const BOOLEAN: u8 = 1;
const INT: u8 = 1 << 1;
const FLOAT: u8 = 1 << 2;
const DATE: u8 = 1 << 3;
const US_DATE: u8 = 1 << 4;
const DATETIME: u8 = 1 << 5;
const ALL: u8 = BOOLEAN | INT | FLOAT | DATE | US_DATE | DATETIME;

const MS_PER_DAY: i64 = 86_400_000;

/// pandas' default `na_values` that are not numbers (`-1.#IND` and friends left out).
const NULL_MARKERS: [&str; 14] = [
    "NA", "N/A", "n/a", "#N/A", "#NA", "<NA>", "NULL", "null", "NaN", "nan", "-NaN", "-nan",
    "None", "#N/A N/A",
];

/// The types still possible for a column after the values seen so far.
#[derive(Debug, Clone, Copy)]
pub(super) struct Inference {
    possible: u8,
    n_typed: usize,
}

impl Default for Inference {
    fn default() -> Self {
        Self {
            possible: ALL,
            n_typed: 0,
        }
    }
}

impl Inference {
    /// Narrows the possible types by one raw field value.
    pub(super) fn observe(&mut self, value: &str) {
        if self.possible == 0 || value.is_empty() {
            return;
        }
        let value = value.trim_ascii();
        if is_null_marker(value) {
            return;
        }
        self.n_typed += 1;
        let mut keep = 0;
        if self.possible & BOOLEAN != 0 && parse_bool(value).is_some() {
            keep |= BOOLEAN;
        }
        // An integer also fits Float64, a plain date also fits Datetime.
        if self.possible & (INT | FLOAT) != 0 {
            if parse_int(value).is_some() {
                keep |= INT | FLOAT;
            } else if parse_float(value).is_some() {
                keep |= FLOAT;
            }
        }
        if self.possible & (DATE | DATETIME) != 0 {
            if parse_date(value).is_some() {
                keep |= DATE | DATETIME;
            } else if parse_datetime_ms(value).is_some() {
                keep |= DATETIME;
            }
        }
        if self.possible & US_DATE != 0 && parse_us_date(value).is_some() {
            keep |= US_DATE;
        }
        self.possible &= keep;
    }

    /// The most specific type every value fits; String when no value was typed.
    pub(super) fn kind(&self) -> Kind {
        let possible = if self.n_typed == 0 { 0 } else { self.possible };
        [
            (BOOLEAN, Kind::Boolean),
            (INT, Kind::Int),
            (FLOAT, Kind::Float),
            (DATE, Kind::Date),
            (US_DATE, Kind::UsDate),
            (DATETIME, Kind::Datetime),
        ]
        .into_iter()
        .find(|&(bit, _)| possible & bit != 0)
        .map_or(Kind::Text, |(_, kind)| kind)
    }
}

/// A typed column reads these (after trimming) as null.
pub(super) fn is_null_marker(value: &str) -> bool {
    value.is_empty() || NULL_MARKERS.contains(&value)
}

pub(super) fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "True" | "TRUE" | "true" => Some(true),
        "False" | "FALSE" | "false" => Some(false),
        _ => None,
    }
}

pub(super) fn parse_int(value: &str) -> Option<i64> {
    value.parse().ok()
}

pub(super) fn parse_float(value: &str) -> Option<f64> {
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // An integer too long for Int64: as a float it would silently lose digits.
        return None;
    }
    value.parse().ok()
}

/// `YYYY-MM-DD` as days since 1970-01-01.
pub(super) fn parse_date(value: &str) -> Option<i32> {
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    civil_days(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// US `M/D/YYYY` (one or two digits for month and day) as days since 1970-01-01.
pub(super) fn parse_us_date(value: &str) -> Option<i32> {
    let mut parts = value.split('/');
    let (month, day, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || month.len() > 2 || day.len() > 2 || year.len() != 4 {
        return None;
    }
    civil_days(
        digits(year.as_bytes())?,
        digits(month.as_bytes())?,
        digits(day.as_bytes())?,
    )
}

/// `YYYY-MM-DD`, optionally followed by ` ` or `T` and `HH:MM`, `HH:MM:SS` or
/// `HH:MM:SS.fff…`, as milliseconds since 1970-01-01 00:00 (sub-milliseconds dropped).
pub(super) fn parse_datetime_ms(value: &str) -> Option<i64> {
    let (date, time) = match value.len() {
        0..10 => return None,
        10 => (value, ""),
        _ => {
            let (date, rest) = value.split_at_checked(10)?;
            let time = rest.strip_prefix([' ', 'T'])?;
            if time.is_empty() {
                return None;
            }
            (date, time)
        }
    };
    let days = i64::from(parse_date(date)?);
    Some(days * MS_PER_DAY + time_of_day_ms(time)?)
}

fn time_of_day_ms(time: &str) -> Option<i64> {
    if time.is_empty() {
        return Some(0);
    }
    let b = time.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let (hour, minute) = (digits(&b[0..2])?, digits(&b[3..5])?);
    let (second, fraction) = match b.get(5..) {
        Some([]) => (0, &[][..]),
        Some([b':', s1, s2, rest @ ..]) => (digits(&[*s1, *s2])?, rest),
        _ => return None,
    };
    let millis = match fraction {
        [] => 0,
        [b'.', frac @ ..] if (1..=9).contains(&frac.len()) => {
            let mut ms = [b'0'; 3];
            for (slot, &digit) in ms.iter_mut().zip(frac) {
                *slot = digit;
            }
            digits(&frac[frac.len().min(3)..])?; // the dropped digits must be digits too
            digits(&ms)?
        }
        _ => return None,
    };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(
        ((i64::from(hour) * 60 + i64::from(minute)) * 60 + i64::from(second)) * 1000
            + i64::from(millis),
    )
}

/// A run of ASCII digits as a number (empty runs are 0; callers check lengths).
fn digits(bytes: &[u8]) -> Option<i32> {
    let mut n: i32 = 0;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(i32::from(b - b'0'))?;
    }
    Some(n)
}

fn civil_days(year: i32, month: i32, day: i32) -> Option<i32> {
    let month = u32::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = u32::try_from(day).ok()?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days_in_month)
        .contains(&day)
        .then(|| days_from_civil(year, month, day))
}
