//! The steps on the course's files, against pandas 3.1 on the same files
//! (`r = pd.read_parquet("song_rankings.parquet")`, `p = pd.read_parquet("song_properties.parquet")`,
//! `m = r.merge(p.drop(columns=["name", "artists", "event_timestamp"]), on="spotify_id")`).

use std::sync::OnceLock;
use std::time::Instant;

use super::*;
use crate::io::read_parquet;
use crate::testdata::shared_data;

/// The course's rankings and properties from `../shared/data/` beside the checkout, read
/// once per test run; `None` (and a note) when the data is not there, a failure under CI.
fn course_tables() -> Option<&'static (DataFrame, DataFrame)> {
    static TABLES: OnceLock<Option<(DataFrame, DataFrame)>> = OnceLock::new();
    TABLES
        .get_or_init(|| {
            let read = |name: &str| Some(read_parquet(name, &shared_data(name)?).unwrap());
            Some((
                read("song_rankings.parquet")?,
                read("song_properties.parquet")?,
            ))
        })
        .as_ref()
}

fn merged() -> Option<DataFrame> {
    let (rankings, properties) = course_tables()?;
    let datasets = BTreeMap::from([("song_properties".to_string(), properties.clone())]);
    let step = PrepareStep::CourseMerge {
        properties: "song_properties".into(),
    };
    Some(apply_step(&step, rankings.clone(), &datasets).unwrap())
}

#[test]
fn course_merge_matches_pandas_rows_columns_and_values() {
    let Some(m) = merged() else { return };
    // len(m), list(m.columns)
    assert_eq!(m.height(), 1_146_100);
    let expected = [
        "spotify_id",
        "name",
        "artists",
        "popularity",
        "daily_rank",
        "daily_movement",
        "weekly_movement",
        "country",
        "snapshot_date",
        "album_name",
        "album_release_date",
        "is_explicit",
        "duration_ms",
        "danceability",
        "energy",
        "key",
        "loudness",
        "mode",
        "speechiness",
        "acousticness",
        "instrumentalness",
        "liveness",
        "valence",
        "tempo",
        "time_signature",
    ];
    assert_eq!(names(&m), expected);
    // m.duration_ms.sum(), m.is_explicit.sum(), m.danceability.sum()
    let durations: i64 = ints(&m, "duration_ms").into_iter().flatten().sum();
    assert_eq!(durations, 208_100_186_132);
    let explicit = m.column("is_explicit").unwrap().bool().unwrap();
    assert_eq!(explicit.iter().flatten().filter(|b| *b).count(), 453_206);
    let dance: f64 = m
        .column("danceability")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .flatten()
        .sum();
    assert!((dance - 772_045.948_3).abs() < 1e-6, "{dance}");
    // m.iloc[1000][["spotify_id", "tempo"]]
    assert_eq!(
        texts(&m, "spotify_id")[1000].as_deref(),
        Some("2TpllgZOb5LSX7tce6DA3R")
    );
    let tempo = m.column("tempo").unwrap().f64().unwrap().get(1000);
    assert_eq!(tempo, Some(93.946));
}

#[test]
fn dropping_nulls_after_the_merge_matches_pandas_dropna() {
    let Some(m) = merged() else { return };
    let out = run(&PrepareStep::DropNulls { columns: vec![] }, &m).unwrap();
    // len(m.dropna()): the 15,700 global rows and 434 rows without a name go.
    assert_eq!(out.height(), 1_129_966);
}

#[test]
fn filtering_snapshot_dates_matches_pandas_between_with_end_excluded() {
    let Some((rankings, _)) = course_tables() else {
        return;
    };
    let step = PrepareStep::Filter {
        column: "snapshot_date".into(),
        condition: Condition::Between {
            start: Scalar::Text("2023-12-20".into()),
            end: Scalar::Text("2024-01-01".into()),
        },
    };
    let out = run(&step, rankings).unwrap();
    // len(r[(r.snapshot_date >= "2023-12-20") & (r.snapshot_date < "2024-01-01")])
    assert_eq!(out.height(), 43_800);
}

#[test]
fn country_label_encodings_match_label_encoder_and_factorize() {
    let Some((rankings, _)) = course_tables() else {
        return;
    };
    let first_10k = rankings.head(Some(10_000));
    let code_sum = |order| {
        let step = PrepareStep::LabelEncode {
            column: "country".into(),
            order,
            output: "country".into(),
        };
        let codes = ints(&run(&step, &first_10k).unwrap(), "country");
        (
            codes.iter().flatten().sum::<i64>(),
            codes.iter().filter(|c| c.is_none()).count(),
        )
    };
    // classes = sorted(r.country.dropna().unique()): 72, AE AR AT .. ZA, US at 67
    let sorted = label_classes(rankings, "country", EncodeOrder::Alphabetical).unwrap();
    assert_eq!(
        (sorted.len(), &sorted[..3]),
        (72, &["AE", "AR", "AT"].map(String::from)[..])
    );
    assert_eq!(sorted.iter().position(|c| c == "US"), Some(67));
    // codes, uniques = pd.factorize(r.country): ZA VN VE .. AE, US at 4
    let first = label_classes(rankings, "country", EncodeOrder::FirstAppearance).unwrap();
    assert_eq!(
        (first.len(), &first[..3]),
        (72, &["ZA", "VN", "VE"].map(String::from)[..])
    );
    assert_eq!(first.iter().position(|c| c == "US"), Some(4));
    // Sums of the codes of the first 10,000 rows; the 150 global rows stay null
    // (r.country[:10000].isna().sum()):
    // sum(classes.index(c) for c in r.country[:10000].dropna()); codes[:10000][codes>=0].sum()
    assert_eq!(code_sum(EncodeOrder::Alphabetical), (374_850, 150));
    assert_eq!(code_sum(EncodeOrder::FirstAppearance), (324_500, 150));
}

#[test]
#[ignore = "timing for information: cargo test -p jukebox-core --release course_merge_time -- --ignored --nocapture"]
// A native test, never built for wasm32: the clock is fine here.
#[allow(clippy::disallowed_methods)]
fn course_merge_time_is_reported() {
    let Some((rankings, properties)) = course_tables() else {
        return;
    };
    let datasets = BTreeMap::from([("p".to_string(), properties.clone())]);
    let step = PrepareStep::CourseMerge {
        properties: "p".into(),
    };
    for _ in 0..3 {
        let started = Instant::now();
        let out = apply_step(&step, rankings.clone(), &datasets).unwrap();
        let elapsed_ms = started.elapsed().as_secs_f64() * 1e3;
        println!("course merge: {} rows in {elapsed_ms:.0} ms", out.height());
    }
}
