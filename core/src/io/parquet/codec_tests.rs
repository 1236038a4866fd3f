//! Each compression codec against the fixtures of `scripts/make_parquet_fixtures.py`: one small
//! table written by pyarrow in every codec it offers, plus LZO, the legacy LZ4 label and an
//! undefined codec number patched into the footer.

use std::io::Cursor;
use std::path::PathBuf;

use polars_core::prelude::*;
use polars_io::SerReader;
use polars_io::parquet::read::ParquetReader;

use super::codec::column_codecs;
use super::*;
use crate::calendar::days_from_civil;

/// The codecs this build decompresses: fixture name and the codec its footer names.
const READABLE: [(&str, &str); 7] = [
    ("none", "UNCOMPRESSED"),
    ("snappy", "SNAPPY"),
    ("gzip", "GZIP"),
    ("brotli", "BROTLI"),
    ("lz4", "LZ4_RAW"),
    ("lz4_legacy", "LZ4"),
    ("zstd", "ZSTD"),
];

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/io/parquet/fixtures")
        .join(format!("codec_{name}.parquet"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parquet's `CompressionCodec` numbers (`parquet.thrift`), by the names pyarrow prints.
const CODEC_NAMES: [&str; 8] = [
    "UNCOMPRESSED",
    "SNAPPY",
    "GZIP",
    "LZO",
    "BROTLI",
    "LZ4",
    "ZSTD",
    "LZ4_RAW",
];

/// The codec names in a file's footer, one per column chunk.
fn footer_codecs(file: &str, bytes: &[u8]) -> Vec<&'static str> {
    let mut reader = ParquetReader::new(Cursor::new(bytes));
    let metadata = reader.get_metadata().unwrap();
    column_codecs(file, metadata)
        .unwrap()
        .into_iter()
        .map(|(_, code)| CODEC_NAMES[usize::try_from(code).unwrap()])
        .collect()
}

fn ms_at_midnight(year: i32, month: u32, day: u32) -> i64 {
    i64::from(days_from_civil(year, month, day)) * 86_400_000
}

/// Checks the table `make_parquet_fixtures.py` writes, value by value.
fn assert_fixture_table(codec: &str, df: &DataFrame) {
    let schema: Vec<(String, DataType)> = df
        .schema()
        .iter()
        .map(|(name, dtype)| (name.to_string(), dtype.clone()))
        .collect();
    let expected_schema = [
        ("rank", DataType::Int64),
        ("danceability", DataType::Float64),
        ("name", DataType::String),
        ("is_explicit", DataType::Boolean),
        (
            "snapshot_date",
            DataType::Datetime(TimeUnit::Milliseconds, None),
        ),
    ]
    .map(|(name, dtype)| (name.to_string(), dtype));
    assert_eq!(schema, expected_schema, "{codec}");
    let rank: Vec<_> = df.column("rank").unwrap().i64().unwrap().iter().collect();
    assert_eq!(rank, [Some(1), Some(2), None, Some(50)], "{codec}");
    let danceability = df.column("danceability").unwrap().f64().unwrap();
    let danceability: Vec<_> = danceability.iter().collect();
    assert_eq!(
        danceability,
        [Some(0.5), Some(-1.25), Some(3.0e10), None],
        "{codec}"
    );
    let name: Vec<_> = df.column("name").unwrap().str().unwrap().iter().collect();
    assert_eq!(
        name,
        [Some("Espresso"), Some("Été"), None, Some("")],
        "{codec}"
    );
    let explicit = df.column("is_explicit").unwrap().bool().unwrap();
    let explicit: Vec<_> = explicit.iter().collect();
    assert_eq!(
        explicit,
        [Some(true), Some(false), None, Some(true)],
        "{codec}"
    );
    let dates = df.column("snapshot_date").unwrap().datetime().unwrap();
    let dates: Vec<_> = dates.physical().iter().collect();
    let chart_day = ms_at_midnight(2024, 8, 26);
    let window_start = chart_day - 314 * 86_400_000;
    assert_eq!(
        dates,
        [Some(chart_day), None, Some(window_start), Some(0)],
        "{codec}"
    );
}

#[test]
fn every_codec_pyarrow_writes_reads_back_the_same_values_and_dtypes() {
    for (name, _) in READABLE {
        let file = format!("codec_{name}.parquet");
        let df = read_parquet(&file, &fixture(name))
            .unwrap_or_else(|e| panic!("{file} should read: {e}"));
        assert_fixture_table(name, &df);
    }
}

#[test]
fn each_fixture_is_compressed_with_the_codec_its_name_says() {
    for (name, codec) in READABLE.into_iter().chain([("lzo", "LZO")]) {
        let codecs = footer_codecs(name, &fixture(name));
        assert_eq!(codecs, vec![codec; 5], "codec_{name}.parquet");
    }
}

#[test]
fn lzo_files_get_an_error_naming_the_file_the_codec_and_the_fix() {
    let error = read_parquet("charts.parquet", &fixture("lzo")).unwrap_err();
    assert_eq!(
        error,
        ReadError::UnsupportedCodec {
            file: "charts.parquet".into(),
            codec: "LZO",
            column: "rank".into(),
        }
    );
    let message = error.to_string();
    assert!(
        message.starts_with("`charts.parquet` is compressed with LZO (column `rank`)"),
        "{message}"
    );
    assert!(
        message.contains(r#"df.to_parquet(path, compression="snappy")"#),
        "{message}"
    );
}

#[test]
fn undefined_codec_numbers_give_the_damaged_file_error_instead_of_a_panic() {
    // polars rejects the number while parsing the footer, before the codec check runs.
    let bytes = fixture("unknown");
    let result = std::panic::catch_unwind(|| read_parquet("odd.parquet", &bytes));
    let error = result.expect("reading must not panic").unwrap_err();
    assert!(matches!(error, ReadError::Corrupt { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with("`odd.parquet` could not be read"),
        "{message}"
    );
    assert!(message.contains("export it again"), "{message}");
}

#[test]
fn the_course_files_are_snappy_compressed_and_pass_the_codec_check() {
    for name in ["song_properties.parquet", "song_rankings.parquet"] {
        let Some(bytes) = crate::testdata::shared_data(name) else {
            continue;
        };
        let codecs = footer_codecs(name, &bytes);
        assert!(!codecs.is_empty(), "{name}");
        assert!(
            codecs.iter().all(|&codec| codec == "SNAPPY"),
            "{name}: {codecs:?}"
        );
        let mut reader = ParquetReader::new(Cursor::new(bytes.as_slice()));
        let check = codec::check_codecs(name, reader.get_metadata().unwrap());
        assert_eq!(check, Ok(()), "{name}");
    }
}
