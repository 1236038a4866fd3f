//! Row filters: a column's values against typed-in values, on numbers, text, true/false and
//! dates or timestamps. Every condition becomes comparisons of each row with a few "needles"
//! (the typed-in values, converted to the column's kind once) and a rule over their outcomes.

use std::cmp::Ordering;

use polars_core::prelude::{BooleanChunked, ChunkFull, Column, DataFrame, DataType, PolarsError};

use super::columns::{column, missing};
use super::error::dtype_name;
use super::keys::ns_per_unit;
use super::{CompareOp, Condition, PrepareError, Scalar};
use crate::calendar::NS_PER_DAY;
use crate::calendar::parse_iso_ns;

/// A typed-in value in the column's terms.
#[derive(Debug, Clone, PartialEq)]
enum Needle {
    Number(f64),
    Text(String),
    Bool(bool),
    /// Nanoseconds since 1970-01-01.
    Time(i128),
}

/// `df[condition(df[column])]`.
pub(super) fn filter(
    df: &DataFrame,
    column_name: &str,
    condition: &Condition,
) -> Result<DataFrame, PrepareError> {
    let values = column(df, column_name, None)?;
    let mask = mask(values, column_name, condition)?;
    df.filter(&mask)
        .map_err(|e| PrepareError::frame(format!("filtering rows on `{column_name}`"), &e))
}

fn mask(
    values: &Column,
    name: &str,
    condition: &Condition,
) -> Result<BooleanChunked, PrepareError> {
    let needles = |scalars: &[&Scalar]| -> Result<Vec<Needle>, PrepareError> {
        scalars
            .iter()
            .map(|s| needle(values.dtype(), name, s))
            .collect()
    };
    let failed = |e: PolarsError| PrepareError::frame(format!("comparing `{name}`"), &e);
    match condition {
        Condition::IsNull => Ok(missing(values)),
        Condition::NotNull => Ok(!missing(values)),
        Condition::Compare { op, value } => {
            let op = *op;
            compare_rows(values, &needles(&[value])?, |o| holds(op, o[0])).map_err(failed)
        }
        Condition::Between { start, end } => compare_rows(values, &needles(&[start, end])?, |o| {
            matches!(o[0], Some(Ordering::Greater | Ordering::Equal))
                && o[1] == Some(Ordering::Less)
        })
        .map_err(failed),
        // `isin([])` keeps nothing, whatever the column holds.
        Condition::InList { values: list } if list.is_empty() => {
            Ok(BooleanChunked::full(name.into(), false, values.len()))
        }
        Condition::InList { values: list } => {
            let list: Vec<&Scalar> = list.iter().collect();
            compare_rows(values, &needles(&list)?, |o| {
                o.contains(&Some(Ordering::Equal))
            })
            .map_err(failed)
        }
    }
}

/// Whether a row's ordering against the value meets `op`. `None` (a null, or NaN) meets only
/// `Ne`, as `NaN != x` is true in pandas.
fn holds(op: CompareOp, ordering: Option<Ordering>) -> bool {
    let Some(o) = ordering else {
        return op == CompareOp::Ne;
    };
    match op {
        CompareOp::Eq => o == Ordering::Equal,
        CompareOp::Ne => o != Ordering::Equal,
        CompareOp::Lt => o == Ordering::Less,
        CompareOp::Le => o != Ordering::Greater,
        CompareOp::Gt => o == Ordering::Greater,
        CompareOp::Ge => o != Ordering::Less,
    }
}

/// The typed-in value as the column's kind of value, or an error saying what would fit.
fn needle(dtype: &DataType, column: &str, scalar: &Scalar) -> Result<Needle, PrepareError> {
    let mismatch = |what_to_do| PrepareError::ValueType {
        column: column.to_string(),
        dtype: dtype_name(dtype),
        value: scalar.to_string(),
        what_to_do,
    };
    match (dtype, scalar) {
        (DataType::String, Scalar::Text(s)) => Ok(Needle::Text(s.clone())),
        (DataType::String, _) => Err(mismatch("Compare it with text in quotes")),
        (DataType::Boolean, Scalar::Bool(b)) => Ok(Needle::Bool(*b)),
        (DataType::Boolean, _) => Err(mismatch("Compare it with True or False")),
        (DataType::Date | DataType::Datetime(..), Scalar::Text(s)) => parse_iso_ns(s)
            .map(Needle::Time)
            .ok_or_else(|| PrepareError::BadDate {
                column: column.to_string(),
                value: s.clone(),
            }),
        (DataType::Date | DataType::Datetime(..), _) => {
            Err(mismatch("Compare it with a date such as 2023-12-20"))
        }
        (dtype, Scalar::Number(x)) if dtype.is_primitive_numeric() => Ok(Needle::Number(*x)),
        (dtype, _) if dtype.is_primitive_numeric() => {
            Err(mismatch("Compare it with a number (without quotes)"))
        }
        (dtype, _) => Err(PrepareError::UnsupportedColumn {
            column: column.to_string(),
            dtype: dtype_name(dtype),
            operation: "filtered",
            what_to_do: "Filter on number, text, true/false or date columns",
        }),
    }
}

/// `keep(orderings)` for every row, where `orderings[i]` compares the row's value with
/// `needles[i]` (`None` for a null or NaN value).
fn compare_rows(
    values: &Column,
    needles: &[Needle],
    keep: impl Fn(&[Option<Ordering>]) -> bool,
) -> Result<BooleanChunked, PolarsError> {
    let mut orderings = vec![None; needles.len()];
    let mut row = |cmp: &dyn Fn(&Needle) -> Option<Ordering>| {
        for (o, n) in orderings.iter_mut().zip(needles) {
            *o = cmp(n);
        }
        keep(&orderings)
    };
    Ok(match values.dtype() {
        DataType::String => values
            .str()?
            .iter()
            .map(|v| row(&|n| text_order(v?, n)))
            .collect(),
        DataType::Boolean => values
            .bool()?
            .iter()
            .map(|v| row(&|n| bool_order(v?, n)))
            .collect(),
        DataType::Date | DataType::Datetime(..) => {
            let ns_per_value = match values.dtype() {
                DataType::Date => i128::from(NS_PER_DAY),
                dtype => ns_per_unit(dtype),
            };
            let physical = values.to_physical_repr().cast(&DataType::Int64)?;
            let physical = physical.i64()?;
            physical
                .iter()
                .map(|v| row(&|n| time_order(i128::from(v?) * ns_per_value, n)))
                .collect()
        }
        dtype if dtype.is_float() || *dtype == DataType::UInt64 => {
            // UInt64 beyond 2^53 loses precision as f64; counts and ids stay far below.
            let floats = values.cast(&DataType::Float64)?;
            floats
                .f64()?
                .iter()
                .map(|v| row(&|n| float_order(v?, n)))
                .collect()
        }
        _ => {
            let ints = values.cast(&DataType::Int64)?;
            ints.i64()?
                .iter()
                .map(|v| row(&|n| int_order(v?, n)))
                .collect()
        }
    })
}

fn text_order(value: &str, needle: &Needle) -> Option<Ordering> {
    match needle {
        // Byte order of UTF-8 is code point order, which is how Python compares strings.
        Needle::Text(t) => Some(value.cmp(t.as_str())),
        _ => None,
    }
}

fn bool_order(value: bool, needle: &Needle) -> Option<Ordering> {
    match needle {
        Needle::Bool(b) => Some(value.cmp(b)),
        _ => None,
    }
}

fn time_order(value_ns: i128, needle: &Needle) -> Option<Ordering> {
    match needle {
        Needle::Time(t) => Some(value_ns.cmp(t)),
        _ => None,
    }
}

fn float_order(value: f64, needle: &Needle) -> Option<Ordering> {
    match needle {
        Needle::Number(x) => value.partial_cmp(x),
        _ => None,
    }
}

/// 2^63: i64's range is [-2^63, 2^63), and both bounds are exact as f64.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// An integer against a number exactly (no rounding of large integers to f64).
fn int_order(value: i64, needle: &Needle) -> Option<Ordering> {
    let Needle::Number(x) = needle else {
        return None;
    };
    if x.is_nan() {
        None
    } else if *x >= TWO_POW_63 {
        Some(Ordering::Less)
    } else if *x < -TWO_POW_63 {
        Some(Ordering::Greater)
    } else {
        let floor = x.floor();
        // In range and integral after the checks above, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        let whole = floor as i64;
        Some(value.cmp(&whole).then(if *x > floor {
            Ordering::Less
        } else {
            Ordering::Equal
        }))
    }
}
