//! Text and colour of output values: float columns printed the way pandas prints them, nulls
//! named by dtype, and matplotlib's `RdYlBu` scale for correlations. Pure functions.

use jukebox_core::explore::{CellValue, TablePage};

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

/// The colours of matplotlib's `RdYlBu` (the 11 classes of `ColorBrewer`), from −1 … to +1.
const RDYLBU: [(u8, u8, u8); 11] = [
    (0xa5, 0x00, 0x26),
    (0xd7, 0x30, 0x27),
    (0xf4, 0x6d, 0x43),
    (0xfd, 0xae, 0x61),
    (0xfe, 0xe0, 0x90),
    (0xff, 0xff, 0xbf),
    (0xe0, 0xf3, 0xf8),
    (0xab, 0xd9, 0xe9),
    (0x74, 0xad, 0xd1),
    (0x45, 0x75, 0xb4),
    (0x31, 0x36, 0x95),
];

/// The colour of correlation `r` (clamped to [−1, 1]) on a diverging red–yellow–blue scale:
/// −1 dark red, 0 pale yellow, +1 dark blue. Like matplotlib's `cm.RdYlBu((r + 1) / 2)`, it
/// picks one of 256 lookup entries, each interpolated linearly between the 11 anchors.
pub fn rdylbu_hex(r: f64) -> String {
    let (red, green, blue) = rdylbu_rgb(r);
    format!("#{red:02x}{green:02x}{blue:02x}")
}

/// [`rdylbu_hex`] as `(red, green, blue)`: the one colour scale of correlations, shared by
/// the correlation bars and the heatmap chart.
pub fn rdylbu_rgb(r: f64) -> (u8, u8, u8) {
    const LOOKUP_SIZE: f64 = 256.0;
    let t = if r.is_nan() {
        0.5
    } else {
        f64::midpoint(r.clamp(-1.0, 1.0), 1.0)
    };
    let entry = (t * LOOKUP_SIZE).floor().min(LOOKUP_SIZE - 1.0);
    let position = entry / (LOOKUP_SIZE - 1.0) * 10.0;
    let lower = position.floor().min(9.0);
    let fraction = position - lower;
    // `lower` is a whole number in 0..=9 by construction.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (a, b) = (RDYLBU[lower as usize], RDYLBU[lower as usize + 1]);
    let mix = |from: u8, to: u8| {
        let value = f64::from(from) + (f64::from(to) - f64::from(from)) * fraction;
        // A channel between two u8 values stays in 0..=255.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let byte = value.round() as u8;
        byte
    };
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
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
    /// The CSS class of a cell of this kind.
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
