//! What a cell added to a notebook starts with: each kind's default settings, reading the
//! newest dataset (or model) above it, and the names the datasets it writes get; the name
//! of a dataset loaded from a file.

use super::{CellSpec, DEMO_PROPERTIES, Notebook, Source};
use crate::chart::ChartSpec;
use crate::contract::validate_cell::{ContractSource, ValidateSpec};
use crate::explain::explain_cell::{DEFAULT_BACKGROUND_ROWS, ExplainSpec};
use crate::explore::ExploreQuery;
use crate::monitor::drift::DriftTest;
use crate::monitor::drift_cell::{DEFAULT_ALPHA, DriftReference, DriftSpec};
use crate::monitor::fairness::{FairnessBounds, Favourable};
use crate::monitor::fairness_cell::FairnessSpec;
use crate::serving::DEFAULT_BASE_URL;
use crate::train::{EvalSplit, SongFeatures, TrainSpec};

/// The kinds of cell the add-cell bar offers, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewCell {
    Markdown,
    Source,
    Prepare,
    Explore,
    Chart,
    Train,
    Evaluate,
    Predict,
    LoadRun,
    Serve,
    Validate,
    Drift,
    Fairness,
    Explain,
}

/// A new data source's dataset name, until a URL or file names it.
pub const NEW_SOURCE_NAME: &str = "data";
/// The model a new Train cell writes, and the model a new Evaluate or Predict cell reads
/// when no Train cell is above it.
pub const NEW_MODEL_NAME: &str = "model";
/// The model a new "Model from run" cell writes.
pub const NEW_RUN_MODEL_NAME: &str = "saved_model";

/// `charts` → `charts_prepared`: the table a new Prepare cell on `input` writes.
pub fn prepared_name(input: &str) -> String {
    format!("{input}_prepared")
}

/// `Song Rankings (2).parquet` → `song_rankings_2`: a dataset name from a file name
/// (lower-case letters and digits, other runs of characters as one `_`; `data` when nothing
/// is left).
pub fn dataset_name_for(file_name: &str) -> String {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let mut name = String::new();
    for ch in stem.chars() {
        if ch.is_alphanumeric() {
            name.extend(ch.to_lowercase());
        } else if !name.ends_with('_') && !name.is_empty() {
            name.push('_');
        }
    }
    let name = name.trim_end_matches('_').to_string();
    if name.is_empty() {
        NEW_SOURCE_NAME.into()
    } else {
        name
    }
}

impl Notebook {
    /// The newest dataset written above cell `index` (empty when there is none): a sensible
    /// input for a new cell there.
    pub fn last_dataset(&self, index: usize) -> String {
        self.names_before(index).pop().unwrap_or_default()
    }

    /// The newest model trained above cell `index`, else [`NEW_MODEL_NAME`]: a new Evaluate,
    /// Predict or Serve cell's model.
    pub fn last_model(&self, index: usize) -> String {
        self.models_before(index)
            .pop()
            .unwrap_or_else(|| NEW_MODEL_NAME.into())
    }

    /// The table the newest Train cell above `index` learned from, else the first dataset
    /// there: what a new Validate cell checks the newest table against.
    pub fn training_table(&self, index: usize) -> String {
        self.cells
            .iter()
            .take(index)
            .rev()
            .find_map(|cell| match &cell.spec {
                CellSpec::Train { input, .. } => Some(input.clone()),
                _ => None,
            })
            .or_else(|| self.names_before(index).into_iter().next())
            .unwrap_or_default()
    }

    /// The settings a new cell of `kind` starts with when it reads what the cells above
    /// `index` wrote.
    pub fn new_cell(&self, kind: NewCell, index: usize) -> CellSpec {
        match kind {
            NewCell::Markdown => CellSpec::Markdown {
                text: "## Notes\nWrite what this step does and why.".into(),
            },
            NewCell::Source => CellSpec::Source {
                source: Source::Url {
                    name: NEW_SOURCE_NAME.into(),
                    url: String::new(),
                },
            },
            NewCell::Prepare => {
                let input = self.last_dataset(index);
                CellSpec::Prepare {
                    output: prepared_name(&input),
                    input,
                    steps: Vec::new(),
                }
            }
            NewCell::Explore => CellSpec::Explore {
                input: self.last_dataset(index),
                query: ExploreQuery::Preview {
                    offset: 0,
                    limit: 100,
                },
            },
            NewCell::Chart => CellSpec::Chart {
                input: self.last_dataset(index),
                chart: ChartSpec::Histogram {
                    column: "popularity".into(),
                    bins: 40,
                },
            },
            NewCell::Train => CellSpec::Train {
                input: self.last_dataset(index),
                spec: TrainSpec::default(),
                output: NEW_MODEL_NAME.into(),
            },
            NewCell::Evaluate => CellSpec::Evaluate {
                model: self.last_model(index),
                on: EvalSplit::Test,
            },
            NewCell::Predict => CellSpec::Predict {
                model: self.last_model(index),
                songs: DEMO_PROPERTIES.into(),
                label: String::new(),
                song: SongFeatures::new(),
            },
            NewCell::LoadRun => CellSpec::LoadRun {
                run: String::new(),
                output: NEW_RUN_MODEL_NAME.into(),
            },
            NewCell::Serve => {
                let model = self.last_model(index);
                CellSpec::Serve {
                    served_model: model.clone(),
                    model,
                    songs: DEMO_PROPERTIES.into(),
                    label: String::new(),
                    song: SongFeatures::new(),
                    base_url: DEFAULT_BASE_URL.into(),
                }
            }
            NewCell::Validate => CellSpec::Validate(ValidateSpec {
                input: self.last_dataset(index),
                against: ContractSource::Dataset {
                    name: self.training_table(index),
                },
            }),
            NewCell::Drift => CellSpec::Drift(DriftSpec {
                reference: DriftReference::Training {
                    model: self.last_model(index),
                },
                current: self.last_dataset(index),
                current_scaled: false,
                features: Vec::new(),
                test: DriftTest::MeanShift,
                alpha: DEFAULT_ALPHA,
            }),
            NewCell::Fairness => CellSpec::Fairness(FairnessSpec {
                model: self.last_model(index),
                on: EvalSplit::Test,
                attribute: "is_explicit".into(),
                privileged: 1.0,
                country: NEW_CELL_COUNTRY.into(),
                favourable: Favourable::TopClass,
                bounds: FairnessBounds::default(),
            }),
            NewCell::Explain => CellSpec::Explain(ExplainSpec {
                model: self.last_model(index),
                songs: DEMO_PROPERTIES.into(),
                label: String::new(),
                song: SongFeatures::new(),
                country: NEW_CELL_COUNTRY.into(),
                background_rows: DEFAULT_BACKGROUND_ROWS,
                seed: 42,
                target_probability: None,
                global: false,
            }),
        }
    }
}

/// The country a new Fairness or Explain cell looks at (the course's example).
pub const NEW_CELL_COUNTRY: &str = "FR";
