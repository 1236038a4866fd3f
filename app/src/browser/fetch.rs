//! The page's one `fetch`: a request with headers, a body and an optional timeout; the answer's
//! status and text; and when no answer came, why ([`FetchError`]: a timeout, the browser's
//! error — a network failure or a CORS refusal, which it does not tell apart —, or a body that
//! broke off). [`answers_without_cors`] then tells those two apart with a `no-cors` request.
//! Each caller words the failure for its own context (a notebook link, a served model, a
//! registry).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, RequestMode, Response};

use super::error::AppError;
use super::js_error::JsError;

/// A request for [`fetch`].
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<JsValue>,
    /// Given up after this long (`AbortSignal.timeout`, body included); `None`: as long as the
    /// browser waits.
    pub timeout_ms: Option<u32>,
    /// Refuse a body the server says is longer (its `Content-Length`) before reading it.
    pub max_bytes: Option<usize>,
}

impl<'a> Request<'a> {
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Self {
            method,
            url,
            headers: Vec::new(),
            body: None,
            timeout_ms: None,
            max_bytes: None,
        }
    }

    pub fn get(url: &'a str) -> Self {
        Self::new("GET", url)
    }

    #[must_use]
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    #[must_use]
    pub fn body(mut self, body: impl Into<JsValue>) -> Self {
        self.body = Some(body.into());
        self
    }

    #[must_use]
    pub fn timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = Some(timeout_ms);
        self
    }

    #[must_use]
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = Some(max_bytes);
        self
    }
}

/// What came back: the status and the body as text (`Err`: the answer came, but its body
/// could not be read).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub status_text: String,
    pub text: Result<String, JsError>,
}

impl Answer {
    /// A 2xx status.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why no answer reached the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Nothing within the request's timeout.
    TimedOut,
    /// The browser's error: a network failure or a CORS refusal (it does not say which), or
    /// a request the browser refused to make.
    NoResponse(JsError),
}

impl FetchError {
    fn of(value: &JsValue) -> Self {
        let error = JsError::of(value);
        if error.name == "TimeoutError" {
            FetchError::TimedOut
        } else {
            FetchError::NoResponse(error)
        }
    }

    fn said(message: &str) -> Self {
        FetchError::NoResponse(JsError {
            name: String::new(),
            message: message.to_string(),
        })
    }
}

/// Makes `request` and reads the answer's body as text.
pub async fn fetch(request: &Request<'_>) -> Result<Answer, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError::said("no browser window"))?;
    let init = RequestInit::new();
    init.set_method(request.method);
    if !request.headers.is_empty() {
        let headers = Headers::new().map_err(|e| FetchError::of(&e))?;
        for (name, value) in &request.headers {
            headers.set(name, value).map_err(|e| FetchError::of(&e))?;
        }
        init.set_headers(&headers);
    }
    if let Some(body) = &request.body {
        init.set_body(body);
    }
    if let Some(timeout_ms) = request.timeout_ms {
        init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(timeout_ms)));
    }
    let response = JsFuture::from(window.fetch_with_str_and_init(request.url, &init))
        .await
        .map_err(|e| FetchError::of(&e))?;
    let response: Response = response.dyn_into().map_err(|_| {
        FetchError::said("the browser answered with something that is not a response")
    })?;
    if let Some(max) = request.max_bytes
        && let Some(length) = content_length(&response).filter(|&l| l > max as f64)
    {
        return Err(FetchError::said(&format!(
            "the answer is {:.0} MB, more than the {:.0} MB allowed here",
            length / 1e6,
            max as f64 / 1e6
        )));
    }
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map(|text| text.as_string().unwrap_or_default()),
        Err(e) => Err(e),
    };
    let text = match text {
        Ok(text) => Ok(text),
        // The timeout also covers the body: a body that stops coming is a timeout.
        Err(e) if FetchError::of(&e) == FetchError::TimedOut => return Err(FetchError::TimedOut),
        Err(e) => Err(JsError::of(&e)),
    };
    Ok(Answer {
        status: response.status(),
        status_text: response.status_text(),
        text,
    })
}

/// The body's length as the server states it (`Content-Length`), if it does.
pub fn content_length(response: &Response) -> Option<f64> {
    response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.trim().parse::<f64>().ok())
}

/// GETs `url` as text; the error says what went wrong, for the caller to put in context.
pub async fn fetch_text(url: &str, max_bytes: usize) -> Result<String, AppError> {
    let answer = fetch(&Request::get(url).max_bytes(max_bytes))
        .await
        .map_err(|e| match e {
            FetchError::TimedOut => AppError::new("no answer in time"),
            FetchError::NoResponse(error) => AppError::new(error.text()),
        })?;
    if !answer.ok() {
        return Err(AppError::new(format!(
            "the server answered {}",
            answer.status
        )));
    }
    answer.text.map_err(|e| AppError::new(e.text()))
}

/// After a `fetch` of `url` got no response: asks again with `mode: "no-cors"`, which
/// resolves (with an opaque response) whenever the server answers at all, so `true` means the
/// server is up and its CORS refuses this origin, `false` that it cannot be reached. `HEAD`:
/// nothing is downloaded twice.
pub async fn answers_without_cors(url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let init = RequestInit::new();
    init.set_method("HEAD");
    init.set_mode(RequestMode::NoCors);
    JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .is_ok()
}

/// The page's origin (`http://127.0.0.1:8080`), for messages about CORS.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}
