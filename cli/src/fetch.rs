//! Downloads of `http(s)` URLs (a notebook, a data file) with the system's `curl`: every CI
//! image has it, and it brings TLS, proxies and certificates without compiling a TLS stack
//! into this binary (rustls and ring would add about a minute to each cold CI build).

use std::process::Command;

use crate::error::{CliError, Result};

/// Largest download accepted, in bytes: more than any table the engine reads in one piece.
pub const MAX_DOWNLOAD_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Whether `text` is an `http://` or `https://` URL.
pub fn is_url(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The body of `url` (following redirects; an HTTP error status is an error).
pub fn download(url: &str) -> Result<Vec<u8>> {
    let fail = |reason: String| CliError::Download {
        url: url.to_string(),
        reason,
    };
    let output = Command::new("curl")
        .args(["--fail", "--silent", "--show-error", "--location"])
        .args(["--max-filesize", &MAX_DOWNLOAD_BYTES.to_string()])
        .args(["--retry", "2", "--connect-timeout", "20", "--"])
        .arg(url)
        .output()
        .map_err(|e| {
            fail(format!(
                "`curl` could not be started ({e}). Install curl, or download the file yourself and pass its path"
            ))
        })?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    // curl repeats its message for each retry: the last line says it.
    let stderr = String::from_utf8_lossy(&output.stderr);
    let said = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim()
        .to_string();
    Err(fail(format!(
        "{}. Check the URL and the network, or download the file yourself and pass its path",
        if said.is_empty() {
            format!("curl ended with {}", output.status)
        } else {
            said
        }
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_urls_from_paths() {
        assert!(is_url("https://example.org/n.jukebox.json"));
        assert!(is_url("HTTP://example.org/x"));
        assert!(!is_url("notebooks/n.jukebox.json"));
        assert!(!is_url("starter"));
    }

    #[test]
    fn a_closed_port_gives_a_sentence_with_what_to_do() {
        // Port 9 (discard) on localhost: nothing listens there on a test machine.
        let error = download("http://127.0.0.1:9/data.csv")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("http://127.0.0.1:9/data.csv could not be downloaded"),
            "{error}"
        );
        assert!(error.contains("download the file yourself"), "{error}");
    }
}
