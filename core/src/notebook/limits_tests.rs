use base64::Engine as _;

use super::*;
use crate::chart::ChartSpec;
use crate::engine::Engine;
use crate::explore::Agg;
use crate::notebook::{Cell, CellSpec, Notebook, course_exploration, starter};
use crate::protocol::{Request, ResponseBody};
use crate::train::{ModelSpec, TrainSpec};

fn notebook_with(spec: CellSpec) -> Notebook {
    let mut notebook = starter();
    let id = notebook.cells.iter().map(|c| c.id).max().unwrap_or(0) + 1;
    notebook.cells.push(Cell::new(id, spec));
    notebook
}

fn error(spec: CellSpec) -> String {
    check_notebook(&notebook_with(spec))
        .unwrap_err()
        .to_string()
}

fn histogram(bins: usize) -> CellSpec {
    CellSpec::Chart {
        input: "songs".into(),
        chart: ChartSpec::Histogram {
            column: "tempo".into(),
            bins,
        },
    }
}

fn network(change: impl FnOnce(&mut crate::train::NetworkParams)) -> CellSpec {
    let mut spec = TrainSpec::default();
    if let ModelSpec::Network(p) = &mut spec.model {
        change(p);
    }
    CellSpec::Train {
        input: "songs".into(),
        spec,
        output: "model".into(),
    }
}

#[test]
fn the_built_in_notebooks_are_within_every_bound() {
    check_notebook(&starter()).unwrap();
    check_notebook(&course_exploration()).unwrap();
}

#[test]
fn a_billion_bin_histogram_is_refused_naming_the_cell_the_field_and_the_range() {
    let e = error(histogram(1_000_000_000));
    assert!(e.starts_with("Chart (id "), "{e}");
    assert!(
        e.ends_with("bins 1,000,000,000 is outside the allowed 1 to 1,000"),
        "{e}"
    );
    check_notebook(&notebook_with(histogram(1_000))).unwrap();
    assert!(error(histogram(0)).contains("bins 0 is outside"));
}

#[test]
fn every_costly_count_has_an_upper_bound() {
    let chart = |chart| CellSpec::Chart {
        input: "songs".into(),
        chart,
    };
    let explore = |query| CellSpec::Explore {
        input: "songs".into(),
        query,
    };
    let prepare = |step| CellSpec::Prepare {
        input: "songs".into(),
        steps: vec![step],
        output: "out".into(),
    };
    let cases: Vec<(CellSpec, &str)> = vec![
        (
            chart(ChartSpec::Scatter {
                x: "a".into(),
                y: "b".into(),
                max_points: 100_001,
            }),
            "points 100,001",
        ),
        (
            chart(ChartSpec::Bar {
                category: "a".into(),
                value: None,
                agg: Agg::Mean,
                limit: 1_001,
            }),
            "bars 1,001",
        ),
        (
            chart(ChartSpec::Line {
                x: "a".into(),
                y: "b".into(),
                series: None,
                max_series: 101,
            }),
            "lines 101",
        ),
        (
            explore(ExploreQuery::Preview {
                offset: 0,
                limit: 10_001,
            }),
            "rows 10,001",
        ),
        (
            explore(ExploreQuery::ValueCounts {
                column: "a".into(),
                limit: 1_001,
            }),
            "values 1,001",
        ),
        (
            explore(ExploreQuery::TopN {
                key: vec!["a".into()],
                value: "b".into(),
                date_column: "d".into(),
                start: String::new(),
                end: String::new(),
                n: MAX_ROWS + 1,
            }),
            "top n 10,000,001",
        ),
        (
            prepare(PrepareStep::Head { n: MAX_ROWS + 1 }),
            "step 1: head n 10,000,001",
        ),
        (
            prepare(PrepareStep::Sample {
                n: MAX_ROWS + 1,
                seed: 1,
            }),
            "step 1: sample n 10,000,001",
        ),
        (network(|p| p.hidden = vec![32; 9]), "9 hidden layers"),
        (
            network(|p| p.hidden = vec![4_097]),
            "hidden layer size 4097",
        ),
        (network(|p| p.epochs = 1_001), "epochs 1001"),
        (network(|p| p.batch_size = 65_537), "batch size 65537"),
    ];
    for (spec, expected) in cases {
        let e = error(spec);
        assert!(e.contains(expected), "{e} should contain {expected}");
    }
}

#[test]
fn the_classic_models_bounds_hold_in_a_notebook() {
    let train = |model| CellSpec::Train {
        input: "songs".into(),
        spec: TrainSpec {
            model,
            ..TrainSpec::default()
        },
        output: "model".into(),
    };
    let forest = |change: fn(&mut crate::train::ForestParams)| {
        let mut p = crate::train::ForestParams::default();
        change(&mut p);
        train(ModelSpec::RandomForest(p))
    };
    assert!(
        error(forest(|p| p.n_trees = 1_001)).contains("trees 1001 is outside 1 ≤ trees ≤ 1000")
    );
    assert!(error(forest(|p| p.max_depth = Some(65))).contains("max depth 65"));
    assert!(error(forest(|p| p.max_features = Some(1_001))).contains("features per split 1001"));
    let knn = crate::train::KnnParams {
        k: 1_001,
        ..crate::train::KnnParams::default()
    };
    assert!(error(train(ModelSpec::Knn(knn))).contains("neighbours (k) 1001"));
}

#[test]
fn long_texts_and_long_lists_are_refused_by_their_path() {
    let long = "x".repeat(MAX_TEXT_BYTES + 1);
    let e = error(CellSpec::Prepare {
        input: "songs".into(),
        steps: vec![PrepareStep::Select {
            columns: vec!["a".into(), long],
        }],
        output: "out".into(),
    });
    assert!(
        e.contains("`[0].columns[1]` is 10,241 bytes long, more than the 10,240 allowed"),
        "{e}"
    );
    let many: Vec<String> = (0..=MAX_ITEMS).map(|i| format!("c{i}")).collect();
    let e = error(CellSpec::Explore {
        input: "songs".into(),
        query: ExploreQuery::GroupBy {
            by: many,
            columns: Vec::new(),
            agg: Agg::Mean,
        },
    });
    assert!(e.contains("`by` has 1,001 entries"), "{e}");
    let markdown = |n| CellSpec::Markdown {
        text: "a".repeat(n),
    };
    check_notebook(&notebook_with(markdown(MAX_MARKDOWN_BYTES))).unwrap();
    assert!(error(markdown(MAX_MARKDOWN_BYTES + 1)).contains("text is 102,401 bytes long"));
    let mut titled = starter();
    titled.title = "t".repeat(MAX_TEXT_BYTES + 1);
    assert!(
        check_notebook(&titled)
            .unwrap_err()
            .to_string()
            .starts_with("Title cell: title is")
    );
}

#[test]
fn a_contract_file_may_be_a_megabyte_but_no_more() {
    use crate::contract::validate_cell::{ContractSource, ValidateSpec};
    let validate = |n| {
        CellSpec::Validate(ValidateSpec {
            input: "songs".into(),
            against: ContractSource::File {
                file_name: "c.json".into(),
                text: " ".repeat(n),
            },
        })
    };
    check_notebook(&notebook_with(validate(MAX_CONTRACT_BYTES))).unwrap();
    assert!(error(validate(MAX_CONTRACT_BYTES + 1)).contains("`against.text`"));
}

#[test]
fn the_engine_refuses_an_out_of_range_request_in_words_whoever_sent_it() {
    let mut engine = Engine::new();
    let body = RequestBody::Chart {
        input: "songs".into(),
        chart: ChartSpec::Histogram {
            column: "tempo".into(),
            bins: 1_000_000_000,
        },
    };
    let response = engine.handle(Request { id: 1, body }, None, &|| 0.0);
    let ResponseBody::Failed { message } = response.body else {
        panic!("expected a failure, got {:?}", response.body);
    };
    assert_eq!(
        message,
        "Chart cell: bins 1,000,000,000 is outside the allowed 1 to 1,000. Lower it to within the allowed range (the cell's editor shows it)"
    );
}

#[test]
fn every_way_in_refuses_the_same_notebook_with_the_same_words() {
    let notebook = notebook_with(histogram(1_000_000_000));
    let expected =
        crate::share::ShareError::from(check_notebook(&notebook).unwrap_err()).to_string();
    assert!(
        expected.starts_with("the notebook asks for more than Jukebox allows (Chart (id"),
        "{expected}"
    );
    let file = crate::notebook::file::to_file_bytes(&notebook);
    assert_eq!(
        crate::notebook::file::read_notebook_file(&file).unwrap_err(),
        expected
    );
    // A link checks before it is made, and again when opened: a hand-made link.
    let json = serde_json::to_vec(&notebook).unwrap();
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut encoder, &json).unwrap();
    let compressed = encoder.finish().unwrap();
    let link = format!(
        "#nb=1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(compressed)
    );
    assert_eq!(
        crate::share::decode(&link).unwrap_err().to_string(),
        expected
    );
}
