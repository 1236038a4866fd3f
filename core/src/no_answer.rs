//! A request that got no response, in words. The browser rejects `fetch` with the same
//! `TypeError` ("Failed to fetch") whether the server is down or its CORS refuses this page's
//! origin; the page tells them apart by asking the same URL again with `mode: "no-cors"`: an
//! (opaque) answer means the server is up but does not let this origin read it. Registries,
//! URL data sources and served models all say what happened with [`NoAnswer::cause`]; each
//! adds what to do about it in its own terms (URL data sources have no module of their own
//! in the core, so theirs is [`download_failure`], here).

/// Why a `fetch` got no response, as the second `no-cors` request showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAnswer {
    /// The `no-cors` request got an (opaque) answer: the server is up, but sends no CORS
    /// header allowing this page's origin to read what it answers.
    CorsRefused,
    /// Neither request got an answer: refused connection (wrong port, server stopped), a
    /// host name that does not resolve, offline, or an http URL blocked on an https page.
    Unreachable,
}

impl NoAnswer {
    /// `answered_without_cors`: whether the `no-cors` request of the same URL resolved.
    pub fn from_no_cors_probe(answered_without_cors: bool) -> Self {
        if answered_without_cors {
            Self::CorsRefused
        } else {
            Self::Unreachable
        }
    }

    /// What happened to a request of `url` made by a page of `origin`, naming the server.
    pub fn cause(self, url: &str, origin: &str) -> String {
        let host = host(url);
        match self {
            Self::CorsRefused => format!(
                "The server at {host} answered, but it sends no CORS header allowing this page \
                 ({origin}) to read its answers (`Access-Control-Allow-Origin`)."
            ),
            Self::Unreachable => {
                let mixed = if is_mixed_content(url, origin) {
                    format!(
                        " This page is https and {host} plain http: browsers block that (mixed \
                         content) unless the server is on this computer; serve it over https."
                    )
                } else {
                    String::new()
                };
                format!(
                    "The server at {host} could not be reached: the connection was refused \
                     (nothing listening on that port), the host name did not resolve, or this \
                     computer is offline.{mixed}"
                )
            }
        }
    }
}

/// A URL data source's download of `url` that got no response (`browser_said`: the
/// browser's own message): what happened and what to do.
pub fn download_failure(url: &str, origin: &str, browser_said: &str, why: NoAnswer) -> String {
    let cause = why.cause(url, origin);
    let what_to_do = match why {
        NoAnswer::CorsRefused => format!(
            "Enable CORS for {origin} on that server, or download the file and open it with a \
             File source (“Choose file”) instead."
        ),
        NoAnswer::Unreachable => "Check the address (host and port) and that the server is \
                                  running: open the URL in a new tab to see."
            .to_string(),
    };
    format!("Could not download {url} ({browser_said}). {cause} {what_to_do}")
}

/// The `host[:port]` part of `url` (the whole text when it has no `scheme://`).
pub(crate) fn host(url: &str) -> &str {
    let url = url.trim();
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme);
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host)
}

/// An http `url` asked by an https page, to a host that is not this computer (browsers let
/// https pages call `http://localhost` and loopback addresses).
fn is_mixed_content(url: &str, origin: &str) -> bool {
    let scheme_is = |text: &str, scheme: &str| {
        text.trim()
            .get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    };
    if !(scheme_is(origin, "https://") && scheme_is(url, "http://")) {
        return false;
    }
    let host = host(url);
    let name = if host.starts_with('[') {
        host.split_once(']').map_or(host, |(name, _)| name)
    } else {
        host.split(':').next().unwrap_or(host)
    };
    let name = name.trim_start_matches('[').to_ascii_lowercase();
    let loopback = name == "localhost"
        || name.ends_with(".localhost")
        || name.starts_with("127.")
        || name == "::1";
    !loopback
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "http://127.0.0.1:8080";

    #[test]
    fn the_host_is_the_authority_without_scheme_path_or_credentials() {
        assert_eq!(host("http://127.0.0.1:47/v2/models/x"), "127.0.0.1:47");
        assert_eq!(
            host(" https://user:pw@data.example/a.csv?x=1 "),
            "data.example"
        );
        assert_eq!(host("http://[::1]:9000#top"), "[::1]:9000");
        assert_eq!(host("localhost:9000/v2"), "localhost:9000");
    }

    #[test]
    fn a_second_request_that_answered_means_cors_refused() {
        assert_eq!(NoAnswer::from_no_cors_probe(true), NoAnswer::CorsRefused);
        assert_eq!(NoAnswer::from_no_cors_probe(false), NoAnswer::Unreachable);
    }

    #[test]
    fn a_cors_refusal_says_the_server_answered_and_names_the_header_and_origin() {
        let cause = NoAnswer::CorsRefused.cause("http://127.0.0.1:5001/songs.csv", ORIGIN);
        assert_eq!(
            cause,
            "The server at 127.0.0.1:5001 answered, but it sends no CORS header allowing this \
             page (http://127.0.0.1:8080) to read its answers (`Access-Control-Allow-Origin`)."
        );
    }

    #[test]
    fn an_unreachable_server_names_refused_connection_dns_and_offline() {
        let cause = NoAnswer::Unreachable.cause("http://127.0.0.1:47/songs.csv", ORIGIN);
        assert!(
            cause.starts_with("The server at 127.0.0.1:47 could not be reached"),
            "{cause}"
        );
        for reason in ["connection was refused", "did not resolve", "offline"] {
            assert!(cause.contains(reason), "{reason}: {cause}");
        }
        assert!(
            !cause.contains("CORS") && !cause.contains("mixed"),
            "{cause}"
        );
    }

    #[test]
    fn mixed_content_is_mentioned_for_http_servers_on_other_hosts_of_an_https_page() {
        let https = "https://jukebox.example";
        let far = NoAnswer::Unreachable.cause("http://data.example/a.csv", https);
        assert!(far.contains("mixed content"), "{far}");
        for local in [
            "http://127.0.0.1:9000/",
            "http://localhost:9000/",
            "HTTP://[::1]:9000/",
        ] {
            let cause = NoAnswer::Unreachable.cause(local, https);
            assert!(!cause.contains("mixed"), "{local}: {cause}");
        }
        let secure = NoAnswer::Unreachable.cause("https://data.example/a.csv", https);
        assert!(!secure.contains("mixed"), "{secure}");
    }

    #[test]
    fn a_download_refused_by_cors_says_enable_cors_or_use_a_file_source() {
        let url = "http://127.0.0.1:5001/songs.csv";
        let text = download_failure(url, ORIGIN, "Failed to fetch", NoAnswer::CorsRefused);
        assert!(
            text.starts_with(
                "Could not download http://127.0.0.1:5001/songs.csv (Failed to fetch). The \
                 server at 127.0.0.1:5001 answered, but"
            ),
            "{text}"
        );
        assert!(
            text.ends_with(
                "Enable CORS for http://127.0.0.1:8080 on that server, or download the file \
                 and open it with a File source (“Choose file”) instead."
            ),
            "{text}"
        );
    }

    #[test]
    fn a_download_from_an_unreachable_server_says_check_the_address_not_cors() {
        let url = "http://127.0.0.1:47/songs.csv";
        let text = download_failure(url, ORIGIN, "Failed to fetch", NoAnswer::Unreachable);
        assert!(text.contains("127.0.0.1:47 could not be reached"), "{text}");
        assert!(
            text.ends_with("Check the address (host and port) and that the server is running: open the URL in a new tab to see."),
            "{text}"
        );
        assert!(!text.contains("CORS"), "{text}");
    }
}
