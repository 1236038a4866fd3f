use super::*;

#[test]
fn a_small_family_is_written_exactly_as_the_text_format_says() {
    let families = [
        MetricFamily::gauge(DRIFT_PVALUE, "p-value of each drift test per feature")
            .with(&[("feature", "tempo"), ("test", "meanshift")], 0.0012)
            .with(&[("feature", "energy"), ("test", "ks")], 0.5),
        MetricFamily::gauge(DATASET_DRIFT, "1 when the dataset drifted").with(&[], 1.0),
        MetricFamily::gauge(MONITOR_TIMESTAMP_SECONDS, "Unix time of the run")
            .with(&[], 1_764_288_000.5),
    ];
    let expected = "\
# HELP jukebox_drift_pvalue p-value of each drift test per feature
# TYPE jukebox_drift_pvalue gauge
jukebox_drift_pvalue{feature=\"tempo\",test=\"meanshift\"} 0.0012
jukebox_drift_pvalue{feature=\"energy\",test=\"ks\"} 0.5
# HELP jukebox_dataset_drift 1 when the dataset drifted
# TYPE jukebox_dataset_drift gauge
jukebox_dataset_drift 1
# HELP jukebox_monitor_timestamp_seconds Unix time of the run
# TYPE jukebox_monitor_timestamp_seconds gauge
jukebox_monitor_timestamp_seconds 1.7642880005e+09
";
    assert_eq!(render(&families).unwrap(), expected);
}

#[test]
fn a_family_without_samples_has_only_its_help_and_type() {
    let text = render(&[MetricFamily::gauge(SPD, "statistical parity difference")]).unwrap();
    assert_eq!(
        text,
        "# HELP jukebox_spd statistical parity difference\n# TYPE jukebox_spd gauge\n"
    );
}

#[test]
fn label_values_escape_backslashes_quotes_and_line_feeds() {
    assert_eq!(escape_label_value(r#"a\b"c"#), r#"a\\b\"c"#);
    assert_eq!(escape_label_value("two\nlines"), r"two\nlines");
    assert_eq!(escape_label_value("Côte d'Ivoire"), "Côte d'Ivoire");
    let text =
        render(&[MetricFamily::gauge(SPD, "h").with(&[("country", "say \"hi\"\n")], 0.0)]).unwrap();
    assert!(
        text.ends_with("jukebox_spd{country=\"say \\\"hi\\\"\\n\"} 0\n"),
        "{text}"
    );
}

#[test]
fn help_escapes_backslashes_and_line_feeds_but_not_quotes() {
    assert_eq!(escape_help("a \"b\" c\\d\ne"), "a \"b\" c\\\\d\\ne");
}

#[test]
fn special_values_are_spelled_as_prometheus_does() {
    assert_eq!(format_value(f64::NAN), "NaN");
    assert_eq!(format_value(f64::INFINITY), "+Inf");
    assert_eq!(format_value(f64::NEG_INFINITY), "-Inf");
    assert_eq!(format_value(-0.0), "0");
    assert_eq!(format_value(-1.0), "-1");
}

#[test]
fn numbers_follow_gos_shortest_g_format() {
    // strconv.FormatFloat(v, 'g', -1, 64), as the Go client writes values.
    let cases = [
        (0.05, "0.05"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (-0.000_012_5, "-1.25e-05"),
        (123_456.0, "123456"),
        (1e6, "1e+06"),
        (1_234_567.0, "1.234567e+06"),
        (1e100, "1e+100"),
        (0.1 + 0.2, "0.30000000000000004"),
        (5e-324, "5e-324"),
    ];
    for (value, go) in cases {
        assert_eq!(format_value(value), go, "{value:e}");
    }
}

#[test]
fn invalid_metric_names_are_refused() {
    for bad in ["", "1abc", "jukebox-spd", "jukebox spd", "jukebox_é"] {
        let err = render(&[MetricFamily::gauge(bad, "h")]).unwrap_err();
        assert_eq!(
            err,
            ExpositionError::MetricName {
                name: bad.to_owned()
            }
        );
    }
    for good in ["a", "_a", ":a", "jukebox:drift_pvalue", "a1"] {
        assert!(valid_metric_name(good), "{good}");
    }
}

#[test]
fn invalid_label_names_are_refused() {
    for bad in ["", "1x", "a:b", "__name__", "a-b"] {
        let family = MetricFamily::gauge(SPD, "h").with(&[(bad, "v")], 0.0);
        let err = render(&[family]).unwrap_err();
        assert_eq!(
            err,
            ExpositionError::LabelName {
                metric: SPD.to_owned(),
                label: bad.to_owned()
            }
        );
    }
    assert!(valid_label_name("_country") && valid_label_name("feature2"));
}

#[test]
fn repeated_labels_and_families_are_refused() {
    let family = MetricFamily::gauge(SPD, "h").with(&[("country", "FR"), ("country", "DE")], 0.0);
    assert!(matches!(
        render(&[family]),
        Err(ExpositionError::DuplicateLabel { .. })
    ));
    let twice = [MetricFamily::gauge(SPD, "h"), MetricFamily::gauge(SPD, "h")];
    assert_eq!(
        render(&twice).unwrap_err(),
        ExpositionError::DuplicateFamily {
            name: SPD.to_owned()
        }
    );
}

#[test]
fn every_documented_metric_name_is_valid() {
    for name in [
        DRIFT_PVALUE,
        DRIFT_STATISTIC,
        DRIFT_DETECTED,
        DATASET_DRIFT,
        DRIFTED_FEATURE_SHARE,
        SPD,
        DIR,
        FAIRNESS_VIOLATION,
        MONITOR_TIMESTAMP_SECONDS,
    ] {
        assert!(valid_metric_name(name), "{name}");
    }
}
