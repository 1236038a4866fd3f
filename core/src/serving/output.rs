//! What a Serve cell shows, as far as its calls got: the in-browser model's score of the
//! song, the served model's metadata and warnings, its probabilities, every exchange made
//! (for "Stats for nerds") and the error that stopped it. The page performs the two HTTP
//! calls; reading each answer into the output is here.

use super::{
    DEFAULT_BASE_URL, MetadataCheck, ModelMetadata, check_metadata, max_abs_diff,
    parse_infer_response, parse_metadata,
};

/// The engine's `SongScored`: the model's inputs for the song and its own probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub features: Vec<String>,
    pub scaled: Vec<f32>,
    pub classes: Vec<String>,
    /// Class order.
    pub probabilities: Vec<f64>,
}

/// A request and what came back.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub method: &'static str,
    pub url: String,
    /// The exact JSON sent (POST).
    pub request: Option<String>,
    /// `None`: no answer reached the page (network, CORS, timeout).
    pub status: Option<u16>,
    pub response: String,
    pub round_trip_ms: f64,
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
        Some(max_abs_diff(served, &self.score.probabilities))
    }

    /// Reads the metadata answer: the layout to send, or the error that stops here.
    pub fn take_metadata(&mut self, text: &str) -> Option<MetadataCheck> {
        let checked = parse_metadata(text).and_then(|metadata| {
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
        match parse_infer_response(text, self.score.classes.len()) {
            Ok(served) => self.served = Some(served),
            Err(error) => self.error = Some(error.to_string()),
        }
    }
}

/// Where a Serve cell's calls go: the served model's name (the cell's own model when left
/// empty) and the server's base URL ([`DEFAULT_BASE_URL`] when left empty).
pub fn served_target(model: &str, served_model: &str, base_url: &str) -> (String, String) {
    let name = if served_model.trim().is_empty() {
        model
    } else {
        served_model
    };
    let base_url = if base_url.trim().is_empty() {
        DEFAULT_BASE_URL
    } else {
        base_url
    };
    (name.to_string(), base_url.to_string())
}
