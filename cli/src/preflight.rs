//! Checks before anything runs, so a CI job fails in a second, not after a training: every
//! Train cell's settings in range, data for every Data source (files given with `--data`
//! there), every dataset or model a cell reads written by a cell before it, no cell the CLI
//! cannot run.

use jukebox_core::notebook::{CellSpec, Notebook};
use jukebox_core::train::checked::SpecError;

use crate::cells::label;
use crate::data::{self, DataInput, DataOverride};
use crate::error::{CliError, Result};

/// `Ok` when the notebook can run with these inputs; else the first problem, at its cell.
pub fn check(
    notebook: &Notebook,
    overrides: &[DataOverride],
    base_dir: Option<&std::path::Path>,
) -> Result<()> {
    data::check(notebook, overrides)?;
    for o in overrides {
        if let DataInput::Path(path) = &o.input
            && !path.is_file()
        {
            return Err(CliError::Argument {
                arg: format!("--data {}={}", o.name, path.display()),
                problem: format!(
                    "there is no file {}. Check the path (relative paths start at the current folder)",
                    path.display()
                ),
            });
        }
    }
    for (position, cell) in notebook.cells.iter().enumerate() {
        let index = position + 1;
        let at = |problem: String| CliError::Cell {
            index,
            label: label(&cell.spec),
            problem,
        };
        if let Some(problem) = unwritten_input(notebook, position) {
            return Err(at(problem));
        }
        match &cell.spec {
            CellSpec::Train { spec, .. } => spec.check().map(drop).map_err(|e| {
                let field = match &e {
                    SpecError::OutOfRange { field, .. } => format!("field `{field}`: "),
                    SpecError::NoLayers | SpecError::TooManyLayers { .. } => {
                        "field `hidden`: ".to_string()
                    }
                };
                at(format!(
                    "{field}{e}. Change it in the notebook or with --set {index}.FIELD=VALUE"
                ))
            })?,
            CellSpec::Source { source } => {
                data::loads(index, source, overrides, base_dir)?;
            }
            CellSpec::LoadRun { run, .. } => {
                return Err(at(format!(
                    "it reads run `{run}` from a browser's storage, which the CLI cannot see. Replace it with the Train cell that made the run"
                )));
            }
            _ => jukebox_core::notebook::limits::check_cell(cell)
                .map_err(|e| at(format!("{e}; or change it with --set {index}.FIELD=VALUE")))?,
        }
    }
    Ok(())
}

/// A dataset or model the cell at `position` reads that no cell before it writes, in words.
fn unwritten_input(notebook: &Notebook, position: usize) -> Option<String> {
    let (datasets, models) = (
        notebook.names_before(position),
        notebook.models_before(position),
    );
    let listed = |names: &[String]| {
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    };
    notebook.cells[position]
        .spec
        .inputs()
        .into_iter()
        .find_map(|input| match input.strip_prefix("model:") {
            Some(model) if !models.iter().any(|m| m == model) => Some(format!(
                "it uses model `{model}`, which no Train cell before it makes (models before it: {}). Train it first or use one of those",
                listed(&models)
            )),
            None if !datasets.contains(&input) => Some(format!(
                "it reads dataset `{input}`, which no cell before it writes (datasets before it: {}). Use one of those, or move the cell after the one that writes it",
                listed(&datasets)
            )),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jukebox_core::notebook::starter;

    #[test]
    fn the_starter_passes() {
        check(&starter(), &[], None).unwrap();
    }

    #[test]
    fn a_cell_reading_what_nobody_wrote_is_named() {
        let mut notebook = starter();
        notebook.cells.swap(3, 5); // describe `charts` before the Prepare cell that writes it
        let error = check(&notebook, &[], None).unwrap_err().to_string();
        assert!(
            error.starts_with("cell 4 (Explore `charts`: describe): it reads dataset `charts`, which no cell before it writes"),
            "{error}"
        );
    }

    #[test]
    fn a_model_from_a_browser_run_cannot_run_here() {
        let mut notebook = starter();
        notebook.cells[1].spec = CellSpec::LoadRun {
            run: "run-1".into(),
            output: "old".into(),
        };
        let error = check(&notebook, &[], None).unwrap_err().to_string();
        assert!(
            error.contains("it reads run `run-1` from a browser's storage"),
            "{error}"
        );
    }

    #[test]
    fn out_of_range_settings_in_the_notebook_are_named_with_the_set_to_fix_them() {
        let mut notebook = starter();
        if let CellSpec::Train { spec, .. } = &mut notebook.cells[9].spec {
            spec.split.test_ratio = 0.0;
        }
        let error = check(&notebook, &[], None).unwrap_err().to_string();
        assert!(
            error.contains("cell 10 (Train `course_network`): field `test share`")
                && error.contains("test share 0 is outside 0 < share < 1"),
            "{error}"
        );
        assert!(error.contains("--set 10.FIELD=VALUE"), "{error}");
    }
}
