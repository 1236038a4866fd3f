//! The engine's Drift, Fairness and Explain cells on the demo data: what they compare, the
//! request log read back through the model's scaler, weeks, groups, additivity, errors.

use super::train_tests::{ask, engine_with_charts, small_network, train};
use super::*;
use crate::course::FEATURES;
use crate::explain::explain_cell::{ExplainOutput, ExplainSpec};
use crate::monitor::drift::DriftTest;
use crate::monitor::drift_cell::{DriftOutput, DriftReference, DriftSpec};
use crate::monitor::fairness::{FairnessBounds, Favourable};
use crate::monitor::fairness_cell::{FairnessOutput, FairnessSpec};
use crate::train::EvalSplit;

fn drift_spec(reference: DriftReference, current: &str) -> DriftSpec {
    DriftSpec {
        reference,
        current: current.into(),
        current_scaled: false,
        features: Vec::new(),
        test: DriftTest::MeanShift,
        alpha: 0.05,
    }
}

fn drift(engine: &mut Engine, spec: DriftSpec) -> DriftOutput {
    match ask(engine, RequestBody::Drift(spec)) {
        ResponseBody::Drifted { output } => *output,
        other => panic!("expected a drift, got {other:?}"),
    }
}

#[test]
fn a_dataset_against_itself_has_no_drift_and_its_weeks_are_the_charts_weeks() {
    let mut engine = engine_with_charts();
    let out = drift(
        &mut engine,
        drift_spec(
            DriftReference::Dataset {
                name: "charts".into(),
            },
            "charts",
        ),
    );
    assert_eq!(out.report.features.len(), FEATURES.len());
    assert!(out.alert().is_none(), "{:?}", out.alert());
    assert!(!out.report.dataset_drift);
    for f in &out.report.features {
        assert_eq!(
            f.reference_mean.to_bits(),
            f.current_mean.to_bits(),
            "{}",
            f.feature
        );
        assert!(!f.meanshift.drifted && !f.ks.drifted, "{}", f.feature);
    }
    assert_eq!(out.histograms.len(), FEATURES.len());
    for h in &out.histograms {
        assert_eq!(h.reference, h.current, "{}", h.feature);
        let total: f64 = h.reference.iter().sum();
        assert!(
            (total - 1.0).abs() < 1e-9,
            "{}: shares sum to {total}",
            h.feature
        );
    }
    // The demo's 5 days end on Sunday 2024-06-30: Wednesday to Sunday of one week.
    let over_time = out.over_time.expect("the charts have a date column");
    assert_eq!(over_time.date_column, "snapshot_date");
    assert_eq!(over_time.weeks, vec!["2024-06-24".to_string()]);
    assert_eq!(
        over_time.rows.iter().sum::<usize>(),
        engine.dataset("charts").unwrap().height()
    );
}

#[test]
fn a_shifted_feature_drifts_and_raises_the_alert() {
    let mut engine = engine_with_charts();
    let body = ask(
        &mut engine,
        RequestBody::Prepare {
            input: "charts".into(),
            steps: vec![crate::prepare::PrepareStep::Filter {
                column: "tempo".into(),
                condition: crate::prepare::Condition::Compare {
                    op: crate::prepare::CompareOp::Gt,
                    value: crate::prepare::Scalar::Number(130.0),
                },
            }],
            output: "fast".into(),
        },
    );
    assert!(matches!(body, ResponseBody::Loaded { .. }), "{body:?}");
    let out = drift(
        &mut engine,
        drift_spec(
            DriftReference::Dataset {
                name: "charts".into(),
            },
            "fast",
        ),
    );
    assert!(
        out.drifted_features().contains(&"tempo"),
        "{:?}",
        out.drifted_features()
    );
    let alert = out.alert().expect("tempo drifted");
    assert!(alert.contains("tempo"), "{alert}");
}

#[test]
fn a_request_log_of_the_models_scaled_inputs_reads_back_as_its_raw_values() {
    let mut engine = engine_with_charts();
    train(&mut engine, small_network(), "net");
    // The model's own training rows, as a payload logger would record them: one [N, 13]
    // tensor of scaled inputs per request.
    let x = engine.model("net").unwrap().run.train.0.clone();
    let mut log = String::new();
    for chunk in x.data.chunks(x.n_cols * 500) {
        let request = serde_json::json!({
            "inputs": [{"name": "dense_input", "shape": [chunk.len() / x.n_cols, x.n_cols], "datatype": "FP32", "data": chunk}]
        });
        log.push_str(&request.to_string());
        log.push('\n');
    }
    let table = crate::io::read_table("requests.jsonl", log.as_bytes()).unwrap();
    engine.datasets.insert("requests".into(), table);
    let mut spec = drift_spec(
        DriftReference::Training {
            model: "net".into(),
        },
        "requests",
    );
    spec.current_scaled = true;
    let out = drift(&mut engine, spec);
    assert_eq!(out.n_current, x.n_rows);
    for f in &out.report.features {
        assert!(
            (f.reference_mean - f.current_mean).abs() <= 1e-9 * f.reference_mean.abs().max(1.0),
            "{}",
            f.feature
        );
        assert!(!f.meanshift.drifted, "{}", f.feature);
    }
    assert!(out.over_time.is_none(), "a request log has no dates");
    // Without the flag the scaled values are compared with raw ones: everything drifts.
    let unscaled = drift(
        &mut engine,
        drift_spec(
            DriftReference::Training {
                model: "net".into(),
            },
            "requests",
        ),
    );
    assert!(unscaled.report.dataset_drift);
}

#[test]
fn drift_names_a_missing_column_and_scaled_rows_need_a_model() {
    let mut engine = engine_with_charts();
    let mut spec = drift_spec(
        DriftReference::Dataset {
            name: "charts".into(),
        },
        DEMO_PROPERTIES,
    );
    spec.features = vec!["tempo".into(), "popularity".into()];
    let ResponseBody::Failed { message } = ask(&mut engine, RequestBody::Drift(spec.clone()))
    else {
        panic!("popularity is not a column of the properties");
    };
    assert!(message.contains("`popularity`"), "{message}");
    spec.features.clear();
    spec.current_scaled = true;
    let ResponseBody::Failed { message } = ask(&mut engine, RequestBody::Drift(spec)) else {
        panic!("scaled rows without a model");
    };
    assert!(
        message.contains("training rows as the reference"),
        "{message}"
    );
}

fn fairness_spec(country: &str) -> FairnessSpec {
    FairnessSpec {
        model: "net".into(),
        on: EvalSplit::Test,
        attribute: "is_explicit".into(),
        privileged: 1.0,
        country: country.into(),
        favourable: Favourable::AtLeast { threshold: 0.02 },
        bounds: FairnessBounds::default(),
    }
}

#[test]
fn fairness_groups_the_test_rows_by_their_raw_attribute() {
    let mut engine = engine_with_charts();
    train(&mut engine, small_network(), "net");
    let ResponseBody::FairnessMeasured { output } =
        ask(&mut engine, RequestBody::Fairness(fairness_spec("FR")))
    else {
        panic!("expected fairness");
    };
    let output: FairnessOutput = *output;
    let kept = engine.model("net").unwrap();
    let j = kept
        .run
        .model
        .report
        .spec
        .features
        .iter()
        .position(|f| f == "is_explicit")
        .unwrap();
    let scaler = &kept.run.model.report.scaler;
    let explicit = (0..kept.run.test.0.n_rows)
        .filter(|&i| {
            (f64::from(kept.run.test.0.row(i)[j]) / scaler.factor[j] + scaler.offset[j] - 1.0).abs()
                < 1e-6
        })
        .count();
    assert_eq!(output.report.privileged_rows, explicit);
    assert_eq!(
        output.report.privileged_rows + output.report.unprivileged_rows,
        kept.run.test.0.n_rows
    );
    assert_eq!(
        output.report.classes.len(),
        kept.run.model.report.classes.len()
    );
    let fr = output.headline().expect("FR is a class");
    assert!((fr.spd - (fr.unprivileged.rate - fr.privileged.rate)).abs() < 1e-12);
    assert_eq!(output.alert().is_some(), fr.violation);
    let ResponseBody::Failed { message } =
        ask(&mut engine, RequestBody::Fairness(fairness_spec("XX")))
    else {
        panic!("XX is no country");
    };
    assert!(message.contains("does not predict `XX`"), "{message}");
}

#[test]
fn an_explanation_adds_up_and_its_counterfactual_stays_in_the_training_range() {
    let mut engine = engine_with_charts();
    train(&mut engine, small_network(), "net");
    let song = crate::train::songs::typical_presets().remove(0).features;
    let spec = ExplainSpec {
        model: "net".into(),
        songs: DEMO_PROPERTIES.into(),
        label: "preset".into(),
        song: song.clone(),
        country: "FR".into(),
        background_rows: 20,
        seed: 7,
        target_probability: None,
        global: true,
    };
    let ResponseBody::Explained { output } = ask(&mut engine, RequestBody::Explain(spec.clone()))
    else {
        panic!("expected an explanation");
    };
    let output: ExplainOutput = *output;
    let sum: f64 = output.shap.values.iter().sum();
    assert!((output.shap.base_value + sum - output.shap.prediction).abs() < 1e-6);
    let proba = engine
        .model("net")
        .unwrap()
        .run
        .model
        .predict_song(&song)
        .unwrap();
    let fr = proba.ranked.iter().find(|(c, _)| c == "FR").unwrap().1;
    assert!(
        (output.shap.prediction - fr).abs() < 1e-6,
        "{} vs {fr}",
        output.shap.prediction
    );
    if let Some(change) = &output.counterfactual.change {
        for j in &change.changed {
            let name = &output.features[*j];
            if ["key", "mode", "is_explicit"].contains(&name.as_str()) {
                assert!(
                    change.after[*j].fract().abs() < f64::EPSILON,
                    "{name} stays whole"
                );
            }
        }
    }
    let global = output.global.expect("asked for");
    assert_eq!(global.permutation.features.len(), output.features.len());
    // Same seed, same answer.
    let ResponseBody::Explained { output: again } = ask(&mut engine, RequestBody::Explain(spec))
    else {
        panic!("expected an explanation");
    };
    assert_eq!(again.shap, output.shap);
}
