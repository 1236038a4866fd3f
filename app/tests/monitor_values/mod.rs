//! The monitoring cells' outputs as the engine would send them, built as values (the app
//! builds the core without its engine): drift of three course features between a model's
//! training rows and a later chart export, a model's fairness across `is_explicit`, and why
//! a song gets its P(France); and a notebook that trains a model above new monitoring cells.
//! Shared by the `monitor_*.rs` test modules.

use jukebox_core::countries::COUNTRIES;
use jukebox_core::course::FEATURES;
use jukebox_core::explain::explain_cell::{ExplainOutput, GlobalExplanation};
use jukebox_core::explain::{
    Change, Counterfactual, GlobalImportance, Goal, Importance, PermutationImportance, ShapMethod,
    ShapValues, Target,
};
use jukebox_core::monitor::drift::{DatasetDrift, DriftTest, FeatureDrift, TestOutcome};
use jukebox_core::monitor::drift_cell::{
    DriftOutput, DriftOverTime, FeatureHistogram, HISTOGRAM_BINS,
};
use jukebox_core::monitor::fairness::{
    ClassFairness, FairnessBounds, FairnessReport, FairnessWarning, Favourable, Group, GroupRate,
};
use jukebox_core::monitor::fairness_cell::FairnessOutput;
use jukebox_core::notebook::{Cell, CellSpec, NOTEBOOK_VERSION, NewCell, Notebook, Source};
use jukebox_core::train::{EvalSplit, TrainSpec};

/// A notebook that loads `charts_2024` and trains `course_network` on it, then a new cell
/// of each `kinds` (the notebook's defaults for its place), ids from 3.
pub fn course_notebook(kinds: &[NewCell]) -> Vec<Cell> {
    let mut cells = vec![
        Cell::new(
            1,
            CellSpec::Source {
                source: Source::Url {
                    name: "charts_2024".into(),
                    url: String::new(),
                },
            },
        ),
        Cell::new(
            2,
            CellSpec::Train {
                input: "charts_2024".into(),
                spec: TrainSpec::default(),
                output: "course_network".into(),
            },
        ),
    ];
    for &kind in kinds {
        let above = Notebook {
            version: NOTEBOOK_VERSION,
            title: "monitoring".into(),
            cells: cells.clone(),
        };
        let spec = above.new_cell(kind, cells.len());
        cells.push(Cell::new(u64::try_from(cells.len()).unwrap() + 1, spec));
    }
    cells
}

/// The significance level of the drift outputs here (the cell's default).
pub const ALPHA: f64 = 0.05;

fn p_test(method: &str, statistic: f64, p_value: f64) -> TestOutcome {
    TestOutcome {
        statistic,
        p_value: Some(p_value),
        threshold: ALPHA,
        drifted: p_value <= ALPHA,
        method: method.into(),
    }
}

fn distance(method: &str, statistic: f64, threshold: f64) -> TestOutcome {
    TestOutcome {
        statistic,
        p_value: None,
        threshold,
        drifted: statistic >= threshold,
        method: method.into(),
    }
}

/// One feature's five tests: `(t, p)` of `MeanShift` and Welch, `(D, p)` of KS, the PSI and
/// Evidently's normed Wasserstein distance (its rule for numeric columns past 1,000 rows).
struct Tests {
    means: (f64, f64),
    meanshift: (f64, f64),
    welch: (f64, f64),
    ks: (f64, f64),
    psi: f64,
    wasserstein: f64,
}

fn feature(name: &str, tests: &Tests) -> FeatureDrift {
    FeatureDrift {
        feature: name.into(),
        n_reference: 5_000,
        n_current: 1_200,
        reference_mean: tests.means.0,
        current_mean: tests.means.1,
        meanshift: p_test("meanshift", tests.meanshift.0, tests.meanshift.1),
        welch: p_test("welch", tests.welch.0, tests.welch.1),
        ks: p_test("ks_asymptotic", tests.ks.0, tests.ks.1),
        psi: distance("psi", tests.psi, 0.2),
        evidently: distance("wasserstein", tests.wasserstein, 0.1),
    }
}

/// `tempo` drifted by every test (p ≈ 1e-12: the current songs are 6.5 BPM faster);
/// `energy` by none; `danceability` by Kolmogorov–Smirnov only (p 0.021: the shape moved,
/// not the mean).
pub fn drifted_features() -> Vec<FeatureDrift> {
    vec![
        feature(
            "tempo",
            &Tests {
                means: (119.84, 126.31),
                meanshift: (7.12, 1.2e-12),
                welch: (6.97, 4.1e-12),
                ks: (0.112, 3.1e-11),
                psi: 0.241,
                wasserstein: 0.134,
            },
        ),
        feature(
            "energy",
            &Tests {
                means: (0.652, 0.649),
                meanshift: (0.84, 0.401),
                welch: (0.83, 0.407),
                ks: (0.021, 0.772),
                psi: 0.012,
                wasserstein: 0.018,
            },
        ),
        feature(
            "danceability",
            &Tests {
                means: (0.681, 0.676),
                meanshift: (0.98, 0.327),
                welch: (1.01, 0.313),
                ks: (0.047, 0.021),
                psi: 0.061,
                wasserstein: 0.052,
            },
        ),
    ]
}

/// Shares of a bell centred on bin `centre` over the cell's 30 bins (they sum to 1).
fn bell(centre: f64) -> Vec<f64> {
    let raw: Vec<f64> = (0..HISTOGRAM_BINS)
        .map(|i| (-((f64::from(u8::try_from(i).unwrap()) - centre) / 5.0).powi(2)).exp())
        .collect();
    let total: f64 = raw.iter().sum();
    raw.iter().map(|v| v / total).collect()
}

fn histogram(feature: &FeatureDrift, lo: f64, hi: f64, shift_bins: f64) -> FeatureHistogram {
    let width = (hi - lo) / f64::from(u8::try_from(HISTOGRAM_BINS).unwrap());
    FeatureHistogram {
        feature: feature.feature.clone(),
        edges: (0..=HISTOGRAM_BINS)
            .map(|i| lo + width * f64::from(u8::try_from(i).unwrap()))
            .collect(),
        reference: bell(15.0),
        current: bell(15.0 + shift_bins),
    }
}

/// A Drift cell's output for `features` (of [`drifted_features`]) alerting on `test`, with
/// no date column in the current rows (no drift over time).
pub fn drift_output(features: Vec<FeatureDrift>, test: DriftTest) -> DriftOutput {
    let histograms = features
        .iter()
        .map(|f| match f.feature.as_str() {
            "tempo" => histogram(f, 60.0, 200.0, 1.4),
            _ => histogram(f, 0.0, 1.0, 0.1),
        })
        .collect();
    let evidently = features.iter().filter(|f| f.evidently.drifted).count();
    #[allow(clippy::cast_precision_loss)] // three features
    let drifted_share = evidently as f64 / features.len() as f64;
    DriftOutput {
        reference_label: "training rows of `course_network`".into(),
        current_label: "`charts_2025`".into(),
        n_reference: 5_000,
        n_current: 1_200,
        test,
        alpha: ALPHA,
        report: DatasetDrift {
            features,
            drifted_share,
            dataset_drift: drifted_share >= 0.5,
        },
        histograms,
        over_time: None,
    }
}

/// `MeanShift` per week of `snapshot_date` over three weeks: `tempo`'s p falls below α in
/// the third week; the second week of `energy` is too small to test.
pub fn over_time() -> DriftOverTime {
    DriftOverTime {
        test: DriftTest::MeanShift,
        date_column: "snapshot_date".into(),
        weeks: vec![
            "2025-01-06".into(),
            "2025-01-13".into(),
            "2025-01-20".into(),
        ],
        rows: vec![410, 395, 395],
        series: vec![
            ("tempo".into(), vec![Some(0.31), Some(0.08), Some(2.4e-9)]),
            ("energy".into(), vec![Some(0.52), None, Some(0.44)]),
        ],
        threshold: ALPHA,
        lower_is_drift: true,
    }
}

/// Rows of the test part: 4,210 with `is_explicit` = 1 (privileged), 18,960 without.
pub const PRIVILEGED_ROWS: usize = 4_210;
pub const OTHER_ROWS: usize = 18_960;

/// A class whose top prediction goes to `favourable` privileged rows and `others` other
/// rows, measured as the core does (`TrustyAI`'s direction: others minus privileged).
fn class_fairness(label: &str, counts: (usize, usize), rows: (usize, usize)) -> ClassFairness {
    let bounds = FairnessBounds::default();
    #[allow(clippy::cast_precision_loss)] // row counts
    let rate = |favourable: usize, rows: usize| GroupRate {
        rows,
        favourable,
        rate: favourable as f64 / rows as f64,
    };
    let (privileged, unprivileged) = (rate(counts.0, rows.0), rate(counts.1, rows.1));
    let spd = unprivileged.rate - privileged.rate;
    let dir = (privileged.favourable > 0).then(|| unprivileged.rate / privileged.rate);
    let (spd_outside, dir_outside) = (
        bounds.spd_outside(spd),
        bounds.dir_outside(dir, unprivileged.favourable > 0),
    );
    ClassFairness {
        class: COUNTRIES.iter().position(|c| c.code == label).unwrap(),
        label: label.into(),
        privileged,
        unprivileged,
        spd,
        dir,
        spd_outside,
        dir_outside,
        violation: spd_outside || dir_outside,
    }
}

/// Five countries, the largest |SPD| first as the core sorts them: the United States
/// (SPD −0.107, DIR 0.55), Brazil (DIR 2.2) and France (DIR 0.61) outside the bounds,
/// Germany fair, Japan never predicted (DIR undefined, fair).
pub fn fairness_classes(rows: (usize, usize)) -> Vec<ClassFairness> {
    let scale = |n: usize, of: usize, group_rows: usize| n * group_rows / of;
    [
        ("US", 1_011, 2_520),
        ("BR", 130, 1_290),
        ("FR", 219, 597),
        ("DE", 160, 700),
        ("JP", 0, 0),
    ]
    .into_iter()
    .map(|(label, privileged, others)| {
        let counts = (
            scale(privileged, PRIVILEGED_ROWS, rows.0),
            scale(others, OTHER_ROWS, rows.1),
        );
        class_fairness(label, counts, rows)
    })
    .collect()
}

/// The core's sentence for a group under the bounds' 30 rows.
fn small_group(group: Group, rows: usize) -> FairnessWarning {
    #[allow(clippy::cast_precision_loss)] // row counts
    let points = 100.0 / rows as f64;
    FairnessWarning {
        group,
        rows,
        min_rows: 30,
        message: format!(
            "the {group} group has only {rows} rows (fewer than 30): one row more or less \
             moves its rate by {points:.1} points, so SPD and DIR may flag or miss bias by \
             chance. Monitor a larger sample"
        ),
    }
}

/// `course_network`'s fairness across `is_explicit` (1 privileged) on `rows` of the test
/// part, headlining `country` (empty: none).
pub fn fairness_output(country: &str, rows: (usize, usize)) -> FairnessOutput {
    let warnings = [(Group::Privileged, rows.0), (Group::Unprivileged, rows.1)]
        .into_iter()
        .filter(|&(_, n)| n < 30)
        .map(|(group, n)| small_group(group, n))
        .collect();
    FairnessOutput {
        model: "course_network".into(),
        on: EvalSplit::Test,
        attribute: "is_explicit".into(),
        privileged: 1.0,
        country: country.into(),
        report: FairnessReport {
            favourable: Favourable::TopClass,
            bounds: FairnessBounds::default(),
            privileged_rows: rows.0,
            unprivileged_rows: rows.1,
            warnings,
            classes: fairness_classes(rows),
        },
    }
}

/// "Espresso" (Sabrina Carpenter)'s features, in the course's model order.
pub const ESPRESSO: [f64; 13] = [
    1.0, 175_459.0, 0.701, 0.76, 0.0, -5.478, 1.0, 0.0285, 0.107, 6.58e-5, 0.185, 0.69, 103.969,
];

/// SHAP values of P(France) for [`ESPRESSO`]: speechiness pulls it down most, danceability
/// up most; `mode` does nothing.
pub const SHAP: [f64; 13] = [
    0.0061, -0.0023, 0.0112, -0.0009, 0.0002, -0.0041, 0.0, -0.0137, 0.0018, 0.0001, -0.0004,
    0.0026, -0.0016,
];

/// Mean P(France) over the 100 background rows.
pub const BASE_VALUE: f64 = 0.0187;

/// Index of `code` among the 72 classes.
pub fn class_of(code: &str) -> usize {
    COUNTRIES.iter().position(|c| c.code == code).unwrap()
}

/// The counterfactual for France: danceability up, speechiness up, valence down make it the
/// top country (P 14.3 %); `found` false: the search ran out of its 4,000 rows at P 6.1 %.
pub fn counterfactual(prediction: f64, found: bool) -> Counterfactual {
    let mut after = ESPRESSO.to_vec();
    after[2] = 0.82;
    after[7] = 0.19;
    after[11] = 0.41;
    Counterfactual {
        goal: Goal {
            class: class_of("FR"),
            target: Target::TopClass,
        },
        before: ESPRESSO.to_vec(),
        probability_before: prediction,
        change: found.then(|| Change {
            after,
            probability_after: 0.143,
            distance: 1.37,
            changed: vec![2, 7, 11],
        }),
        closest_probability: if found { 0.143 } else { 0.061 },
        steps: if found { 3_120 } else { 4_000 },
        max_steps: 4_000,
    }
}

/// Permutation importance on 2,000 test rows (shuffling `mode` helps a little: −0.0005)
/// and mean |SHAP| of P(France) over 10 test rows.
pub fn global() -> GlobalExplanation {
    let drops = [
        0.012, 0.018, 0.031, 0.009, 0.001, 0.024, -0.0005, 0.027, 0.015, 0.004, 0.002, 0.011, 0.006,
    ];
    let mean_abs = [
        0.0042, 0.0031, 0.0098, 0.0017, 0.0004, 0.0036, 0.0001, 0.0089, 0.0022, 0.0005, 0.0006,
        0.0029, 0.0013,
    ];
    GlobalExplanation {
        permutation: PermutationImportance {
            baseline_accuracy: 0.214,
            features: drops
                .iter()
                .map(|&mean| Importance {
                    mean,
                    std: 0.002,
                    drops: vec![mean - 0.002, mean, mean + 0.002, mean, mean],
                })
                .collect(),
        },
        permutation_rows: 2_000,
        mean_abs_shap: GlobalImportance {
            class: class_of("FR"),
            mean_abs: mean_abs.to_vec(),
            n_rows: 10,
            kernel_rows: 0,
        },
    }
}

/// Why "Espresso" gets its P(France): exact SHAP over 100 background rows (the prediction
/// is the base value plus their sum, as the core's additivity guarantees).
pub fn explain_output(counterfactual_found: bool, with_global: bool) -> ExplainOutput {
    let prediction = BASE_VALUE + SHAP.iter().sum::<f64>();
    ExplainOutput {
        model: "course_network".into(),
        label: "Espresso — Sabrina Carpenter".into(),
        country: "FR".into(),
        features: FEATURES.iter().map(ToString::to_string).collect(),
        values: ESPRESSO.to_vec(),
        shap: ShapValues {
            class: class_of("FR"),
            values: SHAP.to_vec(),
            base_value: BASE_VALUE,
            prediction,
            method: ShapMethod::Exact,
            model_rows: 100 * 8_192,
            background_rows: 100,
        },
        counterfactual: counterfactual(prediction, counterfactual_found),
        global: with_global.then(global),
    }
}
