use std::collections::HashMap;

use super::*;
use crate::countries::COUNTRIES;
use crate::train::classic::ClassicTrainer;
use crate::train::{Matrix, ModelSpec, TreeParams};
use polars_core::prelude::*;

/// Songs in the default demo (seed 42, version 1), natively and in the browser.
const DEFAULT_DEMO_SONGS: usize = 4_681;

fn small() -> DemoConfig {
    DemoConfig {
        seed: 7,
        n_songs: 1_200,
        n_days: 20,
        ..DemoConfig::default()
    }
}

fn schema_of(df: &DataFrame) -> Vec<(String, DataType)> {
    df.schema()
        .iter()
        .map(|(name, dtype)| (name.to_string(), dtype.clone()))
        .collect()
}

fn ns() -> DataType {
    DataType::Datetime(TimeUnit::Nanoseconds, None)
}

#[test]
fn song_properties_have_the_course_schema() {
    let tables = generate(&small()).expect("demo generates");
    let expected = [
        ("spotify_id", DataType::String),
        ("name", DataType::String),
        ("artists", DataType::String),
        ("event_timestamp", ns()),
        ("is_explicit", DataType::Boolean),
        ("duration_ms", DataType::Int64),
        ("danceability", DataType::Float64),
        ("energy", DataType::Float64),
        ("key", DataType::Int64),
        ("loudness", DataType::Float64),
        ("mode", DataType::Int64),
        ("speechiness", DataType::Float64),
        ("acousticness", DataType::Float64),
        ("instrumentalness", DataType::Float64),
        ("liveness", DataType::Float64),
        ("valence", DataType::Float64),
        ("tempo", DataType::Float64),
        ("time_signature", DataType::Int64),
    ];
    let expected: Vec<(String, DataType)> = expected
        .into_iter()
        .map(|(n, t)| (n.to_string(), t))
        .collect();
    assert_eq!(schema_of(&tables.song_properties), expected);
}

#[test]
fn song_rankings_have_the_course_schema() {
    let tables = generate(&small()).expect("demo generates");
    let expected = [
        ("spotify_id", DataType::String),
        ("name", DataType::String),
        ("artists", DataType::String),
        ("popularity", DataType::Int64),
        ("daily_rank", DataType::Int64),
        ("daily_movement", DataType::Int64),
        ("weekly_movement", DataType::Int64),
        ("country", DataType::String),
        ("snapshot_date", ns()),
        ("album_name", DataType::String),
        ("album_release_date", DataType::String),
    ];
    let expected: Vec<(String, DataType)> = expected
        .into_iter()
        .map(|(n, t)| (n.to_string(), t))
        .collect();
    assert_eq!(schema_of(&tables.song_rankings), expected);
}

#[test]
fn same_seed_gives_identical_tables_and_another_seed_does_not() {
    let a = generate(&small()).expect("demo generates");
    let b = generate(&small()).expect("demo generates");
    assert!(a.song_properties.equals_missing(&b.song_properties));
    assert!(a.song_rankings.equals_missing(&b.song_rankings));
    let c = generate(&DemoConfig { seed: 8, ..small() }).expect("demo generates");
    assert!(!a.song_rankings.equals_missing(&c.song_rankings));
}

#[test]
fn every_chart_has_fifty_songs_a_day_and_countries_are_the_72() {
    let config = small();
    let tables = generate(&config).expect("demo generates");
    let rankings = &tables.song_rankings;
    assert_eq!(rankings.height(), N_CHARTS * CHART_SIZE * config.n_days);
    let country = rankings.column("country").unwrap().str().unwrap();
    assert_eq!(
        country.null_count(),
        CHART_SIZE * config.n_days,
        "global chart rows"
    );
    let mut codes: Vec<&str> = country.into_iter().flatten().collect();
    codes.sort_unstable();
    codes.dedup();
    let expected: Vec<&str> = COUNTRIES.iter().map(|c| c.code).collect();
    assert_eq!(codes, expected);
    let ranks = rankings.column("daily_rank").unwrap().i64().unwrap();
    assert_eq!(ranks.min(), Some(1));
    assert_eq!(ranks.max(), Some(50));
}

#[test]
fn rows_are_ordered_newest_day_first_global_first_then_countries_descending() {
    let tables = generate(&small()).expect("demo generates");
    let rankings = &tables.song_rankings;
    let dates = rankings
        .column("snapshot_date")
        .unwrap()
        .datetime()
        .unwrap();
    let dates: Vec<i64> = dates.physical().into_iter().flatten().collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "days descend");
    let country: Vec<Option<&str>> = rankings
        .column("country")
        .unwrap()
        .str()
        .unwrap()
        .into_iter()
        .collect();
    let ranks: Vec<i64> = rankings
        .column("daily_rank")
        .unwrap()
        .i64()
        .unwrap()
        .into_iter()
        .flatten()
        .collect();
    // The first day's blocks: global, then ZA, ..., AE, each ranked 1..=50.
    assert_eq!(country[0], None);
    assert_eq!(country[CHART_SIZE], Some("ZA"));
    assert_eq!(country[CHART_SIZE * N_CHARTS - 1], Some("AE"));
    assert_eq!(&ranks[..3], &[1, 2, 3]);
    assert_eq!(ranks[CHART_SIZE], 1);
}

#[test]
fn values_stay_in_spotify_ranges() {
    let tables = generate(&small()).expect("demo generates");
    let p = &tables.song_properties;
    let in_range = |name: &str, lo: f64, hi: f64| {
        let col = p.column(name).unwrap().cast(&DataType::Float64).unwrap();
        let values = col.f64().unwrap();
        let (min, max) = (values.min().unwrap(), values.max().unwrap());
        assert!(
            min >= lo && max <= hi,
            "{name} in [{min}, {max}], expected [{lo}, {hi}]"
        );
    };
    for name in [
        "danceability",
        "energy",
        "speechiness",
        "acousticness",
        "instrumentalness",
        "liveness",
        "valence",
    ] {
        in_range(name, 0.0, 1.0);
    }
    in_range("loudness", -60.0, 0.0);
    in_range("tempo", 40.0, 250.0);
    in_range("duration_ms", 30_000.0, 900_000.0);
    in_range("key", 0.0, 11.0);
    in_range("mode", 0.0, 1.0);
    in_range("time_signature", 1.0, 7.0);
    let r = &tables.song_rankings;
    let popularity = r.column("popularity").unwrap().i64().unwrap();
    assert!(popularity.min().unwrap() >= 0 && popularity.max().unwrap() <= 100);
    let release = r.column("album_release_date").unwrap().str().unwrap();
    assert!(
        release
            .into_iter()
            .flatten()
            .all(|d| d.len() == 10 && &d[4..5] == "-")
    );
}

#[test]
fn every_charted_song_has_properties_and_ids_are_unique() {
    let tables = generate(&small()).expect("demo generates");
    let ids = tables
        .song_properties
        .column("spotify_id")
        .unwrap()
        .str()
        .unwrap();
    let ids: std::collections::HashSet<&str> = ids.into_iter().flatten().collect();
    assert_eq!(ids.len(), tables.song_properties.height());
    let charted = tables
        .song_rankings
        .column("spotify_id")
        .unwrap()
        .str()
        .unwrap();
    assert!(charted.into_iter().flatten().all(|id| ids.contains(id)));
}

#[test]
fn movements_are_zero_for_new_entries_and_match_yesterday() {
    let tables = generate(&small()).expect("demo generates");
    let r = &tables.song_rankings;
    let daily = r.column("daily_movement").unwrap().i64().unwrap();
    assert!(daily.into_iter().flatten().any(|m| m != 0), "songs move");
    assert!(daily.into_iter().flatten().all(|m| (-49..=49).contains(&m)));
}

#[test]
fn default_demo_has_about_5000_songs_over_75_days() {
    let tables = generate(&DemoConfig::default()).expect("demo generates");
    let n = tables.song_properties.height();
    assert!((4_500..=5_500).contains(&n), "{n} songs");
    // The same count that tests/e2e/shell.test.mjs reads in the browser: the wasm engine
    // generates exactly what the native one does. Changes with DEMO_VERSION only.
    assert_eq!(
        n, DEFAULT_DEMO_SONGS,
        "bump DEMO_VERSION and both tests if this changes"
    );
    assert_eq!(tables.song_rankings.height(), 73 * 50 * 75);
}

/// Rows of (13 course features, country class) from the join of charts and properties.
fn course_rows(tables: &DemoTables) -> (Vec<Vec<f64>>, Vec<u32>) {
    let p = &tables.song_properties;
    let feature_names = crate::course::FEATURES;
    let columns: Vec<Vec<Option<f64>>> = feature_names
        .iter()
        .map(|name| {
            let col = p.column(name).unwrap().cast(&DataType::Float64).unwrap();
            col.f64().unwrap().into_iter().collect()
        })
        .collect();
    let ids = p.column("spotify_id").unwrap().str().unwrap();
    let features: HashMap<&str, Vec<f64>> = ids
        .into_iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let row: Option<Vec<f64>> = columns.iter().map(|c| c[i]).collect();
            Some((id?, row?))
        })
        .collect();
    let r = &tables.song_rankings;
    let song = r.column("spotify_id").unwrap().str().unwrap();
    let country = r.column("country").unwrap().str().unwrap();
    let mut x = Vec::new();
    let mut y = Vec::new();
    for (id, code) in song.into_iter().zip(country) {
        let (Some(id), Some(code)) = (id, code) else {
            continue;
        };
        let Some(row) = features.get(id) else {
            continue;
        };
        let class = COUNTRIES.binary_search_by(|c| c.code.cmp(code)).unwrap();
        x.push(row.clone());
        y.push(u32::try_from(class).unwrap());
    }
    (x, y)
}

#[test]
#[allow(clippy::cast_possible_truncation)] // features to the models' f32; class indices < 72
fn a_decision_tree_beats_chance_by_a_wide_margin() {
    let tables = generate(&DemoConfig {
        n_days: 30,
        ..DemoConfig::default()
    })
    .expect("demo");
    let (x, y) = course_rows(&tables);
    // The course's split: the last 20% of rows, unshuffled (the oldest days), is the test set.
    let n_test = x.len() / 5;
    let n_train = x.len() - n_test;
    // Every 3rd training row keeps the test quick; the songs recur day after day anyway.
    let train: Vec<usize> = (0..n_train).step_by(3).collect();
    let matrix = |rows: &[usize]| {
        let data = rows
            .iter()
            .flat_map(|&i| x[i].iter().map(|&v| v as f32))
            .collect();
        Matrix::from_vec(rows.len(), x[0].len(), data).unwrap()
    };
    let y_train: Vec<u32> = train.iter().map(|&i| y[i]).collect();
    let spec = ModelSpec::DecisionTree(TreeParams {
        max_depth: Some(14),
        ..TreeParams::default()
    });
    let mut trainer = ClassicTrainer::new(&spec, (matrix(&train), y_train), 72, 0).unwrap();
    while !trainer.run_units(1).unwrap() {}
    let test: Vec<usize> = (n_train..x.len()).collect();
    let proba = trainer
        .into_model()
        .unwrap()
        .predict_proba(&matrix(&test))
        .unwrap();
    let correct = (0..proba.n_rows)
        .filter(|&i| {
            let row = proba.row(i);
            let best = (0..row.len()).fold(0, |b, c| if row[c] > row[b] { c } else { b });
            best as u32 == y[n_train + i]
        })
        .count();
    let accuracy = correct as f64 / n_test as f64;
    let chance = 1.0 / 72.0;
    eprintln!("decision tree test accuracy {accuracy:.3} (chance {chance:.3})");
    assert!(
        accuracy > 8.0 * chance,
        "accuracy {accuracy:.3} vs chance {chance:.3}"
    );
}
