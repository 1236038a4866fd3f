use jukebox_core::notebook::starter;
use jukebox_core::train::ModelSpec;

use super::*;

fn train_spec(notebook: &Notebook) -> jukebox_core::train::TrainSpec {
    notebook
        .cells
        .iter()
        .find_map(|c| match &c.spec {
            CellSpec::Train { spec, .. } => Some(spec.clone()),
            _ => None,
        })
        .unwrap()
}

fn set(notebook: &mut Notebook, arg: &str) -> Result<()> {
    apply(notebook, &parse(arg)?)
}

#[test]
fn train_epochs_sets_the_networks_epochs() {
    let mut notebook = starter();
    set(&mut notebook, "train.epochs=3").unwrap();
    let ModelSpec::Network(p) = train_spec(&notebook).model else {
        panic!("a network")
    };
    assert_eq!(p.epochs, 3);
}

#[test]
fn cells_are_found_by_position_kind_or_written_name() {
    let mut notebook = starter();
    set(&mut notebook, "course_network.seed=7").unwrap();
    assert_eq!(train_spec(&notebook).seed, 7);
    set(&mut notebook, "10.max_train_rows=none").unwrap();
    assert_eq!(train_spec(&notebook).max_train_rows, None);
    set(&mut notebook, "train.hidden=16,8").unwrap();
    let ModelSpec::Network(p) = train_spec(&notebook).model else {
        panic!("a network")
    };
    assert_eq!(p.hidden, vec![16, 8]);
    set(&mut notebook, "train.split.method=shuffled").unwrap();
    set(&mut notebook, "source.n_songs=500").unwrap();
}

#[test]
fn a_model_kind_starts_from_its_defaults() {
    let mut notebook = starter();
    set(&mut notebook, "train.model=logistic_regression").unwrap();
    assert!(matches!(
        train_spec(&notebook).model,
        ModelSpec::LogisticRegression(_)
    ));
    let error = set(&mut notebook, "train.model=svm")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`svm` is not a model. Models: network, logistic_regression"),
        "{error}"
    );
}

#[test]
fn zero_epochs_names_the_cell_and_the_field() {
    let error = set(&mut starter(), "train.epochs=0").unwrap_err();
    assert_eq!(error.exit_code(), crate::error::exit::BAD_INPUT);
    let text = error.to_string();
    assert!(
        text.starts_with(
            "--set train.epochs=0: cell 10 (Train `course_network`), field `epochs`: Train cell: epochs 0 is outside"
        ),
        "{text}"
    );
}

#[test]
fn an_unknown_field_lists_the_cells_fields() {
    let text = set(&mut starter(), "train.epoch=3")
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("cell 10 (Train `course_network`): it has no field `epoch`"),
        "{text}"
    );
    assert!(
        text.contains("epochs") && text.contains("learning_rate"),
        "{text}"
    );
}

#[test]
fn values_of_the_wrong_kind_say_so() {
    let text = set(&mut starter(), "train.epochs=many")
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("field `epochs`: `many` is not a number"),
        "{text}"
    );
    let text = set(&mut starter(), "train.epochs=-1")
        .unwrap_err()
        .to_string();
    assert!(text.contains("field `epochs`: `-1` does not fit"), "{text}");
}

#[test]
fn unknown_or_ambiguous_cells_say_how_to_name_one() {
    let text = set(&mut starter(), "model.epochs=3")
        .unwrap_err()
        .to_string();
    assert!(text.contains("no cell is named `model`"), "{text}");
    let text = set(&mut starter(), "explore.target=tempo")
        .unwrap_err()
        .to_string();
    assert!(text.contains("cells 6, 7 are all explore cells"), "{text}");
    let text = set(&mut starter(), "99.epochs=3").unwrap_err().to_string();
    let last = starter().cells.len();
    assert!(
        text.contains(&format!("the notebook has cells 1 to {last}, not 99")),
        "{text}"
    );
    let text = set(&mut starter(), "serve.x=1").unwrap_err().to_string();
    assert!(text.contains("the notebook has no serve cell"), "{text}");
    let text = parse("train.epochs").unwrap_err().to_string();
    assert!(text.contains("write it as CELL.FIELD=VALUE"), "{text}");
}
