//! Numbers as pandas prints them, checked against pandas itself: `fixtures/pandas_format.json`
//! (`scripts/pandas_format_reference.py`: each cell of `DataFrame.to_string()` of some float
//! columns, and `describe().T.to_string()` of the explore fixture's describe tables). The
//! hand-written cases come from pandas 3.1.1 (`format_array` with `leading_space=True`,
//! leading spaces stripped). Moved here from the browser tests (`app/tests/output.rs`).

use serde_json::Value;

use super::*;
use crate::explore::{CellValue, DescribeRow};

fn floats(values: &[Option<f64>]) -> Vec<String> {
    format_float_column(values)
}

#[test]
fn float_columns_are_printed_like_pandas() {
    assert_eq!(
        floats(&[Some(0.5), Some(0.125), None]),
        ["0.500", "0.125", "NaN"]
    );
    assert_eq!(
        floats(&[Some(1_234_567.891_234), Some(2.5), None]),
        ["1.234568e+06", "2.500000e+00", "NaN"]
    );
    assert_eq!(
        floats(&[Some(1_234_567.5), Some(2.25), Some(3.0)]),
        ["1234567.50", "2.25", "3.00"]
    );
    assert_eq!(
        floats(&[Some(1e-7), Some(1.0), Some(2.0)]),
        ["1.000000e-07", "1.000000e+00", "2.000000e+00"]
    );
    assert_eq!(floats(&[Some(14245.0); 3]), ["14245.0"; 3]);
    assert_eq!(
        floats(&[Some(123_456.789_012), Some(0.1), Some(-3.0)]),
        ["123456.789012", "0.100000", "-3.000000"]
    );
    assert_eq!(
        floats(&[Some(f64::INFINITY), Some(1.5), Some(-2.0)]),
        ["inf", "1.5", "-2.0"]
    );
    assert_eq!(
        floats(&[Some(0.0), Some(-0.0), Some(1.0)]),
        ["0.0", "-0.0", "1.0"]
    );
    assert_eq!(
        floats(&[Some(12_345_678.0), Some(1.0), Some(2.0)]),
        ["12345678.0", "1.0", "2.0"]
    );
    assert_eq!(floats(&[Some(f64::NAN)]), ["NaN"]);
    assert!(floats(&[]).is_empty());
}

#[test]
fn missing_values_bools_and_ints_read_like_pandas() {
    assert_eq!(null_text("float64"), "NaN");
    assert_eq!(null_text("int64"), "NaN");
    assert_eq!(null_text("object"), "None");
    assert_eq!(null_text("bool"), "None");
    assert_eq!(null_text("datetime64[ns]"), "NaT");
    assert_eq!(null_text("date"), "NaT");
    assert_eq!(cell_text(&CellValue::Bool(true), "bool"), "True");
    assert_eq!(cell_text(&CellValue::Bool(false), "bool"), "False");
    assert_eq!(cell_text(&CellValue::Int(-42), "int64"), "-42");
    assert_eq!(cell_text(&CellValue::Text("DE".into()), "object"), "DE");
}

#[test]
fn correlation_colours_run_from_red_through_pale_yellow_to_blue() {
    // The end anchors of matplotlib's RdYlBu; r = 0 is its lookup entry 128 of 256, a hair
    // past the pale yellow anchor #ffffbf towards #e0f3f8; r = 0.2 is entry 153 = anchor 6.
    assert_eq!(rdylbu_hex(-1.0), "#a50026");
    assert_eq!(rdylbu_hex(1.0), "#313695");
    assert_eq!(rdylbu_hex(0.0), "#feffc0");
    assert_eq!(rdylbu_hex(0.2), "#e0f3f8");
    assert_eq!(rdylbu_hex(-7.0), "#a50026", "values beyond ±1 are clamped");
}

fn describe_rows() -> Vec<DescribeRow> {
    // pandas: describe() of x = [1, 2, 3, 4, 1234567], tempo = [120.5, 98.25, 130, 77.123, 101].
    let row = |column: &str, stats: [f64; 7]| DescribeRow {
        column: column.to_string(),
        count: 5,
        mean: Some(stats[0]),
        std: Some(stats[1]),
        min: Some(stats[2]),
        q25: Some(stats[3]),
        q50: Some(stats[4]),
        q75: Some(stats[5]),
        max: Some(stats[6]),
    };
    vec![
        row(
            "x",
            [
                246_915.4,
                552_114.028_922_739_8,
                1.0,
                2.0,
                3.0,
                4.0,
                1_234_567.0,
            ],
        ),
        row(
            "tempo",
            [
                105.374_600_000_000_02,
                20.635_152_066_316_35,
                77.123,
                98.25,
                101.0,
                120.5,
                130.0,
            ],
        ),
    ]
}

#[test]
fn describe_formats_each_statistic_as_one_pandas_column() {
    let texts = describe_texts(&describe_rows());
    // pandas 3.1.1 `df.describe().T.to_string()`.
    assert_eq!(
        texts[0],
        [
            "5.0",
            "246915.4000",
            "552114.028923",
            "1.000",
            "2.00",
            "3.0",
            "4.0",
            "1234567.0"
        ]
    );
    assert_eq!(
        texts[1],
        [
            "5.0",
            "105.3746",
            "20.635152",
            "77.123",
            "98.25",
            "101.0",
            "120.5",
            "130.0"
        ]
    );
}

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/pandas_format.json")).unwrap()
}

fn number(value: &Value) -> Option<f64> {
    value.as_f64()
}

#[test]
fn every_fixture_column_prints_as_pandas_prints_it() {
    let fixture = fixture();
    let columns = fixture["columns"].as_array().unwrap();
    assert!(columns.len() >= 10, "the fixture has its columns");
    for column in columns {
        let values: Vec<Option<f64>> = column["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(number)
            .collect();
        let expected: Vec<&str> = column["texts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(floats(&values), expected, "values {values:?}");
    }
}

/// The explore fixture's `describe().T` rows of `table` (pandas' own numbers).
fn reference_describe(table: &str) -> Vec<DescribeRow> {
    let reference: Value =
        serde_json::from_str(include_str!("../explore/fixtures/pandas_reference.json")).unwrap();
    let stat = |row: &Value, name: &str| number(&row[name]);
    reference[table]["describe"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| DescribeRow {
            column: row["column"].as_str().unwrap().to_string(),
            // A count of rows, written by pandas as a float.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            count: stat(row, "count").unwrap() as usize,
            mean: stat(row, "mean"),
            std: stat(row, "std"),
            min: stat(row, "min"),
            q25: stat(row, "25%"),
            q50: stat(row, "50%"),
            q75: stat(row, "75%"),
            max: stat(row, "max"),
        })
        .collect()
}

#[test]
fn describe_text_is_pandas_to_string_of_the_course_tables() {
    let fixture = fixture();
    for table in ["properties", "merged"] {
        let expected = fixture["describe"][table].as_str().unwrap();
        assert_eq!(
            describe_text(&reference_describe(table)),
            expected,
            "describe().T of {table}"
        );
    }
}

#[test]
fn counts_are_grouped_by_thousands() {
    assert_eq!(grouped(0), "0");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(273_750), "273,750");
    assert_eq!(grouped(1_146_100), "1,146,100");
}

#[test]
fn p_values_read_as_decimals_down_to_a_thousandth_then_in_scientific_notation() {
    use super::p_value;
    assert_eq!(p_value(0.0421), "0.0421");
    assert_eq!(p_value(0.001), "0.0010");
    assert_eq!(p_value(0.000_312), "3.12e-4");
    assert_eq!(p_value(3.027e-145), "3.03e-145");
    assert_eq!(p_value(0.0), "< 1e-300");
    assert_eq!(p_value(f64::NAN), "-");
}

#[test]
fn statistics_keep_four_significant_digits() {
    use super::statistic;
    assert_eq!(statistic(0.123_456), "0.1235");
    assert_eq!(statistic(12.3456), "12.35");
    assert_eq!(statistic(-0.043_21), "-0.04321");
    assert_eq!(statistic(1234.4), "1234");
    assert_eq!(statistic(1_234_567.0), "1.23e6");
    assert_eq!(statistic(0.0), "0");
}
