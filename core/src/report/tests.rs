use super::*;
use crate::explore::{DescribeRow, ExploreOutput};
use crate::notebook::{Cell, CellSpec, starter};
use crate::runs::fixtures;

/// The starter notebook as if every cell had run: the Markdown cells with nothing to show,
/// each Explore cell a `describe()`, the Train cell the fixtures' run, Evaluate its scores.
fn ran(notebook: &Notebook) -> (Vec<CellResult>, RunRecord) {
    let record = fixtures::run(
        "run-a",
        0.0,
        65_000.0,
        &[vec![5, 1, 0], vec![1, 4, 1], vec![0, 2, 6]],
    );
    let cells = notebook
        .cells
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let outputs = match &cell.spec {
                CellSpec::Explore { .. } => vec![Output::Explored(ExploreOutput::Describe {
                    rows: vec![DescribeRow {
                        column: "danceability".into(),
                        count: 1_000,
                        mean: Some(0.712_345_6),
                        std: Some(0.1),
                        min: Some(0.0),
                        q25: Some(0.6),
                        q50: Some(0.7),
                        q75: Some(0.8),
                        max: Some(1.0),
                    }],
                })],
                CellSpec::Train { .. } => vec![Output::Trained(Box::new(record.report.clone()))],
                CellSpec::Evaluate { .. } => vec![Output::Evaluated(Box::new(
                    record
                        .evaluation
                        .clone()
                        .unwrap_or_else(|| fixtures::evaluation(&[vec![1]])),
                ))],
                _ => Vec::new(),
            };
            CellResult {
                index: i + 1,
                id: cell.id,
                kind: crate::notebook::labels::kind_key(&cell.spec),
                label: crate::notebook::labels::label(&cell.spec),
                status: Status::Done,
                elapsed_ms: Some(1_500.0),
                outputs,
            }
        })
        .collect();
    (cells, record)
}

fn input<'a>(
    notebook: &'a Notebook,
    cells: &'a [CellResult],
    record: &'a RunRecord,
) -> ReportInput<'a> {
    let train = notebook
        .cells
        .iter()
        .position(|c| matches!(c.spec, CellSpec::Train { .. }))
        .map_or(0, |i| i + 1);
    ReportInput {
        notebook,
        made_by: "Exported from Jukebox 0.5.0 on 2026-12-07 14:31 UTC".into(),
        cells,
        elapsed_ms: 75_000.0,
        runs: vec![(train, record)],
        gates: &[],
        contracts: &[],
        pictures: vec![Picture {
            title: "Songs per country".into(),
            src: png_data_url(&[0x89, b'P', b'N', b'G', 13, 10, 26, 10]),
        }],
        files: &[],
        notes: &[],
    }
}

#[test]
fn the_report_tells_cells_settings_runs_metrics_tables_and_notes() {
    let notebook = starter();
    let (cells, record) = ran(&notebook);
    let md = build(&input(&notebook, &cells, &record)).to_markdown();
    for expected in [
        "# Jukebox: from charts to a model\n",
        "Exported from Jukebox 0.5.0 on 2026-12-07 14:31 UTC",
        "## Cells",
        "## Cell settings",
        "## Training",
        "Run `run-a` on `train_table` in 1 min 05 s",
        "| `charts` | demo seed 42 v1 | 1,000 | 1 | `3f2a9c01d4e5` |",
        "| Epoch | Loss | Accuracy | Validation loss | Validation accuracy |",
        "## Evaluation",
        "| Top-5 accuracy |",
        "## Explore",
        "| danceability | 1000 | 0.7123 | 0.1000 |",
        "## Notes",
        "![Songs per country](data:image/png;base64,iVBORw0KGgo=)",
    ] {
        assert!(
            md.contains(expected),
            "the report lacks {expected:?}:\n{md}"
        );
    }
}

#[test]
fn markdown_and_html_say_the_same() {
    let notebook = starter();
    let (cells, record) = ran(&notebook);
    let doc = build(&input(&notebook, &cells, &record));
    let html = doc.to_html("Jukebox 0.5.0");
    for block in &doc.blocks {
        let spans: Vec<&Span> = match block {
            Block::Heading(_, line) | Block::Paragraph(line) => line.iter().collect(),
            Block::Table(t) => t.rows.iter().flatten().flatten().collect(),
            Block::List(items) => items.iter().flatten().collect(),
            Block::Image { .. } | Block::Markdown(_) => Vec::new(),
        };
        for span in spans {
            let (Span::Text(t) | Span::Strong(t) | Span::Code(t)) = span;
            assert!(html.contains(&escape_html(t)), "the HTML lacks {t:?}");
        }
    }
    assert!(html.contains("<h2>Training</h2>"));
    assert!(
        html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"Songs per country\">")
    );
    assert!(
        html.contains("<td class=\"num\">0.7123</td>"),
        "numbers align right"
    );
    assert!(html.contains("@media print"), "a print stylesheet");
}

#[test]
fn a_strangers_notebook_cannot_script_or_call_out_from_the_report() {
    let mut notebook = starter();
    notebook.title = "<script>alert(1)</script> & co".into();
    notebook.cells.push(Cell::new(
        99,
        CellSpec::Markdown {
            text: "<img src=x onerror=alert(1)> ![pixel](https://tracker.example/p.png) [ok](javascript:alert(1))".into(),
        },
    ));
    let (cells, record) = ran(&notebook);
    let html = build(&input(&notebook, &cells, &record)).to_html("Jukebox \"0.5\"");
    assert!(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>"));
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<img src=x"), "raw HTML stays text");
    assert!(
        !html.contains("src=\"https://tracker.example"),
        "no image from another site"
    );
    assert!(!html.contains("href=\"javascript:"), "no script URL");
    assert!(html.contains(
        "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\""
    ));
    assert!(html.contains("content=\"Jukebox &quot;0.5&quot;\""));
}

#[test]
fn table_text_stays_in_its_cell_and_failures_stand_out() {
    let notebook = starter();
    let (mut cells, record) = ran(&notebook);
    cells[1].status = Status::Failed("no file | named\nx.csv".into());
    let md = build(&input(&notebook, &cells, &record)).to_markdown();
    assert!(md.contains("**cell 2 failed**"), "{md}");
    assert!(
        md.contains("| **failed** | — |") || md.contains("| **failed** |"),
        "{md}"
    );
    assert!(md.contains("no file \\| named x.csv"), "{md}");
}

#[test]
fn settings_name_each_field_and_stop_at_a_bound() {
    let spec = CellSpec::Explore {
        input: "charts".into(),
        query: crate::explore::ExploreQuery::Describe,
    };
    assert_eq!(
        sections::settings_text(&spec),
        "input: charts, query: {\"query\":\"describe\"}"
    );
    let long = CellSpec::Markdown {
        text: "x".repeat(1_000),
    };
    let text = sections::settings_text(&long);
    assert_eq!(text.chars().count(), 401);
    assert!(text.ends_with('…'));
}

#[test]
fn a_cell_without_a_time_shows_a_dash_not_zero() {
    let notebook = starter();
    let (mut cells, record) = ran(&notebook);
    let train = cells.iter().position(|c| c.kind == "train").unwrap();
    cells[train].status = Status::Failed("the table has no `country` column".into());
    cells[train].elapsed_ms = None;
    cells[train].outputs.clear();
    let md = build(&input(&notebook, &cells, &record)).to_markdown();
    let row = md
        .lines()
        .find(|l| l.starts_with(&format!("| {} | Train", train + 1)))
        .unwrap_or_else(|| panic!("no row for the Train cell:\n{md}"));
    assert!(row.contains("| **failed** | — |"), "{row}");
    assert!(!row.contains("0 ms"), "{row}");
}
