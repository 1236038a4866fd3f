use polars_core::prelude::*;

use super::*;

/// A course file from `../shared/data` beside the checkout; `None` (with a note) if absent,
/// a failure under CI (`crate::testdata`).
pub(crate) fn course_table(file_name: &str) -> Option<DataFrame> {
    let bytes = crate::testdata::shared_data(file_name)?;
    Some(crate::io::read_parquet(file_name, &bytes).unwrap())
}

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_string()).collect()
}

#[test]
fn casts_numbers_and_booleans_and_drops_rows_with_a_null_or_nan() {
    let df = df!(
        "a" => [Some(1_i64), Some(2), None, Some(4)],
        "b" => [Some(0.5_f64), Some(f64::NAN), Some(1.5), Some(2.5)],
        "flag" => [true, false, true, false],
        "t" => [Some("x"), Some("y"), Some("x"), None]
    )
    .unwrap();
    let out = extract(&df, &names(&["a", "b", "flag"]), "t").unwrap();
    // Row 1 has NaN in `b`, row 2 a null `a`, row 3 a null target: only row 0 stays.
    assert_eq!(out.n_rows, 4);
    assert_eq!(out.n_dropped, 3);
    assert_eq!(out.x.data, vec![1.0, 0.5, 1.0]);
    assert_eq!(out.y, vec![0]);
    // As the course (dropna, then LabelEncoder): `y` only had dropped rows, so it is no class.
    assert_eq!(out.classes, names(&["x"]));
}

#[test]
fn sorts_classes_like_label_encoder() {
    let df = df!(
        "f" => [1.0_f64, 2.0, 3.0, 4.0, 5.0],
        "country" => ["US", "AE", "ZA", "AE", "DE"],
        "rank" => [10_i64, 9, 100, 9, 2],
        "score" => [0.5_f64, -1.0, 2.0, 0.5, 10.0]
    )
    .unwrap();
    let text = extract(&df, &names(&["f"]), "country").unwrap();
    assert_eq!(text.classes, names(&["AE", "DE", "US", "ZA"]));
    assert_eq!(text.y, vec![2, 0, 3, 0, 1]);
    // Numbers sort numerically (np.unique), not as text: 2 < 9 < 10 < 100.
    let ints = extract(&df, &names(&["f"]), "rank").unwrap();
    assert_eq!(ints.classes, names(&["2", "9", "10", "100"]));
    assert_eq!(ints.y, vec![2, 1, 3, 1, 0]);
    let floats = extract(&df, &names(&["f"]), "score").unwrap();
    assert_eq!(floats.classes, names(&["-1.0", "0.5", "2.0", "10.0"]));
}

#[test]
fn names_the_missing_column_and_the_text_feature() {
    let df = df!("a" => [1_i64], "name" => ["x"], "t" => ["y"]).unwrap();
    let missing = extract(&df, &names(&["tempo"]), "t").unwrap_err();
    let message = missing.to_string();
    assert!(
        message.contains("`tempo`") && message.contains("`name`"),
        "{message}"
    );
    let text = extract(&df, &names(&["a", "name"]), "t").unwrap_err();
    assert!(
        matches!(&text, TrainError::NotNumeric { column, .. } if column == "name"),
        "{text}"
    );
    let no_target = extract(&df, &names(&["a"]), "country").unwrap_err();
    assert!(no_target.to_string().contains("`country`"), "{no_target}");
}

#[test]
#[allow(clippy::disallowed_methods)] // native timing of a test, never built for wasm32
fn extracts_the_course_rankings_without_the_global_chart() {
    let Some(df) = course_table("song_rankings.parquet") else {
        return;
    };
    let features = names(&[
        "popularity",
        "daily_rank",
        "daily_movement",
        "weekly_movement",
    ]);
    let started = std::time::Instant::now();
    let out = extract(&df, &features, "country").unwrap();
    eprintln!(
        "extract: {} rows × {} features in {:?}",
        out.n_rows,
        features.len(),
        started.elapsed()
    );
    // 73 charts of 50 a day; the global one (null country) is dropped: 1,146,100 / 73.
    assert_eq!(out.n_dropped, 1_146_100 / 73);
    assert_eq!(out.classes.len(), 72);
    assert_eq!(out.classes.first().map(String::as_str), Some("AE"));
    assert_eq!(out.classes.last().map(String::as_str), Some("ZA"));
    assert_eq!(out.x.n_rows, out.y.len());
    // The first kept row is the first country chart's number one.
    assert!((out.x.row(0)[1] - 1.0).abs() < f32::EPSILON);
}
