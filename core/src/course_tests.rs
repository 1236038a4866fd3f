use super::*;

// Moved from the browser tests (`app/tests/predict.rs`).
#[test]
fn features_read_in_units_people_know() {
    assert_eq!(format_feature("duration_ms", 200_000.0), "3:20");
    assert_eq!(format_feature("duration_ms", 30_000.0), "0:30");
    assert_eq!(format_feature("duration_ms", 600_000.0), "10:00");
    assert_eq!(format_feature("loudness", -6.0), "−6.0 dB");
    assert_eq!(format_feature("tempo", 119.6), "120 BPM");
    assert_eq!(format_feature("key", 1.0), "C♯/D♭");
    assert_eq!(format_feature("key", 11.0), "B");
    assert_eq!(format_feature("mode", 1.0), "major");
    assert_eq!(format_feature("mode", 0.0), "minor");
    assert_eq!(format_feature("danceability", 0.734), "0.73");
    let names: Vec<&str> = FEATURE_RANGES.iter().map(|f| f.name).collect();
    assert_eq!(names, FEATURES);
}

#[test]
fn the_one_table_gives_the_model_order_and_the_demos_float_columns() {
    assert_eq!(
        FEATURES,
        [
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
        ]
    );
    assert_eq!(
        features_of_kind::<9>(FeatureKind::Decimal),
        [
            "danceability",
            "energy",
            "loudness",
            "speechiness",
            "acousticness",
            "instrumentalness",
            "liveness",
            "valence",
            "tempo",
        ]
    );
    assert_eq!(features_of_kind::<1>(FeatureKind::Flag), ["is_explicit"]);
}

#[test]
fn typical_values_and_presets_lie_within_each_features_range() {
    for feature in FEATURE_RANGES {
        assert!(
            (feature.min..=feature.max).contains(&feature.typical),
            "{}",
            feature.name
        );
    }
    let song = typical_song();
    assert_eq!(song.len(), 13);
    for preset in PRESET_SONGS {
        for (feature, value) in FEATURE_RANGES.iter().zip(preset.typical) {
            assert!(
                (feature.min..=feature.max).contains(&value),
                "{} of {}",
                feature.name,
                preset.name
            );
        }
        assert_eq!(preset.features().len(), 13);
    }
}
