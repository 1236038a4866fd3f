//! Writes every exported ONNX variant of small models trained on the demo data, for
//! `scripts/onnx_check.py` to run with onnxruntime:
//!
//! `cargo run -p jukebox-core --example onnx_fixtures -- <dir>`
//!
//! For each variant `<dir>/<name>.onnx` and `<dir>/<name>.json`: the inputs as the graph takes
//! them for 1,000 demo rows (raw values when the scaler is folded, scaled otherwise) and the
//! app's probabilities for those rows.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};

use jukebox_core::countries::COUNTRIES;
use jukebox_core::demo::{DemoConfig, generate};
use jukebox_core::onnx::{InputLayout, OnnxOptions, SINGLE_INPUT_NAME, export};
use jukebox_core::prepare::{Condition, PrepareStep, Scalar, apply_steps};
use jukebox_core::train::data::extract;
use jukebox_core::train::job::{JobState, TrainingJob};
use jukebox_core::train::model::TrainedModel;
use jukebox_core::train::{
    Activation, LogisticParams, Matrix, ModelSpec, NetworkParams, ScalerKind, TrainSpec,
};
use polars_core::prelude::DataFrame;
use serde_json::{Value, json};

const N_ROWS: usize = 1_000;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() -> Result<()> {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .ok_or("usage: onnx_fixtures <output directory>")?
        .into();
    std::fs::create_dir_all(&dir)?;
    let all = demo_table(false)?;
    let binary = demo_table(true)?;
    let network = |activation, scaler| TrainSpec {
        model: ModelSpec::Network(NetworkParams {
            hidden: vec![16, 8],
            activation,
            epochs: 1,
            ..NetworkParams::default()
        }),
        scaler,
        ..TrainSpec::default()
    };
    let logistic = |max_train_rows| TrainSpec {
        model: ModelSpec::LogisticRegression(LogisticParams { alpha: 1.0 }),
        max_train_rows,
        ..TrainSpec::default()
    };
    let models = [
        (
            "network_relu_minmax",
            &all,
            network(Activation::Relu, ScalerKind::MinMax),
        ),
        (
            "network_tanh_standard",
            &all,
            network(Activation::Tanh, ScalerKind::Standard),
        ),
        (
            "network_sigmoid_unscaled",
            &all,
            network(Activation::Sigmoid, ScalerKind::None),
        ),
        ("logistic", &all, logistic(None)),
        // 150 training rows leave some countries out: their columns are placed at 0.
        ("logistic_absent_classes", &all, logistic(Some(150))),
        ("logistic_binary", &binary, logistic(None)),
    ];
    for (name, df, spec) in models {
        let model = train(df, spec)?;
        for options in all_options() {
            write_variant(&dir, name, df, &model, options)?;
        }
    }
    Ok(())
}

fn all_options() -> impl Iterator<Item = OnnxOptions> {
    [InputLayout::PerFeature, InputLayout::Single]
        .into_iter()
        .flat_map(|inputs| {
            [false, true].map(|fold_scaler| OnnxOptions {
                inputs,
                fold_scaler,
            })
        })
}

/// `<name>_<layout>_<raw|scaled>.onnx` and its `.json`.
fn write_variant(
    dir: &Path,
    name: &str,
    df: &DataFrame,
    model: &TrainedModel,
    options: OnnxOptions,
) -> Result<()> {
    let onnx = export(model, &options)?;
    let (raw, scaled) = rows(df, model)?;
    let expected = model.predict_proba_scaled(&scaled)?;
    let x = if options.fold_scaler { &raw } else { &scaled };
    let features = &model.report.spec.features;
    let inputs: BTreeMap<&str, Value> = match options.inputs {
        InputLayout::PerFeature => features
            .iter()
            .enumerate()
            .map(|(j, f)| {
                let column: Vec<f32> = (0..x.n_rows).map(|i| x.row(i)[j]).collect();
                (f.as_str(), tensor(&[x.n_rows, 1], &column))
            })
            .collect(),
        InputLayout::Single => {
            BTreeMap::from([(SINGLE_INPUT_NAME, tensor(&[x.n_rows, x.n_cols], &x.data))])
        }
    };
    let layout = match options.inputs {
        InputLayout::PerFeature => "per_feature",
        InputLayout::Single => "single",
    };
    let scaling = if options.fold_scaler { "raw" } else { "scaled" };
    let stem = format!("{name}_{layout}_{scaling}");
    let fixture = json!({
        "classes": model.report.classes,
        "features": features,
        // What the graph takes: raw values when it scales them itself or the run had no scaler.
        "inputs_are": if options.fold_scaler || model.report.scaler.kind == ScalerKind::None { "raw" } else { "scaled" },
        "inputs": inputs,
        "probabilities": tensor(&[expected.n_rows, expected.n_cols], &expected.data),
    });
    std::fs::write(dir.join(format!("{stem}.onnx")), &onnx)?;
    std::fs::write(
        dir.join(format!("{stem}.json")),
        serde_json::to_vec(&fixture)?,
    )?;
    Ok(())
}

fn tensor(shape: &[usize], data: &[f32]) -> Value {
    json!({ "shape": shape, "data": data })
}

/// The demo (400 songs, 5 days) merged as the course does; with `two_countries`, only the
/// charts of the first two countries (a binary target).
fn demo_table(two_countries: bool) -> Result<DataFrame> {
    let config = DemoConfig {
        n_songs: 400,
        n_days: 5,
        ..DemoConfig::default()
    };
    let tables = generate(&config)?;
    let datasets = BTreeMap::from([("properties".to_string(), tables.song_properties)]);
    let mut steps = vec![
        PrepareStep::CourseMerge {
            properties: "properties".into(),
        },
        PrepareStep::DropNulls {
            columns: Vec::new(),
        },
    ];
    if two_countries {
        let values = COUNTRIES[..2]
            .iter()
            .map(|c| Scalar::Text(c.code.into()))
            .collect();
        steps.push(PrepareStep::Filter {
            column: "country".into(),
            condition: Condition::InList { values },
        });
    }
    Ok(apply_steps(&steps, tables.song_rankings, &datasets)?)
}

fn train(df: &DataFrame, spec: TrainSpec) -> Result<TrainedModel> {
    let mut job = TrainingJob::start("fixture", spec.check()?, df)?;
    while let JobState::Running(_) = job.step(&mut || true)? {}
    Ok(job.finish(false)?.model)
}

/// 1,000 raw rows of `df` in the model's feature order (repeated if fewer), and scaled.
fn rows(df: &DataFrame, model: &TrainedModel) -> Result<(Matrix, Matrix)> {
    let spec = &model.report.spec;
    let data = extract(df, &spec.features, &spec.target)?;
    let picks: Vec<usize> = (0..N_ROWS).map(|i| i % data.x.n_rows.max(1)).collect();
    let raw = data.x.select_rows(&picks);
    let mut scaled = raw.clone();
    model.report.scaler.transform(&mut scaled);
    Ok((raw, scaled))
}
