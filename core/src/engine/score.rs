//! A song's model inputs and in-browser probabilities, for a Serve cell to send the same
//! inputs to a served copy of the model and compare.

use super::Engine;
use crate::error::Result;
use crate::train::SongFeatures;

/// What `ScoreSong` answers (before timing).
#[derive(Debug)]
pub(super) struct SongScore {
    pub features: Vec<String>,
    pub scaled: Vec<f32>,
    pub classes: Vec<String>,
    pub probabilities: Vec<f64>,
}

impl Engine {
    pub(super) fn score_song(&self, name: &str, song: &SongFeatures) -> Result<SongScore> {
        let model = &self.model(name)?.run.model;
        let scaled = model.scale_song(song)?;
        let probabilities = model.proba_scaled_row(scaled.clone())?;
        Ok(SongScore {
            features: model.report.spec.features.clone(),
            scaled,
            classes: model.report.classes.clone(),
            probabilities,
        })
    }
}
