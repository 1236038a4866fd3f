//! zlib compression of a link's JSON, and a decompression that stops at a size cap. Memory
//! stays below the cap plus one chunk whatever the input claims: a few hundred bytes of
//! link can expand to gigabytes (a "zip bomb"), so nothing trusts the data's size.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::{Compression, Decompress, FlushDecompress, Status};

use super::ShareError;

/// Output is produced this many bytes at a time.
const CHUNK_BYTES: usize = 16 * 1024;

/// `bytes` compressed in the zlib format (RFC 1950: deflate with a header and an Adler-32
/// checksum, as the browser's `CompressionStream("deflate")` writes it), so a changed byte is
/// caught by the checksum rather than read as a different notebook.
pub(super) fn compress(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    let encode_error = |e: std::io::Error| ShareError::Encode {
        reason: e.to_string(),
    };
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(encode_error)?;
    encoder.finish().map_err(encode_error)
}

/// Decompresses zlib `data`, refusing output past `max_bytes` as soon as it gets there, a
/// stream that ends early, and anything after the stream's end.
pub(super) fn decompress_bounded(data: &[u8], max_bytes: usize) -> Result<Vec<u8>, ShareError> {
    let mut inflater = Decompress::new(true);
    let mut out: Vec<u8> = Vec::new();
    let mut chunk = vec![0_u8; CHUNK_BYTES];
    loop {
        let consumed = counter(inflater.total_in());
        let before = counter(inflater.total_out());
        let status = inflater
            .decompress(&data[consumed..], &mut chunk, FlushDecompress::None)
            .map_err(|e| ShareError::Corrupt {
                reason: e.to_string(),
            })?;
        let produced = counter(inflater.total_out()) - before;
        if out.len() + produced > max_bytes {
            return Err(ShareError::TooLarge { max: max_bytes });
        }
        grow_within(&mut out, produced, max_bytes);
        out.extend_from_slice(&chunk[..produced]);
        match status {
            Status::StreamEnd => break,
            Status::Ok | Status::BufError => {
                let progressed = counter(inflater.total_in()) > consumed || produced > 0;
                if !progressed {
                    // All input read, no output space wanted, and no end of stream.
                    return Err(ShareError::Truncated);
                }
            }
        }
    }
    let trailing = data.len() - counter(inflater.total_in());
    if trailing > 0 {
        return Err(ShareError::Corrupt {
            reason: format!("{trailing} bytes follow the end of the notebook"),
        });
    }
    Ok(out)
}

/// The inflater's byte counters, which count bytes of in-memory slices: they fit in `usize`.
fn counter(total: u64) -> usize {
    usize::try_from(total).unwrap_or(usize::MAX)
}

/// Makes room for `more` bytes without letting the vector's doubling reserve past `max`.
fn grow_within(out: &mut Vec<u8>, more: usize, max: usize) {
    let needed = out.len() + more;
    if needed > out.capacity() {
        let target = (out.capacity() * 2).max(needed).min(max);
        out.reserve_exact(target - out.len());
    }
}
