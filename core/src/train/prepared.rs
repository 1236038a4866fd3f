//! A training's data: features and labels extracted, split, sampled and scaled — the same
//! parts every time for the same spec and table, so a saved model can be installed again
//! with the rows it was evaluated on.

use polars_core::prelude::DataFrame;
use rand::Rng;

use super::data::extract;
use super::error::TrainError;
use super::job::TrainedRun;
use super::model::TrainedModel;
use super::scaler::Scaler;
use super::split::split;
use super::{Matrix, SplitSizes, TrainSpec};
use crate::random::rng_from_seed;

/// Training rows kept for scoring the training part (a seeded sample above this).
pub const TRAIN_EVAL_ROWS: usize = 100_000;

/// The parts of a table a training uses, scaled with the scaler fitted on its training part.
#[derive(Debug)]
pub struct PreparedData {
    pub classes: Vec<String>,
    pub sizes: SplitSizes,
    pub scaler: Scaler,
    pub train: (Matrix, Vec<u32>),
    /// The training rows, or a seeded sample of [`TRAIN_EVAL_ROWS`] of them, for scoring.
    pub train_sample: (Matrix, Vec<u32>),
    pub validation: (Matrix, Vec<u32>),
    pub test: (Matrix, Vec<u32>),
    /// The most frequent class of the training part (the majority baseline).
    pub majority_class: u32,
    /// Which classes have a row in the training part (all of it, not only the sample).
    pub train_seen: Vec<bool>,
}

/// The seed of the training part's sample (`max_train_rows`) for a training's `seed`.
pub(super) fn training_sample_seed(seed: u64) -> u64 {
    seed ^ 0x5A4D_504C
}

/// Which of `n_classes` classes occur in `y`.
pub fn classes_seen(y: &[u32], n_classes: usize) -> Vec<bool> {
    let mut seen = vec![false; n_classes];
    for &c in y {
        if let Some(s) = seen.get_mut(c as usize) {
            *s = true;
        }
    }
    seen
}

impl PreparedData {
    /// Extracts, splits and scales `df` as training `spec` does.
    pub fn new(spec: &TrainSpec, df: &DataFrame) -> Result<PreparedData, TrainError> {
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
            Some(max) => sample_sorted(&parts.train, max, training_sample_seed(spec.seed)),
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
        let majority_class = majority(&train.1, data.classes.len());
        let train_seen = classes_seen(&train.1, data.classes.len());
        let sample = sample_sorted(
            &(0..train.1.len()).collect::<Vec<_>>(),
            TRAIN_EVAL_ROWS,
            spec.seed ^ 0x4556_414C,
        );
        let train_sample = (
            train.0.select_rows(&sample),
            sample.iter().map(|&i| train.1[i]).collect(),
        );
        Ok(PreparedData {
            classes: data.classes,
            sizes,
            scaler,
            train,
            train_sample,
            validation,
            test,
            majority_class,
            train_seen,
        })
    }

    /// `model` with these parts to evaluate it on (the training part as its sample).
    pub fn into_run(self, model: TrainedModel) -> TrainedRun {
        TrainedRun {
            model,
            train: self.train_sample,
            validation: self.validation,
            test: self.test,
            majority_class: self.majority_class,
            train_seen: self.train_seen,
        }
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
pub(super) fn sample_sorted(rows: &[usize], k: usize, seed: u64) -> Vec<usize> {
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
