use super::*;
use crate::explore::ExploreQuery;

fn explore(input: &str) -> CellSpec {
    CellSpec::Explore {
        input: input.into(),
        query: ExploreQuery::Describe,
    }
}

#[test]
fn changing_the_source_reruns_everything_downstream_but_not_unrelated_cells() {
    let mut notebook = course_exploration();
    notebook.cells.push(Cell::new(
        99,
        CellSpec::Source {
            source: Source::Url {
                name: "other".into(),
                url: "x.csv".into(),
            },
        },
    ));
    notebook.cells.push(Cell::new(100, explore("other")));
    let n = notebook.cells.len();
    let affected = notebook.affected_by(0);
    assert_eq!(affected, (0..n - 2).collect::<Vec<_>>());
    assert_eq!(notebook.affected_by(n - 2), vec![n - 2, n - 1]);
}

#[test]
fn changing_an_explore_cell_reruns_only_itself() {
    let notebook = course_exploration();
    assert_eq!(notebook.affected_by(3), vec![3]);
    assert!(notebook.affected_by(42).is_empty());
}

#[test]
fn a_prepare_cell_reads_its_input_and_the_joined_dataset() {
    let notebook = course_exploration();
    assert_eq!(
        notebook.cells[1].spec.inputs(),
        vec![DEMO_RANKINGS.to_string(), DEMO_PROPERTIES.to_string()]
    );
    assert_eq!(
        notebook.names_before(2),
        vec![
            DEMO_PROPERTIES.to_string(),
            DEMO_RANKINGS.to_string(),
            "charts".to_string()
        ]
    );
    assert_eq!(notebook.next_id(), notebook.cells.len() as u64 + 1);
}

#[test]
fn the_notebook_round_trips_through_json() {
    let notebook = course_exploration();
    let text = serde_json::to_string(&notebook).unwrap();
    assert!(text.contains(r#""cell":"prepare""#), "{text}");
    let back: Notebook = serde_json::from_str(&text).unwrap();
    assert_eq!(back, notebook);
}

fn with_model_cells() -> Notebook {
    use crate::train::{EvalSplit, TrainSpec};
    let mut notebook = course_exploration();
    let specs = [
        CellSpec::Train {
            input: "charts".into(),
            spec: TrainSpec::default(),
            output: "mlp".into(),
        },
        CellSpec::Evaluate {
            model: "mlp".into(),
            on: EvalSplit::Test,
        },
        CellSpec::Predict {
            model: "mlp".into(),
            songs: DEMO_PROPERTIES.into(),
            label: "Not Like Us".into(),
            song: crate::train::SongFeatures::new(),
        },
    ];
    for spec in specs {
        let id = notebook.next_id();
        notebook.cells.push(Cell::new(id, spec));
    }
    notebook
}

#[test]
fn model_cells_read_and_write_models_in_their_own_namespace() {
    let notebook = with_model_cells();
    let n = notebook.cells.len();
    let (train, evaluate, predict) = (
        &notebook.cells[n - 3],
        &notebook.cells[n - 2],
        &notebook.cells[n - 1],
    );
    assert_eq!(train.spec.inputs(), vec!["charts".to_string()]);
    assert_eq!(train.spec.outputs(), vec!["model:mlp".to_string()]);
    assert_eq!(evaluate.spec.inputs(), vec!["model:mlp".to_string()]);
    assert!(evaluate.spec.outputs().is_empty());
    assert_eq!(
        predict.spec.inputs(),
        vec!["model:mlp".to_string(), DEMO_PROPERTIES.to_string()]
    );
    assert_eq!(notebook.models_before(n - 1), vec!["mlp".to_string()]);
    assert!(notebook.models_before(n - 3).is_empty());
    // Models are not datasets: the cells below the Train cell still see only tables.
    assert!(
        !notebook
            .names_before(n)
            .iter()
            .any(|name| name.contains("mlp"))
    );
}

#[test]
fn retraining_reruns_evaluate_and_predict_and_new_data_reruns_training() {
    let notebook = with_model_cells();
    let n = notebook.cells.len();
    assert_eq!(notebook.affected_by(n - 3), vec![n - 3, n - 2, n - 1]);
    assert_eq!(notebook.affected_by(n - 2), vec![n - 2]);
    // The merge cell (1) feeds the training, hence evaluation and prediction.
    let from_merge = notebook.affected_by(1);
    assert!(
        from_merge.ends_with(&[n - 3, n - 2, n - 1]),
        "{from_merge:?}"
    );
}

#[test]
fn new_cells_read_the_newest_dataset_and_model_above_them() {
    let notebook = starter();
    let end = notebook.cells.len();
    let dataset = notebook.names_before(end).pop().unwrap();
    let model = notebook.models_before(end).pop().unwrap();
    assert_eq!(notebook.last_dataset(end), dataset);
    assert_eq!(notebook.last_model(end), model);
    assert_eq!(
        notebook.new_cell(NewCell::Prepare, end),
        CellSpec::Prepare {
            output: format!("{dataset}_prepared"),
            input: dataset.clone(),
            steps: Vec::new(),
        }
    );
    let CellSpec::Serve {
        model: read,
        served_model,
        base_url,
        ..
    } = notebook.new_cell(NewCell::Serve, end)
    else {
        panic!("a Serve cell");
    };
    assert_eq!(
        (read.as_str(), served_model.as_str()),
        (model.as_str(), model.as_str())
    );
    assert_eq!(base_url, "http://127.0.0.1:9000");
    assert!(matches!(
        notebook.new_cell(NewCell::Train, end),
        CellSpec::Train { output, spec, .. } if output == "model" && spec == TrainSpec::default()
    ));
}

#[test]
fn an_empty_notebook_gives_new_cells_no_input_and_the_model_named_model() {
    let empty = Notebook {
        version: NOTEBOOK_VERSION,
        title: String::new(),
        cells: Vec::new(),
    };
    assert_eq!(empty.last_dataset(0), "");
    assert!(matches!(
        empty.new_cell(NewCell::Evaluate, 0),
        CellSpec::Evaluate { model, on: EvalSplit::Test } if model == "model"
    ));
    assert!(matches!(
        empty.new_cell(NewCell::Source, 0),
        CellSpec::Source { source: Source::Url { name, url } } if name == "data" && url.is_empty()
    ));
    assert!(matches!(
        empty.new_cell(NewCell::LoadRun, 0),
        CellSpec::LoadRun { output, .. } if output == "saved_model"
    ));
    assert!(matches!(
        empty.new_cell(NewCell::Chart, 0),
        CellSpec::Chart { input, .. } if input.is_empty()
    ));
}

#[test]
fn dataset_names_come_from_file_names() {
    assert_eq!(
        dataset_name_for("Song Rankings (2).parquet"),
        "song_rankings_2"
    );
    assert_eq!(dataset_name_for("charts.csv"), "charts");
    assert_eq!(dataset_name_for("Überall—Daten.v2.csv"), "überall_daten_v2");
    assert_eq!(dataset_name_for("(((.csv"), "data");
    assert_eq!(dataset_name_for("no_extension"), "no_extension");
    assert_eq!(prepared_name("charts"), "charts_prepared");
}
