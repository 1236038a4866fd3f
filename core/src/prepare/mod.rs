//! Preparing a table like the course's pandas cells do: joins (and the course's merge in one
//! click), dropping nulls, choosing and renaming columns, row filters, label encoding, head
//! and seeded samples. A Prepare cell stores its steps as plain data (serde) and
//! [`apply_steps`] runs them on the cell's input, naming the step that failed.

#[cfg(feature = "engine")]
mod columns;
#[cfg(feature = "engine")]
pub(crate) mod encode;
mod error;
#[cfg(feature = "engine")]
mod filter;
#[cfg(feature = "engine")]
mod join;
#[cfg(feature = "engine")]
mod keys;
#[cfg(feature = "engine")]
mod rows;

#[cfg(test)]
mod tests;

#[cfg(feature = "engine")]
use std::collections::BTreeMap;

#[cfg(feature = "engine")]
use polars_core::prelude::DataFrame;
use serde::{Deserialize, Serialize};

#[cfg(feature = "engine")]
pub use encode::label_classes;
pub use error::PrepareError;

/// One step of a Prepare cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum PrepareStep {
    /// `df.merge(datasets[right], on=on, how=how, suffixes=(left_suffix, right_suffix))`:
    /// rows keep the input's order; a key value found several times on the right repeats
    /// the left row; null keys never match (unlike pandas, which pairs nulls with nulls).
    Join {
        right: String,
        on: Vec<String>,
        how: JoinHow,
        #[serde(default = "default_left_suffix")]
        left_suffix: String,
        #[serde(default = "default_right_suffix")]
        right_suffix: String,
    },
    /// The course's merge in one click: input (rankings) ⋈ `properties` on `spotify_id`
    /// (inner), without the properties' `name`, `artists` and timestamp (`event_timestamp`
    /// or `snapshot_date`), so the rankings' own columns keep their names.
    CourseMerge { properties: String },
    /// `df.dropna(subset=columns)`; empty = any column. NaN counts as missing, as in pandas.
    DropNulls { columns: Vec<String> },
    /// `df[columns]`, in the order given.
    Select { columns: Vec<String> },
    /// `df.drop(columns=columns)`.
    Drop { columns: Vec<String> },
    /// `df.rename(columns={from: to})`.
    Rename { from: String, to: String },
    /// Keeps the rows whose `column` meets `condition`.
    Filter {
        column: String,
        condition: Condition,
    },
    /// Replaces the values of `column` by class codes (Int64) in a column named `output`
    /// (which may be `column` itself); nulls stay null. See [`label_classes`].
    LabelEncode {
        column: String,
        order: EncodeOrder,
        output: String,
    },
    /// `df.head(n)`.
    Head { n: usize },
    /// `df.sample(n)`: `n` distinct rows in the order they were drawn (as pandas returns
    /// them), the same rows for the same seed. The draws are not numpy's, so the rows
    /// differ from pandas' for the same seed.
    Sample { n: usize, seed: u64 },
}

fn default_left_suffix() -> String {
    "_x".into()
}

fn default_right_suffix() -> String {
    "_y".into()
}

/// Which rows a join keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinHow {
    /// Only rows whose key is on both sides.
    Inner,
    /// Every input row; right columns are null where the key has no match.
    Left,
}

/// The order of the classes of a label encoding (class `i` gets code `i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodeOrder {
    /// Sorted unique values, as scikit-learn's `LabelEncoder` (numbers numerically).
    Alphabetical,
    /// In order of first appearance, as `pandas.factorize`.
    FirstAppearance,
}

/// What a filter keeps. A null (or NaN) meets no condition except `IsNull` and `Compare`
/// with `Ne`, which keeps it as pandas does (`NaN != x` is true).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    Compare {
        op: CompareOp,
        value: Scalar,
    },
    /// `start <= value < end`.
    Between {
        start: Scalar,
        end: Scalar,
    },
    /// `df[column].isin(values)`.
    InList {
        values: Vec<Scalar>,
    },
    /// `df[column].isna()`: null, or NaN in a float column.
    IsNull,
    NotNull,
}

/// A comparison of a column's values with one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A value typed in a step. Text is read as an ISO date (`2023-12-20`, optionally with a
/// time) when the column holds dates or timestamps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Number(f64),
    Text(String),
    Bool(bool),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Number(x) => write!(f, "the number {x}"),
            Self::Text(s) => write!(f, "the text \"{s}\""),
            Self::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
        }
    }
}

impl PrepareStep {
    /// The step's name as stored (`op`), for messages.
    pub fn op_name(&self) -> &'static str {
        match self {
            Self::Join { .. } => "join",
            Self::CourseMerge { .. } => "course_merge",
            Self::DropNulls { .. } => "drop_nulls",
            Self::Select { .. } => "select",
            Self::Drop { .. } => "drop",
            Self::Rename { .. } => "rename",
            Self::Filter { .. } => "filter",
            Self::LabelEncode { .. } => "label_encode",
            Self::Head { .. } => "head",
            Self::Sample { .. } => "sample",
        }
    }
}

#[cfg(feature = "engine")]
/// Runs one step on `df`; `datasets` are the other loaded tables by name, for joins.
pub fn apply_step(
    step: &PrepareStep,
    df: DataFrame,
    datasets: &BTreeMap<String, DataFrame>,
) -> Result<DataFrame, PrepareError> {
    match step {
        PrepareStep::Join {
            right,
            on,
            how,
            left_suffix,
            right_suffix,
        } => {
            let suffixes = (left_suffix.as_str(), right_suffix.as_str());
            join::join(
                &df,
                right,
                join::dataset(datasets, right)?,
                on,
                *how,
                suffixes,
            )
        }
        PrepareStep::CourseMerge { properties } => {
            join::course_merge(&df, properties, join::dataset(datasets, properties)?)
        }
        PrepareStep::DropNulls { columns } => columns::drop_nulls(&df, columns),
        PrepareStep::Select { columns } => columns::select(&df, columns),
        PrepareStep::Drop { columns } => columns::drop(&df, columns),
        PrepareStep::Rename { from, to } => columns::rename(df, from, to),
        PrepareStep::Filter { column, condition } => filter::filter(&df, column, condition),
        PrepareStep::LabelEncode {
            column,
            order,
            output,
        } => encode::label_encode(df, column, *order, output),
        PrepareStep::Head { n } => Ok(df.head(Some(*n))),
        PrepareStep::Sample { n, seed } => rows::sample(&df, *n, *seed),
    }
}

#[cfg(feature = "engine")]
/// Runs `steps` in order; an error names the step (counted from 1) that failed.
pub fn apply_steps(
    steps: &[PrepareStep],
    df: DataFrame,
    datasets: &BTreeMap<String, DataFrame>,
) -> Result<DataFrame, PrepareError> {
    steps.iter().enumerate().try_fold(df, |df, (i, step)| {
        apply_step(step, df, datasets).map_err(|cause| PrepareError::Step {
            number: i + 1,
            op: step.op_name(),
            cause: Box::new(cause),
        })
    })
}
