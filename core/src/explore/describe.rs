//! `df.describe().T`: count, mean, std, min, quartiles and max of each numeric column.
//! Like pandas, bool and text columns are left out; unlike pandas 2, so are date columns
//! ([`DescribeRow`] holds numbers; pandas would show timestamps there).

use polars_core::prelude::*;

use super::column::{float_values, is_number};
use super::stats::{mean_std, quantiles};
use super::{DescribeRow, ExploreError};

/// One [`DescribeRow`] per integer or float column, in table order; missing values (null
/// and NaN) are skipped as pandas does.
pub fn describe(df: &DataFrame) -> Result<Vec<DescribeRow>, ExploreError> {
    df.columns()
        .iter()
        .filter(|c| is_number(c.dtype()))
        .map(describe_column)
        .collect()
}

fn describe_column(column: &Column) -> Result<DescribeRow, ExploreError> {
    let mut present = float_values(column)?;
    present.retain(|v| !v.is_nan());
    let (count, mean, std) = mean_std(&present);
    let min = present.iter().copied().reduce(f64::min);
    let max = present.iter().copied().reduce(f64::max);
    let q = quantiles(&mut present, &[0.25, 0.5, 0.75]);
    Ok(DescribeRow {
        column: column.name().to_string(),
        count,
        mean,
        std,
        min,
        q25: q[0],
        q50: q[1],
        q75: q[2],
        max,
    })
}
