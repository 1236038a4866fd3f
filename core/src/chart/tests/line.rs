use super::*;

fn lines_of(chart: &Chart) -> (&[LineSeries], bool) {
    match &chart.data {
        ChartData::Line { series, x_is_date } => (series, *x_is_date),
        other => panic!("not a line chart: {other:?}"),
    }
}

fn series(name: &str, points: &[(f64, f64)]) -> LineSeries {
    LineSeries {
        name: name.into(),
        points: points.to_vec(),
    }
}

#[test]
fn line_averages_y_per_date_for_the_most_frequent_series() {
    let df = frame(vec![
        dates(
            "day",
            &[
                Some(1),
                Some(0),
                Some(1),
                Some(1),
                Some(0),
                Some(2),
                Some(1),
                None,
            ],
        ),
        texts(
            "country",
            &["us", "us", "us", "gb", "gb", "fr", "us", "us"].map(Some),
        ),
        floats(
            "rank",
            &[
                Some(1.0),
                Some(3.0),
                Some(3.0),
                Some(5.0),
                Some(4.0),
                Some(9.0),
                None,
                Some(7.0),
            ],
        ),
    ]);
    let spec = ChartSpec::Line {
        x: "day".into(),
        y: "rank".into(),
        series: Some("country".into()),
        max_series: 2,
    };
    let chart = chart(&spec, &df);
    // us has 3 complete rows, gb 2, fr 1; us on day 1 is the mean of 1 and 3.
    let expected = [
        series("us", &[(0.0, 3.0), (1.0, 2.0)]),
        series("gb", &[(0.0, 4.0), (1.0, 5.0)]),
    ];
    assert_eq!(lines_of(&chart), (&expected[..], true));
    assert_eq!(chart.title, "Mean rank by day, per country");
    assert_eq!(
        (chart.x_label.as_str(), chart.y_label.as_str()),
        ("day", "mean rank")
    );
}

#[test]
fn line_over_timestamps_uses_fractional_days_since_1970() {
    let ms = Column::new("at".into(), [0_i64, 129_600_000, 86_400_000])
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
        .unwrap();
    let df = frame(vec![ms, floats("y", &[Some(1.0), Some(2.0), Some(3.0)])]);
    let spec = ChartSpec::Line {
        x: "at".into(),
        y: "y".into(),
        series: None,
        max_series: 5,
    };
    let expected = [series("y", &[(0.0, 1.0), (1.0, 3.0), (1.5, 2.0)])];
    assert_eq!(lines_of(&chart(&spec, &df)), (&expected[..], true));
}

#[test]
fn line_over_numbers_keeps_x_as_it_is() {
    let df = frame(vec![
        Column::new("week".into(), [2_i64, 1, 2]),
        floats("streams", &[Some(1.0), Some(2.0), Some(4.0)]),
    ]);
    let spec = ChartSpec::Line {
        x: "week".into(),
        y: "streams".into(),
        series: None,
        max_series: 1,
    };
    let expected = [series("streams", &[(1.0, 2.0), (2.0, 2.5)])];
    assert_eq!(lines_of(&chart(&spec, &df)), (&expected[..], false));
}

#[test]
fn line_rejects_text_x_decimal_series_and_zero_series() {
    let df = frame(vec![texts("name", &[Some("a")]), floats("y", &[Some(1.0)])]);
    let spec = |x: &str, series: Option<&str>, max_series| ChartSpec::Line {
        x: x.into(),
        y: "y".into(),
        series: series.map(Into::into),
        max_series,
    };
    assert_eq!(
        message(&spec("name", None, 1), &df),
        "column `name` is text; a line chart's x axis needs a date, timestamp or numeric column"
    );
    assert_eq!(
        message(&spec("y", Some("y"), 1), &df),
        "column `y` is decimal numbers; a line chart's series needs a text, whole-number or true/false column"
    );
    assert!(message(&spec("y", None, 0), &df).contains("`max_series` is 0"));
}
