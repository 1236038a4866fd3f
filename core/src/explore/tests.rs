//! Explore on small hand-made frames: pandas' rules (dtype names, null handling, sort
//! orders) case by case. Expected values are worked out by hand or, where noted, printed
//! by pandas 2.3.3. The course data is checked in `pandas_tests.rs`.

use polars_core::df;
use polars_core::prelude::*;

use super::*;
use crate::calendar::{NS_PER_DAY, days_from_civil};
use CellValue::{Bool, Float, Int, Null, Text};

fn day(y: i32, m: u32, d: u32) -> i64 {
    i64::from(days_from_civil(y, m, d))
}

fn timestamps(name: &str, unit: TimeUnit, values: Vec<Option<i64>>) -> Column {
    Int64Chunked::from_iter_options(name.into(), values.into_iter())
        .into_datetime(unit, None)
        .into_series()
        .into_column()
}

/// Songs with a key, an int, a float with a null and a NaN, a bool, text and two dates.
fn songs() -> DataFrame {
    let ms_per_day = 86_400_000;
    let mut df = df!(
        "name" => [Some("b"), Some("a"), None, Some("a"), Some("c")],
        "plays" => [3_i64, 1, 4, 1, 5],
        "score" => [Some(1.0), None, Some(3.0), Some(f64::NAN), Some(5.0)],
        "explicit" => [true, false, true, true, false],
    )
    .unwrap();
    let snapshot = timestamps(
        "snapshot_date",
        TimeUnit::Milliseconds,
        vec![
            Some(day(2023, 12, 19) * ms_per_day),
            Some(day(2023, 12, 20) * ms_per_day),
            Some(day(2023, 12, 31) * ms_per_day + 43_200_000),
            Some(day(2024, 1, 1) * ms_per_day),
            None,
        ],
    );
    let released = Int32Chunked::new(
        "released".into(),
        [Some(0), Some(19_904), None, Some(1), Some(2)],
    )
    .into_date()
    .into_series()
    .into_column();
    df.hstack_mut(&[snapshot, released]).unwrap();
    df
}

#[test]
fn preview_names_dtypes_like_pandas_and_shows_dates_as_iso_text() {
    let page = preview(&songs(), 1, 2).unwrap();
    let dtypes: Vec<(&str, &str, usize)> = page
        .columns
        .iter()
        .map(|c| (c.name.as_str(), c.dtype.as_str(), c.null_count))
        .collect();
    assert_eq!(
        dtypes,
        [
            ("name", "object", 1),
            ("plays", "int64", 0),
            // polars keeps NaN as a value: only the null counts (pandas' isna would say 2).
            ("score", "float64", 1),
            ("explicit", "bool", 0),
            ("snapshot_date", "datetime64[ms]", 1),
            ("released", "date", 1),
        ]
    );
    assert_eq!((page.n_rows, page.offset, page.rows.len()), (5, 1, 2));
    assert_eq!(
        page.rows[0],
        [
            Text("a".into()),
            Int(1),
            Null,
            Bool(false),
            Text("2023-12-20".into()),
            Text("2024-06-30".into())
        ]
    );
    assert_eq!(
        page.rows[1],
        [
            Null,
            Int(4),
            Float(3.0),
            Bool(true),
            Text("2023-12-31 12:00:00".into()),
            Null
        ]
    );
}

#[test]
fn preview_past_the_end_returns_no_rows_but_the_row_count() {
    let page = preview(&songs(), 99, 10).unwrap();
    assert_eq!(
        (page.n_rows, page.rows.len(), page.columns.len()),
        (5, 0, 6)
    );
    let tail = preview(&songs(), 4, 10).unwrap();
    assert_eq!(tail.rows.len(), 1);
}

#[test]
fn timestamps_show_seconds_and_fractions_only_when_present() {
    use super::cells::iso_datetime;
    let noon = day(2024, 6, 30) * NS_PER_DAY + 12 * 3_600 * 1_000_000_000;
    assert_eq!(
        iso_datetime(noon, TimeUnit::Nanoseconds),
        "2024-06-30 12:00:00"
    );
    assert_eq!(
        iso_datetime(noon + 250_000_000, TimeUnit::Nanoseconds),
        "2024-06-30 12:00:00.250000000"
    );
    assert_eq!(
        iso_datetime(day(2024, 6, 30) * 86_400_000_000, TimeUnit::Microseconds),
        "2024-06-30"
    );
    // Before 1970: still the right calendar day and time.
    assert_eq!(
        iso_datetime(-1_000, TimeUnit::Milliseconds),
        "1969-12-31 23:59:59"
    );
}

#[test]
fn describe_covers_numbers_only_and_skips_nulls_and_nan() {
    let rows = describe(&songs()).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.column.as_str()).collect();
    assert_eq!(
        names,
        ["plays", "score"],
        "bool, text and dates are left out"
    );
    // plays = [3, 1, 4, 1, 5]: mean 2.8, sample variance 12.8 / 4 = 3.2.
    let plays = &rows[0];
    assert_eq!(
        (plays.count, plays.min, plays.max),
        (5, Some(1.0), Some(5.0))
    );
    assert!((plays.mean.unwrap() - 2.8).abs() < 1e-12);
    assert!((plays.std.unwrap() - 3.2_f64.sqrt()).abs() < 1e-12);
    assert_eq!(
        (plays.q25, plays.q50, plays.q75),
        (Some(1.0), Some(3.0), Some(4.0))
    );
    // score = [1, 3, 5] once the null and the NaN are skipped.
    let score = &rows[1];
    assert_eq!(
        (score.count, score.mean, score.std),
        (3, Some(3.0), Some(2.0))
    );
    assert_eq!(
        (score.q25, score.q50, score.q75),
        (Some(2.0), Some(3.0), Some(4.0))
    );
}

#[test]
fn describe_of_an_all_missing_column_has_a_count_of_zero_and_nothing_else() {
    let df = df!("x" => [None::<f64>, Some(f64::NAN)]).unwrap();
    let row = &describe(&df).unwrap()[0];
    assert_eq!(row.count, 0);
    assert_eq!(
        (row.mean, row.std, row.min, row.q50, row.max),
        (None, None, None, None, None)
    );
}

#[test]
fn correlations_include_bools_pair_rows_and_put_undefined_last() {
    let df = df!(
        "y" => [1.0, 2.0, 3.0, 4.0],
        "up" => [Some(2.0), Some(4.0), None, Some(8.0)],
        "down" => [4_i64, 3, 2, 1],
        "flag" => [false, false, true, true],
        "flat" => [7.0, 7.0, 7.0, 7.0],
        "text" => ["a", "b", "c", "d"],
    )
    .unwrap();
    let c = correlations(&df, "y").unwrap();
    let names: Vec<&str> = c.values.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["up", "flag", "down", "flat"]);
    assert!(
        (c.values[0].1.unwrap() - 1.0).abs() < 1e-12,
        "pairwise rows are collinear"
    );
    // flag = [0, 0, 1, 1] against 1..4: cov 1 / sqrt(1.25 * 0.25 * ...) = 2 / sqrt(5).
    assert!((c.values[1].1.unwrap() - 2.0 / 5.0_f64.sqrt()).abs() < 1e-12);
    assert!((c.values[2].1.unwrap() + 1.0).abs() < 1e-12);
    assert_eq!(c.values[3].1, None, "a constant column has no correlation");

    let m = correlation_matrix(&df, &["y".into(), "down".into()]).unwrap();
    assert!((m.values[0][1].unwrap() + 1.0).abs() < 1e-12);
    assert_eq!(m.values[0][1], m.values[1][0]);
    assert_eq!(
        correlation_matrix(&df, &[]).unwrap().columns.len(),
        5,
        "every numeric and bool column"
    );
}

#[test]
fn a_text_target_names_the_column_and_the_numeric_ones_to_pick() {
    let err = correlations(&songs(), "name").unwrap_err().to_string();
    assert!(err.contains("column `name` is text (object)"), "{err}");
    assert!(err.contains("`plays`, `score`, `explicit`"), "{err}");
    let err = correlations(&songs(), "tempo").unwrap_err().to_string();
    assert!(err.contains("has no column `tempo`"), "{err}");
    assert!(err.contains("`name`, `plays`"), "{err}");
}

#[test]
fn group_by_drops_null_keys_sorts_keys_and_skips_missing_values() {
    // pandas 2.3.3: df = DataFrame({"k": ["a","b",None,"a"], "v": [1.0, nan, 3, 2]});
    // df.groupby("k")["v"].agg(...) gives a: mean 1.5, std 0.7071…, count 2; b: NaN, NaN, 0.
    let df = df!(
        "k" => [Some("b"), Some("a"), None, Some("a")],
        "v" => [f64::NAN, 1.0, 3.0, 2.0],
        "n" => [Some(10_i64), Some(1), Some(5), None],
    )
    .unwrap();
    let cells = |agg: Agg, column: &str| -> Vec<Vec<CellValue>> {
        group_by(&df, &["k".into()], column, agg).unwrap().rows
    };
    let (a, b) = (Text("a".into()), Text("b".into()));
    assert_eq!(
        cells(Agg::Mean, "v"),
        [vec![a.clone(), Float(1.5)], vec![b.clone(), Null]]
    );
    assert_eq!(
        cells(Agg::Count, "v"),
        [vec![a.clone(), Int(2)], vec![b.clone(), Int(0)]]
    );
    assert_eq!(
        cells(Agg::Sum, "n"),
        [vec![a.clone(), Int(1)], vec![b.clone(), Int(10)]]
    );
    assert_eq!(
        cells(Agg::Max, "n"),
        [vec![a.clone(), Int(1)], vec![b.clone(), Int(10)]]
    );
    assert_eq!(
        cells(Agg::Median, "v"),
        [vec![a.clone(), Float(1.5)], vec![b.clone(), Null]]
    );
    assert_eq!(
        cells(Agg::Nunique, "n"),
        [vec![a.clone(), Int(1)], vec![b.clone(), Int(1)]]
    );
    let std = cells(Agg::Std, "v");
    assert!(matches!(std[0][1], Float(s) if (s - 0.5_f64.sqrt()).abs() < 1e-15));
    assert_eq!(std[1][1], Null, "std of fewer than two values is undefined");
    let page = group_by(&df, &["k".into()], "n", Agg::Sum).unwrap();
    assert_eq!(page.columns[1].dtype, "int64");
}

#[test]
fn group_by_two_keys_sorts_by_the_first_then_the_second() {
    let df = df!(
        "country" => ["US", "DE", "US", "DE", "US"],
        "explicit" => [true, false, false, false, true],
        "popularity" => [90_i64, 70, 80, 60, 70],
    )
    .unwrap();
    let page = group_by(
        &df,
        &["country".into(), "explicit".into()],
        "popularity",
        Agg::Mean,
    )
    .unwrap();
    assert_eq!(
        page.rows,
        [
            vec![Text("DE".into()), Bool(false), Float(65.0)],
            vec![Text("US".into()), Bool(false), Float(80.0)],
            vec![Text("US".into()), Bool(true), Float(80.0)],
        ]
    );
}

#[test]
fn group_by_mean_of_text_says_to_pick_a_numeric_column() {
    let err = group_by(&songs(), &["name".into()], "name", Agg::Mean)
        .unwrap_err()
        .to_string();
    assert!(err.contains("column `name` is text"), "{err}");
    assert!(
        err.contains("Pick one of: `plays`, `score`, `explicit`"),
        "{err}"
    );
    let err = group_by(&songs(), &[], "plays", Agg::Mean)
        .unwrap_err()
        .to_string();
    assert!(err.contains("choose at least one column"), "{err}");
    // Counting text is fine.
    let page = group_by(&songs(), &["explicit".into()], "name", Agg::Count).unwrap();
    assert_eq!(page.rows[1], [Bool(true), Int(2)]);
}

#[test]
fn float_keys_join_signed_zeros_and_drop_nan_like_pandas() {
    let df = df!("x" => [Some(0.0), Some(-0.0), Some(f64::NAN), None, Some(-1.5)]).unwrap();
    let page = value_counts(&df, "x", 10).unwrap();
    assert_eq!(
        page.rows,
        [vec![Float(0.0), Int(2)], vec![Float(-1.5), Int(1)]]
    );
    let page = group_by(&df, &["x".into()], "x", Agg::Count).unwrap();
    assert_eq!(
        page.rows,
        [vec![Float(-1.5), Int(1)], vec![Float(0.0), Int(2)]]
    );
}

#[test]
fn value_counts_drop_nulls_and_keep_first_appearance_among_ties() {
    let df = df!("c" => [Some("x"), Some("y"), None, Some("y"), Some("z"), Some("x"), Some("w")])
        .unwrap();
    assert_eq!(
        value_counts(&df, "c", 10).unwrap().n_rows,
        4,
        "four distinct values"
    );
    let page = value_counts(&df, "c", 3).unwrap();
    assert_eq!(page.n_rows, 3, "the three most frequent");
    assert_eq!(
        page.rows,
        [
            vec![Text("x".into()), Int(2)],
            vec![Text("y".into()), Int(2)],
            vec![Text("z".into()), Int(1)]
        ]
    );
    assert_eq!(page.columns[1].name, "count");
}

#[test]
fn top_n_keeps_the_half_open_window_for_timestamps_and_dates() {
    let df = songs();
    // Window [2023-12-20, 2024-01-01): rows 1 ("a", 1) and 2 (null name) only.
    let page = top_n(
        &df,
        &["name".into()],
        "plays",
        "snapshot_date",
        "2023-12-20",
        "2024-01-01",
        10,
    )
    .unwrap();
    assert_eq!(page.rows, [vec![Text("a".into()), Float(1.0)]]);
    // By `explicit`: the row at 2024-01-01 00:00 (true, 1) is past the exclusive end, and
    // the one at 2023-12-31 12:00 (true, 4) is in, null name or not.
    let page = top_n(
        &df,
        &["explicit".into()],
        "plays",
        "snapshot_date",
        "2023-12-20",
        "2024-01-01",
        10,
    )
    .unwrap();
    assert_eq!(
        page.rows,
        [vec![Bool(true), Float(4.0)], vec![Bool(false), Float(1.0)]]
    );
    // Dates: released in [1970-01-01, 1970-01-04) are rows 0 ("b", 3), 3 ("a", 1), 4 ("c", 5).
    let page = top_n(
        &df,
        &["name".into()],
        "plays",
        "released",
        "1970-01-01",
        "1970-01-04",
        2,
    )
    .unwrap();
    assert_eq!(
        page.rows,
        [
            vec![Text("c".into()), Float(5.0)],
            vec![Text("b".into()), Float(3.0)]
        ]
    );
    assert_eq!(
        page.n_rows, 2,
        "the answer is the top 2, not a page of all 3 groups"
    );
}

#[test]
fn top_n_ties_keep_key_order() {
    let ns = |d: i64| d * NS_PER_DAY;
    let mut df = df!("song" => ["z", "m", "a"], "popularity" => [50_i64, 50, 40]).unwrap();
    let when = timestamps(
        "day",
        TimeUnit::Nanoseconds,
        vec![Some(ns(0)), Some(ns(0)), Some(ns(0))],
    );
    df.hstack_mut(&[when]).unwrap();
    let page = top_n(
        &df,
        &["song".into()],
        "popularity",
        "day",
        "1970-01-01",
        "1970-01-02",
        3,
    )
    .unwrap();
    let songs: Vec<&CellValue> = page.rows.iter().map(|r| &r[0]).collect();
    assert_eq!(
        songs,
        [&Text("m".into()), &Text("z".into()), &Text("a".into())]
    );
}

#[test]
fn top_n_rejects_impossible_dates_empty_windows_and_non_date_columns() {
    let df = songs();
    let run = |column: &str, start: &str, end: &str| {
        top_n(&df, &["name".into()], "plays", column, start, end, 3)
            .unwrap_err()
            .to_string()
    };
    let err = run("snapshot_date", "2023-02-30", "2024-01-01");
    assert!(err.contains("`start` is `2023-02-30`, not a date"), "{err}");
    let err = run("snapshot_date", "2024-01-01", "20240102");
    assert!(err.contains("`end` is `20240102`"), "{err}");
    let err = run("snapshot_date", "2024-01-01", "2024-01-01");
    assert!(err.contains("the date window is empty"), "{err}");
    let err = run("name", "2023-12-20", "2024-01-01");
    assert!(err.contains("`snapshot_date`, `released`"), "{err}");
}

#[test]
fn run_answers_each_query_as_tagged_json_the_ui_reads() {
    let df = songs();
    let query: ExploreQuery =
        serde_json::from_str(r#"{"query":"value_counts","column":"name","limit":1}"#).unwrap();
    let out = run(&query, &df).unwrap();
    let json = serde_json::to_value(&out).unwrap();
    assert_eq!(json["output"], "table");
    assert_eq!(json["page"]["rows"][0], serde_json::json!(["a", 2]));
    let describe_out = run(&ExploreQuery::Describe, &df).unwrap();
    assert!(matches!(describe_out, ExploreOutput::Describe { rows } if rows.len() == 2));
    let err: crate::JukeboxError = run(
        &ExploreQuery::Correlation {
            target: "nope".into(),
        },
        &df,
    )
    .unwrap_err()
    .into();
    assert!(
        err.to_string()
            .starts_with("the input table has no column `nope`"),
        "{err}"
    );
}

#[test]
fn group_by_several_columns_finds_the_groups_once_and_defaults_to_numeric_columns() {
    // pandas: DataFrame({"k": ["b","a","a"], "x": [1.0, 2.0, 4.0], "n": [3, 5, 7],
    // "s": ["p","q","r"]}).groupby("k").mean(numeric_only=True) → a: x 3.0, n 6.0; b: 1.0, 3.0
    let df = df!(
        "k" => ["b", "a", "a"],
        "x" => [1.0, 2.0, 4.0],
        "n" => [3_i64, 5, 7],
        "s" => ["p", "q", "r"],
    )
    .unwrap();
    let all = group_by_columns(&df, &["k".into()], &[], Agg::Mean).unwrap();
    let names: Vec<&str> = all.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["k", "x", "n"]);
    assert_eq!(
        all.rows,
        [
            vec![Text("a".into()), Float(3.0), Float(6.0)],
            vec![Text("b".into()), Float(1.0), Float(3.0)]
        ]
    );
    let one = group_by_columns(&df, &["k".into()], &["n".into()], Agg::Max).unwrap();
    assert_eq!(one.rows[0], vec![Text("a".into()), Int(7)]);
    let text = group_by_columns(&df, &["k".into()], &["s".into()], Agg::Mean).unwrap_err();
    assert!(text.to_string().contains("`s`"), "{text}");
}

/// `describe()` of the demo's song properties as pandas would print it, kept whole as an
/// `insta` snapshot: a reviewer sees every statistic, and a change to the demo data or to
/// the formatting fails here until the snapshot is reviewed.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn describe_of_the_demo_song_properties_prints_like_pandas() {
    let tables = crate::demo::generate(&crate::demo::DemoConfig::default()).unwrap();
    let ExploreOutput::Describe { rows } =
        run(&ExploreQuery::Describe, &tables.song_properties).unwrap()
    else {
        panic!("describe answers with rows");
    };
    insta::assert_snapshot!(crate::format::describe_text(&rows));
}
