//! Checks before anything runs, so a CI job fails in a second, not after a training: every
//! Train cell's settings in range, data for every Data source, no cell the CLI cannot run.

use jukebox_core::notebook::{CellSpec, Notebook};
use jukebox_core::train::TrainError;

use crate::cells::label;
use crate::data::{self, DataOverride};
use crate::error::{CliError, Result};

/// `Ok` when the notebook can run with these inputs; else the first problem, at its cell.
pub fn check(
    notebook: &Notebook,
    overrides: &[DataOverride],
    base_dir: Option<&std::path::Path>,
) -> Result<()> {
    data::check(notebook, overrides)?;
    for (position, cell) in notebook.cells.iter().enumerate() {
        let index = position + 1;
        let at = |problem: String| CliError::Cell {
            index,
            label: label(&cell.spec),
            problem,
        };
        match &cell.spec {
            CellSpec::Train { spec, .. } => spec.check().map_err(|e| {
                let field = match &e {
                    TrainError::BadParameter { field, .. } => format!("field `{field}`: "),
                    _ => String::new(),
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
            _ => {}
        }
    }
    Ok(())
}
