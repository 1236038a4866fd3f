//! Group keys: each key column's values numbered (factorized) in order of first appearance,
//! with their sort order, and rows combined into groups in one pass with a hash map. Null
//! (and NaN) keys are left out, as pandas' `groupby` and `value_counts` do by default.

use std::hash::Hash;

use polars_core::prelude::*;

use super::cells::{float, iso_datetime};
use super::column::pandas_dtype;
use super::{CellValue, ExploreError};
use crate::calendar::iso_date;

/// A row left out: its key is missing (null or NaN).
pub(super) const MISSING: u32 = u32::MAX;

/// One key column, factorized.
pub(super) struct Factorized {
    /// Per row: the index of its value in `uniques`, or [`MISSING`].
    pub codes: Vec<u32>,
    /// The distinct values, in order of first appearance.
    pub uniques: Vec<CellValue>,
    /// `sort_rank[code]`: where `uniques[code]` falls in ascending order.
    pub sort_rank: Vec<u32>,
}

/// Numbers the distinct values of `values` by first appearance; `cmp` orders them.
fn factorize<K: Hash + Eq + Copy>(
    values: impl Iterator<Item = Option<K>>,
    cmp: impl Fn(&K, &K) -> std::cmp::Ordering,
    to_cell: impl Fn(K) -> CellValue,
) -> Factorized {
    // polars' hasher (foldhash): several times faster than SipHash on a million short keys.
    let mut index: PlHashMap<K, u32> = PlHashMap::default();
    let mut keys: Vec<K> = Vec::new();
    let codes = values
        .map(|value| match value {
            None => MISSING,
            Some(k) => *index.entry(k).or_insert_with(|| {
                keys.push(k);
                // Fewer distinct values than rows, and polars rows fit in u32 (IdxSize).
                u32::try_from(keys.len() - 1).unwrap_or(MISSING)
            }),
        })
        .collect();
    let mut order: Vec<u32> = (0..keys.len())
        .filter_map(|i| u32::try_from(i).ok())
        .collect();
    order.sort_by(|&a, &b| cmp(&keys[a as usize], &keys[b as usize]));
    let mut sort_rank = vec![0_u32; keys.len()];
    for (rank, &code) in order.iter().enumerate() {
        sort_rank[code as usize] = u32::try_from(rank).unwrap_or(u32::MAX);
    }
    Factorized {
        codes,
        uniques: keys.into_iter().map(to_cell).collect(),
        sort_rank,
    }
}

/// Factorizes a text, integer, float, bool, date or timestamp column.
pub(super) fn factorize_column(column: &Column) -> Result<Factorized, ExploreError> {
    let context = || format!("grouping by column `{}`", column.name());
    let dtype = column.dtype().clone();
    Ok(match &dtype {
        DataType::String => {
            let ca = column
                .str()
                .map_err(|e| ExploreError::frame(context(), e))?;
            factorize(ca.iter(), Ord::cmp, |s: &str| {
                CellValue::Text(s.to_string())
            })
        }
        DataType::Boolean => {
            let ca = column
                .bool()
                .map_err(|e| ExploreError::frame(context(), e))?;
            factorize(ca.iter(), Ord::cmp, CellValue::Bool)
        }
        DataType::Date => {
            let ca = column
                .date()
                .map_err(|e| ExploreError::frame(context(), e))?;
            factorize(ca.physical().iter(), Ord::cmp, |d| {
                CellValue::Text(iso_date(d))
            })
        }
        DataType::Datetime(unit, _) => {
            let unit = *unit;
            let ca = column
                .datetime()
                .map_err(|e| ExploreError::frame(context(), e))?;
            factorize(ca.physical().iter(), Ord::cmp, move |v| {
                CellValue::Text(iso_datetime(v, unit))
            })
        }
        d if d.is_float() => {
            let cast = column
                .cast(&DataType::Float64)
                .map_err(|e| ExploreError::frame(context(), e))?;
            factorize_floats(cast.f64().map_err(|e| ExploreError::frame(context(), e))?)
        }
        d if d.is_integer() => {
            let cast = column
                .cast(&DataType::Int64)
                .map_err(|e| ExploreError::frame(context(), e))?;
            let ca = cast.i64().map_err(|e| ExploreError::frame(context(), e))?;
            factorize(ca.iter(), Ord::cmp, CellValue::Int)
        }
        other => {
            return Err(ExploreError::NotGroupable {
                column: column.name().to_string(),
                dtype: pandas_dtype(other),
            });
        }
    })
}

/// Factorizes floats by their bits: -0.0 joins 0.0 and NaN is missing, as in pandas.
fn factorize_floats(values: &Float64Chunked) -> Factorized {
    let bits = values.iter().map(|v| {
        v.filter(|x| !x.is_nan())
            .map(|x| if x == 0.0 { 0.0_f64 } else { x }.to_bits())
    });
    factorize(
        bits,
        |a, b| f64::from_bits(*a).total_cmp(&f64::from_bits(*b)),
        |b| float(f64::from_bits(b)),
    )
}

/// Rows combined into groups over one or more factorized key columns.
pub(super) struct Groups {
    /// Per row: its group, or [`MISSING`] when a key is missing.
    pub row_group: Vec<u32>,
    /// Per group, one code per key column (`group * n_keys ..`).
    codes: Vec<u32>,
    n_keys: usize,
}

impl Groups {
    /// Groups the rows by their key codes, in order of first appearance.
    pub(super) fn new(keys: &[Factorized]) -> Self {
        let n_rows = keys.first().map_or(0, |k| k.codes.len());
        let mut codes = Vec::new();
        let row_group = if let [key] = keys {
            // One key: its codes index a plain table, no hashing needed.
            let mut group_of = vec![MISSING; key.uniques.len()];
            (0..n_rows)
                .map(|row| {
                    let code = key.codes[row];
                    if code == MISSING {
                        return MISSING;
                    }
                    let slot = &mut group_of[code as usize];
                    if *slot == MISSING {
                        *slot = u32::try_from(codes.len()).unwrap_or(MISSING);
                        codes.push(code);
                    }
                    *slot
                })
                .collect()
        } else {
            let mut lookup: PlHashMap<Box<[u32]>, u32> = PlHashMap::default();
            let mut tuple = vec![0_u32; keys.len()];
            (0..n_rows)
                .map(|row| {
                    for (slot, key) in tuple.iter_mut().zip(keys) {
                        *slot = key.codes[row];
                    }
                    if tuple.contains(&MISSING) {
                        return MISSING;
                    }
                    if let Some(&group) = lookup.get(tuple.as_slice()) {
                        return group;
                    }
                    let group = u32::try_from(lookup.len()).unwrap_or(MISSING);
                    lookup.insert(tuple.clone().into_boxed_slice(), group);
                    codes.extend_from_slice(&tuple);
                    group
                })
                .collect()
        };
        Self {
            row_group,
            codes,
            n_keys: keys.len(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.codes.len().checked_div(self.n_keys).unwrap_or(0)
    }

    /// The key codes of `group`, one per key column.
    pub(super) fn key(&self, group: usize) -> &[u32] {
        &self.codes[group * self.n_keys..(group + 1) * self.n_keys]
    }

    /// Group indices sorted by their keys (first key first), as pandas sorts group-by output.
    pub(super) fn sorted(&self, keys: &[Factorized]) -> Vec<usize> {
        let ranks: Vec<u32> = (0..self.len())
            .flat_map(|g| {
                self.key(g)
                    .iter()
                    .zip(keys)
                    .map(|(&code, k)| k.sort_rank[code as usize])
            })
            .collect();
        let n = self.n_keys;
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by(|&a, &b| ranks[a * n..(a + 1) * n].cmp(&ranks[b * n..(b + 1) * n]));
        order
    }

    /// The key cells of `group`.
    pub(super) fn cells(&self, group: usize, keys: &[Factorized]) -> Vec<CellValue> {
        self.key(group)
            .iter()
            .zip(keys)
            .map(|(&code, k)| k.uniques[code as usize].clone())
            .collect()
    }
}
