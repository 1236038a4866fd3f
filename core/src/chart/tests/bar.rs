use super::*;

fn spec(value: Option<&str>, agg: Agg, limit: usize) -> ChartSpec {
    ChartSpec::Bar {
        category: "c".into(),
        value: value.map(Into::into),
        agg,
        limit,
    }
}

fn bars_of(chart: &Chart) -> Vec<(&str, f64)> {
    match &chart.data {
        ChartData::Bar { labels, values } => labels
            .iter()
            .map(String::as_str)
            .zip(values.iter().copied())
            .collect(),
        other => panic!("not a bar chart: {other:?}"),
    }
}

/// pandas: `df = pd.DataFrame({"c": ["a", "b", "a", "c", "b", "a", None],
///                             "v": [1, 2, nan, 4, 8, 3, 5]})`.
fn groups() -> DataFrame {
    frame(vec![
        texts(
            "c",
            &[
                Some("a"),
                Some("b"),
                Some("a"),
                Some("c"),
                Some("b"),
                Some("a"),
                None,
            ],
        ),
        floats(
            "v",
            &[
                Some(1.0),
                Some(2.0),
                None,
                Some(4.0),
                Some(8.0),
                Some(3.0),
                Some(5.0),
            ],
        ),
    ])
}

#[test]
fn bars_count_rows_per_category_largest_first_without_nulls() {
    let chart = chart(&spec(None, Agg::Mean, 10), &groups());
    assert_eq!(bars_of(&chart), [("a", 3.0), ("b", 2.0), ("c", 1.0)]);
    assert_eq!(chart.title, "Rows per c");
    assert_eq!(chart.y_label, "count");
}

#[test]
fn bars_aggregate_values_like_pandas_groupby() {
    let df = groups();
    // df.groupby("c")["v"].agg(name), sorted descending (pandas 3.1.1).
    let cases: [(Agg, &[(&str, f64)]); 7] = [
        (Agg::Mean, &[("b", 5.0), ("c", 4.0), ("a", 2.0)]),
        (Agg::Sum, &[("b", 10.0), ("a", 4.0), ("c", 4.0)]),
        (Agg::Median, &[("b", 5.0), ("c", 4.0), ("a", 2.0)]),
        (Agg::Count, &[("a", 2.0), ("b", 2.0), ("c", 1.0)]),
        (Agg::Min, &[("c", 4.0), ("b", 2.0), ("a", 1.0)]),
        (Agg::Max, &[("b", 8.0), ("c", 4.0), ("a", 3.0)]),
        (Agg::Nunique, &[("a", 2.0), ("b", 2.0), ("c", 1.0)]),
    ];
    for (agg, expected) in cases {
        assert_eq!(
            bars_of(&chart(&spec(Some("v"), agg, 10), &df)),
            expected,
            "{agg:?}"
        );
    }
    // std of c's single value is NaN in pandas: the bar is left out.
    let std = chart(&spec(Some("v"), Agg::Std, 10), &df);
    let bars = bars_of(&std);
    assert_eq!(bars.len(), 2);
    assert_close(bars[0].1, 4.242_640_687_119_285);
    assert_close(bars[1].1, std::f64::consts::SQRT_2);
    assert_eq!(std.title, "std of v per c");
}

#[test]
fn bars_keep_the_limit_largest_and_count_distinct_text() {
    let df = frame(vec![
        Column::new("c".into(), [3_i64, 1, 3, 2, 3, 1]),
        texts("artist", &["x", "y", "x", "z", "w", "x"].map(Some)),
    ]);
    let top = chart(&spec(Some("artist"), Agg::Nunique, 2), &df);
    // Groups 3: {x, w}, 1: {y, x}, 2: {z}; the tie of 1 and 3 goes by label.
    assert_eq!(bars_of(&top), [("1", 2.0), ("3", 2.0)]);
    let rows = chart(&spec(Some("artist"), Agg::Count, 1), &df);
    assert_eq!(bars_of(&rows), [("3", 3.0)]);
}

#[test]
fn bars_reject_decimal_categories_text_means_and_zero_limit() {
    let df = frame(vec![floats("c", &[Some(1.5)]), texts("t", &[Some("a")])]);
    assert_eq!(
        message(&spec(None, Agg::Count, 3), &df),
        "column `c` is decimal numbers; a bar chart's categories needs a text, whole-number or true/false column"
    );
    let text_mean = ChartSpec::Bar {
        category: "t".into(),
        value: Some("t".into()),
        agg: Agg::Mean,
        limit: 3,
    };
    assert!(message(&text_mean, &df).contains("a bar chart's value needs a numeric"));
    assert!(message(&spec(None, Agg::Count, 0), &df).contains("`limit` is 0"));
}
