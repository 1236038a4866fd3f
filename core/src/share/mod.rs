//! Share links: a notebook (cells and settings, never data, runs or models) in the URL
//! fragment, `#nb=1.<base64url(zlib(json))>`. `1` is the link format; the JSON is the
//! [`Notebook`]'s serde form. Opening a link checks every step and bounds decompression, so
//! a damaged, truncated or hostile link gives a [`ShareError`] that says what to do.

mod error;
mod inflate;

use std::collections::BTreeSet;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::notebook::{NOTEBOOK_VERSION, Notebook};

pub use error::ShareError;

/// The link format this build writes and the newest it reads.
pub const LINK_VERSION: u32 = 1;

/// Longest link part (`nb=1.…`) a notebook may make. Browsers take far longer URLs, but
/// chat apps, mail clients and link previews cut or refuse long ones; 32 KiB still carries
/// notebooks of well over a hundred cells (the course notebook takes 732 characters), and a
/// notebook past it travels better as an exported file.
pub const MAX_LINK_CHARS: usize = 32 * 1024;

/// Most bytes a link may decompress to. Links at [`MAX_LINK_CHARS`] hold about 24 KiB
/// compressed, and notebook JSON compresses 5-15 times; anything past 1 MiB is hostile.
pub const MAX_INFLATED_BYTES: usize = 1024 * 1024;

/// Most cells a shared notebook may have.
pub const MAX_CELLS: usize = 500;

/// The key of the fragment parameter that holds a notebook.
const KEY: &str = "nb=";

/// `notebook` as a URL fragment payload, `nb=1.…` (put `#` before it).
///
/// What the notebook holds is what the link carries: a local file source keeps its file
/// name, size and SHA-256, so the recipient is asked for that very file; a Model-from-run
/// cell keeps the run id, which the recipient's browser will not know.
pub fn encode(notebook: &Notebook) -> Result<String, ShareError> {
    check(notebook)?;
    let json = serde_json::to_vec(notebook).map_err(|e| ShareError::Encode {
        reason: e.to_string(),
    })?;
    let compressed = inflate::compress(&json)?;
    let link = format!("{KEY}{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(compressed));
    if link.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong {
            chars: link.len(),
            max: MAX_LINK_CHARS,
        });
    }
    Ok(link)
}

/// The notebook in a link: a whole URL (`https://…/#nb=1.…`), a fragment (`#nb=1.…`) or the
/// payload alone (`nb=1.…`); spaces around it (as pasting leaves them) are ignored.
pub fn decode(link: &str) -> Result<Notebook, ShareError> {
    let (start, payload) = find_payload(link)?;
    if payload.len() > MAX_LINK_CHARS {
        return Err(ShareError::LinkTooLong {
            chars: payload.len(),
            max: MAX_LINK_CHARS,
        });
    }
    let data_start = start + check_version(payload)?;
    let compressed = decode_base64(link, data_start, &link[data_start..start + payload.len()])?;
    let json = inflate::decompress_bounded(&compressed, MAX_INFLATED_BYTES)?;
    let notebook: Notebook =
        serde_json::from_slice(&json).map_err(|e| ShareError::NotANotebook {
            reason: e.to_string(),
        })?;
    check(&notebook)?;
    Ok(notebook)
}

/// Where the `nb=` payload starts in `link` (at its key) and the payload itself, up to the
/// next `&` or space. The key must start the text or follow `#`, `?` or `&`.
fn find_payload(link: &str) -> Result<(usize, &str), ShareError> {
    let start =
        link.match_indices(KEY)
            .map(|(at, _)| at)
            .find(|&at| {
                link[..at].chars().next_back().is_none_or(|before| {
                    matches!(before, '#' | '?' | '&') || before.is_whitespace()
                })
            })
            .ok_or(ShareError::NotALink)?;
    let rest = &link[start..];
    let end = rest
        .find(|c: char| c == '&' || c.is_whitespace())
        .unwrap_or(rest.len());
    Ok((start, &rest[..end]))
}

/// Checks `nb=<version>.` and returns the length of that prefix.
fn check_version(payload: &str) -> Result<usize, ShareError> {
    let after_key = &payload[KEY.len()..];
    let Some(dot) = after_key.find('.') else {
        return Err(ShareError::UnknownVersion {
            version: after_key.chars().take(12).collect(),
        });
    };
    let version = &after_key[..dot];
    match version.parse::<u32>() {
        Ok(LINK_VERSION) => Ok(KEY.len() + dot + 1),
        Ok(newer) if newer > LINK_VERSION && version.bytes().all(|b| b.is_ascii_digit()) => {
            Err(ShareError::NewerLink {
                version: newer,
                supported: LINK_VERSION,
            })
        }
        _ => Err(ShareError::UnknownVersion {
            version: version.chars().take(12).collect(),
        }),
    }
}

/// Base64url `data`, which starts at byte `offset` of `link` (for the error's position).
fn decode_base64(link: &str, offset: usize, data: &str) -> Result<Vec<u8>, ShareError> {
    URL_SAFE_NO_PAD.decode(data).map_err(|e| match e {
        base64::DecodeError::InvalidByte(at, _) | base64::DecodeError::InvalidLastSymbol(at, _) => {
            // `at` is the offending byte, the first of its character.
            let byte_at = offset + at;
            ShareError::BadCharacter {
                position: link.get(..byte_at).map_or(byte_at, |s| s.chars().count()) + 1,
                character: link
                    .get(byte_at..)
                    .and_then(|s| s.chars().next())
                    .unwrap_or(char::REPLACEMENT_CHARACTER),
            }
        }
        base64::DecodeError::InvalidLength(_) => ShareError::Truncated,
        base64::DecodeError::InvalidPadding => ShareError::Corrupt {
            reason: "it ends with `=` padding, which Jukebox links never have".into(),
        },
    })
}

/// What a notebook must be to travel in a link, or to come in by any other way (a file, a
/// notebook URL, an import, the CLI): a version this build reads, a sane number of cells,
/// distinct cell ids, and every setting within bounds ([`crate::notebook::limits`]).
pub fn check(notebook: &Notebook) -> Result<(), ShareError> {
    if notebook.version > NOTEBOOK_VERSION {
        return Err(ShareError::NewerNotebook {
            version: notebook.version,
            supported: NOTEBOOK_VERSION,
        });
    }
    if notebook.cells.len() > MAX_CELLS {
        return Err(ShareError::TooManyCells {
            cells: notebook.cells.len(),
            max: MAX_CELLS,
        });
    }
    let mut seen = BTreeSet::new();
    for cell in &notebook.cells {
        if !seen.insert(cell.id) {
            return Err(ShareError::DuplicateCellId { id: cell.id });
        }
    }
    crate::notebook::limits::check_notebook(notebook)?;
    Ok(())
}

#[cfg(test)]
mod tests;
