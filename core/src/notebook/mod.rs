//! The notebook: an ordered list of typed cells, each reading and writing datasets by name.
//! A cell's inputs are the names it reads, its outputs the names it writes; when a cell
//! changes, it and every later cell that depends on it (transitively) run again.
//! The notebook is plain data (serde), so it can be saved, shared and run headless.

mod course;

use serde::{Deserialize, Serialize};

use crate::chart::ChartSpec;
use crate::demo::DemoConfig;
use crate::explore::ExploreQuery;
use crate::prepare::PrepareStep;

pub use course::{DEMO_PROPERTIES, DEMO_RANKINGS, course_exploration};

/// Version of the notebook's stored form; bumped when it changes incompatibly.
pub const NOTEBOOK_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notebook {
    pub version: u32,
    pub title: String,
    pub cells: Vec<Cell>,
}

/// A cell: a stable id (for the UI and run records) and what it does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub id: u64,
    pub spec: CellSpec,
}

/// Where a data source cell's table comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Source {
    /// The built-in demo: two datasets, [`DEMO_PROPERTIES`] and [`DEMO_RANKINGS`].
    Demo { config: DemoConfig },
    /// A file the user picked or dropped; `file_name` is shown, the bytes stay in the tab.
    File { name: String, file_name: String },
    /// A file fetched from `url`.
    Url { name: String, url: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "cell", rename_all = "snake_case")]
pub enum CellSpec {
    Source {
        source: Source,
    },
    Prepare {
        input: String,
        steps: Vec<PrepareStep>,
        output: String,
    },
    Explore {
        input: String,
        query: ExploreQuery,
    },
    Chart {
        input: String,
        chart: ChartSpec,
    },
}

impl CellSpec {
    /// The kind, as the UI names it.
    pub fn kind(&self) -> &'static str {
        match self {
            CellSpec::Source { .. } => "Data source",
            CellSpec::Prepare { .. } => "Prepare",
            CellSpec::Explore { .. } => "Explore",
            CellSpec::Chart { .. } => "Chart",
        }
    }

    /// Datasets this cell reads.
    pub fn inputs(&self) -> Vec<String> {
        match self {
            CellSpec::Source { .. } => Vec::new(),
            CellSpec::Prepare { input, steps, .. } => {
                let mut names = vec![input.clone()];
                for step in steps {
                    match step {
                        PrepareStep::Join { right, .. } => names.push(right.clone()),
                        PrepareStep::CourseMerge { properties } => names.push(properties.clone()),
                        _ => {}
                    }
                }
                names
            }
            CellSpec::Explore { input, .. } | CellSpec::Chart { input, .. } => vec![input.clone()],
        }
    }

    /// Datasets this cell writes.
    pub fn outputs(&self) -> Vec<String> {
        match self {
            CellSpec::Source { source } => match source {
                Source::Demo { .. } => vec![DEMO_PROPERTIES.into(), DEMO_RANKINGS.into()],
                Source::File { name, .. } | Source::Url { name, .. } => vec![name.clone()],
            },
            CellSpec::Prepare { output, .. } => vec![output.clone()],
            CellSpec::Explore { .. } | CellSpec::Chart { .. } => Vec::new(),
        }
    }
}

impl Notebook {
    /// Indices of the cells to run when cell `changed` changes: itself, then every later
    /// cell reading a dataset that one of those writes, in notebook order.
    pub fn affected_by(&self, changed: usize) -> Vec<usize> {
        let Some(first) = self.cells.get(changed) else {
            return Vec::new();
        };
        let mut dirty: Vec<String> = first.spec.outputs();
        let mut affected = vec![changed];
        for (index, cell) in self.cells.iter().enumerate().skip(changed + 1) {
            if cell.spec.inputs().iter().any(|name| dirty.contains(name)) {
                affected.push(index);
                dirty.extend(cell.spec.outputs());
            }
        }
        affected
    }

    /// Datasets written by cells before `index`, in order, without repeats: what the cell at
    /// `index` may read.
    pub fn names_before(&self, index: usize) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for cell in self.cells.iter().take(index) {
            for name in cell.spec.outputs() {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// The next free cell id.
    pub fn next_id(&self) -> u64 {
        self.cells
            .iter()
            .map(|c| c.id)
            .max()
            .map_or(1, |max| max + 1)
    }
}

#[cfg(test)]
mod tests;
