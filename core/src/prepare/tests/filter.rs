use super::*;
use crate::calendar::{NS_PER_DAY, days_from_civil};

fn filter(column: &str, condition: Condition) -> PrepareStep {
    PrepareStep::Filter {
        column: column.into(),
        condition,
    }
}

fn compare(op: CompareOp, value: Scalar) -> Condition {
    Condition::Compare { op, value }
}

fn kept(df: &DataFrame, column: &str, condition: Condition) -> Vec<Option<i64>> {
    ints(&run(&filter(column, condition), df).unwrap(), "id")
}

fn numbers() -> DataFrame {
    df!(
        "id" => [0_i64, 1, 2, 3, 4],
        "n" => [Some(1_i64), Some(2), None, Some(3), Some(-4)],
        "x" => [Some(0.5_f64), Some(f64::NAN), Some(2.0), None, Some(-1.0)],
    )
    .unwrap()
}

#[test]
fn numeric_comparisons_keep_matching_rows_and_never_nulls() {
    let df = numbers();
    let n = |op, x| kept(&df, "n", compare(op, Scalar::Number(x)));
    assert_eq!(n(CompareOp::Eq, 2.0), [Some(1)]);
    assert_eq!(n(CompareOp::Lt, 2.0), [Some(0), Some(4)]);
    assert_eq!(n(CompareOp::Le, 2.0), [Some(0), Some(1), Some(4)]);
    assert_eq!(n(CompareOp::Gt, 2.0), [Some(3)]);
    assert_eq!(n(CompareOp::Ge, 2.0), [Some(1), Some(3)]);
    // Integers meet fractions exactly: 2 > 1.5 and 2 < 2.5.
    assert_eq!(n(CompareOp::Gt, 1.5), [Some(1), Some(3)]);
    assert_eq!(n(CompareOp::Eq, 2.5), []);
    assert_eq!(n(CompareOp::Lt, -1e300), []);
    let x = |op, v| kept(&df, "x", compare(op, Scalar::Number(v)));
    assert_eq!(x(CompareOp::Ge, 0.5), [Some(0), Some(2)]);
}

#[test]
fn not_equal_keeps_nulls_and_nan_as_pandas_does() {
    let df = numbers();
    // df[df.n != 2] keeps the NaN row (pandas reads an int column with nulls as float).
    let ne = kept(&df, "n", compare(CompareOp::Ne, Scalar::Number(2.0)));
    assert_eq!(ne, [0, 2, 3, 4].map(Some));
    let ne = kept(&df, "x", compare(CompareOp::Ne, Scalar::Number(2.0)));
    assert_eq!(ne, [0, 1, 3, 4].map(Some));
}

#[test]
fn is_null_counts_nan_as_missing_like_isna() {
    let df = numbers();
    assert_eq!(kept(&df, "x", Condition::IsNull), [Some(1), Some(3)]);
    assert_eq!(
        kept(&df, "x", Condition::NotNull),
        [Some(0), Some(2), Some(4)]
    );
    assert_eq!(kept(&df, "n", Condition::IsNull), [Some(2)]);
}

#[test]
fn text_filters_compare_by_code_point_and_test_membership() {
    let df = df!(
        "id" => [0_i64, 1, 2, 3],
        "country" => [Some("US"), Some("GB"), None, Some("ZA")],
    )
    .unwrap();
    let text = |s: &str| Scalar::Text(s.into());
    assert_eq!(
        kept(&df, "country", compare(CompareOp::Eq, text("GB"))),
        [Some(1)]
    );
    assert_eq!(
        kept(&df, "country", compare(CompareOp::Lt, text("US"))),
        [Some(1)]
    );
    let list = Condition::InList {
        values: vec![text("ZA"), text("GB"), text("FR")],
    };
    assert_eq!(kept(&df, "country", list), [Some(1), Some(3)]);
    let nothing = Condition::InList { values: vec![] };
    assert_eq!(kept(&df, "country", nothing), []);
}

#[test]
fn numbers_can_be_listed_and_bools_compared() {
    let df = df!("id" => [0_i64, 1, 2], "b" => [true, false, true], "k" => [5_i32, 7, 9]).unwrap();
    let b = compare(CompareOp::Eq, Scalar::Bool(false));
    assert_eq!(kept(&df, "b", b), [Some(1)]);
    let list = Condition::InList {
        values: vec![Scalar::Number(9.0), Scalar::Number(5.0)],
    };
    assert_eq!(kept(&df, "k", list), [Some(0), Some(2)]);
}

#[test]
fn dates_and_timestamps_filter_between_iso_dates_with_the_end_excluded() {
    let days = [(2023, 12, 19), (2023, 12, 20), (2023, 12, 31), (2024, 1, 1)]
        .map(|(y, m, d)| days_from_civil(y, m, d));
    let ms: Vec<i64> = days
        .iter()
        .map(|d| i64::from(*d) * NS_PER_DAY / 1_000_000 + 3_600_000)
        .collect();
    let df = df!("id" => [0_i64, 1, 2, 3], "day" => days, "at" => ms).unwrap();
    let df = cast(df, "day", &DataType::Date);
    let df = cast(df, "at", &DataType::Datetime(TimeUnit::Milliseconds, None));
    let between = || Condition::Between {
        start: Scalar::Text("2023-12-20".into()),
        end: Scalar::Text("2024-01-01".into()),
    };
    assert_eq!(kept(&df, "day", between()), [Some(1), Some(2)]);
    assert_eq!(kept(&df, "at", between()), [Some(1), Some(2)]);
    // Timestamps are one hour past midnight: a time in the text counts.
    let after = compare(CompareOp::Gt, Scalar::Text("2023-12-20 01:00:00".into()));
    assert_eq!(kept(&df, "at", after), [Some(2), Some(3)]);
}

#[test]
fn values_of_the_wrong_kind_say_what_to_compare_with() {
    let df = df!("country" => ["US"], "n" => [1_i64], "b" => [true]).unwrap();
    let err = run(
        &filter("country", compare(CompareOp::Eq, Scalar::Number(3.0))),
        &df,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "column `country` holds str values, so it cannot be compared with the number 3. Compare it with text in quotes"
    );
    let err = run(
        &filter("n", compare(CompareOp::Eq, Scalar::Text("3".into()))),
        &df,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .ends_with("Compare it with a number (without quotes)"),
        "{err}"
    );
    let err = run(
        &filter("b", compare(CompareOp::Eq, Scalar::Number(1.0))),
        &df,
    )
    .unwrap_err();
    assert!(matches!(err, PrepareError::ValueType { .. }), "{err}");
}

#[test]
fn a_date_that_does_not_parse_names_the_value_and_the_format() {
    let df = cast(df!("day" => [0_i32]).unwrap(), "day", &DataType::Date);
    let step = filter(
        "day",
        compare(CompareOp::Ge, Scalar::Text("2023-13-01".into())),
    );
    let err = run(&step, &df).unwrap_err();
    assert_eq!(
        err,
        PrepareError::BadDate {
            column: "day".into(),
            value: "2023-13-01".into()
        }
    );
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    let step = filter("day", compare(CompareOp::Ge, Scalar::Number(5.0)));
    assert!(matches!(
        run(&step, &df),
        Err(PrepareError::ValueType { .. })
    ));
}

#[test]
fn an_unknown_filter_column_suggests_the_closest_name() {
    let step = filter("snapshot", Condition::IsNull);
    let df = df!("snapshot_date" => [1_i64], "country" => ["US"]).unwrap();
    let err = run(&step, &df).unwrap_err();
    assert_eq!(
        err,
        PrepareError::MissingColumn(MissingColumn {
            column: "snapshot".into(),
            dataset: None,
            suggestion: Some("snapshot_date".into()),
            available: vec!["snapshot_date".into(), "country".into()],
        })
    );
    let step = filter("contry", Condition::IsNull);
    let err = run(&step, &df).unwrap_err();
    assert!(
        err.to_string().contains("(did you mean `country`?)"),
        "{err}"
    );
}
