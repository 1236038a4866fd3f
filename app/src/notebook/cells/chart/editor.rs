//! Editor of a Chart cell: input dataset, chart kind and its columns.

use jukebox_core::chart::ChartSpec;
use jukebox_core::explore::Agg;
use jukebox_core::notebook::CellSpec;
use jukebox_core::notebook::limits;
use leptos::prelude::*;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::run::edit;
use crate::notebook::widgets::aggregates::{AGGS, agg_from, agg_name};
use crate::notebook::widgets::fields::{
    ColumnList, DatasetField, NumberField, SelectField, TextField, column_list_id, split_list,
};

fn default_chart(kind: &str) -> ChartSpec {
    match kind {
        "scatter" => ChartSpec::Scatter {
            x: "energy".into(),
            y: "loudness".into(),
            max_points: 5_000,
        },
        "bar" => ChartSpec::Bar {
            category: "country".into(),
            value: Some("popularity".into()),
            agg: Agg::Mean,
            limit: 20,
        },
        "line" => ChartSpec::Line {
            x: "snapshot_date".into(),
            y: "daily_rank".into(),
            series: Some("country".into()),
            max_series: 5,
        },
        "heatmap" => ChartSpec::Heatmap {
            columns: Vec::new(),
        },
        _ => ChartSpec::Histogram {
            column: "tempo".into(),
            bins: 40,
        },
    }
}

fn kind_of(chart: &ChartSpec) -> &'static str {
    match chart {
        ChartSpec::Histogram { .. } => "histogram",
        ChartSpec::Scatter { .. } => "scatter",
        ChartSpec::Bar { .. } => "bar",
        ChartSpec::Line { .. } => "line",
        ChartSpec::Heatmap { .. } => "heatmap",
    }
}

/// Sets one field of the chart from its text (numbers parse; empty optional columns clear).
fn set_field(entry: CellEntry, field: &'static str, text: String) {
    let optional = (!text.is_empty()).then(|| text.clone());
    let number = text.parse::<usize>().ok();
    edit(entry, move |spec| {
        let CellSpec::Chart { chart, .. } = spec else {
            return;
        };
        match (chart, field) {
            (ChartSpec::Histogram { column, .. }, "column") => *column = text,
            (ChartSpec::Histogram { bins, .. }, "bins") => *bins = number.unwrap_or(*bins),
            (ChartSpec::Scatter { x, .. } | ChartSpec::Line { x, .. }, "x") => *x = text,
            (ChartSpec::Scatter { y, .. } | ChartSpec::Line { y, .. }, "y") => *y = text,
            (ChartSpec::Scatter { max_points, .. }, "max") => {
                *max_points = number.unwrap_or(*max_points);
            }
            (ChartSpec::Bar { category, .. }, "category") => *category = text,
            (ChartSpec::Bar { value, .. }, "value") => *value = optional,
            (ChartSpec::Bar { agg, .. }, "agg") => *agg = agg_from(&text),
            (ChartSpec::Bar { limit, .. }, "limit") => *limit = number.unwrap_or(*limit),
            (ChartSpec::Line { series, .. }, "series") => *series = optional,
            (ChartSpec::Line { max_series, .. }, "max") => {
                *max_series = number.unwrap_or(*max_series);
            }
            (ChartSpec::Heatmap { columns }, "columns") => *columns = split_list(&text),
            _ => {}
        }
    });
}

#[component]
pub fn ChartEditor(entry: CellEntry) -> impl IntoView {
    let input = Signal::derive(move || match entry.spec.get() {
        CellSpec::Chart { input, .. } => input,
        _ => String::new(),
    });
    let chart = Signal::derive(move || match entry.spec.get() {
        CellSpec::Chart { chart, .. } => chart,
        _ => default_chart("histogram"),
    });
    let kind = Memo::new(move |_| kind_of(&chart.get()));
    let kinds = vec![
        ("histogram", "Histogram"),
        ("scatter", "Scatter"),
        ("bar", "Bar"),
        ("line", "Line over time"),
        ("heatmap", "Correlation heatmap"),
    ];
    view! {
        <div class="cell-editor">
            <DatasetField label="Dataset" cell_id=entry.id value=input testid="chart-input"
                on_change=Callback::new(move |name: String| edit(entry, |spec| {
                    if let CellSpec::Chart { input, .. } = spec { *input = name; }
                }))/>
            <SelectField label="Chart" options=kinds testid="chart-kind"
                value=Signal::derive(move || kind.get().to_string())
                on_change=Callback::new(move |kind: String| edit(entry, move |spec| {
                    if let CellSpec::Chart { chart, .. } = spec { *chart = default_chart(&kind); }
                }))/>
            <ColumnList cell_id=entry.id dataset=input/>
            {move || {
                // Rebuilt when the kind of chart changes, not on each edit (focus stays).
                kind.track();
                chart_fields(entry, chart.get_untracked())
            }}
        </div>
    }
}

fn chart_fields(entry: CellEntry, chart: ChartSpec) -> AnyView {
    let list = column_list_id(entry.id);
    let on = move |field: &'static str| Callback::new(move |t: String| set_field(entry, field, t));
    let on_n = move |field: &'static str| {
        Callback::new(move |n: usize| set_field(entry, field, n.to_string()))
    };
    match chart {
        ChartSpec::Histogram { column, bins } => view! {
            <TextField label="Column" value=column list=list testid="chart-column" on_change=on("column")/>
            <NumberField label="Bins" value=bins testid="chart-bins" bounds=limits::BINS on_change=on_n("bins")/>
        }.into_any(),
        ChartSpec::Scatter { x, y, max_points } => view! {
            <TextField label="x" value=x list=list.clone() testid="chart-x" on_change=on("x")/>
            <TextField label="y" value=y list=list testid="chart-y" on_change=on("y")/>
            <NumberField label="Max points" value=max_points testid="chart-max-points" bounds=limits::POINTS on_change=on_n("max")/>
        }.into_any(),
        ChartSpec::Bar { category, value, agg, limit } => view! {
            <TextField label="Category" value=category list=list.clone() testid="chart-category" on_change=on("category")/>
            <TextField label="Value (empty: count rows)" value=value.unwrap_or_default() list=list testid="chart-value" on_change=on("value")/>
            <SelectField label="Aggregate" options=AGGS.to_vec() value=agg_name(agg) on_change=on("agg")/>
            <NumberField label="Bars" value=limit testid="chart-bars" bounds=limits::BARS on_change=on_n("limit")/>
        }.into_any(),
        ChartSpec::Line { x, y, series, max_series } => view! {
            <TextField label="x (date)" value=x list=list.clone() testid="chart-x" on_change=on("x")/>
            <TextField label="y" value=y list=list.clone() testid="chart-y" on_change=on("y")/>
            <TextField label="One line per" value=series.unwrap_or_default() list=list testid="chart-series" on_change=on("series")/>
            <NumberField label="Lines" value=max_series testid="chart-lines" bounds=limits::SERIES on_change=on_n("max")/>
        }.into_any(),
        ChartSpec::Heatmap { columns } => view! {
            <TextField label="Columns (empty: all numeric)" value=columns.join(", ") list=list testid="chart-columns" on_change=on("columns")/>
        }.into_any(),
    }
}
