use polars_core::prelude::*;
use rand::Rng;

use super::*;
use crate::calendar::days_from_civil;
use crate::io::{MAX_CSV_BYTES, check_size, read_table};
use crate::random::rng_from_seed;

fn read(text: &str) -> DataFrame {
    read_csv("t.csv", text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn error(bytes: &[u8]) -> ReadError {
    read_csv("bad.csv", bytes).unwrap_err()
}

fn dtypes(df: &DataFrame) -> Vec<DataType> {
    df.schema().iter().map(|(_, t)| t.clone()).collect()
}

fn names(df: &DataFrame) -> Vec<String> {
    df.get_column_names()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn strings(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    let column = df.column(name).unwrap().str().unwrap();
    column.iter().map(|v| v.map(str::to_string)).collect()
}

fn ints(df: &DataFrame, name: &str) -> Vec<Option<i64>> {
    df.column(name).unwrap().i64().unwrap().iter().collect()
}

fn floats(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name).unwrap().f64().unwrap().iter().collect()
}

fn bools(df: &DataFrame, name: &str) -> Vec<Option<bool>> {
    df.column(name).unwrap().bool().unwrap().iter().collect()
}

fn days(df: &DataFrame, name: &str) -> Vec<Option<i32>> {
    let dates = df.column(name).unwrap().date().unwrap();
    dates.physical().iter().collect()
}

fn millis(df: &DataFrame, name: &str) -> Vec<Option<i64>> {
    let times = df.column(name).unwrap().datetime().unwrap();
    times.physical().iter().collect()
}

/// A non-null cell, to compare with the `Option`s of a column.
#[allow(clippy::unnecessary_wraps)] // the wrapping is the point
fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

/// The course's files, in `../shared/data/` beside the checkout; `None` (with a note) when
/// this machine does not have them, a failure under CI (`crate::testdata`).
fn shared(name: &str) -> Option<Vec<u8>> {
    crate::testdata::shared_data(name)
}

#[test]
fn quoted_fields_keep_delimiters_doubled_quotes_and_newlines() {
    let df = read(
        "id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"\"\n5,plain\"quote\n",
    );
    assert_eq!(
        strings(&df, "text"),
        vec![
            s("a, b"),
            s("say \"hi\""),
            s("two\nlines"),
            None,
            s("plain\"quote")
        ]
    );
    assert_eq!(
        ints(&df, "id"),
        vec![Some(1), Some(2), Some(3), Some(4), Some(5)]
    );
    // pandas keeps text after a closing quote: `"ab"c` reads as `abc`.
    assert_eq!(strings(&read("a,b\n\"x\"y,1\n"), "a"), vec![s("xy")]);
}

#[test]
fn semicolon_and_tab_delimiters_are_detected_outside_quotes() {
    let semicolon = read("name;score;note\n\"Doe, J\";1,5;x\nAnn;2;\"a;b\"\n");
    assert_eq!(names(&semicolon), ["name", "score", "note"]);
    assert_eq!(strings(&semicolon, "name"), vec![s("Doe, J"), s("Ann")]);
    assert_eq!(strings(&semicolon, "note"), vec![s("x"), s("a;b")]);
    // Decimal commas are not read as numbers (pandas' default `decimal='.'` neither).
    assert_eq!(strings(&semicolon, "score"), vec![s("1,5"), s("2")]);
    let tab = read("a\tb, c\n1\tx, y\n2\tz\n");
    assert_eq!(names(&tab), ["a", "b, c"]);
    assert_eq!(ints(&tab, "a"), vec![Some(1), Some(2)]);
    let one_column = read("city\nParis\nOslo\n");
    assert_eq!(strings(&one_column, "city"), vec![s("Paris"), s("Oslo")]);
}

#[test]
fn crlf_lf_cr_line_ends_and_a_byte_order_mark_read_the_same() {
    let expected = read("a,b\n1,x\n2,\"y\"\n");
    for text in [
        "a,b\r\n1,x\r\n2,\"y\"\r\n",
        "\u{feff}a,b\n1,x\n2,\"y\"",
        "a,b\r1,x\r2,\"y\"\r",
        "a,b\n\n1,x\n\r\n2,\"y\"\n\n",
    ] {
        let df = read(text);
        assert_eq!(names(&df), ["a", "b"], "{text:?}");
        assert!(df.equals_missing(&expected), "{text:?}\n{df:?}");
    }
    let quoted_crlf = read("a,b\r\n\"x\r\ny\",1\r\n");
    assert_eq!(strings(&quoted_crlf, "a"), vec![s("x\r\ny")]);
}

#[test]
fn numbers_and_booleans_get_the_narrowest_type_that_fits_every_value() {
    let df = read(
        "int,mixed,sci,bool,text\n\
         1,1,1e-05,True,1\n\
         -20,2.5,2.96E-06,false,x\n\
         +3,-0.5,.5,TRUE,2\n\
         0, 7 ,-1.5e3,FALSE,3\n",
    );
    assert_eq!(
        dtypes(&df),
        [
            DataType::Int64,
            DataType::Float64,
            DataType::Float64,
            DataType::Boolean,
            DataType::String
        ]
    );
    assert_eq!(ints(&df, "int"), vec![Some(1), Some(-20), Some(3), Some(0)]);
    assert_eq!(
        floats(&df, "mixed"),
        vec![Some(1.0), Some(2.5), Some(-0.5), Some(7.0)]
    );
    assert_eq!(
        floats(&df, "sci"),
        vec![Some(1e-5), Some(2.96e-6), Some(0.5), Some(-1500.0)]
    );
    assert_eq!(
        bools(&df, "bool"),
        vec![Some(true), Some(false), Some(true), Some(false)]
    );
    assert_eq!(strings(&df, "text"), vec![s("1"), s("x"), s("2"), s("3")]);
}

#[test]
fn integers_too_long_for_int64_stay_exact_strings() {
    let df = read("id,n\n12345678901234567890,9223372036854775807\n1,-9223372036854775808\n");
    assert_eq!(dtypes(&df), [DataType::String, DataType::Int64]);
    assert_eq!(strings(&df, "id"), vec![s("12345678901234567890"), s("1")]);
    assert_eq!(ints(&df, "n"), vec![Some(i64::MAX), Some(i64::MIN)]);
}

#[test]
fn iso_and_us_dates_and_iso_datetimes_are_read_as_dates_and_times() {
    let df = read(
        "iso,us,stamp,mixed,bad\n\
         2024-03-01,3/1/2024,2024-03-01 12:00:00,2024-02-29,2024-02-30\n\
         1969-12-31,12/31/1969,2024-03-01T00:00:01.25,2024-03-01T23:59,2024-03-01\n",
    );
    let ms_per_day = 86_400_000;
    assert_eq!(
        dtypes(&df),
        [
            DataType::Date,
            DataType::Date,
            DataType::Datetime(TimeUnit::Milliseconds, None),
            DataType::Datetime(TimeUnit::Milliseconds, None),
            DataType::String,
        ]
    );
    let march_1 = days_from_civil(2024, 3, 1);
    assert_eq!(days(&df, "iso"), vec![Some(march_1), Some(-1)]);
    assert_eq!(days(&df, "us"), vec![Some(march_1), Some(-1)]);
    let march_1_ms = i64::from(march_1) * ms_per_day;
    assert_eq!(
        millis(&df, "stamp"),
        vec![Some(march_1_ms + 12 * 3_600_000), Some(march_1_ms + 1_250)]
    );
    assert_eq!(
        millis(&df, "mixed"),
        vec![
            Some(march_1_ms - ms_per_day),
            Some(march_1_ms + (23 * 60 + 59) * 60_000)
        ]
    );
    // 2024-02-30 does not exist, so that column stays text.
    assert_eq!(strings(&df, "bad"), vec![s("2024-02-30"), s("2024-03-01")]);
    let cut_short = read("t\n2024-03-01T\n2024-03-01 12\n");
    assert_eq!(dtypes(&cut_short), [DataType::String]);
}

#[test]
fn empty_fields_are_null_in_every_type_and_an_empty_column_is_string() {
    let df = read("i,f,b,d,s,none\n1,,true,,x,\n,2.5,,2024-03-01,,\n3,1,false,2024-03-02,\"\",\n");
    assert_eq!(
        dtypes(&df),
        [
            DataType::Int64,
            DataType::Float64,
            DataType::Boolean,
            DataType::Date,
            DataType::String,
            DataType::String,
        ]
    );
    assert_eq!(ints(&df, "i"), vec![Some(1), None, Some(3)]);
    assert_eq!(floats(&df, "f"), vec![None, Some(2.5), Some(1.0)]);
    assert_eq!(bools(&df, "b"), vec![Some(true), None, Some(false)]);
    assert_eq!(days(&df, "d")[0], None);
    assert_eq!(strings(&df, "s"), vec![s("x"), None, None]);
    assert_eq!(df.column("none").unwrap().null_count(), 3);
}

#[test]
fn null_markers_are_null_in_typed_columns_but_kept_in_text() {
    let df = read("n,country\n1,NA\nNaN,DE\nnull,\n4,NA\n");
    assert_eq!(ints(&df, "n"), vec![Some(1), None, None, Some(4)]);
    // Namibia's ISO code must survive in a text column.
    assert_eq!(
        strings(&df, "country"),
        vec![s("NA"), s("DE"), None, s("NA")]
    );
}

#[test]
fn a_header_only_file_has_zero_rows_of_string_columns() {
    let df = read("a,b,c\n");
    assert_eq!(df.shape(), (0, 3));
    assert_eq!(dtypes(&df), vec![DataType::String; 3]);
    assert_eq!(read("a;b").shape(), (0, 2));
}

#[test]
fn duplicate_and_empty_header_names_are_renamed_like_pandas() {
    // pandas 2.x: `a,b,a,,a.1` → a, b, a.2, Unnamed: 3, a.1.
    let df = read("a,b,a,,a.1\n1,2,3,4,5\n");
    assert_eq!(names(&df), ["a", "b", "a.2", "Unnamed: 3", "a.1"]);
    assert_eq!(ints(&df, "a.2"), vec![Some(3)]);
    assert_eq!(names(&read("x,x,x\n1,2,3\n")), ["x", "x.1", "x.2"]);
}

#[test]
fn ragged_rows_name_the_line_and_both_field_counts() {
    // The quoted newline makes record 2 span lines 2-3, so the bad record starts on line 4.
    let too_many = error(b"a,b\n\"1\n2\",3\n4,5,6\n");
    assert_eq!(
        too_many,
        ReadError::RaggedRow {
            file: "bad.csv".into(),
            line: 4,
            expected: 2,
            found: 3
        }
    );
    let message = too_many.to_string();
    assert!(
        message.contains("`bad.csv` line 4 has 3 fields but the header has 2"),
        "{message}"
    );
    let too_few = error(b"a,b,c\r\n1,2,3\r\n4,5\r\n");
    assert!(
        matches!(
            too_few,
            ReadError::RaggedRow {
                line: 3,
                expected: 3,
                found: 2,
                ..
            }
        ),
        "{too_few}"
    );
}

#[test]
fn an_unclosed_quote_names_the_line_and_column_where_it_opens() {
    let unclosed = error(b"id,name,n\n1,x,2\n2,\"never closed,3\n4,y,5\n");
    assert_eq!(
        unclosed,
        ReadError::UnclosedQuote {
            file: "bad.csv".into(),
            line: 3,
            column: "column 2 (`name`)".into()
        }
    );
    assert!(unclosed.to_string().contains("closing `\"`"), "{unclosed}");
    let in_header = error(b"a,\"b\n1,2\n");
    assert!(
        matches!(in_header, ReadError::UnclosedQuote { line: 1, .. }),
        "{in_header}"
    );
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_line() {
    // `café` in Latin-1: the é is the single byte 0xE9.
    let latin1 = error(b"name,n\nx,1\ncaf\xe9,2\n");
    assert_eq!(
        latin1,
        ReadError::NotUtf8 {
            file: "bad.csv".into(),
            line: 3,
            byte_offset: 14
        }
    );
    assert!(latin1.to_string().contains("CSV UTF-8"), "{latin1}");
}

#[test]
fn binary_files_named_csv_are_refused_with_the_offset_of_a_zero_byte() {
    let zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00";
    let refused = error(zip);
    assert_eq!(
        refused,
        ReadError::NotText {
            file: "bad.csv".into(),
            byte_offset: 5
        }
    );
    assert!(
        refused.to_string().contains("binary file, not CSV"),
        "{refused}"
    );
    // UTF-16 (Excel's "Unicode text") holds zero bytes too.
    let utf16: Vec<u8> = "\u{feff}a,b\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert!(matches!(
        error(&utf16),
        ReadError::NotText { byte_offset: 3, .. }
    ));
}

#[test]
fn empty_and_blank_files_are_refused() {
    assert_eq!(
        error(b""),
        ReadError::Empty {
            file: "bad.csv".into()
        }
    );
    let blank = error(b"\n\r\n\n");
    assert_eq!(
        blank,
        ReadError::NoHeader {
            file: "bad.csv".into()
        }
    );
    assert!(blank.to_string().contains("only blank lines"), "{blank}");
}

#[test]
fn files_beyond_the_budget_are_refused_with_sizes_and_advice() {
    assert_eq!(check_size("x.csv", MAX_CSV_BYTES, MAX_CSV_BYTES), Ok(()));
    let refused = check_size("big.csv", MAX_CSV_BYTES + 1, MAX_CSV_BYTES).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "`big.csv` is 1025 MiB, more than the 1024 MiB a browser tab can hold for this kind \
         of file. Load a sample of its rows or split it into smaller files"
    );
}

#[test]
fn read_table_picks_the_reader_from_the_bytes() {
    let csv = read_table("songs.txt", b"a,b\n1,2\n").unwrap();
    assert_eq!(ints(&csv, "b"), vec![Some(2)]);
    let named_parquet = read_table("songs.parquet", b"a,b\n1,2\n").unwrap_err();
    assert!(
        matches!(named_parquet, ReadError::NotParquet { .. }),
        "{named_parquet}"
    );
    let Some(parquet) = shared("song_properties.parquet") else {
        return;
    };
    let df = read_table("renamed.csv", &parquet).unwrap();
    assert_eq!(df.shape(), (14_245, 18));
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = rng_from_seed(7);
    // Mostly CSV's own characters, so the parser's states are reached, plus any byte.
    let alphabet = b",;\t\"\r\n 0123456789.-eE+TrueFalse/:NAab";
    let mut n_ok = 0;
    for case in 0..4_000 {
        let len = rng.random_range(0..64);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if rng.random_range(0..20) == 0 {
                    rng.random::<u8>()
                } else {
                    alphabet[rng.random_range(0..alphabet.len())]
                }
            })
            .collect();
        let outcome =
            std::panic::catch_unwind(|| read_csv("fuzz.csv", &bytes).map(|df| df.shape()));
        let Ok(result) = outcome else {
            panic!(
                "case {case} panicked on {:?}",
                String::from_utf8_lossy(&bytes)
            );
        };
        n_ok += usize::from(result.is_ok());
    }
    println!("{n_ok} of 4000 random inputs read as tables");
    // Both outcomes must be exercised for the test to mean anything.
    assert!((100..3_900).contains(&n_ok), "{n_ok} of 4000 read");
}

#[test]
fn reads_the_kaggle_layout_sample_with_its_types_and_values() {
    let Some(bytes) = shared("universal_top_spotify_songs_sample.csv") else {
        return;
    };
    let df = read_csv("universal_top_spotify_songs_sample.csv", &bytes).unwrap();
    assert_eq!(df.shape(), (21_900, 25));
    let schema = df.schema();
    for (name, dtype) in [
        ("spotify_id", DataType::String),
        ("daily_rank", DataType::Int64),
        ("weekly_movement", DataType::Int64),
        ("country", DataType::String),
        ("snapshot_date", DataType::Date),
        ("is_explicit", DataType::Boolean),
        ("album_release_date", DataType::Date),
        ("danceability", DataType::Float64),
        ("instrumentalness", DataType::Float64),
        ("time_signature", DataType::Int64),
    ] {
        assert_eq!(schema.get(name), Some(&dtype), "{name}");
    }
    let column = |name: &str| df.column(name).unwrap();
    // Counted with pandas 2 (`read_csv(...).isna().sum()`): 6 days x 50 global rows.
    assert_eq!(column("country").null_count(), 300);
    // pandas: `name`, `artists` and `album_name` are empty in 4 rows each.
    assert_eq!(column("name").null_count(), 4);
    // pandas: `daily_rank.sum()` 558450, `is_explicit.sum()` 9027,
    // `danceability.sum()` 14670.843.
    assert_eq!(column("daily_rank").i64().unwrap().sum(), Some(558_450));
    assert_eq!(column("is_explicit").bool().unwrap().sum(), Some(9_027));
    let danceability = column("danceability").f64().unwrap().sum().unwrap();
    assert!((danceability - 14_670.843).abs() < 1e-6, "{danceability}");
    // Row 0 and row 1 of the file (pandas `iloc[0]`, `iloc[1]`).
    assert_eq!(strings(&df, "name")[0], s("yıldızlar şahit aşkıma"));
    assert_eq!(strings(&df, "artists")[1], s("Paulus Music, Eklectico"));
    assert_eq!(floats(&df, "instrumentalness")[1], Some(4.79e-06));
    assert_eq!(
        days(&df, "snapshot_date")[0],
        Some(days_from_civil(2024, 3, 6))
    );
    assert_eq!(strings(&df, "country")[21_899], s("AE"));
}
