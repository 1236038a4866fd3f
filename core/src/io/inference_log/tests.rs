use polars_core::prelude::DataType;

use super::*;
use crate::io::read_table;

fn column(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name)
        .unwrap()
        .cast(&DataType::Float64)
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .collect()
}

#[test]
fn the_courses_kserve_example_is_one_row_of_the_13_features_in_course_order() {
    let Some(bytes) = crate::testdata::shared_data("kserve/v2_request_example.json") else {
        return;
    };
    let df = read_table("v2_request_example.json", &bytes).unwrap();
    assert_eq!(df.height(), 1);
    let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
    assert_eq!(names, FEATURES.to_vec());
    assert_eq!(column(&df, "is_explicit"), vec![Some(1.0)]);
    assert_eq!(column(&df, "tempo"), vec![Some(0.428_393_392_311_376_96)]);
}

#[test]
fn json_lines_of_per_feature_tensors_append_rows_and_leave_absent_inputs_missing() {
    let log = concat!(
        r#"{"inputs":[{"name":"tempo","shape":[2,1],"datatype":"FP64","data":[120.5,98.0]},{"name":"energy","shape":[2,1],"datatype":"FP32","data":[[0.5],[0.25]]}]}"#,
        "\n\n",
        r#"{"id":"x","inputs":[{"name":"tempo","shape":[1],"datatype":"FP64","data":[60]}]}"#,
        "\n"
    );
    let df = read_table("requests.jsonl", log.as_bytes()).unwrap();
    assert_eq!(df.height(), 3);
    assert_eq!(
        column(&df, "tempo"),
        vec![Some(120.5), Some(98.0), Some(60.0)]
    );
    assert_eq!(column(&df, "energy"), vec![Some(0.5), Some(0.25), None]);
}

#[test]
fn a_wide_tensor_of_other_width_gets_numbered_columns() {
    let log = r#"{"inputs":[{"name":"x","shape":[2,2],"datatype":"FP32","data":[1,2,3,4]}]}"#;
    let df = read_table("r.ndjson", log.as_bytes()).unwrap();
    assert_eq!(column(&df, "input_0"), vec![Some(1.0), Some(3.0)]);
    assert_eq!(column(&df, "input_1"), vec![Some(2.0), Some(4.0)]);
}

#[test]
fn a_bad_line_is_named_with_what_is_wrong() {
    let log = concat!(
        r#"{"inputs":[{"name":"tempo","shape":[1,1],"datatype":"FP64","data":[1]}]}"#,
        "\n",
        r#"{"inputs":[{"name":"tempo","shape":[2,1],"datatype":"FP64","data":[1]}]}"#,
        "\n",
    );
    let error = read_table("requests.jsonl", log.as_bytes()).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("line 2"), "{text}");
    assert!(text.contains("shape [2, 1] but 1 values"), "{text}");
    let error = read_table("requests.jsonl", b"{\"inputs\": 3}\n").unwrap_err();
    assert!(
        matches!(error, ReadError::BadLogLine { line: 1, .. }),
        "{error}"
    );
    let error = read_table("requests.jsonl", b"\n\n").unwrap_err();
    assert!(matches!(error, ReadError::Empty { .. }), "{error}");
}

#[test]
fn csv_is_still_read_as_csv() {
    let df = read_table("songs.csv", b"tempo,energy\n1,2\n").unwrap();
    assert_eq!(df.height(), 1);
    assert!(!looks_like_log("songs.csv", b"tempo\n"));
    assert!(looks_like_log("pasted", b"  {\"inputs\":[]}"));
}
