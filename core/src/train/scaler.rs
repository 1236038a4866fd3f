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
    /// Fits `kind` on `x` (the training part), in `f64`. A feature whose range (`MinMax`) or
    /// standard deviation (`Standard`) is zero keeps factor 1, as scikit-learn does.
    pub fn fit(kind: ScalerKind, x: &Matrix) -> Scaler {
        let n_cols = x.n_cols;
        let (offset, factor) = match kind {
            ScalerKind::None => (vec![0.0; n_cols], vec![1.0; n_cols]),
            ScalerKind::MinMax => {
                let mut min = vec![f64::INFINITY; n_cols];
                let mut max = vec![f64::NEG_INFINITY; n_cols];
                for i in 0..x.n_rows {
                    for (j, &v) in x.row(i).iter().enumerate() {
                        min[j] = min[j].min(f64::from(v));
                        max[j] = max[j].max(f64::from(v));
                    }
                }
                if x.n_rows == 0 {
                    (vec![0.0; n_cols], vec![1.0; n_cols])
                } else {
                    let factor = min
                        .iter()
                        .zip(&max)
                        .map(|(lo, hi)| inverse(hi - lo))
                        .collect();
                    (min, factor)
                }
            }
            ScalerKind::Standard => {
                let (mean, var) = mean_and_variance(x);
                (mean, var.iter().map(|v| inverse(v.sqrt())).collect())
            }
        };
        Scaler {
            kind,
            offset,
            factor,
        }
    }

    /// Scales `x` in place.
    pub fn transform(&self, x: &mut Matrix) {
        let n_cols = x.n_cols;
        if n_cols == 0 {
            return;
        }
        for row in x.data.chunks_exact_mut(n_cols) {
            for ((v, offset), factor) in row.iter_mut().zip(&self.offset).zip(&self.factor) {
                // Computed in f64, stored in f32 as the model takes it.
                #[allow(clippy::cast_possible_truncation)]
                let scaled = ((f64::from(*v) - offset) * factor) as f32;
                *v = scaled;
            }
        }
    }

    /// Scales one row of raw values.
    pub fn transform_row(&self, row: &[f64]) -> Vec<f32> {
        #[allow(clippy::cast_possible_truncation)]
        row.iter()
            .zip(&self.offset)
            .zip(&self.factor)
            .map(|((v, offset), factor)| ((v - offset) * factor) as f32)
            .collect()
    }
}

/// `1 / spread`, or 1 when the spread is zero (a constant feature stays as it is, shifted).
fn inverse(spread: f64) -> f64 {
    if spread == 0.0 || !spread.is_finite() {
        1.0
    } else {
        1.0 / spread
    }
}

/// Per-feature mean and population variance (two passes, for accuracy).
fn mean_and_variance(x: &Matrix) -> (Vec<f64>, Vec<f64>) {
    let n_cols = x.n_cols;
    let mut mean = vec![0.0; n_cols];
    let mut var = vec![0.0; n_cols];
    if x.n_rows == 0 {
        return (mean, vec![1.0; n_cols]);
    }
    for i in 0..x.n_rows {
        for (m, &v) in mean.iter_mut().zip(x.row(i)) {
            *m += f64::from(v);
        }
    }
    // Row counts are far below 2^52.
    #[allow(clippy::cast_precision_loss)]
    let n = x.n_rows as f64;
    for m in &mut mean {
        *m /= n;
    }
    for i in 0..x.n_rows {
        for ((s, &v), m) in var.iter_mut().zip(x.row(i)).zip(&mean) {
            *s += (f64::from(v) - m).powi(2);
        }
    }
    for s in &mut var {
        *s /= n;
    }
    (mean, var)
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the hand-computed values are exact in binary
mod tests {
    use super::*;

    fn sample() -> Matrix {
        // Column 0: 1, 3, 5; column 1: constant 7.
        Matrix::from_vec(3, 2, vec![1.0, 7.0, 3.0, 7.0, 5.0, 7.0]).unwrap()
    }

    #[test]
    fn min_max_maps_the_training_range_to_zero_one() {
        let scaler = Scaler::fit(ScalerKind::MinMax, &sample());
        assert_eq!(scaler.offset, vec![1.0, 7.0]);
        // Range 4 → factor 0.25; the constant column's zero range → factor 1 (sklearn).
        assert_eq!(scaler.factor, vec![0.25, 1.0]);
        let mut x = sample();
        scaler.transform(&mut x);
        assert_eq!(x.data, vec![0.0, 0.0, 0.5, 0.0, 1.0, 0.0]);
        // Values outside the training range go outside [0, 1], as in scikit-learn.
        assert_eq!(scaler.transform_row(&[9.0, 8.0]), vec![2.0, 1.0]);
    }

    #[test]
    fn standard_uses_the_population_standard_deviation() {
        let scaler = Scaler::fit(ScalerKind::Standard, &sample());
        // Mean 3; population variance ((−2)² + 0 + 2²) / 3 = 8/3.
        assert_eq!(scaler.offset, vec![3.0, 7.0]);
        assert!((scaler.factor[0] - (3.0_f64 / 8.0).sqrt()).abs() < 1e-15);
        assert_eq!(scaler.factor[1], 1.0);
        let mut x = sample();
        scaler.transform(&mut x);
        let expected = 2.0 * (3.0_f64 / 8.0).sqrt();
        assert!(
            (f64::from(x.data[4]) - expected).abs() < 1e-6,
            "{:?}",
            x.data
        );
        assert_eq!(x.data[2], 0.0);
    }

    #[test]
    fn none_leaves_values_as_they_are() {
        let scaler = Scaler::fit(ScalerKind::None, &sample());
        let mut x = sample();
        scaler.transform(&mut x);
        assert_eq!(x, sample());
    }

    #[test]
    fn an_empty_training_part_gives_an_identity_scaler() {
        let scaler = Scaler::fit(ScalerKind::MinMax, &Matrix::zeros(0, 2));
        assert_eq!((scaler.offset, scaler.factor), (vec![0.0; 2], vec![1.0; 2]));
    }
}
