//! One HTTP exchange with the served model, kept whole for "Stats for nerds"; failures in
//! words: a server that cannot be reached, one whose CORS refuses this origin (told apart by
//! a second `no-cors` request), a timeout, a non-2xx answer with the server's message.

use jukebox_core::no_answer::NoAnswer;
pub use jukebox_core::serving::Exchange;
use jukebox_core::serving::{http_failure, no_answer, timed_out};

use crate::browser::clock::now_ms;
use crate::browser::fetch::{FetchError, Request, answers_without_cors, fetch, page_origin};

/// Longer than any model's answer; a server that hangs must not hold the notebook's runner.
const TIMEOUT_MS: u32 = 30_000;

/// Sends `body` (JSON) to `url` with `method`: the exchange, and the sentence that says what
/// went wrong if it did.
pub async fn send(
    method: &'static str,
    url: &str,
    body: Option<String>,
) -> (Exchange, Result<(), String>) {
    let started = now_ms();
    let mut exchange = Exchange {
        method,
        url: url.to_string(),
        request: body,
        status: None,
        response: String::new(),
        round_trip_ms: 0.0,
    };
    let mut request = Request::new(method, url).timeout_ms(TIMEOUT_MS);
    if let Some(body) = &exchange.request {
        // `application/json` makes the browser ask the server first (CORS preflight).
        request = request
            .header("Content-Type", "application/json")
            .body(body.as_str());
    }
    let answer = fetch(&request).await;
    exchange.round_trip_ms = now_ms() - started;
    let outcome = match answer {
        Err(FetchError::TimedOut) => Err(timed_out(method, url, TIMEOUT_MS / 1000)),
        Err(FetchError::NoResponse(error)) => {
            let why = NoAnswer::from_no_cors_probe(answers_without_cors(url).await);
            Err(no_answer(method, url, &page_origin(), &error.named(), why))
        }
        Ok(answer) => match answer.text {
            // The answer came (so not CORS, not unreachable) but its body could not be read.
            Err(error) => Err(format!(
                "{method} {url}: the answer broke off ({}). Run the cell again.",
                error.named()
            )),
            Ok(text) => {
                exchange.status = Some(answer.status);
                exchange.response = text;
                if (200..300).contains(&answer.status) {
                    Ok(())
                } else {
                    Err(http_failure(
                        method,
                        url,
                        answer.status,
                        &answer.status_text,
                        &exchange.response,
                    ))
                }
            }
        },
    };
    (exchange, outcome)
}
