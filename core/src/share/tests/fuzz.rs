//! Deterministic fuzzing of `decode`: random text, every truncation and every one-character
//! change of a real link. Each must give an error, and none may panic.

use super::super::{decode, encode};
use crate::notebook::course_exploration;

const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A tiny seeded generator (`SplitMix64`), so failures reproduce.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("below n")
    }
}

#[test]
fn random_text_never_decodes_and_never_panics() {
    let mut rng = SplitMix(2024);
    for round in 0..2_000 {
        let len = rng.below(300);
        let body: String = match round % 3 {
            // Arbitrary characters, including multi-byte ones and controls.
            0 => (0..len)
                .map(|_| {
                    char::from_u32(u32::try_from(rng.below(0x3000)).expect("small")).unwrap_or('?')
                })
                .collect(),
            // Only base64url characters: exercises the decompressor on random bytes.
            1 => (0..len)
                .map(|_| char::from(BASE64URL[rng.below(64)]))
                .collect(),
            // A zlib header, then random data.
            _ => {
                let mut text = String::from("eJ");
                text.extend((0..len).map(|_| char::from(BASE64URL[rng.below(64)])));
                text
            }
        };
        let link = if round % 2 == 0 {
            format!("#nb=1.{body}")
        } else {
            body
        };
        assert!(decode(&link).is_err(), "round {round} decoded: {link:?}");
    }
}

#[test]
fn every_truncation_of_a_real_link_is_refused() {
    let link = format!(
        "https://jukebox.example/#{}",
        encode(&course_exploration()).expect("encode")
    );
    for cut in 0..link.len() {
        assert!(decode(&link[..cut]).is_err(), "cut at {cut} decoded");
    }
    assert!(decode(&link).is_ok());
}

#[test]
fn every_changed_character_of_a_real_link_is_refused() {
    let link = encode(&course_exploration()).expect("encode");
    let mut rng = SplitMix(7);
    for at in 0..link.len() {
        let old = link.as_bytes()[at];
        // Another base64url character (so base64 decodes), then a random byte-sized char.
        let mut replacement = BASE64URL[rng.below(64)];
        if replacement == old {
            replacement = if old == b'A' { b'B' } else { b'A' };
        }
        for new in [
            char::from(replacement),
            char::from(u8::try_from(rng.below(128)).expect("ascii")),
        ] {
            if new == char::from(old) {
                continue;
            }
            let mut changed = link.clone();
            changed.replace_range(at..=at, new.encode_utf8(&mut [0; 4]));
            assert!(
                decode(&changed).is_err(),
                "changing character {at} to {new:?} decoded"
            );
        }
    }
}
