//! Filters, sorts, comparisons, values in words, tags and scores of runs built like the Runs
//! page's tests build them (`fixtures`); the comparison table is an `insta` snapshot. The
//! words, durations and hyper-parameter tests moved here from the browser tests
//! (`app/tests/runs.rs`).

use std::fmt::Write as _;

use super::compare::{CompareRow, RowGroup, compare_rows, hyper_parameters};
use super::fixtures::{T0_MS, three_runs, two_differing_runs};
use super::format::{bytes, date_time, duration, epochs_or_trees, short_sha};
use super::query::{RunFilter, RunSort, SortKey, choices, dataset_versions, filter, sort};
use super::*;
use crate::train::{ForestParams, ModelSpec, TrainSpec};

fn ids(runs: &[&RunRecord]) -> Vec<String> {
    runs.iter().map(|r| r.id.clone()).collect()
}

fn sorted(runs: &[RunRecord], order: RunSort) -> Vec<String> {
    let mut rows = filter(runs, &RunFilter::default());
    sort(&mut rows, order);
    ids(&rows)
}

#[test]
fn runs_sort_newest_first_then_by_a_clicked_column_either_way() {
    let runs = three_runs();
    assert_eq!(
        sorted(&runs, RunSort::default()),
        ["run-b", "run-c", "run-a"]
    );
    // Test accuracies: b 158/198, a 131/198, c 99/198.
    let by_test = RunSort::default().clicked(SortKey::TestAccuracy);
    assert!(by_test.descending);
    assert_eq!(sorted(&runs, by_test), ["run-b", "run-a", "run-c"]);
    assert_eq!(
        sorted(&runs, by_test.clicked(SortKey::TestAccuracy)),
        ["run-c", "run-a", "run-b"]
    );
    let by_duration = by_test.clicked(SortKey::Duration);
    assert_eq!(sorted(&runs, by_duration), ["run-b", "run-a", "run-c"]);
    // A→Z: "Dense network" before "Random forest"; equal names keep newest first.
    let by_model = by_duration.clicked(SortKey::Model);
    assert!(!by_model.descending);
    assert_eq!(sorted(&runs, by_model), ["run-b", "run-a", "run-c"]);
}

#[test]
fn a_run_without_a_score_sorts_last_either_way() {
    let mut runs = three_runs();
    runs[1].evaluation = None;
    let by_f1 = RunSort {
        key: SortKey::MacroF1,
        descending: true,
    };
    assert_eq!(sorted(&runs, by_f1), ["run-a", "run-c", "run-b"]);
    let ascending = RunSort {
        descending: false,
        ..by_f1
    };
    assert_eq!(sorted(&runs, ascending), ["run-c", "run-a", "run-b"]);
}

#[test]
fn text_model_tag_status_accuracy_and_date_filters_narrow_the_runs() {
    let runs = three_runs();
    let only = |f: RunFilter| ids(&filter(&runs, &f));
    let text = |t: &str| RunFilter {
        text: t.into(),
        ..RunFilter::default()
    };
    assert_eq!(only(text("Forest")), ["run-c"]);
    assert_eq!(
        only(text("next deeper")),
        ["run-c"],
        "words of the note, in any order"
    );
    // At least 60 %: a (66.2 %) and b (79.8 %); at most 70 %: a.
    let at_least = RunFilter {
        min_test_accuracy: Some(0.6),
        ..RunFilter::default()
    };
    assert_eq!(only(at_least.clone()), ["run-a", "run-b"]);
    assert_eq!(
        only(RunFilter {
            max_test_accuracy: Some(0.7),
            ..at_least
        }),
        ["run-a"]
    );
    assert_eq!(
        only(RunFilter {
            model: Some("Dense network".into()),
            ..RunFilter::default()
        }),
        ["run-a", "run-b"]
    );
    assert_eq!(
        only(RunFilter {
            tag: Some("forest".into()),
            ..RunFilter::default()
        }),
        ["run-c"]
    );
    assert!(
        only(RunFilter {
            status: Some(RunStatus::Cancelled),
            ..RunFilter::default()
        })
        .is_empty()
    );
    // Started from one hour after T0, before two hours after: run-c only.
    assert_eq!(
        only(RunFilter {
            started_from_ms: Some(T0_MS + 3_600_000.0),
            started_before_ms: Some(T0_MS + 7_200_000.0),
            ..RunFilter::default()
        }),
        ["run-c"]
    );
    let (models, tags) = choices(&runs);
    assert_eq!(models, ["Dense network", "Random forest"]);
    assert_eq!(tags, ["forest"]);
}

#[test]
fn date_time_is_printed_in_the_zone_given() {
    assert_eq!(date_time(T0_MS, 0.0), "2026-11-27 10:00");
    assert_eq!(date_time(T0_MS, 60.0), "2026-11-27 11:00");
    assert_eq!(date_time(T0_MS, -630.0), "2026-11-26 23:30");
    assert_eq!(date_time(f64::NAN, 0.0), "—");
}

#[test]
fn durations_and_sizes_read_as_people_say_them() {
    assert_eq!(duration(999.0), "999 ms");
    assert_eq!(duration(59_940.0), "59.9 s");
    assert_eq!(duration(245_000.0), "4 min 05 s");
    assert_eq!(duration(3_725_000.0), "1 h 02 min");
    assert_eq!(duration(-5.0), "—");
    assert_eq!(bytes(812), "812 B");
    assert_eq!(bytes(45_300), "45.3 kB");
    assert_eq!(short_sha("3f2a9c01d4e5b6a7"), "3f2a9c01d4e5");
    let runs = three_runs();
    assert_eq!(epochs_or_trees(&runs[0]), "2 epochs");
    assert_eq!(epochs_or_trees(&runs[2]), "50 trees");
}

#[test]
fn hyper_parameters_are_the_model_spec_fields_flattened() {
    let forest = TrainSpec {
        model: ModelSpec::RandomForest(ForestParams::default()),
        ..TrainSpec::default()
    };
    let params = hyper_parameters(&forest);
    assert!(params.contains(&("n_trees".to_string(), "50".to_string())));
    assert!(params.contains(&("max_features".to_string(), "none".to_string())));
    assert!(
        hyper_parameters(&TrainSpec {
            model: ModelSpec::GaussianNb,
            ..TrainSpec::default()
        })
        .is_empty()
    );
    // A forest next to a network: each one's parameters, "—" where a run has none.
    let runs = two_differing_runs();
    let mut c = runs[0].clone();
    c.report.spec = forest;
    let rows = compare_rows(&[&runs[0], &c]);
    let trees = rows.iter().find(|r| r.label == "n_trees").unwrap();
    assert_eq!(trees.values, ["—", "50"]);
    assert!(trees.differs);
}

#[test]
fn compare_marks_exactly_the_rows_whose_values_differ() {
    let runs = two_differing_runs();
    let rows = compare_rows(&[&runs[0], &runs[1]]);
    let differing: Vec<&str> = rows
        .iter()
        .filter(|r| r.differs)
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(
        differing,
        [
            "epochs",
            "Seed",
            "Validation accuracy",
            "Test accuracy",
            "Macro F1",
            "Weighted F1",
            "Duration",
            "Epochs / trees"
        ]
    );
}

/// The comparison as a reviewer reads it: one line per row, `*` where values differ.
fn table(rows: &[CompareRow], ids: &[&str]) -> String {
    let width = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!("  {:width$}  {}\n", "", ids.join(" | "));
    for row in rows {
        let group = match row.group {
            RowGroup::Settings => "S",
            RowGroup::Metrics => "M",
        };
        let mark = if row.differs { '*' } else { ' ' };
        let _ = writeln!(
            out,
            "{mark}{group} {:width$}  {}",
            row.label,
            row.values.join(" | ")
        );
    }
    out
}

#[test]
fn the_comparison_of_three_runs_reads_as_this_table() {
    let mut runs = two_differing_runs();
    runs.push(three_runs().remove(2));
    let picked: Vec<&RunRecord> = runs.iter().collect();
    let ids: Vec<&str> = runs.iter().map(|r| r.id.as_str()).collect();
    insta::assert_snapshot!(table(&compare_rows(&picked), &ids));
}

#[test]
fn tags_are_trimmed_deduplicated_and_never_empty() {
    assert_eq!(parse_tags(" fast , ,baseline, fast"), ["fast", "baseline"]);
    assert!(parse_tags(" , ").is_empty());
    assert_eq!(
        clean_tags(vec!["a".into(), " a ".into(), "b".into()]),
        ["a", "b"]
    );
}

#[test]
fn a_runs_metrics_are_named_once_in_order_with_their_groups() {
    let run = &three_runs()[0];
    let names: Vec<(&str, MetricGroup)> = metrics(run).iter().map(|m| (m.name, m.group)).collect();
    assert_eq!(
        names,
        [
            ("validation_accuracy", MetricGroup::Headline),
            ("test_accuracy", MetricGroup::Headline),
            ("test_top5_accuracy", MetricGroup::Headline),
            ("test_macro_precision", MetricGroup::Averages),
            ("test_macro_recall", MetricGroup::Averages),
            ("test_macro_f1", MetricGroup::Headline),
            ("test_weighted_precision", MetricGroup::Averages),
            ("test_weighted_recall", MetricGroup::Averages),
            ("test_weighted_f1", MetricGroup::Headline),
            ("test_chance_accuracy", MetricGroup::Baselines),
            ("test_majority_accuracy", MetricGroup::Baselines),
        ]
    );
    let mut unscored = run.clone();
    unscored.evaluation = None;
    unscored.report.test_accuracy = f64::NAN;
    let names: Vec<&str> = metrics(&unscored).iter().map(|m| m.name).collect();
    assert_eq!(names, ["validation_accuracy"], "NaN is left out");
    assert_eq!(test_accuracy(&unscored), None);
    assert_eq!(macro_f1(&unscored), None);
    assert_eq!(test_accuracy(run), Some(131.0 / 198.0));
}

#[test]
fn runs_filter_by_the_version_of_their_training_data() {
    let mut runs = three_runs();
    let fingerprint = |sha: &str| DatasetFingerprint {
        name: "charts".into(),
        origin: "file charts.parquet".into(),
        sha256: sha.into(),
        columns: Vec::new(),
        rows: 10,
    };
    for (run, sha) in
        runs.iter_mut()
            .zip(["aaaa1111bbbb2222", "cccc3333dddd4444", "aaaa1111bbbb2222"])
    {
        run.input = "charts".into();
        run.datasets = vec![fingerprint(sha)];
    }
    assert_eq!(runs[1].dataset_version(), Some("cccc3333dddd4444"));
    assert_eq!(dataset_versions(&runs), ["aaaa1111bbbb", "cccc3333dddd"]);
    let by_version = |v: &str| RunFilter {
        dataset_version: Some(v.into()),
        ..RunFilter::default()
    };
    assert_eq!(
        ids(&filter(&runs, &by_version("aaaa1111bbbb"))),
        ["run-a", "run-c"]
    );
    assert_eq!(ids(&filter(&runs, &by_version("cccc"))), ["run-b"]);
    assert!(filter(&runs, &by_version("ffff")).is_empty());
    // The search box finds the short hash too.
    let text = RunFilter {
        text: "cccc3333".into(),
        ..RunFilter::default()
    };
    assert_eq!(ids(&filter(&runs, &text)), ["run-b"]);
}
