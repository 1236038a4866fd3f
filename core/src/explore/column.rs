//! Finding a table's columns by name and reading them the way pandas sees them: dtype names,
//! numeric values as `f64` with `NaN` for missing (pandas treats null and NaN alike).

use polars_core::prelude::*;

use super::error::ExploreError;
use crate::missing_column::MissingColumn;

/// The column `name`, or an error listing the table's columns.
pub(super) fn find<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Column, ExploreError> {
    df.column(name).map_err(|_| {
        MissingColumn::new(name, None, df.columns().iter().map(|c| c.name().as_str())).into()
    })
}

/// `a`, `b`, `c` — for messages; "none" when empty.
pub(super) fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if quoted.is_empty() {
        "none".to_string()
    } else {
        quoted.join(", ")
    }
}

/// The dtype as pandas names it after reading the same Parquet file with pyarrow.
pub(super) fn pandas_dtype(dtype: &DataType) -> String {
    let unit = |u: &TimeUnit| match u {
        TimeUnit::Nanoseconds => "ns",
        TimeUnit::Microseconds => "us",
        TimeUnit::Milliseconds => "ms",
    };
    match dtype {
        DataType::Boolean => "bool".into(),
        DataType::String => "object".into(),
        DataType::Date => "date".into(),
        DataType::Datetime(u, None) => format!("datetime64[{}]", unit(u)),
        DataType::Datetime(u, Some(tz)) => format!("datetime64[{}, {tz}]", unit(u)),
        DataType::Int8 => "int8".into(),
        DataType::Int16 => "int16".into(),
        DataType::Int32 => "int32".into(),
        DataType::Int64 => "int64".into(),
        DataType::UInt8 => "uint8".into(),
        DataType::UInt16 => "uint16".into(),
        DataType::UInt32 => "uint32".into(),
        DataType::UInt64 => "uint64".into(),
        DataType::Float32 => "float32".into(),
        DataType::Float64 => "float64".into(),
        other => other.to_string(),
    }
}

/// Numbers pandas would count as numeric: integers and floats, not bools (as `describe`).
pub(super) fn is_number(dtype: &DataType) -> bool {
    dtype.is_primitive_numeric()
}

/// What `corr(numeric_only=True)` takes: numbers and bools (as 0/1).
pub(super) fn is_number_or_bool(dtype: &DataType) -> bool {
    dtype.is_primitive_numeric() || dtype.is_bool()
}

/// A column's values as `f64`, `NaN` where null or NaN; an error when the column is not
/// numeric (or bool, when `bool_ok`).
pub(super) fn floats(
    df: &DataFrame,
    name: &str,
    purpose: &str,
    bool_ok: bool,
) -> Result<Vec<f64>, ExploreError> {
    require_numeric(df, name, purpose, bool_ok)?;
    float_values(find(df, name)?)
}

/// An error unless `name` is a numeric column (or bool, when `bool_ok`) of `df`; the error
/// lists the columns that would do.
pub(super) fn require_numeric(
    df: &DataFrame,
    name: &str,
    purpose: &str,
    bool_ok: bool,
) -> Result<(), ExploreError> {
    let accepts = |dtype: &DataType| {
        if bool_ok {
            is_number_or_bool(dtype)
        } else {
            is_number(dtype)
        }
    };
    let dtype = find(df, name)?.dtype();
    if accepts(dtype) {
        return Ok(());
    }
    let numeric = df
        .columns()
        .iter()
        .filter(|c| accepts(c.dtype()))
        .map(|c| c.name().as_str());
    Err(ExploreError::NotNumeric {
        column: name.to_string(),
        kind: kind(dtype),
        dtype: pandas_dtype(dtype),
        purpose: purpose.to_string(),
        numeric: list(numeric),
    })
}

/// The values of a numeric or bool column as `f64`, `NaN` for missing.
pub(super) fn float_values(column: &Column) -> Result<Vec<f64>, ExploreError> {
    let cast = column.cast(&DataType::Float64).map_err(|e| {
        ExploreError::frame(format!("reading column `{}` as numbers", column.name()), e)
    })?;
    let values = cast.f64().map_err(|e| {
        ExploreError::frame(format!("reading column `{}` as numbers", column.name()), e)
    })?;
    if values.null_count() == 0 {
        // Copy whole buffers: several times faster than the per-value iterator on big columns.
        let mut out = Vec::with_capacity(values.len());
        for array in values.downcast_iter() {
            out.extend_from_slice(array.values());
        }
        return Ok(out);
    }
    Ok(values.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
}

/// A word for a dtype in messages ("text", "a date"…).
pub(super) fn kind(dtype: &DataType) -> &'static str {
    match dtype {
        DataType::String => "text",
        DataType::Boolean => "true/false",
        DataType::Date | DataType::Datetime(_, _) => "dates",
        d if d.is_primitive_numeric() => "numeric",
        _ => "not numeric",
    }
}
