use super::*;

/// 1000 rows: class 0 on 600 of them, class 1 on 300, class 2 on 100, interleaved.
fn labels() -> Vec<u32> {
    (0..1000_u32)
        .map(|i| match i % 10 {
            0..=5 => 0,
            6..=8 => 1,
            _ => 2,
        })
        .collect()
}

fn count(indices: &[usize], y: &[u32], class: u32) -> usize {
    indices.iter().filter(|&&i| y[i] == class).count()
}

fn course() -> SplitSpec {
    SplitSpec::default()
}

#[test]
fn course_split_tests_on_the_last_rows_and_validates_on_a_fifth_of_the_rest() {
    let y = labels();
    let parts = split(&y, &course(), 42).unwrap();
    // sklearn: test = ceil(0.2 · 1000) = 200 last rows; validation = ceil(0.2 · 800) = 160.
    assert_eq!(parts.test, (800..1000).collect::<Vec<_>>());
    assert_eq!(parts.validation.len(), 160);
    assert_eq!(parts.train.len(), 640);
    // Stratified: the rest holds 480/240/80 of the classes, so 96/48/16 are drawn.
    assert_eq!(count(&parts.validation, &y, 0), 96);
    assert_eq!(count(&parts.validation, &y, 1), 48);
    assert_eq!(count(&parts.validation, &y, 2), 16);
}

#[test]
fn parts_do_not_overlap_cover_every_row_and_keep_table_order() {
    let y = labels();
    for method in [SplitMethod::Course, SplitMethod::Shuffled] {
        let spec = SplitSpec { method, ..course() };
        let parts = split(&y, &spec, 7).unwrap();
        let mut all: Vec<usize> = [&parts.train, &parts.validation, &parts.test]
            .into_iter()
            .flatten()
            .copied()
            .collect();
        for part in [&parts.train, &parts.validation, &parts.test] {
            assert!(
                part.windows(2).all(|w| w[0] < w[1]),
                "{method:?} not ascending"
            );
        }
        all.sort_unstable();
        assert_eq!(all, (0..1000).collect::<Vec<_>>(), "{method:?}");
    }
}

#[test]
fn shuffled_split_stratifies_the_test_part_too() {
    let y = labels();
    let spec = SplitSpec {
        method: SplitMethod::Shuffled,
        test_ratio: 0.25,
        validation_ratio: 0.1,
    };
    let parts = split(&y, &spec, 1).unwrap();
    assert_eq!(parts.test.len(), 250);
    assert_eq!(count(&parts.test, &y, 0), 150);
    assert_eq!(count(&parts.test, &y, 1), 75);
    assert_eq!(count(&parts.test, &y, 2), 25);
    // ceil(0.1 · 750) = 75 of 450/225/75: 45/22.5/7.5 → the larger class takes the tie.
    assert_eq!(parts.validation.len(), 75);
    assert_eq!(count(&parts.validation, &y, 0), 45);
    assert_eq!(count(&parts.validation, &y, 1), 23);
    assert_eq!(count(&parts.validation, &y, 2), 7);
}

#[test]
fn split_is_deterministic_for_a_seed_and_differs_between_seeds() {
    let y = labels();
    let a = split(&y, &course(), 3).unwrap();
    let b = split(&y, &course(), 3).unwrap();
    let c = split(&y, &course(), 4).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.validation, c.validation);
    assert_eq!(a.test, c.test);
}

#[test]
fn a_class_with_one_row_stays_in_training() {
    // Class 1 has one row in the rest; class 0 fills the draw.
    let mut y = vec![0_u32; 20];
    y[3] = 1;
    let parts = split(&y, &course(), 0).unwrap();
    assert!(parts.train.contains(&3));
    assert_eq!(parts.validation.len(), 4); // ceil(0.2 · 16)
}

#[test]
fn too_few_rows_say_how_many_there_are() {
    let error = split(&[0, 1], &course(), 0).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("only 2 rows"), "{message}");
    let empty = split(&[], &course(), 0).unwrap_err();
    assert!(empty.to_string().contains("only 0 rows"), "{empty}");
    let bad = SplitSpec {
        test_ratio: 1.5,
        ..course()
    };
    let error = split(&[0; 10], &bad, 0).unwrap_err();
    assert!(error.to_string().contains("test_ratio"), "{error}");
}

#[test]
fn quotas_follow_largest_remainders() {
    // 7 of 3/3/4 rows: exact 2.1/2.1/2.8 → floors 2/2/2, the 0.8 remainder takes the last.
    assert_eq!(allocate(&[3, 3, 4], 7), vec![2, 2, 3]);
    // A single-row class keeps its row; the others take its share.
    assert_eq!(allocate(&[1, 5, 5], 5), vec![0, 3, 2]);
}
