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
