//! URLs of requests to servers the user names (model registries, served models): a base URL
//! joined with an API path, and values percent-encoded (model names may hold spaces, quotes
//! or `&`).

use std::fmt::Write;

/// `base` (with or without a trailing `/`) followed by `path` (with or without a leading `/`).
pub(crate) fn join(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim().trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// `value` percent-encoded for a query string or a path segment: everything but RFC 3986's
/// unreserved characters is escaped, byte by byte of its UTF-8.
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            // Writing into a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_accepts_a_base_with_or_without_trailing_slash() {
        assert_eq!(join("http://h:5000/", "/api/x"), "http://h:5000/api/x");
        assert_eq!(join(" http://h:5000 ", "api/x"), "http://h:5000/api/x");
    }

    #[test]
    fn encode_escapes_spaces_quotes_and_unicode() {
        assert_eq!(
            encode("name='top hits' & ü"),
            "name%3D%27top%20hits%27%20%26%20%C3%BC"
        );
        assert_eq!(encode("run-1a.b_c~"), "run-1a.b_c~");
    }
}
