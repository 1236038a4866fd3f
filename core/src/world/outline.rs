//! Projected country outlines as SVG path data, fitted to a view box `width` wide whose
//! height follows the map's proportions (y grows downwards, as in SVG).

use std::fmt::Write as _;

use super::projection::natural_earth;
use super::topojson::Feature;

/// One country's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryOutline {
    /// The geometry's id: an ISO 3166-1 numeric code in world-atlas (`"250"`), or empty.
    pub id: String,
    pub name: String,
    /// SVG path data (`M…L…Z` per ring), in view-box units to one decimal.
    pub path: String,
}

/// Every country's outline in a view box `0 0 width height`.
#[derive(Debug, Clone, PartialEq)]
pub struct WorldOutlines {
    pub width: f64,
    pub height: f64,
    pub countries: Vec<CountryOutline>,
    /// Projected (x, y) → view box: `((x - min_x) * scale, (max_y - y) * scale)`.
    min_x: f64,
    max_y: f64,
    scale: f64,
}

impl WorldOutlines {
    /// Where (longitude, latitude) in degrees lands in the view box (for markers).
    pub fn point(&self, longitude: f64, latitude: f64) -> (f64, f64) {
        let (x, y) = natural_earth(longitude, latitude);
        ((x - self.min_x) * self.scale, (self.max_y - y) * self.scale)
    }

    /// The outline of the country with this id.
    pub fn country(&self, id: &str) -> Option<&CountryOutline> {
        self.countries.iter().find(|c| c.id == id)
    }
}

/// Projects `features` (except those whose id is in `skip`) and fits them into a view box
/// `width` wide. Features without an id or a name get empty ones.
pub fn outlines(features: &[Feature], width: f64, skip: &[&str]) -> WorldOutlines {
    let kept: Vec<&Feature> = features
        .iter()
        .filter(|f| !f.id.as_deref().is_some_and(|id| skip.contains(&id)))
        .collect();
    let projected: Vec<Vec<Vec<(f64, f64)>>> = kept
        .iter()
        .map(|f| {
            f.polygons
                .iter()
                .flatten()
                .map(|ring| {
                    ring.iter()
                        .map(|&(lon, lat)| natural_earth(lon, lat))
                        .collect()
                })
                .collect()
        })
        .collect();
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in projected.iter().flatten().flatten() {
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        min_y = min_y.min(y);
        max_y = max_y.max(y);
    }
    if min_x > max_x {
        // No points at all: an empty map of the whole world's proportions.
        (min_x, max_x, min_y, max_y) = (-1.0, 1.0, -0.5, 0.5);
    }
    let scale = width / (max_x - min_x).max(f64::EPSILON);
    let height = (max_y - min_y) * scale;
    let countries = kept
        .iter()
        .zip(&projected)
        .map(|(feature, rings)| CountryOutline {
            id: feature.id.clone().unwrap_or_default(),
            name: feature.name.clone().unwrap_or_default(),
            path: path_data(rings, |(x, y)| ((x - min_x) * scale, (max_y - y) * scale)),
        })
        .collect();
    WorldOutlines {
        width,
        height,
        countries,
        min_x,
        max_y,
        scale,
    }
}

/// `M x,y L x,y … Z` for each ring, to 0.1 unit, points that round to the previous one left out.
fn path_data(rings: &[Vec<(f64, f64)>], to_view: impl Fn((f64, f64)) -> (f64, f64)) -> String {
    let mut path = String::new();
    for ring in rings {
        let mut last: Option<(i64, i64)> = None;
        for &point in ring {
            let (x, y) = to_view(point);
            // Tenths as integers: exact comparisons and no "-0.0" in the output.
            #[allow(clippy::cast_possible_truncation)] // view-box units are far below i64's range
            let tenths = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
            if last == Some(tenths) {
                continue;
            }
            let command = if last.is_none() { 'M' } else { 'L' };
            let _ = write!(path, "{command}{},{}", tenth(tenths.0), tenth(tenths.1));
            last = Some(tenths);
        }
        if last.is_some() {
            path.push('Z');
        }
    }
    path
}

/// Tenths as a decimal: 123 → "12.3", 120 → "12", -5 → "-0.5".
fn tenth(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let (whole, fraction) = (value.abs() / 10, value.abs() % 10);
    if fraction == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}
