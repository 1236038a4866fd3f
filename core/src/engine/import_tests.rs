//! `ReadArchive`: an export file read and checked by the engine (the page only stores the
//! answer), through `Engine::handle` and the protocol's JSON as the worker and page see it.

use super::*;
use crate::archive::{self, ArchiveError, MAX_IMPORT_BYTES};
use crate::notebook::trust::Consent;
use crate::protocol::{decode, encode};

fn read(engine: &mut Engine, bytes: Option<&[u8]>) -> ResponseBody {
    let request = Request {
        id: 11,
        body: RequestBody::ReadArchive {
            file_name: "jukebox-export.json".into(),
        },
    };
    engine.handle(request, bytes, &|| 0.0).body
}

fn failure(body: ResponseBody) -> String {
    match body {
        ResponseBody::Failed { message } => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_export_comes_back_as_its_archive_with_every_notebook_untrusted() {
    let original = archive::tests::archive();
    assert!(
        original.notebooks[0].consent.is_trusted(),
        "the exporter's own notebook"
    );
    let body = read(&mut Engine::new(), Some(&archive::to_bytes(&original)));
    let ResponseBody::ArchiveRead { archive } = body else {
        panic!("expected the archive, got {body:?}");
    };
    assert_eq!(archive.notebooks[0].consent, Consent::untrusted());
    assert_eq!(archive.runs, original.runs, "models byte for byte");
    assert_eq!(
        archive.datasets, original.datasets,
        "kept files byte for byte"
    );
    let mut expected = original;
    expected.notebooks[0].consent = Consent::untrusted();
    assert_eq!(*archive, expected, "nothing else changed");
}

#[test]
fn the_answer_crosses_to_the_page_and_back_unchanged() {
    let original = archive::tests::archive();
    let request = Request {
        id: 3,
        body: RequestBody::ReadArchive {
            file_name: "jukebox-export.json".into(),
        },
    };
    let text = encode(&request).expect("encode");
    assert_eq!(
        text,
        r#"{"id":3,"body":{"kind":"read_archive","file_name":"jukebox-export.json"}}"#
    );
    assert_eq!(decode::<Request>(&text).expect("decode"), request);
    let response = Engine::new().handle(request, Some(&archive::to_bytes(&original)), &|| 0.0);
    let text = encode(&response).expect("encode");
    let back: Response = decode(&text).expect("decode");
    assert_eq!(back, response);
    let ResponseBody::ArchiveRead { archive } = back.body else {
        panic!("expected the archive, got {:?}", back.body);
    };
    assert_eq!(archive.runs[0].model, original.runs[0].model);
}

#[test]
fn a_damaged_export_is_refused_in_the_archives_words_and_the_engine_keeps_working() {
    let mut engine = Engine::new();
    let demo = RequestBody::LoadDemo {
        config: DemoConfig {
            n_songs: 200,
            n_days: 2,
            ..DemoConfig::default()
        },
    };
    assert!(matches!(
        engine
            .handle(Request { id: 1, body: demo }, None, &|| 0.0)
            .body,
        ResponseBody::Loaded { .. }
    ));
    let bytes = archive::to_bytes(&archive::tests::archive());
    let cut = &bytes[..bytes.len() / 2];
    let message = failure(read(&mut engine, Some(cut)));
    let expected = archive::from_bytes(cut)
        .expect_err("a cut export")
        .to_string();
    assert_eq!(message, expected);
    assert!(message.starts_with("the export is damaged"), "{message}");
    // One changed byte inside a model: named by its run.
    let mut changed = bytes.clone();
    let at = String::from_utf8_lossy(&bytes)
        .find(r#""model":"AAEC"#)
        .expect("run-a's model")
        + 10;
    changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
    let message = failure(read(&mut engine, Some(&changed)));
    assert!(message.contains("run `run-a`"), "{message}");
    let message = failure(read(&mut engine, Some(b"{\"hello\": 1}")));
    assert!(
        message.starts_with("this is not a Jukebox export"),
        "{message}"
    );
    assert_eq!(
        engine.dataset_names(),
        vec![DEMO_PROPERTIES, DEMO_RANKINGS],
        "what the engine held is still there"
    );
}

#[test]
fn an_export_that_did_not_reach_the_engine_says_to_pick_it_again() {
    let message = failure(read(&mut Engine::new(), None));
    assert!(
        message.contains("`jukebox-export.json` did not reach the engine. Pick the file again"),
        "{message}"
    );
}

#[test]
fn an_export_over_the_cap_is_refused_by_its_size_before_it_is_read() {
    assert_eq!(archive::check_import_size(MAX_IMPORT_BYTES), Ok(()));
    let error = archive::check_import_size(MAX_IMPORT_BYTES + 1).expect_err("too large");
    assert_eq!(
        error,
        ArchiveError::TooLarge {
            n_bytes: MAX_IMPORT_BYTES + 1
        }
    );
    assert_eq!(
        error.to_string(),
        "it is 1.1 GB, more than an export may be (1 GB)"
    );
    let error = archive::check_import_size(1_500_000_000).expect_err("too large");
    assert_eq!(
        error.to_string(),
        "it is 1.5 GB, more than an export may be (1 GB)"
    );
}
