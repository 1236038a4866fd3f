//! `--set CELL.FIELD=VALUE`: one setting of one cell changed before the run.
//!
//! CELL is the cell's position (1-based, as `report.md` numbers cells), its kind as the
//! notebook JSON names it (`train`, `source`, `explore`…) when only one cell is of that kind,
//! or a name the cell writes (a Train cell's model, a Prepare cell's dataset). FIELD is a key
//! of the cell's settings in the notebook JSON (`epochs`, `test_ratio`, `seed`, `bins`); a
//! dotted path (`split.method`) picks one of two keys of the same name. Setting a Train cell's
//! `model` (`network`, `logistic_regression`, `decision_tree`, `random_forest`,
//! `hist_gradient_boosting`, `knn`, `gaussian_nb`) starts from that model's default hyper-parameters. Lists are given with
//! commas (`hidden=64,64`); `none` clears an optional number. A Train cell's settings are then
//! checked with `TrainSpec::check`.

use jukebox_core::notebook::{CellSpec, Notebook};
use serde_json::Value;

use crate::cells::{KIND_KEYS, kind_key, label, written_names};
use crate::error::{CliError, Result};

mod json;

/// One `--set CELL.FIELD=VALUE`, as given and split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub cell: String,
    pub field: String,
    pub value: String,
}

impl Setting {
    fn arg(&self) -> String {
        format!("--set {}.{}={}", self.cell, self.field, self.value)
    }
}

/// Parses `CELL.FIELD=VALUE`.
pub fn parse(arg: &str) -> Result<Setting> {
    let problem = || {
        CliError::Argument {
        arg: format!("--set {arg}"),
        problem: "write it as CELL.FIELD=VALUE, e.g. --set train.epochs=3 (CELL: a position, a kind or a name the cell writes)".into(),
    }
    };
    let (target, value) = arg.split_once('=').ok_or_else(problem)?;
    let (cell, field) = target.trim().split_once('.').ok_or_else(problem)?;
    if cell.is_empty() || field.is_empty() {
        return Err(problem());
    }
    Ok(Setting {
        cell: cell.to_string(),
        field: field.to_string(),
        value: value.trim().to_string(),
    })
}

/// Applies `setting` to `notebook`, or says which cell or field is wrong and what to give.
pub fn apply(notebook: &mut Notebook, setting: &Setting) -> Result<()> {
    let fail = |problem: String| CliError::Argument {
        arg: setting.arg(),
        problem,
    };
    let index = find_cell(notebook, &setting.cell).map_err(fail)?;
    let cell = &mut notebook.cells[index];
    let place = format!("cell {} ({})", index + 1, label(&cell.spec));
    let mut value = serde_json::to_value(&cell.spec)
        .map_err(|e| fail(format!("{place} could not be read ({e})")))?;
    json::set(&mut value, &setting.field, &setting.value)
        .map_err(|problem| fail(format!("{place}: {problem}")))?;
    let spec: CellSpec = serde_json::from_value(value).map_err(|e| {
        fail(format!(
            "{place}, field `{}`: `{}` does not fit ({e})",
            setting.field, setting.value
        ))
    })?;
    if let CellSpec::Train { spec: train, .. } = &spec {
        train.check().map_err(|e| {
            fail(format!(
                "{place}, field `{}`: {e}. Give a value in that range",
                setting.field
            ))
        })?;
    }
    cell.spec = spec;
    Ok(())
}

/// The index of the cell `selector` names, or why none (or more than one) matches.
fn find_cell(notebook: &Notebook, selector: &str) -> Result<usize, String> {
    let n = notebook.cells.len();
    if let Ok(position) = selector.parse::<usize>() {
        return if (1..=n).contains(&position) {
            Ok(position - 1)
        } else {
            Err(format!("the notebook has cells 1 to {n}, not {position}"))
        };
    }
    let by_kind: Vec<usize> = (0..n)
        .filter(|&i| kind_key(&notebook.cells[i].spec) == selector)
        .collect();
    let by_name: Vec<usize> = (0..n)
        .filter(|&i| {
            written_names(&notebook.cells[i].spec)
                .iter()
                .any(|w| w == selector)
        })
        .collect();
    let positions = |found: &[usize]| {
        found
            .iter()
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (by_kind.as_slice(), by_name.as_slice()) {
        ([one], _) | ([], [one]) => Ok(*one),
        ([], []) if KIND_KEYS.contains(&selector) => Err(format!(
            "the notebook has no {selector} cell (cells: {})",
            kinds(notebook)
        )),
        ([], []) => Err(format!(
            "no cell is named `{selector}`. Name a cell by its position (1 to {n}), its kind when only one cell has it ({}), or a name it writes ({})",
            KIND_KEYS.join(", "),
            names(notebook)
        )),
        ([], many) => Err(format!(
            "cells {} all write `{selector}`: name one by its position",
            positions(many)
        )),
        (many, _) => Err(format!(
            "cells {} are all {selector} cells: name one by its position (e.g. `{}.…`) or by the name it writes",
            positions(many),
            many[0] + 1
        )),
    }
}

fn kinds(notebook: &Notebook) -> String {
    let mut seen: Vec<&str> = notebook.cells.iter().map(|c| kind_key(&c.spec)).collect();
    seen.dedup();
    seen.join(", ")
}

fn names(notebook: &Notebook) -> String {
    let all: Vec<String> = notebook
        .cells
        .iter()
        .flat_map(|c| written_names(&c.spec))
        .collect();
    if all.is_empty() {
        "none".into()
    } else {
        all.join(", ")
    }
}

/// The value a leaf of a cell's JSON takes (used by `json::set` for a Train cell's `model`).
fn default_model(kind: &str) -> Option<Value> {
    use jukebox_core::train::ModelSpec;
    ModelSpec::KINDS
        .contains(&kind)
        .then(|| serde_json::to_value(ModelSpec::with_defaults(kind)).ok())
        .flatten()
}

/// The models a Train cell's `model` can be set to.
fn model_kinds() -> String {
    jukebox_core::train::ModelSpec::KINDS.join(", ")
}

#[cfg(test)]
mod tests;
