//! `df.groupby(by)[column].agg(agg).reset_index()`: rows grouped by their keys in one pass
//! (null keys dropped, groups sorted by key, as pandas' defaults), then one aggregate of a
//! column per group. Missing values (null, NaN) are skipped, as pandas does.

use polars_core::prelude::*;

use super::column::{find, floats, is_number_or_bool, pandas_dtype};
use super::keys::{Factorized, Groups, MISSING, factorize_column};
use super::stats::{Sum, quantiles};
use super::table::Table;
use super::{Agg, CellValue, ExploreError, TablePage};
use crate::explore::cells::float;

/// `df.groupby(by)[column].agg(agg).reset_index()`.
pub fn group_by(
    df: &DataFrame,
    by: &[String],
    column: &str,
    agg: Agg,
) -> Result<TablePage, ExploreError> {
    group_by_columns(df, by, &[column.to_string()], agg)
}

/// `df.groupby(by)[columns].agg(agg).reset_index()`: the groups are found once for all
/// columns (pandas' `groupby("country")[features].mean()`). No columns means every numeric
/// (and bool) column that is not a key, as `groupby(by).mean(numeric_only=True)`.
pub fn group_by_columns(
    df: &DataFrame,
    by: &[String],
    columns: &[String],
    agg: Agg,
) -> Result<TablePage, ExploreError> {
    let keys = key_columns(df, by)?;
    let groups = Groups::new(&keys);
    let columns: Vec<String> = if columns.is_empty() {
        df.columns()
            .iter()
            .filter(|c| is_number_or_bool(c.dtype()) && !by.iter().any(|b| b == c.name().as_str()))
            .map(|c| c.name().to_string())
            .collect()
    } else {
        columns.to_vec()
    };
    let values = columns
        .iter()
        .map(|column| Ok((column.clone(), aggregate(df, &groups, column, agg)?)))
        .collect::<Result<Vec<_>, ExploreError>>()?;
    let order = groups.sorted(&keys);
    Ok(grouped_page(df, by, &keys, &groups, &order, values)?.into_page(0, usize::MAX))
}

/// Factorizes the key columns named in `by` (at least one).
pub(super) fn key_columns(df: &DataFrame, by: &[String]) -> Result<Vec<Factorized>, ExploreError> {
    if by.is_empty() {
        return Err(ExploreError::NoColumns {
            what: "the group-by",
            purpose: "group by",
        });
    }
    by.iter()
        .map(|name| factorize_column(find(df, name)?))
        .collect()
}

/// One aggregate per group, and the pandas dtype of the result.
pub(super) struct Aggregated {
    pub cells: Vec<CellValue>,
    pub dtype: String,
}

/// `agg` of `column` per group of `groups`.
pub(super) fn aggregate(
    df: &DataFrame,
    groups: &Groups,
    column: &str,
    agg: Agg,
) -> Result<Aggregated, ExploreError> {
    let source = find(df, column)?;
    let int64 = || "int64".to_string();
    match agg {
        Agg::Count => {
            let missing = missing_mask(source)?;
            let mut counts = vec![0_i64; groups.len()];
            for (&g, &miss) in groups.row_group.iter().zip(&missing) {
                if g != MISSING && !miss {
                    counts[g as usize] += 1;
                }
            }
            let cells = counts.into_iter().map(CellValue::Int).collect();
            Ok(Aggregated {
                cells,
                dtype: int64(),
            })
        }
        Agg::Nunique => {
            let values = factorize_column(source)?;
            let cells = nunique(groups, &values.codes)
                .into_iter()
                .map(CellValue::Int)
                .collect();
            Ok(Aggregated {
                cells,
                dtype: int64(),
            })
        }
        Agg::Mean => numeric_aggregate(df, groups, column, Numeric::Mean),
        Agg::Sum => numeric_aggregate(df, groups, column, Numeric::Sum),
        Agg::Min => numeric_aggregate(df, groups, column, Numeric::Min),
        Agg::Max => numeric_aggregate(df, groups, column, Numeric::Max),
        Agg::Median => numeric_aggregate(df, groups, column, Numeric::Median),
        Agg::Std => numeric_aggregate(df, groups, column, Numeric::Std),
    }
}

/// Per row: is the value null (or NaN)?
fn missing_mask(column: &Column) -> Result<Vec<bool>, ExploreError> {
    if column.dtype().is_float() {
        let values = super::column::float_values(column)?;
        return Ok(values.iter().map(|v| v.is_nan()).collect());
    }
    let series = column.as_materialized_series();
    Ok(series.is_null().iter().map(|m| m.unwrap_or(true)).collect())
}

/// Distinct non-missing values per group.
fn nunique(groups: &Groups, codes: &[u32]) -> Vec<i64> {
    let mut pairs: Vec<u64> = groups
        .row_group
        .iter()
        .zip(codes)
        .filter(|&(&g, &c)| g != MISSING && c != MISSING)
        .map(|(&g, &c)| (u64::from(g) << 32) | u64::from(c))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut counts = vec![0_i64; groups.len()];
    for pair in pairs {
        counts[(pair >> 32) as usize] += 1;
    }
    counts
}

/// The aggregates that need numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numeric {
    Mean,
    Sum,
    Min,
    Max,
    Median,
    Std,
}

/// Mean, sum, min, max, median or std of a numeric (or bool) column per group.
fn numeric_aggregate(
    df: &DataFrame,
    groups: &Groups,
    column: &str,
    agg: Numeric,
) -> Result<Aggregated, ExploreError> {
    let purpose = format!("the group-by's `{agg:?}`").to_lowercase();
    let values = floats(df, column, &purpose, true)?;
    let dtype = find(df, column)?.dtype().clone();
    let n = groups.len();
    let mut sums = vec![Sum::default(); n];
    let mut counts = vec![0_usize; n];
    let mut mins = vec![f64::INFINITY; n];
    let mut maxs = vec![f64::NEG_INFINITY; n];
    for (&g, &x) in groups.row_group.iter().zip(&values) {
        if g == MISSING || x.is_nan() {
            continue;
        }
        let g = g as usize;
        sums[g].add(x);
        counts[g] += 1;
        mins[g] = mins[g].min(x);
        maxs[g] = maxs[g].max(x);
    }
    let means: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, &c)| {
            if c == 0 {
                f64::NAN
            } else {
                s.value() / c as f64
            }
        })
        .collect();
    let result: Vec<f64> = match agg {
        Numeric::Mean => means,
        Numeric::Sum => sums.iter().map(|s| s.value()).collect(),
        Numeric::Min | Numeric::Max => {
            let extreme = if agg == Numeric::Min { mins } else { maxs };
            extreme
                .into_iter()
                .zip(&counts)
                .map(|(v, &c)| if c == 0 { f64::NAN } else { v })
                .collect()
        }
        Numeric::Std => group_std(groups, &values, &means, &counts),
        Numeric::Median => group_median(groups, &values, &counts),
    };
    Ok(typed_cells(result, agg, &dtype))
}

/// Sample std (ddof 1) per group, second pass around each group's mean (pandas: NaN below 2).
fn group_std(groups: &Groups, values: &[f64], means: &[f64], counts: &[usize]) -> Vec<f64> {
    let mut squares = vec![Sum::default(); means.len()];
    for (&g, &x) in groups.row_group.iter().zip(values) {
        if g != MISSING && !x.is_nan() {
            let d = x - means[g as usize];
            squares[g as usize].add(d * d);
        }
    }
    squares
        .iter()
        .zip(counts)
        .map(|(s, &c)| {
            if c < 2 {
                f64::NAN
            } else {
                (s.value() / (c - 1) as f64).sqrt()
            }
        })
        .collect()
}

/// Median per group: values bucketed by group (counting sort), then selection in each bucket.
fn group_median(groups: &Groups, values: &[f64], counts: &[usize]) -> Vec<f64> {
    let mut starts: Vec<usize> = counts
        .iter()
        .scan(0, |acc, &c| {
            let start = *acc;
            *acc += c;
            Some(start)
        })
        .collect();
    let mut bucketed = vec![0.0; counts.iter().sum()];
    let mut next = starts.clone();
    for (&g, &x) in groups.row_group.iter().zip(values) {
        if g != MISSING && !x.is_nan() {
            bucketed[next[g as usize]] = x;
            next[g as usize] += 1;
        }
    }
    starts.push(bucketed.len());
    starts
        .windows(2)
        .map(|w| quantiles(&mut bucketed[w[0]..w[1]], &[0.5])[0].unwrap_or(f64::NAN))
        .collect()
}

/// Cells of an aggregate, typed as pandas types them: integer (and bool) columns keep
/// integer sums, minima and maxima; means, medians and stds are floats.
// The `as i64` casts only see integral values checked to lie within ±2^53.
#[allow(clippy::cast_possible_truncation)]
fn typed_cells(values: Vec<f64>, agg: Numeric, dtype: &DataType) -> Aggregated {
    let keeps_type = matches!(agg, Numeric::Sum | Numeric::Min | Numeric::Max);
    // Integer inputs below 2^53 sum exactly in f64; beyond that a float is the honest answer.
    let exact = |v: f64| v.is_finite() && v.abs() < 9_007_199_254_740_992.0;
    if keeps_type && dtype.is_bool() && agg != Numeric::Sum {
        let cells = values
            .into_iter()
            .map(|v| {
                if v.is_nan() {
                    CellValue::Null
                } else {
                    CellValue::Bool(v != 0.0)
                }
            })
            .collect();
        return Aggregated {
            cells,
            dtype: "bool".into(),
        };
    }
    if keeps_type
        && (dtype.is_integer() || dtype.is_bool())
        && values.iter().all(|&v| v.is_nan() || exact(v))
    {
        let cells = values
            .into_iter()
            .map(|v| {
                if v.is_nan() {
                    CellValue::Null
                } else {
                    CellValue::Int(v as i64)
                }
            })
            .collect();
        let name = if dtype.is_bool() || agg == Numeric::Sum {
            "int64".into()
        } else {
            pandas_dtype(dtype)
        };
        return Aggregated { cells, dtype: name };
    }
    Aggregated {
        cells: values.into_iter().map(float).collect(),
        dtype: "float64".into(),
    }
}

/// The table of key columns plus the aggregate, rows in `order`.
pub(super) fn grouped_page(
    df: &DataFrame,
    by: &[String],
    keys: &[Factorized],
    groups: &Groups,
    order: &[usize],
    values: Vec<(String, Aggregated)>,
) -> Result<Table, ExploreError> {
    let mut names: Vec<(String, String)> = by
        .iter()
        .map(|name| Ok((name.clone(), pandas_dtype(find(df, name)?.dtype()))))
        .collect::<Result<_, ExploreError>>()?;
    for (column, aggregated) in &values {
        names.push((column.clone(), aggregated.dtype.clone()));
    }
    let rows = order
        .iter()
        .map(|&g| {
            let mut row = groups.cells(g, keys);
            row.extend(
                values
                    .iter()
                    .map(|(_, aggregated)| aggregated.cells[g].clone()),
            );
            row
        })
        .collect();
    Ok(Table {
        columns: names,
        rows,
    })
}
