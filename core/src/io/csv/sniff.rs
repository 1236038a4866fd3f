//! What kind of text a CSV file holds: binary or text, UTF-8 (with or without a byte-order
//! mark), and which delimiter (`,` `;` or tab) its first records use.

use super::parser::Records;
use crate::io::ReadError;

/// Binary files (spreadsheets, archives, images) show a zero byte within their first bytes;
/// text never holds one.
const BINARY_PROBE_BYTES: usize = 64 * 1024;
/// The delimiter is chosen from the records that start within this many bytes.
const SNIFF_BYTES: usize = 64 * 1024;
/// At most this many records after the header vote on the delimiter.
const SNIFF_RECORDS: usize = 50;
/// In order of preference when they fit equally well.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
const BOM: &str = "\u{feff}";

/// The file's text without a UTF-8 byte-order mark, or why it is not UTF-8 text.
pub(super) fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ReadError> {
    let probe = &bytes[..bytes.len().min(BINARY_PROBE_BYTES)];
    if let Some(zero_at) = probe.iter().position(|&b| b == 0) {
        return Err(ReadError::NotText {
            file: file.to_string(),
            byte_offset: zero_at,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix(BOM).unwrap_or(text)),
        Err(error) => {
            let byte_offset = error.valid_up_to();
            Err(ReadError::NotUtf8 {
                file: file.to_string(),
                line: physical_line(&bytes[..byte_offset]),
                byte_offset,
            })
        }
    }
}

/// The 1-based line on which the byte after `before` sits.
fn physical_line(before: &[u8]) -> usize {
    let mut line = 1;
    for (i, &b) in before.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    line
}

/// The delimiter that splits the header and the first records into the same number of
/// fields (quote-aware); `,` when none does (a one-column file).
pub(super) fn delimiter(text: &str) -> u8 {
    let mut cut = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    let truncated = cut < text.len();
    let mut best = (DELIMITERS[0], 0.0, 0);
    for delimiter in DELIMITERS {
        let Some((agreement, n_fields)) = fit(sample, delimiter, truncated) else {
            continue;
        };
        if (agreement, n_fields) > (best.1, best.2) {
            best = (delimiter, agreement, n_fields);
        }
    }
    best.0
}

/// The share of sampled records with as many fields as the header, and the header's field
/// count; `None` when the header holds no such delimiter.
fn fit(sample: &str, delimiter: u8, truncated: bool) -> Option<(f64, usize)> {
    let mut records = Records::new(sample, delimiter);
    let mut fields = Vec::new();
    records.next_into(&mut fields).ok()??;
    let n_header = fields.len();
    if n_header < 2 {
        return None;
    }
    let mut counts = Vec::with_capacity(SNIFF_RECORDS + 1);
    // A quote left open by the cut ends the sample like the end of the text.
    while let Ok(Some(_)) = records.next_into(&mut fields) {
        counts.push(fields.len());
        if counts.len() > SNIFF_RECORDS {
            break;
        }
    }
    if truncated || counts.len() > SNIFF_RECORDS {
        // The last record may be cut short by the sample's end.
        counts.pop();
    }
    if counts.is_empty() {
        return Some((1.0, n_header));
    }
    let agreeing = counts.iter().filter(|&&n| n == n_header).count();
    Some((agreeing as f64 / counts.len() as f64, n_header))
}
