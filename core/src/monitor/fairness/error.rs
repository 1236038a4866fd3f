//! Why fairness could not be measured, in words that say what to change.

use thiserror::Error;

use super::Group;

#[derive(Debug, Error, Clone, PartialEq)]
pub enum FairnessError {
    /// A group has no row, so its favourable rate is 0/0.
    #[error(
        "the {group} group has no rows (all {rows} rows are {other}): SPD and DIR compare two groups. Choose a privileged value that some rows have and others do not, or monitor a larger sample",
        other = group.other()
    )]
    EmptyGroup { group: Group, rows: usize },
    /// The protected attribute does not have one flag per predicted row.
    #[error(
        "the protected attribute has {groups} values but the predictions have {rows} rows: give one privileged/unprivileged flag per predicted row"
    )]
    GroupLength { groups: usize, rows: usize },
    /// The class labels do not name every probability column.
    #[error(
        "{labels} class labels for {classes} probability columns: pass the model's class labels in column order"
    )]
    LabelCount { labels: usize, classes: usize },
    /// The probability matrix has no column.
    #[error("the predictions have no class columns: run the model on the rows first")]
    NoClasses,
    /// The class asked for is not one the model predicts.
    #[error("class {class} does not exist: the model predicts {classes} classes, numbered from 0")]
    UnknownClass { class: usize, classes: usize },
    /// A probability threshold that makes every or no row favourable.
    #[error(
        "the probability threshold is {threshold}: it must be above 0 and at most 1, e.g. 0.5 (or choose \"top prediction\")"
    )]
    Threshold { threshold: f64 },
    /// Bounds that cannot say fair from unfair.
    #[error("fairness bounds: {reason}")]
    Bounds { reason: &'static str },
}
