//! Classic models behind one interface, all ours, as scikit-learn's: logistic regression
//! (L-BFGS), decision tree and random forest, k-nearest neighbours (a k-d tree), Gaussian
//! naive Bayes (with scikit-learn's variance smoothing). Trees and neighbours work on the
//! training rows with identical features merged (`distinct`), and every model scores a
//! repeated row once. A forest is fitted
//! one tree per unit, so progress is per tree and a cancel stops between trees. Every random
//! step is seeded.

mod bayes;
mod boosting;
pub(crate) mod codec;
mod estimate;
mod knn;
mod lbfgs;
mod logistic;
mod tree;

#[cfg(test)]
mod course_rows;

use super::distinct::score_distinct;
use super::error::TrainError;
use super::{Matrix, ModelSpec};
use crate::parallel::{self, Parallel, Serial};

pub use estimate::estimate_seconds;

/// A fitted classic model.
#[derive(Debug)]
pub enum ClassicModel {
    Logistic(logistic::Logistic),
    /// A single tree, scored like a forest of one.
    Tree(tree::Forest),
    Forest(tree::Forest),
    // Boxed: it holds its training rows inline, much larger than the other variants.
    Knn(Box<knn::Knn>),
    GaussianNb(bayes::GaussianNb),
    Boosted(boosting::Boosted),
}

impl ClassicModel {
    /// Class probabilities, one row per row of `x` (scaled), `n_classes` columns; a class
    /// absent from training gets 0.
    ///
    /// A row's probabilities depend only on its features, so rows repeated in `x` (the
    /// course's are daily chart entries of far fewer songs) are scored once and copied.
    pub fn predict_proba(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        score_distinct(x, |distinct| self.predict_rows(distinct))
    }

    fn predict_rows(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        match self {
            ClassicModel::Logistic(m) => m.predict_proba(x),
            ClassicModel::Tree(m) | ClassicModel::Forest(m) => m.predict_proba(x),
            ClassicModel::Knn(m) => m.predict_proba(x),
            ClassicModel::GaussianNb(m) => Ok(m.predict_proba(x)),
            ClassicModel::Boosted(m) => Ok(m.predict_proba(x)),
        }
    }
}

/// A classic model being fitted, in units (trees for a forest, one unit otherwise).
#[derive(Debug)]
pub struct ClassicTrainer {
    spec: ModelSpec,
    x: Matrix,
    y: Vec<u32>,
    n_classes: usize,
    seed: u64,
    /// The validation part, which gradient boosting's early stopping watches.
    validation: Option<(Matrix, Vec<u32>)>,
    /// A forest's training rows merged by identical features, built at its first tree.
    groups: Option<tree::Groups>,
    /// Gradient boosting's fit so far, made at its first iteration.
    boosting: Option<boosting::Fitting>,
    /// The forest's trees so far, or the one fitted model.
    trees: Vec<tree::Tree>,
    fitted: Option<ClassicModel>,
}

impl ClassicTrainer {
    /// Checks the data and parameters; fits nothing yet.
    pub fn new(
        spec: &ModelSpec,
        train: (Matrix, Vec<u32>),
        n_classes: usize,
        seed: u64,
    ) -> Result<ClassicTrainer, TrainError> {
        let (x, y) = train;
        check_data(&x, &y, n_classes)?;
        check_params(spec, x.n_rows, x.n_cols)?;
        Ok(ClassicTrainer {
            spec: spec.clone(),
            x,
            y,
            n_classes,
            seed,
            validation: None,
            groups: None,
            boosting: None,
            trees: Vec::new(),
            fitted: None,
        })
    }

    /// The validation part (scaled as the training rows), for early stopping.
    #[must_use]
    pub fn with_validation(mut self, validation: (Matrix, Vec<u32>)) -> Self {
        self.validation = Some(validation);
        self
    }

    pub fn total_units(&self) -> u64 {
        match &self.spec {
            ModelSpec::RandomForest(p) => p.n_trees as u64,
            ModelSpec::HistGradientBoosting(p) => p.max_iter as u64,
            _ => 1,
        }
    }

    pub fn done_units(&self) -> u64 {
        match &self.spec {
            ModelSpec::RandomForest(_) => self.trees.len() as u64,
            // Early stopping ends the fit before `max_iter`: every unit counts as done then.
            ModelSpec::HistGradientBoosting(_) => match &self.boosting {
                Some(b) if b.done() => self.total_units(),
                Some(b) => b.iterations() as u64,
                None => 0,
            },
            _ => u64::from(self.fitted.is_some()),
        }
    }

    /// "tree" for a forest, "iteration" for gradient boosting, "fit" otherwise.
    pub fn unit(&self) -> &'static str {
        match &self.spec {
            ModelSpec::RandomForest(_) => "tree",
            ModelSpec::HistGradientBoosting(_) => "iteration",
            _ => "fit",
        }
    }

    /// Fits up to `max_units` more units; true when done.
    pub fn run_units(&mut self, max_units: usize) -> Result<bool, TrainError> {
        self.run_units_on(max_units, &Serial)
    }

    /// Fits up to `max_units` more units, a forest's trees side by side on `parallel` (each
    /// tree depends only on the seed and its index, so the forest is the same either way).
    pub fn run_units_on(
        &mut self,
        max_units: usize,
        parallel: &dyn Parallel,
    ) -> Result<bool, TrainError> {
        if let ModelSpec::RandomForest(p) = &self.spec {
            let first = self.trees.len();
            let count = max_units.min(p.n_trees.saturating_sub(first));
            let (x, y, n, seed) = (&self.x, &self.y, self.n_classes, self.seed);
            let groups = self.groups.get_or_insert_with(|| tree::Groups::new(x, y));
            let groups = &*groups;
            let trees = parallel::map(parallel, count, &|i| {
                tree::fit_forest_tree(groups, y, n, p, seed, first + i)
            });
            self.trees.extend(trees);
        } else if let ModelSpec::HistGradientBoosting(p) = &self.spec {
            let (x, y, n) = (&self.x, &self.y, self.n_classes);
            let validation = self.validation.as_ref().map(|(vx, vy)| (vx, vy.as_slice()));
            let fitting = self
                .boosting
                .get_or_insert_with(|| boosting::Fitting::new(x, y, n, p, validation));
            for _ in 0..max_units {
                if fitting.done() {
                    break;
                }
                fitting.iterate(parallel);
            }
        } else {
            for _ in 0..max_units {
                if self.done_units() >= self.total_units() {
                    break;
                }
                self.fit_one_unit()?;
            }
        }
        Ok(self.done_units() >= self.total_units())
    }

    fn fit_one_unit(&mut self) -> Result<(), TrainError> {
        let (x, y, n) = (&self.x, &self.y, self.n_classes);
        let model = match &self.spec {
            // Fitted tree by tree, or iteration by iteration, in `run_units_on`.
            ModelSpec::RandomForest(_) | ModelSpec::HistGradientBoosting(_) => return Ok(()),
            ModelSpec::LogisticRegression(p) => ClassicModel::Logistic(logistic::fit(x, y, n, *p)),
            ModelSpec::DecisionTree(p) => {
                ClassicModel::Tree(tree::Forest::new(vec![tree::fit_tree(x, y, n, p)], n))
            }
            ModelSpec::Knn(p) => ClassicModel::Knn(Box::new(knn::fit(x, y, n, p)?)),
            ModelSpec::GaussianNb => ClassicModel::GaussianNb(bayes::GaussianNb::fit(x, y, n)),
            ModelSpec::Network(_) => return Err(not_classic()),
        };
        self.fitted = Some(model);
        Ok(())
    }

    /// The model as fitted so far (a forest of the trees done; needs at least one unit).
    pub fn into_model(self) -> Result<ClassicModel, TrainError> {
        if let ModelSpec::RandomForest(_) = self.spec {
            if self.trees.is_empty() {
                return Err(nothing_fitted("no tree of the forest was fitted"));
            }
            return Ok(ClassicModel::Forest(tree::Forest::new(
                self.trees,
                self.n_classes,
            )));
        }
        if let ModelSpec::HistGradientBoosting(_) = self.spec {
            return match self.boosting {
                Some(b) if b.iterations() > 0 => Ok(ClassicModel::Boosted(b.model())),
                _ => Err(nothing_fitted("no iteration of the boosting was fitted")),
            };
        }
        self.fitted
            .ok_or_else(|| nothing_fitted("the model was stopped before its fit"))
    }
}

fn nothing_fitted(what: &str) -> TrainError {
    TrainError::TooLittleData {
        what: format!(
            "{what}, so there is no model to keep. Run the Train cell again and let it fit"
        ),
    }
}

fn not_classic() -> TrainError {
    TrainError::BadParameter {
        field: "model",
        value: "the dense network".to_string(),
        expected: "a classic model (the network has its own trainer)",
    }
}

/// Rows, labels and classes that every classic model can fit.
fn check_data(x: &Matrix, y: &[u32], n_classes: usize) -> Result<(), TrainError> {
    if x.n_rows != y.len() || x.data.len() != x.n_rows * x.n_cols {
        return Err(TrainError::Fit {
            model: "classic model",
            message: format!(
                "{} feature rows but {} labels (an engine bug: please report it)",
                x.n_rows,
                y.len()
            ),
        });
    }
    if u32::try_from(x.n_rows).is_err() {
        return Err(TrainError::TooLittleData {
            what: format!(
                "the training part has {} rows, more than the 4,294,967,295 a model can index; set a smaller `max_train_rows`",
                x.n_rows
            ),
        });
    }
    if x.n_rows < 2 || x.n_cols == 0 {
        return Err(TrainError::TooLittleData {
            what: format!(
                "the training part has {} rows and {} features; a model needs at least 2 rows and 1 feature. Use a larger table or fewer filters",
                x.n_rows, x.n_cols
            ),
        });
    }
    if let Some(bad) = y.iter().find(|&&c| c as usize >= n_classes) {
        return Err(TrainError::Fit {
            model: "classic model",
            message: format!(
                "label {bad} is not below the {n_classes} classes (an engine bug: please report it)"
            ),
        });
    }
    if let Some(i) = x.data.iter().position(|v| !v.is_finite()) {
        return Err(TrainError::TooLittleData {
            what: format!(
                "training row {} has a missing or infinite value in feature {}; drop or fill those rows in a Prepare cell",
                i / x.n_cols,
                i % x.n_cols
            ),
        });
    }
    let first = y[0];
    if y.iter().all(|&c| c == first) {
        return Err(TrainError::TooLittleData {
            what: format!(
                "every training row has the same class ({first}), so there is nothing to tell apart. Use a table with at least two classes"
            ),
        });
    }
    Ok(())
}

/// Hyper-parameters in range for `n_rows` × `n_features`.
fn check_params(spec: &ModelSpec, n_rows: usize, n_features: usize) -> Result<(), TrainError> {
    let bad = |field, value: String, expected| {
        Err(TrainError::BadParameter {
            field,
            value,
            expected,
        })
    };
    match spec {
        ModelSpec::LogisticRegression(p) if !(p.alpha.is_finite() && p.alpha >= 0.0) => {
            bad("alpha", p.alpha.to_string(), "a penalty of 0 or more")
        }
        ModelSpec::DecisionTree(p) if p.min_samples_split < 2 || p.min_samples_leaf < 1 => bad(
            "min_samples_split / min_samples_leaf",
            format!("{} / {}", p.min_samples_split, p.min_samples_leaf),
            "at least 2 rows to split and 1 row per leaf",
        ),
        ModelSpec::RandomForest(p) if p.n_trees == 0 || p.n_trees > usize::from(u16::MAX) => bad(
            "n_trees",
            p.n_trees.to_string(),
            "between 1 and 65535 trees",
        ),
        ModelSpec::RandomForest(p) if p.min_samples_split < 2 || p.min_samples_leaf < 1 => bad(
            "min_samples_split / min_samples_leaf",
            format!("{} / {}", p.min_samples_split, p.min_samples_leaf),
            "at least 2 rows to split and 1 row per leaf",
        ),
        ModelSpec::RandomForest(p) if p.max_features.is_some_and(|m| m == 0 || m > n_features) => {
            bad(
                "max_features",
                format!("{:?} (with {n_features} features)", p.max_features),
                "between 1 and the number of features",
            )
        }
        // Bins are coded in a byte (the other settings are checked with the Train cell's).
        ModelSpec::HistGradientBoosting(p) if p.max_bins < 2 || p.max_bins > 255 => bad(
            "max_bins",
            p.max_bins.to_string(),
            "between 2 and 255 bins per feature",
        ),
        ModelSpec::Knn(p) if p.k == 0 || p.k > n_rows => bad(
            "k",
            format!("{} (with {n_rows} training rows)", p.k),
            "between 1 and the number of training rows",
        ),
        ModelSpec::Network(_) => Err(not_classic()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod sklearn_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod timing_tests;
