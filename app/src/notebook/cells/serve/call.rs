//! A Serve cell after the engine's answer: the page asks the served model for its metadata
//! (`GET v2/models/{name}`), checks it against the run, sends the song's scaled features
//! (`POST …/infer`) and keeps everything for the output, errors included.

use jukebox_core::notebook::CellSpec;
use jukebox_core::serving::{infer_request, infer_url, metadata_url, served_target};

use super::exchange;
use super::served::{Score, ServeOutput};

/// Where a new Serve cell looks (the core's).
pub use jukebox_core::serving::DEFAULT_BASE_URL;

/// Calls the served model `name` at `base_url` with `score`'s inputs.
pub async fn call(base_url: &str, name: &str, score: Score) -> ServeOutput {
    let mut output = ServeOutput::new(score);
    let (metadata_url, infer_url) = match (metadata_url(base_url, name), infer_url(base_url, name))
    {
        (Ok(metadata), Ok(infer)) => (metadata, infer),
        (Err(sentence), _) | (_, Err(sentence)) => {
            output.error = Some(sentence);
            return output;
        }
    };
    let (metadata, outcome) = exchange::send("GET", &metadata_url, None).await;
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
    let (infer, outcome) = exchange::send("POST", &infer_url, Some(body)).await;
    match outcome {
        Ok(()) => output.take_infer(&infer.response),
        Err(sentence) => output.error = Some(sentence),
    }
    output.exchanges.push(infer);
    output
}

/// Compares the engine's `score` with the served model the Serve cell `spec` names (its own
/// model's name when left empty, the default base URL when none is given). `None`: `spec`
/// is not a Serve cell.
pub async fn compare(spec: &CellSpec, score: Score) -> Option<ServeOutput> {
    let CellSpec::Serve {
        model,
        base_url,
        served_model,
        ..
    } = spec
    else {
        return None;
    };
    let (name, base_url) = served_target(model, served_model, base_url);
    Some(call(&base_url, &name, score).await)
}
