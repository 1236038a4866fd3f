// Tests: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use polars_core::df;
use polars_core::prelude::*;

use super::profile::profile;
use super::*;
use crate::hash::sha256_hex;
use crate::io::read_table;
use crate::testdata::shared_data;

/// Songs charting in countries: ints, floats, a category, a date.
fn songs() -> DataFrame {
    df!(
        "duration_ms" => [180_000i64, 200_000, 220_000, 240_000, 260_000],
        "danceability" => [0.1f64, 0.3, 0.5, 0.7, 0.9],
        "country" => ["DE", "FR", "DE", "US", "FR"],
        "snapshot_date" => ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05"],
    )
    .unwrap()
}

fn contract() -> DataContract {
    profile(&songs(), "songs", "abc")
}

fn kinds(validation: &Validation) -> Vec<(AnomalyKind, Option<&str>, Severity)> {
    validation
        .anomalies
        .iter()
        .map(|a| (a.kind, a.column.as_deref(), a.severity))
        .collect()
}

#[test]
fn a_profile_has_types_presence_ranges_quantiles_categories_and_dates() {
    let c = contract();
    assert_eq!(c.rows, 5);
    assert_eq!(c.tolerances.min_rows, 1);
    let types: Vec<ColumnType> = c.columns.iter().map(|c| c.column_type).collect();
    assert_eq!(
        types,
        [
            ColumnType::Int,
            ColumnType::Float,
            ColumnType::Text,
            ColumnType::Date
        ]
    );
    let dance = c.columns[1].range.unwrap();
    assert_eq!((dance.min, dance.max), (0.1, 0.9));
    // numpy.quantile([.1,.3,.5,.7,.9], [.01, .99]) = 0.108, 0.892
    assert!((dance.q01 - 0.108).abs() < 1e-12, "{}", dance.q01);
    assert!((dance.q99 - 0.892).abs() < 1e-12, "{}", dance.q99);
    assert_eq!(
        c.columns[2].categories.as_deref(),
        Some(&["DE".to_string(), "FR".to_string(), "US".to_string()][..])
    );
    assert_eq!(
        c.date_range,
        Some(("2024-03-01".to_string(), "2024-03-05".to_string()))
    );
}

#[test]
fn a_table_passes_its_own_contract_and_the_contract_file_round_trips() {
    let c = contract();
    let v = validate(&c, &c);
    assert!(v.passed() && v.anomalies.is_empty(), "{v:?}");
    assert_eq!(v.headline(), "passed: 0 errors, 0 warnings");
    let text = serde_json::to_string_pretty(&c).unwrap();
    assert_eq!(parse_contract(&text).unwrap(), c);
    assert!(text.contains("\"type\": \"int\""), "{text}");
}

#[test]
fn a_missing_and_a_new_column_are_schema_anomalies() {
    let mut table = songs().drop("danceability").unwrap();
    table
        .with_column(Column::new("energy".into(), [0.5f64; 5]))
        .unwrap();
    let v = validate(&contract(), &profile(&table, "new", "def"));
    assert_eq!(
        kinds(&v),
        [
            (
                AnomalyKind::SchemaMissingColumn,
                Some("danceability"),
                Severity::Error
            ),
            (
                AnomalyKind::SchemaNewColumn,
                Some("energy"),
                Severity::Warning
            ),
        ]
    );
    assert!(!v.passed());
    assert_eq!(v.headline(), "failed: 1 error, 1 warning");
    // A column the contract calls optional may go missing: a warning.
    let mut lenient = contract();
    lenient.tolerances.optional_columns = vec!["danceability".into()];
    assert!(validate(&lenient, &profile(&table, "new", "def")).passed());
}

#[test]
fn a_changed_type_is_unexpected_data_type_but_ints_may_stand_for_floats() {
    let table = df!(
        "duration_ms" => ["3:00", "3:20", "3:40", "4:00", "4:20"],
        "danceability" => [0i64, 0, 1, 1, 0],
        "country" => ["DE", "FR", "DE", "US", "FR"],
        "snapshot_date" => ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05"],
    )
    .unwrap();
    // Ranges aside (0 and 1 are outside 0.1–0.9): only the type matters here.
    let mut expected = contract();
    expected.tolerances.range_slack = 1.0;
    let v = validate(&expected, &profile(&table, "new", "def"));
    assert_eq!(
        kinds(&v),
        [(
            AnomalyKind::UnexpectedDataType,
            Some("duration_ms"),
            Severity::Error
        )]
    );
    assert_eq!(v.anomalies[0].expected, "int (i64)");
    assert_eq!(v.anomalies[0].found, "text (str)");
}

#[test]
fn values_out_of_range_are_small_and_big_ints_and_floats_within_the_slack() {
    let table = df!(
        "duration_ms" => [1_000i64, 200_000, 220_000, 240_000, 900_000],
        "danceability" => [-0.2f64, 0.3, 0.5, 0.7, 1.5],
        "country" => ["DE", "FR", "DE", "US", "FR"],
        "snapshot_date" => ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05"],
    )
    .unwrap();
    let found = profile(&table, "new", "def");
    let v = validate(&contract(), &found);
    assert_eq!(
        v.anomalies.iter().map(|a| a.kind).collect::<Vec<_>>(),
        [
            AnomalyKind::IntTypeSmallInt,
            AnomalyKind::IntTypeBigInt,
            AnomalyKind::FloatTypeSmallFloat,
            AnomalyKind::FloatTypeBigFloat,
        ]
    );
    // 0.1–0.9 with a quarter of its range either side.
    assert_eq!(v.anomalies[2].expected, "≥ -0.1");
    assert_eq!(v.anomalies[2].found, "smallest -0.2");
    // A slack of the whole range (0.8 either side of 0.1–0.9) lets the floats through; the
    // ints stay far out (1,000 and 900,000 against 100,000–340,000).
    let mut lenient = contract();
    lenient.tolerances.range_slack = 1.0;
    let kinds: Vec<AnomalyKind> = validate(&lenient, &found)
        .anomalies
        .iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(
        kinds,
        [AnomalyKind::IntTypeSmallInt, AnomalyKind::IntTypeBigInt]
    );
}

#[test]
fn missing_values_unknown_countries_few_rows_and_old_data_are_anomalies() {
    let table = df!(
        "duration_ms" => [Some(180_000i64), None],
        "danceability" => [Some(0.5f64), Some(f64::NAN)],
        "country" => ["DE", "XX"],
        "snapshot_date" => ["2024-02-01", "2024-02-02"],
    )
    .unwrap();
    let mut expected = contract();
    expected.tolerances.min_rows = 3;
    let v = validate(&expected, &profile(&table, "new", "def"));
    assert_eq!(
        kinds(&v),
        [
            (
                AnomalyKind::FeatureTypeLowFractionPresent,
                Some("duration_ms"),
                Severity::Error
            ),
            (
                AnomalyKind::FeatureTypeLowFractionPresent,
                Some("danceability"),
                Severity::Error
            ),
            (
                AnomalyKind::EnumTypeUnexpectedStringValues,
                Some("country"),
                Severity::Error
            ),
            (AnomalyKind::DatasetLowNumExamples, None, Severity::Error),
            (AnomalyKind::DatasetStale, None, Severity::Warning),
        ]
    );
    assert_eq!(v.anomalies[0].found, "present in 50.00 %");
    assert_eq!(v.anomalies[2].found, "1 unknown: `XX`");
    assert_eq!(
        v.anomalies[4].found,
        "data up to 2024-02-02 (32 days older)"
    );
    let json = serde_json::to_value(&v.anomalies[2]).unwrap();
    assert_eq!(json["kind"], "ENUM_TYPE_UNEXPECTED_STRING_VALUES");
    assert_eq!(json["severity"], "error");
}

#[test]
fn a_contract_of_another_format_version_or_not_a_contract_is_refused_in_words() {
    let mut c = contract();
    c.version = 9;
    let text = serde_json::to_string(&c).unwrap();
    assert!(
        parse_contract(&text)
            .unwrap_err()
            .contains("format version 9")
    );
    assert!(
        parse_contract("{}")
            .unwrap_err()
            .starts_with("this is not a Jukebox data contract")
    );
}

/// The course's files pass their own contracts; the Kaggle-layout sample with
/// `duration_ms` written as minutes:seconds fails with `UNEXPECTED_DATA_TYPE` on it.
#[test]
fn the_course_files_pass_their_own_contract_and_a_changed_column_type_fails() {
    for name in ["song_properties.parquet", "song_rankings.parquet"] {
        let Some(bytes) = shared_data(name) else {
            return;
        };
        let df = read_table(name, &bytes).unwrap();
        let c = profile(&df, name, &sha256_hex(&bytes));
        assert!(c.rows > 10_000, "{name}: {} rows", c.rows);
        let v = validate(&c, &c);
        assert!(
            v.passed() && v.anomalies.is_empty(),
            "{name}: {:?}",
            v.anomalies
        );
        if name == "song_rankings.parquet" {
            let country = c.columns.iter().find(|c| c.name == "country").unwrap();
            assert_eq!(country.categories.as_ref().unwrap().len(), 72);
            assert!(
                country.null_fraction > 0.0,
                "the global chart has no country"
            );
            assert_eq!(
                c.date_range,
                Some(("2023-10-18".to_string(), "2024-08-26".to_string()))
            );
        }
    }
    let name = "universal_top_spotify_songs_sample.csv";
    let Some(bytes) = shared_data(name) else {
        return;
    };
    let expected = profile(
        &read_table(name, &bytes).unwrap(),
        name,
        &sha256_hex(&bytes),
    );
    assert!(validate(&expected, &expected).passed());
    let text = String::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let at = header.split(',').position(|h| h == "duration_ms").unwrap();
    let mut changed = vec![header.to_string()];
    for line in lines {
        // The sample's quoted fields hold no commas before duration_ms? Rewrite only rows
        // whose fields split cleanly; the others keep their number.
        let mut fields: Vec<String> = line.split(',').map(str::to_string).collect();
        if fields.len() == header.split(',').count()
            && let Ok(ms) = fields[at].parse::<u64>()
        {
            fields[at] = format!("{}:{:02}", ms / 60_000, ms / 1000 % 60);
        }
        changed.push(fields.join(","));
    }
    let changed = changed.join("\n");
    let df = read_table(name, changed.as_bytes()).unwrap();
    let v = validate(
        &expected,
        &profile(&df, name, &sha256_hex(changed.as_bytes())),
    );
    assert!(!v.passed());
    assert_eq!(
        kinds(&v),
        [(
            AnomalyKind::UnexpectedDataType,
            Some("duration_ms"),
            Severity::Error
        )]
    );
}
