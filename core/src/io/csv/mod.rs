//! CSV with a header row, read in two passes over the bytes: the first checks the
//! structure and infers each column's type from all its values, the second builds typed
//! polars columns. Nothing is stored per field in between, so memory stays near the size
//! of the file plus the size of the frame.

mod build;
mod header;
mod infer;
mod parser;
mod sniff;

use polars_core::prelude::*;

use self::build::ColumnBuilder;
use self::infer::Inference;
use self::parser::{Field, Records, UnclosedQuote};
use super::ReadError;

/// Reads a whole CSV file with a header row; `file` is the name shown in errors. The
/// delimiter (`,` `;` or tab) is detected, and each column's type (Boolean, Int64, Float64,
/// Date, Datetime in ms, else String) is inferred from all its values; empty fields are null.
pub fn read_csv(file: &str, bytes: &[u8]) -> Result<DataFrame, ReadError> {
    super::check_size(file, bytes.len(), super::MAX_CSV_BYTES)?;
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            file: file.to_string(),
        });
    }
    let text = sniff::decode(file, bytes)?;
    let csv = Csv {
        file,
        text,
        delimiter: sniff::delimiter(text),
    };
    let names = csv.header()?;
    let (kinds, n_rows) = csv.infer(&names)?;
    csv.build(&names, &kinds, n_rows)
}

/// One CSV text being read.
struct Csv<'a> {
    file: &'a str,
    text: &'a str,
    delimiter: u8,
}

impl Csv<'_> {
    fn records(&self) -> Records<'_> {
        Records::new(self.text, self.delimiter)
    }

    /// The unique column names of the first record.
    fn header(&self) -> Result<Vec<String>, ReadError> {
        let mut fields = Vec::new();
        let found = self
            .records()
            .next_into(&mut fields)
            .map_err(|e| self.unclosed(e, &[]))?;
        if found.is_none() {
            return Err(ReadError::NoHeader {
                file: self.file.to_string(),
            });
        }
        let raw = fields.iter().map(|f| f.value(self.text).into_owned());
        Ok(header::column_names(raw.collect()))
    }

    /// The first pass: every record has the header's width, every value narrows its
    /// column's type. Returns the types and the number of data rows.
    fn infer(&self, names: &[String]) -> Result<(Vec<infer::Kind>, usize), ReadError> {
        let mut inference = vec![Inference::default(); names.len()];
        let n_rows = self.each_row(names, |fields| {
            for (field, column) in fields.iter().zip(&mut inference) {
                column.observe(&field.value(self.text));
            }
        })?;
        Ok((inference.iter().map(Inference::kind).collect(), n_rows))
    }

    /// The second pass: typed columns from the same records.
    fn build(
        &self,
        names: &[String],
        kinds: &[infer::Kind],
        n_rows: usize,
    ) -> Result<DataFrame, ReadError> {
        let mut builders: Vec<ColumnBuilder> = names
            .iter()
            .zip(kinds)
            .map(|(name, &kind)| ColumnBuilder::new(kind, name, n_rows))
            .collect();
        self.each_row(names, |fields| {
            for (field, builder) in fields.iter().zip(&mut builders) {
                builder.push(&field.value(self.text));
            }
        })?;
        let columns = builders.into_iter().map(ColumnBuilder::finish).collect();
        DataFrame::new(n_rows, columns).map_err(|error| ReadError::Corrupt {
            file: self.file.to_string(),
            detail: error.to_string(),
        })
    }

    /// Calls `row` with the fields of each data record (after the header), checking each
    /// has the header's width; returns the number of rows.
    fn each_row(
        &self,
        names: &[String],
        mut row: impl FnMut(&[Field]),
    ) -> Result<usize, ReadError> {
        let mut records = self.records();
        let mut fields = Vec::with_capacity(names.len());
        records
            .next_into(&mut fields)
            .map_err(|e| self.unclosed(e, names))?;
        let mut n_rows = 0;
        while let Some(line) = records
            .next_into(&mut fields)
            .map_err(|e| self.unclosed(e, names))?
        {
            if fields.len() != names.len() {
                return Err(ReadError::RaggedRow {
                    file: self.file.to_string(),
                    line,
                    expected: names.len(),
                    found: fields.len(),
                });
            }
            row(&fields);
            n_rows += 1;
        }
        Ok(n_rows)
    }

    fn unclosed(&self, error: UnclosedQuote, names: &[String]) -> ReadError {
        let number = error.field_index + 1;
        let column = match names.get(error.field_index) {
            Some(name) => format!("column {number} (`{name}`)"),
            None => format!("column {number}"),
        };
        ReadError::UnclosedQuote {
            file: self.file.to_string(),
            line: error.line,
            column,
        }
    }
}

#[cfg(test)]
mod bench;
#[cfg(test)]
mod tests;
