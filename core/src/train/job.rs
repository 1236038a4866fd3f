//! One training from spec to report, done in steps: extract, split, scale, then batches (or
//! trees) until done or cancelled.

use polars_core::prelude::DataFrame;
use rand::Rng;

use super::classic::ClassicTrainer;
use super::data::extract;
use super::error::TrainError;
use super::model::{ModelKind, TrainedModel, accuracy, log_loss};
use super::network::NetworkTrainer;
use super::scaler::Scaler;
use super::split::split;
use super::{EpochRecord, Matrix, ModelSpec, SplitSizes, TrainProgress, TrainReport, TrainSpec};
use crate::random::rng_from_seed;

/// Batches a network trains between two looks at `keep_going` (a few milliseconds' work).
const NETWORK_CHUNK: usize = 16;

/// Training rows kept for scoring the training part (a seeded sample above this).
pub const TRAIN_EVAL_ROWS: usize = 100_000;

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
}

impl TrainingJob {
    /// Prepares the data (extract, split, scale) of training `spec` on `df`, kept as `name`.
    pub fn start(name: &str, spec: TrainSpec, df: &DataFrame) -> Result<TrainingJob, TrainError> {
        let data = extract(df, &spec.features, &spec.target)?;
        if data.classes.len() < 2 {
            return Err(TrainError::TooLittleData {
                what: format!(
                    "the target `{}` has {} class(es) in the {} rows with all values present; a model needs at least two. Pick another target or load more rows",
                    spec.target,
                    data.classes.len(),
                    data.y.len()
                ),
            });
        }
        let parts = split(&data.y, &spec.split, spec.seed)?;
        let train_rows = match spec.max_train_rows {
            Some(0) => {
                return Err(TrainError::BadParameter {
                    field: "max_train_rows",
                    value: "0".into(),
                    expected: "a number of rows above 0, or none for all training rows",
                });
            }
            Some(max) => sample_sorted(&parts.train, max, spec.seed ^ 0x5A4D_504C),
            None => parts.train.clone(),
        };
        let mut sizes = parts.sizes(data.n_rows, data.n_dropped);
        sizes.n_train = train_rows.len();
        let take = |rows: &[usize]| -> (Matrix, Vec<u32>) {
            (
                data.x.select_rows(rows),
                rows.iter().map(|&i| data.y[i]).collect(),
            )
        };
        let (mut train, mut validation, mut test) = (
            take(&train_rows),
            take(&parts.validation),
            take(&parts.test),
        );
        let scaler = Scaler::fit(spec.scaler, &train.0);
        for part in [&mut train, &mut validation, &mut test] {
            scaler.transform(&mut part.0);
        }
        let n_classes = data.classes.len();
        let majority_class = majority(&train.1, n_classes);
        let sample = sample_sorted(
            &(0..train.1.len()).collect::<Vec<_>>(),
            TRAIN_EVAL_ROWS,
            spec.seed ^ 0x4556_414C,
        );
        let train_sample = (
            train.0.select_rows(&sample),
            sample.iter().map(|&i| train.1[i]).collect(),
        );
        let trainer = match &spec.model {
            ModelSpec::Network(params) => Trainer::Network(Box::new(NetworkTrainer::new(
                params,
                train,
                validation.clone(),
                n_classes,
                spec.seed,
            )?)),
            other => Trainer::Classic(Box::new(ClassicTrainer::new(
                other, train, n_classes, spec.seed,
            )?)),
        };
        Ok(TrainingJob {
            name: name.to_string(),
            classes: data.classes,
            spec,
            sizes,
            scaler,
            trainer,
            train_sample,
            validation,
            test,
            majority_class,
        })
    }

    /// Works until `keep_going` says stop (asked after each unit) or the training is done.
    pub fn step(&mut self, keep_going: &mut dyn FnMut() -> bool) -> Result<JobState, TrainError> {
        loop {
            let finished = match &mut self.trainer {
                Trainer::Network(trainer) => trainer.run_batches(NETWORK_CHUNK),
                Trainer::Classic(trainer) => trainer.run_units(1)?,
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
                let stage = if unit == "tree" {
                    format!("tree {} of {total}", (done + 1).min(total))
                } else {
                    "fitting".to_string()
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

    /// The run: finished, or cancelled (`cancelled` set in its report) as it is now.
    pub fn finish(self, cancelled: bool) -> Result<TrainedRun, TrainError> {
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
        let validation_proba = model.predict_proba_scaled(&self.validation.0)?;
        let test_proba = model.predict_proba_scaled(&self.test.0)?;
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
        })
    }
}

/// The most frequent class (the lowest on ties).
fn majority(y: &[u32], n_classes: usize) -> u32 {
    let mut counts = vec![0_usize; n_classes];
    for &c in y {
        counts[c as usize] += 1;
    }
    let mut best = 0;
    for (c, &count) in counts.iter().enumerate() {
        if count > counts[best] {
            best = c;
        }
    }
    u32::try_from(best).unwrap_or(0)
}

/// At most `k` of `rows`, drawn uniformly with `seed`, in ascending order (all when fewer).
fn sample_sorted(rows: &[usize], k: usize, seed: u64) -> Vec<usize> {
    if rows.len() <= k {
        return rows.to_vec();
    }
    let mut rng = rng_from_seed(seed);
    let mut pool = rows.to_vec();
    for place in 0..k {
        let pick = rng.random_range(place..pool.len());
        pool.swap(place, pick);
    }
    pool.truncate(k);
    pool.sort_unstable();
    pool
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_sorted_distinct_and_seeded() {
        let rows: Vec<usize> = (0..1000).map(|i| i * 2).collect();
        let a = sample_sorted(&rows, 100, 9);
        assert_eq!(a.len(), 100);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert!(a.iter().all(|r| r % 2 == 0));
        assert_eq!(a, sample_sorted(&rows, 100, 9));
        assert_ne!(a, sample_sorted(&rows, 100, 10));
        assert_eq!(sample_sorted(&rows[..5], 100, 9), rows[..5].to_vec());
    }

    #[test]
    fn majority_takes_the_most_frequent_class_and_the_lowest_on_ties() {
        assert_eq!(majority(&[2, 1, 2, 0], 3), 2);
        assert_eq!(majority(&[1, 0], 2), 0);
    }
}
