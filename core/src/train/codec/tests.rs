//! Every model through bytes and back: the same probabilities to the bit; damaged bytes
//! refused with a reason.

use super::*;
use crate::demo::DemoConfig;
use crate::engine::Engine;
use crate::notebook::{DEMO_PROPERTIES, DEMO_RANKINGS};
use crate::prepare::PrepareStep;
use crate::protocol::{Request, RequestBody, ResponseBody};
use crate::train::job::{JobState, TrainedRun};
use crate::train::{
    BoostingParams, ForestParams, KnnParams, LogisticParams, Matrix, NetworkParams, TrainSpec,
    TreeParams,
};

/// The demo merged as the course does, as dataset `charts`.
fn engine_with_charts(n_songs: usize, n_days: usize) -> Engine {
    let mut engine = Engine::new();
    let config = DemoConfig {
        n_songs,
        n_days,
        ..DemoConfig::default()
    };
    let steps = vec![
        PrepareStep::CourseMerge {
            properties: DEMO_PROPERTIES.into(),
        },
        PrepareStep::DropNulls {
            columns: Vec::new(),
        },
    ];
    for body in [
        RequestBody::LoadDemo { config },
        RequestBody::Prepare {
            input: DEMO_RANKINGS.into(),
            steps,
            output: "charts".into(),
        },
    ] {
        let reply = engine.handle(Request { id: 1, body }, None, &|| 0.0).body;
        assert!(matches!(reply, ResponseBody::Loaded { .. }), "{reply:?}");
    }
    engine
}

fn train(engine: &Engine, model: ModelSpec, max_train_rows: Option<usize>) -> TrainedRun {
    let spec = TrainSpec {
        model,
        max_train_rows,
        ..TrainSpec::default()
    };
    let mut job = engine.start_training("charts", spec, "m").unwrap();
    while let JobState::Running(_) = job.step(&mut || true).unwrap() {}
    job.finish(false).unwrap()
}

fn small_models() -> Vec<ModelSpec> {
    vec![
        ModelSpec::Network(NetworkParams {
            hidden: vec![8],
            epochs: 1,
            ..NetworkParams::default()
        }),
        ModelSpec::LogisticRegression(LogisticParams { alpha: 1.0 }),
        ModelSpec::DecisionTree(TreeParams {
            max_depth: Some(6),
            ..TreeParams::default()
        }),
        ModelSpec::RandomForest(ForestParams {
            n_trees: 3,
            max_depth: Some(4),
            ..ForestParams::default()
        }),
        ModelSpec::Knn(KnnParams {
            k: 3,
            distance_weighted: true,
        }),
        ModelSpec::GaussianNb,
        ModelSpec::HistGradientBoosting(BoostingParams {
            max_iter: 3,
            ..BoostingParams::default()
        }),
    ]
}

fn bits(m: &Matrix) -> Vec<u32> {
    m.data.iter().map(|v| v.to_bits()).collect()
}

#[test]
fn every_model_decodes_to_bit_identical_probabilities() {
    let engine = engine_with_charts(300, 3);
    for model in small_models() {
        let run = train(&engine, model, Some(300));
        let bytes = encode(&run.model);
        let decoded = decode(&bytes, run.model.report.clone()).unwrap();
        assert_eq!(decoded.report, run.model.report);
        for (x, _) in [&run.test, &run.validation] {
            assert!(x.n_rows > 0);
            let before = run.model.predict_proba_scaled(x).unwrap();
            let after = decoded.predict_proba_scaled(x).unwrap();
            assert_eq!(
                bits(&before),
                bits(&after),
                "{}",
                run.model.report.spec.model.label()
            );
        }
        println!(
            "{}: {} bytes",
            run.model.report.spec.model.label(),
            bytes.len()
        );
    }
}

#[test]
fn every_truncation_of_an_encoded_model_is_an_error() {
    let engine = engine_with_charts(300, 3);
    for model in small_models() {
        let run = train(&engine, model, Some(100));
        let bytes = encode(&run.model);
        for end in 0..bytes.len() {
            let result = decode(&bytes[..end], run.model.report.clone());
            assert!(result.is_err(), "{} bytes of {} decoded", end, bytes.len());
        }
        let mut longer = bytes.clone();
        longer.push(0);
        let error = decode(&longer, run.model.report.clone()).unwrap_err();
        assert!(error.to_string().contains("left over"), "{error}");
    }
}

#[test]
#[allow(clippy::disallowed_methods)] // native timing of a test, never built for wasm32
fn the_course_network_and_a_fifty_tree_forest_have_the_expected_sizes() {
    let engine = engine_with_charts(1_600, 12);
    let network = train(
        &engine,
        ModelSpec::Network(NetworkParams {
            epochs: 1,
            ..NetworkParams::default()
        }),
        Some(2_000),
    );
    let bytes = encode(&network.model);
    // Header 7, activation 1, layer count 8; per layer two sizes, two lengths, the values.
    let sizes = [13, 32, 64, 128, 256, network.model.report.classes.len()];
    let expected: usize = 16
        + sizes
            .windows(2)
            .map(|p| 32 + 4 * (p[0] * p[1] + p[1]))
            .sum::<usize>();
    assert_eq!(bytes.len(), expected);
    println!(
        "course network ({} classes): {} bytes",
        sizes[5],
        bytes.len()
    );

    let forest = train(
        &engine,
        ModelSpec::RandomForest(ForestParams::default()),
        Some(20_000),
    );
    assert_eq!(forest.model.report.sizes.n_train, 20_000);
    let started = std::time::Instant::now();
    let bytes = encode(&forest.model);
    let encode_ms = started.elapsed().as_secs_f64() * 1e3;
    let started = std::time::Instant::now();
    let decoded = decode(&bytes, forest.model.report.clone()).unwrap();
    let decode_ms = started.elapsed().as_secs_f64() * 1e3;
    let x = &forest.test.0;
    assert_eq!(
        bits(&forest.model.predict_proba_scaled(x).unwrap()),
        bits(&decoded.predict_proba_scaled(x).unwrap())
    );
    println!(
        "50-tree forest on 20,000 rows: {} bytes (encode {encode_ms:.1} ms, decode {decode_ms:.1} ms)",
        bytes.len()
    );
}

#[test]
fn wrong_magic_newer_version_and_another_kind_are_refused_with_a_reason() {
    let engine = engine_with_charts(300, 3);
    let run = train(&engine, ModelSpec::GaussianNb, None);
    let report = run.model.report.clone();
    let bytes = encode(&run.model);
    let mut other = bytes.clone();
    other[0] = b'X';
    assert_eq!(
        decode(&other, report.clone()).unwrap_err(),
        CodecError::NotAModel
    );
    let mut newer = bytes.clone();
    newer[4..6].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let error = decode(&newer, report.clone()).unwrap_err();
    assert!(error.to_string().contains("update Jukebox"), "{error}");
    let mut as_tree = report;
    as_tree.spec.model = ModelSpec::DecisionTree(TreeParams::default());
    let error = decode(&bytes, as_tree).unwrap_err();
    assert_eq!(
        error,
        CodecError::KindMismatch {
            found: "Gaussian naive Bayes",
            expected: "decision tree"
        }
    );
}

#[test]
fn a_huge_count_is_refused_before_anything_is_allocated() {
    let engine = engine_with_charts(300, 3);
    let run = train(&engine, ModelSpec::Knn(KnnParams::default()), Some(50));
    let mut bytes = encode(&run.model);
    // Header 7, then n_features, n_classes, k, weighted (1), n_rows: the row values' count.
    let at = 7 + 8 * 3 + 1 + 8;
    bytes[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
    let error = decode(&bytes, run.model.report.clone()).unwrap_err();
    assert!(matches!(error, CodecError::Truncated { .. }), "{error}");
}

#[test]
fn a_tree_node_pointing_back_to_the_root_is_refused() {
    let engine = engine_with_charts(300, 3);
    let run = train(
        &engine,
        ModelSpec::DecisionTree(TreeParams::default()),
        Some(200),
    );
    let mut bytes = encode(&run.model);
    // Header 7, n_features, n_classes, n_trees, n_nodes; then the root: feature, threshold, left.
    let left = 7 + 8 * 4 + 8;
    bytes[left..left + 4].copy_from_slice(&0_u32.to_le_bytes());
    let error = decode(&bytes, run.model.report.clone()).unwrap_err();
    assert!(
        error.to_string().contains("node 0 points outside"),
        "{error}"
    );
}
