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
    notebook.cells.push(Cell {
        id: 99,
        spec: CellSpec::Source {
            source: Source::Url {
                name: "other".into(),
                url: "x.csv".into(),
            },
        },
    });
    notebook.cells.push(Cell {
        id: 100,
        spec: explore("other"),
    });
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
