//! The course's modelling problem: which 13 audio features predict which target; each
//! feature's kind, range, unit and typical value (one table, [`FEATURE_RANGES`], for the
//! Predict cell's sliders, the demo data and the model's inputs), and the course's preset songs.

use crate::train::SongFeatures;

/// The 13 features of the course's model, in the course's order (the model's input order).
pub const FEATURES: [&str; 13] = names_of(&FEATURE_RANGES);

const fn names_of(table: &[FeatureRange; 13]) -> [&'static str; 13] {
    let mut names = [""; 13];
    let mut i = 0;
    while i < 13 {
        names[i] = table[i].name;
        i += 1;
    }
    names
}

/// The names of the features of `kind`, in model order (`N` must be their count: a wrong
/// count fails to compile, as a const panic).
pub const fn features_of_kind<const N: usize>(kind: FeatureKind) -> [&'static str; N] {
    let mut names = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < FEATURE_RANGES.len() {
        if FEATURE_RANGES[i].kind as u8 == kind as u8 {
            assert!(n < N, "more features of this kind than asked for");
            names[n] = FEATURE_RANGES[i].name;
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "fewer features of this kind than asked for");
    names
}

/// The column the course predicts (72 classes, label-encoded alphabetically).
pub const TARGET: &str = "country";

/// The key both course tables are joined on.
pub const JOIN_KEY: &str = "spotify_id";

/// What kind of values a feature holds in the course's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureKind {
    /// `bool` in the tables, 0 or 1 for a model (`is_explicit`).
    Flag,
    /// Whole numbers (`duration_ms`, `key`, `mode`).
    Whole,
    /// Decimals (`float64`): the nine audio measures from `danceability` to `tempo`.
    Decimal,
}

/// One of the course's features: its column, its kind, the range a person edits it in (the
/// Predict cell's sliders), a typical value and what it means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeatureRange {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: FeatureKind,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// A middle-of-the-charts value, for a song that has none yet.
    pub typical: f64,
    /// Spotify's definition, in short.
    pub help: &'static str,
}

const fn range(
    (name, label, kind): (&'static str, &'static str, FeatureKind),
    (min, max, step): (f64, f64, f64),
    typical: f64,
    help: &'static str,
) -> FeatureRange {
    FeatureRange {
        name,
        label,
        kind,
        min,
        max,
        step,
        typical,
        help,
    }
}

const UNIT: (f64, f64, f64) = (0.0, 1.0, 0.01);

/// The course's 13 features, in model order: the one table of their names, kinds, ranges
/// and typical values.
pub const FEATURE_RANGES: [FeatureRange; 13] = [
    range(
        ("is_explicit", "Explicit", FeatureKind::Flag),
        (0.0, 1.0, 1.0),
        0.0,
        "Whether the lyrics are marked explicit.",
    ),
    range(
        ("duration_ms", "Duration", FeatureKind::Whole),
        (30_000.0, 600_000.0, 1_000.0),
        200_000.0,
        "How long the track lasts.",
    ),
    range(
        ("danceability", "Danceability", FeatureKind::Decimal),
        UNIT,
        0.68,
        "How suitable for dancing: steady beat, tempo and rhythm (0 = least, 1 = most).",
    ),
    range(
        ("energy", "Energy", FeatureKind::Decimal),
        UNIT,
        0.65,
        "Perceived intensity and activity: loud, fast, noisy tracks score high.",
    ),
    range(
        ("key", "Key", FeatureKind::Whole),
        (0.0, 11.0, 1.0),
        5.0,
        "The track's estimated key, as a pitch class (C, C♯, … B).",
    ),
    range(
        ("loudness", "Loudness", FeatureKind::Decimal),
        (-60.0, 0.0, 0.1),
        -6.0,
        "Average loudness of the track in decibels; most pop sits between −10 and −4 dB.",
    ),
    range(
        ("mode", "Mode", FeatureKind::Whole),
        (0.0, 1.0, 1.0),
        1.0,
        "Whether the key is major or minor.",
    ),
    range(
        ("speechiness", "Speechiness", FeatureKind::Decimal),
        UNIT,
        0.08,
        "How much spoken word there is: above 0.66 mostly speech, below 0.33 mostly music.",
    ),
    range(
        ("acousticness", "Acousticness", FeatureKind::Decimal),
        UNIT,
        0.2,
        "Confidence that the track is acoustic (no electric or electronic instruments).",
    ),
    range(
        ("instrumentalness", "Instrumentalness", FeatureKind::Decimal),
        UNIT,
        0.0,
        "Likelihood that the track has no vocals; above 0.5 probably instrumental.",
    ),
    range(
        ("liveness", "Liveness", FeatureKind::Decimal),
        UNIT,
        0.15,
        "Likelihood that an audience is audible, i.e. a live recording (above 0.8: very likely).",
    ),
    range(
        ("valence", "Valence", FeatureKind::Decimal),
        UNIT,
        0.5,
        "Musical positiveness: high sounds happy or euphoric, low sad or angry.",
    ),
    range(
        ("tempo", "Tempo", FeatureKind::Decimal),
        (40.0, 220.0, 1.0),
        120.0,
        "Estimated speed in beats per minute.",
    ),
];

/// The pitch classes, as Spotify numbers them (0 = C).
pub const NOTE_NAMES: [&str; 12] = [
    "C",
    "C♯/D♭",
    "D",
    "D♯/E♭",
    "E",
    "F",
    "F♯/G♭",
    "G",
    "G♯/A♭",
    "A",
    "A♯/B♭",
    "B",
];

/// Typical values of all 13 features (for a new cell when no preset song is available).
pub fn typical_song() -> SongFeatures {
    FEATURE_RANGES
        .iter()
        .map(|f| (f.name.to_string(), f.typical))
        .collect()
}

/// A feature's value as people read it: `3:20`, `−6.0 dB`, `120 BPM`, `C♯/D♭`, `major`, `0.73`.
// The casts take whole, small, non-negative numbers (seconds, a pitch class).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn format_feature(name: &str, value: f64) -> String {
    match name {
        "duration_ms" => {
            let seconds = (value / 1_000.0).round().max(0.0) as u64;
            format!("{}:{:02}", seconds / 60, seconds % 60)
        }
        "loudness" => format!("{value:.1} dB").replace('-', "−"),
        "tempo" => format!("{value:.0} BPM"),
        "key" => NOTE_NAMES[(value.round().clamp(0.0, 11.0)) as usize].to_string(),
        "mode" => if value >= 0.5 { "major" } else { "minor" }.to_string(),
        "is_explicit" => if value >= 0.5 { "explicit" } else { "clean" }.to_string(),
        _ => format!("{value:.2}"),
    }
}

/// A preset song of the course: name, main artist and typical values of the 13 features (in
/// [`FEATURES`] order), used when the loaded table does not hold the song.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PresetSong {
    pub name: &'static str,
    pub artist: &'static str,
    pub typical: [f64; 13],
}

impl PresetSong {
    /// The typical values by feature name.
    pub fn features(&self) -> SongFeatures {
        FEATURES
            .iter()
            .zip(self.typical)
            .map(|(f, v)| ((*f).to_string(), v))
            .collect()
    }
}

/// Hand-written, plausible values for songs of this kind (not measured ones): explicit,
/// duration, danceability, energy, key, loudness, mode, speechiness, acousticness,
/// instrumentalness, liveness, valence, tempo.
pub const PRESET_SONGS: [PresetSong; 6] = [
    PresetSong {
        name: "Not Like Us",
        artist: "Kendrick Lamar",
        typical: [
            1.0, 274_000.0, 0.89, 0.47, 1.0, -7.0, 1.0, 0.21, 0.01, 0.0, 0.14, 0.22, 101.0,
        ],
    },
    PresetSong {
        name: "Live Forever",
        artist: "Oasis",
        typical: [
            0.0, 277_000.0, 0.32, 0.86, 7.0, -4.6, 1.0, 0.04, 0.001, 0.0, 0.2, 0.4, 89.0,
        ],
    },
    PresetSong {
        name: "Espresso",
        artist: "Sabrina Carpenter",
        typical: [
            1.0, 175_000.0, 0.7, 0.76, 0.0, -5.5, 1.0, 0.03, 0.1, 0.0, 0.18, 0.69, 104.0,
        ],
    },
    PresetSong {
        name: "BIRDS OF A FEATHER",
        artist: "Billie Eilish",
        typical: [
            0.0, 210_000.0, 0.75, 0.5, 2.0, -10.0, 1.0, 0.04, 0.2, 0.06, 0.12, 0.44, 105.0,
        ],
    },
    PresetSong {
        name: "Too Sweet",
        artist: "Hozier",
        typical: [
            0.0, 251_000.0, 0.74, 0.62, 10.0, -5.5, 0.0, 0.04, 0.03, 0.0, 0.09, 0.93, 117.0,
        ],
    },
    PresetSong {
        name: "Beautiful Things",
        artist: "Benson Boone",
        typical: [
            0.0, 180_000.0, 0.47, 0.47, 10.0, -5.7, 1.0, 0.06, 0.15, 0.0, 0.14, 0.22, 105.0,
        ],
    },
];

#[cfg(test)]
#[path = "course_tests.rs"]
mod tests;
