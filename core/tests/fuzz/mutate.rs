//! Damage made to valid inputs: byte-level (bit flips, cuts, insertions, deletions,
//! duplicated runs, splices with another valid input, huge numbers, deep nesting) and, for
//! JSON, structural (a node replaced by a huge number, another node, a long string, deep
//! nesting; elements duplicated or dropped; keys removed or renamed), so the damage reaches
//! past the parser into the checks behind it. Each step is written into the recipe.

use serde_json::Value;

use crate::harness::SplitMix;

/// How the bytes are read: text formats get text-shaped damage, binary ones integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Text,
    Binary,
}

/// Bytes worth trying at a single position.
const INTERESTING_BYTES: &[u8] = &[
    0, 0x7F, 0x80, 0xFF, 0xC3, 0xEF, b'"', b'\\', b'{', b'}', b'[', b']', b',', b':', b';', b'\t',
    b'\n', b'\r', b'0', b'-', b'e', b'.', b' ',
];

/// Short runs worth inserting into text.
const TEXT_TOKENS: &[&str] = &[
    "\"", "\"\"", "\\u", "\\ud800", "null", "true", "[]", "{}", ",", ",,,,", "\r\n", "\n\n",
    "\u{feff}", "é", "日本", "NaN", "-0", "1e", "0x10", "=", "&", "#nb=", "nb=1.", "\u{0}",
];

/// Numbers that break the assumptions of whoever reads them.
const HUGE_NUMBERS: &[&str] = &[
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "4294967296",
    "4294967295",
    "-1",
    "1e999",
    "-1e999",
    "1e-400",
    "99999999999999999999999999999999999999",
    "340282366920938463463374607431768211456",
    "0.000000000000000000000000000000000000001",
    "1.7976931348623157e308",
    "0",
];

/// Integers (little-endian) that break the assumptions of binary readers.
const HUGE_INTEGERS: &[u64] = &[
    u64::MAX,
    u64::MAX - 1,
    1 << 63,
    1 << 62,
    1 << 32,
    u32::MAX as u64,
    (u32::MAX as u64) - 1,
    1 << 31,
    u16::MAX as u64,
    0x7FF0_0000_0000_0000, // f64 infinity
    0x7FF8_0000_0000_0001, // f64 NaN
    0x7F80_0000,           // f32 infinity
    0x7FC0_0001,           // f32 NaN
    0,
    1,
];

/// `input` damaged one to four times (drawing from `donors`, other valid inputs, for
/// splices); the steps are appended to `recipe`.
pub fn bytes(
    rng: &mut SplitMix,
    input: &[u8],
    donors: &[&[u8]],
    flavor: Flavor,
    recipe: &mut Vec<String>,
) -> Vec<u8> {
    let mut out = input.to_vec();
    let steps = 1 + [0, 0, 0, 1, 1, 2, 3][rng.below(7)];
    for _ in 0..steps {
        step(rng, &mut out, donors, flavor, recipe);
    }
    out
}

fn step(
    rng: &mut SplitMix,
    out: &mut Vec<u8>,
    donors: &[&[u8]],
    flavor: Flavor,
    recipe: &mut Vec<String>,
) {
    let at = rng.below(out.len() + 1);
    match rng.below(11) {
        0 | 1 if at < out.len() => {
            let bit = rng.below(8);
            out[at] ^= 1 << bit;
            recipe.push(format!("flip bit {bit} of byte {at}"));
        }
        2 if at < out.len() => {
            let byte = *rng.pick(INTERESTING_BYTES);
            out[at] = byte;
            recipe.push(format!("byte {at} := {byte:#04x}"));
        }
        3 => {
            out.truncate(at);
            recipe.push(format!("cut at {at}"));
        }
        4 if at < out.len() => {
            let most = if rng.one_in(4) { 4096 } else { 16 };
            let end = (at + 1 + rng.below(most)).min(out.len());
            out.drain(at..end);
            recipe.push(format!("delete {at}..{end}"));
        }
        5 => {
            let inserted: Vec<u8> = if flavor == Flavor::Text && rng.one_in(2) {
                rng.pick(TEXT_TOKENS).as_bytes().to_vec()
            } else {
                (0..=rng.below(16)).map(|_| rng.byte()).collect()
            };
            recipe.push(format!("insert {inserted:?} at {at}"));
            out.splice(at..at, inserted);
        }
        6 if !out.is_empty() => duplicate(rng, out, recipe),
        7 => {
            let donor = *rng.pick(donors);
            let from = rng.below(donor.len() + 1);
            out.truncate(at);
            out.extend_from_slice(&donor[from..]);
            recipe.push(format!("splice at {at} with a donor from {from}"));
        }
        8 => huge_number(rng, out, flavor, recipe),
        9 if flavor == Flavor::Text => nest(rng, out, at, recipe),
        _ if at < out.len() => {
            out[at] = rng.byte();
            recipe.push(format!("byte {at} := random {:#04x}", out[at]));
        }
        _ => {
            out.push(rng.byte());
            recipe.push("append a random byte".into());
        }
    }
}

/// A run of the input copied elsewhere, once or many times (up to about 1 MB).
fn duplicate(rng: &mut SplitMix, out: &mut Vec<u8>, recipe: &mut Vec<String>) {
    let from = rng.below(out.len());
    let end = (from + 1 + rng.below(256)).min(out.len());
    let run = out[from..end].to_vec();
    let times = if rng.one_in(5) {
        (1 << 20) / run.len().max(1) / 4
    } else {
        1
    };
    let to = rng.below(out.len() + 1);
    recipe.push(format!("copy {from}..{end} {times} times to {to}"));
    let copies: Vec<u8> = run
        .iter()
        .copied()
        .cycle()
        .take(run.len() * times)
        .collect();
    out.splice(to..to, copies);
}

/// A number replaced by a huge or odd one: in text, a run of digits; in binary, 1 to 8
/// bytes at a random place.
fn huge_number(rng: &mut SplitMix, out: &mut Vec<u8>, flavor: Flavor, recipe: &mut Vec<String>) {
    if flavor == Flavor::Text {
        let digits: Vec<usize> = (0..out.len())
            .filter(|&i| out[i].is_ascii_digit())
            .collect();
        if digits.is_empty() {
            return;
        }
        let start = *rng.pick(&digits);
        let end = (start..out.len())
            .find(|&i| !matches!(out[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'-' | b'+'))
            .unwrap_or(out.len());
        let number = *rng.pick(HUGE_NUMBERS);
        recipe.push(format!("number at {start}..{end} := {number}"));
        out.splice(start..end, number.bytes());
    } else if !out.is_empty() {
        let value = *rng.pick(HUGE_INTEGERS);
        let width = *rng.pick(&[1, 2, 4, 8]);
        let at = rng.below(out.len());
        let end = (at + width).min(out.len());
        out[at..end].copy_from_slice(&value.to_le_bytes()[..end - at]);
        recipe.push(format!("bytes {at}..{end} := {value:#x} (le)"));
    }
}

/// Brackets opened `depth` times at `at` (and closed again, mostly).
fn nest(rng: &mut SplitMix, out: &mut Vec<u8>, at: usize, recipe: &mut Vec<String>) {
    let depth = *rng.pick(&[2, 50, 127, 128, 129, 1_000, 100_000]);
    let (open, close): (&[u8], &[u8]) = *rng.pick(&[
        (b"[".as_slice(), b"]".as_slice()),
        (b"{\"a\":".as_slice(), b"}".as_slice()),
        (b"\"".as_slice(), b"\"".as_slice()),
    ]);
    let closed = !rng.one_in(4);
    recipe.push(format!(
        "nest {depth} deep at {at}{}",
        if closed { "" } else { " (unclosed)" }
    ));
    let mut nested = open.repeat(depth);
    if closed {
        nested.extend(close.repeat(depth));
    }
    out.splice(at..at, nested);
}

/// `value` changed one to three times at random nodes.
pub fn json(rng: &mut SplitMix, value: &mut Value, recipe: &mut Vec<String>) {
    for _ in 0..=[0, 0, 1, 2][rng.below(4)] {
        let path = random_pointer(rng, value);
        let donor = value
            .pointer(&random_pointer(rng, value))
            .cloned()
            .unwrap_or(Value::Null);
        if let Some(node) = value.pointer_mut(&path) {
            let what = change(rng, node, donor);
            recipe.push(format!("{path:?}: {what}"));
        }
    }
}

/// The JSON pointer of a node found by descending from the root into random children,
/// stopping at each level once in four: every field of a record is as likely as the
/// next, however many numbers a matrix beside it holds (and it costs the depth, not the
/// size).
fn random_pointer(rng: &mut SplitMix, value: &Value) -> String {
    let mut at = String::new();
    let mut node = value;
    loop {
        let child = match node {
            Value::Array(items) if !items.is_empty() => {
                let i = rng.below(items.len());
                Some((i.to_string(), &items[i]))
            }
            Value::Object(map) if !map.is_empty() => map
                .iter()
                .nth(rng.below(map.len()))
                .map(|(key, item)| (key.replace('~', "~0").replace('/', "~1"), item)),
            _ => None,
        };
        match child {
            Some((key, item)) if !rng.one_in(4) => {
                at = format!("{at}/{key}");
                node = item;
            }
            _ => return at,
        }
    }
}

fn change(rng: &mut SplitMix, node: &mut Value, donor: Value) -> String {
    match (rng.below(10), &mut *node) {
        (0, Value::Array(items)) if !items.is_empty() => {
            let i = rng.below(items.len());
            let times = *rng.pick(&[1, 1, 2, 600]);
            let copy = items[i].clone();
            items.splice(i..i, std::iter::repeat_n(copy, times));
            format!("element {i} repeated {times} more times")
        }
        (1, Value::Array(items)) if !items.is_empty() => {
            let i = rng.below(items.len());
            items.remove(i);
            format!("element {i} removed")
        }
        (2, Value::Object(map)) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(rng.below(map.len()))
                .cloned()
                .unwrap_or_default();
            let item = map.remove(&key).unwrap_or(Value::Null);
            if rng.one_in(2) {
                map.insert(format!("{key}_"), item);
                format!("key {key:?} renamed")
            } else {
                format!("key {key:?} removed")
            }
        }
        (3, _) => {
            *node = donor;
            "replaced by another node".into()
        }
        (4, _) => {
            let depth = *rng.pick(&[3, 60, 126, 127, 200]);
            let inner = std::mem::take(node);
            *node = (0..depth).fold(inner, |v, _| Value::Array(vec![v]));
            format!("wrapped {depth} deep")
        }
        (5, _) => {
            let len = *rng.pick(&[0, 1, 300, 100_000]);
            *node = Value::String("ü".repeat(len));
            format!("a string of {len} characters")
        }
        _ => {
            let values = [
                Value::Null,
                Value::Bool(true),
                Value::from(-1),
                Value::from(0),
                Value::from(u64::MAX),
                Value::from(i64::MIN),
                Value::from(u64::from(u32::MAX) + 1),
                Value::from(1e308),
                Value::from(-0.5),
                Value::from(""),
                Value::Array(Vec::new()),
                Value::Object(serde_json::Map::new()),
            ];
            let value = rng.pick(&values).clone();
            let what = format!("replaced by {value}");
            *node = value;
            what
        }
    }
}

/// Random bytes: mostly from `alphabet`, some of any value.
pub fn random(rng: &mut SplitMix, alphabet: &[u8], max_len: usize) -> Vec<u8> {
    let len = rng.below(max_len + 1);
    (0..len)
        .map(|_| {
            if rng.one_in(20) {
                rng.byte()
            } else {
                *rng.pick(alphabet)
            }
        })
        .collect()
}
