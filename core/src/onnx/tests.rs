//! Exported models read back by `tract-onnx` (an independent ONNX reader and runtime):
//! the probabilities on 1,000 demo rows equal the app's, and the metadata says what the
//! app knows about the model.

use std::collections::BTreeMap;

use tract_onnx::pb::ModelProto;
use tract_onnx::prelude::*;

use super::proto::read::{fields, ints, messages, strings};
use super::test_models::{N_ROWS, demo_table, rows, train};
use super::*;
use crate::train::{Activation, LogisticParams, Matrix, NetworkParams, TrainSpec};

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

/// `onnx` run by tract on `x` (`[N, n_features]`), fed as the graph's inputs.
fn run_tract(onnx: &[u8], layout: InputLayout, x: &Matrix) -> Matrix {
    let mut model = tract_onnx::onnx()
        .model_for_read(&mut std::io::Cursor::new(onnx))
        .unwrap();
    let (n, nf) = (x.n_rows, x.n_cols);
    let inputs: TVec<TValue> = match layout {
        InputLayout::PerFeature => (0..nf)
            .map(|j| {
                let column: Vec<f32> = (0..n).map(|i| x.row(i)[j]).collect();
                tract_ndarray::Array2::from_shape_vec((n, 1), column).unwrap()
            })
            .map(|a| Tensor::from(a).into())
            .collect(),
        InputLayout::Single => {
            let a = tract_ndarray::Array2::from_shape_vec((n, nf), x.data.clone()).unwrap();
            tvec!(Tensor::from(a).into())
        }
    };
    for (i, input) in inputs.iter().enumerate() {
        let fact = InferenceFact::dt_shape(f32::datum_type(), input.shape());
        model = model.with_input_fact(i, fact).unwrap();
    }
    let plan = model.into_optimized().unwrap().into_runnable().unwrap();
    let out = plan.run(inputs).unwrap();
    let view = out[0].to_array_view::<f32>().unwrap();
    assert_eq!(view.shape()[0], n, "one output row per input row");
    Matrix::from_vec(n, view.shape()[1], view.iter().copied().collect()).unwrap()
}

fn max_difference(a: &Matrix, b: &Matrix) -> f32 {
    assert_eq!((a.n_rows, a.n_cols), (b.n_rows, b.n_cols));
    a.data
        .iter()
        .zip(&b.data)
        .fold(0.0, |m, (x, y)| m.max((x - y).abs()))
}

/// Every option of `model` exported, run by tract on the rows of `df` as the graph takes
/// them (raw when the scaler is folded), and compared with the app's probabilities.
fn assert_every_export_matches(model: &TrainedModel, df: &polars_core::prelude::DataFrame) {
    let (raw, scaled) = rows(df, model);
    let expected = model.predict_proba_scaled(&scaled).unwrap();
    assert_eq!(expected.n_cols, model.report.classes.len());
    for options in ALL_OPTIONS {
        let onnx = export(model, &options).unwrap();
        let x = if options.fold_scaler { &raw } else { &scaled };
        let got = run_tract(&onnx, options.inputs, x);
        let diff = max_difference(&got, &expected);
        assert!(
            diff <= 1e-5,
            "{options:?}: tract's probabilities differ from the app's by {diff}"
        );
        assert!((got.row(0).iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }
}

#[test]
fn tract_reproduces_the_network_probabilities_for_every_input_layout_and_scaler_choice() {
    let df = demo_table(false);
    for (activation, scaler) in [
        (Activation::Relu, ScalerKind::MinMax),
        (Activation::Tanh, ScalerKind::Standard),
        (Activation::Sigmoid, ScalerKind::None),
    ] {
        let model = train(&df, network_spec(activation, scaler));
        assert_every_export_matches(&model, &df);
    }
}

#[test]
fn tract_reproduces_the_logistic_regression_probabilities_with_absent_classes_at_zero() {
    let df = demo_table(false);
    // 150 training rows leave some of the 72 countries out of training.
    let model = train(&df, logistic_spec(Some(150)));
    let ModelKind::Classic(ClassicModel::Logistic(fitted)) = &model.kind else {
        panic!("a logistic regression was trained");
    };
    let present = fitted.present_classes().to_vec();
    assert!(present.len() < model.report.classes.len(), "{present:?}");
    assert_every_export_matches(&model, &df);
    let (_, scaled) = rows(&df, &model);
    let got = run_tract(
        &export(&model, &OnnxOptions::default()).unwrap(),
        InputLayout::PerFeature,
        &scaled,
    );
    let absent = (0..model.report.classes.len())
        .find(|c| !present.contains(&u32::try_from(*c).unwrap()))
        .unwrap();
    assert!((0..N_ROWS).all(|i| got.row(i)[absent] == 0.0));
    // Every class present: the scores go straight to the output.
    assert_every_export_matches(&train(&df, logistic_spec(None)), &df);
}

#[test]
fn tract_reproduces_a_binary_logistic_regression_scored_against_its_first_class() {
    let df = demo_table(true);
    let model = train(&df, logistic_spec(None));
    assert_eq!(model.report.classes.len(), 2);
    assert_every_export_matches(&model, &df);
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
    let df = demo_table(false);
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

fn read_proto(onnx: &[u8]) -> ModelProto {
    tract_onnx::onnx()
        .proto_model_for_read(&mut std::io::Cursor::new(onnx))
        .unwrap()
}

#[test]
fn metadata_props_hold_classes_features_and_scaler_and_the_header_is_opset_13() {
    let df = demo_table(false);
    let model = train(&df, network_spec(Activation::Relu, ScalerKind::MinMax));
    let report = &model.report;
    for options in ALL_OPTIONS {
        let proto = read_proto(&export(&model, &options).unwrap());
        assert_eq!(
            (proto.ir_version, proto.producer_name.as_str()),
            (8, "jukebox")
        );
        assert_eq!(proto.producer_version, crate::APP_VERSION);
        let opsets: Vec<(&str, i64)> = proto
            .opset_import
            .iter()
            .map(|o| (o.domain.as_str(), o.version))
            .collect();
        assert_eq!(opsets, vec![("", 13)]);
        let props: BTreeMap<&str, &str> = proto
            .metadata_props
            .iter()
            .map(|e| (e.key.as_str(), e.value.as_str()))
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
        let graph = proto.graph.unwrap();
        assert!(
            graph.doc_string.contains(if options.fold_scaler {
                "RAW feature values"
            } else {
                "ALREADY SCALED"
            }),
            "{}",
            graph.doc_string
        );
        let names: Vec<&str> = graph.input.iter().map(|i| i.name.as_str()).collect();
        match options.inputs {
            InputLayout::PerFeature => assert_eq!(names, report.spec.features),
            InputLayout::Single => assert_eq!(names, vec![SINGLE_INPUT_NAME]),
        }
        assert_eq!(graph.output.len(), 1);
        assert_eq!(graph.output[0].name, OUTPUT_NAME);
        assert!(graph.node.iter().all(|n| n.domain.is_empty()));
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
    let df = demo_table(false);
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
    let df = demo_table(false);
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
