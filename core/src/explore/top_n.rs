//! The `n` groups with the highest mean of a column within a date window, as the course's
//! `df[(d >= start) & (d < end)].groupby(key)[value].mean().nlargest(n)`.

use polars_core::prelude::*;

use super::cells::{parse_iso_date, per_second};
use super::column::{find, list, pandas_dtype, require_numeric};
use super::group_by::{aggregate, grouped_page, key_columns};
use super::keys::Groups;
use super::{Agg, CellValue, ExploreError, TablePage};

/// Rows with `start <= date_column < end` (ISO dates; the column a date or a timestamp of
/// any unit, compared in UTC), grouped by `key`, the `n` highest means of `value`. Ties keep
/// key order (as `nlargest(keep="first")` after a sorted group-by); empty groups are left out.
pub fn top_n(
    df: &DataFrame,
    key: &[String],
    value: &str,
    date_column: &str,
    start: &str,
    end: &str,
    n: usize,
) -> Result<TablePage, ExploreError> {
    let keep = in_window(df, date_column, start, end)?;
    // Check names on the whole table, so errors list all of its columns.
    for name in key {
        find(df, name)?;
    }
    require_numeric(df, value, "the top-N's mean", true)?;
    // Group only the rows in the window (a few days of a year of charts).
    let mut needed: Vec<&str> = key.iter().map(String::as_str).collect();
    if !needed.contains(&value) {
        needed.push(value);
    }
    let window = df
        .select(needed)
        .and_then(|d| d.filter(&keep))
        .map_err(|e| ExploreError::frame("keeping the rows in the date window", e))?;
    let keys = key_columns(&window, key)?;
    let groups = Groups::new(&keys);
    let means = aggregate(&window, &groups, value, Agg::Mean)?;
    let mut order = groups.sorted(&keys);
    // Keep groups with a mean, highest first; the sort is stable, so ties stay in key order.
    order.retain(|&g| !matches!(means.cells[g], CellValue::Null));
    let mean_of = |g: usize| match means.cells[g] {
        CellValue::Float(v) => v,
        _ => f64::NEG_INFINITY,
    };
    order.sort_by(|&a, &b| mean_of(b).total_cmp(&mean_of(a)));
    // The answer is the top n, not a page of a longer table.
    order.truncate(n);
    let table = grouped_page(
        &window,
        key,
        &keys,
        &groups,
        &order,
        vec![(value.to_string(), means)],
    )?;
    Ok(table.into_page(0, n))
}

/// Per row: does `date_column` fall in `[start, end)`? Null dates do not.
fn in_window(
    df: &DataFrame,
    date_column: &str,
    start: &str,
    end: &str,
) -> Result<BooleanChunked, ExploreError> {
    let (start_day, end_day) = (parse_iso_date("start", start)?, parse_iso_date("end", end)?);
    if start_day >= end_day {
        return Err(ExploreError::EmptyWindow {
            start: start.to_string(),
            end: end.to_string(),
        });
    }
    let column = find(df, date_column)?;
    let context = |e| ExploreError::frame(format!("reading dates of `{date_column}`"), e);
    let (physical, per_day) = match column.dtype() {
        DataType::Date => {
            let cast = column.cast(&DataType::Int64).map_err(context)?;
            (cast, 1)
        }
        DataType::Datetime(unit, _) => {
            let per_day = 86_400 * per_second(*unit);
            let cast = column.cast(&DataType::Int64).map_err(context)?;
            (cast, per_day)
        }
        other => {
            let dates = df
                .columns()
                .iter()
                .filter(|c| matches!(c.dtype(), DataType::Date | DataType::Datetime(_, _)))
                .map(|c| c.name().as_str());
            return Err(ExploreError::NotDate {
                column: date_column.to_string(),
                dtype: pandas_dtype(other),
                dates: format!("this table has: {}", list(dates)),
            });
        }
    };
    // Saturating: a window beyond the representable range simply holds every row or none.
    let (lo, hi) = (
        start_day.saturating_mul(per_day),
        end_day.saturating_mul(per_day),
    );
    let values = physical.i64().map_err(context)?;
    Ok(BooleanChunked::from_iter_values(
        "in_window".into(),
        values.iter().map(|v| v.is_some_and(|v| lo <= v && v < hi)),
    ))
}
