use polars_core::prelude::*;

use std::collections::HashSet;

use super::*;
use crate::course::FEATURES;
use crate::train::data::tests::course_table;

fn table() -> DataFrame {
    df!(
        "spotify_id" => ["a", "b", "a", "c", "d"],
        "name" => ["Crazy in Love", "Halo", "Crazy in Love", "I'm Crazy", "Déjà Vu"],
        "artists" => ["Beyoncé, JAY-Z", "Beyoncé", "Beyoncé, JAY-Z", "Someone", "Beyoncé"],
        "tempo" => [Some(99.0_f64), Some(80.0), Some(99.0), None, Some(105.0)],
        "is_explicit" => [false, false, false, true, false],
        "country" => ["US", "US", "DE", "FR", "US"]
    )
    .unwrap()
}

fn names(hits: &[SongHit]) -> Vec<&str> {
    hits.iter().map(|h| h.name.as_str()).collect()
}

#[test]
fn every_word_must_match_the_name_or_the_artists_ignoring_case_and_accents() {
    let hits = search(&table(), "BEYONCE crazy", 10).unwrap();
    assert_eq!(names(&hits), vec!["Crazy in Love"]);
    let hits = search(&table(), "deja", 10).unwrap();
    assert_eq!(names(&hits), vec!["Déjà Vu"]);
    assert!(
        search(&table(), "nothing like this", 10)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn name_prefixes_come_first_then_names_in_order_one_hit_per_song() {
    let hits = search(&table(), "crazy", 10).unwrap();
    // "Crazy in Love" starts with the query; "I'm Crazy" only contains it. Row 2 repeats
    // song `a` (another country's chart) and is not listed twice.
    assert_eq!(names(&hits), vec!["Crazy in Love", "I'm Crazy"]);
    let beyonce = search(&table(), "beyoncé", 2).unwrap();
    assert_eq!(names(&beyonce), vec!["Crazy in Love", "Déjà Vu"]);
}

#[test]
fn a_hit_carries_its_numeric_features_and_id() {
    let hits = search(&table(), "halo", 10).unwrap();
    assert_eq!(hits[0].spotify_id, "b");
    assert_eq!(hits[0].features.get("tempo"), Some(&80.0));
    assert_eq!(hits[0].features.get("is_explicit"), Some(&0.0));
    assert!(!hits[0].features.contains_key("country"));
    // A null feature is left out rather than invented.
    let crazy = search(&table(), "i'm", 10).unwrap();
    assert!(!crazy[0].features.contains_key("tempo"));
}

#[test]
fn search_needs_name_and_artists_columns() {
    let df = df!("title" => ["x"]).unwrap();
    let error = search(&df, "x", 5).unwrap_err();
    assert!(error.to_string().contains("`name`"), "{error}");
}

#[test]
fn presets_without_a_table_are_the_courses_songs_with_typical_values() {
    let presets = presets(None);
    assert!(presets.len() >= 5);
    assert_eq!(presets[0].name, "Not Like Us");
    assert!(
        presets
            .iter()
            .any(|p| p.name == "Live Forever" && p.artists == "Oasis")
    );
    for preset in &presets {
        assert_eq!(preset.spotify_id, "");
        assert!(
            preset.typical,
            "{} is marked as typical values",
            preset.name
        );
        let keys: Vec<&str> = preset.features.keys().map(String::as_str).collect();
        let mut expected = FEATURES.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected, "{}", preset.name);
    }
}

#[test]
fn a_preset_takes_its_features_from_the_table_when_it_holds_the_song() {
    let df = df!(
        "spotify_id" => ["x1"],
        "name" => ["not like us"],
        "artists" => ["Kendrick Lamar"],
        "tempo" => [123.0_f64]
    )
    .unwrap();
    let presets = presets(Some(&df));
    assert_eq!(presets[0].spotify_id, "x1");
    assert_eq!(presets[0].features.get("tempo"), Some(&123.0));
    assert!(!presets[0].typical, "the table's own features");
    assert_eq!(
        presets[1].spotify_id, "",
        "Live Forever is not in the table"
    );
    assert!(presets[1].typical, "typical values, said so");
}

#[test]
fn folds_case_and_accents() {
    assert_eq!(fold("Beyoncé"), "beyonce");
    assert_eq!(fold("MØ Straße"), "mo strasse");
    assert_eq!(fold("Cafe\u{301}"), "cafe");
}

#[test]
#[allow(clippy::disallowed_methods)] // native timing of a test, never built for wasm32
fn searches_the_course_tables() {
    let (Some(properties), Some(rankings)) = (
        course_table("song_properties.parquet"),
        course_table("song_rankings.parquet"),
    ) else {
        return;
    };
    for (what, df) in [("properties", &properties), ("rankings", &rankings)] {
        let started = std::time::Instant::now();
        let hits = search(df, "kendrick", 20).unwrap();
        eprintln!(
            "search over {what} ({} rows): {:?}",
            df.height(),
            started.elapsed()
        );
        assert!(!hits.is_empty(), "{what}");
        assert!(hits.iter().all(|h| fold(&h.artists).contains("kendrick")));
        let ids: HashSet<&str> = hits.iter().map(|h| h.spotify_id.as_str()).collect();
        assert_eq!(ids.len(), hits.len(), "one hit per song in {what}");
    }
    // Properties hold the course's features for every hit.
    let hits = search(&properties, "kendrick", 1).unwrap();
    for feature in FEATURES {
        assert!(hits[0].features.contains_key(feature), "{feature}");
    }
}
