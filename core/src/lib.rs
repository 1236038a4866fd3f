//! Jukebox's engine, in pure Rust so it runs natively (tests, the future CLI) and in the
//! browser's engine worker alike.
//!
//! - [`demo`] generates the built-in demo tables (the course's two schemas) from a seed;
//! - [`course`] names the course's 13 features, its target and join key;
//! - [`countries`] is the fixed list of the 72 chart countries and their regions;
//! - [`io`] reads tables from bytes (Parquet, CSV) with errors that say what to do;
//! - [`monitor`] watches a model: drift, fairness, alerts (also as Prometheus text);
//! - [`explain`] explains a prediction: SHAP values, permutation importance, counterfactuals;
//! - [`explore`] answers pandas-style questions of a table (preview, describe, correlations…);
//! - [`format`] prints values as pandas does (float columns, `describe()`), counts, colours;
//! - [`prepare`] runs a Prepare cell's steps (joins, filters, label encoding…) on a table;
//! - [`chart`] turns a table into drawable chart data (bins, sampled points, series);
//! - [`notebook`] is the notebook: typed cells reading and writing datasets by name;
//! - [`train`] trains, evaluates and applies models (the course's network, the classic models);
//! - [`world`] turns world-atlas `TopoJSON` into projected SVG country outlines;
//! - [`onnx`] exports the network and logistic regression as ONNX (core operators), with a model card;
//! - [`registry`] pushes a run to MLflow or the Kubeflow Model Registry, step by step, resumably;
//! - [`serving`] calls a served model over the Open Inference Protocol (`KServe` v2);
//! - [`no_answer`] says why a request got no response: a server down or one refusing CORS;
//! - [`runs`] is experiment tracking: run records, fingerprints, filters and comparisons;
//! - [`share`] puts a notebook into a link (`#nb=1.…`) and reads it back, bounded;
//! - [`markdown`] renders Markdown cells to HTML with raw HTML and unsafe URLs removed;
//! - [`hash`] is the content hash (SHA-256, hex) of files, models and exports;
//! - [`archive`] is "export everything" as one checked file, and importing it back;
//! - [`store`] is what the page keeps in the browser (saved notebooks, cached files);
//! - [`summary`] describes a loaded dataset for the shell (tables, rows, columns, dates);
//! - [`parallel`] runs independent pieces of work side by side where the host has threads;
//! - [`engine`] handles the worker's requests (datasets it keeps, work it does);
//! - [`protocol`] holds the messages between the UI thread and the engine worker;
//! - [`missing_column`] is the one "column not found" error, with the closest name;
//! - [`error`] is the one error type, with messages a user can act on.
//!
//! Nothing here depends on web crates: CI checks it with `cargo tree`.

pub mod archive;
mod bytes_base64;
pub mod calendar;
pub mod chart;
pub mod contract;
pub mod countries;
pub mod course;
pub mod demo;
pub mod endpoint_url;
#[cfg(feature = "engine")]
pub mod engine;
pub mod error;
pub mod explain;
pub mod explore;
pub mod format;
pub mod hash;
pub mod io;
pub mod markdown;
pub mod missing_column;
pub mod monitor;
pub mod no_answer;
pub mod notebook;
pub mod onnx;
pub mod parallel;
pub mod prepare;
pub mod protocol;
pub mod random;
pub mod registry;
pub mod report;
pub mod runs;
pub mod serving;
pub mod share;
pub mod store;
pub mod summary;
#[cfg(test)]
pub(crate) mod testdata;
pub mod train;
pub mod world;

pub use error::{JukeboxError, Result};

/// The version the app reports in its footer, run records and exported files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
