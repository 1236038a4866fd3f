//! The notebook file reader: "Download notebook" files, saved notebooks and one-notebook
//! exports, changed in their JSON structure or damaged as text, and random text.

use std::sync::Arc;

use serde_json::Value;

use jukebox_core::notebook::file::read_notebook_file;

use crate::harness::{SplitMix, Verdict, campaign};
use crate::mutate::{self, Flavor};
use crate::{TIME_LIMIT, inputs, scaled};

#[test]
fn damaged_notebook_files_never_panic_and_are_refused_in_words() {
    let files = inputs::notebook_files();
    for file in &files {
        assert!(
            read_notebook_file(file).is_ok(),
            "a real notebook file reads"
        );
    }
    let values: Vec<Value> = files
        .iter()
        .map(|f| serde_json::from_slice(f).expect("a notebook file is JSON"))
        .collect();
    let make = Arc::new(move |rng: &mut SplitMix| {
        let mut recipe = Vec::new();
        let which = rng.below(files.len());
        let bytes = match rng.below(10) {
            0..=4 => {
                recipe.push(format!("file {which}'s JSON, changed"));
                let mut value = values[which].clone();
                mutate::json(rng, &mut value, &mut recipe);
                if rng.one_in(2) {
                    serde_json::to_vec_pretty(&value).expect("JSON writes")
                } else {
                    value.to_string().into_bytes()
                }
            }
            5..=8 => {
                recipe.push(format!("file {which}, damaged"));
                let donors: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
                mutate::bytes(rng, &files[which], &donors, Flavor::Text, &mut recipe)
            }
            _ => {
                recipe.push("random text".into());
                mutate::random(rng, b"{}[]\":,0123456789.-enulltrue \n", 500)
            }
        };
        (bytes, recipe.join("; "))
    });
    let read = Arc::new(|bytes: &[u8]| match read_notebook_file(bytes) {
        Ok(_) => Verdict::Accepted,
        Err(message) => Verdict::Refused(message),
    });
    let report = campaign(
        "notebook file",
        0xF11E,
        0..scaled(6_000),
        TIME_LIMIT,
        make,
        read,
    );
    report.print();
    report.assert_clean();
}
