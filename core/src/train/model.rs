//! A trained model with what it needs to score raw rows: its fitted scaler, feature order and
//! classes.

use super::classic::ClassicModel;
use super::error::TrainError;
use super::network::Network;
use super::{Matrix, Prediction, SongFeatures, TrainReport};
use crate::parallel::{Parallel, Serial};

#[derive(Debug)]
pub enum ModelKind {
    Network(Network),
    Classic(ClassicModel),
}

#[derive(Debug)]
pub struct TrainedModel {
    pub report: TrainReport,
    pub kind: ModelKind,
}

impl TrainedModel {
    /// Probabilities for rows already scaled with the model's scaler.
    pub fn predict_proba_scaled(&self, x: &Matrix) -> Result<Matrix, TrainError> {
        self.predict_proba_scaled_on(x, &Serial)
    }

    /// As [`TrainedModel::predict_proba_scaled`], a network's rows side by side on `parallel`
    /// (the same bits).
    pub fn predict_proba_scaled_on(
        &self,
        x: &Matrix,
        parallel: &dyn Parallel,
    ) -> Result<Matrix, TrainError> {
        match &self.kind {
            // A repeated row (the course's test rows are daily entries of far fewer songs)
            // goes through the network once; a row's output depends on that row alone.
            ModelKind::Network(network) => super::distinct::score_distinct(x, |distinct| {
                Ok(network.predict_proba_on(distinct, parallel))
            }),
            ModelKind::Classic(model) => model.predict_proba(x),
        }
    }

    /// Scores one song given by raw feature values (scaled here with the run's scaler).
    pub fn predict_song(&self, song: &SongFeatures) -> Result<Prediction, TrainError> {
        let proba = self.proba_scaled_row(self.scale_song(song)?)?;
        let mut ranked: Vec<(String, f64)> =
            self.report.classes.iter().cloned().zip(proba).collect();
        // Highest first; equal probabilities keep class order.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        Ok(Prediction {
            model: self.report.model.clone(),
            ranked,
        })
    }

    /// One song's raw feature values in the model's feature order, scaled with the run's
    /// scaler: the model's very inputs (a served copy of the model must get the same).
    pub fn scale_song(&self, song: &SongFeatures) -> Result<Vec<f32>, TrainError> {
        let raw: Vec<f64> = self
            .report
            .spec
            .features
            .iter()
            .map(|feature| {
                song.get(feature)
                    .copied()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| TrainError::MissingFeature {
                        feature: feature.clone(),
                        model: self.report.model.clone(),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(self.report.scaler.transform_row(&raw))
    }

    /// Class-order probabilities of one row already scaled.
    pub fn proba_scaled_row(&self, row: Vec<f32>) -> Result<Vec<f64>, TrainError> {
        let n_cols = row.len();
        let x = Matrix {
            n_rows: 1,
            n_cols,
            data: row,
        };
        let proba = self.predict_proba_scaled(&x)?;
        Ok(proba.row(0).iter().map(|&p| f64::from(p)).collect())
    }
}

/// The most likely class of each row of `proba` (the first on ties, as `np.argmax`).
pub fn argmax_rows(proba: &Matrix) -> Vec<u32> {
    (0..proba.n_rows)
        .map(|i| {
            let mut best = 0;
            for (j, &p) in proba.row(i).iter().enumerate() {
                if p > proba.row(i)[best] {
                    best = j;
                }
            }
            u32::try_from(best).unwrap_or(u32::MAX)
        })
        .collect()
}

/// Share of rows whose most likely class is the true one (0 for no rows).
pub fn accuracy(proba: &Matrix, y: &[u32]) -> f64 {
    if y.is_empty() {
        return 0.0;
    }
    let hits = argmax_rows(proba)
        .iter()
        .zip(y)
        .filter(|(p, t)| p == t)
        .count();
    // Row counts are far below 2^52.
    #[allow(clippy::cast_precision_loss)]
    let share = hits as f64 / y.len() as f64;
    share
}

/// Mean categorical cross-entropy with probabilities clipped to [1e-7, 1 - 1e-7], as Keras.
pub fn log_loss(proba: &Matrix, y: &[u32]) -> f64 {
    if y.is_empty() {
        return 0.0;
    }
    let total: f64 = y
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            let p = proba.row(i).get(t as usize).copied().unwrap_or(0.0);
            -libm::log(f64::from(p).clamp(1e-7, 1.0 - 1e-7))
        })
        .sum();
    #[allow(clippy::cast_precision_loss)]
    let mean = total / y.len() as f64;
    mean
}
