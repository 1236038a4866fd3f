//! Why a Prepare step failed, in words a person can act on: which column, dataset or value,
//! and what to do instead.

#[cfg(feature = "engine")]
use polars_core::prelude::{DataFrame, DataType, PolarsError, TimeUnit};
use thiserror::Error;

/// A Prepare step that cannot run on its input.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum PrepareError {
    #[error(
        "there is no loaded dataset `{name}` to join with (loaded: {}). Load it first, or pick one of those",
        list(.available)
    )]
    UnknownDataset {
        name: String,
        available: Vec<String>,
    },
    #[error(
        "{} has no column `{column}`{}. Its columns: {}",
        table(.dataset.as_deref()),
        did_you_mean(.suggestion.as_deref()),
        list(.available)
    )]
    UnknownColumn {
        column: String,
        /// `None` for the cell's input table, else the joined dataset's name.
        dataset: Option<String>,
        suggestion: Option<String>,
        available: Vec<String>,
    },
    #[error(
        "join key `{column}` is {left_dtype} in the input but {right_dtype} in `{right}`: keys must hold the same kind of values. Join on another column, or convert one of them first"
    )]
    KeyTypeMismatch {
        column: String,
        right: String,
        left_dtype: String,
        right_dtype: String,
    },
    #[error(
        "column `{column}` ({dtype}) in {} cannot be a join key. Join on text, integer, true/false or date columns",
        table(.dataset.as_deref())
    )]
    UnsupportedKey {
        column: String,
        dataset: Option<String>,
        dtype: String,
    },
    #[error(
        "a join needs at least one key column: name the columns both tables share (e.g. `spotify_id`)"
    )]
    NoJoinKeys,
    #[error("the result would have two columns named `{column}`: {what_to_do}")]
    DuplicateColumn { column: String, what_to_do: String },
    #[error(
        "column `{column}` holds {dtype} values, so it cannot be compared with {value}. {what_to_do}"
    )]
    ValueType {
        column: String,
        dtype: String,
        value: String,
        what_to_do: &'static str,
    },
    #[error(
        "`{value}` is not a date or time for column `{column}`. Write dates as YYYY-MM-DD, optionally with a time: 2023-12-20 or 2023-12-20 14:30:00"
    )]
    BadDate { column: String, value: String },
    #[error("column `{column}` ({dtype}) cannot be {operation}. {what_to_do}")]
    UnsupportedColumn {
        column: String,
        dtype: String,
        operation: &'static str,
        what_to_do: &'static str,
    },
    #[error(
        "cannot sample {n} rows from a table of {n_rows} rows without replacement. Ask for at most {n_rows}"
    )]
    SampleTooLarge { n: usize, n_rows: usize },
    #[error("choose at least one column to {operation}")]
    NoColumns { operation: &'static str },
    #[error("step {number} ({op}): {cause}")]
    Step {
        /// Counted from 1, as the cell shows its steps.
        number: usize,
        op: &'static str,
        cause: Box<PrepareError>,
    },
    /// The dataframe library refused something these checks did not foresee.
    #[error(
        "{context} failed in the dataframe library: {message}. This is a bug in Jukebox; please report it with this cell's steps"
    )]
    Frame { context: String, message: String },
}

#[cfg(feature = "engine")]
impl PrepareError {
    /// Wraps a polars error with what was being done (the message is kept as text so the
    /// error stays `Clone` and comparable in tests).
    pub fn frame(context: impl Into<String>, source: &PolarsError) -> Self {
        Self::Frame {
            context: context.into(),
            message: source.to_string(),
        }
    }

    /// The error for `column` missing from `df`, with the closest existing name.
    pub fn unknown_column(df: &DataFrame, column: &str, dataset: Option<&str>) -> Self {
        let available: Vec<String> = df
            .get_column_names()
            .iter()
            .map(ToString::to_string)
            .collect();
        Self::UnknownColumn {
            column: column.to_string(),
            dataset: dataset.map(str::to_string),
            suggestion: closest_name(column, &available),
            available,
        }
    }
}

#[cfg(feature = "engine")]
/// The dtype as pandas names it, so people recognise it from the course notebooks.
pub fn dtype_name(dtype: &DataType) -> String {
    match dtype {
        DataType::String => "str".into(),
        DataType::Boolean => "bool".into(),
        DataType::Date => "date".into(),
        DataType::Datetime(unit, _) => {
            let unit = match unit {
                TimeUnit::Nanoseconds => "ns",
                TimeUnit::Microseconds => "us",
                TimeUnit::Milliseconds => "ms",
            };
            format!("datetime64[{unit}]")
        }
        other => other.to_string(),
    }
}

#[cfg(feature = "engine")]
/// The existing name closest to a mistyped one: the same name in other letter case, else the
/// shortest name containing it, else the nearest by edit distance when it is within a third
/// of the name's length (at least 2).
fn closest_name(wanted: &str, names: &[String]) -> Option<String> {
    let wanted_lower = wanted.to_lowercase();
    if let Some(same) = names.iter().find(|n| n.to_lowercase() == wanted_lower) {
        return Some(same.clone());
    }
    // A shortened name (`snapshot` for `snapshot_date`) is far in edits but clearly meant.
    if wanted_lower.chars().count() >= 3 {
        let containing = names
            .iter()
            .filter(|n| n.to_lowercase().contains(&wanted_lower))
            .min_by_key(|n| n.len());
        if let Some(name) = containing {
            return Some(name.clone());
        }
    }
    let limit = (wanted.chars().count() / 3).max(2);
    names
        .iter()
        .map(|n| (edit_distance(&wanted_lower, &n.to_lowercase()), n))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n.clone())
}

#[cfg(feature = "engine")]
/// Levenshtein distance over characters (names are short; two rows of memory suffice).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        return "none".into();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(dataset: Option<&str>) -> String {
    dataset.map_or_else(|| "the input table".into(), |d| format!("dataset `{d}`"))
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_name_within_a_few_typos_or_another_letter_case() {
        let names = vec!["danceability".to_string(), "energy".into(), "Tempo".into()];
        assert_eq!(
            closest_name("danceabilty", &names).as_deref(),
            Some("danceability")
        );
        assert_eq!(closest_name("tempo", &names).as_deref(), Some("Tempo"));
        assert_eq!(
            closest_name("dance", &names).as_deref(),
            Some("danceability")
        );
        assert_eq!(closest_name("country", &names), None);
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
