//! The export importer: a real export (two notebooks, a run of every model kind, a cached
//! CSV file), damaged as text, changed in its structure with the content checksum made to
//! match again, and with a run's model bytes damaged and their hash and size made to match
//! (what a hostile export would do); an import that succeeds installs its models.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use jukebox_core::archive::{self, ARCHIVE_FORMAT, ARCHIVE_VERSION};
use jukebox_core::hash::sha256_hex;

use crate::codec::decode_and_use;
use crate::harness::{SplitMix, Verdict, campaign};
use crate::mutate::{self, Flavor};
use crate::{TIME_LIMIT, inputs, scaled};

/// An export file around `content`, with its checksum right.
fn envelope(content: &str) -> Vec<u8> {
    let sha256 = sha256_hex(content.as_bytes());
    format!(
        r#"{{"format":"{ARCHIVE_FORMAT}","version":{ARCHIVE_VERSION},"sha256":"{sha256}","content":{content}}}"#
    )
    .into_bytes()
}

/// A run's model bytes damaged, with the record's hash and size made to match.
fn damage_a_model(rng: &mut SplitMix, content: &mut Value, recipe: &mut Vec<String>) {
    let Some(runs) = content["runs"].as_array_mut() else {
        return;
    };
    let which = rng.below(runs.len());
    let run = &mut runs[which];
    let model = STANDARD
        .decode(run["model"].as_str().unwrap_or_default())
        .unwrap_or_default();
    recipe.push(format!(
        "run {which}'s model bytes, damaged, hash and size fixed"
    ));
    let damaged = mutate::bytes(rng, &model, &[&model], Flavor::Binary, recipe);
    run["record"]["model_sha256"] = Value::from(sha256_hex(&damaged));
    run["record"]["model_bytes"] = Value::from(damaged.len());
    run["model"] = Value::from(STANDARD.encode(&damaged));
}

#[test]
fn damaged_exports_never_panic_and_are_refused_in_words() {
    let export = inputs::export();
    assert!(
        archive::from_bytes(export).is_ok(),
        "the real export imports"
    );
    let file: Value = serde_json::from_slice(export).expect("an export is JSON");
    let content = file["content"].clone();
    let content_text = content.to_string();
    // The content as `serde_json::Value` writes it (keys sorted), its checksum made again.
    assert!(archive::from_bytes(&envelope(&content_text)).is_ok());
    let make = Arc::new(move |rng: &mut SplitMix| {
        let mut recipe = Vec::new();
        let bytes = match rng.below(20) {
            0..=7 => {
                recipe.push("content changed, checksum fixed".into());
                let mut changed = content.clone();
                mutate::json(rng, &mut changed, &mut recipe);
                envelope(&changed.to_string())
            }
            8 | 9 => {
                recipe.push("file changed".into());
                let mut changed = file.clone();
                mutate::json(rng, &mut changed, &mut recipe);
                changed.to_string().into_bytes()
            }
            10..=12 => {
                recipe.push("file damaged".into());
                mutate::bytes(rng, export, &[export], Flavor::Text, &mut recipe)
            }
            13 | 14 => {
                recipe.push("content text damaged, checksum fixed".into());
                let text = content_text.as_bytes();
                let damaged = mutate::bytes(rng, text, &[text], Flavor::Text, &mut recipe);
                envelope(&String::from_utf8_lossy(&damaged))
            }
            15..=18 => {
                let mut changed = content.clone();
                damage_a_model(rng, &mut changed, &mut recipe);
                envelope(&changed.to_string())
            }
            _ => {
                recipe.push("random text".into());
                let mut random = mutate::random(rng, b"{}[]\":,0123456789abcdef", 500);
                if rng.one_in(2) {
                    random.splice(0..0, br#"{"format":"jukebox-archive","#.iter().copied());
                }
                random
            }
        };
        (bytes, recipe.join("; "))
    });
    let read = Arc::new(|bytes: &[u8]| match archive::from_bytes(bytes) {
        // Importing installs each run's model when its notebook is opened.
        Ok(imported) => imported
            .runs
            .iter()
            .map(|run| decode_and_use(&run.model, run.record.report.clone()))
            .find(|verdict| matches!(verdict, Verdict::Refused(_)))
            .unwrap_or(Verdict::Accepted),
        Err(error) => Verdict::Refused(error.to_string()),
    });
    let report = campaign("export", 0xA4C1, 0..scaled(1_000), TIME_LIMIT, make, read);
    report.print();
    report.assert_clean();
}
