//! The serving client against the Open Inference Protocol's `OpenAPI` schemas and the
//! course's `KServe` v2 examples (copies in `fixtures/`, from `../shared`).

// The examples' numbers are read back unchanged: exact comparisons are right.
#![allow(clippy::float_cmp)]

use serde_json::{Value, json};

use super::*;
use crate::course::FEATURES;
use crate::no_answer::NoAnswer;

const SPEC: &str = include_str!("fixtures/open-inference-protocol-rest.yaml");
const REQUEST_EXAMPLE: &str = include_str!("fixtures/v2_request_example.json");
const RESPONSE_EXAMPLE: &str = include_str!("fixtures/v2_response_example.json");

fn features() -> Vec<String> {
    FEATURES.iter().map(ToString::to_string).collect()
}

fn tensor(name: &str, datatype: &str, shape: &[i64]) -> TensorMetadata {
    TensorMetadata {
        name: name.into(),
        datatype: datatype.into(),
        shape: shape.to_vec(),
    }
}

/// The course's served network: one `[-1,13]` input, 72 probabilities out.
fn course_metadata() -> ModelMetadata {
    ModelMetadata {
        name: "jukebox".into(),
        versions: vec!["1".into()],
        platform: "onnx".into(),
        inputs: vec![tensor("dense_input", "FP32", &[-1, 13])],
        outputs: vec![tensor("dense_4", "FP32", &[-1, 72])],
    }
}

fn per_feature_metadata(names: &[String]) -> ModelMetadata {
    ModelMetadata {
        inputs: names.iter().map(|n| tensor(n, "FP32", &[-1, 1])).collect(),
        outputs: vec![tensor("output", "FP32", &[-1, 72])],
        ..course_metadata()
    }
}

/// A validator for one of the spec's `components.schemas` (the `OpenAPI` document's schemas
/// under a JSON-schema root, so their `#/components/...` references resolve).
fn validator(schema: &str) -> jsonschema::Validator {
    let spec: Value = serde_norway::from_str(SPEC).expect("the spec is YAML");
    let root = json!({
        "$ref": format!("#/components/schemas/{schema}"),
        "components": spec["components"],
    });
    jsonschema::validator_for(&root).expect("the spec's schemas compile")
}

fn assert_valid(schema: &str, body: &Value) {
    let validator = validator(schema);
    let errors: Vec<String> = validator.iter_errors(body).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "{body} is not a valid {schema}: {errors:?}"
    );
}

#[test]
fn the_validator_rejects_a_request_input_without_data() {
    let body = json!({"inputs": [{"name": "x", "shape": [1, 1], "datatype": "FP32"}]});
    assert!(!validator("inference_request").is_valid(&body));
    assert_valid(
        "inference_request",
        &serde_json::from_str(REQUEST_EXAMPLE).unwrap(),
    );
    assert_valid(
        "inference_response",
        &serde_json::from_str(RESPONSE_EXAMPLE).unwrap(),
    );
}

#[test]
fn the_course_model_takes_one_tensor_without_warnings() {
    let check = check_metadata(&course_metadata(), &features(), 72).unwrap();
    let expected = ServedLayout::Single {
        name: "dense_input".into(),
        datatype: "FP32".into(),
    };
    assert_eq!(check.layout, expected);
    assert!(check.warnings.is_empty(), "{:?}", check.warnings);
}

#[test]
fn per_feature_inputs_are_matched_by_name_in_the_run_order() {
    // Declared in reverse order and upper case: sent in the run's order, by the served names.
    let declared: Vec<String> = FEATURES.iter().rev().map(|f| f.to_uppercase()).collect();
    let check = check_metadata(&per_feature_metadata(&declared), &features(), 72).unwrap();
    let ServedLayout::PerFeature { names } = check.layout else {
        panic!("expected one input per feature, got {:?}", check.layout);
    };
    assert_eq!(names[0], "IS_EXPLICIT");
    assert_eq!(names[12], "TEMPO");
    assert!(check.warnings.is_empty(), "{:?}", check.warnings);
}

#[test]
fn per_feature_inputs_with_other_names_warn_and_go_by_position() {
    let mut declared = features();
    declared[1] = "duration".into();
    declared[12] = "bpm".into();
    let check = check_metadata(&per_feature_metadata(&declared), &features(), 72).unwrap();
    assert_eq!(check.layout, ServedLayout::PerFeature { names: declared });
    assert_eq!(check.warnings.len(), 1);
    let warning = &check.warnings[0];
    assert!(warning.contains("`duration`, `bpm`"), "{warning}");
    assert!(warning.contains("`duration_ms`, `tempo`"), "{warning}");
    assert!(warning.contains("by position"), "{warning}");
}

#[test]
fn inputs_that_cannot_take_a_song_are_an_error_naming_them() {
    let metadata = ModelMetadata {
        inputs: vec![tensor("a", "FP32", &[-1, 4]), tensor("b", "FP32", &[-1, 9])],
        ..course_metadata()
    };
    let Err(ServingError::Mismatch(message)) = check_metadata(&metadata, &features(), 72) else {
        panic!("two inputs of 4 and 9 features must not fit");
    };
    assert!(message.contains("`a` [-1, 4], `b` [-1, 9]"), "{message}");
    assert!(message.contains("one [1,13] tensor"), "{message}");
    let none = ModelMetadata {
        inputs: Vec::new(),
        ..course_metadata()
    };
    let error = check_metadata(&none, &features(), 72)
        .unwrap_err()
        .to_string();
    assert!(error.contains("declares no inputs"), "{error}");
}

#[test]
fn other_datatypes_and_output_shapes_are_warned_about() {
    let metadata = ModelMetadata {
        inputs: vec![tensor("x", "FP64", &[13])],
        outputs: vec![tensor("probs", "FP64", &[-1, 10])],
        ..course_metadata()
    };
    let check = check_metadata(&metadata, &features(), 72).unwrap();
    let expected = ServedLayout::Single {
        name: "x".into(),
        datatype: "FP64".into(),
    };
    assert_eq!(check.layout, expected);
    let text = check.warnings.join("\n");
    assert!(text.contains("`x` is declared FP64, not FP32: the scaled features are sent as FP64"));
    assert!(
        text.contains("`probs` has shape [-1, 10], not [-1, 72]"),
        "{text}"
    );
    assert!(text.contains("`probs` is declared FP64"), "{text}");
    let ints = ModelMetadata {
        inputs: vec![tensor("x", "INT64", &[-1, -1])],
        ..course_metadata()
    };
    let check = check_metadata(&ints, &features(), 72).unwrap();
    assert!(matches!(&check.layout, ServedLayout::Single { datatype, .. } if datatype == "FP32"));
    assert!(
        check.warnings[0].contains("sent as FP32"),
        "{:?}",
        check.warnings
    );
}

#[test]
fn the_single_tensor_request_is_the_course_example() {
    let example: Value = serde_json::from_str(REQUEST_EXAMPLE).unwrap();
    let values: Vec<f32> = example["inputs"][0]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            #[allow(clippy::cast_possible_truncation)] // the browser's f32 inputs
            let value = v.as_f64().unwrap() as f32;
            value
        })
        .collect();
    let body = infer_request(
        &check_metadata(&course_metadata(), &features(), 72)
            .unwrap()
            .layout,
        &values,
    );
    assert_valid("inference_request", &body);
    let input = &body["inputs"][0];
    assert_eq!(input["name"], example["inputs"][0]["name"]);
    assert_eq!(input["shape"], example["inputs"][0]["shape"]);
    assert_eq!(input["datatype"], "FP32");
    // Each number reads back as the very same f32 the browser's model used.
    let sent: Vec<f32> = serde_json::from_value(input["data"].clone()).unwrap();
    assert_eq!(sent, values);
}

#[test]
fn the_per_feature_request_has_thirteen_one_by_one_inputs() {
    let layout = ServedLayout::PerFeature { names: features() };
    let values: Vec<f32> = (0..13u8).map(|i| f32::from(i) / 7.0).collect();
    let body = infer_request(&layout, &values);
    assert_valid("inference_request", &body);
    let inputs = body["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 13);
    assert_eq!(inputs[12]["name"], "tempo");
    assert_eq!(inputs[12]["shape"], json!([1, 1]));
    let tempo: Vec<f32> = serde_json::from_value(inputs[12]["data"].clone()).unwrap();
    assert_eq!(tempo, vec![12.0_f32 / 7.0]);
}

#[test]
fn the_course_response_gives_seventy_two_probabilities() {
    let probabilities = parse_infer_response(RESPONSE_EXAMPLE, 72).unwrap();
    let example: Value = serde_json::from_str(RESPONSE_EXAMPLE).unwrap();
    let data = example["outputs"][0]["data"].as_array().unwrap();
    assert_eq!(probabilities.len(), 72);
    assert_eq!(probabilities[0], data[0].as_f64().unwrap());
    assert_eq!(probabilities[71], data[71].as_f64().unwrap());
}

#[test]
fn nested_output_data_is_read_row_major() {
    let text = r#"{"model_name":"m","outputs":[{"name":"o","shape":[2,2],"datatype":"FP32","data":[[0.1,0.2],[0.3,0.4]]}]}"#;
    assert_eq!(
        parse_infer_response(text, 4).unwrap(),
        vec![0.1, 0.2, 0.3, 0.4]
    );
}

#[test]
fn bad_answers_say_what_is_wrong() {
    let server = parse_infer_response(r#"{"error": "input `x` missing"}"#, 72).unwrap_err();
    assert_eq!(server, ServingError::Server("input `x` missing".into()));
    let broken = parse_infer_response("{\"outputs\": [\n  {\"name\": 1", 72).unwrap_err();
    assert!(broken.to_string().contains("line 2 column"), "{broken}");
    let short = parse_infer_response(r#"{"outputs":[{"name":"o","data":[0.5,0.5]}]}"#, 72);
    let short = short.unwrap_err().to_string();
    assert!(
        short.contains("`o` holds 2 numbers but the run has 72 classes"),
        "{short}"
    );
    let text = parse_infer_response(r#"{"outputs":[{"name":"o","data":["a"]}]}"#, 1);
    let text = text.unwrap_err().to_string();
    assert!(
        text.contains("`o` holds the text \"a\" where a number"),
        "{text}"
    );
    let empty = parse_infer_response(r#"{"model_name":"m","outputs":[]}"#, 1).unwrap_err();
    assert!(empty.to_string().contains("no outputs"), "{empty}");
}

#[test]
fn metadata_is_read_and_its_errors_are_the_servers() {
    let text = serde_json::to_string(&course_metadata()).unwrap();
    assert_valid(
        "metadata_model_response",
        &serde_json::from_str(&text).unwrap(),
    );
    assert_eq!(parse_metadata(&text).unwrap(), course_metadata());
    let missing = parse_metadata(r#"{"error": "Model jukebox not found"}"#).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "the server said: Model jukebox not found"
    );
    let html = parse_metadata("<html>nginx</html>")
        .unwrap_err()
        .to_string();
    assert!(
        html.starts_with("the server's model metadata is not Open Inference"),
        "{html}"
    );
    assert!(html.contains("line 1 column 1"), "{html}");
}

#[test]
fn urls_join_the_base_and_encode_the_name() {
    assert_eq!(
        metadata_url("http://127.0.0.1:8080/", "jukebox").unwrap(),
        "http://127.0.0.1:8080/v2/models/jukebox"
    );
    assert_eq!(
        infer_url(" https://kserve.example/ ", "my model/1").unwrap(),
        "https://kserve.example/v2/models/my%20model%2F1/infer"
    );
    assert!(
        metadata_url("http://127.0.0.1:8080/", " .. ")
            .unwrap_err()
            .starts_with("the served model's name `..` cannot be a name in a URL path")
    );
}

#[test]
fn http_failures_carry_the_status_and_the_servers_message() {
    let text = http_failure(
        "POST",
        "http://h/v2/models/m/infer",
        400,
        "Bad Request",
        r#"{"error":"shape mismatch"}"#,
    );
    assert_eq!(
        text,
        "POST http://h/v2/models/m/infer answered HTTP 400 Bad Request: shape mismatch. The \
         served model did not accept the inputs: see the request below."
    );
    let plain = http_failure("GET", "http://h/x", 502, "Bad Gateway", "upstream down\n");
    assert_eq!(
        plain,
        "GET http://h/x answered HTTP 502 Bad Gateway: upstream down."
    );
}

#[test]
fn a_served_model_refusing_cors_says_it_answered_and_how_mlserver_allows_the_origin() {
    let text = no_answer(
        "GET",
        "http://127.0.0.1:9000/v2/models/m",
        "http://127.0.0.1:8080",
        "TypeError: Failed to fetch",
        NoAnswer::CorsRefused,
    );
    assert!(
        text.starts_with(
            "GET http://127.0.0.1:9000/v2/models/m failed (TypeError: Failed to fetch). The \
             server at 127.0.0.1:9000 answered, but it sends no CORS header allowing this page \
             (http://127.0.0.1:8080)"
        ),
        "{text}"
    );
    assert!(
        text.contains(r#""cors_settings": {"allow_origins": ["http://127.0.0.1:8080"]}"#),
        "{text}"
    );
    assert!(!text.contains("could not be reached"), "{text}");
}

#[test]
fn a_served_model_that_cannot_be_reached_says_check_the_base_url_not_cors() {
    let text = no_answer(
        "POST",
        "http://127.0.0.1:47/v2/models/m/infer",
        "http://127.0.0.1:8080",
        "TypeError: Failed to fetch",
        NoAnswer::Unreachable,
    );
    assert!(
        text.contains("The server at 127.0.0.1:47 could not be reached"),
        "{text}"
    );
    assert!(
        text.contains("Check the cell's base URL (host and port)"),
        "{text}"
    );
    assert!(
        !text.contains("CORS") && !text.contains("answered"),
        "{text}"
    );
}

#[test]
fn a_timeout_is_its_own_sentence_neither_cors_nor_unreachable() {
    let text = timed_out("GET", "http://h/v2/models/m", 30);
    assert_eq!(
        text,
        "GET http://h/v2/models/m got no answer within 30 s: the server (or something on the \
         way to it) did not respond. Check that it is not stuck or overloaded, then run the \
         cell again."
    );
}

#[test]
fn top_rows_rank_by_the_served_probability_with_the_local_one_beside() {
    let classes: Vec<String> = ["AR", "BR", "CL"].iter().map(ToString::to_string).collect();
    let rows = top_rows(&classes, &[0.2, 0.5, 0.3], &[0.25, 0.5, 0.25], 2);
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].class.as_str(), rows[0].local), ("BR", 0.5));
    assert_eq!(rows[1].class, "CL");
    assert!((rows[1].diff - 0.05).abs() < 1e-12);
    assert!((max_abs_diff(&[0.2, 0.5, 0.3], &[0.25, 0.5, 0.25]) - 0.05).abs() < 1e-12);
    assert!(max_abs_diff(&[0.2], &[0.2, 0.8]).is_infinite());
}

fn course_score() -> Score {
    Score {
        features: features(),
        scaled: vec![0.5; 13],
        classes: (0..72).map(|i| format!("C{i:02}")).collect(),
        probabilities: parse_infer_response(RESPONSE_EXAMPLE, 72).unwrap(),
    }
}

#[test]
fn a_serve_output_reads_the_metadata_then_the_answer_and_measures_the_difference() {
    let mut output = ServeOutput::new(course_score());
    assert_eq!(output.max_diff(), None);
    let metadata = serde_json::to_string(&course_metadata()).unwrap();
    let check = output.take_metadata(&metadata).unwrap();
    assert_eq!(output.metadata, Some(course_metadata()));
    assert_eq!(output.warnings, check.warnings);
    output.take_infer(RESPONSE_EXAMPLE);
    assert_eq!(output.error, None);
    assert_eq!(output.max_diff(), Some(0.0));
}

#[test]
fn a_serve_output_keeps_the_error_that_stopped_it() {
    let mut output = ServeOutput::new(course_score());
    assert!(output.take_metadata(r#"{"error": "no model"}"#).is_none());
    assert_eq!(output.error.as_deref(), Some("the server said: no model"));
    let mut output = ServeOutput::new(course_score());
    output.take_infer(r#"{"outputs":[{"name":"o","data":[0.5,0.5]}]}"#);
    assert!(output.served.is_none());
    assert!(output.error.unwrap().contains("holds 2 numbers"));
}

#[test]
fn an_empty_served_name_or_address_falls_back_to_the_model_and_the_default_server() {
    assert_eq!(
        served_target("model", " ", ""),
        ("model".to_string(), DEFAULT_BASE_URL.to_string())
    );
    assert_eq!(
        served_target("model", "jukebox", "http://h:1"),
        ("jukebox".to_string(), "http://h:1".to_string())
    );
}
