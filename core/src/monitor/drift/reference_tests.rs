//! The drift tests against `../fixtures/drift_reference.json`, written by
//! `scripts/drift_reference.py` (numpy, scipy and Evidently; its header names the
//! versions): seeded samples from 8 to 10,500 values (ties, binary, five-valued and
//! twelve-valued integer columns, a value only the current sample has) and tables of
//! scipy's distributions. Numbers agree at 1e-9 relative (or absolutely, below a floor
//! for values that are nearly 0).

// `close` accepts exact equality first (infinities, zeros).
#![allow(clippy::float_cmp)]

use serde_json::Value;

use super::evidently::evidently_display_name;
use super::kolmogorov::kstwo_sf;
use super::kolmogorov_smirnov::ks_two_sample;
use super::psi::decile_edges;
use super::smirnov::smirnov_sf;
use super::special::{chi2_sf, normal_sf, student_t_sf};
use super::student_t::welch_with_df;
use super::{
    DriftOptions, FeatureDrift, Sample, dataset_drift, feature_drift_samples, histogram_pair,
};

const RELATIVE: f64 = 1e-9;
/// Below this, p-values are compared absolutely (scipy and we both underflow there).
const P_FLOOR: f64 = 1e-300;
/// Below this, statistics are compared absolutely.
const STATISTIC_FLOOR: f64 = 1e-14;

fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/drift_reference.json")).unwrap()
}

/// A fixture number: JSON numbers, or "Infinity"/"-Infinity"/"NaN".
fn number(v: &Value) -> f64 {
    match v {
        Value::String(s) if s == "Infinity" => f64::INFINITY,
        Value::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
        Value::String(s) if s == "NaN" => f64::NAN,
        _ => v.as_f64().unwrap_or_else(|| panic!("not a number: {v}")),
    }
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(number).collect()
}

fn close(what: &str, ours: f64, theirs: f64, floor: f64) {
    let ok = ours == theirs
        || (ours - theirs).abs() <= floor
        || (ours - theirs).abs() <= RELATIVE * ours.abs().max(theirs.abs());
    assert!(ok, "{what}: ours {ours:e}, reference {theirs:e}");
}

/// Each fixture column: its group, name, samples, expected numbers and our answer.
struct Column {
    label: String,
    reference: Sample,
    current: Sample,
    expected: Value,
    ours: FeatureDrift,
}

fn columns(fx: &Value) -> Vec<Column> {
    let mut out = Vec::new();
    for group in fx["groups"].as_array().unwrap() {
        for column in group["columns"].as_array().unwrap() {
            let name = column["name"].as_str().unwrap();
            let label = format!("{}/{name}", group["name"].as_str().unwrap());
            let reference = Sample::new(name, "reference", &numbers(&column["reference"])).unwrap();
            let current = Sample::new(name, "current", &numbers(&column["current"])).unwrap();
            let ours = feature_drift_samples(name, &reference, &current, &DriftOptions::default())
                .unwrap();
            out.push(Column {
                label,
                reference,
                current,
                expected: column["expected"].clone(),
                ours,
            });
        }
    }
    out
}

#[test]
fn means_match_numpy() {
    for c in columns(&fixture()) {
        let e = &c.expected;
        close(
            &c.label,
            c.ours.reference_mean,
            number(&e["reference_mean"]),
            0.0,
        );
        close(
            &c.label,
            c.ours.current_mean,
            number(&e["current_mean"]),
            0.0,
        );
    }
}

#[test]
fn meanshift_matches_trustyai_formula_in_numpy() {
    for c in columns(&fixture()) {
        let e = &c.expected["meanshift"];
        let what = format!("{} meanshift", c.label);
        close(
            &what,
            c.ours.meanshift.statistic,
            number(&e["statistic"]),
            STATISTIC_FLOOR,
        );
        close(
            &what,
            c.ours.meanshift.p_value.unwrap(),
            number(&e["p_value"]),
            P_FLOOR,
        );
        assert_eq!(
            c.ours.meanshift.drifted,
            number(&e["p_value"]) <= 0.05,
            "{what}"
        );
    }
}

#[test]
fn welch_matches_scipy_ttest_ind() {
    for c in columns(&fixture()) {
        let e = &c.expected["welch"];
        let what = format!("{} welch", c.label);
        let (outcome, df) = welch_with_df(&c.reference, &c.current, 0.05);
        assert_eq!(outcome, c.ours.welch);
        close(
            &what,
            outcome.statistic,
            number(&e["statistic"]),
            STATISTIC_FLOOR,
        );
        close(
            &what,
            outcome.p_value.unwrap(),
            number(&e["p_value"]),
            P_FLOOR,
        );
        close(&format!("{what} df"), df, number(&e["df"]), 0.0);
    }
}

#[test]
fn kolmogorov_smirnov_matches_scipy_ks_2samp() {
    let mut paths = [0, 0];
    for c in columns(&fixture()) {
        let e = &c.expected["ks"];
        let what = format!("{} ks", c.label);
        let ks = ks_two_sample(&c.reference, &c.current);
        assert_eq!(
            ks.exact,
            e["exact"].as_bool().unwrap(),
            "{what}: exact or not"
        );
        paths[usize::from(ks.exact)] += 1;
        close(
            &what,
            c.ours.ks.statistic,
            number(&e["statistic"]),
            STATISTIC_FLOOR,
        );
        close(
            &what,
            c.ours.ks.p_value.unwrap(),
            number(&e["p_value"]),
            P_FLOOR,
        );
    }
    assert!(
        paths[0] >= 3 && paths[1] >= 10,
        "both paths tested: {paths:?}"
    );
}

#[test]
fn psi_matches_numpy_deciles() {
    for c in columns(&fixture()) {
        let e = &c.expected["psi"];
        let what = format!("{} psi", c.label);
        let edges = decile_edges(&c.reference);
        for (ours, theirs) in edges.iter().zip(numbers(&e["edges"])) {
            close(&format!("{what} edge"), *ours, theirs, 0.0);
        }
        close(
            &what,
            c.ours.psi.statistic,
            number(&e["statistic"]),
            STATISTIC_FLOOR,
        );
        assert_eq!(c.ours.psi.p_value, None);
    }
}

#[test]
fn evidently_rule_matches_the_scipy_calls_evidently_makes() {
    let mut methods = std::collections::BTreeSet::new();
    for c in columns(&fixture()) {
        let e = &c.expected["evidently"];
        let what = format!("{} evidently", c.label);
        let ours = &c.ours.evidently;
        assert_eq!(ours.method, e["method"].as_str().unwrap(), "{what}");
        methods.insert(ours.method.clone());
        close(
            &what,
            ours.statistic,
            number(&e["statistic"]),
            STATISTIC_FLOOR,
        );
        match (&e["p_value"], ours.p_value) {
            (Value::Null, None) => {}
            (p, Some(ours_p)) => close(&what, ours_p, number(p), P_FLOOR),
            (p, None) => panic!("{what}: no p-value, expected {p}"),
        }
        assert_eq!(ours.drifted, e["drifted"].as_bool().unwrap(), "{what}");
    }
    assert_eq!(
        methods.len(),
        5,
        "every test of the rule is exercised: {methods:?}"
    );
}

#[test]
fn evidently_preset_report_matches_per_column_and_for_the_dataset() {
    let fx = fixture();
    let all = columns(&fx);
    for group in fx["groups"].as_array().unwrap() {
        let name = group["name"].as_str().unwrap();
        let report = &group["evidently_report"];
        let ours: Vec<FeatureDrift> = all
            .iter()
            .filter(|c| c.label.starts_with(&format!("{name}/")))
            .map(|c| c.ours.clone())
            .collect();
        for feature in &ours {
            let theirs = &report["columns"][&feature.feature];
            let what = format!("{name}/{} in Evidently's report", feature.feature);
            let outcome = &feature.evidently;
            let label = evidently_display_name(&outcome.method).unwrap();
            assert_eq!(label, theirs["method"].as_str().unwrap(), "{what}");
            close(&what, outcome.score(), number(&theirs["score"]), 1e-15);
            close(&what, outcome.threshold, number(&theirs["threshold"]), 0.0);
        }
        let dataset = dataset_drift(ours, &DriftOptions::default());
        close(
            name,
            dataset.drifted_share,
            number(&report["drifted_share"]),
            0.0,
        );
        assert_eq!(
            dataset.dataset_drift,
            report["dataset_drift"].as_bool().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn histograms_match_numpy() {
    let fx = fixture();
    let bins = usize::try_from(fx["histogram_bins"].as_u64().unwrap()).unwrap();
    for c in columns(&fx) {
        let e = &c.expected["histogram"];
        let pair = histogram_pair(&c.reference, &c.current, bins);
        for (ours, theirs) in pair.edges.iter().zip(numbers(&e["edges"])) {
            close(&format!("{} histogram edge", c.label), *ours, theirs, 0.0);
        }
        let counts = |v: &Value| -> Vec<usize> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|x| usize::try_from(x.as_u64().unwrap()).unwrap())
                .collect()
        };
        assert_eq!(
            pair.reference_counts,
            counts(&e["reference_counts"]),
            "{}",
            c.label
        );
        assert_eq!(
            pair.current_counts,
            counts(&e["current_counts"]),
            "{}",
            c.label
        );
    }
}

/// Rows `[a, b, expected]` (or `[a, expected]`) of a table.
fn table(fx: &Value, name: &str) -> Vec<Vec<f64>> {
    fx[name].as_array().unwrap().iter().map(numbers).collect()
}

#[test]
fn kolmogorov_distribution_matches_scipy_kstwo_on_every_branch() {
    for row in table(&fixture(), "kstwo_sf") {
        // Whole numbers written by the script.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = row[0] as u64;
        close(
            &format!("kstwo.sf({}, {n})", row[1]),
            kstwo_sf(n, row[1]),
            row[2],
            P_FLOOR,
        );
    }
}

#[test]
fn smirnov_distribution_matches_scipy_special_smirnov() {
    for row in table(&fixture(), "smirnov_sf") {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = row[0] as u64;
        close(
            &format!("smirnov({n}, {})", row[1]),
            smirnov_sf(n, row[1]),
            row[2],
            P_FLOOR,
        );
    }
}

#[test]
fn student_t_chi_square_and_normal_tails_match_scipy() {
    let fx = fixture();
    for row in table(&fx, "student_t_sf") {
        let what = format!("t.sf({}, df={})", row[1], row[0]);
        close(&what, student_t_sf(row[1], row[0]), row[2], P_FLOOR);
    }
    for row in table(&fx, "chi2_sf") {
        let what = format!("chi2.sf({}, df={})", row[1], row[0]);
        close(&what, chi2_sf(row[1], row[0]), row[2], P_FLOOR);
    }
    for row in table(&fx, "normal_sf") {
        close(
            &format!("norm.sf({})", row[0]),
            normal_sf(row[0]),
            row[1],
            P_FLOOR,
        );
    }
}
