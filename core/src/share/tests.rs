use std::collections::BTreeMap;
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::inflate::{compress, decompress_bounded};
use super::{MAX_CELLS, MAX_INFLATED_BYTES, MAX_LINK_CHARS, ShareError, decode, encode};
use crate::notebook::{Cell, CellSpec, Notebook, Source, course_exploration};
use crate::train::{EvalSplit, ModelSpec, NetworkParams, TrainSpec};

mod fuzz;

/// A notebook with a cell of every kind and each kind of source.
fn every_kind() -> Notebook {
    let mut notebook = course_exploration();
    let song: BTreeMap<String, f64> = [
        ("tempo", 0.1 + 0.2),
        ("loudness", -5.123_456_789_012_345),
        ("energy", 1e-300),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let specs = [
        CellSpec::Source {
            source: Source::File {
                name: "mine".into(),
                file_name: "charts 2024 (é).parquet".into(),
                size: 123_456_789,
                sha256: "ab".repeat(32),
            },
        },
        CellSpec::Source {
            source: Source::Url {
                name: "remote".into(),
                url: "https://example.com/charts.csv?x=1&y=2#frag".into(),
            },
        },
        CellSpec::Markdown {
            text: "# Étape 2\n\n*Entraîner* le réseau — `fit()` 🎵 <b>raw</b>".into(),
        },
        CellSpec::Train {
            input: "charts".into(),
            spec: TrainSpec {
                model: ModelSpec::Network(NetworkParams::default()),
                max_train_rows: Some(50_000),
                seed: 7,
                ..TrainSpec::default()
            },
            output: "mlp".into(),
        },
        CellSpec::Evaluate {
            model: "mlp".into(),
            on: EvalSplit::Validation,
        },
        CellSpec::Predict {
            model: "mlp".into(),
            songs: "song_properties".into(),
            label: "Not Like Us".into(),
            song,
        },
        CellSpec::LoadRun {
            run: "run-m1abc-xyz".into(),
            output: "from_run".into(),
        },
    ];
    for spec in specs {
        let id = notebook.next_id();
        notebook.cells.push(Cell::new(id, spec));
    }
    notebook
}

/// A link whose data is `json` compressed, as `encode` would write it.
fn link_of_json(json: &str) -> String {
    let compressed = compress(json.as_bytes()).expect("compress");
    format!("nb=1.{}", URL_SAFE_NO_PAD.encode(compressed))
}

#[test]
fn course_notebook_round_trips_through_a_link() {
    let notebook = course_exploration();
    let link = encode(&notebook).expect("encode");
    let json_bytes = serde_json::to_vec(&notebook).expect("json").len();
    println!(
        "course notebook: {json_bytes} bytes of JSON → link of {} characters",
        link.len()
    );
    assert!(link.starts_with("nb=1."));
    assert!(link.len() < json_bytes, "compression pays for base64");
    assert_eq!(decode(&link).expect("decode"), notebook);
}

#[test]
fn every_cell_kind_round_trips_through_a_link() {
    let notebook = every_kind();
    let link = encode(&notebook).expect("encode");
    println!("every-kind notebook: link of {} characters", link.len());
    let back = decode(&link).expect("decode");
    assert_eq!(back, notebook);
    let file = back.cells.iter().find_map(|c| match &c.spec {
        CellSpec::Source {
            source: Source::File { size, sha256, .. },
        } => Some((*size, sha256.clone())),
        _ => None,
    });
    assert_eq!(
        file,
        Some((123_456_789, "ab".repeat(32))),
        "the file's size and hash travel"
    );
}

#[test]
fn decode_accepts_a_whole_url_a_fragment_or_the_payload() {
    let notebook = course_exploration();
    let link = encode(&notebook).expect("encode");
    for text in [
        link.clone(),
        format!("#{link}"),
        format!("https://jukebox.example/app/#{link}"),
        format!("  https://jukebox.example/?x=1#{link}\n"),
        format!("#/notebook&{link}&other=2"),
    ] {
        assert_eq!(decode(&text).expect(&text), notebook);
    }
}

#[test]
fn links_past_the_cap_are_refused_with_what_to_do() {
    let mut notebook = course_exploration();
    // Text that does not compress: a pseudo-random walk over letters.
    let mut state = 12_345_u64;
    let text: String = (0..60_000)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            char::from(b'a' + u8::try_from((state >> 33) % 26).expect("below 26"))
        })
        .collect();
    notebook
        .cells
        .push(Cell::new(999, CellSpec::Markdown { text }));
    let error = encode(&notebook).expect_err("too long");
    let ShareError::TooLong { chars, max } = error else {
        panic!("{error:?}")
    };
    assert!(
        chars > MAX_LINK_CHARS && max == MAX_LINK_CHARS,
        "{chars} {max}"
    );
    let message = error.to_string();
    assert!(
        message.contains("Remove or shorten cells") && message.contains("Export"),
        "{message}"
    );
}

#[test]
fn text_without_a_notebook_is_not_a_link() {
    for text in [
        "",
        "https://jukebox.example/#/runs",
        "xnb=1.abc",
        "#/notebook?snb=1.abc",
    ] {
        assert_eq!(decode(text), Err(ShareError::NotALink), "{text:?}");
    }
    assert!(
        ShareError::NotALink
            .to_string()
            .contains("not a Jukebox notebook link")
    );
}

#[test]
fn a_newer_link_format_says_a_newer_jukebox_made_it() {
    let error = decode("#nb=2.eJyrVkosLcmPz8svSy0qVrJSMlSqBQA").expect_err("newer");
    assert_eq!(
        error,
        ShareError::NewerLink {
            version: 2,
            supported: 1
        }
    );
    assert!(
        error.to_string().contains("made by a newer Jukebox"),
        "{error}"
    );
}

#[test]
fn an_unknown_link_format_is_named() {
    assert_eq!(
        decode("nb=x1.abc"),
        Err(ShareError::UnknownVersion {
            version: "x1".into()
        })
    );
    assert_eq!(
        decode("nb=1abc"),
        Err(ShareError::UnknownVersion {
            version: "1abc".into()
        })
    );
    assert_eq!(
        decode("nb=0.abc"),
        Err(ShareError::UnknownVersion {
            version: "0".into()
        })
    );
    assert_eq!(
        decode("nb=+2.abc"),
        Err(ShareError::UnknownVersion {
            version: "+2".into()
        })
    );
}

#[test]
fn a_character_outside_base64url_is_named_with_its_position() {
    let link = format!("#{}", encode(&course_exploration()).expect("encode"));
    let mut damaged = link.clone();
    damaged.replace_range(40..41, "%");
    let error = decode(&damaged).expect_err("damaged");
    assert_eq!(
        error,
        ShareError::BadCharacter {
            position: 41,
            character: '%'
        }
    );
    assert!(error.to_string().contains("'%' at character 41"), "{error}");
    let mut accented = link;
    accented.replace_range(20..21, "é");
    assert_eq!(
        decode(&accented),
        Err(ShareError::BadCharacter {
            position: 21,
            character: 'é'
        })
    );
}

#[test]
fn a_cut_link_says_it_is_cut_short() {
    let link = encode(&course_exploration()).expect("encode");
    // Cut on a 4-character boundary, so base64 decodes and the stream itself ends early.
    let data_len = link.len() - "nb=1.".len();
    let cut = &link[..link.len() - data_len % 4 - 8];
    let error = decode(cut).expect_err("cut");
    assert_eq!(error, ShareError::Truncated);
    assert!(error.to_string().contains("cut short"), "{error}");
}

#[test]
fn a_changed_byte_is_caught_as_damage() {
    let notebook_json = serde_json::to_vec(&course_exploration()).expect("json");
    let mut compressed = compress(&notebook_json).expect("compress");
    let last = compressed.len() - 1;
    compressed[last] ^= 0x01; // the Adler-32 checksum's last byte
    let link = format!("nb=1.{}", URL_SAFE_NO_PAD.encode(&compressed));
    let error = decode(&link).expect_err("damaged");
    assert!(matches!(error, ShareError::Corrupt { .. }), "{error:?}");
    assert!(
        error.to_string().starts_with("the link is damaged ("),
        "{error}"
    );
    let extra = format!(
        "nb=1.{}",
        URL_SAFE_NO_PAD.encode([compress(&notebook_json).expect("c"), vec![1, 2, 3]].concat())
    );
    assert_eq!(
        decode(&extra),
        Err(ShareError::Corrupt {
            reason: "3 bytes follow the end of the notebook".into()
        })
    );
}

#[test]
fn json_that_is_not_a_notebook_is_refused_with_where() {
    let error = decode(&link_of_json("{\"version\":1,\n\"cells\":[]}")).expect_err("no title");
    let ShareError::NotANotebook { reason } = &error else {
        panic!("{error:?}")
    };
    assert!(
        reason.contains("missing field `title`") && reason.contains("line 2"),
        "{reason}"
    );
    assert!(
        error
            .to_string()
            .starts_with("the link's data is not a notebook"),
        "{error}"
    );
    assert!(matches!(
        decode(&link_of_json("[1,2,3]")),
        Err(ShareError::NotANotebook { .. })
    ));
}

#[test]
fn a_notebook_from_a_newer_jukebox_is_refused() {
    let error =
        decode(&link_of_json(r#"{"version":2,"title":"t","cells":[]}"#)).expect_err("newer");
    assert_eq!(
        error,
        ShareError::NewerNotebook {
            version: 2,
            supported: 1
        }
    );
    assert!(
        error.to_string().contains("saved by a newer Jukebox"),
        "{error}"
    );
}

#[test]
fn too_many_cells_and_duplicate_ids_are_refused() {
    let cells: Vec<String> = (0..=MAX_CELLS)
        .map(|id| format!(r#"{{"id":{id},"spec":{{"cell":"markdown","text":""}}}}"#))
        .collect();
    let json = format!(
        r#"{{"version":1,"title":"t","cells":[{}]}}"#,
        cells.join(",")
    );
    let error = decode(&link_of_json(&json)).expect_err("too many");
    assert_eq!(
        error,
        ShareError::TooManyCells {
            cells: MAX_CELLS + 1,
            max: MAX_CELLS
        }
    );
    assert!(error.to_string().contains("Split it"), "{error}");

    let mut notebook = course_exploration();
    notebook.cells[3].id = notebook.cells[1].id;
    let duplicate = notebook.cells[1].id;
    assert_eq!(
        encode(&notebook),
        Err(ShareError::DuplicateCellId { id: duplicate })
    );
    let json = serde_json::to_string(&notebook).expect("json");
    let error = decode(&link_of_json(&json)).expect_err("duplicate");
    assert_eq!(error, ShareError::DuplicateCellId { id: duplicate });
    assert!(
        error
            .to_string()
            .contains(&format!("two cells with id {duplicate}")),
        "{error}"
    );
}

#[test]
#[allow(clippy::disallowed_methods)] // native timing, printed only; never built for wasm32
fn a_decompression_bomb_is_refused_at_the_cap() {
    // 16 MiB of spaces compress to ~16 KiB: a link under the length cap.
    let bomb = compress(&vec![b' '; 16 << 20]).expect("compress");
    let link = format!("nb=1.{}", URL_SAFE_NO_PAD.encode(&bomb));
    assert!(
        link.len() < MAX_LINK_CHARS,
        "the bomb passes the length check: {}",
        link.len()
    );
    let started = Instant::now();
    let error = decode(&link).expect_err("bomb");
    println!(
        "bomb: {} link characters → refused in {:?}",
        link.len(),
        started.elapsed()
    );
    assert_eq!(
        error,
        ShareError::TooLarge {
            max: MAX_INFLATED_BYTES
        }
    );
    assert!(
        error.to_string().contains("more than any notebook"),
        "{error}"
    );
}

#[test]
fn bounded_decompression_never_reserves_past_its_cap() {
    let data: Vec<u8> = (0..100_000_u32).map(|i| (i % 251) as u8).collect();
    let compressed = compress(&data).expect("compress");
    let out = decompress_bounded(&compressed, data.len()).expect("fits exactly");
    assert_eq!(out, data);
    assert!(
        out.capacity() <= data.len(),
        "capacity {} > cap {}",
        out.capacity(),
        data.len()
    );
    assert_eq!(
        decompress_bounded(&compressed, data.len() - 1),
        Err(ShareError::TooLarge {
            max: data.len() - 1
        })
    );
}
