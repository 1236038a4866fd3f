use super::*;

/// Two classes; `rows` are `(privileged, p_class0)`.
fn two_classes(rows: &[(bool, f32)]) -> (Matrix, Vec<bool>) {
    let data = rows.iter().flat_map(|&(_, p)| [p, 1.0 - p]).collect();
    let proba = Matrix::from_vec(rows.len(), 2, data).unwrap();
    (proba, rows.iter().map(|&(g, _)| g).collect())
}

fn labels() -> Vec<String> {
    vec!["hit".into(), "miss".into()]
}

#[test]
fn spd_and_dir_compare_the_unprivileged_group_with_the_privileged_one() {
    // Privileged: 4 of 4 rows predict class 0; unprivileged: 1 of 4.
    let (proba, groups) = two_classes(&[
        (true, 0.9),
        (true, 0.8),
        (true, 0.7),
        (true, 0.6),
        (false, 0.9),
        (false, 0.2),
        (false, 0.3),
        (false, 0.1),
    ]);
    let labels = labels();
    let grouped = GroupedPredictions::new(&proba, &labels, &groups).unwrap();
    let report = grouped
        .class(0, Favourable::TopClass, &FairnessBounds::default())
        .unwrap();
    let hit = &report.classes[0];
    assert_eq!(hit.label, "hit");
    assert_eq!(
        (hit.privileged.favourable, hit.unprivileged.favourable),
        (4, 1)
    );
    assert!((hit.spd - (0.25 - 1.0)).abs() < 1e-15);
    assert_eq!(hit.dir, Some(0.25));
    assert!(hit.spd_outside && hit.dir_outside && hit.violation);
    assert!(report.has_violation());
}

#[test]
fn a_probability_equal_to_the_threshold_is_favourable() {
    let (proba, groups) = two_classes(&[(true, 0.25), (true, 0.2), (false, 0.25), (false, 0.75)]);
    let labels = labels();
    let grouped = GroupedPredictions::new(&proba, &labels, &groups).unwrap();
    let at_least = Favourable::AtLeast { threshold: 0.25 };
    let report = grouped
        .class(0, at_least, &FairnessBounds::default())
        .unwrap();
    assert_eq!(report.classes[0].privileged.favourable, 1);
    assert_eq!(report.classes[0].unprivileged.favourable, 2);
}

#[test]
fn ties_make_the_first_class_the_top_prediction() {
    let (proba, groups) = two_classes(&[(true, 0.5), (false, 0.5)]);
    let labels = labels();
    let grouped = GroupedPredictions::new(&proba, &labels, &groups).unwrap();
    let report = grouped
        .all_classes(Favourable::TopClass, &FairnessBounds::default())
        .unwrap();
    let hit = report.classes.iter().find(|c| c.class == 0).unwrap();
    assert_eq!(
        (hit.privileged.favourable, hit.unprivileged.favourable),
        (1, 1)
    );
}

#[test]
fn dir_is_undefined_when_no_privileged_row_is_favoured() {
    // Class 1 ("miss") is never the top prediction of a privileged row.
    let (proba, groups) = two_classes(&[(true, 0.9), (true, 0.8), (false, 0.9), (false, 0.1)]);
    let labels = labels();
    let grouped = GroupedPredictions::new(&proba, &labels, &groups).unwrap();
    let bounds = FairnessBounds::default();
    let miss = &grouped
        .class(1, Favourable::TopClass, &bounds)
        .unwrap()
        .classes[0];
    assert_eq!(miss.dir, None);
    assert!(miss.dir_outside, "an infinite ratio is outside the band");
    // Threshold above every probability: nobody is favoured, 0/0 is no violation.
    let none = grouped
        .class(1, Favourable::AtLeast { threshold: 1.0 }, &bounds)
        .unwrap();
    assert_eq!(none.classes[0].dir, None);
    assert!(!none.classes[0].violation);
}

#[test]
fn the_table_is_sorted_by_absolute_spd() {
    let (proba, groups) = two_classes(&[(true, 0.9), (true, 0.8), (false, 0.9), (false, 0.1)]);
    let labels = labels();
    let grouped = GroupedPredictions::new(&proba, &labels, &groups).unwrap();
    let report = grouped
        .all_classes(
            Favourable::AtLeast { threshold: 0.85 },
            &FairnessBounds::default(),
        )
        .unwrap();
    // Class 0: 1/2 vs 1/2 → SPD 0; class 1: 0/2 vs 1/2 → SPD 0.5.
    let order: Vec<usize> = report.classes.iter().map(|c| c.class).collect();
    assert_eq!(order, [1, 0]);
    assert_eq!(
        report.violations().map(|c| c.class).collect::<Vec<_>>(),
        [1]
    );
}

#[test]
fn default_bounds_are_trustyais() {
    let b = FairnessBounds::default();
    assert_eq!(
        (b.spd_lower, b.spd_upper, b.dir_lower, b.dir_upper),
        (-0.1, 0.1, 0.8, 1.2)
    );
    assert_eq!(b.min_group_rows, 30);
    assert!(!b.spd_outside(0.1) && b.spd_outside(0.100_001) && b.spd_outside(-0.2));
    assert!(!b.dir_outside(Some(0.8), true) && b.dir_outside(Some(1.25), true));
}

#[test]
fn groups_under_the_minimum_size_are_warned_about_and_the_minimum_is_editable() {
    let (proba, groups) = two_classes(&[(true, 0.9), (false, 0.9), (false, 0.1)]);
    let labels = labels();
    let grouped = GroupedPredictions::new(&proba, &labels, &groups).unwrap();
    let report = grouped
        .all_classes(Favourable::TopClass, &FairnessBounds::default())
        .unwrap();
    let groups_warned: Vec<Group> = report.warnings.iter().map(|w| w.group).collect();
    assert_eq!(groups_warned, [Group::Privileged, Group::Unprivileged]);
    assert!(
        report.warnings[0]
            .message
            .contains("only 1 rows (fewer than 30)"),
        "{}",
        report.warnings[0].message
    );
    let lenient = FairnessBounds {
        min_group_rows: 1,
        ..FairnessBounds::default()
    };
    assert!(
        grouped
            .all_classes(Favourable::TopClass, &lenient)
            .unwrap()
            .warnings
            .is_empty()
    );
}

#[test]
fn an_empty_group_is_an_error_naming_it() {
    let (proba, groups) = two_classes(&[(true, 0.9), (true, 0.1)]);
    let labels = labels();
    let err = GroupedPredictions::new(&proba, &labels, &groups).unwrap_err();
    assert_eq!(
        err,
        FairnessError::EmptyGroup {
            group: Group::Unprivileged,
            rows: 2
        }
    );
    assert!(
        err.to_string()
            .starts_with("the unprivileged group has no rows (all 2 rows are privileged)"),
        "{err}"
    );
}

#[test]
fn mismatched_sizes_and_unknown_classes_are_errors() {
    let (proba, _) = two_classes(&[(true, 0.9), (false, 0.1)]);
    let labels = labels();
    let err = GroupedPredictions::new(&proba, &labels, &[true]).unwrap_err();
    assert_eq!(err, FairnessError::GroupLength { groups: 1, rows: 2 });
    let err = GroupedPredictions::new(&proba, &labels[..1], &[true, false]).unwrap_err();
    assert_eq!(
        err,
        FairnessError::LabelCount {
            labels: 1,
            classes: 2
        }
    );
    let grouped = GroupedPredictions::new(&proba, &labels, &[true, false]).unwrap();
    let err = grouped
        .class(2, Favourable::TopClass, &FairnessBounds::default())
        .unwrap_err();
    assert_eq!(
        err,
        FairnessError::UnknownClass {
            class: 2,
            classes: 2
        }
    );
}

#[test]
fn thresholds_outside_zero_to_one_and_bands_without_parity_are_refused() {
    let (proba, groups) = two_classes(&[(true, 0.9), (false, 0.1)]);
    let labels = labels();
    let grouped = GroupedPredictions::new(&proba, &labels, &groups).unwrap();
    let bounds = FairnessBounds::default();
    for threshold in [0.0, -0.5, 1.5, f64::NAN] {
        let err = grouped
            .all_classes(Favourable::AtLeast { threshold }, &bounds)
            .unwrap_err();
        assert!(
            matches!(err, FairnessError::Threshold { .. }),
            "{threshold}: {err}"
        );
    }
    for bad in [
        FairnessBounds {
            spd_lower: 0.05,
            ..bounds
        },
        FairnessBounds {
            dir_upper: 0.9,
            ..bounds
        },
        FairnessBounds {
            dir_lower: f64::NAN,
            ..bounds
        },
    ] {
        let err = grouped.all_classes(Favourable::TopClass, &bad).unwrap_err();
        assert!(
            matches!(err, FairnessError::Bounds { .. }),
            "{bad:?}: {err}"
        );
    }
}

#[test]
fn the_help_text_says_why_equality_with_a_probability_is_not_used() {
    assert!(FAVOURABLE_HELP.contains("== 0.5"));
    assert!(FAVOURABLE_HELP.contains("at least the threshold"));
}

#[test]
fn reports_round_trip_through_json() {
    let (proba, groups) = two_classes(&[(true, 0.9), (false, 0.9), (false, 0.1)]);
    let labels = labels();
    let grouped = GroupedPredictions::new(&proba, &labels, &groups).unwrap();
    let report = grouped
        .all_classes(
            Favourable::AtLeast { threshold: 0.5 },
            &FairnessBounds::default(),
        )
        .unwrap();
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["favourable"],
        serde_json::json!({"kind": "at_least", "threshold": 0.5})
    );
    assert_eq!(json["warnings"][0]["group"], "privileged");
    let back: FairnessReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}
