//! The engine: what the worker does with each request. It lives here, not in the worker
//! binary, so it is tested natively; the worker only moves messages, reads files and URLs
//! into bytes and reads the clock.
//!
//! Datasets are kept by name, each one table; a cell that writes a name replaces it. Trained
//! models are kept by name too, in their own namespace, with the parts they were scored on.
//! Each dataset also keeps its fingerprint and those of the sources it was made from, so a
//! training can say what data it read and a saved run can tell whether that data is back.

use std::collections::BTreeMap;

use polars_core::prelude::DataFrame;

use crate::demo::{DemoConfig, generate};
use crate::error::{JukeboxError, Result};
use crate::notebook::{DEMO_PROPERTIES, DEMO_RANKINGS};
use crate::onnx::OnnxOptions;
use crate::parallel::{Parallel, Serial};
use crate::protocol::{Request, RequestBody, Response, ResponseBody, SavedModel};
use crate::runs::fingerprint;
use crate::summary::{DatasetSummary, summarize_table};
use crate::train::job::{JobState, TrainingJob};
use crate::train::metrics::Evaluation;
use crate::train::plan::TrainingPlan;
use crate::train::songs;
use crate::train::{EvalSplit, Prediction, SongFeatures, TrainError, TrainReport, TrainSpec};

/// Name of the demo source in summaries.
pub const DEMO_DATASET: &str = "demo";

/// The datasets loaded or prepared so far, and the models trained, by name.
#[derive(Debug, Default)]
pub struct Engine {
    datasets: BTreeMap<String, DataFrame>,
    lineage: BTreeMap<String, Lineage>,
    models: BTreeMap<String, KeptModel>,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    /// The greeting the worker sends when it starts.
    pub fn ready() -> Response {
        Response::news(
            None,
            ResponseBody::Ready {
                engine_version: crate::APP_VERSION.to_string(),
            },
        )
    }

    /// Handles one request. `bytes` holds the file of a `LoadFile`, `LoadUrl` or
    /// `ReadArchive` request (the worker reads it); `now_ms` reads the host's clock
    /// (performance.now in a worker).
    pub fn handle(
        &mut self,
        request: Request,
        bytes: Option<&[u8]>,
        now_ms: &dyn Fn() -> f64,
    ) -> Response {
        let started = now_ms();
        let body = self
            .answer(request.body, bytes, now_ms)
            .unwrap_or_else(|error| ResponseBody::Failed {
                message: error.to_string(),
            });
        Response::reply(request.id, now_ms() - started, body)
    }

    fn answer(
        &mut self,
        body: RequestBody,
        bytes: Option<&[u8]>,
        now_ms: &dyn Fn() -> f64,
    ) -> Result<ResponseBody> {
        crate::notebook::limits::check_request(&body)?;
        match body {
            RequestBody::LoadDemo { config } => Ok(loaded(self.load_demo(&config)?)),
            RequestBody::LoadFile { name, file_name } => {
                let origin = format!("file {file_name}");
                Ok(loaded(self.load_bytes(&name, &file_name, origin, bytes)?))
            }
            RequestBody::LoadUrl { name, url } => {
                let file_name = file_name_of_url(&url);
                Ok(loaded(self.load_bytes(
                    &name,
                    file_name,
                    url.clone(),
                    bytes,
                )?))
            }
            RequestBody::Prepare {
                input,
                steps,
                output,
            } => {
                let df = self.dataset(&input)?.clone();
                let prepared = crate::prepare::apply_steps(&steps, df, &self.datasets)?;
                let lineage = self.prepared_lineage(&output, &input, &steps, &prepared);
                Ok(loaded(self.keep(&output, prepared, lineage)))
            }
            RequestBody::Explore { input, query } => Ok(ResponseBody::Explored {
                output: crate::explore::run(&query, self.dataset(&input)?)?,
            }),
            RequestBody::Chart { input, chart } => Ok(ResponseBody::Charted {
                chart: crate::chart::compute(&chart, self.dataset(&input)?)?,
            }),
            RequestBody::Train {
                input,
                spec,
                output,
                restore,
            } => match self.begin_training(&input, spec, &output, restore.as_deref())? {
                TrainingStart::Restored(body) => Ok(*body),
                TrainingStart::Started(mut job) => {
                    // Natively nobody waits between steps: run to the end.
                    while let JobState::Running(_) = job.step(&mut || true)? {}
                    Ok(self.finish_training(&output, *job, false))
                }
            },
            RequestBody::Evaluate { model, on } => Ok(ResponseBody::Evaluated {
                evaluation: self.evaluate(&model, on)?,
            }),
            RequestBody::Predict { model, song } => Ok(ResponseBody::Predicted {
                prediction: self.predict(&model, &song)?,
            }),
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
                Ok(ResponseBody::Songs { hits })
            }
            RequestBody::Drift(spec) => Ok(ResponseBody::Drifted {
                output: Box::new(self.drift(&spec)?),
            }),
            RequestBody::Validate(spec) => Ok(ResponseBody::Validated {
                output: Box::new(self.validate_table(&spec)?),
            }),
            RequestBody::Fairness(spec) => Ok(ResponseBody::FairnessMeasured {
                output: Box::new(self.fairness(&spec)?),
            }),
            RequestBody::Explain(spec) => Ok(ResponseBody::Explained {
                output: Box::new(self.explain(&spec, &mut |_, _| true)?),
            }),
            RequestBody::LoadModel { name, saved } => {
                Ok(restored(self.load_model(&name, &saved)?, saved.run_id))
            }
            RequestBody::ExportOnnx {
                report,
                model,
                options,
            } => Ok(ResponseBody::Exported {
                onnx: export_onnx(*report, &model, options)?,
            }),
            RequestBody::ScoreSong { model, song } => {
                let score = self.score_song(&model, &song)?;
                Ok(ResponseBody::SongScored {
                    features: score.features,
                    scaled: score.scaled,
                    classes: score.classes,
                    probabilities: score.probabilities,
                })
            }
            // Trainings run to the end inside `handle`; the worker stops them itself.
            RequestBody::Cancel { id } => Err(JukeboxError::NothingToCancel { id }),
            RequestBody::PlanTraining { input, spec } => Ok(ResponseBody::TrainingPlanned {
                plan: self.plan_training(&input, &spec, now_ms)?,
            }),
            RequestBody::ReadArchive { file_name } => read_archive(file_name, bytes),
        }
    }

    /// The one way a `Train` request starts, natively and in the worker: the saved run's
    /// model installed when `restore` still matches the settings and the data, else a new
    /// training of `spec` on dataset `input`, to be kept as model `output`. The caller steps
    /// a started job (to the end, or between messages with a cancel), then calls
    /// [`Engine::finish_training`].
    pub fn begin_training(
        &mut self,
        input: &str,
        spec: TrainSpec,
        output: &str,
        restore: Option<&SavedModel>,
    ) -> Result<TrainingStart> {
        if let Some(saved) = restore
            && let Some(report) = self.restore_training(input, &spec, output, saved)?
        {
            let body = restored(report, saved.run_id.clone());
            return Ok(TrainingStart::Restored(Box::new(body)));
        }
        let job = self.start_training(input, spec, output)?;
        Ok(TrainingStart::Started(Box::new(job)))
    }

    /// Prepares a training of `spec` on dataset `input`, to be kept as model `output`; the
    /// worker steps it between messages, then calls [`Engine::finish_training`].
    pub fn start_training(
        &self,
        input: &str,
        spec: TrainSpec,
        output: &str,
    ) -> Result<TrainingJob> {
        let spec = spec.check().map_err(TrainError::from)?;
        let df = self.dataset(input)?;
        Ok(TrainingJob::start(output, spec, df)?.with_datasets(self.datasets_of(input)))
    }

    /// Ends `job` (finished, or `cancelled` with the model as it is), keeps the model as
    /// `output` and answers `Trained` with what the page needs to record the run (or
    /// `Failed`).
    pub fn finish_training(
        &mut self,
        output: &str,
        job: TrainingJob,
        cancelled: bool,
    ) -> ResponseBody {
        self.finish_training_on(output, job, cancelled, &Serial)
    }

    /// As [`Engine::finish_training`], the final scoring split over `parallel` (the CLI's
    /// cores; the same numbers).
    pub fn finish_training_on(
        &mut self,
        output: &str,
        job: TrainingJob,
        cancelled: bool,
        parallel: &dyn Parallel,
    ) -> ResponseBody {
        let datasets = job.datasets().to_vec();
        match job.finish_on(cancelled, parallel) {
            Ok(run) => {
                let report: TrainReport = run.model.report.clone();
                let artifacts = saved::artifacts(output, &run, datasets);
                self.models
                    .insert(output.to_string(), KeptModel::with_data(run));
                ResponseBody::Trained {
                    report,
                    artifacts: Some(Box::new(artifacts)),
                    restored_from: None,
                }
            }
            Err(error) => ResponseBody::Failed {
                message: JukeboxError::from(error).to_string(),
            },
        }
    }

    fn model(&self, name: &str) -> Result<&KeptModel> {
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

    /// What training `spec` on `input` would do and how long it would take here.
    pub fn plan_training(
        &self,
        input: &str,
        spec: &TrainSpec,
        now_ms: &dyn Fn() -> f64,
    ) -> Result<TrainingPlan> {
        spec.check().map_err(TrainError::from)?;
        Ok(crate::train::plan::plan(
            spec,
            self.dataset(input)?,
            now_ms,
        )?)
    }

    fn evaluate(&self, name: &str, on: EvalSplit) -> Result<Evaluation> {
        self.model(name)?.evaluate(name, on)
    }

    fn predict(&self, name: &str, song: &SongFeatures) -> Result<Prediction> {
        let mut prediction = self.model(name)?.run.model.predict_song(song)?;
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
            let lineage = Lineage {
                fingerprint: fingerprint::demo(name, config, &df),
                sources: Vec::new(),
            };
            self.lineage.insert(name.to_string(), lineage);
            self.datasets.insert(name.to_string(), df);
        }
        Ok(summary)
    }

    fn load_bytes(
        &mut self,
        name: &str,
        file_name: &str,
        origin: String,
        bytes: Option<&[u8]>,
    ) -> Result<DatasetSummary> {
        let bytes = bytes.ok_or_else(|| JukeboxError::MissingBytes {
            file: file_name.to_string(),
        })?;
        let df = crate::io::read_table(file_name, bytes)?;
        let lineage = Lineage {
            fingerprint: fingerprint::of_bytes(name, origin, bytes, &df),
            sources: Vec::new(),
        };
        Ok(self.keep(name, df, lineage))
    }

    fn keep(&mut self, name: &str, df: DataFrame, lineage: Lineage) -> DatasetSummary {
        let summary = DatasetSummary {
            name: name.to_string(),
            tables: vec![summarize_table(name, &df)],
        };
        self.datasets.insert(name.to_string(), df);
        self.lineage.insert(name.to_string(), lineage);
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

    /// The data contract of dataset `name` as it is now: its profile, versioned by its
    /// fingerprint (see [`crate::contract`]).
    ///
    /// # Errors
    /// When no dataset has that name.
    pub fn contract_of(&self, name: &str) -> Result<crate::contract::DataContract> {
        let df = self.dataset(name)?;
        let version = self
            .lineage
            .get(name)
            .map_or_else(String::new, |l| l.fingerprint.sha256.clone());
        Ok(crate::contract::profile::profile(df, name, &version))
    }

    /// Names of the loaded datasets.
    pub fn dataset_names(&self) -> Vec<&str> {
        self.datasets.keys().map(String::as_str).collect()
    }
}

/// How a `Train` request begins (see [`Engine::begin_training`]).
#[derive(Debug)]
pub enum TrainingStart {
    /// A saved run's model was installed: the reply, nothing to train.
    Restored(Box<ResponseBody>),
    /// A training to step, then to finish with [`Engine::finish_training`].
    Started(Box<TrainingJob>),
}

/// The reply to a load or a Prepare cell.
fn loaded(summary: DatasetSummary) -> ResponseBody {
    ResponseBody::Loaded { summary }
}

/// The reply when a saved run's model is installed instead of training.
fn restored(report: TrainReport, run_id: String) -> ResponseBody {
    ResponseBody::Trained {
        report,
        artifacts: None,
        restored_from: Some(run_id),
    }
}

/// The export file `file_name` (its `bytes`) read and checked as an import writes it.
fn read_archive(file_name: String, bytes: Option<&[u8]>) -> Result<ResponseBody> {
    let bytes = bytes.ok_or(JukeboxError::MissingBytes { file: file_name })?;
    Ok(ResponseBody::ArchiveRead {
        archive: Box::new(crate::archive::for_import(bytes)?),
    })
}

/// A saved run's model (`report` and its `JBXM` bytes) as ONNX bytes.
fn export_onnx(report: TrainReport, bytes: &[u8], options: OnnxOptions) -> Result<Vec<u8>> {
    let name = report.model.clone();
    let model =
        crate::train::codec::decode(bytes, report).map_err(|source| JukeboxError::ExportModel {
            model: name.clone(),
            source,
        })?;
    crate::onnx::export(&model, &options).map_err(|source| JukeboxError::Onnx {
        model: name,
        source,
    })
}

/// `https://host/dir/song_rankings.parquet?x=1` → `song_rankings.parquet`.
pub fn file_name_of_url(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(path)
}

pub mod drift;
mod explain;
mod fairness;
mod lineage;
mod saved;
mod score;
mod validate;

use lineage::Lineage;

use saved::KeptModel;

#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod monitor_tests;
#[cfg(test)]
mod onnx_tests;
#[cfg(test)]
mod saved_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod train_tests;
#[cfg(test)]
mod validate_tests;
