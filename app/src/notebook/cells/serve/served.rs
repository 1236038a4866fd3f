//! What a Serve cell shows, as data: the core's (`jukebox_core::serving`) — the engine's
//! score of the song and, as far as the calls got, the served model's metadata, warnings,
//! probabilities, every exchange, and the error that stopped them.

pub use jukebox_core::serving::{Score, ServeOutput};
