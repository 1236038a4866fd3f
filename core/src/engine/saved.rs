//! Trained models and runs: what a finished training hands the page to record a run (its
//! data's fingerprints, test scores, model bytes), and installing a saved run's model again —
//! instead of training when the settings and data are unchanged (`Train.restore`), or on
//! request (`LoadModel`), with its split rebuilt when its data is loaded.

use super::Engine;
use crate::error::{JukeboxError, Result};
use crate::protocol::SavedModel;
use crate::runs::{DatasetFingerprint, RunArtifacts};
use crate::train::job::TrainedRun;
use crate::train::metrics::Evaluation;
use crate::train::prepared::PreparedData;
use crate::train::{EvalSplit, Matrix, TrainError, TrainReport, TrainSpec, codec};

/// A model the engine keeps, and why it cannot be evaluated when its data is missing.
#[derive(Debug)]
pub(super) struct KeptModel {
    pub run: TrainedRun,
    pub without_data: Option<MissingData>,
}

/// The run and dataset a model loaded without its data came from.
#[derive(Debug)]
pub(super) struct MissingData {
    run_id: String,
    dataset: String,
    sha256: String,
}

impl KeptModel {
    pub fn with_data(run: TrainedRun) -> Self {
        KeptModel {
            run,
            without_data: None,
        }
    }

    /// Scores the model on one part of its split.
    pub fn evaluate(&self, name: &str, on: EvalSplit) -> Result<Evaluation> {
        if let Some(missing) = &self.without_data {
            return Err(JukeboxError::ModelWithoutData {
                model: name.to_string(),
                run_id: missing.run_id.clone(),
                dataset: missing.dataset.clone(),
                sha256_short: missing.sha256.chars().take(12).collect(),
            });
        }
        Ok(evaluate_run(name, &self.run, on)?)
    }
}

fn evaluate_run(
    name: &str,
    run: &TrainedRun,
    on: EvalSplit,
) -> std::result::Result<Evaluation, TrainError> {
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
    if on != EvalSplit::Train && !run.train_seen.is_empty() {
        let has_rows = |c: usize| {
            evaluation
                .confusion
                .get(c)
                .is_some_and(|row| row.iter().sum::<u64>() > 0)
        };
        evaluation.unseen_in_training = report
            .classes
            .iter()
            .enumerate()
            .filter(|(c, _)| has_rows(*c) && !run.train_seen.get(*c).copied().unwrap_or(true))
            .map(|(_, name)| name.clone())
            .collect();
    }
    Ok(evaluation)
}

/// What the page records as the run of training `run` (kept as `name`) on `datasets`.
pub(super) fn artifacts(
    name: &str,
    run: &TrainedRun,
    datasets: Vec<DatasetFingerprint>,
) -> RunArtifacts {
    let evaluation = if run.test.1.is_empty() {
        None
    } else {
        // Scoring the model's own test rows fails only on an engine bug; the run is still
        // worth recording without its test scores then.
        evaluate_run(name, run, EvalSplit::Test).ok()
    };
    RunArtifacts {
        datasets,
        evaluation,
        model: codec::encode(&run.model),
    }
}

impl Engine {
    /// A `Train` request with a saved run of its cell: when the run was trained with `spec`
    /// on the data `input` holds now, installs its model as `output` with the same split and
    /// returns its report; `None` when the settings or the data changed (train instead).
    pub fn restore_training(
        &mut self,
        input: &str,
        spec: &TrainSpec,
        output: &str,
        saved: &SavedModel,
    ) -> Result<Option<TrainReport>> {
        if saved.report.spec != *spec || saved.datasets != self.datasets_of(input) {
            return Ok(None);
        }
        let data = PreparedData::new(spec, self.dataset(input)?)?;
        let model = decode(saved)?;
        self.models.insert(
            output.to_string(),
            KeptModel::with_data(data.into_run(model)),
        );
        Ok(Some(saved.report.clone()))
    }

    /// Installs `saved`'s model as `name`; its split is rebuilt when the run's training
    /// table is loaded with the same fingerprint, else only Predict works on it.
    pub(super) fn load_model(&mut self, name: &str, saved: &SavedModel) -> Result<TrainReport> {
        let model = decode(saved)?;
        let input = saved.datasets.first();
        let loaded = input.filter(|f| self.lineage.get(&f.name).map(|l| &l.fingerprint) == Some(f));
        let kept = if let Some(input) = loaded {
            let data = PreparedData::new(&saved.report.spec, self.dataset(&input.name)?)?;
            KeptModel::with_data(data.into_run(model))
        } else {
            let n_features = saved.report.spec.features.len();
            let empty = || (Matrix::zeros(0, n_features), Vec::new());
            KeptModel {
                run: TrainedRun {
                    model,
                    train: empty(),
                    validation: empty(),
                    test: empty(),
                    majority_class: 0,
                    train_seen: Vec::new(),
                },
                without_data: Some(MissingData {
                    run_id: saved.run_id.clone(),
                    dataset: input.map_or_else(|| "(none recorded)".into(), |f| f.name.clone()),
                    sha256: input.map(|f| f.sha256.clone()).unwrap_or_default(),
                }),
            }
        };
        self.models.insert(name.to_string(), kept);
        Ok(saved.report.clone())
    }
}

fn decode(saved: &SavedModel) -> Result<crate::train::model::TrainedModel> {
    codec::decode(&saved.model, saved.report.clone()).map_err(|source| JukeboxError::SavedModel {
        run_id: saved.run_id.clone(),
        source,
    })
}
