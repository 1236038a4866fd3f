//! The engine: what the worker does with each request. It lives here, not in the worker
//! binary, so it is tested natively; the worker only moves messages and reads the clock.

use std::collections::BTreeMap;

use polars_core::prelude::DataFrame;

use crate::demo::{DemoConfig, generate};
use crate::protocol::{Request, RequestBody, Response, ResponseBody};
use crate::summary::{DatasetSummary, summarize_table};

/// Name under which the built-in demo dataset is kept.
pub const DEMO_DATASET: &str = "demo";

/// The datasets loaded so far, each a set of named tables.
#[derive(Debug, Default)]
pub struct Engine {
    datasets: BTreeMap<String, Vec<(String, DataFrame)>>,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    /// The greeting the worker sends when it starts.
    pub fn ready() -> Response {
        Response {
            id: None,
            body: ResponseBody::Ready {
                engine_version: crate::APP_VERSION.to_string(),
            },
        }
    }

    /// Handles one request; `now_ms` reads the host's clock (performance.now in a worker).
    pub fn handle(&mut self, request: Request, now_ms: &dyn Fn() -> f64) -> Response {
        let started = now_ms();
        let body = match request.body {
            RequestBody::LoadDemo { config } => match self.load_demo(&config) {
                Ok(summary) => ResponseBody::DatasetLoaded {
                    summary,
                    elapsed_ms: now_ms() - started,
                },
                Err(error) => ResponseBody::Failed {
                    message: format!("Loading the demo data failed: {error}"),
                },
            },
        };
        Response {
            id: Some(request.id),
            body,
        }
    }

    fn load_demo(&mut self, config: &DemoConfig) -> crate::Result<DatasetSummary> {
        let tables = generate(config)?;
        let tables = vec![
            ("song_properties".to_string(), tables.song_properties),
            ("song_rankings".to_string(), tables.song_rankings),
        ];
        let summary = DatasetSummary {
            name: DEMO_DATASET.to_string(),
            tables: tables
                .iter()
                .map(|(n, df)| summarize_table(n, df))
                .collect(),
        };
        self.datasets.insert(DEMO_DATASET.to_string(), tables);
        Ok(summary)
    }

    /// Names of the loaded datasets.
    pub fn dataset_names(&self) -> Vec<&str> {
        self.datasets.keys().map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_demo_and_answers_with_its_summary() {
        let mut engine = Engine::new();
        let config = DemoConfig {
            n_songs: 400,
            n_days: 5,
            ..DemoConfig::default()
        };
        let response = engine.handle(
            Request {
                id: 9,
                body: RequestBody::LoadDemo { config },
            },
            &|| 0.0,
        );
        assert_eq!(response.id, Some(9));
        let ResponseBody::DatasetLoaded { summary, .. } = response.body else {
            panic!("expected a dataset, got {:?}", response.body);
        };
        assert_eq!(summary.tables[1].n_rows, 73 * 50 * 5);
        assert_eq!(engine.dataset_names(), vec!["demo"]);
    }

    #[test]
    fn a_bad_demo_setting_fails_with_a_message_not_a_panic() {
        let mut engine = Engine::new();
        let config = DemoConfig {
            n_days: 0,
            ..DemoConfig::default()
        };
        let response = engine.handle(
            Request {
                id: 1,
                body: RequestBody::LoadDemo { config },
            },
            &|| 0.0,
        );
        let ResponseBody::Failed { message } = response.body else {
            panic!("expected a failure");
        };
        assert!(message.contains("n_days"), "{message}");
    }
}
