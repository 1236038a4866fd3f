//! The share-link decoder: the starter notebook's real link, damaged in the link text, in
//! the compressed bytes, and in the notebook's JSON before it is packed again (so the
//! damage gets past base64, zlib and its checksum into the notebook's checks).

use std::io::Write;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use flate2::Compression;
use flate2::write::ZlibEncoder;
use serde_json::Value;

use jukebox_core::notebook::file::to_file_bytes;
use jukebox_core::share;

use crate::harness::{SplitMix, Verdict, campaign};
use crate::mutate::{self, Flavor};
use crate::{TIME_LIMIT, inputs, scaled};

const BASE: &str = "https://jukebox.example/#";
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A link as Share makes it, around any bytes: zlib, base64url, `nb=1.`.
pub fn link_of(json: &[u8]) -> String {
    format!("{BASE}nb=1.{}", URL_SAFE_NO_PAD.encode(zlib(json)))
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("writes to memory");
    encoder.finish().expect("writes to memory")
}

#[test]
fn damaged_share_links_never_panic_and_are_refused_in_words() {
    let notebooks = inputs::notebooks();
    let values: Vec<Value> = notebooks
        .iter()
        .map(|n| serde_json::to_value(n).expect("a notebook is JSON"))
        .collect();
    let jsons: Vec<Vec<u8>> = values.iter().map(|v| v.to_string().into_bytes()).collect();
    let links: Vec<String> = notebooks
        .iter()
        .map(|n| {
            format!(
                "{BASE}{}",
                share::encode(n).expect("a real notebook encodes")
            )
        })
        .collect();
    assert_eq!(share::decode(&links[0]).ok().as_ref(), Some(&notebooks[0]));
    let make = Arc::new(move |rng: &mut SplitMix| {
        let mut recipe = Vec::new();
        // The starter mostly; the course exploration as the other notebook.
        let which = usize::from(rng.one_in(4));
        let link = match rng.below(20) {
            0..=6 => {
                recipe.push(format!("notebook {which}'s JSON, changed"));
                let mut value = values[which].clone();
                mutate::json(rng, &mut value, &mut recipe);
                link_of(value.to_string().as_bytes())
            }
            7..=10 => {
                recipe.push(format!("notebook {which}'s JSON text, damaged"));
                let donors: Vec<&[u8]> = jsons.iter().map(Vec::as_slice).collect();
                link_of(&mutate::bytes(
                    rng,
                    &jsons[which],
                    &donors,
                    Flavor::Text,
                    &mut recipe,
                ))
            }
            11..=16 => {
                recipe.push(format!("link {which}, damaged"));
                let donors: Vec<&[u8]> = links.iter().map(String::as_bytes).collect();
                let bytes = mutate::bytes(
                    rng,
                    links[which].as_bytes(),
                    &donors,
                    Flavor::Text,
                    &mut recipe,
                );
                String::from_utf8_lossy(&bytes).into_owned()
            }
            17 | 18 => {
                recipe.push(format!("link {which}'s compressed bytes, damaged"));
                let packed = zlib(&jsons[which]);
                let damaged = mutate::bytes(rng, &packed, &[&packed], Flavor::Binary, &mut recipe);
                format!("{BASE}nb=1.{}", URL_SAFE_NO_PAD.encode(damaged))
            }
            _ => {
                recipe.push("random base64url".into());
                let random = mutate::random(rng, BASE64URL, 600);
                format!("#nb=1.{}", String::from_utf8_lossy(&random))
            }
        };
        (link.into_bytes(), recipe.join("; "))
    });
    let read = Arc::new(|bytes: &[u8]| {
        let link = String::from_utf8_lossy(bytes);
        match share::decode(&link) {
            // What opening it does next: the checks again, Markdown shown, saving it.
            Ok(notebook) => {
                assert_eq!(share::check(&notebook), Ok(()));
                for cell in &notebook.cells {
                    if let jukebox_core::notebook::CellSpec::Markdown { text } = &cell.spec {
                        jukebox_core::markdown::render(text);
                    }
                }
                to_file_bytes(&notebook);
                Verdict::Accepted
            }
            Err(error) => Verdict::Refused(error.to_string()),
        }
    });
    let report = campaign("share", 0x5A4E, 0..scaled(6_000), TIME_LIMIT, make, read);
    report.print();
    report.assert_clean();
}
