//! Exported models read back field by field: the header, the metadata (what the app knows
//! about the model), the inputs and output, and the models that cannot be exported.
//! An independent runtime checks the probabilities: `make test-onnx` runs every exported
//! variant of the same models in onnxruntime after onnx's full checker
//! (`examples/onnx_fixtures.rs`, `scripts/onnx_check.py`), within 1e-5 of the app's.

use std::collections::BTreeMap;

use super::proto::read::{Value, fields, ints, messages, strings};
use super::test_models::{demo_table, train};
use super::*;
use crate::train::{Activation, LogisticParams, NetworkParams, TrainSpec};

const ALL_OPTIONS: [OnnxOptions; 4] = [
    OnnxOptions {
        inputs: InputLayout::PerFeature,
        fold_scaler: false,
    },
    OnnxOptions {
        inputs: InputLayout::PerFeature,
        fold_scaler: true,
    },
    OnnxOptions {
        inputs: InputLayout::Single,
        fold_scaler: false,
    },
    OnnxOptions {
        inputs: InputLayout::Single,
        fold_scaler: true,
    },
];

fn network_spec(activation: Activation, scaler: ScalerKind) -> TrainSpec {
    TrainSpec {
        model: ModelSpec::Network(NetworkParams {
            hidden: vec![16, 8],
            activation,
            epochs: 1,
            ..NetworkParams::default()
        }),
        scaler,
        ..TrainSpec::default()
    }
}

fn logistic_spec(max_train_rows: Option<usize>) -> TrainSpec {
    TrainSpec {
        model: ModelSpec::LogisticRegression(LogisticParams { alpha: 1.0 }),
        max_train_rows,
        ..TrainSpec::default()
    }
}

#[test]
fn trees_knn_and_naive_bayes_are_refused_with_the_operator_they_would_need() {
    let specs = [
        (
            ModelSpec::DecisionTree(crate::train::TreeParams::default()),
            "TreeEnsembleClassifier",
        ),
        (
            ModelSpec::RandomForest(crate::train::ForestParams::default()),
            "TreeEnsembleClassifier",
        ),
        (
            ModelSpec::Knn(crate::train::KnnParams::default()),
            "k-nearest neighbours has no core operator",
        ),
        (ModelSpec::GaussianNb, "ai.onnx.ml"),
    ];
    for (spec, needs) in specs {
        let message = supports(&spec).unwrap_err().to_string();
        assert!(message.starts_with(spec.label()), "{message}");
        assert!(message.contains(needs), "{message}");
        assert!(message.contains("export a dense network or a logistic regression"));
    }
    assert_eq!(
        supports(&ModelSpec::LogisticRegression(LogisticParams::default())),
        Ok(())
    );
    let df = demo_table();
    let bayes = train(
        &df,
        TrainSpec {
            model: ModelSpec::GaussianNb,
            ..TrainSpec::default()
        },
    );
    let refused = export(&bayes, &OnnxOptions::default()).unwrap_err();
    assert!(
        matches!(refused, OnnxError::Unsupported { ref model, .. } if model == "Gaussian naive Bayes")
    );
}

/// One field's text; a missing field reads as empty, as protobuf's default.
fn text<'a>(fields: &[(u32, Value<'a>)], number: u32) -> &'a str {
    strings(fields, number).first().copied().unwrap_or_default()
}

#[test]
fn metadata_props_hold_classes_features_and_scaler_and_the_header_is_opset_13() {
    let df = demo_table();
    let model = train(&df, network_spec(Activation::Relu, ScalerKind::MinMax));
    let report = &model.report;
    for options in ALL_OPTIONS {
        let onnx = export(&model, &options).unwrap();
        let top = fields(&onnx).unwrap();
        // ModelProto: ir_version 1, producer_name 2, producer_version 3, graph 7,
        // opset_import 8, metadata_props 14.
        assert_eq!(ints(&top, 1), vec![8]);
        assert_eq!(text(&top, 2), "jukebox");
        assert_eq!(text(&top, 3), crate::APP_VERSION);
        let opsets: Vec<(&str, u64)> = messages(&top, 8)
            .into_iter()
            .map(|o| {
                let o = fields(o).unwrap();
                (text(&o, 1), ints(&o, 2)[0])
            })
            .collect();
        assert_eq!(opsets, vec![("", 13)]);
        let props: BTreeMap<&str, &str> = messages(&top, 14)
            .into_iter()
            .map(|e| {
                let e = fields(e).unwrap();
                (text(&e, 1), text(&e, 2))
            })
            .collect();
        let list = |key: &str| serde_json::from_str::<serde_json::Value>(props[key]).unwrap();
        assert_eq!(list("jukebox.classes"), serde_json::json!(report.classes));
        assert_eq!(
            list("jukebox.features"),
            serde_json::json!(report.spec.features)
        );
        assert_eq!(
            list("jukebox.scaler_offset"),
            serde_json::json!(report.scaler.offset)
        );
        assert_eq!(
            list("jukebox.scaler_factor"),
            serde_json::json!(report.scaler.factor)
        );
        assert_eq!(props["jukebox.scaler"], "minmax");
        assert_eq!(props["jukebox.run_model"], "onnx_test");
        let inputs = if options.fold_scaler { "raw" } else { "scaled" };
        assert_eq!(props["jukebox.inputs"], inputs);
        // GraphProto: node 1, doc_string 10, input 11, output 12; ValueInfoProto's name 1;
        // NodeProto's domain 7.
        let graph = fields(messages(&top, 7)[0]).unwrap();
        let doc = text(&graph, 10);
        assert!(
            doc.contains(if options.fold_scaler {
                "RAW feature values"
            } else {
                "ALREADY SCALED"
            }),
            "{doc}"
        );
        let names = |number| -> Vec<&str> {
            messages(&graph, number)
                .into_iter()
                .map(|v| text(&fields(v).unwrap(), 1))
                .collect()
        };
        match options.inputs {
            InputLayout::PerFeature => assert_eq!(names(11), report.spec.features),
            InputLayout::Single => assert_eq!(names(11), vec![SINGLE_INPUT_NAME]),
        }
        assert_eq!(names(12), vec![OUTPUT_NAME]);
        assert!(
            messages(&graph, 1)
                .into_iter()
                .all(|n| text(&fields(n).unwrap(), 7).is_empty())
        );
    }
}

/// The dims of a `ValueInfoProto` read with our own reader: numbers, or `dim_param` names.
fn dims_of(value_info: &[u8]) -> Vec<String> {
    let f = fields(value_info).unwrap();
    let type_proto = fields(messages(&f, 2)[0]).unwrap();
    let tensor = fields(messages(&type_proto, 1)[0]).unwrap();
    assert_eq!(ints(&tensor, 1), vec![1], "float elements");
    let shape = fields(messages(&tensor, 2)[0]).unwrap();
    messages(&shape, 1)
        .into_iter()
        .map(|d| {
            let d = fields(d).unwrap();
            ints(&d, 1)
                .first()
                .map_or_else(|| strings(&d, 2)[0].to_string(), u64::to_string)
        })
        .collect()
}

#[test]
fn inputs_and_output_have_a_symbolic_batch_dimension_named_n() {
    let df = demo_table();
    let model = train(&df, logistic_spec(None));
    let n_classes = model.report.classes.len().to_string();
    for (options, input_dims) in [
        (ALL_OPTIONS[0], vec!["N".to_string(), "1".to_string()]),
        (ALL_OPTIONS[2], vec!["N".to_string(), "13".to_string()]),
    ] {
        let onnx = export(&model, &options).unwrap();
        let top = fields(&onnx).unwrap();
        let graph = fields(messages(&top, 7)[0]).unwrap();
        for input in messages(&graph, 11) {
            assert_eq!(dims_of(input), input_dims);
        }
        assert_eq!(
            dims_of(messages(&graph, 12)[0]),
            vec!["N".to_string(), n_classes.clone()]
        );
    }
}

#[test]
fn a_feature_named_like_the_output_or_twice_cannot_name_an_input_but_a_single_input_works() {
    let df = demo_table();
    let mut model = train(&df, logistic_spec(None));
    for (first, problem) in [
        ("output", "is the output's name"),
        ("energy", "appears twice"),
    ] {
        model.report.spec.features[0] = first.to_string();
        model.report.spec.features[1] = "energy".to_string();
        let message = export(&model, &OnnxOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            message.contains(&format!("feature `{first}` {problem}")),
            "{message}"
        );
        let single = OnnxOptions {
            inputs: InputLayout::Single,
            fold_scaler: false,
        };
        assert!(export(&model, &single).is_ok());
    }
}
