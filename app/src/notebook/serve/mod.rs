//! A Serve cell after the engine's answer: the page asks the served model for its metadata
//! (`GET v2/models/{name}`), checks it against the run, sends the song's scaled features
//! (`POST …/infer`) and keeps everything for the output ([`view`]), errors included.

mod http;
pub mod view;

use jukebox_core::notebook::CellSpec;
use jukebox_core::protocol::ResponseBody;
use jukebox_core::serving::{
    self, MetadataCheck, ModelMetadata, check_metadata, infer_request, infer_url, metadata_url,
};
use leptos::prelude::*;

use crate::engine_client::Reply;

use super::edit::serve::DEFAULT_BASE_URL;
use super::state::{CellEntry, CellOutput, CellStatus, now_ms};

pub use http::Exchange;

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

/// Calls the served model `name` at `base_url` with `score`'s inputs.
pub async fn call(base_url: &str, name: &str, score: Score) -> ServeOutput {
    let mut output = ServeOutput::new(score);
    let (metadata, outcome) = http::send("GET", &metadata_url(base_url, name), None).await;
    let check = match outcome {
        Ok(()) => output.take_metadata(&metadata.response),
        Err(sentence) => {
            output.error = Some(sentence);
            None
        }
    };
    output.exchanges.push(metadata);
    let Some(check) = check else { return output };
    let body = infer_request(&check.layout, &output.score.scaled).to_string();
    let (infer, outcome) = http::send("POST", &infer_url(base_url, name), Some(body)).await;
    match outcome {
        Ok(()) => output.take_infer(&infer.response),
        Err(sentence) => output.error = Some(sentence),
    }
    output.exchanges.push(infer);
    output
}

/// Ends a Serve cell's run after the engine's `reply`: calls the served model named in the
/// cell (its own model's name when left empty) and shows the outcome. `started_ms`: when the
/// cell's run began, for its wall time.
pub async fn finish(entry: CellEntry, reply: Reply, started_ms: f64) {
    let elapsed_ms = reply.elapsed_ms;
    let ResponseBody::SongScored {
        features,
        scaled,
        classes,
        probabilities,
    } = reply.body
    else {
        return;
    };
    let CellSpec::Serve {
        model,
        base_url,
        served_model,
        ..
    } = entry.spec.get_untracked()
    else {
        return;
    };
    let score = Score {
        features,
        scaled,
        classes,
        probabilities,
    };
    let name = if served_model.trim().is_empty() {
        model
    } else {
        served_model
    };
    let base_url = if base_url.trim().is_empty() {
        DEFAULT_BASE_URL.to_string()
    } else {
        base_url
    };
    let output = call(&base_url, &name, score).await;
    let status = if output.error.is_some() {
        CellStatus::Failed {
            message: "The served model could not be compared: see below.".to_string(),
        }
    } else {
        CellStatus::Done {
            elapsed_ms,
            wall_ms: now_ms() - started_ms,
        }
    };
    entry.output.set(Some(CellOutput::Served(Box::new(output))));
    entry.status.set(status);
}
