//! Which runs a list shows and in what order: the filters (text, model kind, tag, status,
//! test accuracy range, start dates) and the sort. Pure functions over [`RunRecord`], used by
//! the Runs page.

use std::cmp::Ordering;

use super::format::short_sha;
use super::metrics::{macro_f1, test_accuracy};
use super::{RunRecord, RunStatus};

/// What the filters ask; an empty or `None` field lets every run through.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunFilter {
    /// Case-insensitive words found in the model kind or name, notebook, tags or note.
    pub text: String,
    /// A model kind as [`crate::train::ModelSpec::label`] names it.
    pub model: Option<String>,
    pub tag: Option<String>,
    pub status: Option<RunStatus>,
    /// Test accuracy bounds, as shares (0.15 = 15 %), both inclusive. A run without a test
    /// accuracy fails any bound.
    pub min_test_accuracy: Option<f64>,
    pub max_test_accuracy: Option<f64>,
    /// Start time bounds in ms since 1970: from (inclusive), before (exclusive).
    pub started_from_ms: Option<f64>,
    pub started_before_ms: Option<f64>,
    /// The training data's version: the start of its fingerprint (the short hash shown).
    pub dataset_version: Option<String>,
}

impl RunFilter {
    pub fn matches(&self, run: &RunRecord) -> bool {
        self.matches_text(run)
            && self
                .model
                .as_ref()
                .is_none_or(|m| run.report.spec.model.label() == m)
            && self.tag.as_ref().is_none_or(|t| run.tags.contains(t))
            && self.status.is_none_or(|s| run.status == s)
            && self.matches_accuracy(run)
            && self.started_from_ms.is_none_or(|t| run.started_ms >= t)
            && self.started_before_ms.is_none_or(|t| run.started_ms < t)
            && self.dataset_version.as_ref().is_none_or(|v| {
                run.dataset_version()
                    .is_some_and(|own| !v.is_empty() && own.starts_with(v.as_str()))
            })
    }

    /// Every word must appear somewhere in the run's words.
    fn matches_text(&self, run: &RunRecord) -> bool {
        let haystack = [
            run.report.spec.model.label(),
            &run.model_name,
            &run.notebook_title,
            &run.note,
            &run.tags.join(" "),
            &short_sha(run.dataset_version().unwrap_or_default()),
        ]
        .join("\n")
        .to_lowercase();
        self.text
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }

    fn matches_accuracy(&self, run: &RunRecord) -> bool {
        if self.min_test_accuracy.is_none() && self.max_test_accuracy.is_none() {
            return true;
        }
        test_accuracy(run).is_some_and(|a| {
            self.min_test_accuracy.is_none_or(|lo| a >= lo)
                && self.max_test_accuracy.is_none_or(|hi| a <= hi)
        })
    }
}

/// The runs `filter` lets through, in their order.
pub fn filter<'a>(runs: &'a [RunRecord], filter: &RunFilter) -> Vec<&'a RunRecord> {
    runs.iter().filter(|run| filter.matches(run)).collect()
}

/// A sortable column of the runs table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Started,
    Duration,
    Model,
    ValidationAccuracy,
    TestAccuracy,
    MacroF1,
}

/// The table's order: a column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for RunSort {
    /// Newest first.
    fn default() -> Self {
        Self {
            key: SortKey::Started,
            descending: true,
        }
    }
}

impl RunSort {
    /// The order after a click on `key`'s header: the same column flips; another starts
    /// A→Z for the model, highest first for numbers and dates.
    #[must_use]
    pub fn clicked(self, key: SortKey) -> Self {
        if self.key == key {
            Self {
                key,
                descending: !self.descending,
            }
        } else {
            Self {
                key,
                descending: key != SortKey::Model,
            }
        }
    }
}

/// A run's value in a numeric column; `None` (no test part, no evaluation) sorts last.
fn number(run: &RunRecord, key: SortKey) -> Option<f64> {
    let value = match key {
        SortKey::Started => Some(run.started_ms),
        SortKey::Duration => Some(run.ended_ms - run.started_ms),
        SortKey::ValidationAccuracy => Some(run.report.validation_accuracy),
        SortKey::TestAccuracy => test_accuracy(run),
        SortKey::MacroF1 => macro_f1(run),
        SortKey::Model => None,
    };
    value.filter(|v| v.is_finite())
}

fn compare(a: &RunRecord, b: &RunRecord, order: RunSort) -> Ordering {
    let directed = |o: Ordering| if order.descending { o.reverse() } else { o };
    if order.key == SortKey::Model {
        let name = |r: &RunRecord| (r.report.spec.model.label(), r.model_name.to_lowercase());
        return directed(name(a).cmp(&name(b)));
    }
    match (number(a, order.key), number(b, order.key)) {
        (Some(x), Some(y)) => directed(x.total_cmp(&y)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// `runs` in `order`; ties fall back to newest first, then to the id, so the order is stable.
pub fn sort(runs: &mut [&RunRecord], order: RunSort) {
    runs.sort_by(|a, b| {
        compare(a, b, order)
            .then_with(|| b.started_ms.total_cmp(&a.started_ms))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The training data versions (short hashes) of `runs`, sorted, for the filter's choices.
pub fn dataset_versions(runs: &[RunRecord]) -> Vec<String> {
    let mut versions: Vec<String> = runs
        .iter()
        .filter_map(RunRecord::dataset_version)
        .map(short_sha)
        .collect();
    versions.sort();
    versions.dedup();
    versions
}

/// The model kinds and tags present in `runs`, each sorted, for the filters' choices.
pub fn choices(runs: &[RunRecord]) -> (Vec<String>, Vec<String>) {
    let mut models: Vec<String> = runs
        .iter()
        .map(|r| r.report.spec.model.label().to_string())
        .collect();
    models.sort();
    models.dedup();
    let mut tags: Vec<String> = runs.iter().flat_map(|r| r.tags.iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    (models, tags)
}
