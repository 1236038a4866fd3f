//! Parquet through polars-io, behind checks of the file's framing (magic bytes, footer
//! length) and of its columns' compression codecs (`codec`), so that empty, truncated,
//! foreign and LZO-compressed files get a clear error before the decoder sees them.

use std::io::Cursor;

use polars_core::prelude::{DataFrame, PolarsError};
use polars_io::SerReader;
use polars_io::parquet::read::ParquetReader;

use super::ReadError;

mod codec;

const MAGIC: &[u8; 4] = b"PAR1";
/// A Parquet file ends with a 4-byte footer length and the magic bytes.
const TAIL_LEN: usize = 8;

/// Reads a whole Parquet file; `file` is the name shown in errors. A stored pandas index
/// (`__index_level_0__`) is dropped, as pandas turns it back into the index, not a column.
pub fn read_parquet(file: &str, bytes: &[u8]) -> Result<DataFrame, ReadError> {
    super::check_size(file, bytes.len(), super::MAX_PARQUET_BYTES)?;
    check_framing(file, bytes)?;
    let corrupt = |error: PolarsError| ReadError::Corrupt {
        file: file.to_string(),
        detail: error.to_string(),
    };
    let mut reader = ParquetReader::new(Cursor::new(bytes));
    // The reader keeps the footer it parses here, so `finish` does not parse it again.
    codec::check_codecs(file, reader.get_metadata().map_err(corrupt)?)?;
    let mut df = reader.finish().map_err(corrupt)?;
    let pandas_index: Vec<String> = df
        .get_column_names()
        .into_iter()
        .filter(|name| name.starts_with("__index_level_") && name.ends_with("__"))
        .map(ToString::to_string)
        .collect();
    for name in pandas_index {
        // The name was just listed, so the column is there.
        let _ = df.drop_in_place(&name);
    }
    Ok(df)
}

fn check_framing(file: &str, bytes: &[u8]) -> Result<(), ReadError> {
    let file = file.to_string();
    if bytes.is_empty() {
        return Err(ReadError::Empty { file });
    }
    if !bytes.starts_with(MAGIC) {
        return Err(ReadError::NotParquet {
            file,
            detail: "it does not start with the bytes `PAR1` (byte offset 0)".into(),
        });
    }
    if bytes.len() < MAGIC.len() + TAIL_LEN || !bytes.ends_with(MAGIC) {
        return Err(ReadError::Truncated {
            file,
            detail: format!(
                "it has {} bytes and does not end with the Parquet footer marker `PAR1`",
                bytes.len()
            ),
        });
    }
    let length_at = bytes.len() - TAIL_LEN;
    let mut length = [0u8; 4];
    length.copy_from_slice(&bytes[length_at..length_at + 4]);
    let footer_len = u32::from_le_bytes(length) as usize;
    if footer_len > length_at - MAGIC.len() {
        return Err(ReadError::Truncated {
            file,
            detail: format!(
                "its footer claims {footer_len} bytes but only {} bytes precede it (byte offset {length_at})",
                length_at - MAGIC.len()
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod codec_tests;
#[cfg(test)]
mod tests;
