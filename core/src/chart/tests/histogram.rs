use super::*;

fn spec(column: &str, bins: usize) -> ChartSpec {
    ChartSpec::Histogram {
        column: column.into(),
        bins,
    }
}

fn bins_of(chart: &Chart) -> (&[f64], &[u64], usize) {
    match &chart.data {
        ChartData::Histogram {
            edges,
            counts,
            n_missing,
        } => (edges, counts, *n_missing),
        other => panic!("not a histogram: {other:?}"),
    }
}

#[test]
fn histogram_bins_like_numpy_and_counts_nulls_and_nans_as_missing() {
    let values = [1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 4.0, 5.0].map(Some);
    let mut column = values.to_vec();
    column.extend([None, Some(f64::NAN)]);
    let df = frame(vec![floats("tempo", &column)]);
    let chart = chart(&spec("tempo", 4), &df);
    // numpy.histogram([1, 2, 2, 3, 4, 4, 4, 5], 4): 5 falls in the closed last bin.
    assert_eq!(
        bins_of(&chart),
        (&[1.0, 2.0, 3.0, 4.0, 5.0][..], &[1, 2, 1, 4][..], 2)
    );
    assert_eq!(chart.title, "Histogram of tempo");
    assert_eq!(
        (chart.x_label.as_str(), chart.y_label.as_str()),
        ("tempo", "count")
    );
}

#[test]
fn histogram_places_values_on_rounded_edges_like_numpy() {
    // numpy.histogram([0.0, 0.1, …, 1.0], 10): 0.3 and 0.7 sit just below their rounded
    // edges (0.30000000000000004, 0.7000000000000001) and fall in the bin below.
    let values: Vec<Option<f64>> = (0..=10).map(|i| Some(f64::from(i) / 10.0)).collect();
    let df = frame(vec![floats("x", &values)]);
    let chart = chart(&spec("x", 10), &df);
    let (edges, counts, _) = bins_of(&chart);
    assert_eq!(counts, [1, 1, 2, 0, 1, 2, 1, 0, 1, 2]);
    assert_eq!(edges[3], 0.300_000_000_000_000_04);
    assert_eq!(edges[10], 1.0);
}

#[test]
fn histogram_of_a_constant_column_spans_half_a_unit_each_side() {
    let df = frame(vec![Column::new("n".into(), [3_i64, 3, 3])]);
    // numpy.histogram([3, 3, 3], 2) -> edges [2.5, 3, 3.5], counts [0, 3].
    assert_eq!(
        bins_of(&chart(&spec("n", 2), &df)),
        (&[2.5, 3.0, 3.5][..], &[0, 3][..], 0)
    );
}

#[test]
fn histogram_of_true_false_counts_zeros_and_ones() {
    let df = frame(vec![Column::new(
        "is_explicit".into(),
        [true, false, true, true],
    )]);
    assert_eq!(
        bins_of(&chart(&spec("is_explicit", 2), &df)),
        (&[0.0, 0.5, 1.0][..], &[1, 3][..], 0)
    );
}

#[test]
fn histogram_of_text_says_it_needs_numbers() {
    let df = frame(vec![texts("name", &[Some("a"), Some("b")])]);
    assert_eq!(
        message(&spec("name", 5), &df),
        "column `name` is text; a histogram needs a numeric or true/false column"
    );
}

#[test]
fn histogram_rejects_zero_bins_missing_columns_infinities_and_all_null_columns() {
    let df = frame(vec![
        floats("x", &[Some(1.0), Some(f64::INFINITY)]),
        floats("empty", &[None, Some(f64::NAN)]),
    ]);
    assert!(message(&spec("x", 0), &df).contains("`bins` is 0; it must be at least 1"));
    assert_eq!(
        message(&spec("tempo", 5), &df),
        "the input table has no column `tempo`. Its columns: `x`, `empty`"
    );
    assert!(message(&spec("x", 5), &df).contains("infinite value (inf) at row 1"));
    assert!(message(&spec("empty", 5), &df).contains("all 2 rows are null"));
}

/// The course's files, in `../shared/data/` beside the checkout; `None` (with a note)
/// where they are not, so the tests run anywhere — but fail under CI (`crate::testdata`).
fn shared(name: &str) -> Option<Vec<u8>> {
    crate::testdata::shared_data(name)
}

#[test]
fn histogram_of_course_tempo_matches_numpy() {
    let Some(bytes) = shared("song_properties.parquet") else {
        return;
    };
    let df = crate::io::read_parquet("song_properties.parquet", &bytes).unwrap();
    let chart = chart(&spec("tempo", 30), &df);
    let (edges, counts, n_missing) = bins_of(&chart);
    // python3: c, e = numpy.histogram(pandas.read_parquet(
    //     "song_properties.parquet").tempo.dropna(), 30)   (numpy 2.4.6, pandas 3.1.1)
    let numpy_counts = [
        1, 0, 0, 0, 1, 1, 4, 18, 69, 421, 691, 1177, 1748, 1132, 1103, 1594, 1615, 1357, 945, 681,
        498, 504, 374, 122, 81, 79, 22, 5, 1, 1,
    ];
    assert_eq!(counts, numpy_counts);
    assert_eq!(n_missing, 0);
    assert_eq!((edges[0], edges[30]), (0.0, 235.907));
    assert_close(edges[1], 7.863_566_666_666_667);
}
