//! A served model's request log read as a table: what a payload logger in front of
//! KServe/MLServer records, one Open Inference Protocol (v2) `infer` request body per line
//! (JSON lines), or one request as a whole JSON file.
//!
//! A request holds either one `[N, 1]` (or `[N]`) tensor per feature, named after the
//! feature, or one `[N, k]` tensor of k features per row. The second form names no
//! columns: with k = 13 they are the course's features in the course's order (what the
//! course's and Jukebox's exported models take), otherwise `input_0 … input_{k-1}`.
//! Every request's rows are appended, so the table has one row per scored song. The
//! values are what the model received — scaled ones when the model takes scaled inputs
//! (the Drift cell unscales them with the model's scaler when told so).

#[cfg(test)]
mod tests;

use polars_core::prelude::{Column, DataFrame};
use serde::Deserialize;

use super::ReadError;
use crate::course::FEATURES;

/// At most this many rows are read from one log (a day of a busy endpoint fits).
pub const MAX_LOG_ROWS: usize = 5_000_000;

/// Whether `file`/`bytes` look like a request log rather than CSV: a `.jsonl`/`.ndjson`/
/// `.json` name, or text starting with `{`.
pub fn looks_like_log(file: &str, bytes: &[u8]) -> bool {
    let lower = file.to_ascii_lowercase();
    if [".jsonl", ".ndjson", ".json"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return true;
    }
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

#[derive(Deserialize)]
struct InferRequest {
    inputs: Vec<InputTensor>,
}

#[derive(Deserialize)]
struct InputTensor {
    name: String,
    shape: Vec<i64>,
    data: serde_json::Value,
}

/// Reads a request log into a table of `f64` columns (see the module's words).
pub fn read_inference_log(file: &str, bytes: &[u8]) -> Result<DataFrame, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        file: file.to_string(),
        line: line_of(bytes, e.valid_up_to()),
        byte_offset: e.valid_up_to(),
    })?;
    let mut table = LogTable::default();
    // One request as a whole (pretty-printed) file, else one per line.
    if let Ok(request) = serde_json::from_str::<InferRequest>(text) {
        table.append(file, 1, request)?;
    } else {
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let request: InferRequest =
                serde_json::from_str(line).map_err(|e| ReadError::BadLogLine {
                    file: file.to_string(),
                    line: index + 1,
                    detail: e.to_string(),
                })?;
            table.append(file, index + 1, request)?;
        }
    }
    table.into_frame(file)
}

/// Columns by name in first-seen order, each as long as the rows read so far.
#[derive(Default)]
struct LogTable {
    names: Vec<String>,
    columns: Vec<Vec<f64>>,
    n_rows: usize,
}

impl LogTable {
    fn append(&mut self, file: &str, line: usize, request: InferRequest) -> Result<(), ReadError> {
        let bad = |detail: String| ReadError::BadLogLine {
            file: file.to_string(),
            line,
            detail,
        };
        let mut batch: Vec<(String, Vec<f64>)> = Vec::new();
        for input in request.inputs {
            let values = flat_numbers(&input.data).ok_or_else(|| {
                bad(format!(
                    "input `{}` holds values that are not numbers",
                    input.name
                ))
            })?;
            let (rows, cols) = match input.shape.as_slice() {
                [n] => (*n, 1),
                [n, k] => (*n, *k),
                _ => {
                    return Err(bad(format!(
                        "input `{}` has shape {:?}; expected [N, 1] per feature or [N, k] for k features",
                        input.name, input.shape
                    )));
                }
            };
            let (Ok(rows), Ok(cols)) = (usize::try_from(rows), usize::try_from(cols)) else {
                return Err(bad(format!(
                    "input `{}` has a negative shape {:?}",
                    input.name, input.shape
                )));
            };
            if rows.checked_mul(cols) != Some(values.len()) {
                return Err(bad(format!(
                    "input `{}` has shape [{rows}, {cols}] but {} values",
                    input.name,
                    values.len()
                )));
            }
            if cols == 1 {
                batch.push((input.name, values));
            } else {
                for c in 0..cols {
                    let name = match FEATURES.get(c) {
                        Some(feature) if cols == FEATURES.len() => (*feature).to_string(),
                        _ => format!("input_{c}"),
                    };
                    batch.push((name, values.iter().skip(c).step_by(cols).copied().collect()));
                }
            }
        }
        let Some(n_new) = batch.first().map(|(_, v)| v.len()) else {
            return Err(bad("the request has no inputs".to_string()));
        };
        if let Some((name, v)) = batch.iter().find(|(_, v)| v.len() != n_new) {
            return Err(bad(format!(
                "input `{name}` has {} rows but the request's first input has {n_new}",
                v.len()
            )));
        }
        if self.n_rows + n_new > MAX_LOG_ROWS {
            return Err(bad(format!(
                "the log holds more than {MAX_LOG_ROWS} rows; split it into smaller files"
            )));
        }
        for (name, values) in batch {
            let index = if let Some(index) = self.names.iter().position(|n| *n == name) {
                index
            } else {
                self.names.push(name);
                self.columns.push(vec![f64::NAN; self.n_rows]);
                self.columns.len() - 1
            };
            self.columns[index].extend(values);
        }
        self.n_rows += n_new;
        // Inputs absent from this request are missing in its rows.
        for column in &mut self.columns {
            column.resize(self.n_rows, f64::NAN);
        }
        Ok(())
    }

    fn into_frame(self, file: &str) -> Result<DataFrame, ReadError> {
        if self.n_rows == 0 {
            return Err(ReadError::Empty {
                file: file.to_string(),
            });
        }
        let columns: Vec<Column> = self
            .names
            .iter()
            .zip(self.columns)
            .map(|(name, values)| {
                // Missing inputs are nulls, as a CSV's empty fields.
                let values: Vec<Option<f64>> = values
                    .into_iter()
                    .map(|v| v.is_finite().then_some(v))
                    .collect();
                Column::new(name.as_str().into(), values)
            })
            .collect();
        DataFrame::new(self.n_rows, columns).map_err(|e| ReadError::Corrupt {
            file: file.to_string(),
            detail: e.to_string(),
        })
    }
}

/// The numbers of a tensor's `data`, flat (row-major) or nested as rows.
fn flat_numbers(data: &serde_json::Value) -> Option<Vec<f64>> {
    let mut out = Vec::new();
    push_numbers(data, &mut out)?;
    Some(out)
}

fn push_numbers(value: &serde_json::Value, out: &mut Vec<f64>) -> Option<()> {
    match value {
        serde_json::Value::Array(items) => items.iter().try_for_each(|v| push_numbers(v, out)),
        serde_json::Value::Number(n) => {
            out.push(n.as_f64()?);
            Some(())
        }
        serde_json::Value::Bool(b) => {
            out.push(if *b { 1.0 } else { 0.0 });
            Some(())
        }
        _ => None,
    }
}

/// The 1-based line of byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes.iter().take(at).filter(|&&b| b == b'\n').count() + 1
}
