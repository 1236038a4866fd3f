//! The notebook: an ordered list of typed cells, each reading and writing datasets by name.
//! A cell's inputs are the names it reads, its outputs the names it writes; when a cell
//! changes, it and every later cell that depends on it (transitively) run again.
//! The notebook is plain data (serde), so it can be saved, shared and run headless.
//! `new_cell`: what an added cell starts with, and how datasets are named.

pub mod command_search;
mod course;
pub mod file;
pub mod history;
pub mod labels;
pub mod limits;
mod new_cell;
pub mod trust;

use serde::{Deserialize, Serialize};

use crate::chart::ChartSpec;
use crate::contract::validate_cell::{ContractSource, ValidateSpec};
use crate::demo::DemoConfig;
use crate::explain::explain_cell::ExplainSpec;
use crate::explore::ExploreQuery;
use crate::monitor::drift_cell::{DriftReference, DriftSpec};
use crate::monitor::fairness_cell::FairnessSpec;
use crate::prepare::PrepareStep;
use crate::train::{EvalSplit, SongFeatures, TrainSpec};

pub use course::{DEMO_PROPERTIES, DEMO_RANKINGS, STARTER_TITLE, course_exploration, starter};
pub use new_cell::{
    NEW_MODEL_NAME, NEW_RUN_MODEL_NAME, NEW_SOURCE_NAME, NewCell, dataset_name_for, prepared_name,
};

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
    /// Shown folded to its toolbar (editor and output hidden).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub collapsed: bool,
}

impl Cell {
    pub fn new(id: u64, spec: CellSpec) -> Self {
        Self {
            id,
            spec,
            collapsed: false,
        }
    }
}

/// Where a data source cell's table comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Source {
    /// The built-in demo: two datasets, [`DEMO_PROPERTIES`] and [`DEMO_RANKINGS`].
    Demo { config: DemoConfig },
    /// A file the user picked or dropped; `file_name` is shown. The bytes are kept in the
    /// browser by content hash (`sha256`, hex; `size` in bytes), so a reload finds them; a
    /// shared link carries only these three, and the recipient is asked for the file.
    File {
        name: String,
        file_name: String,
        #[serde(default)]
        size: u64,
        #[serde(default)]
        sha256: String,
    },
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
    /// Trains a model on `input`, kept as `output` (a model name, not a dataset).
    Train {
        input: String,
        spec: TrainSpec,
        output: String,
    },
    /// Scores model `model` on a part of its split.
    Evaluate {
        model: String,
        on: EvalSplit,
    },
    /// "Which countries will like my song?": model `model` scores `song` (raw feature
    /// values); `songs` is the dataset searched for songs, `label` names the song shown.
    Predict {
        model: String,
        songs: String,
        label: String,
        song: SongFeatures,
    },
    /// Narrative between steps: `CommonMark`, rendered with raw HTML removed.
    Markdown {
        text: String,
    },
    /// A saved run's model (from the browser's storage), kept as model `output`.
    LoadRun {
        run: String,
        output: String,
    },
    /// Calls a served model over the Open Inference Protocol (`KServe` v2) at `base_url`
    /// (`served_model` its name) with `song`'s inputs as model `model` scales them, and
    /// compares the answer with `model`'s own probabilities. `songs`/`label` as in Predict.
    Serve {
        model: String,
        songs: String,
        label: String,
        song: SongFeatures,
        base_url: String,
        served_model: String,
    },
    /// A table checked against a data contract (another table's profile or a contract
    /// file): TFDV-named anomalies; the CLI stops at a failed check.
    Validate(ValidateSpec),
    /// Data drift between a reference (a model's training rows or a dataset) and a current
    /// dataset, per feature; alerts when the chosen test finds drift.
    Drift(DriftSpec),
    /// Statistical parity and disparate impact of a model's predictions across a protected
    /// attribute; alerts outside the bounds.
    Fairness(FairnessSpec),
    /// Why the model gives a song its probability for a country: SHAP values, global
    /// importance and a counterfactual.
    Explain(ExplainSpec),
}

/// The song a Predict, Serve or Explain cell scores: its model, the dataset songs are
/// searched in, the song's label and its feature values.
pub struct SongChoice<'a> {
    pub model: &'a mut String,
    pub songs: &'a mut String,
    pub label: &'a mut String,
    pub song: &'a mut SongFeatures,
}

impl CellSpec {
    /// The song this cell scores, for the editors they share; `None` for other kinds.
    pub fn song_choice(&mut self) -> Option<SongChoice<'_>> {
        match self {
            CellSpec::Predict {
                model,
                songs,
                label,
                song,
            }
            | CellSpec::Serve {
                model,
                songs,
                label,
                song,
                ..
            }
            | CellSpec::Explain(ExplainSpec {
                model,
                songs,
                label,
                song,
                ..
            }) => Some(SongChoice {
                model,
                songs,
                label,
                song,
            }),
            _ => None,
        }
    }

    /// The kind, as the UI names it.
    pub fn kind(&self) -> &'static str {
        match self {
            CellSpec::Source { .. } => "Data source",
            CellSpec::Prepare { .. } => "Prepare",
            CellSpec::Explore { .. } => "Explore",
            CellSpec::Chart { .. } => "Chart",
            CellSpec::Train { .. } => "Train",
            CellSpec::Evaluate { .. } => "Evaluate",
            CellSpec::Predict { .. } => "Predict",
            CellSpec::Markdown { .. } => "Markdown",
            CellSpec::LoadRun { .. } => "Model from run",
            CellSpec::Serve { .. } => "Served model",
            CellSpec::Validate(_) => "Validate",
            CellSpec::Drift(_) => "Drift",
            CellSpec::Fairness(_) => "Fairness",
            CellSpec::Explain(_) => "Explain",
        }
    }

    /// Datasets this cell reads.
    pub fn inputs(&self) -> Vec<String> {
        match self {
            CellSpec::Source { .. } | CellSpec::Markdown { .. } | CellSpec::LoadRun { .. } => {
                Vec::new()
            }
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
            CellSpec::Explore { input, .. }
            | CellSpec::Chart { input, .. }
            | CellSpec::Train { input, .. } => vec![input.clone()],
            CellSpec::Evaluate { model, .. } => vec![model_key(model)],
            CellSpec::Predict { model, songs, .. } | CellSpec::Serve { model, songs, .. } => {
                vec![model_key(model), songs.clone()]
            }
            CellSpec::Validate(validate) => match &validate.against {
                ContractSource::Dataset { name } => vec![validate.input.clone(), name.clone()],
                ContractSource::File { .. } => vec![validate.input.clone()],
            },
            CellSpec::Drift(drift) => {
                let reference = match &drift.reference {
                    DriftReference::Training { model } => model_key(model),
                    DriftReference::Dataset { name } => name.clone(),
                };
                vec![reference, drift.current.clone()]
            }
            CellSpec::Fairness(fairness) => vec![model_key(&fairness.model)],
            CellSpec::Explain(explain) => vec![model_key(&explain.model), explain.songs.clone()],
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
            CellSpec::Train { output, .. } | CellSpec::LoadRun { output, .. } => {
                vec![model_key(output)]
            }
            CellSpec::Explore { .. }
            | CellSpec::Chart { .. }
            | CellSpec::Evaluate { .. }
            | CellSpec::Predict { .. }
            | CellSpec::Serve { .. }
            | CellSpec::Validate(_)
            | CellSpec::Drift(_)
            | CellSpec::Fairness(_)
            | CellSpec::Explain(_)
            | CellSpec::Markdown { .. } => Vec::new(),
        }
    }
}

/// Models and datasets live in separate namespaces; in the dependency lists a model is
/// `model:<name>`, which no dataset name can be (dataset names have no `:`).
pub const MODEL_PREFIX: &str = "model:";

fn model_key(name: &str) -> String {
    format!("{MODEL_PREFIX}{name}")
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
        self.outputs_before(index)
            .into_iter()
            .filter(|name| !name.starts_with(MODEL_PREFIX))
            .collect()
    }

    /// Models trained by cells before `index`, in order, without repeats.
    pub fn models_before(&self, index: usize) -> Vec<String> {
        self.outputs_before(index)
            .into_iter()
            .filter_map(|name| name.strip_prefix(MODEL_PREFIX).map(str::to_string))
            .collect()
    }

    fn outputs_before(&self, index: usize) -> Vec<String> {
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
