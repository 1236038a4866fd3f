//! Notebooks and data from `http://` URLs, served by a one-request server on 127.0.0.1.

// Helpers outside `#[test]` functions unwrap too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::TcpListener;

use jukebox_core::notebook::starter;

/// Serves `body` to the first request on a free port; its URL.
fn serve_once(body: Vec<u8>, status: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/notebook.jukebox.json",
        listener.local_addr().unwrap()
    );
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body).unwrap();
    });
    url
}

fn curl_missing() -> bool {
    let missing = std::process::Command::new("curl")
        .arg("--version")
        .output()
        .is_err();
    if missing {
        eprintln!("skipped: no `curl` on this machine (the CLI downloads with it)");
    }
    missing
}

#[test]
fn a_notebook_url_opens_the_notebook_it_serves() {
    if curl_missing() {
        return;
    }
    let url = serve_once(serde_json::to_vec(&starter()).unwrap(), "200 OK");
    let loaded = jukebox_cli::source::load(&url).unwrap();
    assert_eq!(loaded.notebook, starter());
    assert_eq!(loaded.origin, url);
}

#[test]
fn an_http_error_names_the_url_and_the_status() {
    if curl_missing() {
        return;
    }
    let url = serve_once(b"gone".to_vec(), "404 Not Found");
    let error = jukebox_cli::source::load(&url).unwrap_err().to_string();
    assert!(
        error.starts_with(&format!("{url} could not be downloaded")),
        "{error}"
    );
    assert!(error.contains("404"), "{error}");
}
