use super::*;

/// pandas: `pd.DataFrame({"a": [1, 2, 3, 4, nan, 6], "b": [2, 1, 4, 3, 5, nan],
///                        "k": [7] * 6, "f": [True, False, True, True, False, False]})`
/// plus a text column, which `corr(numeric_only=True)` leaves out.
fn table() -> DataFrame {
    frame(vec![
        floats(
            "a",
            &[Some(1.0), Some(2.0), Some(3.0), Some(4.0), None, Some(6.0)],
        ),
        texts("name", &["p", "q", "r", "s", "t", "u"].map(Some)),
        floats(
            "b",
            &[Some(2.0), Some(1.0), Some(4.0), Some(3.0), Some(5.0), None],
        ),
        floats("k", &[Some(7.0); 6]),
        Column::new("f".into(), [true, false, true, true, false, false]),
    ])
}

fn matrix_of(chart: &Chart) -> (&[String], &[Vec<Option<f64>>]) {
    match &chart.data {
        ChartData::Heatmap { labels, values } => (labels, values),
        other => panic!("not a heatmap: {other:?}"),
    }
}

#[test]
fn heatmap_matches_pandas_corr_over_numeric_and_true_false_columns() {
    let chart = chart(&ChartSpec::Heatmap { columns: vec![] }, &table());
    let (labels, values) = matrix_of(&chart);
    assert_eq!(labels, ["a", "b", "k", "f"]);
    // x.corr() in pandas 3.1.1; NaN (constant `k`) is None here.
    let pandas = [
        [Some(1.0), Some(0.6), None, Some(-0.379_663_198_300_999_65)],
        [Some(0.6), Some(1.0), None, Some(6.409_875_621_278_545e-17)],
        [None, None, None, None],
        [
            Some(-0.379_663_198_300_999_65),
            Some(6.409_875_621_278_545e-17),
            None,
            Some(1.0),
        ],
    ];
    for (row, expected_row) in values.iter().zip(pandas) {
        for (value, expected) in row.iter().zip(expected_row) {
            match (value, expected) {
                (Some(v), Some(e)) => assert_close(*v, e),
                _ => assert_eq!(*value, expected),
            }
        }
    }
}

#[test]
fn heatmap_of_listed_columns_keeps_their_order() {
    let spec = ChartSpec::Heatmap {
        columns: vec!["b".into(), "a".into()],
    };
    let chart = chart(&spec, &table());
    let (labels, values) = matrix_of(&chart);
    assert_eq!(labels, ["b", "a"]);
    // Pairwise complete: rows 0–3 only, where both are present.
    assert_close(values[0][1].unwrap(), 0.6);
    assert_eq!(values[0][1], values[1][0]);
}

#[test]
fn heatmap_rejects_text_columns_and_tables_without_numbers() {
    let spec = ChartSpec::Heatmap {
        columns: vec!["a".into(), "name".into()],
    };
    assert_eq!(
        message(&spec, &table()),
        "column `name` is text (object); a correlation matrix needs a numeric column. Pick one of: `a`, `b`, `k`, `f`"
    );
    let text_only = frame(vec![texts("name", &[Some("a")])]);
    assert!(
        message(&ChartSpec::Heatmap { columns: vec![] }, &text_only)
            .contains("no numeric or true/false columns")
    );
}
