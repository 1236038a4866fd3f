//! A Train cell's settings checked before anything runs: the bounds every model needs,
//! independent of the data (a Train editor, a `--set` on the command line). Fields are named
//! as in the notebook's JSON (`epochs`, `test_ratio`), so a message points at what to change.
//! Bounds that depend on the data (k ≤ training rows, max features ≤ features) stay with the
//! trainers.

use super::error::TrainError;
use super::{ModelSpec, NetworkParams, TrainSpec};

/// Largest hidden layer: beyond it a browser tab runs out of patience (the Train editor's bound).
pub const MAX_LAYER_UNITS: usize = 4096;

impl TrainSpec {
    /// `Ok` when every setting is in range, else the first one that is not, with its field
    /// name, its value and what it should be.
    pub fn check(&self) -> Result<(), TrainError> {
        if self.features.is_empty() {
            return Err(bad(
                "features",
                "empty",
                "at least one feature column (the course uses 13)",
            ));
        }
        if self.target.trim().is_empty() {
            return Err(bad(
                "target",
                "empty",
                "the column to predict, e.g. country",
            ));
        }
        for (field, ratio) in [
            ("test_ratio", self.split.test_ratio),
            ("validation_ratio", self.split.validation_ratio),
        ] {
            if !(ratio > 0.0 && ratio < 1.0) {
                return Err(bad(
                    field,
                    &ratio.to_string(),
                    "a share between 0 and 1 (exclusive), e.g. 0.2",
                ));
            }
        }
        if self.max_train_rows == Some(0) {
            return Err(bad(
                "max_train_rows",
                "0",
                "a number of rows above 0, or none for all training rows",
            ));
        }
        check_model(&self.model)
    }
}

fn check_model(model: &ModelSpec) -> Result<(), TrainError> {
    match model {
        ModelSpec::Network(p) => check_network(p),
        ModelSpec::LogisticRegression(p) if !(p.alpha.is_finite() && p.alpha >= 0.0) => {
            Err(bad("alpha", &p.alpha.to_string(), "a penalty of 0 or more"))
        }
        ModelSpec::DecisionTree(p) => check_leaves(p.min_samples_split, p.min_samples_leaf),
        ModelSpec::RandomForest(p) => {
            if p.n_trees == 0 || p.n_trees > usize::from(u16::MAX) {
                return Err(bad(
                    "n_trees",
                    &p.n_trees.to_string(),
                    "between 1 and 65535 trees",
                ));
            }
            if p.max_features == Some(0) {
                return Err(bad(
                    "max_features",
                    "0",
                    "1 or more features per split, or none for √(features)",
                ));
            }
            check_leaves(p.min_samples_split, p.min_samples_leaf)
        }
        ModelSpec::Knn(p) if p.k == 0 => Err(bad("k", "0", "1 or more neighbours")),
        _ => Ok(()),
    }
}

fn check_network(p: &NetworkParams) -> Result<(), TrainError> {
    if p.hidden.is_empty() {
        return Err(bad(
            "hidden",
            "empty",
            "at least one layer size (the course uses 32, 64, 128, 256)",
        ));
    }
    if let Some(units) = p.hidden.iter().find(|&&u| u == 0 || u > MAX_LAYER_UNITS) {
        return Err(bad(
            "hidden",
            &units.to_string(),
            "layer sizes from 1 to 4096 units",
        ));
    }
    let counts = [
        (
            "batch_size",
            p.batch_size,
            "a number of rows, 1 or more (the course uses 32)",
        ),
        (
            "epochs",
            p.epochs,
            "1 or more passes over the training rows (the course uses 2)",
        ),
    ];
    if let Some((field, value, expected)) = counts.into_iter().find(|(_, v, _)| *v == 0) {
        return Err(bad(field, &value.to_string(), expected));
    }
    let lr = p.learning_rate;
    if !(lr > 0.0 && lr <= 1.0) {
        return Err(bad(
            "learning_rate",
            &lr.to_string(),
            "above 0 and at most 1, e.g. 0.001 (Keras' default for Adam)",
        ));
    }
    for (field, beta) in [("beta1", p.beta1), ("beta2", p.beta2)] {
        if !(0.0..1.0).contains(&beta) {
            return Err(bad(
                field,
                &beta.to_string(),
                "a number in [0, 1), such as 0.9 or 0.999",
            ));
        }
    }
    if !(p.epsilon.is_finite() && p.epsilon > 0.0) {
        return Err(bad(
            "epsilon",
            &p.epsilon.to_string(),
            "a small positive number such as 1e-7",
        ));
    }
    Ok(())
}

fn check_leaves(min_samples_split: usize, min_samples_leaf: usize) -> Result<(), TrainError> {
    if min_samples_split < 2 {
        return Err(bad(
            "min_samples_split",
            &min_samples_split.to_string(),
            "at least 2 rows to split a node (as scikit-learn)",
        ));
    }
    if min_samples_leaf == 0 {
        return Err(bad("min_samples_leaf", "0", "at least 1 row per leaf"));
    }
    Ok(())
}

fn bad(field: &'static str, value: &str, expected: &'static str) -> TrainError {
    TrainError::BadParameter {
        field,
        value: value.to_string(),
        expected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::{ForestParams, KnnParams};

    fn field_of(spec: &TrainSpec) -> &'static str {
        match spec.check() {
            Err(TrainError::BadParameter { field, .. }) => field,
            other => panic!("expected a bad parameter, got {other:?}"),
        }
    }

    #[test]
    fn the_default_and_the_starter_settings_pass() {
        TrainSpec::default().check().unwrap();
        for spec in crate::notebook::starter()
            .cells
            .iter()
            .filter_map(|c| match &c.spec {
                crate::notebook::CellSpec::Train { spec, .. } => Some(spec),
                _ => None,
            })
        {
            spec.check().unwrap();
        }
    }

    #[test]
    fn zero_epochs_names_the_field_and_what_to_give() {
        let mut spec = TrainSpec::default();
        if let ModelSpec::Network(p) = &mut spec.model {
            p.epochs = 0;
        }
        assert_eq!(field_of(&spec), "epochs");
        let message = spec.check().unwrap_err().to_string();
        assert!(
            message.contains("epochs is 0") && message.contains("1 or more"),
            "{message}"
        );
    }

    #[test]
    fn out_of_range_settings_name_their_fields() {
        let mut spec = TrainSpec::default();
        spec.split.test_ratio = 1.0;
        assert_eq!(field_of(&spec), "test_ratio");
        let spec = TrainSpec {
            max_train_rows: Some(0),
            ..TrainSpec::default()
        };
        assert_eq!(field_of(&spec), "max_train_rows");
        let mut spec = TrainSpec::default();
        if let ModelSpec::Network(p) = &mut spec.model {
            p.learning_rate = 2.0;
        }
        assert_eq!(field_of(&spec), "learning_rate");
        let mut spec = TrainSpec::default();
        if let ModelSpec::Network(p) = &mut spec.model {
            p.hidden = vec![32, 0];
        }
        assert_eq!(field_of(&spec), "hidden");
        spec.model = ModelSpec::RandomForest(ForestParams {
            n_trees: 0,
            ..ForestParams::default()
        });
        assert_eq!(field_of(&spec), "n_trees");
        spec.model = ModelSpec::Knn(KnnParams {
            k: 0,
            distance_weighted: false,
        });
        assert_eq!(field_of(&spec), "k");
    }
}
