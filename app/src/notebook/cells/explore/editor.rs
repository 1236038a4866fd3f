//! Editor of an Explore cell: input dataset, the question, its columns.

use jukebox_core::explore::{Agg, ExploreQuery};
use jukebox_core::notebook::CellSpec;
use jukebox_core::notebook::limits;
use leptos::prelude::*;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::run::edit;
use crate::notebook::widgets::aggregates::{AGGS, agg_from, agg_name};
use crate::notebook::widgets::fields::{
    ColumnList, DatasetField, NumberField, SelectField, TextField, column_list_id, split_list,
};

fn query_of(entry: CellEntry) -> Signal<ExploreQuery> {
    Signal::derive(move || match entry.spec.get() {
        CellSpec::Explore { query, .. } => query,
        _ => ExploreQuery::Describe,
    })
}

fn set_query(entry: CellEntry, change: impl FnOnce(&mut ExploreQuery) + 'static) {
    edit(entry, move |spec| {
        if let CellSpec::Explore { query, .. } = spec {
            change(query);
        }
    });
}

fn default_query(kind: &str) -> ExploreQuery {
    match kind {
        "preview" => ExploreQuery::Preview {
            offset: 0,
            limit: 100,
        },
        "correlation" => ExploreQuery::Correlation {
            target: "popularity".into(),
        },
        "group_by" => ExploreQuery::GroupBy {
            by: vec!["country".into()],
            columns: vec!["popularity".into()],
            agg: Agg::Mean,
        },
        "value_counts" => ExploreQuery::ValueCounts {
            column: "country".into(),
            limit: 20,
        },
        "top_n" => ExploreQuery::TopN {
            key: vec!["spotify_id".into(), "name".into()],
            value: "popularity".into(),
            date_column: "snapshot_date".into(),
            start: "2023-12-20".into(),
            end: "2024-01-01".into(),
            n: 10,
        },
        _ => ExploreQuery::Describe,
    }
}

fn kind_of(query: &ExploreQuery) -> &'static str {
    match query {
        ExploreQuery::Preview { .. } => "preview",
        ExploreQuery::Describe => "describe",
        ExploreQuery::Correlation { .. } => "correlation",
        ExploreQuery::GroupBy { .. } => "group_by",
        ExploreQuery::ValueCounts { .. } => "value_counts",
        ExploreQuery::TopN { .. } => "top_n",
    }
}

#[component]
pub fn ExploreEditor(entry: CellEntry) -> impl IntoView {
    let input = Signal::derive(move || match entry.spec.get() {
        CellSpec::Explore { input, .. } => input,
        _ => String::new(),
    });
    let query = query_of(entry);
    let kind = Memo::new(move |_| kind_of(&query.get()));
    let kinds = vec![
        ("preview", "Table preview"),
        ("describe", "describe()"),
        ("correlation", "Correlation with…"),
        ("group_by", "Group by"),
        ("value_counts", "Value counts"),
        ("top_n", "Top N by mean in dates"),
    ];
    view! {
        <div class="cell-editor">
            <DatasetField label="Dataset" cell_id=entry.id value=input testid="explore-input"
                on_change=Callback::new(move |name: String| edit(entry, |spec| {
                    if let CellSpec::Explore { input, .. } = spec { *input = name; }
                }))/>
            <SelectField label="Show" options=kinds testid="explore-kind"
                value=Signal::derive(move || kind.get().to_string())
                on_change=Callback::new(move |kind: String| set_query(entry, move |q| *q = default_query(&kind)))/>
            <ColumnList cell_id=entry.id dataset=input/>
            {move || {
                // Rebuilt when the kind of question changes, not on each edit (which would
                // take the focus away from the next field).
                kind.track();
                query_fields(entry, &query.get_untracked())
            }}
        </div>
    }
}

fn query_fields(entry: CellEntry, query: &ExploreQuery) -> AnyView {
    let list = column_list_id(entry.id);
    match query.clone() {
        ExploreQuery::Correlation { target } => view! {
            <TextField label="Target column" value=target list=list testid="explore-target"
                on_change=Callback::new(move |t: String| set_query(entry, |q| {
                    if let ExploreQuery::Correlation { target } = q { *target = t; }
                }))/>
        }.into_any(),
        ExploreQuery::GroupBy { by, columns, agg } => view! {
            <TextField label="Group by" value=by.join(", ") list=list.clone() testid="explore-by"
                on_change=Callback::new(move |t: String| set_query(entry, move |q| {
                    if let ExploreQuery::GroupBy { by, .. } = q { *by = split_list(&t); }
                }))/>
            <TextField label="Columns (empty: all numeric)" value=columns.join(", ") list=list testid="explore-columns"
                on_change=Callback::new(move |t: String| set_query(entry, move |q| {
                    if let ExploreQuery::GroupBy { columns, .. } = q { *columns = split_list(&t); }
                }))/>
            <SelectField label="Aggregate" options=AGGS.to_vec() value=agg_name(agg) testid="explore-agg"
                on_change=Callback::new(move |t: String| set_query(entry, move |q| {
                    if let ExploreQuery::GroupBy { agg, .. } = q { *agg = agg_from(&t); }
                }))/>
        }.into_any(),
        ExploreQuery::ValueCounts { column, limit } => view! {
            <TextField label="Column" value=column list=list testid="explore-column"
                on_change=Callback::new(move |t: String| set_query(entry, |q| {
                    if let ExploreQuery::ValueCounts { column, .. } = q { *column = t; }
                }))/>
            <NumberField label="Most frequent" value=limit testid="explore-limit" bounds=limits::BARS
                on_change=Callback::new(move |n: usize| set_query(entry, move |q| {
                    if let ExploreQuery::ValueCounts { limit, .. } = q { *limit = n; }
                }))/>
        }.into_any(),
        ExploreQuery::TopN { .. } => view! { <TopNFields entry=entry query=query.clone()/> }.into_any(),
        ExploreQuery::Preview { .. } | ExploreQuery::Describe => ().into_any(),
    }
}

/// Sets one field of a top-N query from its text.
fn set_top_n(entry: CellEntry, field: &'static str, text: String) {
    set_query(entry, move |q| {
        if let ExploreQuery::TopN {
            key,
            value,
            date_column,
            start,
            end,
            n,
        } = q
        {
            match field {
                "key" => *key = split_list(&text),
                "value" => *value = text,
                "date" => *date_column = text,
                "start" => *start = text,
                "end" => *end = text,
                _ => *n = text.parse().unwrap_or(*n),
            }
        }
    });
}

#[component]
fn TopNFields(entry: CellEntry, query: ExploreQuery) -> impl IntoView {
    let ExploreQuery::TopN {
        key,
        value,
        date_column,
        start,
        end,
        n,
    } = query
    else {
        return ().into_any();
    };
    let list = column_list_id(entry.id);
    let on = move |field: &'static str| Callback::new(move |t: String| set_top_n(entry, field, t));
    view! {
        <TextField label="Group by" value=key.join(", ") list=list.clone() testid="topn-key" on_change=on("key")/>
        <TextField label="Mean of" value=value list=list.clone() testid="topn-value" on_change=on("value")/>
        <TextField label="Date column" value=date_column list=list testid="topn-date" on_change=on("date")/>
        <TextField label="From (incl.)" value=start testid="topn-start" placeholder="YYYY-MM-DD" on_change=on("start")/>
        <TextField label="To (excl.)" value=end testid="topn-end" placeholder="YYYY-MM-DD" on_change=on("end")/>
        <NumberField label="N" value=n testid="topn-n" bounds=limits::ROWS
            on_change=Callback::new(move |x: usize| set_top_n(entry, "n", x.to_string()))/>
    }.into_any()
}
