//! A Serve cell after the engine's answer: the page asks the served model for its metadata
//! (`GET v2/models/{name}`), checks it against the run, sends the song's scaled features
//! (`POST …/infer`) and keeps everything for the output ([`view`]), errors included.

mod http;
pub mod view;

use jukebox_core::notebook::CellSpec;
use jukebox_core::protocol::ResponseBody;
// What the cell shows and the reading of each answer are the core's (`jukebox_core::serving`).
pub use jukebox_core::serving::{Exchange, Score, ServeOutput};
use jukebox_core::serving::{infer_request, infer_url, metadata_url, served_target};
use leptos::prelude::*;

use super::state::{CellEntry, CellOutput, CellStatus, now_ms};

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
pub async fn finish(entry: CellEntry, reply: ResponseBody, started_ms: f64) {
    let ResponseBody::SongScored {
        features,
        scaled,
        classes,
        probabilities,
        elapsed_ms,
    } = reply
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
    let (name, base_url) = served_target(&model, &served_model, &base_url);
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
