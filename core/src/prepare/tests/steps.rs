use super::*;

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(ToString::to_string).collect()
}

fn songs() -> DataFrame {
    df!(
        "id" => [0_i64, 1, 2, 3],
        "country" => [Some("US"), None, Some("GB"), Some("US")],
        "tempo" => [Some(120.0_f64), Some(f64::NAN), Some(90.0), None],
        "rank" => [10_i64, 9, 100, 9],
    )
    .unwrap()
}

#[test]
fn drop_nulls_looks_at_every_column_or_only_the_subset_and_counts_nan() {
    let df = songs();
    let all = run(&PrepareStep::DropNulls { columns: vec![] }, &df).unwrap();
    // df.dropna(): row 1 (None country, NaN tempo) and row 3 (None tempo) go.
    assert_eq!(ints(&all, "id"), [Some(0), Some(2)]);
    let subset = run(
        &PrepareStep::DropNulls {
            columns: strings(&["country"]),
        },
        &df,
    )
    .unwrap();
    assert_eq!(ints(&subset, "id"), [Some(0), Some(2), Some(3)]);
}

#[test]
fn select_drop_and_rename_shape_the_columns() {
    let df = songs();
    let select = PrepareStep::Select {
        columns: strings(&["rank", "id"]),
    };
    assert_eq!(names(&run(&select, &df).unwrap()), ["rank", "id"]);
    let drop = PrepareStep::Drop {
        columns: strings(&["tempo", "id"]),
    };
    assert_eq!(names(&run(&drop, &df).unwrap()), ["country", "rank"]);
    let rename = PrepareStep::Rename {
        from: "rank".into(),
        to: "daily_rank".into(),
    };
    assert_eq!(
        names(&run(&rename, &df).unwrap()),
        ["id", "country", "tempo", "daily_rank"]
    );
}

#[test]
fn column_steps_refuse_unknown_repeated_or_clashing_names() {
    let df = songs();
    let err = run(&PrepareStep::Select { columns: vec![] }, &df).unwrap_err();
    assert_eq!(err.to_string(), "choose at least one column to keep");
    let twice = PrepareStep::Select {
        columns: strings(&["id", "id"]),
    };
    assert!(matches!(
        run(&twice, &df),
        Err(PrepareError::DuplicateColumn { .. })
    ));
    let unknown = PrepareStep::Drop {
        columns: strings(&["tempo", "Rank"]),
    };
    let err = run(&unknown, &df).unwrap_err();
    assert!(
        err.to_string()
            .contains("no column `Rank` (did you mean `rank`?)"),
        "{err}"
    );
    let clash = PrepareStep::Rename {
        from: "rank".into(),
        to: "id".into(),
    };
    let err = run(&clash, &df).unwrap_err();
    assert!(
        err.to_string().contains("already has a column `id`"),
        "{err}"
    );
}

#[test]
fn label_encoding_sorts_like_label_encoder_or_keeps_first_appearance() {
    let df = songs();
    let encode = |order, output: &str| PrepareStep::LabelEncode {
        column: "country".into(),
        order,
        output: output.into(),
    };
    // LabelEncoder: classes_ = [GB, US]; pd.factorize: uniques = [US, GB]; NaN stays missing.
    let sorted = run(&encode(EncodeOrder::Alphabetical, "country"), &df).unwrap();
    assert_eq!(names(&sorted), names(&df), "replaced where it stands");
    assert_eq!(ints(&sorted, "country"), [Some(1), None, Some(0), Some(1)]);
    let first = run(&encode(EncodeOrder::FirstAppearance, "code"), &df).unwrap();
    assert_eq!(names(&first), ["id", "country", "tempo", "rank", "code"]);
    assert_eq!(ints(&first, "code"), [Some(0), None, Some(1), Some(0)]);
    assert_eq!(
        label_classes(&df, "country", EncodeOrder::Alphabetical).unwrap(),
        ["GB", "US"]
    );
}

#[test]
fn integer_classes_sort_as_numbers_and_floats_are_refused() {
    let df = songs();
    let classes = label_classes(&df, "rank", EncodeOrder::Alphabetical).unwrap();
    assert_eq!(classes, ["9", "10", "100"]);
    let first = label_classes(&df, "rank", EncodeOrder::FirstAppearance).unwrap();
    assert_eq!(first, ["10", "9", "100"]);
    let bools = df!("b" => [true, false]).unwrap();
    let classes = label_classes(&bools, "b", EncodeOrder::Alphabetical).unwrap();
    assert_eq!(classes, ["False", "True"]);
    let err = label_classes(&df, "tempo", EncodeOrder::Alphabetical).unwrap_err();
    assert_eq!(
        err.to_string(),
        "column `tempo` (f64) cannot be label-encoded. Label encoding works on text, integer and true/false columns"
    );
}

#[test]
fn head_takes_at_most_the_rows_there_are() {
    let df = songs();
    assert_eq!(
        ints(&run(&PrepareStep::Head { n: 2 }, &df).unwrap(), "id"),
        [Some(0), Some(1)]
    );
    assert_eq!(run(&PrepareStep::Head { n: 99 }, &df).unwrap().height(), 4);
}

#[test]
fn sample_is_deterministic_for_a_seed_and_draws_distinct_rows() {
    let df = df!("id" => (0..1000_i64).collect::<Vec<_>>()).unwrap();
    let draw = |seed| {
        ints(
            &run(&PrepareStep::Sample { n: 50, seed }, &df).unwrap(),
            "id",
        )
    };
    let a = draw(7);
    assert_eq!(a, draw(7));
    assert_ne!(a, draw(8));
    let mut distinct = a.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 50);
    assert!(
        !a.is_sorted(),
        "rows come in the order drawn, as pandas returns them"
    );
    let all = ints(
        &run(&PrepareStep::Sample { n: 1000, seed: 1 }, &df).unwrap(),
        "id",
    );
    let mut sorted = all.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ints(&df, "id"), "n = len(df) is a permutation");
    let err = run(&PrepareStep::Sample { n: 1001, seed: 1 }, &df).unwrap_err();
    assert_eq!(
        err,
        PrepareError::SampleTooLarge {
            n: 1001,
            n_rows: 1000
        }
    );
}

#[test]
fn apply_steps_runs_in_order_and_names_the_failing_step() {
    let df = songs();
    let steps = vec![
        PrepareStep::DropNulls {
            columns: strings(&["country"]),
        },
        PrepareStep::Filter {
            column: "rank".into(),
            condition: Condition::Compare {
                op: CompareOp::Lt,
                value: Scalar::Number(50.0),
            },
        },
    ];
    let out = apply_steps(&steps, df.clone(), &no_datasets()).unwrap();
    assert_eq!(ints(&out, "id"), [Some(0), Some(3)]);
    let broken = vec![
        steps[0].clone(),
        PrepareStep::Head { n: 1 },
        PrepareStep::Select {
            columns: strings(&["tempoo"]),
        },
    ];
    let err = apply_steps(&broken, df, &no_datasets()).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "step 3 (select): the input table has no column `tempoo` (did you mean `tempo`?)"
        ),
        "{err}"
    );
    let top: crate::JukeboxError = err.clone().into();
    assert_eq!(top.to_string(), err.to_string());
}

#[test]
fn steps_are_stored_as_tagged_json_with_pandas_default_suffixes() {
    let json = r#"[
        {"op": "join", "right": "props", "on": ["spotify_id"], "how": "left"},
        {"op": "filter", "column": "snapshot_date",
         "condition": {"kind": "between", "start": "2023-12-20", "end": "2024-01-01"}},
        {"op": "filter", "column": "rank", "condition": {"kind": "compare", "op": "le", "value": 10}},
        {"op": "label_encode", "column": "country", "order": "alphabetical", "output": "label"},
        {"op": "sample", "n": 5, "seed": 42}
    ]"#;
    let steps: Vec<PrepareStep> = serde_json::from_str(json).unwrap();
    assert_eq!(
        steps[0],
        PrepareStep::Join {
            right: "props".into(),
            on: strings(&["spotify_id"]),
            how: JoinHow::Left,
            left_suffix: "_x".into(),
            right_suffix: "_y".into(),
        }
    );
    assert!(matches!(
        &steps[1],
        PrepareStep::Filter { condition: Condition::Between { start: Scalar::Text(s), .. }, .. }
            if s == "2023-12-20"
    ));
    assert_eq!(
        steps[2],
        PrepareStep::Filter {
            column: "rank".into(),
            condition: Condition::Compare {
                op: CompareOp::Le,
                value: Scalar::Number(10.0),
            },
        }
    );
    let round_trip: Vec<PrepareStep> =
        serde_json::from_str(&serde_json::to_string(&steps).unwrap()).unwrap();
    assert_eq!(round_trip, steps);
}
