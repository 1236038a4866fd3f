//! The Runs page's questions: which runs match a filter, in which order.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::{RunRecord, RunStatus};
use crate::train::ModelSpec;

/// A closed range; an absent end is open.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Bounds {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Bounds {
    fn contains(self, value: f64) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value <= m)
    }

    fn is_open(self) -> bool {
        self.min.is_none() && self.max.is_none()
    }
}

/// What runs to show; every part left empty matches all runs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RunFilter {
    /// Found (case-insensitively) in the model name, notebook title, a tag or the note.
    pub text: String,
    /// Model kinds ([`model_kind`]), any of them.
    pub kinds: Vec<String>,
    /// Tags the run must all have.
    pub tags: Vec<String>,
    pub status: Option<RunStatus>,
    /// Start time, ms since 1970.
    pub started_ms: Bounds,
    /// Accuracy on the test part (runs without test scores fail a set range).
    pub test_accuracy: Bounds,
    pub validation_accuracy: Bounds,
}

/// The model kind of `spec` as filters name it (its tag in JSON: `network`, `random_forest`).
pub fn model_kind(spec: &ModelSpec) -> &'static str {
    match spec {
        ModelSpec::Network(_) => "network",
        ModelSpec::LogisticRegression(_) => "logistic_regression",
        ModelSpec::DecisionTree(_) => "decision_tree",
        ModelSpec::RandomForest(_) => "random_forest",
        ModelSpec::Knn(_) => "knn",
        ModelSpec::GaussianNb => "gaussian_nb",
    }
}

/// The runs `filter` matches, in their order.
pub fn filter<'a>(runs: &'a [RunRecord], filter: &RunFilter) -> Vec<&'a RunRecord> {
    runs.iter().filter(|run| matches(run, filter)).collect()
}

fn matches(run: &RunRecord, f: &RunFilter) -> bool {
    let text = f.text.trim().to_lowercase();
    let text_ok = text.is_empty()
        || [&run.model_name, &run.notebook_title, &run.note]
            .into_iter()
            .chain(&run.tags)
            .any(|field| field.to_lowercase().contains(&text));
    let kind = model_kind(&run.report.spec.model);
    let test_accuracy = run.evaluation.as_ref().map(|e| e.accuracy);
    text_ok
        && (f.kinds.is_empty() || f.kinds.iter().any(|k| k == kind))
        && f.tags.iter().all(|t| run.tags.contains(t))
        && f.status.is_none_or(|s| s == run.status)
        && f.started_ms.contains(run.started_ms)
        && (f.test_accuracy.is_open() || test_accuracy.is_some_and(|a| f.test_accuracy.contains(a)))
        && f.validation_accuracy
            .contains(run.report.validation_accuracy)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Started,
    Duration,
    /// The model kind's name, then the model's name.
    Model,
    TestAccuracy,
    ValidationAccuracy,
    MacroF1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSort {
    pub key: SortKey,
    pub descending: bool,
}

/// Sorts `runs` by `by`, stably (ties keep their order); runs without the value (no test
/// scores) go last either way.
pub fn sort(runs: &mut [&RunRecord], by: RunSort) {
    runs.sort_by(|a, b| {
        let order = match by.key {
            SortKey::Model => {
                let key =
                    |r: &RunRecord| (r.report.spec.model.label(), r.model_name.to_lowercase());
                Some(key(a).cmp(&key(b)))
            }
            _ => match (number(a, by.key), number(b, by.key)) {
                (Some(x), Some(y)) => Some(x.total_cmp(&y)),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => return Ordering::Equal,
            },
        };
        let order = order.unwrap_or(Ordering::Equal);
        if by.descending {
            order.reverse()
        } else {
            order
        }
    });
}

fn number(run: &RunRecord, key: SortKey) -> Option<f64> {
    match key {
        SortKey::Started => Some(run.started_ms),
        SortKey::Duration => Some(run.ended_ms - run.started_ms),
        SortKey::TestAccuracy => run.evaluation.as_ref().map(|e| e.accuracy),
        SortKey::ValidationAccuracy => Some(run.report.validation_accuracy),
        SortKey::MacroF1 => run.evaluation.as_ref().map(|e| e.macro_avg.f1),
        SortKey::Model => None,
    }
}
