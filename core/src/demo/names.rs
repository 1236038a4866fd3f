//! Made-up song, artist and album names and Spotify-like ids for the demo data.

use rand::Rng;

use crate::random::{JukeboxRng, index_below};

const TITLE_WORDS: [&str; 48] = [
    "Midnight",
    "Summer",
    "Fire",
    "Heart",
    "Dance",
    "Gold",
    "Neon",
    "River",
    "Echo",
    "Paradise",
    "Shadow",
    "Sugar",
    "Thunder",
    "Velvet",
    "Wild",
    "Electric",
    "Ocean",
    "Honey",
    "Silver",
    "Storm",
    "Dream",
    "Rhythm",
    "Starlight",
    "Desert",
    "City",
    "Moon",
    "Rain",
    "Crystal",
    "Fever",
    "Golden",
    "Lights",
    "Love",
    "Night",
    "Rose",
    "Sky",
    "Tears",
    "Wave",
    "Zero",
    "Bailando",
    "Corazón",
    "Amor",
    "Noche",
    "Sol",
    "Cielo",
    "Blue",
    "Forever",
    "Alone",
    "Together",
];

const SYLLABLES: [&str; 40] = [
    "ka", "li", "mo", "ra", "ze", "tu", "na", "vi", "lo", "sa", "ki", "do", "ri", "ma", "el", "an",
    "jo", "yu", "be", "ta", "no", "la", "mi", "se", "ko", "fa", "ne", "ro", "xi", "da", "go", "pa",
    "ve", "lu", "hi", "so", "ju", "ni", "ca", "te",
];

const ARTIST_PREFIXES: [&str; 8] = ["", "", "", "", "DJ ", "Lil ", "MC ", "The "];

/// A title of one to three words, e.g. "Neon River".
pub fn song_title(rng: &mut JukeboxRng) -> String {
    let n_words = 1 + index_below(rng, 3);
    let words: Vec<&str> = (0..n_words)
        .map(|_| TITLE_WORDS[index_below(rng, TITLE_WORDS.len())])
        .collect();
    words.join(" ")
}

/// An artist name such as "Kalimo" or "DJ Zetu".
pub fn artist_name(rng: &mut JukeboxRng) -> String {
    let prefix = ARTIST_PREFIXES[index_below(rng, ARTIST_PREFIXES.len())];
    let n_syllables = 2 + index_below(rng, 2);
    let mut word: String = (0..n_syllables)
        .map(|_| SYLLABLES[index_below(rng, SYLLABLES.len())])
        .collect();
    if let Some(first) = word.get(..1) {
        word = first.to_uppercase() + &word[1..];
    }
    format!("{prefix}{word}")
}

/// A 22-character base-62 id like Spotify's track ids.
pub fn spotify_id(rng: &mut JukeboxRng) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    (0..22)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}
