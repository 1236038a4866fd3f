//! What an explore cell shows: a virtualised table, pandas' `describe().T`, or correlations
//! with a target as coloured bars. The views render `jukebox_core::explore` outputs; numbers
//! are printed the way pandas prints them (`widgets::format`).

use jukebox_core::explore::{ExploreOutput, ExploreQuery, TablePage};
use jukebox_core::notebook::CellSpec;
use leptos::prelude::*;

use super::correlations::CorrelationsView;
use super::describe::DescribeView;
use crate::notebook::cell_entry::{CellEntry, CellOutput};
use crate::notebook::run::edit;
use crate::notebook::widgets::table::TableView;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OutputKind {
    Table,
    Describe,
    Correlations,
}

/// Shows `output`; `on_page((first, count))` asks the engine for other rows of a table.
/// A new page of the same table keeps the table view (and its scroll position) in place.
#[component]
pub fn ExploreOutputView(
    #[prop(into)] output: Signal<ExploreOutput>,
    on_page: Callback<(usize, usize)>,
) -> impl IntoView {
    let kind = Memo::new(move |_| {
        output.with(|o| match o {
            ExploreOutput::Table { .. } => OutputKind::Table,
            ExploreOutput::Describe { .. } => OutputKind::Describe,
            ExploreOutput::Correlations { .. } => OutputKind::Correlations,
        })
    });
    let page = Memo::new(move |_| {
        output.with(|o| match o {
            ExploreOutput::Table { page } => page.clone(),
            _ => TablePage {
                n_rows: 0,
                offset: 0,
                columns: Vec::new(),
                rows: Vec::new(),
            },
        })
    });
    move || match kind.get() {
        OutputKind::Table => view! { <TableView page=page on_range=on_page/> }.into_any(),
        OutputKind::Describe => (move || {
            output.with(|o| match o {
                ExploreOutput::Describe { rows } => {
                    Some(view! { <DescribeView rows=rows.clone()/> })
                }
                _ => None,
            })
        })
        .into_any(),
        OutputKind::Correlations => (move || {
            output.with(|o| match o {
                ExploreOutput::Correlations { correlations } => {
                    Some(view! { <CorrelationsView correlations=correlations.clone()/> })
                }
                _ => None,
            })
        })
        .into_any(),
    }
}

/// An Explore cell's output, once it has one. Paging a preview changes the cell's offset,
/// which re-runs just this cell.
#[component]
pub fn ExploreCellOutput(entry: CellEntry) -> impl IntoView {
    let on_page = Callback::new(move |(offset, limit): (usize, usize)| {
        edit(entry, move |spec| {
            if let CellSpec::Explore {
                query:
                    ExploreQuery::Preview {
                        offset: o,
                        limit: l,
                    },
                ..
            } = spec
            {
                *o = offset;
                *l = limit;
            }
        });
    });
    let shown = Memo::new(move |_| {
        entry
            .output
            .with(|o| matches!(o, Some(CellOutput::Explored(_))))
    });
    let explored = Signal::derive(move || match entry.output.get() {
        Some(CellOutput::Explored(output)) => output,
        _ => ExploreOutput::Describe { rows: Vec::new() },
    });
    view! {
        <Show when=move || shown.get()>
            <ExploreOutputView output=explored on_page=on_page/>
        </Show>
    }
}
