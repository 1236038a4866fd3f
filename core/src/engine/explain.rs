//! An Explain cell's work: the song as the model's inputs, a seeded background of its
//! training rows, SHAP values of P(country), the counterfactual within the training ranges,
//! and (when asked) the global importance on the test rows.

use super::Engine;
use crate::error::Result;
use crate::explain::counterfactual::{
    CounterfactualOptions, FeatureConstraints, Goal, Target, counterfactual,
};
use crate::explain::explain_cell::{
    ExplainOutput, ExplainSpec, GLOBAL_PERMUTATION_ROWS, GLOBAL_REPEATS, GLOBAL_SHAP_BACKGROUND,
    GLOBAL_SHAP_ROWS, GlobalExplanation, MAX_BACKGROUND_ROWS,
};
use crate::explain::permutation::permutation_importance;
use crate::explain::shapley::{ShapOptions, global_importance, shap_values};
use crate::explain::{ExplainError, background_sample};
use crate::monitor::MonitorError;
use crate::train::Matrix;
use crate::train::job::TrainedRun;

/// Features whose values are whole numbers in the course (a key, a mode, a flag): a
/// counterfactual keeps them whole. Any other feature whose training values are all whole
/// numbers is kept whole too.
const WHOLE_FEATURES: [&str; 3] = ["key", "mode", "is_explicit"];

impl Engine {
    /// Explains `spec`'s song; `progress(done, total)` returning `false` cancels.
    pub fn explain(
        &self,
        spec: &ExplainSpec,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<ExplainOutput> {
        let kept = self.model(&spec.model)?;
        let run = &kept.run;
        let model = &run.model;
        let report = &model.report;
        let class = report
            .classes
            .iter()
            .position(|c| *c == spec.country)
            .ok_or_else(|| {
                MonitorError::unknown_country(&spec.country, &spec.model, &report.classes)
            })?;
        if run.train.0.n_rows == 0 {
            return Err(ExplainError::NoRows {
                what: "the model's training part",
                advice: "load the dataset the model was trained on (a model from a run without its data has none)",
            }
            .into());
        }
        if spec.background_rows == 0 || spec.background_rows > MAX_BACKGROUND_ROWS {
            return Err(ExplainError::BadSetting {
                setting: "the background rows",
                value: spec.background_rows.to_string(),
                expected: "pick 1 to 1,000 rows (100 is the usual)",
            }
            .into());
        }
        let x = model.scale_song(&spec.song)?;
        let values: Vec<f64> = report
            .spec
            .features
            .iter()
            .map(|f| spec.song.get(f).copied().unwrap_or(f64::NAN))
            .collect();
        let background = background_sample(&run.train.0, spec.background_rows, spec.seed);
        let options = ShapOptions {
            background_rows: spec.background_rows,
            seed: spec.seed,
            ..ShapOptions::default()
        };
        let shap = shap_values(model, &x, &background, class, &options, progress)?;
        let goal = Goal {
            class,
            target: spec
                .target_probability
                .map_or(Target::TopClass, |probability| Target::AtLeast {
                    probability,
                }),
        };
        let found = counterfactual(
            model,
            &values,
            &report.scaler,
            goal,
            &constraints(run),
            &CounterfactualOptions {
                seed: spec.seed,
                ..CounterfactualOptions::default()
            },
        )?;
        let global = if spec.global {
            Some(global(run, class, spec.seed, progress)?)
        } else {
            None
        };
        Ok(ExplainOutput {
            model: spec.model.clone(),
            label: spec.label.clone(),
            country: spec.country.clone(),
            features: report.spec.features.clone(),
            values,
            shap,
            counterfactual: found,
            global,
        })
    }
}

/// The training rows' raw ranges, and which features stay whole numbers.
fn constraints(run: &TrainedRun) -> FeatureConstraints {
    let report = &run.model.report;
    let x = &run.train.0;
    let n = report.spec.features.len();
    let (mut min, mut max) = (vec![f64::INFINITY; n], vec![f64::NEG_INFINITY; n]);
    let mut whole = vec![true; n];
    for i in 0..x.n_rows {
        for (j, &scaled) in x.row(i).iter().enumerate().take(n) {
            let raw = f64::from(scaled) / report.scaler.factor[j] + report.scaler.offset[j];
            // Unscaling an f32 input lands within rounding of the raw value.
            let rounded = raw.round();
            let raw = if (raw - rounded).abs() < 1e-4 {
                rounded
            } else {
                raw
            };
            whole[j] &= raw.to_bits() == rounded.to_bits();
            min[j] = min[j].min(raw);
            max[j] = max[j].max(raw);
        }
    }
    FeatureConstraints {
        integer: report
            .spec
            .features
            .iter()
            .zip(&whole)
            .map(|(f, &w)| w || WHOLE_FEATURES.contains(&f.as_str()))
            .collect(),
        min,
        max,
    }
}

/// Permutation importance on (a sample of) the test rows and mean |SHAP| over a few of them.
fn global(
    run: &TrainedRun,
    class: usize,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<GlobalExplanation> {
    let (x, y) = &run.test;
    if x.n_rows == 0 {
        return Err(ExplainError::NoRows {
            what: "the model's test part",
            advice: "train with a test part (test ratio above 0) for the global importance",
        }
        .into());
    }
    let picked = sample_indices(x.n_rows, GLOBAL_PERMUTATION_ROWS, seed);
    let rows = x.select_rows(&picked);
    let labels: Vec<u32> = picked.iter().map(|&i| y[i]).collect();
    let model = &run.model;
    let permutation =
        permutation_importance(model, &rows, &labels, GLOBAL_REPEATS, seed, progress)?;
    let explained: Matrix = background_sample(x, GLOBAL_SHAP_ROWS, seed ^ 0x5348);
    let background = background_sample(&run.train.0, GLOBAL_SHAP_BACKGROUND, seed);
    let options = ShapOptions {
        background_rows: GLOBAL_SHAP_BACKGROUND,
        seed,
        ..ShapOptions::default()
    };
    let mean_abs_shap =
        global_importance(model, &explained, &background, class, &options, progress)?;
    Ok(GlobalExplanation {
        permutation,
        permutation_rows: picked.len(),
        mean_abs_shap,
    })
}

/// Up to `k` of `n` row indices, a seeded sample in row order (all when `n ≤ k`).
fn sample_indices(n: usize, k: usize, seed: u64) -> Vec<usize> {
    if n <= k {
        return (0..n).collect();
    }
    let mut rng = crate::random::rng_from_seed(seed);
    let mut picked = rand::seq::index::sample(&mut rng, n, k).into_vec();
    picked.sort_unstable();
    picked
}
