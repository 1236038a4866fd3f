//! The one "column not found" error of every table operation (Prepare steps, explore
//! queries, charts, training): which column, in which table, the closest existing name and
//! the table's columns. Each area's error enum carries it as its `MissingColumn` variant.

use thiserror::Error;

/// `column` is not a column of the table.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error(
    "{} has no column `{column}`{}. Its columns: {}",
    table(.dataset.as_deref()),
    did_you_mean(.suggestion.as_deref()),
    list(.available)
)]
pub struct MissingColumn {
    pub column: String,
    /// `None` for the cell's input table, else the other dataset's name (a join's).
    pub dataset: Option<String>,
    /// The existing name closest to `column`, if one is close.
    pub suggestion: Option<String>,
    pub available: Vec<String>,
}

impl MissingColumn {
    /// The error for `column` missing from a table (`dataset`: `None` for the cell's input)
    /// whose columns are `available`, with the closest existing name.
    pub fn new<S: AsRef<str>>(
        column: &str,
        dataset: Option<&str>,
        available: impl IntoIterator<Item = S>,
    ) -> Self {
        let available: Vec<String> = available
            .into_iter()
            .map(|name| name.as_ref().to_string())
            .collect();
        Self {
            column: column.to_string(),
            dataset: dataset.map(str::to_string),
            suggestion: closest_name(column, &available),
            available,
        }
    }
}

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

/// `` `a`, `b` ``, or `none`.
pub(crate) fn list(names: &[String]) -> String {
    if names.is_empty() {
        return "none".into();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `the input table` or `` dataset `name` ``.
pub(crate) fn table(dataset: Option<&str>) -> String {
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
