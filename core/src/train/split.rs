//! Dividing rows into training, validation and test parts.

use super::error::TrainError;
use super::{SplitSizes, SplitSpec};

/// Row indices of each part (into the extracted rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitIndices {
    pub train: Vec<usize>,
    pub validation: Vec<usize>,
    pub test: Vec<usize>,
}

/// Splits rows labelled `y` as `spec` says, seeded.
pub fn split(y: &[u32], spec: &SplitSpec, seed: u64) -> Result<SplitIndices, TrainError> {
    let _ = (y, spec, seed);
    todo!("helper C")
}

impl SplitIndices {
    pub fn sizes(&self, n_rows: usize, n_dropped: usize) -> SplitSizes {
        SplitSizes {
            n_rows,
            n_dropped,
            n_train: self.train.len(),
            n_validation: self.validation.len(),
            n_test: self.test.len(),
        }
    }
}
