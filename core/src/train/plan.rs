//! What a training will do before it starts: rows left after dropping nulls, the size of
//! each part, classes of the test or validation part that never appear in training (a
//! table sorted by its target, split by the course's "last rows are the test part", scores
//! 0 % on them without a word), and how long it will take on this device — measured on a
//! short run of the same model, not guessed from another machine.

#[cfg(feature = "engine")]
use polars_core::prelude::DataFrame;
use serde::{Deserialize, Serialize};

#[cfg(feature = "engine")]
use super::classic::{ClassicTrainer, estimate_seconds};
#[cfg(feature = "engine")]
use super::data::{Extracted, extract};
#[cfg(feature = "engine")]
use super::distinct::count_distinct;
#[cfg(feature = "engine")]
use super::error::TrainError;
use super::metrics::Evaluation;
#[cfg(feature = "engine")]
use super::network::NetworkTrainer;
#[cfg(feature = "engine")]
use super::prepared::{TRAIN_EVAL_ROWS, sample_sorted, training_sample_seed};
#[cfg(feature = "engine")]
use super::scaler::Scaler;
#[cfg(feature = "engine")]
use super::split::split;
use super::{EvalSplit, SplitSizes};
#[cfg(feature = "engine")]
use super::{Matrix, ModelSpec, NetworkParams, TrainSpec};

#[cfg(feature = "engine")]
/// Rows a classic model's calibration fit uses (at most).
const CALIBRATION_ROWS: usize = 2_000;
#[cfg(feature = "engine")]
/// A network's calibration trains batches for about this long.
const CALIBRATION_MS: f64 = 150.0;
#[cfg(feature = "engine")]
/// …and at least this many batches, however quick, at most this many, however slow the clock.
const CALIBRATION_MIN_BATCHES: usize = 8;
#[cfg(feature = "engine")]
const CALIBRATION_MAX_BATCHES: usize = 256;

/// Classes of one part (test or validation) with no row in the training part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnseenClasses {
    pub part: EvalSplit,
    /// The unseen classes, sorted.
    pub classes: Vec<String>,
    /// Distinct classes in that part.
    pub n_part_classes: usize,
}

/// How a training's time was estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EstimateBasis {
    /// Timed on a short run of the same model on this device, then scaled.
    Measured,
    /// From rates measured elsewhere (no short run was possible).
    Rates,
}

/// A training, before it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingPlan {
    /// Rows of the table, rows dropped for nulls, and each part's rows (training after
    /// any sample).
    pub sizes: SplitSizes,
    pub target: String,
    pub n_classes: usize,
    /// Test or validation classes never seen in training (only parts that have some).
    pub unseen: Vec<UnseenClasses>,
    /// The table's rows are grouped by the target (each class in one block).
    pub sorted_by_target: bool,
    /// Seconds the whole training (fit, then scoring validation and test) should take.
    pub seconds: f64,
    pub basis: EstimateBasis,
}

impl TrainingPlan {
    /// One sentence per part with unseen classes, with what to do.
    pub fn warnings(&self) -> Vec<String> {
        self.unseen
            .iter()
            .map(|u| unseen_warning(u, &self.target, self.sorted_by_target))
            .collect()
    }
}

/// "8 of 40 countries in the test part never appear in training — the rows look sorted by
/// country; use a shuffled split or sort by date."
pub fn unseen_warning(unseen: &UnseenClasses, target: &str, sorted_by_target: bool) -> String {
    let things = if target == crate::course::TARGET {
        "countries"
    } else {
        "classes"
    };
    let part = match unseen.part {
        EvalSplit::Test => "test",
        EvalSplit::Validation => "validation",
        EvalSplit::Train => "training",
    };
    let mut shown: Vec<&str> = unseen.classes.iter().take(8).map(String::as_str).collect();
    if unseen.classes.len() > shown.len() {
        shown.push("…");
    }
    let cause = if sorted_by_target {
        format!("the rows look sorted by {target}; ")
    } else {
        String::new()
    };
    format!(
        "{} of {} {things} in the {part} part never appear in training ({}), so the model cannot predict them and scores 0 on their rows — {cause}use a shuffled split or sort the rows by date.",
        unseen.classes.len(),
        unseen.n_part_classes,
        shown.join(", ")
    )
}

/// The same warning for an Evaluate cell whose part has classes the model never saw.
pub fn evaluation_warning(evaluation: &Evaluation) -> Option<String> {
    if evaluation.unseen_in_training.is_empty() {
        return None;
    }
    let countries = evaluation
        .classes
        .iter()
        .all(|c| crate::countries::by_code(c).is_some());
    let target = if countries {
        crate::course::TARGET
    } else {
        "the target"
    };
    let n_part_classes = evaluation
        .confusion
        .iter()
        .filter(|row| row.iter().sum::<u64>() > 0)
        .count();
    let unseen = UnseenClasses {
        part: evaluation.split,
        classes: evaluation.unseen_in_training.clone(),
        n_part_classes,
    };
    Some(unseen_warning(&unseen, target, false))
}

/// Classes of `part` (labels into `classes`) that have no row in `train`.
pub fn unseen_classes(
    part: EvalSplit,
    train: &[u32],
    part_labels: &[u32],
    classes: &[String],
) -> Option<UnseenClasses> {
    let mut in_train = vec![false; classes.len()];
    for &y in train {
        if let Some(seen) = in_train.get_mut(y as usize) {
            *seen = true;
        }
    }
    let mut in_part = vec![false; classes.len()];
    for &y in part_labels {
        if let Some(seen) = in_part.get_mut(y as usize) {
            *seen = true;
        }
    }
    let unseen: Vec<String> = classes
        .iter()
        .enumerate()
        .filter(|(c, _)| in_part[*c] && !in_train[*c])
        .map(|(_, name)| name.clone())
        .collect();
    (!unseen.is_empty()).then(|| UnseenClasses {
        part,
        classes: unseen,
        n_part_classes: in_part.iter().filter(|s| **s).count(),
    })
}

/// Whether each class's rows form one block (as in a table sorted by the target).
pub fn grouped_by_label(y: &[u32]) -> bool {
    let changes = y.windows(2).filter(|w| w[0] != w[1]).count();
    let mut distinct: Vec<u32> = y.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len() > 1 && changes + 1 == distinct.len()
}

#[cfg(feature = "engine")]
/// Plans training `spec` on `df`; `now_ms` reads this device's clock for the short
/// calibration run.
pub fn plan(
    spec: &TrainSpec,
    df: &DataFrame,
    now_ms: &dyn Fn() -> f64,
) -> Result<TrainingPlan, TrainError> {
    let data = extract(df, &spec.features, &spec.target)?;
    let parts = split(&data.y, &spec.split, spec.seed)?;
    let train_rows = match spec.max_train_rows {
        Some(max) if max > 0 => sample_sorted(&parts.train, max, training_sample_seed(spec.seed)),
        _ => parts.train.clone(),
    };
    let mut sizes = parts.sizes(data.n_rows, data.n_dropped);
    sizes.n_train = train_rows.len();
    let labels = |rows: &[usize]| -> Vec<u32> { rows.iter().map(|&i| data.y[i]).collect() };
    let y_train = labels(&train_rows);
    let unseen = [
        (EvalSplit::Test, &parts.test),
        (EvalSplit::Validation, &parts.validation),
    ]
    .into_iter()
    .filter_map(|(part, rows)| unseen_classes(part, &y_train, &labels(rows), &data.classes))
    .collect();
    let n_classes = data.classes.len();
    let scored_rows = sizes.n_validation + sizes.n_test + y_train.len().min(TRAIN_EVAL_ROWS);
    let calibration = Calibration {
        data: &data,
        train_rows: &train_rows,
        n_classes,
        seed: spec.seed,
        now_ms,
    };
    let (seconds, basis) = match &spec.model {
        ModelSpec::Network(params) => (
            calibration.network(params, sizes.n_validation, scored_rows)?,
            EstimateBasis::Measured,
        ),
        ModelSpec::Knn(_) => (
            estimate_seconds(
                &spec.model,
                train_rows.len(),
                spec.features.len(),
                n_classes,
            ),
            EstimateBasis::Rates,
        ),
        other => (calibration.classic(other)?, EstimateBasis::Measured),
    };
    Ok(TrainingPlan {
        sizes,
        target: spec.target.clone(),
        n_classes,
        unseen,
        sorted_by_target: grouped_by_label(&data.y),
        seconds,
        basis,
    })
}

#[cfg(feature = "engine")]
/// A short run of the model on the first training rows, timed.
struct Calibration<'a> {
    data: &'a Extracted,
    train_rows: &'a [usize],
    n_classes: usize,
    seed: u64,
    now_ms: &'a dyn Fn() -> f64,
}

#[cfg(feature = "engine")]
impl Calibration<'_> {
    /// The first `n` training rows, scaled as a training would.
    fn rows(&self, n: usize) -> (Matrix, Vec<u32>) {
        let rows = &self.train_rows[..n.min(self.train_rows.len())];
        let mut x = self.data.x.select_rows(rows);
        let scaler = Scaler::fit(super::ScalerKind::MinMax, &x);
        scaler.transform(&mut x);
        (x, rows.iter().map(|&i| self.data.y[i]).collect())
    }

    /// Seconds for every epoch's batches, the validation pass after each epoch and the final
    /// scoring of `scored_rows`, from batches timed on this device.
    fn network(
        &self,
        params: &NetworkParams,
        n_validation: usize,
        scored_rows: usize,
    ) -> Result<f64, TrainError> {
        let batch = params.batch_size.max(1);
        let sample = self.rows(batch * 64);
        // A few rows to score after the sample's epoch (a trainer needs a validation part).
        let validation = self.rows(batch);
        let mut trainer =
            NetworkTrainer::new(params, sample, validation, self.n_classes, self.seed)?;
        let started = (self.now_ms)();
        let mut batches = 0_usize;
        while batches < CALIBRATION_MAX_BATCHES
            && (batches < CALIBRATION_MIN_BATCHES || (self.now_ms)() - started < CALIBRATION_MS)
        {
            if trainer.run_batches(1) {
                break;
            }
            batches += 1;
        }
        let per_batch_s = ((self.now_ms)() - started).max(0.0) / 1000.0 / batches.max(1) as f64;
        let epochs = params.epochs.max(1) as f64;
        let n_train = self.train_rows.len() as f64;
        let train_s = epochs * (n_train / batch as f64).ceil() * per_batch_s;
        // A forward pass is about a third of a training step (forward, backward, update).
        let per_row_forward_s = per_batch_s / batch as f64 / 3.0;
        let scoring_s = (epochs * n_validation as f64 + scored_rows as f64) * per_row_forward_s;
        Ok(train_s + scoring_s)
    }

    /// Seconds for a classic fit: one fit (a forest: one tree) on up to
    /// [`CALIBRATION_ROWS`] rows, timed, then scaled by how the model's cost grows with rows.
    fn classic(&self, spec: &ModelSpec) -> Result<f64, TrainError> {
        let sample = self.rows(CALIBRATION_ROWS);
        let n_sample = sample.1.len();
        let n_features = sample.0.n_cols;
        let mut trainer = ClassicTrainer::new(spec, sample, self.n_classes, self.seed)?;
        let started = (self.now_ms)();
        trainer.run_units(1)?;
        let unit_s = ((self.now_ms)() - started).max(0.0) / 1000.0;
        let measured_s = unit_s * trainer.total_units() as f64;
        // Models that merge identical rows do their work per distinct row: the course's rows
        // are daily chart entries of far fewer songs, which a short sample does not show.
        let merges = matches!(
            spec,
            ModelSpec::LogisticRegression(_)
                | ModelSpec::DecisionTree(_)
                | ModelSpec::RandomForest(_)
                | ModelSpec::HistGradientBoosting(_)
        );
        let (n_train, n_sample) = if merges {
            let x = &self.data.x;
            (
                count_distinct(x, self.train_rows),
                count_distinct(x, &self.train_rows[..n_sample]),
            )
        } else {
            (self.train_rows.len(), n_sample)
        };
        let growth = estimate_seconds(spec, n_train, n_features, self.n_classes)
            / estimate_seconds(spec, n_sample, n_features, self.n_classes);
        Ok(if growth.is_finite() {
            measured_s * growth.max(1.0)
        } else {
            measured_s
        })
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
