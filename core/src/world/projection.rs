//! The Natural Earth projection (Tom Patterson's, as polynomials by Šavrič, Jenny, Patterson,
//! Petrovič and Hurni, 2011 — the form used by PROJ's `natearth` and d3's `geoNaturalEarth1`):
//! a pseudo-cylindrical compromise projection with flat poles, made for world maps.

/// Half the width of the projected world on a unit sphere: x at longitude ±180° on the equator.
pub const MAX_X: f64 = 0.8707 * std::f64::consts::PI;

/// Half the height: y at the poles (PROJ's `MAX_Y`, 0.8707 × 0.52 × π, to 1e-4).
pub const MAX_Y: f64 = 0.8707 * 0.52 * std::f64::consts::PI;

/// Projects (longitude, latitude) in degrees to (x, y) on a unit sphere, y pointing north.
pub fn natural_earth(longitude: f64, latitude: f64) -> (f64, f64) {
    let lambda = longitude.to_radians();
    let phi = latitude.clamp(-90.0, 90.0).to_radians();
    let phi2 = phi * phi;
    let phi4 = phi2 * phi2;
    let x = lambda
        * (0.8707
            + phi2
                * (-0.131_979
                    + phi2 * (-0.013_791 + phi4 * phi2 * (0.003_971 - 0.001_529 * phi2))));
    let y = phi
        * (1.007_226
            + phi2 * (0.015_085 + phi4 * (-0.044_475 + 0.028_874 * phi2 - 0.005_916 * phi4)));
    (x, y)
}
