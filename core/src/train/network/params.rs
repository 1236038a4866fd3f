//! Checks of a network's hyper-parameters and training data, before anything is allocated.

use super::super::error::TrainError;
use super::super::{Matrix, NetworkParams};

/// The network's shape: inputs, hidden sizes, classes.
pub fn check_shape(n_inputs: usize, hidden: &[usize], n_classes: usize) -> Result<(), TrainError> {
    if n_inputs == 0 {
        return Err(TrainError::TooLittleData {
            what: "the network has no input features: pick at least one feature column".into(),
        });
    }
    if n_classes < 2 {
        return Err(TrainError::TooLittleData {
            what: format!(
                "the target has {n_classes} class(es); a classifier needs at least 2. \
                 Pick another target or keep more rows"
            ),
        });
    }
    if let Some(position) = hidden.iter().position(|&size| size == 0) {
        return Err(TrainError::BadParameter {
            field: "hidden layer size",
            value: format!("0 (layer {} of {})", position + 1, hidden.len()),
            expected: "each hidden layer needs at least 1 unit (the course uses 32, 64, 128, 256); remove the layer instead",
        });
    }
    Ok(())
}

/// Batch size, epochs, learning rate and Adam's constants.
pub fn check_training(params: &NetworkParams) -> Result<(), TrainError> {
    if params.batch_size == 0 {
        return Err(bad(
            "batch size",
            "0",
            "a number of rows, 1 or more (the course uses 32)",
        ));
    }
    if params.epochs == 0 {
        return Err(bad(
            "epochs",
            "0",
            "1 or more passes over the training rows (the course uses 2)",
        ));
    }
    let lr = params.learning_rate;
    if !(lr.is_finite() && lr > 0.0) {
        return Err(bad(
            "learning rate",
            &lr.to_string(),
            "a positive number such as 0.001 (Keras' default for Adam)",
        ));
    }
    for (field, beta) in [("beta1", params.beta1), ("beta2", params.beta2)] {
        if !(0.0..1.0).contains(&beta) {
            return Err(bad(
                field,
                &beta.to_string(),
                "a number in [0, 1), such as 0.9 or 0.999",
            ));
        }
    }
    let eps = params.epsilon;
    if !(eps.is_finite() && eps > 0.0) {
        return Err(bad(
            "epsilon",
            &eps.to_string(),
            "a small positive number such as 1e-7",
        ));
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

/// A part of the data (`part`: "training", "validation"): rows match labels, width matches
/// the network's inputs, labels are class indices.
pub fn check_data(
    part: &str,
    x: &Matrix,
    y: &[u32],
    n_inputs: usize,
    n_classes: usize,
) -> Result<(), TrainError> {
    if x.n_rows == 0 {
        return Err(TrainError::TooLittleData {
            what: format!(
                "the {part} part has no rows. Keep more rows before training or change the split ratios"
            ),
        });
    }
    if x.n_rows != y.len() || x.data.len() != x.n_rows * x.n_cols {
        return Err(TrainError::TooLittleData {
            what: format!(
                "the {part} part has {} feature rows but {} labels; they must pair up row by row",
                x.n_rows,
                y.len()
            ),
        });
    }
    if x.n_cols != n_inputs {
        return Err(TrainError::TooLittleData {
            what: format!(
                "the {part} part has {} feature columns but the network takes {n_inputs}",
                x.n_cols
            ),
        });
    }
    if let Some((row, label)) = y
        .iter()
        .enumerate()
        .find(|(_, l)| **l as usize >= n_classes)
    {
        return Err(TrainError::TooLittleData {
            what: format!(
                "the {part} part's label at row {row} is class {label}, but there are only \
                 {n_classes} classes (0 to {})",
                n_classes - 1
            ),
        });
    }
    Ok(())
}
