//! Turns the simulated songs and charts into polars frames with the course's exact schemas.

use polars_core::prelude::*;

use crate::calendar::{NS_PER_DAY, iso_date};
use crate::countries::COUNTRIES;
use crate::error::{JukeboxError, Result};

use super::catalog::{FLOAT_FEATURES, Song};
use super::charts::{Day, N_CHARTS};

fn timestamp_ns(name: &str, values: Vec<i64>) -> Column {
    Int64Chunked::from_vec(name.into(), values)
        .into_datetime(TimeUnit::Nanoseconds, None)
        .into_series()
        .into_column()
}

fn frame(context: &str, height: usize, columns: Vec<Column>) -> Result<DataFrame> {
    DataFrame::new(height, columns).map_err(|e| JukeboxError::frame(context, e))
}

/// One row per song that charted at least once, in order of first appearance;
/// `event_timestamp` is the first day it was seen.
pub fn song_properties(songs: &[Song], days: &[Day]) -> Result<DataFrame> {
    let mut first_seen: Vec<Option<i32>> = vec![None; songs.len()];
    let mut order = Vec::new();
    for day in days {
        for entry in day.charts.iter().flatten() {
            let seen = &mut first_seen[entry.song as usize];
            if seen.is_none() {
                *seen = Some(day.day);
                order.push(entry.song as usize);
            }
        }
    }
    let rows: Vec<&Song> = order.iter().map(|&i| &songs[i]).collect();
    let strings = |f: fn(&Song) -> &str| rows.iter().map(|s| f(s)).collect::<Vec<&str>>();
    let ints = |f: fn(&Song) -> i64| rows.iter().map(|s| f(s)).collect::<Vec<i64>>();
    let float = |i: usize| {
        let values: Vec<Option<f64>> = rows.iter().map(|s| s.floats[i]).collect();
        Column::new(FLOAT_FEATURES[i].into(), values)
    };
    let event_ns = order
        .iter()
        .map(|&i| i64::from(first_seen[i].unwrap_or_default()) * NS_PER_DAY)
        .collect();
    let columns = vec![
        Column::new("spotify_id".into(), strings(|s| &s.spotify_id)),
        Column::new("name".into(), strings(|s| &s.name)),
        Column::new("artists".into(), strings(|s| &s.artists)),
        timestamp_ns("event_timestamp", event_ns),
        Column::new(
            "is_explicit".into(),
            rows.iter().map(|s| s.is_explicit).collect::<Vec<bool>>(),
        ),
        Column::new("duration_ms".into(), ints(|s| s.duration_ms)),
        float(0),
        float(1),
        Column::new("key".into(), ints(|s| s.key)),
        float(2),
        Column::new("mode".into(), ints(|s| s.mode)),
        float(3),
        float(4),
        float(5),
        float(6),
        float(7),
        float(8),
        Column::new("time_signature".into(), ints(|s| s.time_signature)),
    ];
    frame(
        "building the demo song_properties table",
        rows.len(),
        columns,
    )
}

/// Chart rows ordered like the Kaggle export: newest day first, the global chart first
/// within a day, then countries in descending code order, ranks ascending.
pub fn song_rankings(songs: &[Song], days: &[Day]) -> Result<DataFrame> {
    let n_rows: usize = days.iter().flat_map(|d| &d.charts).map(Vec::len).sum();
    let mut song_idx = Vec::with_capacity(n_rows);
    let mut popularity = Vec::with_capacity(n_rows);
    let mut rank = Vec::with_capacity(n_rows);
    let mut daily = Vec::with_capacity(n_rows);
    let mut weekly = Vec::with_capacity(n_rows);
    let mut country: Vec<Option<&str>> = Vec::with_capacity(n_rows);
    let mut snapshot_ns = Vec::with_capacity(n_rows);
    let chart_order = std::iter::once(0).chain((1..N_CHARTS).rev());
    let chart_order: Vec<usize> = chart_order.collect();
    for day in days.iter().rev() {
        for &chart in &chart_order {
            let code = chart.checked_sub(1).map(|i| COUNTRIES[i].code);
            for entry in &day.charts[chart] {
                song_idx.push(entry.song as usize);
                popularity.push(i64::from(entry.popularity));
                rank.push(i64::from(entry.rank));
                daily.push(i64::from(entry.daily_movement));
                weekly.push(i64::from(entry.weekly_movement));
                country.push(code);
                snapshot_ns.push(i64::from(day.day) * NS_PER_DAY);
            }
        }
    }
    let strings = |f: fn(&Song) -> &str| {
        song_idx
            .iter()
            .map(|&i| f(&songs[i]))
            .collect::<Vec<&str>>()
    };
    let albums: Vec<Option<&str>> = song_idx
        .iter()
        .map(|&i| songs[i].album_name.as_deref())
        .collect();
    let release: Vec<String> = song_idx
        .iter()
        .map(|&i| iso_date(songs[i].release_day))
        .collect();
    let columns = vec![
        Column::new("spotify_id".into(), strings(|s| &s.spotify_id)),
        Column::new("name".into(), strings(|s| &s.name)),
        Column::new("artists".into(), strings(|s| &s.artists)),
        Column::new("popularity".into(), popularity),
        Column::new("daily_rank".into(), rank),
        Column::new("daily_movement".into(), daily),
        Column::new("weekly_movement".into(), weekly),
        Column::new("country".into(), country),
        timestamp_ns("snapshot_date", snapshot_ns),
        Column::new("album_name".into(), albums),
        Column::new("album_release_date".into(), release),
    ];
    frame("building the demo song_rankings table", n_rows, columns)
}
