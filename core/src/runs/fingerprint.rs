//! Fingerprints of datasets as they enter the engine: a loaded file or URL by the SHA-256 of
//! its bytes, a demo table by its generator's settings and version, a prepared table by its
//! inputs' fingerprints and the steps — so the same data always gets the same fingerprint,
//! and a run can tell whether the data it was trained on is loaded again.

use polars_core::prelude::DataFrame;
use sha2::{Digest, Sha256};

use super::DatasetFingerprint;
use crate::demo::{DEMO_VERSION, DemoConfig};
use crate::hash::{hex, sha256_hex};
use crate::prepare::PrepareStep;
use crate::summary::summarize_table;

/// Demo table `name` generated from `config`: the hash covers the settings (as JSON), the
/// generator's version and the table's name (both tables come from one configuration).
pub fn demo(name: &str, config: &DemoConfig, df: &DataFrame) -> DatasetFingerprint {
    // Serialising a plain struct of numbers cannot fail; its field order is fixed.
    let settings = serde_json::to_string(config).unwrap_or_default();
    let text = format!("jukebox demo v{DEMO_VERSION}\n{settings}\n{name}");
    with_shape(
        name,
        format!("demo seed {} v{DEMO_VERSION}", config.seed),
        sha256_hex(text.as_bytes()),
        df,
    )
}

/// A table read from `bytes`; `origin` says from where (`file charts.parquet`, the URL).
pub fn of_bytes(name: &str, origin: String, bytes: &[u8], df: &DataFrame) -> DatasetFingerprint {
    with_shape(name, origin, sha256_hex(bytes), df)
}

/// A table a Prepare cell made from `inputs` (its input first, then the tables its steps
/// read) with `steps`.
pub fn prepared(
    name: &str,
    inputs: &[&DatasetFingerprint],
    steps: &[PrepareStep],
    df: &DataFrame,
) -> DatasetFingerprint {
    let mut hasher = Sha256::new();
    for input in inputs {
        hasher.update(input.sha256.as_bytes());
        hasher.update(b"\n");
    }
    // Steps are plain data; serialising them cannot fail.
    hasher.update(serde_json::to_string(steps).unwrap_or_default().as_bytes());
    let sha256 = hex(&hasher.finalize());
    let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
    with_shape(
        name,
        format!("prepared from {}", names.join(", ")),
        sha256,
        df,
    )
}

/// The other datasets `steps` read (joined tables), in order, without repeats.
pub fn step_inputs(steps: &[PrepareStep]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for step in steps {
        let name = match step {
            PrepareStep::Join { right, .. } => right,
            PrepareStep::CourseMerge { properties } => properties,
            _ => continue,
        };
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    names
}

fn with_shape(name: &str, origin: String, sha256: String, df: &DataFrame) -> DatasetFingerprint {
    DatasetFingerprint {
        name: name.to_string(),
        origin,
        sha256,
        columns: summarize_table(name, df).columns,
        rows: df.height() as u64,
    }
}

/// `fingerprint` followed by `sources`, each (name, sha256) once, in first-seen order.
pub fn with_sources(
    fingerprint: &DatasetFingerprint,
    sources: &[DatasetFingerprint],
) -> Vec<DatasetFingerprint> {
    let mut out: Vec<DatasetFingerprint> = Vec::with_capacity(sources.len() + 1);
    for f in std::iter::once(fingerprint).chain(sources) {
        if !out.iter().any(|o| o.name == f.name && o.sha256 == f.sha256) {
            out.push(f.clone());
        }
    }
    out
}
