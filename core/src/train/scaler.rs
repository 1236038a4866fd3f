//! Scalers fitted on the training part only, as scikit-learn's `MinMaxScaler` and
//! `StandardScaler`; their parameters travel with the model (and into ONNX later).

use serde::{Deserialize, Serialize};

use super::{Matrix, ScalerKind};

/// A fitted scaler: `x' = (x - offset) * factor` per feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scaler {
    pub kind: ScalerKind,
    pub offset: Vec<f64>,
    pub factor: Vec<f64>,
}

impl Scaler {
    /// Fits `kind` on `x` (the training part).
    pub fn fit(kind: ScalerKind, x: &Matrix) -> Scaler {
        let _ = (kind, x);
        todo!("helper C")
    }

    /// Scales `x` in place.
    pub fn transform(&self, x: &mut Matrix) {
        let _ = x;
        todo!("helper C")
    }
}
