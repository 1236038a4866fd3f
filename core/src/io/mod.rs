//! Reading tables from bytes (a dropped file, a fetched URL): one reader per format (Parquet
//! so far), each turning bad input into a [`ReadError`] that names the file, where it went
//! wrong and what to do. Known gap: polars-arrow can still panic on some damaged Parquet
//! bytes (see the ignored test in `parquet/tests.rs`).

mod parquet;

pub use parquet::read_parquet;

use thiserror::Error;

/// Why a file could not be read as a table.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ReadError {
    #[error(
        "`{file}` is empty (0 bytes). Choose the file again; if it is still empty, export it again from its source"
    )]
    Empty { file: String },
    #[error(
        "`{file}` is not a Parquet file: {detail}. Check that you picked the right file, or export it again as Parquet"
    )]
    NotParquet { file: String, detail: String },
    #[error(
        "`{file}` is cut short: {detail}. The download or copy was probably interrupted; fetch the file again"
    )]
    Truncated { file: String, detail: String },
    #[error("`{file}` could not be read: {detail}. The file may be damaged; export it again")]
    Corrupt { file: String, detail: String },
}
