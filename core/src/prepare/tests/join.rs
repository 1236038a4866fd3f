use super::*;

fn join_step(right: &str, on: &[&str], how: JoinHow) -> PrepareStep {
    PrepareStep::Join {
        right: right.into(),
        on: on.iter().map(ToString::to_string).collect(),
        how,
        left_suffix: "_x".into(),
        right_suffix: "_y".into(),
    }
}

fn with(name: &str, df: DataFrame) -> BTreeMap<String, DataFrame> {
    BTreeMap::from([(name.to_string(), df)])
}

fn left_and_right() -> (DataFrame, DataFrame) {
    let left = df!("k" => ["b", "a", "c", "a"], "v" => [1_i64, 2, 3, 4]).unwrap();
    let right = df!("k" => ["a", "b", "a"], "w" => [10_i64, 20, 30]).unwrap();
    (left, right)
}

#[test]
fn inner_join_keeps_left_order_and_repeats_rows_for_repeated_right_keys() {
    let (left, right) = left_and_right();
    let step = join_step("r", &["k"], JoinHow::Inner);
    let out = apply_step(&step, left, &with("r", right)).unwrap();
    // l.merge(r, on="k") in pandas 3.1: k b a a a a, v 1 2 2 4 4, w 20 10 30 10 30
    assert_eq!(names(&out), ["k", "v", "w"]);
    let k: Vec<_> = texts(&out, "k").into_iter().flatten().collect();
    assert_eq!(k, ["b", "a", "a", "a", "a"]);
    assert_eq!(ints(&out, "v"), [1, 2, 2, 4, 4].map(Some));
    assert_eq!(ints(&out, "w"), [20, 10, 30, 10, 30].map(Some));
}

#[test]
fn left_join_keeps_unmatched_rows_with_nulls_on_the_right() {
    let (left, right) = left_and_right();
    let step = join_step("r", &["k"], JoinHow::Left);
    let out = apply_step(&step, left, &with("r", right)).unwrap();
    // l.merge(r, on="k", how="left"): w 20 10 30 NaN 10 30
    assert_eq!(ints(&out, "v"), [1, 2, 2, 3, 4, 4].map(Some));
    assert_eq!(
        ints(&out, "w"),
        [Some(20), Some(10), Some(30), None, Some(10), Some(30)]
    );
}

#[test]
fn null_keys_never_match_on_either_side() {
    let left = df!("k" => [Some("a"), None], "v" => [1_i64, 2]).unwrap();
    let right = df!("k" => [None, Some("a")], "w" => [10_i64, 20]).unwrap();
    let datasets = with("r", right);
    let inner = apply_step(
        &join_step("r", &["k"], JoinHow::Inner),
        left.clone(),
        &datasets,
    );
    assert_eq!(ints(&inner.unwrap(), "w"), [Some(20)]);
    let left_join = apply_step(&join_step("r", &["k"], JoinHow::Left), left, &datasets);
    assert_eq!(ints(&left_join.unwrap(), "w"), [Some(20), None]);
}

#[test]
fn multi_column_keys_match_only_when_every_key_matches() {
    let left = df!("a" => ["x", "x", "y"], "b" => [1_i64, 2, 1]).unwrap();
    let right = df!("a" => ["x", "y", "y"], "b" => [2_i32, 1, 2], "w" => [7_i64, 8, 9]).unwrap();
    let step = join_step("r", &["a", "b"], JoinHow::Left);
    let out = apply_step(&step, left, &with("r", right)).unwrap();
    // Int64 and Int32 keys compare as integers; (x,1) has no partner.
    assert_eq!(names(&out), ["a", "b", "w"]);
    assert_eq!(ints(&out, "w"), [None, Some(7), Some(8)]);
}

#[test]
fn timestamp_keys_in_different_units_match_the_same_instant() {
    let ms = df!("t" => [1_000_i64, 2_000]).unwrap();
    let ms = cast(ms, "t", &DataType::Datetime(TimeUnit::Milliseconds, None));
    let ns = df!("t" => [2_000_000_000_i64], "w" => [5_i64]).unwrap();
    let ns = cast(ns, "t", &DataType::Datetime(TimeUnit::Nanoseconds, None));
    let step = join_step("r", &["t"], JoinHow::Left);
    let out = apply_step(&step, ms, &with("r", ns)).unwrap();
    assert_eq!(ints(&out, "w"), [None, Some(5)]);
}

#[test]
fn clashing_column_names_get_the_suffixes() {
    let left = df!("k" => [1_i64], "name" => ["left"], "x_l" => [0_i64]).unwrap();
    let right = df!("k" => [1_i64], "name" => ["right"]).unwrap();
    let step = PrepareStep::Join {
        right: "r".into(),
        on: vec!["k".into()],
        how: JoinHow::Inner,
        left_suffix: "_l".into(),
        right_suffix: "_r".into(),
    };
    let out = apply_step(&step, left, &with("r", right)).unwrap();
    assert_eq!(names(&out), ["k", "name_l", "x_l", "name_r"]);
    assert_eq!(texts(&out, "name_r"), [Some("right".into())]);
}

#[test]
fn suffixes_that_recreate_an_existing_name_are_refused() {
    let left = df!("k" => [1_i64], "a" => [1_i64], "a_x" => [2_i64]).unwrap();
    let right = df!("k" => [1_i64], "a" => [3_i64]).unwrap();
    let err = apply_step(
        &join_step("r", &["k"], JoinHow::Inner),
        left,
        &with("r", right),
    )
    .unwrap_err();
    assert!(
        matches!(&err, PrepareError::DuplicateColumn { column, .. } if column == "a_x"),
        "{err}"
    );
    assert!(err.to_string().contains("Choose other suffixes"), "{err}");
}

#[test]
fn mismatched_key_types_name_the_column_and_both_types() {
    let left = df!("k" => ["1"]).unwrap();
    let right = df!("k" => [1_i64]).unwrap();
    let err = apply_step(
        &join_step("props", &["k"], JoinHow::Inner),
        left,
        &with("props", right),
    )
    .unwrap_err();
    assert_eq!(
        err,
        PrepareError::KeyTypeMismatch {
            column: "k".into(),
            right: "props".into(),
            left_dtype: "str".into(),
            right_dtype: "i64".into(),
        }
    );
    assert!(
        err.to_string()
            .contains("`k` is str in the input but i64 in `props`"),
        "{err}"
    );
}

#[test]
fn unknown_datasets_and_key_columns_say_what_there_is() {
    let (left, right) = left_and_right();
    let datasets = with("song_properties", right);
    let err = apply_step(
        &join_step("props", &["k"], JoinHow::Inner),
        left.clone(),
        &datasets,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no loaded dataset `props` to join with (loaded: `song_properties`). Load it first, or pick one of those"
    );
    let step = join_step("song_properties", &["K"], JoinHow::Inner);
    let err = apply_step(&step, left, &datasets).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the input table has no column `K` (did you mean `k`?). Its columns: `k`, `v`"
    );
}

#[test]
fn a_key_missing_on_the_right_names_the_right_dataset() {
    let left = df!("spotify_id" => ["a"]).unwrap();
    let right = df!("spotify" => ["a"]).unwrap();
    let err = apply_step(
        &join_step("p", &["spotify_id"], JoinHow::Inner),
        left,
        &with("p", right),
    )
    .unwrap_err();
    assert!(
        matches!(&err, PrepareError::MissingColumn(MissingColumn { dataset: Some(d), .. }) if d == "p"),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("dataset `p` has no column `spotify_id`"),
        "{err}"
    );
}

#[test]
fn joins_need_keys_of_a_joinable_type() {
    let (left, right) = left_and_right();
    let err = apply_step(
        &join_step("r", &[], JoinHow::Inner),
        left,
        &with("r", right),
    )
    .unwrap_err();
    assert_eq!(err, PrepareError::NoJoinKeys);
    let floats = df!("k" => [0.5_f64]).unwrap();
    let err = apply_step(
        &join_step("r", &["k"], JoinHow::Inner),
        floats.clone(),
        &with("r", floats),
    )
    .unwrap_err();
    assert!(matches!(err, PrepareError::UnsupportedKey { .. }), "{err}");
}

#[test]
fn course_merge_drops_the_properties_names_and_timestamp_before_joining() {
    let rankings = df!(
        "spotify_id" => ["s1", "s2", "s3"],
        "name" => ["Song 1", "Song 2", "Song 3"],
        "artists" => ["A", "B", "C"],
        "daily_rank" => [1_i64, 2, 3],
    )
    .unwrap();
    for timestamp in ["event_timestamp", "snapshot_date"] {
        let properties = df!(
            "spotify_id" => ["s3", "s1"],
            "name" => ["P3", "P1"],
            "artists" => ["PC", "PA"],
            timestamp => [0_i64, 0],
            "tempo" => [120.0_f64, 90.0],
        )
        .unwrap();
        let step = PrepareStep::CourseMerge {
            properties: "props".into(),
        };
        let out = apply_step(&step, rankings.clone(), &with("props", properties)).unwrap();
        assert_eq!(
            names(&out),
            ["spotify_id", "name", "artists", "daily_rank", "tempo"]
        );
        assert_eq!(
            texts(&out, "name"),
            [Some("Song 1".into()), Some("Song 3".into())]
        );
        let tempo: Vec<_> = out.column("tempo").unwrap().f64().unwrap().iter().collect();
        assert_eq!(tempo, [Some(90.0), Some(120.0)]);
    }
}
