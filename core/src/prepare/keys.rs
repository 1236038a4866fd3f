//! Join keys as dense codes: rows of either side with equal key values (over all key
//! columns) get the same code, so matching rows is indexing, not comparing values. The right
//! side's values are hashed once; left values absent on the right get no code.

use std::hash::Hash;

use polars_core::prelude::{Column, DataFrame, DataType, PlHashMap, PolarsError, TimeUnit};

use super::PrepareError;
use super::columns::column;
use super::error::dtype_name;

/// Codes of every row: `None` = a null key (never matches) or, on the left, a key absent on
/// the right. Codes are below `n_codes`, and every code is used by some right row.
pub(super) struct KeyCodes {
    pub left: Vec<Option<u32>>,
    pub right: Vec<Option<u32>>,
    pub n_codes: usize,
}

/// What a key column holds; both sides of a key must hold the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Text,
    Integer,
    Bool,
    Date,
    /// Timestamps in any unit, compared as nanoseconds.
    Datetime,
}

fn key_kind(dtype: &DataType) -> Option<KeyKind> {
    match dtype {
        DataType::String => Some(KeyKind::Text),
        dtype if dtype.is_integer() => Some(KeyKind::Integer),
        DataType::Boolean => Some(KeyKind::Bool),
        DataType::Date => Some(KeyKind::Date),
        DataType::Datetime(..) => Some(KeyKind::Datetime),
        _ => None,
    }
}

/// Codes of the combined key `on` of both tables.
pub(super) fn key_codes(
    left: &DataFrame,
    right: &DataFrame,
    right_name: &str,
    on: &[String],
) -> Result<KeyCodes, PrepareError> {
    let mut combined: Option<KeyCodes> = None;
    for key in on {
        let l = column(left, key, None)?;
        let r = column(right, key, Some(right_name))?;
        let kind = matching_kind(l, r, key, right_name)?;
        let codes = column_codes(l, r, kind)
            .map_err(|e| PrepareError::frame(format!("reading join key `{key}`"), &e))?;
        combined = Some(match combined {
            None => codes,
            Some(previous) => combine(&previous, &codes),
        });
    }
    combined.ok_or(PrepareError::NoJoinKeys)
}

fn matching_kind(
    left: &Column,
    right: &Column,
    key: &str,
    right_name: &str,
) -> Result<KeyKind, PrepareError> {
    let unsupported = |dtype: &DataType, dataset: Option<&str>| PrepareError::UnsupportedKey {
        column: key.to_string(),
        dataset: dataset.map(str::to_string),
        dtype: dtype_name(dtype),
    };
    let l = key_kind(left.dtype()).ok_or_else(|| unsupported(left.dtype(), None))?;
    let r = key_kind(right.dtype()).ok_or_else(|| unsupported(right.dtype(), Some(right_name)))?;
    if l != r {
        return Err(PrepareError::KeyTypeMismatch {
            column: key.to_string(),
            right: right_name.to_string(),
            left_dtype: dtype_name(left.dtype()),
            right_dtype: dtype_name(right.dtype()),
        });
    }
    Ok(l)
}

fn column_codes(left: &Column, right: &Column, kind: KeyKind) -> Result<KeyCodes, PolarsError> {
    Ok(match kind {
        KeyKind::Text => factor(right.str()?.iter(), left.str()?.iter()),
        KeyKind::Bool => factor(right.bool()?.iter(), left.bool()?.iter()),
        KeyKind::Integer | KeyKind::Date => {
            // Integers of any width (and a date's day count) compare exactly as i64; a UInt64
            // beyond i64's range becomes null here and so matches nothing.
            let int64 = |c: &Column| c.to_physical_repr().cast(&DataType::Int64);
            let (l, r) = (int64(left)?, int64(right)?);
            factor(r.i64()?.iter(), l.i64()?.iter())
        }
        KeyKind::Datetime => {
            let (l_ns, r_ns) = (ns_per_unit(left.dtype()), ns_per_unit(right.dtype()));
            let (l, r) = (left.to_physical_repr(), right.to_physical_repr());
            let to_ns = |scale: i128| move |v: Option<i64>| v.map(|v| i128::from(v) * scale);
            factor(
                r.i64()?.iter().map(to_ns(r_ns)),
                l.i64()?.iter().map(to_ns(l_ns)),
            )
        }
    })
}

/// Nanoseconds in one unit of a timestamp column (1 for anything else).
pub(super) fn ns_per_unit(dtype: &DataType) -> i128 {
    match dtype {
        DataType::Datetime(TimeUnit::Microseconds, _) => 1_000,
        DataType::Datetime(TimeUnit::Milliseconds, _) => 1_000_000,
        _ => 1,
    }
}

/// Codes of one key column: the right side's distinct values numbered as first seen.
fn factor<K: Hash + Eq>(
    right: impl Iterator<Item = Option<K>>,
    left: impl Iterator<Item = Option<K>>,
) -> KeyCodes {
    let mut codes: PlHashMap<K, u32> = PlHashMap::default();
    let right: Vec<Option<u32>> = right
        .map(|value| value.map(|v| next_code(&mut codes, v)))
        .collect();
    let left = left
        .map(|value| value.and_then(|v| codes.get(&v).copied()))
        .collect();
    KeyCodes {
        left,
        right,
        n_codes: codes.len(),
    }
}

/// Codes of two key columns together: each distinct pair of codes on the right gets a code.
fn combine(first: &KeyCodes, second: &KeyCodes) -> KeyCodes {
    let mut codes: PlHashMap<(u32, u32), u32> = PlHashMap::default();
    let right: Vec<Option<u32>> = first
        .right
        .iter()
        .zip(&second.right)
        .map(|pair| match pair {
            (Some(a), Some(b)) => Some(next_code(&mut codes, (*a, *b))),
            _ => None,
        })
        .collect();
    let left = first
        .left
        .iter()
        .zip(&second.left)
        .map(|pair| match pair {
            (Some(a), Some(b)) => codes.get(&(*a, *b)).copied(),
            _ => None,
        })
        .collect();
    KeyCodes {
        left,
        right,
        n_codes: codes.len(),
    }
}

/// The code of `value`, numbering a new value with the next code.
fn next_code<K: Hash + Eq>(codes: &mut PlHashMap<K, u32>, value: K) -> u32 {
    // Fewer distinct values than rows, and a polars frame has at most u32::MAX rows.
    let next = u32::try_from(codes.len()).unwrap_or(u32::MAX);
    *codes.entry(value).or_insert(next)
}
