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

/// Classes (shown as text) and each row's code (`None` where null or NaN).
pub(crate) struct Encoded {
    pub classes: Vec<String>,
    pub codes: Vec<Option<u32>>,
}

/// Text, integer and true/false columns only: a Prepare step does not label-encode decimals.
fn encode(values: &Column, name: &str, order: EncodeOrder) -> Result<Encoded, PrepareError> {
    let dtype = values.dtype();
    if !(matches!(dtype, DataType::String | DataType::Boolean) || dtype.is_integer()) {
        return Err(PrepareError::UnsupportedColumn {
            column: name.to_string(),
            dtype: dtype_name(dtype),
            operation: "label-encoded",
            what_to_do: "Label encoding works on text, integer and true/false columns",
        });
    }
    label_codes(values, order).map_err(|e| PrepareError::frame(format!("reading `{name}`"), &e))
}

/// The one label encoding of the core (a Prepare step's, a training's target): each row's
/// class code and the classes, sorted as `np.unique` sorts them (numbers numerically, text by
/// code point) or in order of first appearance, shown as Python would (`True`, `1.0`). Dates
/// and other kinds are encoded by their text, which sorts chronologically for ISO dates.
pub(crate) fn label_codes(values: &Column, order: EncodeOrder) -> Result<Encoded, PolarsError> {
    Ok(match values.dtype() {
        DataType::String => factorize(values.str()?.iter(), order, str::to_string),
        DataType::Boolean => factorize(values.bool()?.iter(), order, |b| {
            if b { "True" } else { "False" }.to_string()
        }),
        dtype if dtype.is_integer() => {
            let ints = values.cast(&DataType::Int64)?;
            factorize(ints.i64()?.iter(), order, |v| v.to_string())
        }
        dtype if dtype.is_float() => {
            let floats = values.cast(&DataType::Float64)?;
            let keys = floats
                .f64()?
                .iter()
                .map(|v| v.filter(|v| !v.is_nan()).map(OrderedFloat));
            factorize(keys, order, |v| python_float(v.0))
        }
        _ => {
            let text = values.cast(&DataType::String)?;
            factorize(text.str()?.iter(), order, str::to_string)
        }
    })
}

/// `1.0` as Python prints it (`1.0`, not Rust's `1`).
fn python_float(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        v.to_string()
    }
}

/// A float that can be a hash key and sorted (NaN is filtered out before).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrderedFloat(f64);

impl Eq for OrderedFloat {}

impl Hash for OrderedFloat {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // -0.0 and 0.0 are equal, so they must hash alike.
        (self.0 + 0.0).to_bits().hash(state);
    }
}

impl PartialOrd for OrderedFloat {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrderedFloat {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
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
