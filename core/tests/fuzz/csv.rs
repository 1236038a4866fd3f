//! The CSV reader: damaged CSV files (from polars' writing of the demo tables, the course's
//! sample, a hand-made one) and random text never panic and are refused in words.

use std::sync::Arc;

use jukebox_core::io::read_csv;

use crate::harness::{Verdict, campaign};
use crate::mutate::{self, Flavor};
use crate::{TIME_LIMIT, inputs, scaled};

const CSV_ALPHABET: &[u8] = b"abc019,;\t\"\n\r.-e ";

#[test]
fn damaged_csv_files_never_panic_and_are_refused_in_words() {
    let files = inputs::csv_files();
    let make = Arc::new(move |rng: &mut crate::harness::SplitMix| {
        let mut recipe = Vec::new();
        if rng.one_in(10) {
            recipe.push("random text".to_string());
            return (mutate::random(rng, CSV_ALPHABET, 400), recipe.join("; "));
        }
        let which = rng.below(files.len());
        recipe.push(format!("CSV file {which}"));
        let donors: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
        let bytes = mutate::bytes(rng, &files[which], &donors, Flavor::Text, &mut recipe);
        (bytes, recipe.join("; "))
    });
    let read = Arc::new(|bytes: &[u8]| match read_csv("fuzz.csv", bytes) {
        Ok(_) => Verdict::Accepted,
        Err(error) => Verdict::Refused(error.to_string()),
    });
    let report = campaign("csv", 0xC5F, 0..scaled(6_000), TIME_LIMIT, make, read);
    report.print();
    report.assert_clean();
}
