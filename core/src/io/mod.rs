//! Reading tables from bytes (a dropped file, a fetched URL): one reader per format, each
//! turning bad input into a [`ReadError`] that names the file, where it went wrong and what
//! to do; [`read_table`] picks the reader from the bytes. Known gap: polars-arrow can still
//! panic on some damaged Parquet bytes (see the ignored test in `parquet/tests.rs`).

#[cfg(feature = "engine")]
mod csv;
#[cfg(feature = "engine")]
pub mod inference_log;
#[cfg(feature = "engine")]
mod parquet;

#[cfg(feature = "engine")]
pub use csv::read_csv;
#[cfg(feature = "engine")]
pub use parquet::read_parquet;

use thiserror::Error;

const MIB: usize = 1024 * 1024;

/// The largest CSV file read. The app runs in 32-bit WebAssembly, whose memory ends at
/// 4 GiB: the file's bytes and the frame built from them (about as large again, more for
/// short strings) must fit side by side with room left for the work that follows.
pub const MAX_CSV_BYTES: usize = 1024 * MIB;
/// The largest Parquet file read. Parquet is compressed and grows when decoded: 1.8 times
/// for the course's song properties (1.3 MB file, 2.4 MB frame), 11 times for its rankings
/// (13 MB, 141 MB). Half the CSV budget fits at low ratios; the decoded size itself is not
/// checked, so a highly compressed file under this size can still exhaust the tab.
pub const MAX_PARQUET_BYTES: usize = 512 * MIB;
/// The largest file of any format; the app can refuse bigger files before copying them.
pub const MAX_FILE_BYTES: usize = if MAX_CSV_BYTES > MAX_PARQUET_BYTES {
    MAX_CSV_BYTES
} else {
    MAX_PARQUET_BYTES
};

#[cfg(feature = "engine")]
/// Reads a table in whichever format its bytes are: Parquet when they start with `PAR1`
/// (or the name ends in `.parquet`, so that a wrong file gets the Parquet error), a served
/// model's request log when it is JSON (`.jsonl`, `.ndjson`, `.json`, or text opening with
/// `{`), else CSV.
pub fn read_table(file: &str, bytes: &[u8]) -> Result<polars_core::prelude::DataFrame, ReadError> {
    let named_parquet = file.to_ascii_lowercase().ends_with(".parquet");
    if bytes.starts_with(b"PAR1") || named_parquet {
        read_parquet(file, bytes)
    } else if inference_log::looks_like_log(file, bytes) {
        inference_log::read_inference_log(file, bytes)
    } else {
        read_csv(file, bytes)
    }
}

/// Checks a file's size against the budget of the format its name suggests, before its
/// bytes are fetched or copied (the worker calls it with the size it is told or has so far).
pub fn check_file_size(file: &str, n_bytes: usize) -> Result<(), ReadError> {
    let budget = if file.to_ascii_lowercase().ends_with(".parquet") {
        MAX_PARQUET_BYTES
    } else {
        MAX_CSV_BYTES
    };
    check_size(file, n_bytes, budget)
}

/// Rejects files beyond a reader's memory budget before any work is done.
fn check_size(file: &str, n_bytes: usize, budget_bytes: usize) -> Result<(), ReadError> {
    if n_bytes > budget_bytes {
        return Err(ReadError::TooBig {
            file: file.to_string(),
            n_bytes,
            budget_bytes,
        });
    }
    Ok(())
}

/// Why a file could not be read as a table.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ReadError {
    #[error(
        "`{file}` is empty (0 bytes). Choose the file again; if it is still empty, export it again from its source"
    )]
    Empty { file: String },
    #[error(
        "`{file}` is {} MiB, more than the {} MiB a browser tab can hold for this kind of file. Load a sample of its rows or split it into smaller files",
        n_bytes.div_ceil(MIB),
        budget_bytes / MIB
    )]
    TooBig {
        file: String,
        n_bytes: usize,
        budget_bytes: usize,
    },
    #[error(
        "`{file}` is not a Parquet file: {detail}. Check that you picked the right file, or export it again as Parquet"
    )]
    NotParquet { file: String, detail: String },
    #[error(
        "`{file}` is cut short: {detail}. The download or copy was probably interrupted; fetch the file again"
    )]
    Truncated { file: String, detail: String },
    #[error(
        "`{file}` line {line} is not an Open Inference Protocol request: {detail}. A request log holds one v2 `infer` request body per line, e.g. {{\"inputs\": [{{\"name\": \"tempo\", \"shape\": [1, 1], \"datatype\": \"FP64\", \"data\": [120.0]}}]}}"
    )]
    BadLogLine {
        file: String,
        line: usize,
        detail: String,
    },
    #[error("`{file}` could not be read: {detail}. The file may be damaged; export it again")]
    Corrupt { file: String, detail: String },
    #[error(
        "`{file}` is compressed with {codec} (column `{column}`), which Jukebox cannot read. Save it again with snappy compression (pandas: `df.to_parquet(path, compression=\"snappy\")`)"
    )]
    UnsupportedCodec {
        file: String,
        codec: &'static str,
        column: String,
    },
    #[error(
        "`{file}` looks like a binary file, not CSV text (a zero byte at byte offset {byte_offset}). If it is a spreadsheet, export it as \"CSV UTF-8\" first"
    )]
    NotText { file: String, byte_offset: usize },
    #[error(
        "`{file}` is not UTF-8 text: the bytes at byte offset {byte_offset} (line {line}) are not valid UTF-8. Save or export it again as \"CSV UTF-8\""
    )]
    NotUtf8 {
        file: String,
        line: usize,
        byte_offset: usize,
    },
    #[error(
        "`{file}` has no header row: it holds only blank lines. A CSV file starts with a line of column names"
    )]
    NoHeader { file: String },
    #[error(
        "`{file}` line {line} has {found} fields but the header has {expected}. Check that line for a missing or extra delimiter, or quote values that contain the delimiter"
    )]
    RaggedRow {
        file: String,
        line: usize,
        expected: usize,
        found: usize,
    },
    #[error(
        "`{file}` line {line}: the quote that opens {column} is never closed. Add the closing `\"` or remove the stray one"
    )]
    UnclosedQuote {
        file: String,
        line: usize,
        column: String,
    },
}
