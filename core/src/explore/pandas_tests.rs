//! Explore on the course data against what pandas 2.3.3 answers to the course's steps:
//! `fixtures/pandas_reference.json`, written by `scripts/pandas_reference.py` (floats to
//! relative 1e-9, counts exact). Skipped, with a note, when `../shared/data` is absent (a
//! failure under CI: `crate::testdata`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use polars_core::prelude::*;
use serde_json::Value;

use super::*;
use crate::course::FEATURES;
use crate::io::read_parquet;
use crate::prepare::{PrepareStep, apply_steps};

const CHRISTMAS: (&str, &str) = ("2023-12-20", "2024-01-01");

fn reference() -> &'static Value {
    static REFERENCE: OnceLock<Value> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        serde_json::from_str(include_str!("fixtures/pandas_reference.json")).unwrap()
    })
}

/// A course file from `../shared/data` beside the checkout, `None` (with a note) if absent,
/// a failure under CI (`crate::testdata`).
fn course_table(name: &str) -> Option<DataFrame> {
    let bytes = crate::testdata::shared_data(name)?;
    Some(read_parquet(name, &bytes).unwrap())
}

fn properties() -> Option<&'static DataFrame> {
    static TABLE: OnceLock<Option<DataFrame>> = OnceLock::new();
    TABLE
        .get_or_init(|| course_table("song_properties.parquet"))
        .as_ref()
}

fn rankings() -> Option<&'static DataFrame> {
    static TABLE: OnceLock<Option<DataFrame>> = OnceLock::new();
    TABLE
        .get_or_init(|| course_table("song_rankings.parquet"))
        .as_ref()
}

/// The course's `rankings.merge(properties.drop(columns=["name", "artists",
/// "event_timestamp"]), on="spotify_id").dropna()`, through the Prepare steps the app runs.
fn course_merge(rankings: &DataFrame, properties: &DataFrame) -> DataFrame {
    let datasets = BTreeMap::from([("song_properties".to_string(), properties.clone())]);
    let steps = [
        PrepareStep::CourseMerge {
            properties: "song_properties".into(),
        },
        PrepareStep::DropNulls {
            columns: Vec::new(),
        },
    ];
    apply_steps(&steps, rankings.clone(), &datasets).unwrap()
}

fn merged() -> Option<&'static DataFrame> {
    static TABLE: OnceLock<Option<DataFrame>> = OnceLock::new();
    TABLE
        .get_or_init(|| Some(course_merge(rankings()?, properties()?)))
        .as_ref()
}

/// `actual` within relative 1e-9 of pandas' `expected` (absolute near zero).
fn assert_close(actual: Option<f64>, expected: &Value, what: &str) {
    match (actual, expected.as_f64()) {
        (None, None) => {}
        (Some(a), Some(e)) => {
            let tolerance = 1e-9 * e.abs().max(1e-3);
            assert!((a - e).abs() <= tolerance, "{what}: {a} vs pandas {e}");
        }
        (a, _) => panic!("{what}: {a:?} vs pandas {expected}"),
    }
}

fn cell_f64(cell: &CellValue) -> Option<f64> {
    match cell {
        CellValue::Float(v) => Some(*v),
        CellValue::Int(v) => Some(*v as f64),
        _ => None,
    }
}

/// A cell against pandas' JSON value: text and integers exactly, floats to 1e-9.
fn assert_cell(cell: &CellValue, expected: &Value, what: &str) {
    match (cell, expected) {
        (CellValue::Text(t), Value::String(e)) => assert_eq!(t, e, "{what}"),
        (CellValue::Int(v), Value::Number(e)) if e.is_i64() => {
            assert_eq!(Some(*v), e.as_i64(), "{what}");
        }
        (CellValue::Bool(v), Value::Bool(e)) => assert_eq!(v, e, "{what}"),
        (CellValue::Null, Value::Null) => {}
        _ => assert_close(cell_f64(cell), expected, what),
    }
}

/// Every row of a table page against pandas' rows of `[*keys, value]`.
fn assert_rows(page: &TablePage, expected: &Value, what: &str) {
    let expected = expected.as_array().unwrap();
    assert_eq!(page.rows.len(), expected.len(), "{what}: number of rows");
    for (i, (row, want)) in page.rows.iter().zip(expected).enumerate() {
        let want = want.as_array().unwrap();
        assert_eq!(row.len(), want.len(), "{what}: row {i}");
        for (cell, e) in row.iter().zip(want) {
            assert_cell(cell, e, &format!("{what}, row {i}"));
        }
    }
}

fn assert_describe(rows: &[DescribeRow], expected: &Value, what: &str) {
    let expected_rows = expected["rows"].as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.column.as_str()).collect();
    let want: Vec<&str> = expected_rows
        .iter()
        .map(|r| r["column"].as_str().unwrap())
        .collect();
    assert_eq!(names, want, "{what}: described columns");
    for (row, e) in rows.iter().zip(expected_rows) {
        let at = |stat: &str| format!("{what}: {stat} of `{}`", row.column);
        assert_eq!(
            Some(row.count as f64),
            e["count"].as_f64(),
            "{}",
            at("count")
        );
        assert_close(row.mean, &e["mean"], &at("mean"));
        assert_close(row.std, &e["std"], &at("std"));
        assert_close(row.min, &e["min"], &at("min"));
        assert_close(row.q25, &e["25%"], &at("25%"));
        assert_close(row.q50, &e["50%"], &at("50%"));
        assert_close(row.q75, &e["75%"], &at("75%"));
        assert_close(row.max, &e["max"], &at("max"));
    }
}

fn assert_correlations(c: &Correlations, expected: &Value, what: &str) {
    let expected = expected.as_array().unwrap();
    let names: Vec<&str> = c.values.iter().map(|(n, _)| n.as_str()).collect();
    let want: Vec<&str> = expected.iter().map(|p| p[0].as_str().unwrap()).collect();
    assert_eq!(names, want, "{what}: order");
    for ((name, r), e) in c.values.iter().zip(expected) {
        assert_close(*r, &e[1], &format!("{what}: `{name}`"));
    }
}

fn assert_info(df: &DataFrame, expected: &Value, what: &str) {
    let page = preview(df, 0, 0).unwrap();
    let shape = [page.n_rows, page.columns.len()];
    let want: Vec<usize> = expected["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| usize::try_from(v.as_u64().unwrap()).unwrap())
        .collect();
    assert_eq!(shape.as_slice(), want, "{what}: shape");
    for c in &page.columns {
        assert_eq!(
            c.dtype, expected["dtypes"][&c.name],
            "{what}: dtype of `{}`",
            c.name
        );
        assert_eq!(
            Some(c.null_count as u64),
            expected["null_counts"][&c.name].as_u64(),
            "{what}: nulls in `{}`",
            c.name
        );
    }
}

#[test]
fn course_tables_have_pandas_dtypes_null_counts_and_first_rows() {
    let (Some(props), Some(ranks)) = (properties(), rankings()) else {
        return;
    };
    assert_info(props, &reference()["properties"]["info"], "properties");
    assert_info(ranks, &reference()["rankings"]["info"], "rankings");
    let page = preview(props, 0, 3).unwrap();
    let head = reference()["properties"]["head"].as_array().unwrap();
    for (i, (row, want)) in page.rows.iter().zip(head).enumerate() {
        for (cell, e) in row.iter().zip(want.as_array().unwrap()) {
            // pandas' isoformat of a midnight timestamp; ours is the date alone.
            let e = match e.as_str() {
                Some(s) => Value::String(s.trim_end_matches("T00:00:00").to_string()),
                None => e.clone(),
            };
            assert_cell(cell, &e, &format!("properties row {i}"));
        }
    }
}

#[test]
fn song_properties_describe_like_pandas() {
    let Some(props) = properties() else { return };
    assert_describe(
        &describe(props).unwrap(),
        &reference()["properties"]["describe"],
        "properties",
    );
}

#[test]
fn song_properties_correlate_with_energy_like_pandas() {
    let Some(props) = properties() else { return };
    let c = correlations(props, "energy").unwrap();
    assert_correlations(
        &c,
        &reference()["properties"]["corr_energy"],
        "corr with energy",
    );
    let r = &reference()["properties"];
    let columns: Vec<String> = serde_json::from_value(r["corr_matrix_columns"].clone()).unwrap();
    let m = correlation_matrix(props, &columns).unwrap();
    for (i, row) in m.values.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            assert_close(*v, &r["corr_matrix"][i][j], &format!("matrix [{i}][{j}]"));
        }
    }
}

#[test]
fn rankings_group_by_country_like_pandas() {
    let Some(ranks) = rankings() else { return };
    let r = &reference()["rankings"];
    let by = ["country".to_string()];
    let page = group_by(ranks, &by, "popularity", Agg::Mean).unwrap();
    assert_rows(
        &page,
        &r["groupby_country_popularity_mean"],
        "mean popularity",
    );
    let aggs = [
        ("count", Agg::Count),
        ("sum", Agg::Sum),
        ("min", Agg::Min),
        ("max", Agg::Max),
        ("median", Agg::Median),
        ("std", Agg::Std),
        ("nunique", Agg::Nunique),
    ];
    for (name, agg) in aggs {
        let page = group_by(ranks, &by, "daily_movement", agg).unwrap();
        let what = format!("{name} of daily_movement");
        assert_rows(&page, &r["groupby_country_daily_movement"][name], &what);
    }
    let page = group_by(ranks, &by, "spotify_id", Agg::Nunique).unwrap();
    assert_rows(
        &page,
        &r["groupby_country_spotify_id_nunique"],
        "songs per country",
    );
}

#[test]
fn rankings_value_counts_of_country_like_pandas() {
    let Some(ranks) = rankings() else { return };
    let page = value_counts(ranks, "country", 10).unwrap();
    // Every country ties at 15,700; pandas' order here is first appearance, like ours.
    assert_rows(
        &page,
        &reference()["rankings"]["value_counts_country_top10"],
        "countries",
    );
    assert_eq!(
        value_counts(ranks, "country", 100).unwrap().n_rows,
        72,
        "the global chart's null country is not counted"
    );
}

#[test]
fn rankings_christmas_top_10_like_pandas() {
    let Some(ranks) = rankings() else { return };
    let r = &reference()["rankings"];
    let (start, end) = CHRISTMAS;
    for (key, expected) in [
        (
            vec!["spotify_id", "name"],
            &r["top10_christmas_by_id_and_name"],
        ),
        (vec!["name"], &r["top10_christmas_by_name"]),
    ] {
        let key: Vec<String> = key.into_iter().map(String::from).collect();
        let page = top_n(ranks, &key, "popularity", "snapshot_date", start, end, 10).unwrap();
        assert_rows(&page, expected, &format!("top 10 by {key:?}"));
    }
}

#[test]
fn course_merge_keeps_the_rows_pandas_keeps() {
    let Some(df) = merged() else { return };
    let m = &reference()["merged"];
    assert_eq!(m["shape_before_dropna"], serde_json::json!([1_146_100, 25]));
    assert_info(df, &m["info"], "merged");
}

#[test]
fn course_merge_describes_and_correlates_with_popularity_like_pandas() {
    let Some(df) = merged() else { return };
    let m = &reference()["merged"];
    assert_describe(&describe(df).unwrap(), &m["describe"], "merged");
    let c = correlations(df, "popularity").unwrap();
    assert_correlations(&c, &m["corr_popularity"], "merged corr with popularity");
}

#[test]
fn course_merge_feature_means_per_country_like_pandas() {
    let Some(df) = merged() else { return };
    let means = &reference()["merged"]["feature_means_by_country"];
    for feature in FEATURES {
        let page = group_by(df, &["country".into()], feature, Agg::Mean).unwrap();
        assert_rows(
            &page,
            &means[feature],
            &format!("mean {feature} per country"),
        );
    }
}

#[test]
fn course_merge_value_counts_and_top_10_like_pandas() {
    let Some(df) = merged() else { return };
    let m = &reference()["merged"];
    let page = value_counts(df, "country", 10).unwrap();
    // pandas' unstable sort scrambles the many countries tied at 15,700: compare counts.
    let ours: Vec<i64> = page
        .rows
        .iter()
        .map(|r| match r[1] {
            CellValue::Int(n) => n,
            ref other => panic!("a count should be an integer, not {other:?}"),
        })
        .collect();
    let theirs: Vec<i64> = m["value_counts_country_top10"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[1].as_i64().unwrap())
        .collect();
    assert_eq!(ours, theirs);
    let key = ["spotify_id".to_string(), "name".to_string()];
    let (start, end) = CHRISTMAS;
    let page = top_n(df, &key, "popularity", "snapshot_date", start, end, 10).unwrap();
    assert_rows(&page, &m["top10_christmas_by_id_and_name"], "merged top 10");
}
