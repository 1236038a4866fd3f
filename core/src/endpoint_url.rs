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

/// `value` as one path segment of a URL: percent-encoded (a `/` cannot add a segment), and
/// refused when it is empty or only dots — URL parsers read `.` and `..` (even encoded, as
/// `%2E%2E`) as "this" and "the parent" folder, so a model named `..` would change which
/// endpoint is asked.
pub(crate) fn segment(value: &str) -> Result<String, String> {
    if value.is_empty() || value.bytes().all(|b| b == b'.') {
        return Err(format!(
            "`{value}` cannot be a name in a URL path (it would name another endpoint). Give the real name"
        ));
    }
    Ok(encode(value))
}

/// Whether a secret (a bearer token) may go to `url`: only over `https:`, or to this
/// machine (`localhost`, `127.0.0.0/8`, `[::1]`), where no network sees it.
pub fn token_may_go_to(url: &str) -> Result<(), String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return Ok(());
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = if host.starts_with('[') {
            host.split(']')
                .next()
                .map(|h| format!("{h}]"))
                .unwrap_or_default()
        } else {
            host.split(':').next().unwrap_or_default().to_string()
        };
        let loopback = host == "localhost"
            || host == "[::1]"
            || host
                .parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| ip.is_loopback());
        if loopback {
            return Ok(());
        }
    }
    Err(format!(
        "a token is sent only over https:// or to this machine (localhost, 127.0.0.1), and {url} is neither: anyone on the network could read it. Use the https:// address, or leave the token empty"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dot_segment_is_refused_and_others_are_encoded() {
        assert_eq!(segment("my model/1").unwrap(), "my%20model%2F1");
        assert_eq!(segment("v1.2").unwrap(), "v1.2");
        for bad in ["", ".", "..", "..."] {
            assert!(
                segment(bad)
                    .unwrap_err()
                    .contains("cannot be a name in a URL path"),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_token_goes_only_over_https_or_to_this_machine() {
        for ok in [
            "https://registry.example",
            "HTTPS://r.example:8443/x",
            "http://127.0.0.1:5000",
            "http://localhost:8080/api",
            "http://[::1]:5000",
            "http://127.9.9.9",
        ] {
            assert_eq!(token_may_go_to(ok), Ok(()), "{ok}");
        }
        for bad in [
            "http://example.org",
            "http://127.0.0.1.example.org",
            "http://localhost.example.org/",
            "http://user@10.0.0.1",
            "ftp://127.0.0.1",
        ] {
            let e = token_may_go_to(bad).unwrap_err();
            assert!(
                e.starts_with("a token is sent only over https://"),
                "{bad}: {e}"
            );
        }
    }

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
