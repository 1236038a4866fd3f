//! A Train cell, stepped as the worker steps it: `Engine::begin_training`, then
//! `TrainingJob::step` in time slices with progress between them, the scoring phase, then
//! `Engine::finish_training`; the training is then recorded as a run, as the app records it.

use std::time::{Duration, Instant};

use jukebox_core::JukeboxError;
use jukebox_core::engine::TrainingStart;
use jukebox_core::protocol::ResponseBody;
use jukebox_core::runs::{RunOrigin, new_run_id, record};
use jukebox_core::train::TrainSpec;
use jukebox_core::train::job::JobState;

use super::{
    CellOutcome, ContractCheck, Output, RecordedRun, Runner, output_of, random_u64, unix_ms,
};
use jukebox_core::contract::validate;

/// Work between two progress updates (the worker's slice is 80 ms; nobody waits natively).
const SLICE: Duration = Duration::from_millis(100);

impl Runner<'_> {
    /// The contract of the Train cell's `input`, checked against `--contract` when given.
    fn check_contract(
        &mut self,
        index: usize,
        input: &str,
    ) -> Result<ContractCheck, Box<CellOutcome>> {
        let contract = self
            .engine
            .contract_of(input)
            .map_err(|e| Box::new(CellOutcome::failed(e.to_string())))?;
        let validation = self
            .inputs
            .contract
            .map(|expected| validate(expected, &contract));
        if let Some(validation) = &validation {
            self.reporter.contract(index, validation);
        }
        Ok(ContractCheck {
            cell_index: index,
            contract,
            validation,
        })
    }

    pub(super) fn train(
        &mut self,
        index: usize,
        cell_id: u64,
        input: &str,
        spec: TrainSpec,
        output: &str,
    ) -> CellOutcome {
        let check = match self.check_contract(index, input) {
            Ok(check) => check,
            Err(outcome) => return *outcome,
        };
        if let Some(validation) = check.validation.as_ref().filter(|v| !v.passed()) {
            let mut outcome = CellOutcome::failed(format!(
                "its input `{input}` breaks the data contract ({}); nothing was trained",
                validation.headline()
            ));
            outcome.contract = Some(check);
            return outcome;
        }
        let started_ms = unix_ms();
        let saved = self
            .inputs
            .saved
            .iter()
            .find(|(id, _)| *id == cell_id)
            .map(|(_, saved)| saved);
        let mut job = match self.engine.begin_training(input, spec, output, saved) {
            Ok(TrainingStart::Started(job)) => job,
            // A saved run's model installed (same settings, same data): nothing new to record.
            Ok(TrainingStart::Restored(body)) => {
                let mut outcome = match output_of(*body) {
                    Ok(output) => CellOutcome::done(vec![output]),
                    Err(message) => CellOutcome::failed(message),
                };
                outcome.contract = Some(check);
                return outcome;
            }
            Err(error) => return CellOutcome::failed(error.to_string()),
        };
        loop {
            let slice_end = Instant::now() + SLICE;
            let cores = self.inputs.cores;
            let state = cores.within(|| job.step_on(&mut || Instant::now() < slice_end, cores));
            match state {
                Ok(JobState::Done) => break,
                Ok(JobState::Running(progress)) => self.reporter.training(index, &progress),
                Err(error) => return CellOutcome::failed(JukeboxError::from(error).to_string()),
            }
        }
        self.reporter.training(index, &job.scoring_progress());
        let cores = self.inputs.cores;
        let engine = &mut self.engine;
        let body = cores.within(|| engine.finish_training_on(output, *job, false, cores));
        let ended_ms = unix_ms();
        let (report, artifacts) = match body {
            ResponseBody::Trained {
                report,
                artifacts: Some(artifacts),
                ..
            } => (report, artifacts),
            other => {
                return match output_of(other) {
                    Ok(output) => CellOutcome::done(vec![output]),
                    Err(message) => CellOutcome::failed(message),
                };
            }
        };
        let origin = RunOrigin {
            notebook_id: self.notebook_id.clone(),
            notebook_title: self.notebook_title.clone(),
            cell_id,
            input: input.to_string(),
            started_ms,
            ended_ms,
            user_agent: user_agent(),
        };
        let id = new_run_id(started_ms, random_u64());
        let run = RecordedRun {
            cell_index: index,
            record: record(id, origin, report.clone(), &artifacts),
            model: artifacts.model,
        };
        let mut outcome = CellOutcome::done(vec![Output::Trained(Box::new(report))]);
        outcome.contract = Some(check);
        outcome.run = Some(run);
        outcome
    }
}

/// What ran the training, where the app puts the browser's user agent.
fn user_agent() -> String {
    format!(
        "jukebox-cli/{} ({} {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}
