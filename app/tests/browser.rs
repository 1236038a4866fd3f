//! The browser tests, one binary: each file below is a module, as it was a test binary of its
//! own before. One binary is linked, processed by wasm-bindgen and started in Chromium once
//! instead of eighteen times (about two minutes of every `make test-wasm`). The tests run one
//! after another in one page, as each file's tests always did; each test sets up the state it
//! needs (its own IndexedDB names, a fresh mount point).
// Helpers the test modules share (tests may unwrap: a panic is a failed test).
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod monitor_values;
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod run_records;

#[path = "chart.rs"]
mod chart;
#[path = "icons.rs"]
mod icons;
#[path = "model_evaluate.rs"]
mod model_evaluate;
#[path = "model_train.rs"]
mod model_train;
#[path = "monitor_alerts.rs"]
mod monitor_alerts;
#[path = "monitor_drift.rs"]
mod monitor_drift;
#[path = "monitor_explain.rs"]
mod monitor_explain;
#[path = "monitor_fairness.rs"]
mod monitor_fairness;
#[path = "output.rs"]
mod output;
#[path = "predict.rs"]
mod predict;
#[path = "registry.rs"]
mod registry;
#[path = "runs.rs"]
mod runs;
#[path = "runs_compare.rs"]
mod runs_compare;
#[path = "serve.rs"]
mod serve;
#[path = "settings.rs"]
mod settings;
#[path = "storage.rs"]
mod storage;
#[path = "undo.rs"]
mod undo;
#[path = "validate.rs"]
mod validate;
#[path = "web.rs"]
mod web;
