use super::*;
use crate::calendar::days_from_civil;
use crate::demo::{DemoConfig, generate};
use crate::io::read_csv;

#[allow(clippy::unnecessary_wraps)] // compared with an `Option` field
fn range(from: &str, to: &str) -> Option<(String, String)> {
    Some((from.to_string(), to.to_string()))
}

/// A `date` column of the given days (`None` for null).
fn date_column(name: &str, days: &[Option<(i32, u32, u32)>]) -> Column {
    let days: Vec<Option<i32>> = days
        .iter()
        .map(|d| d.map(|(y, m, d)| days_from_civil(y, m, d)))
        .collect();
    Column::new(name.into(), days)
        .cast(&DataType::Date)
        .unwrap()
}

fn text_column(name: &str, values: &[Option<&str>]) -> Column {
    Column::new(name.into(), values)
}

fn table(columns: Vec<Column>) -> DataFrame {
    DataFrame::new_infer_height(columns).unwrap()
}

#[test]
fn summarizes_the_demo_rankings_with_their_date_range() {
    let config = DemoConfig {
        n_songs: 500,
        n_days: 10,
        ..DemoConfig::default()
    };
    let tables = generate(&config).expect("demo generates");
    let summary = summarize_table("song_rankings", &tables.song_rankings);
    assert_eq!(summary.n_rows, 73 * 50 * 10);
    assert_eq!(summary.n_columns, 11);
    assert_eq!(
        summary.columns[8],
        ("snapshot_date".into(), "datetime[ns]".into())
    );
    assert_eq!(summary.date_range, range("2024-06-21", "2024-06-30"));
}

#[test]
fn a_date_column_has_a_range_with_nulls_left_out() {
    let df = table(vec![
        Column::new("rank".into(), [1_i64, 2, 3, 4]),
        date_column(
            "snapshot_date",
            &[
                Some((2024, 3, 6)),
                None,
                Some((2024, 3, 1)),
                Some((2024, 3, 3)),
            ],
        ),
    ]);
    assert_eq!(
        summarize_table("t", &df).date_range,
        range("2024-03-01", "2024-03-06")
    );
}

#[test]
fn millisecond_timestamps_give_their_days() {
    let ms =
        |y, m, d, hour: i64| i64::from(days_from_civil(y, m, d)) * 86_400_000 + hour * 3_600_000;
    let stamps = Column::new(
        "event_time".into(),
        [ms(2023, 12, 31, 23), ms(1969, 12, 31, 1)],
    )
    .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
    .unwrap();
    assert_eq!(
        summarize_table("t", &table(vec![stamps])).date_range,
        range("1969-12-31", "2023-12-31")
    );
}

#[test]
fn text_of_iso_dates_with_or_without_times_has_a_range() {
    let df = table(vec![
        text_column("name", &[Some("a"), Some("b"), Some("c")]),
        text_column(
            "date",
            &[
                Some("2024-03-02 23:59:59"),
                Some("2024-03-01T00:00"),
                Some("2024-02-29"),
            ],
        ),
    ]);
    assert_eq!(
        summarize_table("t", &df).date_range,
        range("2024-02-29", "2024-03-02")
    );
}

#[test]
fn a_few_values_that_are_not_dates_and_nulls_are_left_out_of_a_text_range() {
    // 10 dates, 1 null and 1 value that is no date (`2024-02-30` is none either): the
    // column stays a date column, and its range is that of its dates.
    let mut values: Vec<Option<&str>> = vec![
        Some("2024-01-05"),
        Some("2024-01-01"),
        Some("2024-01-09"),
        Some("2024-01-02"),
        Some("2024-01-03"),
        Some("2024-01-04"),
        Some("2024-01-06"),
        Some("2024-01-07"),
        Some("2024-01-08"),
        Some("2024-01-10"),
    ];
    values.extend([None, Some("unknown")]);
    let df = table(vec![text_column("snapshot_date", &values)]);
    assert_eq!(
        summarize_table("t", &df).date_range,
        range("2024-01-01", "2024-01-10")
    );
    let impossible = table(vec![text_column(
        "date",
        &[
            Some("2024-02-30"),
            Some("2024-02-01"),
            Some("2024-02-28"),
            None,
        ],
    )]);
    // One of three non-null values is no date: more than one in ten, so no range.
    assert_eq!(summarize_table("t", &impossible).date_range, None);
}

#[test]
fn text_that_only_sometimes_holds_a_date_has_no_range() {
    let df = table(vec![text_column(
        "note",
        &[
            Some("2024-01-01"),
            Some("sunny"),
            Some("rainy"),
            Some("2024-01-02"),
        ],
    )]);
    assert_eq!(summarize_table("t", &df).date_range, None);
    let empty = table(vec![text_column("date", &[None, None])]);
    assert_eq!(summarize_table("t", &empty).date_range, None);
}

#[test]
fn a_column_named_date_or_snapshot_date_wins_over_earlier_date_columns() {
    let df = table(vec![
        date_column(
            "album_release_date",
            &[Some((1999, 1, 1)), Some((2001, 1, 1))],
        ),
        text_column("released", &[Some("1990-01-01"), Some("1991-01-01")]),
        date_column("snapshot_date", &[Some((2024, 3, 1)), Some((2024, 3, 6))]),
    ]);
    assert_eq!(
        summarize_table("t", &df).date_range,
        range("2024-03-01", "2024-03-06")
    );
    // Without it, a name that speaks of dates comes before one that does not.
    let df = table(vec![
        text_column("released", &[Some("1990-01-01"), Some("1991-01-01")]),
        date_column(
            "album_release_date",
            &[Some((1999, 1, 1)), Some((2001, 1, 1))],
        ),
    ]);
    assert_eq!(
        summarize_table("t", &df).date_range,
        range("1999-01-01", "2001-01-01")
    );
}

#[test]
fn an_all_null_date_column_gives_way_to_the_next() {
    let df = table(vec![
        date_column("snapshot_date", &[None, None]),
        date_column("album_release_date", &[Some((2020, 5, 1)), None]),
    ]);
    assert_eq!(
        summarize_table("t", &df).date_range,
        range("2020-05-01", "2020-05-01")
    );
}

#[test]
fn a_csv_date_column_read_by_our_reader_has_its_range() {
    let csv = b"country,date,streams\nFR,2024-03-02,10\nDE,2024-03-01,20\n,,30\nFR,2024-03-05,40\n";
    let df = read_csv("charts.csv", csv).unwrap();
    // Our reader reads plain ISO dates as `date` (not `datetime`, which was all the
    // summary looked for).
    assert_eq!(df.column("date").unwrap().dtype(), &DataType::Date);
    assert_eq!(
        summarize_table("charts", &df).date_range,
        range("2024-03-01", "2024-03-05")
    );
    // One value that is no date keeps the column text; the summary still finds its range.
    let csv = b"date,streams\n2024-03-02,1\n2024-03-01,2\nsoon,3\n2024-03-05 12:00,4\n\
                2024-03-03,5\n2024-03-04,6\n2024-03-02,7\n2024-03-02,8\n2024-03-02,9\n2024-03-02,10\n";
    let df = read_csv("charts.csv", csv).unwrap();
    assert_eq!(df.column("date").unwrap().dtype(), &DataType::String);
    assert_eq!(
        summarize_table("charts", &df).date_range,
        range("2024-03-01", "2024-03-05")
    );
}

#[test]
fn the_kaggle_layout_sample_covers_its_six_days() {
    let name = "universal_top_spotify_songs_sample.csv";
    let Some(bytes) = crate::testdata::shared_data(name) else {
        return;
    };
    let df = read_csv(name, &bytes).unwrap();
    let summary = summarize_table(name, &df);
    // The shared README: six days, 2024-03-01 .. 03-06 (`snapshot_date`, not the earlier
    // `album_release_date`).
    assert_eq!(summary.date_range, range("2024-03-01", "2024-03-06"));
}

#[test]
fn counts_are_grouped_by_thousands_and_the_noun_agrees() {
    assert_eq!(counted(1, "dataset", "datasets"), "1 dataset");
    assert_eq!(counted(0, "dataset", "datasets"), "0 datasets");
    assert_eq!(counted(2, "dataset", "datasets"), "2 datasets");
    assert_eq!(counted(1_146_100, "row", "rows"), "1,146,100 rows");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(1_000), "1,000");
}

#[test]
fn a_headline_says_1_dataset_not_1_datasets() {
    let table = |n_rows| TableSummary {
        name: "t".into(),
        n_rows,
        n_columns: 1,
        columns: Vec::new(),
        date_range: None,
    };
    let one = DatasetSummary {
        name: "charts".into(),
        tables: vec![table(1)],
    };
    assert_eq!(one.headline(), "1 dataset · 1 row");
    let two = DatasetSummary {
        name: "demo".into(),
        tables: vec![table(14_245), table(21_900)],
    };
    assert_eq!(two.headline(), "2 datasets · 36,145 rows");
}
