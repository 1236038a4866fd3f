//! The demo's artists and songs: who comes from where, what each song sounds like, when it
//! came out and how popular it is at heart.

use crate::countries::{COUNTRIES, Region};
use crate::course::{FeatureKind, features_of_kind};
use crate::random::{JukeboxRng, chance, index_below, normal};

use super::names;
use super::taste::{Taste, region_taste, shifted};

/// Where an artist (and so their songs) is at home.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// A local act, charting mostly in one country (index into [`COUNTRIES`]).
    Country(usize),
    /// An international act from a region, charting widely.
    International(Region),
}

impl Home {
    pub fn region(self) -> Region {
        match self {
            Home::Country(i) => COUNTRIES[i].region,
            Home::International(region) => region,
        }
    }
}

/// Names of the nine float audio features, in the schema's order (the course's decimal
/// features, from its one table).
pub const FLOAT_FEATURES: [&str; 9] = features_of_kind(FeatureKind::Decimal);

/// One demo song with its audio features and hidden traits.
#[derive(Debug, Clone)]
pub struct Song {
    pub spotify_id: String,
    pub name: String,
    pub artists: String,
    pub album_name: Option<String>,
    pub release_day: i32,
    pub home: Home,
    pub is_explicit: bool,
    pub duration_ms: i64,
    pub key: i64,
    pub mode: i64,
    pub time_signature: i64,
    /// [`FLOAT_FEATURES`] in order; `None` is a missing value (rare, as in the course data).
    pub floats: [Option<f64>; 9],
    /// The song's taste point, used to score how well it fits a country.
    pub taste: Taste,
    /// Popularity at heart, normal around 0.
    pub appeal: f64,
}

struct Artist {
    name: String,
    home: Home,
    taste: Taste,
}

/// Draws `n_songs` songs by about a third as many artists. `release_days` are
/// `(first, window_start, last)` days since 1970-01-01: half the songs come out in
/// `window_start..=last` (the chart window), half in `first..window_start`.
pub fn songs(
    rng: &mut JukeboxRng,
    country_tastes: &[Taste],
    n_songs: usize,
    release_days: (i32, i32, i32),
) -> Vec<Song> {
    let n_artists = (n_songs / 3).max(1);
    let artists: Vec<Artist> = (0..n_artists)
        .map(|_| artist(rng, country_tastes))
        .collect();
    (0..n_songs)
        .map(|_| {
            let artist = &artists[index_below(rng, artists.len())];
            let featured = chance(rng, 0.15).then(|| &artists[index_below(rng, artists.len())]);
            song(rng, artist, featured, release_days)
        })
        .collect()
}

fn artist(rng: &mut JukeboxRng, country_tastes: &[Taste]) -> Artist {
    let home = if chance(rng, 0.78) {
        Home::Country(index_below(rng, COUNTRIES.len()))
    } else {
        // International acts come mostly from the Anglosphere and Latin America.
        let weights = [(Region::Anglosphere, 0.45), (Region::LatinAmerica, 0.3)];
        let roll: f64 = rand::Rng::random(rng);
        match weights
            .iter()
            .scan(0.0, |acc, (r, w)| {
                *acc += w;
                Some((*r, *acc))
            })
            .find(|(_, acc)| roll < *acc)
        {
            Some((region, _)) => Home::International(region),
            None => Home::International(Region::ALL[index_below(rng, Region::ALL.len())]),
        }
    };
    let base = match home {
        Home::Country(i) => country_tastes[i],
        Home::International(region) => region_taste(region),
    };
    Artist {
        name: names::artist_name(rng),
        home,
        taste: shifted(rng, &base, 0.6),
    }
}

fn song(
    rng: &mut JukeboxRng,
    artist: &Artist,
    featured: Option<&Artist>,
    (first_day, window_start, last_day): (i32, i32, i32),
) -> Song {
    let t = shifted(rng, &artist.taste, 0.8);
    let is_explicit = chance(rng, t.explicit_rate);
    let key = if chance(rng, 0.3) {
        t.favourite_key
    } else {
        i64::try_from(index_below(rng, 12)).unwrap_or(0)
    };
    let mode = i64::from(chance(rng, t.major_rate));
    let time_signature = match index_below(rng, 100) {
        0 => 1,
        1..=2 => 5,
        3..=9 => 3,
        _ => 4,
    };
    let instrumentalness = if chance(rng, 0.12) {
        rand::Rng::random_range(rng, 0.01..0.9)
    } else {
        (normal(rng, -11.0, 2.0)).exp().min(0.01)
    };
    let liveness = normal(rng, -1.9, 0.5).exp().clamp(0.02, 0.98);
    let mut floats = [
        Some(t.danceability.clamp(0.1, 0.98)),
        Some(t.energy.clamp(0.05, 0.99)),
        Some(t.loudness_db.clamp(-25.0, -0.5)),
        Some(t.speechiness.clamp(0.023, 0.6)),
        Some(t.acousticness.clamp(0.0001, 0.99)),
        Some(instrumentalness),
        Some(liveness),
        Some(t.valence.clamp(0.03, 0.98)),
        Some(t.tempo_bpm.clamp(60.0, 210.0)),
    ];
    if chance(rng, 0.002) {
        floats[index_below(rng, floats.len())] = None;
    }
    let artists = match featured {
        Some(other) if other.name != artist.name => format!("{}, {}", artist.name, other.name),
        _ => artist.name.clone(),
    };
    let name = names::song_title(rng);
    let album_name = match index_below(rng, 100) {
        0 => None,
        1..=35 => Some(name.clone()),
        _ => Some(names::song_title(rng)),
    };
    // Half the songs come out during the chart window, the rest in the year before it.
    let release_day = if chance(rng, 0.5) {
        rand::Rng::random_range(rng, window_start..=last_day)
    } else {
        rand::Rng::random_range(rng, first_day..window_start)
    };
    #[allow(clippy::cast_possible_truncation)] // Clamped to 1-10 minutes first.
    let duration_ms = t.duration_ms.clamp(60_000.0, 600_000.0).round() as i64;
    Song {
        spotify_id: names::spotify_id(rng),
        name,
        artists,
        album_name,
        release_day,
        home: artist.home,
        is_explicit,
        duration_ms,
        key,
        mode,
        time_signature,
        floats,
        taste: t,
        appeal: normal(rng, 0.0, 0.7),
    }
}
