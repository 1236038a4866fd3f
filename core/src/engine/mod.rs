//! The engine: what the worker does with each request. It lives here, not in the worker
//! binary, so it is tested natively; the worker only moves messages, reads files and URLs
//! into bytes and reads the clock.
//!
//! Datasets are kept by name, each one table; a cell that writes a name replaces it. Trained
//! models are kept by name too, in their own namespace, with the parts they were scored on.

use std::collections::BTreeMap;

use polars_core::prelude::DataFrame;

use crate::demo::{DemoConfig, generate};
use crate::error::{JukeboxError, Result};
use crate::notebook::{DEMO_PROPERTIES, DEMO_RANKINGS};
use crate::protocol::{Request, RequestBody, Response, ResponseBody};
use crate::summary::{DatasetSummary, summarize_table};
use crate::train::job::{JobState, TrainedRun, TrainingJob};
use crate::train::metrics::Evaluation;
use crate::train::songs::{self, SongHit};
use crate::train::{EvalSplit, Prediction, SongFeatures, TrainError, TrainReport, TrainSpec};

/// Name of the demo source in summaries.
pub const DEMO_DATASET: &str = "demo";

/// The datasets loaded or prepared so far, and the models trained, by name.
#[derive(Debug, Default)]
pub struct Engine {
    datasets: BTreeMap<String, DataFrame>,
    models: BTreeMap<String, TrainedRun>,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    /// The greeting the worker sends when it starts.
    pub fn ready() -> Response {
        Response {
            id: None,
            body: ResponseBody::Ready {
                engine_version: crate::APP_VERSION.to_string(),
            },
        }
    }

    /// Handles one request. `bytes` holds the file of a `LoadFile`/`LoadUrl` request (the
    /// worker reads it); `now_ms` reads the host's clock (performance.now in a worker).
    pub fn handle(
        &mut self,
        request: Request,
        bytes: Option<&[u8]>,
        now_ms: &dyn Fn() -> f64,
    ) -> Response {
        let started = now_ms();
        let body = match self.answer(request.body, bytes) {
            Ok(Answer::Loaded(summary)) => ResponseBody::Loaded {
                summary,
                elapsed_ms: now_ms() - started,
            },
            Ok(Answer::Explored(output)) => ResponseBody::Explored {
                output,
                elapsed_ms: now_ms() - started,
            },
            Ok(Answer::Charted(chart)) => ResponseBody::Charted {
                chart,
                elapsed_ms: now_ms() - started,
            },
            Ok(Answer::Trained { output, job }) => {
                self.finish_training(&output, *job, false, now_ms() - started)
            }
            Ok(Answer::Evaluated(evaluation)) => ResponseBody::Evaluated {
                evaluation: *evaluation,
                elapsed_ms: now_ms() - started,
            },
            Ok(Answer::Predicted(prediction)) => ResponseBody::Predicted {
                prediction,
                elapsed_ms: now_ms() - started,
            },
            Ok(Answer::Songs(hits)) => ResponseBody::Songs { hits },
            Err(error) => ResponseBody::Failed {
                message: error.to_string(),
            },
        };
        Response {
            id: Some(request.id),
            body,
        }
    }

    fn answer(&mut self, body: RequestBody, bytes: Option<&[u8]>) -> Result<Answer> {
        match body {
            RequestBody::LoadDemo { config } => self.load_demo(&config).map(Answer::Loaded),
            RequestBody::LoadFile { name, file_name } => self
                .load_bytes(&name, &file_name, bytes)
                .map(Answer::Loaded),
            RequestBody::LoadUrl { name, url } => self
                .load_bytes(&name, file_name_of_url(&url), bytes)
                .map(Answer::Loaded),
            RequestBody::Prepare {
                input,
                steps,
                output,
            } => {
                let df = self.dataset(&input)?.clone();
                let prepared = crate::prepare::apply_steps(&steps, df, &self.datasets)?;
                Ok(Answer::Loaded(self.keep(&output, prepared)))
            }
            RequestBody::Explore { input, query } => {
                let df = self.dataset(&input)?;
                Ok(Answer::Explored(crate::explore::run(&query, df)?))
            }
            RequestBody::Chart { input, chart } => {
                let df = self.dataset(&input)?;
                Ok(Answer::Charted(crate::chart::compute(&chart, df)?))
            }
            RequestBody::Train {
                input,
                spec,
                output,
                ..
            } => {
                let mut job = self.start_training(&input, spec, &output)?;
                // Natively nobody waits between steps: run to the end.
                while let JobState::Running(_) = job.step(&mut || true)? {}
                Ok(Answer::Trained {
                    output,
                    job: Box::new(job),
                })
            }
            RequestBody::Evaluate { model, on } => {
                Ok(Answer::Evaluated(Box::new(self.evaluate(&model, on)?)))
            }
            RequestBody::Predict { model, song } => {
                Ok(Answer::Predicted(self.predict(&model, &song)?))
            }
            RequestBody::SearchSongs {
                input,
                query,
                limit,
            } => {
                let df = self.dataset(&input)?;
                let hits = if query.trim().is_empty() {
                    songs::presets(Some(df))
                } else {
                    songs::search(df, &query, limit)?
                };
                Ok(Answer::Songs(hits))
            }
            RequestBody::LoadModel { .. } => todo!("contract: installing a saved model"),
            // Trainings run to the end inside `handle`; the worker stops them itself.
            RequestBody::Cancel { id } => Err(JukeboxError::NothingToCancel { id }),
        }
    }

    /// Prepares a training of `spec` on dataset `input`, to be kept as model `output`; the
    /// worker steps it between messages, then calls [`Engine::finish_training`].
    pub fn start_training(
        &self,
        input: &str,
        spec: TrainSpec,
        output: &str,
    ) -> Result<TrainingJob> {
        let df = self.dataset(input)?;
        Ok(TrainingJob::start(output, spec, df)?)
    }

    /// Ends `job` (finished, or `cancelled` with the model as it is), keeps the model as
    /// `output` and answers `Trained` (or `Failed`).
    pub fn finish_training(
        &mut self,
        output: &str,
        job: TrainingJob,
        cancelled: bool,
        elapsed_ms: f64,
    ) -> ResponseBody {
        match job.finish(cancelled) {
            Ok(run) => {
                let report: TrainReport = run.model.report.clone();
                self.models.insert(output.to_string(), run);
                ResponseBody::Trained {
                    report,
                    elapsed_ms,
                    artifacts: None,
                    restored_from: None,
                }
            }
            Err(error) => ResponseBody::Failed {
                message: JukeboxError::from(error).to_string(),
            },
        }
    }

    fn model(&self, name: &str) -> Result<&TrainedRun> {
        self.models.get(name).ok_or_else(|| {
            let trained: Vec<String> = self.models.keys().map(|k| format!("`{k}`")).collect();
            JukeboxError::Train(TrainError::UnknownModel {
                name: name.to_string(),
                available: if trained.is_empty() {
                    "none yet".to_string()
                } else {
                    trained.join(", ")
                },
            })
        })
    }

    fn evaluate(&self, name: &str, on: EvalSplit) -> Result<Evaluation> {
        let run = self.model(name)?;
        let (x, y) = match on {
            EvalSplit::Test => &run.test,
            EvalSplit::Validation => &run.validation,
            EvalSplit::Train => &run.train,
        };
        let proba = run.model.predict_proba_scaled(x)?;
        let report = &run.model.report;
        let mut evaluation =
            crate::train::metrics::evaluate(y, &proba, &report.classes, run.majority_class);
        evaluation.model = name.to_string();
        evaluation.split = on;
        evaluation.history.clone_from(&report.history);
        Ok(evaluation)
    }

    fn predict(&self, name: &str, song: &SongFeatures) -> Result<Prediction> {
        let mut prediction = self.model(name)?.model.predict_song(song)?;
        prediction.model = name.to_string();
        Ok(prediction)
    }

    /// Names of the trained models.
    pub fn model_names(&self) -> Vec<&str> {
        self.models.keys().map(String::as_str).collect()
    }

    fn load_demo(&mut self, config: &DemoConfig) -> Result<DatasetSummary> {
        let tables = generate(config)?;
        let tables = [
            (DEMO_PROPERTIES, tables.song_properties),
            (DEMO_RANKINGS, tables.song_rankings),
        ];
        let summary = DatasetSummary {
            name: DEMO_DATASET.to_string(),
            tables: tables
                .iter()
                .map(|(name, df)| summarize_table(name, df))
                .collect(),
        };
        for (name, df) in tables {
            self.datasets.insert(name.to_string(), df);
        }
        Ok(summary)
    }

    fn load_bytes(
        &mut self,
        name: &str,
        file_name: &str,
        bytes: Option<&[u8]>,
    ) -> Result<DatasetSummary> {
        let bytes = bytes.ok_or_else(|| JukeboxError::MissingBytes {
            file: file_name.to_string(),
        })?;
        let df = crate::io::read_table(file_name, bytes)?;
        Ok(self.keep(name, df))
    }

    fn keep(&mut self, name: &str, df: DataFrame) -> DatasetSummary {
        let summary = DatasetSummary {
            name: name.to_string(),
            tables: vec![summarize_table(name, &df)],
        };
        self.datasets.insert(name.to_string(), df);
        summary
    }

    fn dataset(&self, name: &str) -> Result<&DataFrame> {
        self.datasets
            .get(name)
            .ok_or_else(|| JukeboxError::UnknownDataset {
                name: name.to_string(),
                available: self.dataset_names().join(", "),
            })
    }

    /// Names of the loaded datasets.
    pub fn dataset_names(&self) -> Vec<&str> {
        self.datasets.keys().map(String::as_str).collect()
    }
}

/// What a request produced, before timing.
enum Answer {
    Loaded(DatasetSummary),
    Explored(crate::explore::ExploreOutput),
    Charted(crate::chart::Chart),
    /// A training run to its end, to be finished (and timed) by `handle`.
    Trained {
        output: String,
        job: Box<TrainingJob>,
    },
    Evaluated(Box<Evaluation>),
    Predicted(Prediction),
    Songs(Vec<SongHit>),
}

/// `https://host/dir/song_rankings.parquet?x=1` → `song_rankings.parquet`.
pub fn file_name_of_url(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(path)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod train_tests;
