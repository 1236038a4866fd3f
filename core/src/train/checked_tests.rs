use super::*;
use crate::train::{ForestParams, KnnParams, LogisticParams, NetworkParams, TreeParams};

fn network(change: impl FnOnce(&mut NetworkParams)) -> TrainSpec {
    let mut params = NetworkParams::default();
    change(&mut params);
    TrainSpec {
        model: ModelSpec::Network(params),
        ..TrainSpec::default()
    }
}

fn error(spec: &TrainSpec) -> String {
    spec.check().unwrap_err().to_string()
}

#[test]
fn the_default_settings_and_every_models_defaults_pass() {
    for model in [
        ModelSpec::Network(NetworkParams::default()),
        ModelSpec::LogisticRegression(LogisticParams::default()),
        ModelSpec::DecisionTree(TreeParams::default()),
        ModelSpec::RandomForest(ForestParams::default()),
        ModelSpec::Knn(KnnParams::default()),
        ModelSpec::GaussianNb,
    ] {
        let spec = TrainSpec {
            model,
            ..TrainSpec::default()
        };
        let checked = spec.check().unwrap();
        assert_eq!(*checked, spec);
        assert_eq!(checked.into_inner(), spec);
    }
}

#[test]
fn a_learning_rate_above_one_names_the_field_and_the_range() {
    assert_eq!(
        error(&network(|p| p.learning_rate = 5.0)),
        "Train cell: learning rate 5 is outside 0 < rate ≤ 1"
    );
    assert!(network(|p| p.learning_rate = 1.0).check().is_ok());
    assert!(network(|p| p.learning_rate = 0.0).check().is_err());
    assert!(network(|p| p.learning_rate = f64::NAN).check().is_err());
}

#[test]
fn the_networks_split_and_sample_bounds_hold() {
    assert_eq!(
        error(&network(|p| p.hidden = vec![32, 5000])),
        "Train cell: hidden layer size 5000 is outside 1 ≤ units ≤ 4096"
    );
    assert_eq!(
        error(&network(|p| p.hidden = vec![32, 0])),
        "Train cell: hidden layer size 0 is outside 1 ≤ units ≤ 4096"
    );
    assert!(network(|p| p.hidden = vec![MAX_LAYER]).check().is_ok());
    assert_eq!(
        error(&network(|p| p.hidden = Vec::new())),
        "Train cell: the network has no hidden layers; give at least one layer size, e.g. 32, 64, 128, 256"
    );
    assert_eq!(
        error(&network(|p| p.batch_size = 0)),
        "Train cell: batch size 0 is outside 1 ≤ batch size ≤ 65536"
    );
    assert_eq!(
        error(&network(|p| p.epochs = 0)),
        "Train cell: epochs 0 is outside 1 ≤ epochs ≤ 1000"
    );
    assert_eq!(
        error(&network(|p| p.beta1 = 1.0)),
        "Train cell: beta1 1 is outside 0 ≤ beta < 1"
    );
    assert_eq!(
        error(&network(|p| p.epsilon = 0.0)),
        "Train cell: epsilon 0 is outside epsilon > 0"
    );
    let mut split = TrainSpec::default();
    split.split.test_ratio = 1.0;
    assert_eq!(
        error(&split),
        "Train cell: test share 1 is outside 0 < share < 1"
    );
    split.split.test_ratio = 0.2;
    split.split.validation_ratio = 0.0;
    assert_eq!(
        error(&split),
        "Train cell: validation share 0 is outside 0 < share < 1"
    );
    let sample = TrainSpec {
        max_train_rows: Some(0),
        ..TrainSpec::default()
    };
    assert_eq!(
        error(&sample),
        "Train cell: sample rows 0 is outside 1 ≤ sample rows ≤ 10000000"
    );
}

#[test]
fn the_classic_models_bounds_hold_too() {
    let with = |model| TrainSpec {
        model,
        ..TrainSpec::default()
    };
    assert_eq!(
        error(&with(ModelSpec::LogisticRegression(LogisticParams {
            alpha: -1.0
        }))),
        "Train cell: L2 penalty (alpha) -1 is outside alpha ≥ 0"
    );
    assert!(
        with(ModelSpec::LogisticRegression(LogisticParams {
            alpha: f64::INFINITY
        }))
        .check()
        .is_err()
    );
    assert_eq!(
        error(&with(ModelSpec::DecisionTree(TreeParams {
            min_samples_split: 1,
            ..TreeParams::default()
        }))),
        "Train cell: min samples to split 1 is outside 2 ≤ min samples to split ≤ 10000000"
    );
    assert_eq!(
        error(&with(ModelSpec::DecisionTree(TreeParams {
            max_depth: Some(0),
            ..TreeParams::default()
        }))),
        "Train cell: max depth 0 is outside 1 ≤ max depth ≤ 64"
    );
    assert_eq!(
        error(&with(ModelSpec::RandomForest(ForestParams {
            n_trees: 0,
            ..ForestParams::default()
        }))),
        "Train cell: trees 0 is outside 1 ≤ trees ≤ 1000"
    );
    assert_eq!(
        error(&with(ModelSpec::RandomForest(ForestParams {
            max_features: Some(0),
            ..ForestParams::default()
        }))),
        "Train cell: features per split 0 is outside 1 ≤ features per split ≤ 1000"
    );
    assert_eq!(
        error(&with(ModelSpec::Knn(KnnParams {
            k: 0,
            distance_weighted: false
        }))),
        "Train cell: neighbours (k) 0 is outside 1 ≤ neighbours (k) ≤ 1000"
    );
}

#[test]
fn a_saved_notebook_with_values_out_of_range_still_reads() {
    let spec = network(|p| p.learning_rate = 5.0);
    let json = serde_json::to_string(&spec).unwrap();
    let read: TrainSpec = serde_json::from_str(&json).unwrap();
    assert_eq!(read, spec);
    assert!(read.check().is_err());
}

// Moved from the browser tests (`app/tests/model_train.rs`).
#[test]
fn hidden_layer_text_parses_sizes_and_rejects_zero_empty_and_words() {
    assert_eq!(
        parse_hidden(" 32,64 , 128,256 ").unwrap(),
        vec![32, 64, 128, 256]
    );
    assert!(parse_hidden("").unwrap_err().contains("at least one layer"));
    assert!(parse_hidden("32, 0").unwrap_err().contains("out of range"));
    assert!(parse_hidden("32; 64").unwrap_err().contains("`32; 64`"));
}

#[test]
fn field_parsers_accept_exactly_what_the_check_accepts() {
    assert_eq!(parse_learning_rate("1"), Ok(1.0));
    assert!(parse_learning_rate("5").is_err());
    assert!(parse_learning_rate("0").is_err());
    assert!(parse_ratio("1").is_err());
    assert_eq!(parse_ratio("0.2"), Ok(0.2));
    assert_eq!(parse_alpha("0"), Ok(0.0));
    assert!(parse_alpha("inf").is_err());
    assert_eq!(
        parse_count("0").unwrap_err(),
        "Give a whole number from 1 to 10,000,000."
    );
    assert_eq!(
        parse_min_split("1").unwrap_err(),
        "Give a whole number from 2 to 10,000,000."
    );
    assert_eq!(parse_optional_count("1,000"), Ok(Some(1_000)));
    assert_eq!(parse_optional_count(""), Ok(None));
    assert!(parse_depth("70000").unwrap_err().contains("leave it empty"));
    assert_eq!(parse_seed("42"), Ok(42));
    assert!(parse_hidden(&(MAX_LAYER + 1).to_string()).is_err());
}

#[test]
fn a_model_kind_is_its_json_tag_and_gives_back_its_defaults() {
    for model in [
        ModelSpec::Network(NetworkParams::default()),
        ModelSpec::LogisticRegression(LogisticParams::default()),
        ModelSpec::DecisionTree(TreeParams::default()),
        ModelSpec::RandomForest(ForestParams::default()),
        ModelSpec::Knn(KnnParams::default()),
        ModelSpec::GaussianNb,
    ] {
        let json = serde_json::to_value(&model).unwrap();
        assert_eq!(json["model"], model.kind());
        assert_eq!(ModelSpec::with_defaults(model.kind()), model);
    }
    assert_eq!(
        ModelSpec::with_defaults("unknown"),
        ModelSpec::Network(NetworkParams::default())
    );
}
