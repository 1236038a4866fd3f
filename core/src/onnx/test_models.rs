//! Small models trained on the demo data for the export tests.

use std::collections::BTreeMap;

use polars_core::prelude::DataFrame;

use crate::demo::{DemoConfig, generate};
use crate::prepare::{PrepareStep, apply_steps};
use crate::train::TrainSpec;
use crate::train::job::{JobState, TrainingJob};
use crate::train::model::TrainedModel;

/// The demo (400 songs, 5 days) merged as the course does.
pub fn demo_table() -> DataFrame {
    let config = DemoConfig {
        n_songs: 400,
        n_days: 5,
        ..DemoConfig::default()
    };
    let tables = generate(&config).unwrap();
    let datasets = BTreeMap::from([("properties".to_string(), tables.song_properties)]);
    let steps = [
        PrepareStep::CourseMerge {
            properties: "properties".into(),
        },
        PrepareStep::DropNulls {
            columns: Vec::new(),
        },
    ];
    apply_steps(&steps, tables.song_rankings, &datasets).unwrap()
}

/// `spec` trained to the end on `df`.
pub fn train(df: &DataFrame, spec: TrainSpec) -> TrainedModel {
    let mut job = TrainingJob::start("onnx_test", spec.check().unwrap(), df).unwrap();
    while let JobState::Running(_) = job.step(&mut || true).unwrap() {}
    job.finish(false).unwrap().model
}
