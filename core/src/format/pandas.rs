//! Values printed the way pandas prints them: float columns as a whole (`FloatArrayFormatter`,
//! checked against `fixtures/pandas_reference.json`), nulls named by dtype, a page of a table
//! cell by cell.

use crate::explore::{CellValue, TablePage};

/// pandas' `display.precision`: decimals of a float column in fixed notation.
pub const PANDAS_PRECISION: usize = 6;

/// Formats one float column like pandas' frame display (`FloatArrayFormatter`, pandas 2–3):
/// fixed notation with 6 decimals, trailing zeros trimmed equally across the column (one kept),
/// so `[0.5, 0.125]` prints `0.500`, `0.125`. The whole column turns scientific
/// (`1.234568e+06`) when a non-zero value is below 1e-6, or when a value is above 1e6 and the
/// widest fixed text (with pandas' sign space) is longer than 12 characters. Nulls print `NaN`.
pub fn format_float_column(values: &[Option<f64>]) -> Vec<String> {
    let values: Vec<Option<f64>> = values.iter().map(|v| v.filter(|x| !x.is_nan())).collect();
    let fixed = trim_zeros_equally(values.iter().map(|v| v.map_or_else(nan, fixed)).collect());
    let widest = values
        .iter()
        .zip(&fixed)
        .map(|(value, text)| text.len() + usize::from(value.is_some_and(f64::is_sign_positive)))
        .max()
        .unwrap_or(0);
    let has_small = values.iter().flatten().any(|x| *x != 0.0 && x.abs() < 1e-6);
    let has_large = values.iter().flatten().any(|x| x.abs() > 1e6);
    if has_small || (has_large && widest > PANDAS_PRECISION + 6) {
        values
            .iter()
            .map(|v| v.map_or_else(nan, scientific))
            .collect()
    } else {
        fixed
    }
}

fn nan() -> String {
    "NaN".to_string()
}

fn fixed(x: f64) -> String {
    format!("{x:.PANDAS_PRECISION$}")
}

/// Python's `{:.6e}`: the exponent signed and at least two digits (`1.5e+06`, not `1.5e6`).
fn scientific(x: f64) -> String {
    let text = format!("{x:.PANDAS_PRECISION$e}");
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let (sign, digits) = exponent
                .strip_prefix('-')
                .map_or(("+", exponent), |digits| ("-", digits));
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        // `inf` has no exponent.
        None => text,
    }
}

/// `pandas.io.formats.format._trim_zeros_float`: drops trailing zeros while every decimal
/// number ends in one, then gives numbers ending in `.` one zero back.
fn trim_zeros_equally(mut texts: Vec<String>) -> Vec<String> {
    let is_decimal = |text: &str| {
        let digits = text.strip_prefix('-').unwrap_or(text);
        digits.split_once('.').is_some_and(|(whole, fraction)| {
            !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && fraction.bytes().all(|b| b.is_ascii_digit())
        })
    };
    loop {
        let mut decimals = texts.iter().filter(|t| is_decimal(t)).peekable();
        if decimals.peek().is_none() || !decimals.all(|t| t.ends_with('0')) {
            break;
        }
        for text in texts.iter_mut().filter(|t| is_decimal(t)) {
            text.pop();
        }
    }
    for text in texts
        .iter_mut()
        .filter(|t| is_decimal(t) && t.ends_with('.'))
    {
        text.push('0');
    }
    texts
}

/// How pandas names a missing value in a column of `dtype`: `NaT` for dates and timestamps,
/// `NaN` for numbers, `None` for objects (text, and bools with nulls).
pub fn null_text(dtype: &str) -> &'static str {
    if dtype.starts_with("datetime") || dtype == "date" {
        "NaT"
    } else if dtype.starts_with("float") || dtype.starts_with("int") || dtype.starts_with("uint") {
        "NaN"
    } else {
        "None"
    }
}

/// The text of one value outside a float column: ints plain, bools `True`/`False`, text as is.
pub fn cell_text(value: &CellValue, dtype: &str) -> String {
    match value {
        CellValue::Null => null_text(dtype).to_string(),
        CellValue::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        CellValue::Int(i) => i.to_string(),
        CellValue::Float(x) => format_float_column(&[Some(*x)]).swap_remove(0),
        CellValue::Text(text) => text.clone(),
    }
}

/// What a cell holds, for alignment and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Number,
    /// A null in a numeric column: aligned with the numbers.
    NullNumber,
    Null,
    Bool,
    Text,
}

impl CellKind {
    /// The class the page styles a cell of this kind with (`style/output.css`).
    pub fn class(self) -> &'static str {
        match self {
            CellKind::Number => "cell-num",
            CellKind::NullNumber => "cell-null cell-num",
            CellKind::Null => "cell-null",
            CellKind::Bool => "cell-bool",
            CellKind::Text => "cell-text",
        }
    }
}

/// One value as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellText {
    pub text: String,
    pub kind: CellKind,
}

/// Every cell of `page`, row by row, one per column. A float column (by dtype, or holding a
/// float) is formatted as a whole like pandas; a row shorter than the columns reads as nulls.
pub fn format_page(page: &TablePage) -> Vec<Vec<CellText>> {
    let columns: Vec<Vec<CellText>> = page
        .columns
        .iter()
        .enumerate()
        .map(|(j, column)| {
            let values: Vec<&CellValue> = page
                .rows
                .iter()
                .map(|row| row.get(j).unwrap_or(&CellValue::Null))
                .collect();
            format_column(&values, &column.dtype)
        })
        .collect();
    (0..page.rows.len())
        .map(|i| columns.iter().map(|column| column[i].clone()).collect())
        .collect()
}

fn format_column(values: &[&CellValue], dtype: &str) -> Vec<CellText> {
    let is_float =
        dtype.starts_with("float") || values.iter().any(|v| matches!(v, CellValue::Float(_)));
    let floats = is_float.then(|| {
        let numbers: Vec<Option<f64>> = values
            .iter()
            .map(|v| match v {
                CellValue::Float(x) => Some(*x),
                // pandas holds such a column as float64, too.
                CellValue::Int(i) => Some(*i as f64),
                _ => None,
            })
            .collect();
        format_float_column(&numbers)
    });
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let kind = match value {
                CellValue::Null if null_text(dtype) == "NaN" || is_float => CellKind::NullNumber,
                CellValue::Null => CellKind::Null,
                CellValue::Bool(_) => CellKind::Bool,
                CellValue::Int(_) | CellValue::Float(_) => CellKind::Number,
                CellValue::Text(_) => CellKind::Text,
            };
            let text = match (&floats, kind) {
                (Some(texts), CellKind::Number) => texts[i].clone(),
                _ => cell_text(value, dtype),
            };
            CellText { text, kind }
        })
        .collect()
}
