//! The compression codec of each column chunk, read from the file's footer before any page is
//! decoded, so that a codec this build cannot decompress gets an error that names it instead
//! of polars' text. (polars already rejects codec numbers Parquet does not define while it
//! parses the footer: those files get the `Corrupt` error.)

use polars_io::parquet::read::FileMetadata;

use crate::io::ReadError;

/// LZO in Parquet's `CompressionCodec` numbers (`parquet.thrift`): the one defined codec
/// polars-parquet has no decoder for. polars-io's `parquet` feature turns on all the others
/// (`polars-parquet/compression`: brotli, gzip, lz4, snappy, zstd).
const LZO: i32 = 3;

/// The codec number of every column chunk, in row-group then column order, with the column's
/// dotted path; `Corrupt` when a column chunk lacks the metadata that holds its codec (polars
/// checks only the first column of each row group and would panic on the others).
pub(super) fn column_codecs(
    file: &str,
    metadata: &FileMetadata,
) -> Result<Vec<(String, i32)>, ReadError> {
    let mut codecs = Vec::new();
    for (group, row_group) in metadata.row_groups.iter().enumerate() {
        for column in row_group.parquet_columns() {
            let path = column.descriptor().path_in_schema.join(".");
            let Some(meta) = column.column_chunk().meta_data.as_ref() else {
                return Err(ReadError::Corrupt {
                    file: file.to_string(),
                    detail: format!(
                        "column `{path}` in row group {group} has no column metadata in the footer"
                    ),
                });
            };
            codecs.push((path, meta.codec.0));
        }
    }
    Ok(codecs)
}

/// Fails on the first column chunk whose codec this build cannot decompress.
pub(super) fn check_codecs(file: &str, metadata: &FileMetadata) -> Result<(), ReadError> {
    let codecs = column_codecs(file, metadata)?;
    match codecs.into_iter().find(|&(_, code)| code == LZO) {
        Some((column, _)) => Err(ReadError::UnsupportedCodec {
            file: file.to_string(),
            codec: "LZO",
            column,
        }),
        None => Ok(()),
    }
}
