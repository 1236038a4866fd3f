use super::*;
use crate::countries::COUNTRIES;

/// Two unit squares sharing an edge (arc 0; the right square walks it backwards, `~0` = -1),
/// a `MultiPolygon` of two triangles with a numeric id, and a point to skip. Quantized: scale
/// 0.5 and translate (10, 20), so quantized (4, 4) is (12°, 22°).
const FIXTURE: &str = r#"{
  "type": "Topology",
  "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
  "arcs": [
    [[4, 0], [0, 4]],
    [[4, 4], [-4, 0], [0, -4], [4, 0]],
    [[4, 0], [4, 0], [0, 4], [-4, 0]],
    [[20, 20], [2, 0], [-2, 2], [0, -2]],
    [[-20, -20], [2, 0], [-2, 2], [0, -2]]
  ],
  "objects": {"countries": {"type": "GeometryCollection", "geometries": [
    {"type": "Polygon", "id": "001", "properties": {"name": "Left"}, "arcs": [[0, 1]]},
    {"type": "Polygon", "id": "002", "properties": {"name": "Right"}, "arcs": [[-1, 2]]},
    {"type": "MultiPolygon", "id": 32, "arcs": [[[3]], [[4]]]},
    {"type": "Point", "coordinates": [0, 0]}
  ]}}
}"#;

fn features() -> Vec<Feature> {
    decode(FIXTURE, "countries").unwrap()
}

#[test]
fn decodes_shared_arcs_into_closed_rings_in_degrees() {
    let features = features();
    assert_eq!(features.len(), 3, "the point is skipped");
    let left = &features[0];
    assert_eq!(left.id.as_deref(), Some("001"));
    assert_eq!(left.name.as_deref(), Some("Left"));
    // Arc 0 (12,20)→(12,22), then arc 1 without its first point (it is arc 0's last).
    assert_eq!(
        left.polygons,
        vec![vec![vec![
            (12.0, 20.0),
            (12.0, 22.0),
            (10.0, 22.0),
            (10.0, 20.0),
            (12.0, 20.0)
        ]]]
    );
}

#[test]
fn reversed_arc_is_walked_backwards() {
    let right = &features()[1];
    assert_eq!(
        right.polygons,
        vec![vec![vec![
            (12.0, 22.0),
            (12.0, 20.0),
            (14.0, 20.0),
            (14.0, 22.0),
            (12.0, 22.0)
        ]]]
    );
}

#[test]
fn multipolygon_keeps_each_polygon_and_pads_numeric_ids() {
    let multi = &features()[2];
    assert_eq!(multi.id.as_deref(), Some("032"));
    assert_eq!(multi.name, None);
    assert_eq!(multi.polygons.len(), 2);
    assert_eq!(multi.polygons[0][0][0], (20.0, 30.0));
    assert_eq!(
        multi.polygons[1][0][..3],
        [(0.0, 10.0), (1.0, 10.0), (0.0, 11.0)]
    );
}

#[test]
fn missing_object_and_bad_arc_are_errors_that_say_what_is_there() {
    let err = decode(FIXTURE, "land").unwrap_err().to_string();
    assert!(
        err.contains("no object `land`") && err.contains("countries"),
        "{err}"
    );
    let bad = FIXTURE.replace("[[-1, 2]]", "[[-1, 9]]");
    let err = decode(&bad, "countries").unwrap_err().to_string();
    assert!(
        err.contains("`Right` uses arc 9") && err.contains("only 5 arcs"),
        "{err}"
    );
    let err = decode("{\"type\": \"Topology\"", "countries").unwrap_err();
    assert!(matches!(err, WorldError::Json { .. }), "{err}");
}

#[test]
fn projection_keeps_the_origin_and_is_symmetric() {
    assert_eq!(natural_earth(0.0, 0.0), (0.0, 0.0));
    for (lon, lat) in [(30.0, 45.0), (120.0, -10.0), (179.0, 80.0)] {
        let (x, y) = natural_earth(lon, lat);
        assert_eq!(natural_earth(-lon, lat), (-x, y));
        assert_eq!(natural_earth(lon, -lat), (x, -y));
        assert!(x > 0.0 && (y > 0.0) == (lat > 0.0));
    }
}

#[test]
fn projection_reaches_its_known_bounds() {
    use projection::{MAX_X, MAX_Y};
    let (x, y) = natural_earth(180.0, 0.0);
    assert!((x - MAX_X).abs() < 1e-12 && y == 0.0);
    // PROJ's natearth: y at the pole is 0.8707 × 0.52 × π (the polynomial gives it to 1e-4).
    let (_, pole) = natural_earth(0.0, 90.0);
    assert!((pole - MAX_Y).abs() < 1e-4, "{pole}");
    // Flat poles: the pole line is a bit over half the equator (0.4792 / 0.8707).
    let (pole_x, _) = natural_earth(180.0, 90.0);
    assert!((pole_x / MAX_X - 0.5504).abs() < 1e-3, "{}", pole_x / MAX_X);
}

#[test]
fn outlines_fit_the_view_box_width_and_keep_proportions() {
    let map = outlines(&features(), 100.0, &["032"]);
    assert_eq!(map.countries.len(), 2, "the skipped id is left out");
    // Two squares side by side, 10–14° E × 20–22° N. Meridians converge northwards, so the
    // box spans x from (10°, 22°) to (14°, 20°), and y from 20° to 22°.
    let (left_x, top) = natural_earth(10.0, 22.0);
    let (right_x, bottom) = natural_earth(14.0, 20.0);
    let expected = (top - bottom) / (right_x - left_x);
    assert!(
        (map.height / map.width - expected).abs() < 1e-12,
        "{}",
        map.height
    );
    assert!(
        (0.55..0.65).contains(&expected),
        "x is squeezed: {expected}"
    );
    let (x, y) = map.point(10.0, 22.0);
    assert!(
        x.abs() < 1e-9 && y.abs() < 1e-9,
        "top-left corner: ({x}, {y})"
    );
    let left = map.country("001").unwrap();
    assert_eq!(left.name, "Left");
    assert!(
        left.path.starts_with('M') && left.path.ends_with('Z'),
        "{}",
        left.path
    );
    assert_eq!(left.path.matches('L').count(), 4, "{}", left.path);
    // The second point is the square's top-right corner (12°, 22°): y = 0 at the top.
    let corner = left.path.split('L').nth(1).unwrap();
    let (x, y) = map.point(12.0, 22.0);
    assert_eq!(
        corner,
        format!(
            "{},{}",
            (x * 10.0).round() / 10.0,
            (y * 10.0).round() / 10.0
        )
    );
}

/// world-atlas's file, when `npm ci` has run in tests/ (a failure under CI, where
/// `make test` runs it first: `crate::testdata`).
fn real_atlas() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/node_modules/world-atlas/countries-110m.json"
    );
    let bytes = crate::testdata::read_or_skip(path.as_ref(), "run `npm ci` in tests/")?;
    Some(String::from_utf8(bytes).unwrap())
}

#[test]
fn real_atlas_has_every_chart_country_or_a_marker_for_it() {
    let Some(json) = real_atlas() else { return };
    let map = world_outlines(&json, 960.0).unwrap();
    assert_eq!(map.countries.len(), 176, "177 geometries less Antarctica");
    assert!(map.country(ANTARCTICA).is_none());
    let missing: Vec<&str> = COUNTRIES
        .iter()
        .filter(|c| map.country(c.numeric).is_none())
        .map(|c| c.code)
        .collect();
    assert_eq!(missing, ["HK", "SG"], "too small for 1:110 m");
    for code in missing {
        let numeric = crate::countries::by_code(code).unwrap().numeric;
        assert!(
            SMALL_COUNTRIES.iter().any(|(n, _, _)| *n == numeric),
            "{code}"
        );
    }
    assert_eq!(map.country("250").unwrap().name, "France");
    // Without Antarctica the map is about 2.1 times as wide as high (−56° … 84°).
    let ratio = map.width / map.height;
    assert!((2.0..2.3).contains(&ratio), "{ratio}");
    let bytes: usize = map.countries.iter().map(|c| c.path.len()).sum();
    eprintln!(
        "world-atlas 110m: {} outlines, {bytes} bytes of path data, {:.0}×{:.0}",
        map.countries.len(),
        map.width,
        map.height
    );
}
