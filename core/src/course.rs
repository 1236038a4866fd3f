//! The course's modelling problem: which 13 audio features predict which target.

/// The 13 features of the course's model, in the course's order (the model's input order).
pub const FEATURES: [&str; 13] = [
    "is_explicit",
    "duration_ms",
    "danceability",
    "energy",
    "key",
    "loudness",
    "mode",
    "speechiness",
    "acousticness",
    "instrumentalness",
    "liveness",
    "valence",
    "tempo",
];

/// The column the course predicts (72 classes, label-encoded alphabetically).
pub const TARGET: &str = "country";

/// The key both course tables are joined on.
pub const JOIN_KEY: &str = "spotify_id";
