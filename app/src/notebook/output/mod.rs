//! What an explore cell shows: a virtualised table, pandas' `describe().T`, or correlations
//! with a target as coloured bars. The views render `jukebox_core::explore` outputs; numbers
//! are printed the way pandas prints them (`format`).

pub mod correlations;
pub mod describe;
pub mod format;
pub mod table;
pub mod table_pager;
pub mod table_rows;
pub mod virtual_rows;
pub mod virtual_scroll;

pub use correlations::CorrelationsView;
pub use describe::DescribeView;
pub use table::TableView;

use jukebox_core::explore::{ExploreOutput, TablePage};
use leptos::prelude::*;

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
