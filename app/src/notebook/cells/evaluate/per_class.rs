//! The per-class table of an evaluation: each class's precision, recall, F1 and support,
//! countries named, sorted by a click on a header (again: the other way).

use std::cmp::Ordering;

use jukebox_core::train::metrics::ClassMetrics;
use leptos::prelude::*;

use crate::notebook::widgets::class_names::class_label;
use crate::notebook::widgets::percent::percent;
use crate::shell::format_count;

/// The column a table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Label,
    Precision,
    Recall,
    F1,
    Support,
}

impl SortKey {
    const ALL: [(SortKey, &'static str, &'static str); 5] = [
        (SortKey::Label, "label", "Class"),
        (SortKey::Precision, "precision", "Precision"),
        (SortKey::Recall, "recall", "Recall"),
        (SortKey::F1, "f1", "F1"),
        (SortKey::Support, "support", "Support"),
    ];

    fn compare(self, a: &ClassMetrics, b: &ClassMetrics) -> Ordering {
        match self {
            SortKey::Label => a.label.cmp(&b.label),
            SortKey::Precision => a.precision.total_cmp(&b.precision),
            SortKey::Recall => a.recall.total_cmp(&b.recall),
            SortKey::F1 => a.f1.total_cmp(&b.f1),
            SortKey::Support => a.support.cmp(&b.support),
        }
    }
}

/// `rows` sorted by `key`, highest first when `descending`; ties keep the class order.
pub fn sorted(rows: &[ClassMetrics], key: SortKey, descending: bool) -> Vec<ClassMetrics> {
    let mut rows = rows.to_vec();
    rows.sort_by(|a, b| {
        let order = key.compare(a, b);
        if descending { order.reverse() } else { order }
    });
    rows
}

#[component]
pub fn PerClassTable(rows: Vec<ClassMetrics>) -> impl IntoView {
    let order = RwSignal::new((SortKey::Support, true));
    let on_header = move |key: SortKey| {
        order.update(|(current, descending)| {
            if *current == key {
                *descending = !*descending;
            } else {
                *current = key;
                // Names read A→Z first; numbers highest first.
                *descending = key != SortKey::Label;
            }
        });
    };
    let headers = SortKey::ALL
        .into_iter()
        .map(|(key, slug, title)| {
            let aria = move || match order.get() {
                (k, true) if k == key => "descending",
                (k, false) if k == key => "ascending",
                _ => "none",
            };
            view! {
                <th aria-sort=aria>
                    <button type="button" class="sort-header" data-sort=slug on:click=move |_| on_header(key)>{title}</button>
                </th>
            }
        })
        .collect_view();
    let body = move || {
        let (key, descending) = order.get();
        sorted(&rows, key, descending)
            .into_iter()
            .map(|r| {
                view! {
                    <tr data-label=r.label.clone()>
                        <td>{class_label(&r.label)}</td>
                        <td class="num">{percent(r.precision)}</td>
                        <td class="num">{percent(r.recall)}</td>
                        <td class="num">{percent(r.f1)}</td>
                        <td class="num">{format_count(usize::try_from(r.support).unwrap_or(usize::MAX))}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="per-class-scroll">
            <table class="model-table per-class" data-testid="eval-per-class">
                <thead><tr>{headers}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
