//! Training, evaluating and using models on a prepared table, as the course's notebook 2 does
//! with pandas, scikit-learn and Keras: features and a target taken from a table (rows with
//! nulls dropped), the course's split (test = the last 20 % unshuffled, validation = 20 % of
//! the rest, stratified), a scaler fitted on the training part only, labels encoded like
//! `LabelEncoder`, then the course's dense network or a classic model.
//!
//! A training is a [`job::TrainingJob`] that does its work in small steps, so the worker can
//! post progress and notice a cancel between them; natively it simply runs to the end.
//!
//! - [`checked`]: a Train cell's settings checked once before training ([`TrainSpec::check`]);
//! - [`matrix`]: row-major `f32` matrices, the one numeric container here;
//! - [`data`]: features and labels out of a polars frame;
//! - [`split`]: the course split and the shuffled one;
//! - [`scaler`]: `MinMax` and `Standard` scalers with their fitted parameters;
//! - [`network`]: the course's dense network (forward, backward, Adam), hand-written;
//! - [`classic`]: the classic models (ours, as scikit-learn's) behind one interface;
//! - [`metrics`]: accuracy, top-k, precision/recall/F1, confusion matrix (checked against
//!   scikit-learn);
//! - [`model`]: a trained model with its scaler and classes, scoring raw feature rows;
//! - [`prepared`]: a training's data extracted, split and scaled (again, for a saved model);
//! - [`job`]: one training from spec to report, in steps;
//! - [`plan`]: a training before it runs: rows, parts, classes missing from training, time;
//! - `check`: [`TrainSpec::check`], the settings' bounds before anything runs;
//! - [`codec`]: a trained model as bytes and back;
//! - [`songs`]: song search and the course's preset songs for the Predict cell.

pub mod checked;
#[cfg(feature = "engine")]
pub mod classic;
#[cfg(feature = "engine")]
pub mod codec;
#[cfg(feature = "engine")]
pub mod data;
#[cfg(feature = "engine")]
pub(crate) mod distinct;
pub mod error;
#[cfg(feature = "engine")]
pub mod job;
pub mod matrix;
pub mod metrics;
#[cfg(feature = "engine")]
pub mod model;
pub mod network;
pub mod plan;
#[cfg(feature = "engine")]
pub mod prepared;
pub mod scaler;
pub mod songs;
pub mod split;

#[cfg(test)]
mod course_tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::course::{FEATURES, TARGET};

pub use checked::{CheckedSpec, SpecError};
pub use error::TrainError;
pub use matrix::Matrix;

/// The `unit` of a training's last progress (`TrainingJob::scoring_progress`): the page
/// shows its stage alone.
pub const SCORING_UNIT: &str = "scoring";

/// Everything a Train cell asks for, apart from its input and output names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainSpec {
    /// Feature columns, in model order (default: the course's 13).
    pub features: Vec<String>,
    /// The column to predict (default `country`); its values are the classes.
    pub target: String,
    pub split: SplitSpec,
    pub scaler: ScalerKind,
    pub model: ModelSpec,
    /// Train on at most this many rows of the training part (a seeded sample), for models
    /// that would take minutes on the full table.
    pub max_train_rows: Option<usize>,
    /// Seeds every random step: split, sample, weights, shuffling, trees.
    pub seed: u64,
}

impl Default for TrainSpec {
    fn default() -> Self {
        Self {
            features: FEATURES.iter().map(|f| (*f).to_string()).collect(),
            target: TARGET.to_string(),
            split: SplitSpec::default(),
            scaler: ScalerKind::MinMax,
            model: ModelSpec::Network(NetworkParams::default()),
            max_train_rows: None,
            seed: 42,
        }
    }
}

/// How rows are divided into training, validation and test parts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SplitSpec {
    pub method: SplitMethod,
    /// Share of all rows for the test part (course: 0.2).
    pub test_ratio: f64,
    /// Share of the remaining rows for validation (course: 0.2).
    pub validation_ratio: f64,
}

impl Default for SplitSpec {
    fn default() -> Self {
        Self {
            method: SplitMethod::Course,
            test_ratio: 0.2,
            validation_ratio: 0.2,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SplitMethod {
    /// The course's: test = the last rows, unshuffled; validation drawn from the rest,
    /// stratified by class, seeded.
    Course,
    /// Test and validation both drawn at random (stratified, seeded).
    Shuffled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalerKind {
    /// scikit-learn's `MinMaxScaler` (the course's): (x - min) / (max - min).
    MinMax,
    /// scikit-learn's `StandardScaler`: (x - mean) / std (population std).
    Standard,
    /// Raw features.
    None,
}

/// The model to train and its hyper-parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum ModelSpec {
    Network(NetworkParams),
    LogisticRegression(LogisticParams),
    DecisionTree(TreeParams),
    RandomForest(ForestParams),
    Knn(KnnParams),
    GaussianNb,
    HistGradientBoosting(BoostingParams),
}

impl ModelSpec {
    /// Every model's kind, as [`ModelSpec::kind`] names it.
    pub const KINDS: [&'static str; 7] = [
        "network",
        "logistic_regression",
        "decision_tree",
        "random_forest",
        "hist_gradient_boosting",
        "knn",
        "gaussian_nb",
    ];

    /// The model's kind as its JSON tag names it (`network`, `random_forest`…).
    pub fn kind(&self) -> &'static str {
        match self {
            ModelSpec::Network(_) => "network",
            ModelSpec::LogisticRegression(_) => "logistic_regression",
            ModelSpec::DecisionTree(_) => "decision_tree",
            ModelSpec::RandomForest(_) => "random_forest",
            ModelSpec::Knn(_) => "knn",
            ModelSpec::GaussianNb => "gaussian_nb",
            ModelSpec::HistGradientBoosting(_) => "hist_gradient_boosting",
        }
    }

    /// The model of `kind` ([`ModelSpec::kind`]) with its default hyper-parameters; the
    /// course's network for a kind it does not know.
    pub fn with_defaults(kind: &str) -> ModelSpec {
        match kind {
            "logistic_regression" => ModelSpec::LogisticRegression(LogisticParams::default()),
            "decision_tree" => ModelSpec::DecisionTree(TreeParams::default()),
            "random_forest" => ModelSpec::RandomForest(ForestParams::default()),
            "knn" => ModelSpec::Knn(KnnParams::default()),
            "gaussian_nb" => ModelSpec::GaussianNb,
            "hist_gradient_boosting" => ModelSpec::HistGradientBoosting(BoostingParams::default()),
            _ => ModelSpec::Network(NetworkParams::default()),
        }
    }

    /// The model's name as the UI shows it.
    pub fn label(&self) -> &'static str {
        match self {
            ModelSpec::Network(_) => "Dense network",
            ModelSpec::LogisticRegression(_) => "Logistic regression",
            ModelSpec::DecisionTree(_) => "Decision tree",
            ModelSpec::RandomForest(_) => "Random forest",
            ModelSpec::Knn(_) => "k-nearest neighbours",
            ModelSpec::GaussianNb => "Gaussian naive Bayes",
            ModelSpec::HistGradientBoosting(_) => "Gradient boosting (histogram)",
        }
    }
}

/// The course's network: Dense layers of `hidden` sizes, then softmax over the classes;
/// Adam on categorical cross-entropy, Glorot-uniform weights, zero biases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkParams {
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub epochs: usize,
    pub beta1: f64,
    pub beta2: f64,
    pub epsilon: f64,
}

impl Default for NetworkParams {
    fn default() -> Self {
        Self {
            hidden: vec![32, 64, 128, 256],
            activation: Activation::Relu,
            batch_size: 32,
            learning_rate: 0.001,
            epochs: 2,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-7,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    Relu,
    Tanh,
    Sigmoid,
}

/// Multinomial logistic regression (ours, L-BFGS); `alpha` is the L2 penalty.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogisticParams {
    pub alpha: f64,
}

impl Default for LogisticParams {
    fn default() -> Self {
        Self { alpha: 0.0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SplitCriterion {
    Gini,
    Entropy,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TreeParams {
    pub max_depth: Option<u16>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    pub criterion: SplitCriterion,
}

impl Default for TreeParams {
    fn default() -> Self {
        Self {
            max_depth: Some(16),
            min_samples_split: 2,
            min_samples_leaf: 1,
            criterion: SplitCriterion::Gini,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ForestParams {
    pub n_trees: usize,
    pub max_depth: Option<u16>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    /// Features tried at each split; `None` = √(number of features), as scikit-learn.
    pub max_features: Option<usize>,
}

impl Default for ForestParams {
    fn default() -> Self {
        Self {
            n_trees: 50,
            max_depth: Some(16),
            min_samples_split: 2,
            min_samples_leaf: 1,
            max_features: None,
        }
    }
}

/// scikit-learn's `HistGradientBoostingClassifier` and its defaults; early stopping watches
/// the Train cell's validation part (scikit-learn's "auto" holds out 10 % of the training
/// rows when there are more than 10,000).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoostingParams {
    pub learning_rate: f64,
    pub max_iter: usize,
    pub max_leaf_nodes: usize,
    pub max_depth: Option<u16>,
    pub min_samples_leaf: usize,
    pub l2_regularization: f64,
    /// Bins per feature (at most 255).
    pub max_bins: usize,
    pub early_stopping: bool,
    pub n_iter_no_change: usize,
    pub tol: f64,
}

impl Default for BoostingParams {
    fn default() -> Self {
        Self {
            learning_rate: 0.1,
            max_iter: 100,
            max_leaf_nodes: 31,
            max_depth: None,
            min_samples_leaf: 20,
            l2_regularization: 0.0,
            max_bins: 255,
            early_stopping: true,
            n_iter_no_change: 10,
            tol: 1e-7,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KnnParams {
    pub k: usize,
    /// Weight neighbours by 1/distance (scikit-learn's `weights="distance"`).
    pub distance_weighted: bool,
}

impl Default for KnnParams {
    fn default() -> Self {
        Self {
            k: 5,
            distance_weighted: false,
        }
    }
}

/// One finished epoch (networks) — or the single "epoch" of a classic model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    /// 1-based.
    pub epoch: usize,
    pub train_loss: f64,
    pub train_accuracy: f64,
    pub validation_loss: f64,
    pub validation_accuracy: f64,
}

/// A point of the live training curve: the running mean loss and accuracy of the batches
/// since the epoch began, at fractional epoch `epoch` (e.g. 1.25).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    pub epoch: f64,
    pub loss: f64,
    pub accuracy: f64,
}

/// How far a training has got, as its progress messages say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainProgress {
    /// What it is doing, in words ("epoch 1 of 2", "tree 12 of 50", "scaling").
    pub stage: String,
    /// Units done of `total` (`unit`: "batch", "tree", "step").
    pub done: u64,
    pub total: u64,
    pub unit: String,
    /// The live training curve so far (a few hundred points at most).
    pub points: Vec<CurvePoint>,
    /// Finished epochs.
    pub history: Vec<EpochRecord>,
}

/// Sizes of the parts the rows went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitSizes {
    /// Rows of the input table.
    pub n_rows: usize,
    /// Rows dropped because a feature or the target was null (or NaN).
    pub n_dropped: usize,
    pub n_train: usize,
    pub n_validation: usize,
    pub n_test: usize,
}

/// What a finished (or cancelled) training reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainReport {
    /// The name the model is kept under (the Train cell's output).
    pub model: String,
    pub spec: TrainSpec,
    pub classes: Vec<String>,
    pub sizes: SplitSizes,
    pub scaler: scaler::Scaler,
    pub history: Vec<EpochRecord>,
    pub points: Vec<CurvePoint>,
    /// Accuracy on the validation and test parts of the model as kept.
    pub validation_accuracy: f64,
    pub test_accuracy: f64,
    /// Stopped by the user before the end; the model is kept as it was then.
    pub cancelled: bool,
}

/// Which part of the split an Evaluate cell scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvalSplit {
    Test,
    Validation,
    Train,
}

/// A song's features by column name, as a Predict cell holds them.
pub type SongFeatures = BTreeMap<String, f64>;

/// Class probabilities for one song, most likely first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub model: String,
    /// (class label, probability), sorted by probability, highest first.
    pub ranked: Vec<(String, f64)>,
}
