//! One training from spec to report, done in steps: extract, split, scale, then batches (or
//! trees) until done or cancelled.

use polars_core::prelude::DataFrame;

use super::error::TrainError;
use super::model::TrainedModel;
use super::{Matrix, TrainProgress, TrainSpec};

/// A training in progress; owns its data so the worker can await between steps.
#[derive(Debug)]
pub struct TrainingJob {
    _todo: (),
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
    pub validation: (Matrix, Vec<u32>),
    pub test: (Matrix, Vec<u32>),
    /// The most frequent class of the training part (the majority baseline).
    pub majority_class: u32,
}

impl TrainingJob {
    /// Prepares the data (extract, split, scale) of training `spec` on `df`, kept as `name`.
    pub fn start(name: &str, spec: TrainSpec, df: &DataFrame) -> Result<TrainingJob, TrainError> {
        let _ = (name, spec, df);
        todo!("helper C")
    }

    /// Works until `keep_going` says stop (asked after each unit) or the training is done.
    pub fn step(&mut self, keep_going: &mut dyn FnMut() -> bool) -> Result<JobState, TrainError> {
        let _ = keep_going;
        todo!("helper C")
    }

    /// The run: finished, or cancelled (`cancelled` set in its report) as it is now.
    pub fn finish(self, cancelled: bool) -> Result<TrainedRun, TrainError> {
        let _ = cancelled;
        todo!("helper C")
    }
}
