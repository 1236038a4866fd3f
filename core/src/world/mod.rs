//! Country outlines for the Predict cell's world map: world-atlas's `TopoJSON` (Natural Earth
//! boundaries, ids = ISO 3166-1 numeric codes) decoded into rings per country, projected with
//! the Natural Earth projection and written as SVG paths fitted to a view box.
//!
//! - [`topojson`]: quantized, delta-encoded, shared arcs → rings of (longitude, latitude);
//! - [`projection`]: the Natural Earth projection (Šavrič et al. 2011 polynomials);
//! - [`outline`]: projected rings → SVG path data in a view box, and points for markers.

pub mod outline;
pub mod projection;
pub mod topojson;

#[cfg(test)]
mod tests;

use thiserror::Error;

pub use outline::{CountryOutline, WorldOutlines, outlines};
pub use projection::natural_earth;
pub use topojson::{Feature, Ring, decode};

/// The object of world-atlas's files that holds one geometry per country.
pub const COUNTRIES_OBJECT: &str = "countries";

/// Antarctica (ISO 3166-1 numeric 010): no charts there, and it would take a fifth of the map.
pub const ANTARCTICA: &str = "010";

/// Hand-written centres (ISO numeric, longitude, latitude in degrees) of chart countries too
/// small for world-atlas's 1:110 m outlines (Hong Kong and Singapore are absent there), so
/// the map can draw a marker for each one instead of leaving it out.
pub const SMALL_COUNTRIES: [(&str, f64, f64); 3] = [
    ("344", 114.17, 22.32), // Hong Kong
    ("702", 103.82, 1.35),  // Singapore
    ("442", 6.13, 49.78),   // Luxembourg (present at 110 m, but a few pixels wide)
];

/// Why a world map could not be read.
#[derive(Debug, Error)]
pub enum WorldError {
    #[error("the world map is not valid TopoJSON ({source}); the map cannot be drawn")]
    Json {
        #[source]
        source: serde_json::Error,
    },
    #[error(
        "the world map has no object `{object}` (it has: {available}); expected world-atlas's countries file"
    )]
    NoObject { object: String, available: String },
    #[error(
        "the world map's geometry `{feature}` uses arc {index}, but the file has only {n_arcs} arcs"
    )]
    ArcOutOfRange {
        feature: String,
        index: i64,
        n_arcs: usize,
    },
    #[error(
        "the world map's arc {arc} has a position with {n_values} numbers; positions need at least 2 (x, y)"
    )]
    ShortPosition { arc: usize, n_values: usize },
}

/// The countries of world-atlas's `countries-110m.json` text as SVG outlines `width` wide,
/// Antarctica left out.
pub fn world_outlines(topology_json: &str, width: f64) -> Result<WorldOutlines, WorldError> {
    let features = decode(topology_json, COUNTRIES_OBJECT)?;
    Ok(outlines(&features, width, &[ANTARCTICA]))
}
