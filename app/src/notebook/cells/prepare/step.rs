//! Editor of one preparation step: its fields by kind, and a remove button.

use jukebox_core::notebook::limits;
use jukebox_core::prepare::{CompareOp, Condition, EncodeOrder, JoinHow, PrepareStep, Scalar};
use leptos::prelude::*;

use jukebox_core::notebook::CellSpec;

use crate::notebook::cell_entry::CellEntry;
use crate::notebook::run::edit;
use crate::notebook::widgets::fields::{
    NumberField, SelectField, TextField, column_list_id, split_list,
};
use crate::shell::{Icon, IconKind};

/// Changes the steps of a Prepare cell.
pub(super) fn set_steps(entry: CellEntry, change: impl FnOnce(&mut Vec<PrepareStep>) + 'static) {
    edit(entry, move |spec| {
        if let CellSpec::Prepare { steps, .. } = spec {
            change(steps);
        }
    });
}

pub(super) fn default_step(kind: &str) -> Option<PrepareStep> {
    Some(match kind {
        "join" => PrepareStep::Join {
            right: "song_properties".into(),
            on: vec!["spotify_id".into()],
            how: JoinHow::Inner,
            left_suffix: "_x".into(),
            right_suffix: "_y".into(),
        },
        "course_merge" => PrepareStep::CourseMerge {
            properties: "song_properties".into(),
        },
        "drop_nulls" => PrepareStep::DropNulls {
            columns: Vec::new(),
        },
        "select" => PrepareStep::Select {
            columns: Vec::new(),
        },
        "drop" => PrepareStep::Drop {
            columns: Vec::new(),
        },
        "rename" => PrepareStep::Rename {
            from: String::new(),
            to: String::new(),
        },
        "filter" => PrepareStep::Filter {
            column: "country".into(),
            condition: Condition::NotNull,
        },
        "label_encode" => PrepareStep::LabelEncode {
            column: "country".into(),
            order: EncodeOrder::Alphabetical,
            output: "country_code".into(),
        },
        "head" => PrepareStep::Head { n: 1000 },
        "sample" => PrepareStep::Sample { n: 1000, seed: 42 },
        _ => return None,
    })
}

/// Typed text as a value: a number, `True`/`False`, or text (dates stay text).
fn scalar(text: &str) -> Scalar {
    match text {
        "True" | "true" => Scalar::Bool(true),
        "False" | "false" => Scalar::Bool(false),
        _ => text
            .parse::<f64>()
            .map_or_else(|_| Scalar::Text(text.to_string()), Scalar::Number),
    }
}

fn scalar_text(value: &Scalar) -> String {
    match value {
        Scalar::Number(x) => x.to_string(),
        Scalar::Text(s) => s.clone(),
        Scalar::Bool(b) => {
            if *b {
                "True".into()
            } else {
                "False".into()
            }
        }
    }
}

const OPS: [(&str, &str); 10] = [
    ("eq", "=="),
    ("ne", "!="),
    ("lt", "<"),
    ("le", "<="),
    ("gt", ">"),
    ("ge", ">="),
    ("between", "between [from, to)"),
    ("in", "in list"),
    ("is_null", "is null"),
    ("not_null", "is not null"),
];

pub(super) fn condition_kind(condition: &Condition) -> &'static str {
    match condition {
        Condition::Compare { op, .. } => match op {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Lt => "lt",
            CompareOp::Le => "le",
            CompareOp::Gt => "gt",
            CompareOp::Ge => "ge",
        },
        Condition::Between { .. } => "between",
        Condition::InList { .. } => "in",
        Condition::IsNull => "is_null",
        Condition::NotNull => "not_null",
    }
}

/// The condition for operator `kind` with value text `a` (and `b`, the end of a range).
fn condition(kind: &str, a: &str, b: &str) -> Condition {
    let op = match kind {
        "ne" => CompareOp::Ne,
        "lt" => CompareOp::Lt,
        "le" => CompareOp::Le,
        "gt" => CompareOp::Gt,
        "ge" => CompareOp::Ge,
        _ => CompareOp::Eq,
    };
    match kind {
        "between" => Condition::Between {
            start: scalar(a),
            end: scalar(b),
        },
        "in" => Condition::InList {
            values: split_list(a).iter().map(|v| scalar(v)).collect(),
        },
        "is_null" => Condition::IsNull,
        "not_null" => Condition::NotNull,
        _ => Condition::Compare {
            op,
            value: scalar(a),
        },
    }
}

/// The value texts of a condition: `(a, b)`.
fn condition_texts(condition: &Condition) -> (String, String) {
    match condition {
        Condition::Compare { value, .. } => (scalar_text(value), String::new()),
        Condition::Between { start, end } => (scalar_text(start), scalar_text(end)),
        Condition::InList { values } => (
            values
                .iter()
                .map(scalar_text)
                .collect::<Vec<_>>()
                .join(", "),
            String::new(),
        ),
        Condition::IsNull | Condition::NotNull => (String::new(), String::new()),
    }
}

/// Sets one field of step `index` from its text.
fn set_field(entry: CellEntry, index: usize, field: &'static str, text: String) {
    set_steps(entry, move |steps| {
        let Some(step) = steps.get_mut(index) else {
            return;
        };
        match (step, field) {
            (
                PrepareStep::Join { right, .. } | PrepareStep::CourseMerge { properties: right },
                "right",
            ) => *right = text,
            (PrepareStep::Join { on, .. }, "on") => *on = split_list(&text),
            (PrepareStep::Join { how, .. }, "how") => {
                *how = if text == "left" {
                    JoinHow::Left
                } else {
                    JoinHow::Inner
                }
            }
            (
                PrepareStep::DropNulls { columns }
                | PrepareStep::Select { columns }
                | PrepareStep::Drop { columns },
                "columns",
            ) => *columns = split_list(&text),
            (PrepareStep::Rename { from, .. }, "from") => *from = text,
            (PrepareStep::Rename { to, .. }, "to") => *to = text,
            (
                PrepareStep::Filter { column, .. } | PrepareStep::LabelEncode { column, .. },
                "column",
            ) => *column = text,
            (PrepareStep::Filter { condition: c, .. }, "op") => {
                let (a, b) = condition_texts(c);
                *c = condition(&text, &a, &b);
            }
            (PrepareStep::Filter { condition: c, .. }, "a") => {
                *c = condition(condition_kind(c), &text, &condition_texts(c).1);
            }
            (PrepareStep::Filter { condition: c, .. }, "b") => {
                *c = condition(condition_kind(c), &condition_texts(c).0, &text);
            }
            (PrepareStep::LabelEncode { order, .. }, "order") => {
                *order = if text == "first_appearance" {
                    EncodeOrder::FirstAppearance
                } else {
                    EncodeOrder::Alphabetical
                }
            }
            (PrepareStep::LabelEncode { output, .. }, "output") => *output = text,
            (PrepareStep::Head { n } | PrepareStep::Sample { n, .. }, "n") => {
                *n = text.parse().unwrap_or(*n);
            }
            (PrepareStep::Sample { seed, .. }, "seed") => *seed = text.parse().unwrap_or(*seed),
            _ => {}
        }
    });
}

#[component]
pub(super) fn StepEditor(entry: CellEntry, index: usize, step: PrepareStep) -> impl IntoView {
    let list = column_list_id(entry.id);
    let on = move |field: &'static str| {
        Callback::new(move |t: String| set_field(entry, index, field, t))
    };
    let on_n = move |field: &'static str| {
        Callback::new(move |n: usize| set_field(entry, index, field, n.to_string()))
    };
    let title = step.op_name().replace('_', " ");
    let fields = match step {
        PrepareStep::Join { right, on: keys, how, .. } => view! {
            <TextField label="With dataset" value=right on_change=on("right")/>
            <TextField label="On" value=keys.join(", ") list=list on_change=on("on")/>
            <SelectField label="How" options=vec![("inner", "inner"), ("left", "left")]
                value=(if how == JoinHow::Left { "left" } else { "inner" }).to_string() on_change=on("how")/>
        }.into_any(),
        PrepareStep::CourseMerge { properties } => view! {
            <TextField label="Properties dataset" value=properties testid="merge-properties" on_change=on("right")/>
        }.into_any(),
        PrepareStep::DropNulls { columns } | PrepareStep::Select { columns } | PrepareStep::Drop { columns } => view! {
            <TextField label="Columns (comma-separated; empty = all)" value=columns.join(", ") list=list on_change=on("columns")/>
        }.into_any(),
        PrepareStep::Rename { from, to } => view! {
            <TextField label="From" value=from list=list on_change=on("from")/>
            <TextField label="To" value=to on_change=on("to")/>
        }.into_any(),
        PrepareStep::Filter { column, condition } => {
            let (a, b) = condition_texts(&condition);
            let kind = condition_kind(&condition);
            view! {
                <TextField label="Column" value=column list=list testid="filter-column" on_change=on("column")/>
                <SelectField label="Is" options=OPS.to_vec() value=kind.to_string() testid="filter-op" on_change=on("op")/>
                <Show when=move || !matches!(kind, "is_null" | "not_null")>
                    <TextField label="Value" value=a.clone() testid="filter-value" on_change=on("a")/>
                </Show>
                <Show when=move || kind == "between">
                    <TextField label="To (excl.)" value=b.clone() testid="filter-to" on_change=on("b")/>
                </Show>
            }.into_any()
        }
        PrepareStep::LabelEncode { column, order, output } => view! {
            <TextField label="Column" value=column list=list on_change=on("column")/>
            <SelectField label="Order" options=vec![("alphabetical", "alphabetical (LabelEncoder)"), ("first_appearance", "first appearance")]
                value=(if order == EncodeOrder::FirstAppearance { "first_appearance" } else { "alphabetical" }).to_string() on_change=on("order")/>
            <TextField label="Into column" value=output on_change=on("output")/>
        }.into_any(),
        PrepareStep::Head { n } => view! { <NumberField label="Rows" value=n bounds=limits::ROWS on_change=on_n("n")/> }.into_any(),
        PrepareStep::Sample { n, seed } => view! {
            <NumberField label="Rows" value=n bounds=limits::ROWS on_change=on_n("n")/>
            <NumberField label="Seed" value=usize::try_from(seed).unwrap_or(0) on_change=on_n("seed")/>
        }.into_any(),
    };
    view! {
        <div class="step-editor" data-testid=format!("step-{}", index + 1)>
            <span class="step-title">{format!("{}. {title}", index + 1)}</span>
            {fields}
            <button type="button" class="button button-quiet" aria-label="Remove step"
                on:click=move |_| set_steps(entry, move |steps| { if index < steps.len() { steps.remove(index); } })><Icon kind=IconKind::Close/></button>
        </div>
    }
}
