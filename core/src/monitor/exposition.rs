//! The Drift and Fairness cells' results as Prometheus gauges (the names in
//! [`super::prometheus`]): what `monitor.prom` holds for a textfile collector or a
//! Pushgateway. One series per label set: when several cells measure the same feature (or
//! country), the first cell's value is kept, as the notebook reads top-down.

use std::collections::HashSet;

use super::drift::DriftTest;
use super::drift_cell::DriftOutput;
use super::fairness_cell::FairnessOutput;
use super::prometheus::{
    DATASET_DRIFT, DIR, DRIFT_DETECTED, DRIFT_PVALUE, DRIFT_STATISTIC, DRIFTED_FEATURE_SHARE,
    FAIRNESS_VIOLATION, MONITOR_TIMESTAMP_SECONDS, MetricFamily, SPD,
};

/// The tests written, with their label value.
const TESTS: [DriftTest; 5] = [
    DriftTest::MeanShift,
    DriftTest::Welch,
    DriftTest::KolmogorovSmirnov,
    DriftTest::Psi,
    DriftTest::Evidently,
];

/// Every gauge of `drifts` and `fairness`, stamped `timestamp_seconds` (Unix time).
pub fn families(
    drifts: &[&DriftOutput],
    fairness: &[&FairnessOutput],
    timestamp_seconds: f64,
) -> Vec<MetricFamily> {
    let mut pvalue = MetricFamily::gauge(
        DRIFT_PVALUE,
        "p-value of a drift test of a feature (drift when at most alpha)",
    );
    let mut statistic =
        MetricFamily::gauge(DRIFT_STATISTIC, "statistic of a drift test of a feature");
    let mut detected = MetricFamily::gauge(
        DRIFT_DETECTED,
        "1 when the test finds drift in the feature, else 0",
    );
    let mut seen = HashSet::new();
    for drift in drifts {
        for feature in &drift.report.features {
            if !seen.insert(feature.feature.clone()) {
                continue;
            }
            for test in TESTS {
                let outcome = feature.outcome(test);
                let labels = [("feature", feature.feature.as_str()), ("test", test.word())];
                if let Some(p) = outcome.p_value {
                    pvalue = pvalue.with(&labels, p);
                }
                statistic = statistic.with(&labels, outcome.statistic);
                detected = detected.with(&labels, flag(outcome.drifted));
            }
        }
    }
    let mut out = Vec::new();
    if let Some(first) = drifts.first() {
        out.extend([pvalue, statistic, detected]);
        out.push(
            MetricFamily::gauge(
                DATASET_DRIFT,
                "1 when at least half of the features drifted, else 0",
            )
            .with(&[], flag(first.report.dataset_drift)),
        );
        out.push(
            MetricFamily::gauge(DRIFTED_FEATURE_SHARE, "share of the features that drifted")
                .with(&[], first.report.drifted_share),
        );
    }
    if !fairness.is_empty() {
        out.extend(fairness_families(fairness));
    }
    out.push(
        MetricFamily::gauge(MONITOR_TIMESTAMP_SECONDS, "Unix time the monitoring ran")
            .with(&[], timestamp_seconds),
    );
    out
}

fn fairness_families(fairness: &[&FairnessOutput]) -> [MetricFamily; 3] {
    let mut spd = MetricFamily::gauge(
        SPD,
        "statistical parity difference: P(fav | unprivileged) - P(fav | privileged)",
    );
    let mut dir = MetricFamily::gauge(
        DIR,
        "disparate impact ratio: P(fav | unprivileged) / P(fav | privileged)",
    );
    let mut violation = MetricFamily::gauge(
        FAIRNESS_VIOLATION,
        "1 when SPD or DIR is outside its bounds, else 0",
    );
    let mut seen = HashSet::new();
    for output in fairness {
        for class in &output.report.classes {
            if !seen.insert((output.attribute.clone(), class.label.clone())) {
                continue;
            }
            let labels = [
                ("attribute", output.attribute.as_str()),
                ("country", class.label.as_str()),
            ];
            spd = spd.with(&labels, class.spd);
            dir = dir.with(&labels, class.dir.unwrap_or(f64::NAN));
            violation = violation.with(&labels, flag(class.violation));
        }
    }
    [spd, dir, violation]
}

fn flag(on: bool) -> f64 {
    if on { 1.0 } else { 0.0 }
}
