//! A row-major `f32` matrix: the features of many rows, or a batch's activations.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Matrix {
    pub n_rows: usize,
    pub n_cols: usize,
    /// `n_rows * n_cols` values, row after row.
    pub data: Vec<f32>,
}

impl Matrix {
    pub fn zeros(n_rows: usize, n_cols: usize) -> Self {
        Self {
            n_rows,
            n_cols,
            data: vec![0.0; n_rows * n_cols],
        }
    }

    /// A matrix over `data` (row-major); `None` when the length does not match.
    pub fn from_vec(n_rows: usize, n_cols: usize, data: Vec<f32>) -> Option<Self> {
        (data.len() == n_rows * n_cols).then_some(Self {
            n_rows,
            n_cols,
            data,
        })
    }

    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.n_cols..(i + 1) * self.n_cols]
    }

    pub fn row_mut(&mut self, i: usize) -> &mut [f32] {
        &mut self.data[i * self.n_cols..(i + 1) * self.n_cols]
    }

    /// The rows at `indices`, in that order.
    #[must_use]
    pub fn select_rows(&self, indices: &[usize]) -> Matrix {
        let mut data = Vec::with_capacity(indices.len() * self.n_cols);
        for &i in indices {
            data.extend_from_slice(self.row(i));
        }
        Matrix {
            n_rows: indices.len(),
            n_cols: self.n_cols,
            data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_rows_in_the_order_given() {
        let m = Matrix::from_vec(3, 2, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        let s = m.select_rows(&[2, 0]);
        assert_eq!(s.data, vec![4.0, 5.0, 0.0, 1.0]);
        assert_eq!(s.n_rows, 2);
        assert!(Matrix::from_vec(2, 2, vec![0.0]).is_none());
    }
}
