use super::*;
use crate::explore::{ExploreOutput, ExploreQuery};
use crate::notebook::{CellSpec, Source, course_exploration};

fn small_demo() -> DemoConfig {
    DemoConfig {
        n_songs: 400,
        n_days: 5,
        ..DemoConfig::default()
    }
}

fn ask(engine: &mut Engine, body: RequestBody, bytes: Option<&[u8]>) -> ResponseBody {
    engine.handle(Request { id: 7, body }, bytes, &|| 0.0).body
}

#[test]
fn loads_the_demo_as_two_named_datasets() {
    let mut engine = Engine::new();
    let body = ask(
        &mut engine,
        RequestBody::LoadDemo {
            config: small_demo(),
        },
        None,
    );
    let ResponseBody::Loaded { summary, .. } = body else {
        panic!("expected a dataset, got {body:?}");
    };
    assert_eq!(summary.tables[1].n_rows, 73 * 50 * 5);
    assert_eq!(engine.dataset_names(), vec![DEMO_PROPERTIES, DEMO_RANKINGS]);
}

#[test]
fn a_bad_demo_setting_fails_with_a_message_not_a_panic() {
    let mut engine = Engine::new();
    let config = DemoConfig {
        n_days: 0,
        ..DemoConfig::default()
    };
    let body = ask(&mut engine, RequestBody::LoadDemo { config }, None);
    let ResponseBody::Failed { message } = body else {
        panic!("expected a failure");
    };
    assert!(message.contains("n_days"), "{message}");
}

/// Runs every cell of `notebook` on the small demo; returns the engine and how many cells
/// the page handles itself (markdown).
fn run_notebook(notebook: crate::notebook::Notebook) -> (Engine, usize) {
    let mut engine = Engine::new();
    let mut page_cells = 0;
    for cell in notebook.cells {
        let body = match cell.spec {
            CellSpec::Source {
                source: Source::Demo { .. },
            } => RequestBody::LoadDemo {
                config: small_demo(),
            },
            other => {
                let Some(body) = RequestBody::for_cell(other) else {
                    page_cells += 1;
                    continue;
                };
                body
            }
        };
        let answer = ask(&mut engine, body, None);
        assert!(
            !matches!(answer, ResponseBody::Failed { .. }),
            "cell {} failed: {answer:?}",
            cell.id
        );
    }
    (engine, page_cells)
}

#[test]
fn runs_the_course_exploration_notebook_cell_by_cell() {
    let (engine, _) = run_notebook(course_exploration());
    assert!(engine.dataset_names().contains(&"charts"));
}

#[test]
fn the_starter_notebook_runs_from_the_demo_to_a_prediction() {
    let (engine, markdown) = run_notebook(crate::notebook::starter());
    assert!(engine.dataset_names().contains(&"charts"));
    assert!(
        engine.model_names().contains(&"course_network"),
        "{:?}",
        engine.model_names()
    );
    assert_eq!(
        markdown, 6,
        "the starter explains each step (an intro, five sections)"
    );
}

#[test]
fn reading_an_unknown_dataset_names_the_loaded_ones() {
    let mut engine = Engine::new();
    ask(
        &mut engine,
        RequestBody::LoadDemo {
            config: small_demo(),
        },
        None,
    );
    let body = ask(
        &mut engine,
        RequestBody::Explore {
            input: "nope".into(),
            query: ExploreQuery::Describe,
        },
        None,
    );
    let ResponseBody::Failed { message } = body else {
        panic!("expected a failure, got {body:?}");
    };
    assert!(message.contains("`nope`"), "{message}");
    assert!(message.contains("song_rankings"), "{message}");
}

#[test]
fn loads_a_csv_file_from_bytes_and_explores_it() {
    let mut engine = Engine::new();
    let csv = b"a,b\n1,x\n2,y\n3,\n";
    let body = ask(
        &mut engine,
        RequestBody::LoadFile {
            name: "t".into(),
            file_name: "t.csv".into(),
        },
        Some(csv),
    );
    let ResponseBody::Loaded { summary, .. } = body else {
        panic!("expected a dataset, got {body:?}");
    };
    assert_eq!(summary.tables[0].n_rows, 3);
    let body = ask(
        &mut engine,
        RequestBody::Explore {
            input: "t".into(),
            query: ExploreQuery::Describe,
        },
        None,
    );
    let ResponseBody::Explored {
        output: ExploreOutput::Describe { rows },
        ..
    } = body
    else {
        panic!("expected describe, got {body:?}");
    };
    assert_eq!(rows[0].mean, Some(2.0));
}

#[test]
fn a_file_request_without_bytes_fails_and_keeps_what_is_loaded() {
    let mut engine = Engine::new();
    ask(
        &mut engine,
        RequestBody::LoadDemo {
            config: small_demo(),
        },
        None,
    );
    let body = ask(
        &mut engine,
        RequestBody::LoadFile {
            name: "t".into(),
            file_name: "t.csv".into(),
        },
        None,
    );
    assert!(matches!(body, ResponseBody::Failed { .. }), "{body:?}");
    assert_eq!(engine.dataset_names().len(), 2);
}

#[test]
fn a_url_names_its_file() {
    assert_eq!(
        file_name_of_url("https://h/d/song_rankings.parquet?x=1"),
        "song_rankings.parquet"
    );
    assert_eq!(file_name_of_url("data.csv"), "data.csv");
}

fn loaded_engine() -> Engine {
    let mut engine = Engine::new();
    ask(
        &mut engine,
        RequestBody::LoadDemo {
            config: small_demo(),
        },
        None,
    );
    engine
}

#[test]
fn evaluating_an_unknown_model_names_the_trained_ones() {
    let mut engine = loaded_engine();
    let body = ask(
        &mut engine,
        RequestBody::Evaluate {
            model: "mlp".into(),
            on: crate::train::EvalSplit::Test,
        },
        None,
    );
    let ResponseBody::Failed { message } = body else {
        panic!("expected a failure, got {body:?}");
    };
    assert!(
        message.contains("`mlp`") && message.contains("none yet"),
        "{message}"
    );
}

#[test]
fn searches_songs_of_a_dataset_and_lists_presets_for_an_empty_query() {
    let mut engine = loaded_engine();
    let body = ask(
        &mut engine,
        RequestBody::SearchSongs {
            input: DEMO_PROPERTIES.into(),
            query: "  ".into(),
            limit: 10,
        },
        None,
    );
    let ResponseBody::Songs { hits } = body else {
        panic!("expected songs, got {body:?}");
    };
    assert_eq!(hits[0].name, "Not Like Us");
    // Take a demo song's name and find it again by its first word.
    let df = engine.dataset(DEMO_PROPERTIES).unwrap();
    let name = df
        .column("name")
        .unwrap()
        .str()
        .unwrap()
        .get(0)
        .unwrap()
        .to_string();
    let word = name.split_whitespace().next().unwrap().to_string();
    let body = ask(
        &mut engine,
        RequestBody::SearchSongs {
            input: DEMO_PROPERTIES.into(),
            query: word.clone(),
            limit: 5,
        },
        None,
    );
    let ResponseBody::Songs { hits } = body else {
        panic!("expected songs, got {body:?}");
    };
    assert!(!hits.is_empty() && hits.len() <= 5);
    let word = crate::train::songs::fold(&word);
    assert!(hits.iter().all(|h| {
        crate::train::songs::fold(&h.name).contains(&word)
            || crate::train::songs::fold(&h.artists).contains(&word)
    }));
}

#[test]
fn a_cancel_of_nothing_running_is_answered_without_harm() {
    let mut engine = loaded_engine();
    let body = ask(&mut engine, RequestBody::Cancel { id: 3 }, None);
    let ResponseBody::Failed { message } = body else {
        panic!("expected a no-op answer, got {body:?}");
    };
    assert!(message.contains("nothing to cancel"), "{message}");
    assert_eq!(engine.dataset_names().len(), 2);
}
