//! One training from spec to report, done in steps: extract, split, scale, then batches (or
//! trees) until done or cancelled.

use polars_core::prelude::DataFrame;

use super::classic::ClassicTrainer;
use super::error::TrainError;
use super::model::{ModelKind, TrainedModel, accuracy, log_loss};
use super::network::NetworkTrainer;
use super::prepared::PreparedData;
use super::scaler::Scaler;
use super::{
    CheckedSpec, EpochRecord, Matrix, ModelSpec, SplitSizes, TrainProgress, TrainReport, TrainSpec,
};
use crate::parallel::{Parallel, Serial};
use crate::runs::DatasetFingerprint;

/// Batches a network trains between two looks at `keep_going` (a few milliseconds' work).
const NETWORK_CHUNK: usize = 16;

pub use super::prepared::TRAIN_EVAL_ROWS;

pub use super::SCORING_UNIT;

/// A training in progress; owns its data so the worker can await between steps.
#[derive(Debug)]
pub struct TrainingJob {
    name: String,
    spec: TrainSpec,
    classes: Vec<String>,
    sizes: SplitSizes,
    scaler: Scaler,
    trainer: Trainer,
    train_sample: (Matrix, Vec<u32>),
    validation: (Matrix, Vec<u32>),
    test: (Matrix, Vec<u32>),
    majority_class: u32,
    train_seen: Vec<bool>,
    datasets: Vec<DatasetFingerprint>,
}

#[derive(Debug)]
enum Trainer {
    // Boxed: the trainer holds its buffers inline and the variants differ much in size.
    Network(Box<NetworkTrainer>),
    Classic(Box<ClassicTrainer>),
}

/// Where a job is after a step.
#[derive(Debug)]
pub enum JobState {
    Running(TrainProgress),
    Done,
}

/// A finished training: the model and the parts it did not train on, for evaluation.
#[derive(Debug)]
pub struct TrainedRun {
    pub model: TrainedModel,
    /// The training rows (scaled), or a seeded sample of [`TRAIN_EVAL_ROWS`] of them.
    pub train: (Matrix, Vec<u32>),
    pub validation: (Matrix, Vec<u32>),
    pub test: (Matrix, Vec<u32>),
    /// The most frequent class of the training part (the majority baseline).
    pub majority_class: u32,
    /// Which classes have a row in the training part; empty when not known (a saved model
    /// installed without its data).
    pub train_seen: Vec<bool>,
}

impl TrainingJob {
    /// Prepares the data (extract, split, scale) of training `spec` on `df`, kept as `name`.
    /// Only checked settings start a training ([`TrainSpec::check`]).
    pub fn start(name: &str, spec: CheckedSpec, df: &DataFrame) -> Result<TrainingJob, TrainError> {
        let spec = spec.into_inner();
        let data = PreparedData::new(&spec, df)?;
        let n_classes = data.classes.len();
        let trainer = match &spec.model {
            ModelSpec::Network(params) => Trainer::Network(Box::new(NetworkTrainer::new(
                params,
                data.train,
                data.validation.clone(),
                n_classes,
                spec.seed,
            )?)),
            other => Trainer::Classic(Box::new(
                ClassicTrainer::new(other, data.train, n_classes, spec.seed)?
                    .with_validation(data.validation.clone()),
            )),
        };
        Ok(TrainingJob {
            name: name.to_string(),
            classes: data.classes,
            spec,
            sizes: data.sizes,
            scaler: data.scaler,
            trainer,
            train_sample: data.train_sample,
            validation: data.validation,
            test: data.test,
            majority_class: data.majority_class,
            train_seen: data.train_seen,
            datasets: Vec::new(),
        })
    }

    /// Notes the fingerprints of the data this training reads (its input first), for its run.
    #[must_use]
    pub fn with_datasets(mut self, datasets: Vec<DatasetFingerprint>) -> Self {
        self.datasets = datasets;
        self
    }

    /// The fingerprints given to [`TrainingJob::with_datasets`].
    pub fn datasets(&self) -> &[DatasetFingerprint] {
        &self.datasets
    }

    /// Works until `keep_going` says stop (asked after each unit) or the training is done.
    pub fn step(&mut self, keep_going: &mut dyn FnMut() -> bool) -> Result<JobState, TrainError> {
        self.step_on(keep_going, &Serial)
    }

    /// As [`TrainingJob::step`], fitting `parallel.width()` of a forest's trees at a time side
    /// by side (the same trees as one at a time).
    pub fn step_on(
        &mut self,
        keep_going: &mut dyn FnMut() -> bool,
        parallel: &dyn Parallel,
    ) -> Result<JobState, TrainError> {
        loop {
            let finished = match &mut self.trainer {
                Trainer::Network(trainer) => trainer.run_batches_on(NETWORK_CHUNK, parallel),
                Trainer::Classic(trainer) => {
                    trainer.run_units_on(parallel.width().max(1), parallel)?
                }
            };
            if finished {
                return Ok(JobState::Done);
            }
            if !keep_going() {
                return Ok(JobState::Running(self.progress()));
            }
        }
    }

    /// How far the training has got, for a progress message.
    pub fn progress(&self) -> TrainProgress {
        match &self.trainer {
            Trainer::Network(trainer) => {
                let epochs = match &self.spec.model {
                    ModelSpec::Network(params) => params.epochs.max(1) as u64,
                    _ => 1,
                };
                let (done, total) = (trainer.done_batches(), trainer.total_batches());
                let per_epoch = (total / epochs).max(1);
                let epoch = (done / per_epoch + 1).min(epochs);
                TrainProgress {
                    stage: format!("epoch {epoch} of {epochs}"),
                    done,
                    total,
                    unit: "batch".into(),
                    points: trainer.points().to_vec(),
                    history: trainer.history().to_vec(),
                }
            }
            Trainer::Classic(trainer) => {
                let (done, total, unit) =
                    (trainer.done_units(), trainer.total_units(), trainer.unit());
                let stage = match unit {
                    "tree" => format!("tree {} of {total}", (done + 1).min(total)),
                    "iteration" => {
                        format!("iteration {} of at most {total}", (done + 1).min(total))
                    }
                    _ => "fitting".to_string(),
                };
                TrainProgress {
                    stage,
                    done,
                    total,
                    unit: unit.into(),
                    points: Vec::new(),
                    history: Vec::new(),
                }
            }
        }
    }

    /// The last phase, after the last batch or tree: scoring the validation and test rows
    /// (and a sample of the training rows), which takes a while on large tables.
    pub fn scoring_progress(&self) -> TrainProgress {
        let mut progress = self.progress();
        progress.stage = "scoring the validation and test rows".into();
        progress.unit = SCORING_UNIT.into();
        progress
    }

    /// The run: finished, or cancelled (`cancelled` set in its report) as it is now.
    pub fn finish(self, cancelled: bool) -> Result<TrainedRun, TrainError> {
        self.finish_on(cancelled, &Serial)
    }

    /// As [`TrainingJob::finish`], a network scoring the validation and test rows side by side
    /// on `parallel` (the same scores).
    pub fn finish_on(
        self,
        cancelled: bool,
        parallel: &dyn Parallel,
    ) -> Result<TrainedRun, TrainError> {
        let (kind, history, points) = match self.trainer {
            Trainer::Network(trainer) => {
                let history = trainer.history().to_vec();
                let points = trainer.points().to_vec();
                (ModelKind::Network(trainer.into_network()), history, points)
            }
            Trainer::Classic(mut trainer) => {
                // A forest stopped before its first tree still answers with one tree.
                if trainer.done_units() == 0 {
                    trainer.run_units(1)?;
                }
                (
                    ModelKind::Classic(trainer.into_model()?),
                    Vec::new(),
                    Vec::new(),
                )
            }
        };
        let classic = matches!(kind, ModelKind::Classic(_));
        let mut model = TrainedModel {
            report: TrainReport {
                model: self.name,
                spec: self.spec,
                classes: self.classes,
                sizes: self.sizes,
                scaler: self.scaler,
                history,
                points,
                validation_accuracy: 0.0,
                test_accuracy: 0.0,
                cancelled,
            },
            kind,
        };
        let validation_proba = model.predict_proba_scaled_on(&self.validation.0, parallel)?;
        let test_proba = model.predict_proba_scaled_on(&self.test.0, parallel)?;
        model.report.validation_accuracy = accuracy(&validation_proba, &self.validation.1);
        model.report.test_accuracy = accuracy(&test_proba, &self.test.1);
        if classic {
            let train_proba = model.predict_proba_scaled(&self.train_sample.0)?;
            model.report.history = vec![EpochRecord {
                epoch: 1,
                train_loss: log_loss(&train_proba, &self.train_sample.1),
                train_accuracy: accuracy(&train_proba, &self.train_sample.1),
                validation_loss: log_loss(&validation_proba, &self.validation.1),
                validation_accuracy: model.report.validation_accuracy,
            }];
        }
        Ok(TrainedRun {
            model,
            train: self.train_sample,
            validation: self.validation,
            test: self.test,
            majority_class: self.majority_class,
            train_seen: self.train_seen,
        })
    }
}
