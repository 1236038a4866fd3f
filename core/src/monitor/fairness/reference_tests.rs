//! SPD and DIR against numpy on `../fixtures/fairness_reference.json`, written by
//! `scripts/fairness_reference.py` (seeded float32 probability matrices with tied and
//! threshold-exact rows, a small privileged group, undefined ratios; its header names the
//! numpy version). Both kinds of favourable outcome, every class, compared at 1e-12.

use serde_json::Value;

use super::{FairnessBounds, FairnessReport, Favourable, GroupedPredictions};
use crate::train::Matrix;

const TOLERANCE: f64 = 1e-12;

fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/fairness_reference.json")).unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn close(what: &str, ours: f64, numpy: f64) {
    assert!(
        (ours - numpy).abs() <= TOLERANCE,
        "{what}: ours {ours}, numpy {numpy}"
    );
}

struct Case {
    name: String,
    proba: Matrix,
    labels: Vec<String>,
    privileged: Vec<bool>,
    threshold: f64,
    json: Value,
}

fn cases() -> Vec<Case> {
    fixture()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let rows = usize::try_from(c["n_rows"].as_u64().unwrap()).unwrap();
            let cols = usize::try_from(c["n_classes"].as_u64().unwrap()).unwrap();
            // The fixture holds float32 values written exactly as float64.
            #[allow(clippy::cast_possible_truncation)]
            let data = floats(&c["proba"]).into_iter().map(|v| v as f32).collect();
            Case {
                name: c["name"].as_str().unwrap().to_owned(),
                proba: Matrix::from_vec(rows, cols, data).unwrap(),
                labels: (0..cols).map(|k| format!("class_{k}")).collect(),
                privileged: c["privileged"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|b| b.as_bool().unwrap())
                    .collect(),
                threshold: c["threshold"].as_f64().unwrap(),
                json: c.clone(),
            }
        })
        .collect()
}

/// Every number of `report` equals numpy's `expected` (one favourable kind of one case).
fn assert_matches(what: &str, report: &FairnessReport, expected: &Value) {
    let order: Vec<usize> = report.classes.iter().map(|c| c.class).collect();
    let numpy_order: Vec<usize> = expected["order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| usize::try_from(v.as_u64().unwrap()).unwrap())
        .collect();
    assert_eq!(order, numpy_order, "{what}: order by |SPD|");
    for c in &report.classes {
        let k = c.class;
        let at = |key: &str| &expected[key][k];
        let what = format!("{what}, class {k}");
        assert_eq!(
            c.privileged.favourable as u64,
            at("favourable_privileged").as_u64().unwrap(),
            "{what}"
        );
        assert_eq!(
            c.unprivileged.favourable as u64,
            at("favourable_unprivileged").as_u64().unwrap(),
            "{what}"
        );
        close(
            &format!("{what}: privileged rate"),
            c.privileged.rate,
            at("rate_privileged").as_f64().unwrap(),
        );
        close(
            &format!("{what}: unprivileged rate"),
            c.unprivileged.rate,
            at("rate_unprivileged").as_f64().unwrap(),
        );
        close(&format!("{what}: SPD"), c.spd, at("spd").as_f64().unwrap());
        match (c.dir, at("dir").as_f64()) {
            (Some(ours), Some(numpy)) => close(&format!("{what}: DIR"), ours, numpy),
            (None, None) => {}
            (ours, numpy) => panic!("{what}: DIR ours {ours:?}, numpy {numpy:?}"),
        }
        assert_eq!(
            c.spd_outside,
            at("spd_outside").as_bool().unwrap(),
            "{what}: SPD flag"
        );
        assert_eq!(
            c.dir_outside,
            at("dir_outside").as_bool().unwrap(),
            "{what}: DIR flag"
        );
    }
}

#[test]
fn every_class_matches_numpy_for_both_kinds_of_favourable_outcome() {
    let bounds = FairnessBounds::default();
    for case in cases() {
        let grouped = GroupedPredictions::new(&case.proba, &case.labels, &case.privileged).unwrap();
        let kinds = [
            ("top_class", Favourable::TopClass),
            (
                "at_least",
                Favourable::AtLeast {
                    threshold: case.threshold,
                },
            ),
        ];
        for (key, favourable) in kinds {
            let report = grouped.all_classes(favourable, &bounds).unwrap();
            let expected = &case.json[key];
            assert_eq!(
                report.privileged_rows as u64,
                case.json["privileged_rows"].as_u64().unwrap()
            );
            assert_eq!(
                report.unprivileged_rows as u64,
                case.json["unprivileged_rows"].as_u64().unwrap()
            );
            assert_matches(&format!("{} ({key})", case.name), &report, expected);
        }
    }
}

#[test]
fn one_class_gives_the_same_numbers_as_its_row_of_the_table() {
    let bounds = FairnessBounds::default();
    for case in cases() {
        let grouped = GroupedPredictions::new(&case.proba, &case.labels, &case.privileged).unwrap();
        let table = grouped.all_classes(Favourable::TopClass, &bounds).unwrap();
        for row in &table.classes {
            let one = grouped
                .class(row.class, Favourable::TopClass, &bounds)
                .unwrap();
            assert_eq!(
                one.classes,
                vec![row.clone()],
                "{}: class {}",
                case.name,
                row.class
            );
            assert_eq!(one.warnings, table.warnings);
        }
    }
}

#[test]
fn the_small_reference_group_is_warned_about_and_its_undefined_ratios_are_null() {
    let case = cases()
        .into_iter()
        .find(|c| c.privileged.iter().filter(|&&p| p).count() < 30)
        .unwrap();
    let grouped = GroupedPredictions::new(&case.proba, &case.labels, &case.privileged).unwrap();
    let report = grouped
        .all_classes(Favourable::TopClass, &FairnessBounds::default())
        .unwrap();
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.warnings[0].rows, report.privileged_rows);
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("\"dir\":null"), "{json}");
    assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
}
