//! A bar per category: the rows counted, or an aggregate of a value column, as
//! `df.groupby(category)[value].agg(agg).nlargest(limit)` (null categories dropped, as pandas).

use polars_core::prelude::DataFrame;

use super::values::{Categories, categories, is_category, numbers, series};
use super::{Chart, ChartData, ChartError};
use crate::explore::Agg;

/// The `limit` largest bars, largest first (ties by label); groups whose aggregate is
/// undefined (the mean of nothing, the std of one value) are left out.
pub fn bar(
    df: &DataFrame,
    category: &str,
    value: Option<&str>,
    agg: Agg,
    limit: usize,
) -> Result<Chart, ChartError> {
    if limit == 0 {
        return Err(ChartError::BadSetting {
            setting: "limit",
            value: limit,
            expected: "at least 1",
        });
    }
    let keys = categories(df, category, "a bar chart's categories")?;
    let mut bars = match value {
        None => {
            let counts = group(
                &keys.codes,
                keys.names.len(),
                vec![Some(()); keys.codes.len()],
            );
            finish(&keys.names, counts, |v| Some(v.len() as f64))
        }
        Some(column) => aggregate_groups(df, &keys, column, agg)?,
    };
    if bars.is_empty() {
        return Err(ChartError::NoValues {
            what: format!("column `{category}`"),
            n_rows: df.height(),
        });
    }
    bars.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    bars.truncate(limit);
    let (title, y_label) = match value {
        None => (format!("Rows per {category}"), "count".to_owned()),
        Some(v) => (
            format!("{} of {v} per {category}", agg_name(agg)),
            format!("{} of {v}", agg_name(agg)),
        ),
    };
    let (labels, values) = bars.into_iter().unzip();
    Ok(Chart {
        title,
        x_label: category.to_owned(),
        y_label,
        data: ChartData::Bar { labels, values },
    })
}

/// The pandas name of an aggregate.
pub(crate) fn agg_name(agg: Agg) -> &'static str {
    match agg {
        Agg::Mean => "mean",
        Agg::Count => "count",
        Agg::Sum => "sum",
        Agg::Min => "min",
        Agg::Max => "max",
        Agg::Median => "median",
        Agg::Std => "std",
        Agg::Nunique => "nunique",
    }
}

/// Groups the present values of `column` by category (every category gets a group, even
/// with no values: its count is 0) and aggregates each group.
fn aggregate_groups(
    df: &DataFrame,
    keys: &Categories,
    column: &str,
    agg: Agg,
) -> Result<Vec<(String, f64)>, ChartError> {
    let n_groups = keys.names.len();
    let counts_any_type = matches!(agg, Agg::Count | Agg::Nunique);
    if counts_any_type && is_category(series(df, column)?.dtype()) {
        // Text can be counted too: compare the label codes.
        let values = categories(df, column, "a bar chart's value")?;
        let groups = group(&keys.codes, n_groups, values.codes);
        return Ok(finish(&keys.names, groups, |mut v| {
            let n = v.len();
            v.sort_unstable();
            v.dedup();
            Some(if agg == Agg::Count { n } else { v.len() } as f64)
        }));
    }
    let values = numbers(df, column, "a bar chart's value")?;
    let groups = group(&keys.codes, n_groups, values);
    Ok(finish(&keys.names, groups, |mut v| aggregate(&mut v, agg)))
}

/// The present values per category code.
fn group<T>(codes: &[Option<usize>], n_groups: usize, values: Vec<Option<T>>) -> Vec<Vec<T>> {
    let mut groups: Vec<Vec<T>> = std::iter::repeat_with(Vec::new).take(n_groups).collect();
    for (code, value) in codes.iter().zip(values) {
        if let Some(code) = code {
            groups[*code].extend(value);
        }
    }
    groups
}

fn finish<T>(
    names: &[String],
    groups: Vec<Vec<T>>,
    reduce: impl Fn(Vec<T>) -> Option<f64>,
) -> Vec<(String, f64)> {
    names
        .iter()
        .zip(groups)
        .filter_map(|(name, v)| reduce(v).map(|r| (name.clone(), r)))
        .collect()
}

/// One group's aggregate over its present values, with pandas' conventions: the sum of
/// nothing is 0, the std uses ddof 1, the median averages the middle two.
#[allow(clippy::float_cmp)] // see Nunique
pub(crate) fn aggregate(values: &mut [f64], agg: Agg) -> Option<f64> {
    let n = values.len();
    let mean = || values.iter().sum::<f64>() / n as f64;
    match agg {
        Agg::Count => Some(n as f64),
        Agg::Sum => Some(values.iter().sum()),
        _ if n == 0 => None,
        Agg::Mean => Some(mean()),
        Agg::Min => values.iter().copied().reduce(f64::min),
        Agg::Max => values.iter().copied().reduce(f64::max),
        Agg::Std if n < 2 => None,
        Agg::Std => {
            let m = mean();
            let squares: f64 = values.iter().map(|v| (v - m).powi(2)).sum();
            Some((squares / (n - 1) as f64).sqrt())
        }
        Agg::Median => {
            values.sort_unstable_by(f64::total_cmp);
            let mid = n / 2;
            Some(if n % 2 == 1 {
                values[mid]
            } else {
                f64::midpoint(values[mid - 1], values[mid])
            })
        }
        Agg::Nunique => {
            values.sort_unstable_by(f64::total_cmp);
            // Exact equality on purpose: values that differ in the last bit are distinct to
            // pandas, and 0.0 and -0.0 are one value (total_cmp would keep both).
            let mut distinct = 1_usize;
            for pair in values.windows(2) {
                if pair[0] != pair[1] {
                    distinct += 1;
                }
            }
            Some(distinct as f64)
        }
    }
}
