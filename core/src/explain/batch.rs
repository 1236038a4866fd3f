//! Rows written straight into one reusable buffer and scored a batch at a time, keeping one
//! class's probability: the explanations generate hundreds of thousands of rows, and
//! neither a model call nor an allocation per coalition would be affordable (in wasm
//! least of all). Progress is reported after each batch, and a cancel noticed there.

use super::ExplainError;
use super::classifier::{Classifier, checked_proba};
use crate::train::Matrix;

/// Rows scored per model call: large enough to amortise the call, small enough that the
/// inputs and the model's outputs (× 72 classes for the course) stay a few MB.
pub(crate) const BATCH_ROWS: usize = 8192;

/// A progress callback: `(rows done, rows in all)`; returning `false` cancels.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

pub(crate) struct ClassScorer<'m, 'p> {
    model: &'m dyn Classifier,
    class: usize,
    buffer: Matrix,
    capacity: usize,
    filled: usize,
    done: usize,
    total: usize,
    progress: &'p mut dyn FnMut(usize, usize) -> bool,
}

impl<'m, 'p> ClassScorer<'m, 'p> {
    /// A scorer of `total` rows in all; reports `(0, total)` first, so a cancel pressed
    /// before the work starts is honoured.
    pub(crate) fn new(
        model: &'m dyn Classifier,
        class: usize,
        total: usize,
        progress: &'p mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<Self, ExplainError> {
        if !progress(0, total) {
            return Err(ExplainError::Cancelled);
        }
        let capacity = BATCH_ROWS.min(total).max(1);
        Ok(Self {
            model,
            class,
            buffer: Matrix::zeros(capacity, model.n_features()),
            capacity,
            filled: 0,
            done: 0,
            total,
            progress,
        })
    }

    /// Whether the buffer must be flushed before the next row.
    pub(crate) fn is_full(&self) -> bool {
        self.filled == self.capacity
    }

    /// The next row of the batch, a copy of `base` for the caller to edit (the buffer must
    /// not be full).
    pub(crate) fn push_row(&mut self, base: &[f32]) -> &mut [f32] {
        let row = self.buffer.row_mut(self.filled);
        row.copy_from_slice(base);
        self.filled += 1;
        row
    }

    /// Scores the rows pushed since the last flush and hands P(class) of each, in order, to
    /// `sink`; then reports progress.
    pub(crate) fn flush(&mut self, sink: &mut impl FnMut(f64)) -> Result<(), ExplainError> {
        if self.filled == 0 {
            return Ok(());
        }
        let n_cols = self.buffer.n_cols;
        // A last, partial batch: shrink the buffer's view without reallocating.
        self.buffer.n_rows = self.filled;
        self.buffer.data.truncate(self.filled * n_cols);
        let proba = checked_proba(self.model, &self.buffer);
        self.buffer.n_rows = self.capacity;
        self.buffer.data.resize(self.capacity * n_cols, 0.0);
        let proba = proba?;
        for row in proba.data.chunks_exact(proba.n_cols) {
            sink(f64::from(row[self.class]));
        }
        self.done += self.filled;
        self.filled = 0;
        if (self.progress)(self.done, self.total) {
            Ok(())
        } else {
            Err(ExplainError::Cancelled)
        }
    }

    /// Flushes when the buffer is full, then pushes the next row (see [`Self::push_row`]).
    pub(crate) fn next_row(
        &mut self,
        base: &[f32],
        sink: &mut impl FnMut(f64),
    ) -> Result<&mut [f32], ExplainError> {
        if self.is_full() {
            self.flush(sink)?;
        }
        Ok(self.push_row(base))
    }
}
