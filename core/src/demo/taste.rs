//! Regional tastes: the hidden link between audio features and countries that a model can
//! learn from the demo data. Each region has mean features; each country is its region
//! plus a small seeded offset; songs are drawn around the taste of their artist's home.

use crate::countries::{COUNTRIES, Region};
use crate::random::{JukeboxRng, normal};

/// Mean audio features of a taste (Spotify's units: 0-1 scores, dB, BPM, ms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Taste {
    pub danceability: f64,
    pub energy: f64,
    pub loudness_db: f64,
    pub speechiness: f64,
    pub acousticness: f64,
    pub valence: f64,
    pub tempo_bpm: f64,
    pub duration_ms: f64,
    /// Share of explicit songs.
    pub explicit_rate: f64,
    /// Share of songs in a major key.
    pub major_rate: f64,
    /// The key (0 = C … 11 = B) this taste leans to.
    pub favourite_key: i64,
}

#[allow(clippy::too_many_arguments)] // A table row: one argument per column reads best.
const fn taste(
    danceability: f64,
    energy: f64,
    loudness_db: f64,
    speechiness: f64,
    acousticness: f64,
    valence: f64,
    tempo_bpm: f64,
    duration_ms: f64,
    explicit_rate: f64,
    major_rate: f64,
    favourite_key: i64,
) -> Taste {
    Taste {
        danceability,
        energy,
        loudness_db,
        speechiness,
        acousticness,
        valence,
        tempo_bpm,
        duration_ms,
        explicit_rate,
        major_rate,
        favourite_key,
    }
}

/// The mean taste of a region (invented, loosely after published Spotify analyses).
pub fn region_taste(region: Region) -> Taste {
    match region {
        Region::LatinAmerica => taste(
            0.77, 0.72, -5.0, 0.11, 0.20, 0.63, 98.0, 195_000.0, 0.45, 0.45, 1,
        ),
        Region::Anglosphere => taste(
            0.66, 0.62, -6.0, 0.13, 0.22, 0.46, 122.0, 188_000.0, 0.55, 0.60, 0,
        ),
        Region::WesternEurope => taste(
            0.68, 0.67, -6.2, 0.09, 0.19, 0.50, 118.0, 182_000.0, 0.30, 0.55, 7,
        ),
        Region::Nordics => taste(
            0.61, 0.57, -6.9, 0.06, 0.29, 0.38, 121.0, 186_000.0, 0.20, 0.62, 2,
        ),
        Region::EasternEurope => taste(
            0.67, 0.70, -5.7, 0.08, 0.16, 0.44, 127.0, 176_000.0, 0.25, 0.42, 9,
        ),
        Region::MiddleEastNorthAfrica => taste(
            0.63, 0.60, -6.6, 0.10, 0.33, 0.52, 106.0, 214_000.0, 0.10, 0.40, 4,
        ),
        Region::Asia => taste(
            0.58, 0.63, -5.6, 0.06, 0.36, 0.53, 125.0, 218_000.0, 0.07, 0.66, 5,
        ),
        Region::SubSaharanAfrica => taste(
            0.79, 0.64, -6.4, 0.12, 0.24, 0.67, 110.0, 204_000.0, 0.25, 0.50, 11,
        ),
    }
}

/// Spread of each feature around a taste, used both to draw songs and to score their fit.
pub const SPREAD: Taste = taste(
    0.10, 0.12, 1.8, 0.05, 0.15, 0.16, 20.0, 32_000.0, 0.0, 0.0, 0,
);

/// The taste of every country (in [`COUNTRIES`] order): its region's, shifted by a seeded
/// offset of about a third of the spread, so neighbours differ but stay alike.
pub fn country_tastes(rng: &mut JukeboxRng) -> Vec<Taste> {
    COUNTRIES
        .iter()
        .map(|country| {
            let base = region_taste(country.region);
            shifted(rng, &base, 0.35)
        })
        .collect()
}

/// A taste drawn around `base`, `scale` spreads wide per feature.
pub fn shifted(rng: &mut JukeboxRng, base: &Taste, scale: f64) -> Taste {
    Taste {
        danceability: normal(rng, base.danceability, SPREAD.danceability * scale),
        energy: normal(rng, base.energy, SPREAD.energy * scale),
        loudness_db: normal(rng, base.loudness_db, SPREAD.loudness_db * scale),
        speechiness: normal(rng, base.speechiness, SPREAD.speechiness * scale).max(0.03),
        acousticness: normal(rng, base.acousticness, SPREAD.acousticness * scale).clamp(0.02, 0.95),
        valence: normal(rng, base.valence, SPREAD.valence * scale),
        tempo_bpm: normal(rng, base.tempo_bpm, SPREAD.tempo_bpm * scale),
        duration_ms: normal(rng, base.duration_ms, SPREAD.duration_ms * scale),
        explicit_rate: base.explicit_rate,
        major_rate: base.major_rate,
        favourite_key: base.favourite_key,
    }
}

/// How well a song's features fit a taste: 0 for a perfect fit, more negative the further
/// it is (a scaled squared distance over the main features).
pub fn fit(song: &Taste, taste: &Taste) -> f64 {
    let terms = [
        (song.danceability - taste.danceability) / SPREAD.danceability,
        (song.energy - taste.energy) / SPREAD.energy,
        (song.loudness_db - taste.loudness_db) / SPREAD.loudness_db,
        (song.speechiness - taste.speechiness) / SPREAD.speechiness,
        (song.acousticness - taste.acousticness) / SPREAD.acousticness,
        (song.valence - taste.valence) / SPREAD.valence,
        (song.tempo_bpm - taste.tempo_bpm) / SPREAD.tempo_bpm,
        (song.duration_ms - taste.duration_ms) / SPREAD.duration_ms,
    ];
    -terms.iter().map(|t| t * t).sum::<f64>() / terms.len() as f64
}
