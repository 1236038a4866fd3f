//! What a Serve cell shows, as data: the engine's score of the song (the model's inputs and
//! its in-browser probabilities) and, as far as the calls got, the served model's metadata,
//! warnings, probabilities, every exchange, and the error that stopped them.

use jukebox_core::serving::{self, MetadataCheck, ModelMetadata, check_metadata};

use super::exchange::Exchange;

/// The engine's `SongScored`: the model's inputs for the song and its own probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub features: Vec<String>,
    pub scaled: Vec<f32>,
    pub classes: Vec<String>,
    /// Class order.
    pub probabilities: Vec<f64>,
}

/// What the Serve cell shows: as far as the calls got.
#[derive(Debug, Clone, PartialEq)]
pub struct ServeOutput {
    pub score: Score,
    pub metadata: Option<ModelMetadata>,
    pub warnings: Vec<String>,
    /// The served probabilities (class order).
    pub served: Option<Vec<f64>>,
    /// Every request made, in order, for "Stats for nerds".
    pub exchanges: Vec<Exchange>,
    pub error: Option<String>,
}

impl ServeOutput {
    pub fn new(score: Score) -> Self {
        Self {
            score,
            metadata: None,
            warnings: Vec::new(),
            served: None,
            exchanges: Vec::new(),
            error: None,
        }
    }

    /// The largest |served − in-browser| probability, once the served model answered.
    pub fn max_diff(&self) -> Option<f64> {
        let served = self.served.as_ref()?;
        Some(serving::max_abs_diff(served, &self.score.probabilities))
    }

    /// Reads the metadata answer: the layout to send, or the error that stops here.
    pub fn take_metadata(&mut self, text: &str) -> Option<MetadataCheck> {
        let checked = serving::parse_metadata(text).and_then(|metadata| {
            let check = check_metadata(&metadata, &self.score.features, self.score.classes.len());
            self.metadata = Some(metadata);
            check
        });
        match checked {
            Ok(check) => {
                self.warnings.clone_from(&check.warnings);
                Some(check)
            }
            Err(error) => {
                self.error = Some(error.to_string());
                None
            }
        }
    }

    /// Reads the infer answer.
    pub fn take_infer(&mut self, text: &str) {
        match serving::parse_infer_response(text, self.score.classes.len()) {
            Ok(served) => self.served = Some(served),
            Err(error) => self.error = Some(error.to_string()),
        }
    }
}
