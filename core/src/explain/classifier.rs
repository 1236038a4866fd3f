//! What an explanation needs of a model: its probability function on rows already scaled
//! (the model's very inputs), and names for errors. Every model kind the core trains has
//! one, so the algorithms here never look inside a model.

use super::ExplainError;
use crate::train::Matrix;
use crate::train::network::Network;

/// A model scoring rows of `n_features()` scaled values into `n_classes()` probabilities.
pub trait Classifier {
    fn n_features(&self) -> usize;
    fn n_classes(&self) -> usize;
    /// Class probabilities, one row per row of `x` (rows × classes).
    fn predict_proba(&self, x: &Matrix) -> Result<Matrix, ExplainError>;
    /// The feature's name, for error messages.
    fn feature_name(&self, feature: usize) -> String {
        format!("feature {}", feature + 1)
    }
    /// The class's name, for error messages.
    fn class_name(&self, class: usize) -> String {
        format!("class {class}")
    }
}

impl Classifier for Network {
    fn n_features(&self) -> usize {
        self.n_inputs()
    }

    fn n_classes(&self) -> usize {
        Network::n_classes(self)
    }

    fn predict_proba(&self, x: &Matrix) -> Result<Matrix, ExplainError> {
        Ok(Network::predict_proba(self, x))
    }
}

#[cfg(feature = "engine")]
impl Classifier for crate::train::model::TrainedModel {
    fn n_features(&self) -> usize {
        self.report.spec.features.len()
    }

    fn n_classes(&self) -> usize {
        self.report.classes.len()
    }

    fn predict_proba(&self, x: &Matrix) -> Result<Matrix, ExplainError> {
        self.predict_proba_scaled(x)
            .map_err(|error| ExplainError::Model {
                message: error.to_string(),
            })
    }

    fn feature_name(&self, feature: usize) -> String {
        self.report
            .spec
            .features
            .get(feature)
            .cloned()
            .unwrap_or_else(|| format!("feature {}", feature + 1))
    }

    fn class_name(&self, class: usize) -> String {
        self.report
            .classes
            .get(class)
            .cloned()
            .unwrap_or_else(|| format!("class {class}"))
    }
}

/// Probabilities of `x`, checked to have one row per row and one column per class.
pub(crate) fn checked_proba(model: &dyn Classifier, x: &Matrix) -> Result<Matrix, ExplainError> {
    let proba = model.predict_proba(x)?;
    let classes = model.n_classes();
    if proba.n_rows != x.n_rows || proba.n_cols != classes || proba.data.len() != x.n_rows * classes
    {
        return Err(ExplainError::BadModelOutput {
            rows: x.n_rows,
            classes,
            found_rows: proba.n_rows,
            found_cols: proba.n_cols,
        });
    }
    Ok(proba)
}

/// The most likely class of a probability row (the first on ties, as `np.argmax`).
pub(crate) fn top_class(row: &[f32]) -> usize {
    let mut best = 0;
    for (j, &p) in row.iter().enumerate() {
        if p > row[best] {
            best = j;
        }
    }
    best
}

/// Checks that `class` is one the model scores.
pub(crate) fn check_class(model: &dyn Classifier, class: usize) -> Result<(), ExplainError> {
    let n_classes = model.n_classes();
    if class < n_classes {
        Ok(())
    } else {
        Err(ExplainError::UnknownClass { class, n_classes })
    }
}

/// Checks that `row` has one finite value per feature of the model.
pub(crate) fn check_row(
    model: &dyn Classifier,
    row: &[f32],
    what: &'static str,
) -> Result<(), ExplainError> {
    check_width(model, row.len(), what)?;
    match row.iter().position(|v| !v.is_finite()) {
        Some(j) => Err(ExplainError::NotFinite {
            what,
            feature: model.feature_name(j),
            value: f64::from(row[j]),
        }),
        None => Ok(()),
    }
}

/// Checks that `matrix` has rows, one column per feature and only finite values.
pub(crate) fn check_matrix(
    model: &dyn Classifier,
    matrix: &Matrix,
    what: &'static str,
    advice: &'static str,
) -> Result<(), ExplainError> {
    if matrix.n_rows == 0 {
        return Err(ExplainError::NoRows { what, advice });
    }
    check_width(model, matrix.n_cols, what)?;
    if matrix.data.len() != matrix.n_rows * matrix.n_cols {
        return Err(ExplainError::WrongWidth {
            what,
            found: matrix.data.len() / matrix.n_rows,
            expected: model.n_features(),
        });
    }
    match matrix.data.iter().position(|v| !v.is_finite()) {
        Some(at) => Err(ExplainError::NotFinite {
            what,
            feature: model.feature_name(at % matrix.n_cols),
            value: f64::from(matrix.data[at]),
        }),
        None => Ok(()),
    }
}

pub(crate) fn check_width(
    model: &dyn Classifier,
    found: usize,
    what: &'static str,
) -> Result<(), ExplainError> {
    let expected = model.n_features();
    if found == expected {
        Ok(())
    } else {
        Err(ExplainError::WrongWidth {
            what,
            found,
            expected,
        })
    }
}
