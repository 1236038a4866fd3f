//! Songs for the Predict cell: search by name or artist over a loaded table, and the course's
//! preset songs (their real features taken from the loaded table when it has them).

use polars_core::prelude::DataFrame;
use serde::{Deserialize, Serialize};

use super::SongFeatures;
use super::error::TrainError;

/// A song found by a search, with its features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SongHit {
    pub spotify_id: String,
    pub name: String,
    pub artists: String,
    pub features: SongFeatures,
}

/// Up to `limit` songs of `df` whose name or artists contain every word of `query`
/// (case- and accent-insensitive), best matches first, one per song.
pub fn search(df: &DataFrame, query: &str, limit: usize) -> Result<Vec<SongHit>, TrainError> {
    let _ = (df, query, limit);
    todo!("helper C")
}

/// The course's example songs, e.g. "Not Like Us" by Kendrick Lamar; features from `df` when
/// it holds the song, else typical values written here.
pub fn presets(df: Option<&DataFrame>) -> Vec<SongHit> {
    let _ = df;
    todo!("helper C")
}
