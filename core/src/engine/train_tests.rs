//! The engine training, evaluating and predicting on the demo data (small settings).

use super::*;
use crate::prepare::PrepareStep;
use crate::train::job::{JobState, TrainingJob};
use crate::train::{
    EvalSplit, ForestParams, LogisticParams, ModelSpec, NetworkParams, TrainReport, TrainSpec,
};

pub(super) fn ask(engine: &mut Engine, body: RequestBody) -> ResponseBody {
    engine.handle(Request { id: 1, body }, None, &|| 0.0).body
}

/// The demo (400 songs, 5 days) merged as the course does, as dataset `charts`.
pub(super) fn engine_with_charts() -> Engine {
    let mut engine = Engine::new();
    let config = DemoConfig {
        n_songs: 400,
        n_days: 5,
        ..DemoConfig::default()
    };
    ask(&mut engine, RequestBody::LoadDemo { config });
    let body = ask(
        &mut engine,
        RequestBody::Prepare {
            input: DEMO_RANKINGS.into(),
            steps: vec![
                PrepareStep::CourseMerge {
                    properties: DEMO_PROPERTIES.into(),
                },
                PrepareStep::DropNulls {
                    columns: Vec::new(),
                },
            ],
            output: "charts".into(),
        },
    );
    assert!(matches!(body, ResponseBody::Loaded { .. }), "{body:?}");
    engine
}

pub(super) fn small_network() -> TrainSpec {
    TrainSpec {
        model: ModelSpec::Network(NetworkParams {
            hidden: vec![16],
            epochs: 1,
            ..NetworkParams::default()
        }),
        ..TrainSpec::default()
    }
}

pub(super) fn train(engine: &mut Engine, spec: TrainSpec, output: &str) -> TrainReport {
    let body = ask(
        engine,
        RequestBody::Train {
            input: "charts".into(),
            spec,
            output: output.into(),
            restore: None,
        },
    );
    let ResponseBody::Trained { report, .. } = body else {
        panic!("expected a trained model, got {body:?}");
    };
    report
}

/// What the engine answers to scoring `song` with `model`.
fn predict(engine: &mut Engine, model: &str, song: SongFeatures) -> ResponseBody {
    ask(
        engine,
        RequestBody::Predict {
            model: model.into(),
            song,
        },
    )
}

fn evaluate(engine: &mut Engine, model: &str, on: EvalSplit) -> Evaluation {
    let body = ask(
        engine,
        RequestBody::Evaluate {
            model: model.into(),
            on,
        },
    );
    let ResponseBody::Evaluated { evaluation, .. } = body else {
        panic!("expected an evaluation, got {body:?}");
    };
    evaluation
}

#[test]
fn trains_the_network_then_evaluates_and_predicts_with_it() {
    let mut engine = engine_with_charts();
    let report = train(&mut engine, small_network(), "mlp");
    let sizes = report.sizes;
    assert_eq!(
        sizes.n_dropped, 0,
        "the Prepare cell dropped the nulls already"
    );
    assert_eq!(
        sizes.n_train + sizes.n_validation + sizes.n_test,
        sizes.n_rows
    );
    assert_eq!(sizes.n_test, sizes.n_rows.div_ceil(5));
    assert_eq!(report.history.len(), 1);
    assert!(!report.cancelled);
    assert_eq!(engine.model_names(), vec!["mlp"]);

    let test = evaluate(&mut engine, "mlp", EvalSplit::Test);
    assert_eq!(test.n_rows, sizes.n_test);
    assert_eq!(test.split, EvalSplit::Test);
    assert_eq!(test.model, "mlp");
    // The report's test accuracy is the evaluation's, of the same model on the same rows.
    assert!((test.accuracy - report.test_accuracy).abs() < 1e-12);
    assert_eq!(test.history, report.history);
    let validation = evaluate(&mut engine, "mlp", EvalSplit::Validation);
    assert!((validation.accuracy - report.validation_accuracy).abs() < 1e-12);
    let on_train = evaluate(&mut engine, "mlp", EvalSplit::Train);
    assert_eq!(on_train.n_rows, sizes.n_train);

    let song = crate::train::songs::presets(None).remove(0).features;
    let body = predict(&mut engine, "mlp", song);
    let ResponseBody::Predicted { prediction, .. } = body else {
        panic!("expected a prediction, got {body:?}");
    };
    assert_eq!(prediction.ranked.len(), report.classes.len());
    let total: f64 = prediction.ranked.iter().map(|(_, p)| p).sum();
    assert!((total - 1.0).abs() < 1e-4, "{total}");
    assert!(prediction.ranked.windows(2).all(|w| w[0].1 >= w[1].1));
}

#[test]
fn the_same_seed_gives_the_same_model_and_metrics() {
    let mut engine = engine_with_charts();
    let a = train(&mut engine, small_network(), "a");
    let b = train(&mut engine, small_network(), "b");
    assert_eq!(a.history, b.history);
    assert_eq!(a.points, b.points);
    assert_eq!(
        evaluate(&mut engine, "a", EvalSplit::Test).confusion,
        evaluate(&mut engine, "b", EvalSplit::Test).confusion
    );
    let other_seed = TrainSpec {
        seed: 7,
        ..small_network()
    };
    let c = train(&mut engine, other_seed, "c");
    assert_ne!(a.history, c.history);
}

#[test]
fn a_song_without_a_feature_the_model_needs_is_named() {
    let mut engine = engine_with_charts();
    train(&mut engine, small_network(), "mlp");
    let mut song = crate::train::songs::presets(None).remove(0).features;
    song.remove("tempo");
    let body = predict(&mut engine, "mlp", song);
    let ResponseBody::Failed { message } = body else {
        panic!("expected a failure, got {body:?}");
    };
    assert!(
        message.contains("`tempo`") && message.contains("`mlp`"),
        "{message}"
    );
}

#[test]
fn a_job_stopped_early_reports_progress_and_keeps_the_model_as_it_is() {
    let engine = engine_with_charts();
    let spec = TrainSpec {
        model: ModelSpec::Network(NetworkParams {
            hidden: vec![8],
            epochs: 2,
            ..NetworkParams::default()
        }),
        ..TrainSpec::default()
    };
    let mut job: TrainingJob = engine.start_training("charts", spec, "mlp").unwrap();
    let JobState::Running(progress) = job.step(&mut || false).unwrap() else {
        panic!("two epochs cannot be done in one chunk");
    };
    assert_eq!(progress.stage, "epoch 1 of 2");
    assert_eq!(progress.unit, "batch");
    assert!(progress.done > 0 && progress.done < progress.total);
    let mut engine = engine;
    let body = engine.finish_training("mlp", job, true);
    let ResponseBody::Trained { report, .. } = body else {
        panic!("expected the model so far, got {body:?}");
    };
    assert!(report.cancelled);
    assert!(report.history.is_empty(), "no epoch finished");
    assert_eq!(engine.model_names(), vec!["mlp"]);
}

#[test]
fn training_on_text_features_or_an_unknown_dataset_fails_with_a_message() {
    let mut engine = engine_with_charts();
    let spec = TrainSpec {
        features: vec!["name".into()],
        ..small_network()
    };
    let body = ask(
        &mut engine,
        RequestBody::Train {
            input: "charts".into(),
            spec,
            output: "m".into(),
            restore: None,
        },
    );
    let ResponseBody::Failed { message } = body else {
        panic!("expected a failure, got {body:?}");
    };
    assert!(message.contains("`name`"), "{message}");
    let body = ask(
        &mut engine,
        RequestBody::Train {
            input: "nope".into(),
            spec: small_network(),
            output: "m".into(),
            restore: None,
        },
    );
    assert!(matches!(body, ResponseBody::Failed { .. }), "{body:?}");
    assert!(engine.model_names().is_empty());
}

#[test]
fn settings_out_of_the_editors_bounds_fail_before_training_naming_the_field() {
    let mut engine = engine_with_charts();
    let mut spec = small_network();
    if let ModelSpec::Network(params) = &mut spec.model {
        params.learning_rate = 5.0;
    }
    for body in [
        RequestBody::Train {
            input: "charts".into(),
            spec: spec.clone(),
            output: "m".into(),
            restore: None,
        },
        RequestBody::PlanTraining {
            input: "charts".into(),
            spec: spec.clone(),
        },
    ] {
        let ResponseBody::Failed { message } =
            engine.handle(Request { id: 1, body }, None, &|| 0.0).body
        else {
            panic!("expected a failure");
        };
        assert_eq!(
            message,
            "Train cell: learning rate 5 is outside 0 < rate ≤ 1"
        );
    }
    assert!(engine.model_names().is_empty());
    let err = engine.start_training("charts", spec, "m").err().unwrap();
    assert_eq!(
        err.to_string(),
        "Train cell: learning rate 5 is outside 0 < rate ≤ 1"
    );
}

fn classic(model: ModelSpec) -> TrainSpec {
    TrainSpec {
        model,
        ..TrainSpec::default()
    }
}

#[test]
fn trains_logistic_regression_and_a_forest_with_one_history_record() {
    let mut engine = engine_with_charts();
    let logistic = train(
        &mut engine,
        classic(ModelSpec::LogisticRegression(LogisticParams::default())),
        "logreg",
    );
    let forest_spec = classic(ModelSpec::RandomForest(ForestParams {
        n_trees: 5,
        max_depth: Some(8),
        ..ForestParams::default()
    }));
    let forest = train(&mut engine, forest_spec.clone(), "forest");
    for report in [&logistic, &forest] {
        assert_eq!(report.history.len(), 1);
        let record = report.history[0];
        assert_eq!(record.epoch, 1);
        assert!((record.validation_accuracy - report.validation_accuracy).abs() < 1e-12);
        assert!(record.train_loss > 0.0 && record.validation_loss > 0.0);
    }
    let evaluation = evaluate(&mut engine, "forest", EvalSplit::Test);
    assert!((evaluation.accuracy - forest.test_accuracy).abs() < 1e-12);
    let again = train(&mut engine, forest_spec, "forest2");
    assert_eq!(again.history, forest.history);
}

#[test]
fn scoring_a_song_gives_the_scaled_inputs_and_the_probabilities_predict_ranks() {
    let mut engine = engine_with_charts();
    let report = train(&mut engine, small_network(), "mlp");
    let song = crate::train::songs::presets(None).remove(0).features;
    let body = ask(
        &mut engine,
        RequestBody::ScoreSong {
            model: "mlp".into(),
            song: song.clone(),
        },
    );
    let ResponseBody::SongScored {
        features,
        scaled,
        classes,
        probabilities,
        ..
    } = body
    else {
        panic!("expected a scored song, got {body:?}");
    };
    assert_eq!(features, report.spec.features);
    assert_eq!(classes, report.classes);
    // The scaler's formula written out: (value − offset) · factor, as f32.
    let scaler = &report.scaler;
    for (i, feature) in features.iter().enumerate() {
        #[allow(clippy::cast_possible_truncation)] // the model's inputs are f32
        let by_hand = ((song[feature] - scaler.offset[i]) * scaler.factor[i]) as f32;
        assert_eq!(scaled[i].to_bits(), by_hand.to_bits(), "{feature}");
    }
    let body = predict(&mut engine, "mlp", song);
    let ResponseBody::Predicted { prediction, .. } = body else {
        panic!("expected a prediction, got {body:?}");
    };
    for (class, p) in &prediction.ranked {
        let at = classes.iter().position(|c| c == class).unwrap();
        assert_eq!(probabilities[at].to_bits(), p.to_bits(), "{class}");
    }
    let unknown = ask(
        &mut engine,
        RequestBody::ScoreSong {
            model: "nope".into(),
            song: SongFeatures::new(),
        },
    );
    let ResponseBody::Failed { message } = unknown else {
        panic!("expected a failure, got {unknown:?}");
    };
    assert!(
        message.contains("`nope`") && message.contains("`mlp`"),
        "{message}"
    );
}

/// A CSV of the course's 13 features and `country`, `n_per_country` rows per country,
/// sorted by country (as a Kaggle export of the charts is).
fn country_sorted_csv(countries: &[&str], n_per_country: usize) -> Vec<u8> {
    let mut csv = crate::course::FEATURES.join(",");
    csv.push_str(",country\n");
    for (c, country) in countries.iter().enumerate() {
        for i in 0..n_per_country {
            let values: Vec<String> = (0..crate::course::FEATURES.len())
                .map(|f| ((i * (f + 3) + c * 7) % 13).to_string())
                .collect();
            csv.push_str(&values.join(","));
            csv.push(',');
            csv.push_str(country);
            csv.push('\n');
        }
    }
    csv.into_bytes()
}

#[test]
fn planning_and_evaluating_a_country_sorted_table_name_the_countries_missing_from_training() {
    let mut engine = Engine::new();
    let countries = ["AR", "BR", "CA", "DE", "ES", "FR", "GB", "IT", "JP", "US"];
    let bytes = country_sorted_csv(&countries, 40);
    let request = Request {
        id: 1,
        body: RequestBody::LoadFile {
            name: "sorted".into(),
            file_name: "sorted.csv".into(),
        },
    };
    let loaded = engine.handle(request, Some(&bytes), &|| 0.0).body;
    assert!(matches!(loaded, ResponseBody::Loaded { .. }), "{loaded:?}");
    let planned = ask(
        &mut engine,
        RequestBody::PlanTraining {
            input: "sorted".into(),
            spec: small_network(),
        },
    );
    let ResponseBody::TrainingPlanned { plan, .. } = planned else {
        panic!("expected a plan, got {planned:?}");
    };
    assert_eq!(plan.sizes.n_rows, 400);
    let warnings = plan.warnings();
    assert!(
        warnings[0]
            .starts_with("2 of 2 countries in the test part never appear in training (JP, US)"),
        "{warnings:?}"
    );
    let body = ask(
        &mut engine,
        RequestBody::Train {
            input: "sorted".into(),
            spec: small_network(),
            output: "model".into(),
            restore: None,
        },
    );
    assert!(matches!(body, ResponseBody::Trained { .. }), "{body:?}");
    let test = evaluate(&mut engine, "model", EvalSplit::Test);
    assert_eq!(
        test.unseen_in_training,
        vec!["JP".to_string(), "US".to_string()]
    );
    // The training part has every class it was trained on: nothing to say there.
    assert!(
        evaluate(&mut engine, "model", EvalSplit::Train)
            .unseen_in_training
            .is_empty()
    );
}
