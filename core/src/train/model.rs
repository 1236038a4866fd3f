//! A trained model with what it needs to score raw rows: its fitted scaler, feature order and
//! classes.

use super::classic::ClassicModel;
use super::error::TrainError;
use super::network::Network;
use super::{Matrix, Prediction, SongFeatures, TrainReport};

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
        let _ = x;
        todo!("helper C")
    }

    /// Scores one song given by raw feature values (scaled here with the run's scaler).
    pub fn predict_song(&self, song: &SongFeatures) -> Result<Prediction, TrainError> {
        let _ = song;
        todo!("helper C")
    }
}
