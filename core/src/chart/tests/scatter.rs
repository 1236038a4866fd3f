use super::*;

fn spec(max_points: usize) -> ChartSpec {
    ChartSpec::Scatter {
        x: "energy".into(),
        y: "loudness".into(),
        max_points,
    }
}

fn points_of(chart: &Chart) -> (&[(f64, f64)], usize) {
    match &chart.data {
        ChartData::Scatter { points, n_total } => (points, *n_total),
        other => panic!("not a scatter: {other:?}"),
    }
}

#[test]
fn scatter_keeps_rows_with_both_values_when_under_the_limit() {
    let df = frame(vec![
        floats(
            "energy",
            &[Some(0.1), None, Some(0.3), Some(f64::NAN), Some(0.5)],
        ),
        Column::new("loudness".into(), [-5_i32, -6, -7, -8, -9]),
    ]);
    let chart = chart(&spec(10), &df);
    assert_eq!(
        points_of(&chart),
        (&[(0.1, -5.0), (0.3, -7.0), (0.5, -9.0)][..], 3)
    );
    assert_eq!(chart.title, "loudness vs energy");
    assert_eq!(
        (chart.x_label.as_str(), chart.y_label.as_str()),
        ("energy", "loudness")
    );
}

#[test]
fn scatter_samples_rows_spread_evenly_through_the_table() {
    let xs: Vec<Option<f64>> = (0..10).map(|i| Some(f64::from(i))).collect();
    let ys: Vec<Option<f64>> = (0..10).map(|i| Some(f64::from(i * i))).collect();
    let df = frame(vec![floats("energy", &xs), floats("loudness", &ys)]);
    // Rows ⌊i · 10 / 4⌋ for i in 0..4: 0, 2, 5, 7.
    let sampled = chart(&spec(4), &df);
    assert_eq!(
        points_of(&sampled),
        (&[(0.0, 0.0), (2.0, 4.0), (5.0, 25.0), (7.0, 49.0)][..], 10)
    );
    assert_eq!(sampled, chart(&spec(4), &df), "the same sample every time");
}

#[test]
fn scatter_rejects_zero_points_and_text_axes() {
    let df = frame(vec![
        floats("energy", &[Some(1.0)]),
        texts("loudness", &[Some("loud")]),
    ]);
    assert!(message(&spec(0), &df).contains("`max_points` is 0"));
    assert_eq!(
        message(&spec(5), &df),
        "column `loudness` is text; a scatter plot's y axis needs a numeric or true/false column"
    );
}
