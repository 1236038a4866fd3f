//! `TopoJSON` decoding: a topology stores each border once as an arc (quantized integer
//! positions, delta-encoded, with a `transform` back to degrees); polygons list their rings
//! as arc indices, where `~i` (a negative index) means arc `i` walked backwards.

use serde::Deserialize;
use serde_json::Value;

use super::WorldError;

/// A closed ring of (longitude, latitude) in degrees.
pub type Ring = Vec<(f64, f64)>;

/// One geometry of the object: its id and name, and its polygons (each an outer ring then
/// holes). A `Polygon` geometry gives one polygon, a `MultiPolygon` several.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub id: Option<String>,
    pub name: Option<String>,
    pub polygons: Vec<Vec<Ring>>,
}

#[derive(Deserialize)]
struct Topology {
    #[serde(default)]
    transform: Option<Transform>,
    arcs: Vec<Vec<Vec<f64>>>,
    objects: serde_json::Map<String, Value>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(i64),
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    #[serde(rename = "GeometryCollection")]
    Collection { geometries: Vec<Geometry> },
    Polygon {
        arcs: Vec<Vec<i64>>,
        #[serde(default)]
        id: Option<Id>,
        #[serde(default)]
        properties: Option<Value>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
        #[serde(default)]
        id: Option<Id>,
        #[serde(default)]
        properties: Option<Value>,
    },
    /// Points, lines and null geometries: nothing to fill on a map.
    #[serde(other)]
    Other,
}

/// The polygons of object `object` of the `TopoJSON` text `json`, one [`Feature`] per `Polygon`
/// or `MultiPolygon` geometry (others are skipped).
pub fn decode(json: &str, object: &str) -> Result<Vec<Feature>, WorldError> {
    let topology: Topology =
        serde_json::from_str(json).map_err(|source| WorldError::Json { source })?;
    let Some(value) = topology.objects.get(object) else {
        return Err(WorldError::NoObject {
            object: object.to_string(),
            available: topology
                .objects
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    let geometry = Geometry::deserialize(value).map_err(|source| WorldError::Json { source })?;
    let arcs = absolute_arcs(&topology.arcs, topology.transform.as_ref())?;
    let mut features = Vec::new();
    collect(geometry, &arcs, &mut features)?;
    Ok(features)
}

/// Every arc as positions in degrees: deltas summed and the transform applied when quantized.
fn absolute_arcs(
    arcs: &[Vec<Vec<f64>>],
    transform: Option<&Transform>,
) -> Result<Vec<Ring>, WorldError> {
    arcs.iter()
        .enumerate()
        .map(|(arc, positions)| {
            let (mut x, mut y) = (0.0, 0.0);
            positions
                .iter()
                .map(|position| {
                    let [dx, dy, ..] = position.as_slice() else {
                        return Err(WorldError::ShortPosition {
                            arc,
                            n_values: position.len(),
                        });
                    };
                    Ok(match transform {
                        Some(t) => {
                            x += dx;
                            y += dy;
                            (
                                x * t.scale[0] + t.translate[0],
                                y * t.scale[1] + t.translate[1],
                            )
                        }
                        None => (*dx, *dy),
                    })
                })
                .collect()
        })
        .collect()
}

fn collect(geometry: Geometry, arcs: &[Ring], out: &mut Vec<Feature>) -> Result<(), WorldError> {
    let (polygons, id, properties) = match geometry {
        Geometry::Collection { geometries } => {
            for child in geometries {
                collect(child, arcs, out)?;
            }
            return Ok(());
        }
        Geometry::Other => return Ok(()),
        Geometry::Polygon {
            arcs: rings,
            id,
            properties,
        } => (vec![rings], id, properties),
        Geometry::MultiPolygon {
            arcs: polygons,
            id,
            properties,
        } => (polygons, id, properties),
    };
    let id = id.map(|id| match id {
        Id::Text(text) => text,
        // Numeric ids lose their leading zeros in JSON numbers: ISO codes have three digits.
        Id::Number(n) => format!("{n:03}"),
    });
    let name = properties
        .as_ref()
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .map(ToString::to_string);
    let label = name
        .clone()
        .or_else(|| id.clone())
        .unwrap_or_else(|| "(unnamed)".into());
    let polygons = polygons
        .iter()
        .map(|rings| {
            rings
                .iter()
                .map(|ring| stitch(ring, arcs, &label))
                .collect()
        })
        .collect::<Result<_, _>>()?;
    out.push(Feature { id, name, polygons });
    Ok(())
}

/// Joins a ring's arcs; each arc starts where the previous one ended, so that point is kept once.
fn stitch(indices: &[i64], arcs: &[Ring], feature: &str) -> Result<Ring, WorldError> {
    let mut ring: Ring = Vec::new();
    for &index in indices {
        let (arc_index, reversed) = if index < 0 {
            (!index, true)
        } else {
            (index, false)
        };
        let arc = usize::try_from(arc_index)
            .ok()
            .and_then(|i| arcs.get(i))
            .ok_or_else(|| WorldError::ArcOutOfRange {
                feature: feature.to_string(),
                index,
                n_arcs: arcs.len(),
            })?;
        let skip = usize::from(!ring.is_empty());
        if reversed {
            ring.extend(arc.iter().rev().skip(skip));
        } else {
            ring.extend(arc.iter().skip(skip));
        }
    }
    Ok(ring)
}
