//! What the reference libraries leave undefined (constant and tiny samples), the errors,
//! the exact KS p-values against a brute-force count of lattice paths, and the JSON shape
//! of the results.

// Exact values by design: constants, infinities, shares of two features.
#![allow(clippy::float_cmp)]

use super::kolmogorov_smirnov::ks_two_sample;
use super::*;

fn drift(reference: &[f64], current: &[f64]) -> FeatureDrift {
    feature_drift("tempo", reference, current, &DriftOptions::default()).unwrap()
}

#[test]
fn identical_constant_samples_do_not_drift_by_any_test() {
    let d = drift(&[3.0; 50], &[3.0; 40]);
    for test in DriftTest::ALL {
        let outcome = d.outcome(test);
        assert!(!outcome.drifted, "{}: {outcome:?}", test.word());
        assert!(outcome.statistic.is_finite(), "{}", test.word());
    }
    assert_eq!(d.meanshift.statistic, 0.0);
    assert_eq!(d.meanshift.p_value, Some(1.0));
    assert_eq!(d.welch.p_value, Some(1.0));
    assert_eq!(d.ks.p_value, Some(1.0));
    assert_eq!(d.psi.statistic, 0.0);
}

#[test]
fn different_constant_samples_drift_with_infinite_t() {
    let d = drift(&[2.0; 30], &[1.0; 30]);
    assert_eq!(
        d.meanshift.statistic,
        f64::INFINITY,
        "reference − current, as TrustyAI"
    );
    assert_eq!(d.meanshift.p_value, Some(0.0));
    assert_eq!(d.welch.statistic, f64::INFINITY);
    assert_eq!(d.welch.p_value, Some(0.0));
    assert!(d.meanshift.drifted && d.welch.drifted && d.ks.drifted);
}

#[test]
fn meanshift_is_positive_when_the_current_mean_is_lower() {
    let reference: Vec<f64> = (0..100).map(|i| f64::from(i % 10)).collect();
    let current: Vec<f64> = reference.iter().map(|v| v - 1.0).collect();
    let d = drift(&reference, &current);
    assert!(d.meanshift.statistic > 0.0 && d.welch.statistic > 0.0);
}

#[test]
fn a_single_current_value_gives_meanshift_no_drift_as_trustyai_does() {
    let d = drift(&[1.0, 2.0, 3.0, 4.0], &[40.0]);
    assert_eq!(
        (
            d.meanshift.statistic,
            d.meanshift.p_value,
            d.meanshift.drifted
        ),
        (0.0, Some(1.0), false)
    );
    assert_eq!((d.welch.statistic, d.welch.p_value), (0.0, Some(1.0)));
    assert!(d.ks.p_value.is_some_and(|p| (0.0..=1.0).contains(&p)));
}

#[test]
fn empty_and_non_finite_samples_are_errors_naming_the_feature() {
    let err = feature_drift("energy", &[], &[1.0], &DriftOptions::default()).unwrap_err();
    assert!(matches!(
        err,
        DriftError::EmptySample {
            which: "reference",
            ..
        }
    ));
    assert!(err.to_string().contains("`energy`"), "{err}");
    let err =
        feature_drift("energy", &[1.0], &[1.0, f64::NAN], &DriftOptions::default()).unwrap_err();
    assert_eq!(
        err,
        DriftError::NotFinite {
            feature: "energy".into(),
            which: "current",
            row: 1,
            value: "NaN".into()
        }
    );
    assert!(err.to_string().contains("Drop missing"), "{err}");
}

#[test]
fn options_out_of_range_are_refused() {
    let options = DriftOptions {
        alpha: 1.5,
        ..DriftOptions::default()
    };
    let err = feature_drift("key", &[1.0, 2.0], &[1.0, 2.0], &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        "drift option `alpha` is 1.5: expected a number between 0 and 1"
    );
    assert!(DriftOptions::default().validate().is_ok());
}

#[test]
fn test_words_round_trip_and_unknown_words_say_the_choices() {
    for test in DriftTest::ALL {
        assert_eq!(DriftTest::from_word(test.word()).unwrap(), test);
        let json = serde_json::to_string(&test).unwrap();
        assert_eq!(json, format!("\"{}\"", test.word()));
    }
    assert_eq!(
        DriftTest::from_word(" KS ").unwrap(),
        DriftTest::KolmogorovSmirnov
    );
    let err = DriftTest::from_word("anova").unwrap_err();
    assert!(
        err.to_string()
            .contains("meanshift, welch, ks, psi or evidently"),
        "{err}"
    );
}

#[test]
fn infinite_statistics_travel_as_words_in_json_and_come_back() {
    let d = drift(&[1.0; 30], &[2.0; 30]);
    assert_eq!(d.welch.statistic, f64::NEG_INFINITY);
    let json = serde_json::to_string(&d).unwrap();
    assert!(!json.contains("null"), "{json}");
    assert!(json.contains("\"statistic\":\"-Infinity\""), "{json}");
    let back: FeatureDrift = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
}

#[test]
fn dataset_drift_counts_evidently_outcomes_against_the_share() {
    let same: Vec<f64> = (0..200).map(|i| f64::from(i) / 10.0).collect();
    let moved: Vec<f64> = same.iter().map(|v| v + 50.0).collect();
    let features = vec![drift(&same, &same), drift(&same, &moved)];
    let options = DriftOptions::default();
    let report = dataset_drift(features.clone(), &options);
    assert_eq!(report.drifted_share, 0.5);
    assert!(report.dataset_drift, "half the features is enough (≥ 0.5)");
    assert_eq!(report.share_drifted(DriftTest::KolmogorovSmirnov), 0.5);
    let strict = DriftOptions {
        dataset_drift_share: 0.6,
        ..options
    };
    assert!(!dataset_drift(features, &strict).dataset_drift);
    let empty = dataset_drift(Vec::new(), &options);
    assert_eq!((empty.drifted_share, empty.dataset_drift), (0.0, false));
}

#[test]
fn histogram_of_one_value_spans_it_plus_minus_a_half() {
    let s = Sample::new("mode", "reference", &[1.0, 1.0]).unwrap();
    let pair = histogram_pair(&s, &s, 4);
    assert_eq!(pair.edges, vec![0.5, 0.75, 1.0, 1.25, 1.5]);
    assert_eq!(pair.reference_counts, vec![0, 0, 2, 0]);
    assert_eq!(pair.current_shares, vec![0.0, 0.0, 1.0, 0.0]);
}

/// P(D ≥ d) by counting every lattice path from (0, 0) to (n1, n2) that leaves the band.
fn brute_force_p(n1: usize, n2: usize, d: f64) -> f64 {
    let leaves =
        |i: usize, j: usize| (i as f64 / n1 as f64 - j as f64 / n2 as f64).abs() >= d - 1e-12;
    // inside[i][j]: paths to (i, j) that stayed inside so far.
    let mut inside = vec![vec![0.0_f64; n2 + 1]; n1 + 1];
    let mut all = vec![vec![0.0_f64; n2 + 1]; n1 + 1];
    for i in 0..=n1 {
        for j in 0..=n2 {
            if i == 0 && j == 0 {
                all[0][0] = 1.0;
                inside[0][0] = 1.0;
                continue;
            }
            let from = |m: &Vec<Vec<f64>>| {
                (if i > 0 { m[i - 1][j] } else { 0.0 }) + (if j > 0 { m[i][j - 1] } else { 0.0 })
            };
            all[i][j] = from(&all);
            inside[i][j] = if leaves(i, j) { 0.0 } else { from(&inside) };
        }
    }
    1.0 - inside[n1][n2] / all[n1][n2]
}

#[test]
fn exact_ks_p_values_equal_a_brute_force_count_of_lattice_paths() {
    for (n1, n2) in [(6, 6), (5, 8), (8, 5), (7, 10), (9, 12), (12, 12), (4, 11)] {
        // Samples whose ECDF gap is any multiple of 1/lcm: move the current sample.
        let reference: Vec<f64> = (0..n1).map(|i| i as f64 / n1 as f64).collect();
        for shift in 0..=20 {
            let current: Vec<f64> = (0..n2)
                .map(|j| j as f64 / n2 as f64 + f64::from(shift) * 0.037)
                .collect();
            let r = Sample::new("x", "reference", &reference).unwrap();
            let c = Sample::new("x", "current", &current).unwrap();
            let ks = ks_two_sample(&r, &c);
            assert!(ks.exact);
            let want = brute_force_p(n1, n2, ks.statistic);
            assert!(
                (ks.p_value - want).abs() <= 1e-12,
                "n = ({n1}, {n2}), d = {}: ours {}, brute force {want}",
                ks.statistic,
                ks.p_value
            );
        }
    }
}

/// Both sums round each term's logarithm (up to ~n in size) at ~n·ε, so they can differ by
/// ~1e-10 at n = 10⁶; a dropped term would show far above that.
#[test]
fn smirnov_window_agrees_with_the_whole_sum() {
    use super::smirnov::{full_sum_sf, smirnov_sf};
    for n in [5_000_u64, 60_000, 195_652, 900_000] {
        for nd2 in [2.2, 5.0, 20.0, 90.0, 300.0] {
            let x = (nd2 / n as f64).sqrt();
            let (ours, whole) = (smirnov_sf(n, x), full_sum_sf(n, x));
            assert!(
                (ours - whole).abs() <= 1e-10 * whole,
                "n = {n}, x = {x}: window {ours:e}, whole {whole:e}"
            );
        }
    }
}
