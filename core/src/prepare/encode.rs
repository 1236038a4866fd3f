//! Label encoding: a column's distinct values become classes numbered from 0, sorted
//! (scikit-learn's `LabelEncoder`) or in order of first appearance (`pandas.factorize`).

use std::hash::Hash;

use polars_core::prelude::{
    Column, DataFrame, DataType, Int64Chunked, IntoColumn, PlHashMap, PolarsError,
};

use super::columns::column;
use super::error::dtype_name;
use super::{EncodeOrder, PrepareError};

/// The classes of `column` in code order (`classes[code]`); nulls are not a class. Integers
/// are sorted as numbers and shown in decimal; true/false as `False`/`True`, as Python.
pub fn label_classes(
    df: &DataFrame,
    column_name: &str,
    order: EncodeOrder,
) -> Result<Vec<String>, PrepareError> {
    let values = column(df, column_name, None)?;
    Ok(encode(values, column_name, order)?.classes)
}

/// `df[output] = codes of df[column]` (Int64; null where the value is null). An existing
/// column named `output` is replaced where it stands, a new one goes last, as in pandas.
pub(super) fn label_encode(
    mut df: DataFrame,
    column_name: &str,
    order: EncodeOrder,
    output: &str,
) -> Result<DataFrame, PrepareError> {
    let values = column(&df, column_name, None)?;
    let codes: Int64Chunked = encode(values, column_name, order)?
        .codes
        .into_iter()
        .map(|code| code.map(i64::from))
        .collect();
    let codes = codes.into_column().with_name(output.into());
    df.with_column(codes).map_err(|e| {
        PrepareError::frame(
            format!("writing the codes of `{column_name}` to `{output}`"),
            &e,
        )
    })?;
    Ok(df)
}

/// Classes (shown as text) and each row's code.
struct Encoded {
    classes: Vec<String>,
    codes: Vec<Option<u32>>,
}

fn encode(values: &Column, name: &str, order: EncodeOrder) -> Result<Encoded, PrepareError> {
    let failed = |e: PolarsError| PrepareError::frame(format!("reading `{name}`"), &e);
    match values.dtype() {
        DataType::String => Ok(factorize(
            values.str().map_err(failed)?.iter(),
            order,
            str::to_string,
        )),
        DataType::Boolean => Ok(factorize(
            values.bool().map_err(failed)?.iter(),
            order,
            |b| if b { "True" } else { "False" }.to_string(),
        )),
        dtype if dtype.is_integer() => {
            let ints = values.cast(&DataType::Int64).map_err(failed)?;
            Ok(factorize(ints.i64().map_err(failed)?.iter(), order, |v| {
                v.to_string()
            }))
        }
        dtype => Err(PrepareError::UnsupportedColumn {
            column: name.to_string(),
            dtype: dtype_name(dtype),
            operation: "label-encoded",
            what_to_do: "Label encoding works on text, integer and true/false columns",
        }),
    }
}

/// Numbers distinct values as first seen, then renumbers them in sorted order if asked.
fn factorize<K: Hash + Eq + Ord + Copy>(
    values: impl Iterator<Item = Option<K>>,
    order: EncodeOrder,
    show: impl Fn(K) -> String,
) -> Encoded {
    let mut seen: PlHashMap<K, u32> = PlHashMap::default();
    let mut uniques: Vec<K> = Vec::new();
    let mut codes: Vec<Option<u32>> = values
        .map(|value| {
            value.map(|v| {
                *seen.entry(v).or_insert_with(|| {
                    // Fewer classes than rows, and a polars frame has at most u32::MAX rows.
                    let code = u32::try_from(uniques.len()).unwrap_or(u32::MAX);
                    uniques.push(v);
                    code
                })
            })
        })
        .collect();
    if order == EncodeOrder::Alphabetical {
        let mut sorted: Vec<usize> = (0..uniques.len()).collect();
        sorted.sort_unstable_by_key(|&i| uniques[i]);
        let mut new_code = vec![0_u32; uniques.len()];
        for (code, &first_seen) in (0..).zip(&sorted) {
            new_code[first_seen] = code;
        }
        for code in codes.iter_mut().flatten() {
            *code = new_code[*code as usize];
        }
        uniques = sorted.iter().map(|&i| uniques[i]).collect();
    }
    Encoded {
        classes: uniques.into_iter().map(show).collect(),
        codes,
    }
}
