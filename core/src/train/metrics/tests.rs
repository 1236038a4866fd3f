use super::*;

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-15
}

fn labels(n: usize) -> Vec<String> {
    (0..n).map(|c| format!("c{c}")).collect()
}

#[test]
fn ties_predict_the_lowest_column_and_rank_the_higher_column_first_in_top_k() {
    // Six classes all tied: argmax is column 0; the top 5 by scikit-learn's reversed stable
    // argsort are columns 5..1, so class 0 is outside them.
    let proba = Matrix::from_vec(2, 6, vec![0.5; 12]).unwrap();
    let ev = evaluate(&[0, 1], &proba, &labels(6), 0);
    assert_eq!(ev.confusion[0][0], 1);
    assert_eq!(ev.confusion[1][0], 1);
    assert!(near(ev.accuracy, 0.5));
    assert!(near(ev.top5_accuracy, 0.5));
}

#[test]
fn top_k_is_clipped_to_the_number_of_classes() {
    let proba = Matrix::from_vec(2, 3, vec![0.9, 0.05, 0.05, 0.1, 0.2, 0.7]).unwrap();
    let ev = evaluate(&[2, 0], &proba, &labels(3), 1);
    assert!(near(ev.top5_accuracy, 1.0));
    assert!(near(ev.accuracy, 0.0));
    assert!(near(ev.majority_accuracy, 0.0));
    assert!(near(ev.chance_accuracy, 1.0 / 3.0));
}

#[test]
fn unseen_and_unpredicted_classes_score_zero_without_dividing_by_zero() {
    // Class 2 is never true nor predicted; class 1 is never predicted.
    let proba = Matrix::from_vec(3, 3, vec![0.8, 0.1, 0.1, 0.6, 0.3, 0.1, 0.7, 0.2, 0.1]).unwrap();
    let ev = evaluate(&[0, 1, 0], &proba, &labels(3), 0);
    let c1 = &ev.per_class[1];
    let c2 = &ev.per_class[2];
    assert_eq!(
        (c1.precision, c1.recall, c1.f1, c1.support),
        (0.0, 0.0, 0.0, 1)
    );
    assert_eq!(
        (c2.precision, c2.recall, c2.f1, c2.support),
        (0.0, 0.0, 0.0, 0)
    );
    // Class 0: precision 2/3, recall 1, F1 0.8; macro divides by all three classes.
    assert!(near(ev.macro_avg.f1, 0.8 / 3.0));
    assert!(near(ev.weighted_avg.recall, 2.0 / 3.0));
}

#[test]
fn no_rows_give_zero_scores_not_nan() {
    let ev = evaluate(&[], &Matrix::zeros(0, 4), &labels(4), 0);
    assert_eq!(ev.n_rows, 0);
    for score in [
        ev.accuracy,
        ev.top5_accuracy,
        ev.majority_accuracy,
        ev.macro_avg.f1,
    ] {
        assert!(near(score, 0.0), "{score}");
    }
    assert!(near(ev.weighted_avg.precision, 0.0));
}

#[test]
fn labels_outside_the_classes_are_misses_and_narrow_matrices_do_not_panic() {
    let proba = Matrix::from_vec(2, 1, vec![1.0, 1.0]).unwrap();
    let ev = evaluate(&[0, 7], &proba, &labels(2), 0);
    assert!(near(ev.accuracy, 0.5));
    assert_eq!(ev.confusion, vec![vec![1, 0], vec![0, 0]]);
}
