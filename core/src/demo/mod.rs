//! The built-in demo data: a deterministic stand-in for the course's two tables, with
//! exactly their schemas, so the app works on first open with no file and no network.
//!
//! - `song_properties`: `spotify_id, name, artists, event_timestamp, is_explicit,
//!   duration_ms, danceability, energy, key, loudness, mode, speechiness, acousticness,
//!   instrumentalness, liveness, valence, tempo, time_signature` — one row per charted song;
//! - `song_rankings`: `spotify_id, name, artists, popularity, daily_rank, daily_movement,
//!   weekly_movement, country, snapshot_date, album_name, album_release_date` — a global
//!   chart (`country` null) and 72 country charts of 50 songs a day, newest day first.
//!
//! Audio features relate to countries through hidden regional tastes, local artists and
//! international hits, so a model has something to learn.

#[cfg(feature = "engine")]
mod catalog;
#[cfg(feature = "engine")]
mod charts;
#[cfg(feature = "engine")]
mod frames;
#[cfg(feature = "engine")]
mod names;
#[cfg(feature = "engine")]
mod taste;

#[cfg(feature = "engine")]
use polars_core::prelude::DataFrame;
use serde::{Deserialize, Serialize};

use crate::calendar::days_from_civil;
#[cfg(feature = "engine")]
use crate::error::{JukeboxError, Result};
#[cfg(feature = "engine")]
use crate::random::rng_from_seed;

#[cfg(feature = "engine")]
pub use catalog::FLOAT_FEATURES;
#[cfg(feature = "engine")]
pub use charts::{CHART_SIZE, N_CHARTS};

/// Bumped whenever the generator's output for a given seed changes; part of the dataset's
/// fingerprint in run records.
pub const DEMO_VERSION: u32 = 1;

/// Settings of the demo generator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoConfig {
    pub seed: u64,
    /// Songs drawn; about nine in ten chart and appear in `song_properties`.
    pub n_songs: usize,
    /// Days of charts, ending on `last_day`.
    pub n_days: usize,
    /// Last chart day, days since 1970-01-01.
    pub last_day: i32,
}

impl Default for DemoConfig {
    fn default() -> Self {
        Self {
            seed: 42,
            n_songs: 6_400,
            n_days: 75,
            last_day: days_from_civil(2024, 6, 30),
        }
    }
}

/// Songs the demo may draw (`n_songs`).
pub const SONGS: std::ops::RangeInclusive<usize> = 100..=200_000;
/// Days of charts the demo may make (`n_days`).
pub const DAYS: std::ops::RangeInclusive<usize> = 1..=366;

#[cfg(feature = "engine")]
impl DemoConfig {
    fn validate(&self) -> Result<()> {
        if !SONGS.contains(&self.n_songs) {
            return Err(JukeboxError::DemoConfig {
                field: "n_songs",
                value: self.n_songs.to_string(),
                expected: "choose between 100 and 200,000 songs",
            });
        }
        if !DAYS.contains(&self.n_days) {
            return Err(JukeboxError::DemoConfig {
                field: "n_days",
                value: self.n_days.to_string(),
                expected: "choose between 1 and 366 days",
            });
        }
        Ok(())
    }
}

#[cfg(feature = "engine")]
/// The two demo tables.
#[derive(Debug, Clone)]
pub struct DemoTables {
    pub song_properties: DataFrame,
    pub song_rankings: DataFrame,
}

#[cfg(feature = "engine")]
/// Generates the demo tables; the same config always gives identical tables.
pub fn generate(config: &DemoConfig) -> Result<DemoTables> {
    config.validate()?;
    let mut rng = rng_from_seed(config.seed);
    let country_tastes = taste::country_tastes(&mut rng);
    let n_days = i32::try_from(config.n_days).unwrap_or(366);
    let first_day = config.last_day - n_days + 1;
    let songs = catalog::songs(
        &mut rng,
        &country_tastes,
        config.n_songs,
        (first_day - 365, first_day, config.last_day),
    );
    let days: Vec<i32> = (first_day..=config.last_day).collect();
    let simulated = charts::simulate(&mut rng, &songs, &country_tastes, &days);
    Ok(DemoTables {
        song_properties: frames::song_properties(&songs, &simulated)?,
        song_rankings: frames::song_rankings(&songs, &simulated)?,
    })
}

#[cfg(test)]
mod tests;
