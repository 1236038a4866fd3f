//! Songs for the Predict cell: search by name or artist over a loaded table, and the course's
//! preset songs (their real features taken from the loaded table when it has them).
//!
//! A search first keeps one row per song (by `spotify_id`, else name and artists), so a
//! 1.1M-row chart table costs one pass of hashing, then folds only the distinct songs.

#[cfg(feature = "engine")]
use polars_core::prelude::{AnyValue, Column, DataFrame, PlHashSet, StringChunked};
use serde::{Deserialize, Serialize};

use super::SongFeatures;
#[cfg(feature = "engine")]
use super::error::TrainError;
use crate::course::{PRESET_SONGS, PresetSong};
#[cfg(feature = "engine")]
use crate::missing_column::MissingColumn;

/// A song found by a search, with its features.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SongHit {
    pub spotify_id: String,
    pub name: String,
    pub artists: String,
    pub features: SongFeatures,
    /// A preset song the table does not hold: its features are typical values for its kind
    /// of song, not the song's real ones (the picker says so).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub typical: bool,
}

#[cfg(feature = "engine")]
/// Up to `limit` songs of `df` whose name or artists contain every word of `query`
/// (case- and accent-insensitive), best matches first, one per song.
pub fn search(df: &DataFrame, query: &str, limit: usize) -> Result<Vec<SongHit>, TrainError> {
    let (names, artists) = (text(df, "name")?, text(df, "artists")?);
    let ids = df.column("spotify_id").ok().and_then(|c| c.str().ok());
    let folded_query = fold(query);
    let words: Vec<&str> = folded_query.split_whitespace().collect();
    let phrase = words.join(" ");
    // Borrowed keys: no allocation per row of a large chart table.
    let mut seen_ids: PlHashSet<&str> = PlHashSet::default();
    let mut seen_pairs: PlHashSet<(&str, &str)> = PlHashSet::default();
    // (name starts with the query? 0 : 1, folded name, folded artists, row)
    let mut found: Vec<(u8, String, String, usize)> = Vec::new();
    let id_values: Box<dyn Iterator<Item = Option<&str>>> = match ids {
        Some(ids) => Box::new(ids.iter()),
        None => Box::new(std::iter::repeat(None)),
    };
    let rows = names.iter().zip(artists.iter()).zip(id_values).enumerate();
    for (i, ((name, artist), id)) in rows {
        let (Some(name), Some(artist)) = (name, artist) else {
            continue;
        };
        let new = match id.filter(|id| !id.is_empty()) {
            Some(id) => seen_ids.insert(id),
            None => seen_pairs.insert((name, artist)),
        };
        if !new {
            continue;
        }
        let (name, artist) = (fold(name), fold(artist));
        if words.iter().all(|w| name.contains(w) || artist.contains(w)) {
            let rank = u8::from(!name.starts_with(&phrase));
            found.push((rank, name, artist, i));
        }
    }
    found.sort();
    let numeric = feature_columns(df);
    Ok(found
        .into_iter()
        .take(limit)
        .map(|(_, _, _, i)| hit_at(df, &numeric, i))
        .collect())
}

/// The course's example songs with their typical values (no table needed).
pub fn typical_presets() -> Vec<SongHit> {
    PRESET_SONGS.iter().map(typical).collect()
}

/// A preset song with its typical values.
fn typical(preset: &PresetSong) -> SongHit {
    SongHit {
        spotify_id: String::new(),
        name: preset.name.to_string(),
        artists: preset.artist.to_string(),
        features: preset.features(),
        typical: true,
    }
}

/// The course's example songs, e.g. "Not Like Us" by Kendrick Lamar; features from `df` when
/// it holds the song, else the typical values of [`PRESET_SONGS`].
#[cfg(feature = "engine")]
pub fn presets(df: Option<&DataFrame>) -> Vec<SongHit> {
    PRESET_SONGS
        .iter()
        .map(|preset| {
            df.and_then(|df| find_in(df, preset.name, preset.artist))
                .unwrap_or_else(|| typical(preset))
        })
        .collect()
}

#[cfg(feature = "engine")]
/// The first row of `df` named `name` (any case or accents) by artists including `artist`.
fn find_in(df: &DataFrame, name: &str, artist: &str) -> Option<SongHit> {
    let (names, artists) = (text(df, "name").ok()?, text(df, "artists").ok()?);
    let (name, artist) = (fold(name), fold(artist));
    let row = names.iter().zip(artists.iter()).position(|(n, a)| {
        n.is_some_and(|n| fold(n) == name) && a.is_some_and(|a| fold(a).contains(&artist))
    })?;
    Some(hit_at(df, &feature_columns(df), row))
}

#[cfg(feature = "engine")]
fn text<'a>(df: &'a DataFrame, column: &str) -> Result<&'a StringChunked, TrainError> {
    let missing = || {
        TrainError::from(MissingColumn::new(
            column,
            None,
            df.columns().iter().map(|c| c.name().as_str()),
        ))
    };
    let values = df.column(column).map_err(|_| missing())?;
    values.str().map_err(|_| TrainError::NotNumeric {
        column: column.to_string(),
        dtype: format!("{} (song names and artists must be text)", values.dtype()),
    })
}

#[cfg(feature = "engine")]
/// The numeric and true/false columns: what a song can give a model.
fn feature_columns(df: &DataFrame) -> Vec<&Column> {
    df.columns()
        .iter()
        .filter(|c| c.dtype().is_primitive_numeric() || c.dtype().is_bool())
        .collect()
}

#[cfg(feature = "engine")]
/// Row `i` as a hit; null feature values are left out.
fn hit_at(df: &DataFrame, numeric: &[&Column], i: usize) -> SongHit {
    let text_at = |column: &str| {
        df.column(column)
            .ok()
            .and_then(|c| c.str().ok())
            .and_then(|c| c.get(i))
            .unwrap_or_default()
            .to_string()
    };
    let features = numeric
        .iter()
        .filter_map(|c| {
            let value = match c.get(i).ok()? {
                AnyValue::Boolean(b) => Some(if b { 1.0 } else { 0.0 }),
                other => other.extract::<f64>(),
            }?;
            value.is_finite().then(|| (c.name().to_string(), value))
        })
        .collect();
    SongHit {
        spotify_id: text_at("spotify_id"),
        name: text_at("name"),
        artists: text_at("artists"),
        features,
        typical: false,
    }
}

/// Lower case without accents: `Beyoncé` → `beyonce`, `MØ` → `mo`, `Straße` → `strasse`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii() {
            out.push(ch);
            continue;
        }
        match ch {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            '\u{300}'..='\u{36f}' => {} // combining accents (decomposed text)
            other => out.push(base_letter(other)),
        }
    }
    out
}

/// The Latin letter under an accented one; other characters as they are.
fn base_letter(ch: char) -> char {
    match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' | 'ĺ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ř' | 'ŗ' => 'r',
        'ś' | 'š' | 'ş' | 'ș' | 'ŝ' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

#[cfg(test)]
#[path = "songs_tests.rs"]
mod tests;
