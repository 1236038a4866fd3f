//! Joins as pandas `merge` does them, fast enough single-threaded in the browser: key codes
//! (see `keys`), then row-index vectors for both sides, then one gather per column.

use std::collections::BTreeMap;

use polars_core::prelude::{Column, DataFrame, IdxCa, IdxSize, PlSmallStr};

use super::columns::first_repeated;
use super::keys::{KeyCodes, key_codes};
use super::{JoinHow, PrepareError};
use crate::course::JOIN_KEY;

/// Marks a left row without a right match (left joins).
const NO_MATCH: IdxSize = IdxSize::MAX;

/// The loaded table `name`.
pub(super) fn dataset<'a>(
    datasets: &'a BTreeMap<String, DataFrame>,
    name: &str,
) -> Result<&'a DataFrame, PrepareError> {
    datasets
        .get(name)
        .ok_or_else(|| PrepareError::UnknownDataset {
            name: name.to_string(),
            available: datasets.keys().cloned().collect(),
        })
}

/// `left.merge(right, on=on, how=how, suffixes=suffixes)`, keeping the left's row order.
pub(super) fn join(
    left: &DataFrame,
    right_name: &str,
    right: &DataFrame,
    on: &[String],
    how: JoinHow,
    suffixes: (&str, &str),
) -> Result<DataFrame, PrepareError> {
    if on.is_empty() {
        return Err(PrepareError::NoJoinKeys);
    }
    if let Some(twice) = first_repeated(on) {
        return Err(PrepareError::DuplicateColumn {
            column: twice.to_string(),
            what_to_do: "it is named twice among the join keys; name each key once".into(),
        });
    }
    let codes = key_codes(left, right, right_name, on)?;
    let names = output_names(left, right, on, suffixes)?;
    let matches = match_rows(&codes, how);
    gather(left, right, on, &matches, names)
}

/// The course's merge: `rankings.merge(properties.drop(columns=[name, artists,
/// timestamp]), on="spotify_id")`. Only the dropped columns the properties have are dropped.
pub(super) fn course_merge(
    rankings: &DataFrame,
    properties_name: &str,
    properties: &DataFrame,
) -> Result<DataFrame, PrepareError> {
    let dropped = ["name", "artists", "event_timestamp", "snapshot_date"];
    let properties = properties.drop_many(
        dropped
            .iter()
            .copied()
            .filter(|n| properties.get_column_index(n).is_some()),
    );
    let on = [JOIN_KEY.to_string()];
    join(
        rankings,
        properties_name,
        &properties,
        &on,
        JoinHow::Inner,
        ("_x", "_y"),
    )
}

/// Output names: left columns, then the right's non-key columns; names on both sides
/// (other than keys) get the suffixes, as in pandas.
fn output_names(
    left: &DataFrame,
    right: &DataFrame,
    on: &[String],
    (left_suffix, right_suffix): (&str, &str),
) -> Result<Vec<String>, PrepareError> {
    let is_key = |n: &str| on.iter().any(|k| k == n);
    let clashes = |n: &str| !is_key(n) && left.get_column_index(n).is_some();
    let left_names = left.get_column_names().into_iter().map(|n| {
        if !is_key(n) && right.get_column_index(n).is_some() {
            format!("{n}{left_suffix}")
        } else {
            n.to_string()
        }
    });
    let right_names = right
        .get_column_names()
        .into_iter()
        .filter(|n| !is_key(n))
        .map(|n| {
            if clashes(n) {
                format!("{n}{right_suffix}")
            } else {
                n.to_string()
            }
        });
    let names: Vec<String> = left_names.chain(right_names).collect();
    if let Some(twice) = first_repeated(&names) {
        return Err(PrepareError::DuplicateColumn {
            column: twice.to_string(),
            what_to_do: format!(
                "columns on both sides get the suffixes `{left_suffix}` and `{right_suffix}`, which gives this name twice. Choose other suffixes, or rename or drop one of the columns first"
            ),
        });
    }
    Ok(names)
}

/// Which rows of each side make each output row.
struct Matches {
    left: Vec<IdxSize>,
    /// [`NO_MATCH`] where a left join found nothing.
    right: Vec<IdxSize>,
    /// Every left row appears once, in order: the left side need not be gathered.
    left_unchanged: bool,
}

/// Pairs rows by key code. Right rows are bucketed by code (a counting sort, keeping their
/// order), so each left row finds its matches with two lookups.
fn match_rows(codes: &KeyCodes, how: JoinHow) -> Matches {
    let mut starts = vec![0_usize; codes.n_codes + 1];
    for &code in codes.right.iter().flatten() {
        starts[code as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut bucketed = vec![0; starts[codes.n_codes]];
    let mut next_slot = starts.clone();
    for (row, code) in (0..).zip(&codes.right) {
        if let Some(code) = code {
            bucketed[next_slot[*code as usize]] = row;
            next_slot[*code as usize] += 1;
        }
    }
    let mut matches = Matches {
        left: Vec::with_capacity(codes.left.len()),
        right: Vec::with_capacity(codes.left.len()),
        left_unchanged: true,
    };
    for (row, code) in (0..).zip(&codes.left) {
        let found = code.map_or(&[][..], |c| {
            &bucketed[starts[c as usize]..starts[c as usize + 1]]
        });
        if found.is_empty() && how == JoinHow::Left {
            matches.left.push(row);
            matches.right.push(NO_MATCH);
        }
        matches.left_unchanged &= found.len() == 1 || (found.is_empty() && how == JoinHow::Left);
        for &right_row in found {
            matches.left.push(row);
            matches.right.push(right_row);
        }
    }
    matches
}

/// The output table: the left's columns, then the right's non-key columns, gathered by
/// row indices (a left join's unmatched rows get nulls on the right).
fn gather(
    left: &DataFrame,
    right: &DataFrame,
    on: &[String],
    matches: &Matches,
    names: Vec<String>,
) -> Result<DataFrame, PrepareError> {
    let failed = |e| PrepareError::frame("gathering the joined rows", &e);
    let left_rows = if matches.left_unchanged {
        left.clone()
    } else {
        let idx = IdxCa::from_vec(PlSmallStr::EMPTY, matches.left.clone());
        left.take(&idx).map_err(failed)?
    };
    let right_idx: IdxCa = if matches.right.contains(&NO_MATCH) {
        matches
            .right
            .iter()
            .map(|&r| (r != NO_MATCH).then_some(r))
            .collect()
    } else {
        IdxCa::from_vec(PlSmallStr::EMPTY, matches.right.clone())
    };
    let right_rows = right
        .drop_many(on.iter().map(String::as_str))
        .take(&right_idx)
        .map_err(failed)?;
    let height = matches.left.len();
    let columns: Vec<Column> = left_rows
        .into_columns()
        .into_iter()
        .chain(right_rows.into_columns())
        .zip(names)
        .map(|(c, name)| c.with_name(name.into()))
        .collect();
    DataFrame::new(height, columns).map_err(failed)
}
