//! Test-only: the course rows the scikit-learn comparisons use, built as
//! `scripts/sklearn_reference.py` builds them (merge, drop nulls, first `n` rows, the 13
//! features MinMax-scaled on the first 80 %, `country` label-encoded alphabetically).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use polars_core::prelude::*;

use crate::course::{FEATURES, TARGET};
use crate::io::read_parquet;
use crate::prepare::{PrepareStep, apply_steps};
use crate::testdata::shared_data;
use crate::train::Matrix;

/// Train and test parts with their labels, and the number of classes.
pub struct CourseRows {
    pub train: (Matrix, Vec<u32>),
    pub test: (Matrix, Vec<u32>),
    pub n_classes: usize,
}

/// The merged course table without nulls, read once; `None` (with a note) without the data,
/// a failure under CI (`crate::testdata`).
fn merged() -> Option<&'static DataFrame> {
    static MERGED: OnceLock<Option<DataFrame>> = OnceLock::new();
    MERGED
        .get_or_init(|| {
            let read = |name: &str| Some(read_parquet(name, &shared_data(name)?).unwrap());
            let rankings = read("song_rankings.parquet")?;
            let properties = read("song_properties.parquet")?;
            let datasets = BTreeMap::from([("song_properties".to_string(), properties)]);
            let steps = [
                PrepareStep::CourseMerge {
                    properties: "song_properties".into(),
                },
                PrepareStep::DropNulls { columns: vec![] },
            ];
            Some(apply_steps(&steps, rankings, &datasets).unwrap())
        })
        .as_ref()
}

/// The first `n_rows` rows, split 80/20 in order, scaled on the training part.
pub fn course_rows(n_rows: usize) -> Option<CourseRows> {
    let df = merged()?.head(Some(n_rows));
    let n_train = df.height() * 4 / 5;
    let columns: Vec<Vec<f64>> = FEATURES
        .iter()
        .map(|f| {
            let s = df.column(f).unwrap().cast(&DataType::Float64).unwrap();
            s.f64().unwrap().into_no_null_iter().collect()
        })
        .collect();
    let target: Vec<String> = df
        .column(TARGET)
        .unwrap()
        .str()
        .unwrap()
        .into_no_null_iter()
        .map(str::to_string)
        .collect();
    let mut classes = target.clone();
    classes.sort();
    classes.dedup();
    let labels: Vec<u32> = target
        .iter()
        .map(|t| u32::try_from(classes.binary_search(t).unwrap()).unwrap())
        .collect();
    let bounds: Vec<(f64, f64)> = columns.iter().map(|c| min_max(&c[..n_train])).collect();
    let matrix = |range: std::ops::Range<usize>| {
        let mut data = Vec::with_capacity(range.len() * columns.len());
        for i in range.clone() {
            for (col, &(lo, hi)) in columns.iter().zip(&bounds) {
                let span = if hi > lo { hi - lo } else { 1.0 };
                #[allow(clippy::cast_possible_truncation)]
                data.push(((col[i] - lo) / span) as f32);
            }
        }
        (
            Matrix::from_vec(range.len(), columns.len(), data).unwrap(),
            labels[range].to_vec(),
        )
    };
    Some(CourseRows {
        train: matrix(0..n_train),
        test: matrix(n_train..df.height()),
        n_classes: classes.len(),
    })
}

fn min_max(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}
