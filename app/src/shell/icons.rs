//! The app's icons, drawn as inline SVG: a symbol character shows as an empty box when the
//! system's fonts lack it (Debian's default fonts have no `＋` or `⧉`), a path never does.
//!
//! An icon is decoration: `aria-hidden`, never focusable; the button or mark around it
//! carries the accessible name (`aria-label` or visible words). It is drawn in
//! `currentColor` on a 16×16 grid and sized by `style/icons.css` (1em by default).

use leptos::prelude::*;

/// What an icon shows; the button around it says what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconKind {
    /// `+`: insert, zoom in.
    Plus,
    /// `−`: zoom out, a skipped step.
    Minus,
    /// Two overlapping squares: duplicate.
    Duplicate,
    /// `×`: delete, remove, a failed step.
    Close,
    /// `▶`: run.
    Play,
    /// `■`: cancel a run.
    Stop,
    /// `↑`: move up.
    ArrowUp,
    /// `↓`: move down.
    ArrowDown,
    /// `›`: expand, next.
    ChevronRight,
    /// `‹`: previous.
    ChevronLeft,
    /// `⌄`: collapse.
    ChevronDown,
    /// Six dots (`⠿`): drag to move.
    DragHandle,
    /// A crescent: the dark theme.
    Moon,
    /// A sun: the light theme.
    Sun,
    /// An eighth note (`♪`): the brand.
    Note,
    /// `✓`: a step done.
    Check,
    /// Three dots: a step running.
    Ellipsis,
    /// `○`: a step waiting.
    Circle,
}

/// One path of an icon in the 16×16 view box: outlined with the text colour, or filled
/// with it.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Stroke(&'static str),
    Fill(&'static str),
}

/// Six dots of radius 1.3 (a dot is two half-circle arcs): the drag handle.
const DRAG_DOTS: &str = "M4.7 3.5a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0z\
    M8.7 3.5a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0z\
    M4.7 8a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0z\
    M8.7 8a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0z\
    M4.7 12.5a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0z\
    M8.7 12.5a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0z";

/// Three dots in a row: a step running.
const ELLIPSIS_DOTS: &str = "M1.9 8a1.1 1.1 0 1 0 2.2 0a1.1 1.1 0 1 0-2.2 0z\
    M6.9 8a1.1 1.1 0 1 0 2.2 0a1.1 1.1 0 1 0-2.2 0z\
    M11.9 8a1.1 1.1 0 1 0 2.2 0a1.1 1.1 0 1 0-2.2 0z";

impl IconKind {
    /// Every icon, for tests and a look at them all.
    pub const ALL: [IconKind; 18] = [
        IconKind::Plus,
        IconKind::Minus,
        IconKind::Duplicate,
        IconKind::Close,
        IconKind::Play,
        IconKind::Stop,
        IconKind::ArrowUp,
        IconKind::ArrowDown,
        IconKind::ChevronRight,
        IconKind::ChevronLeft,
        IconKind::ChevronDown,
        IconKind::DragHandle,
        IconKind::Moon,
        IconKind::Sun,
        IconKind::Note,
        IconKind::Check,
        IconKind::Ellipsis,
        IconKind::Circle,
    ];

    /// The icon's name in `data-icon` (`chevron-down`).
    pub fn slug(self) -> &'static str {
        match self {
            IconKind::Plus => "plus",
            IconKind::Minus => "minus",
            IconKind::Duplicate => "duplicate",
            IconKind::Close => "close",
            IconKind::Play => "play",
            IconKind::Stop => "stop",
            IconKind::ArrowUp => "arrow-up",
            IconKind::ArrowDown => "arrow-down",
            IconKind::ChevronRight => "chevron-right",
            IconKind::ChevronLeft => "chevron-left",
            IconKind::ChevronDown => "chevron-down",
            IconKind::DragHandle => "drag-handle",
            IconKind::Moon => "moon",
            IconKind::Sun => "sun",
            IconKind::Note => "note",
            IconKind::Check => "check",
            IconKind::Ellipsis => "ellipsis",
            IconKind::Circle => "circle",
        }
    }

    fn shapes(self) -> &'static [Shape] {
        use Shape::{Fill, Stroke};
        match self {
            IconKind::Plus => &[Stroke("M8 3v10M3 8h10")],
            IconKind::Minus => &[Stroke("M3 8h10")],
            IconKind::Duplicate => &[Stroke("M2.5 5.5h8v8h-8z"), Stroke("M5.5 5.5v-3h8v8h-3")],
            IconKind::Close => &[Stroke("M4 4l8 8M12 4l-8 8")],
            IconKind::Play => &[Fill("M4.5 2.5v11l9-5.5z")],
            IconKind::Stop => &[Fill("M3.5 3.5h9v9h-9z")],
            IconKind::ArrowUp => &[Stroke("M8 13.5v-11M3.5 7L8 2.5 12.5 7")],
            IconKind::ArrowDown => &[Stroke("M8 2.5v11M3.5 9L8 13.5 12.5 9")],
            IconKind::ChevronRight => &[Stroke("M6 3.5l4.5 4.5-4.5 4.5")],
            IconKind::ChevronLeft => &[Stroke("M10 3.5L5.5 8l4.5 4.5")],
            IconKind::ChevronDown => &[Stroke("M3.5 6l4.5 4.5 4.5-4.5")],
            IconKind::DragHandle => &[Fill(DRAG_DOTS)],
            IconKind::Moon => &[Fill(
                "M13.5 9.6A5.75 5.75 0 1 1 6.4 2.5a5.2 5.2 0 0 0 7.1 7.1z",
            )],
            IconKind::Sun => &[
                Stroke("M5 8a3 3 0 1 0 6 0a3 3 0 1 0-6 0z"),
                Stroke(
                    "M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3.05 3.05l1.06 1.06\
                     M11.89 11.89l1.06 1.06M3.05 12.95l1.06-1.06M11.89 4.11l1.06-1.06",
                ),
            ],
            IconKind::Note => &[
                Fill("M2.8 12a2.6 2.1 0 1 0 5.2 0a2.6 2.1 0 1 0-5.2 0z"),
                Stroke("M7.9 12V2.2c.6 1.9 4.3 2.6 4.3 5.6"),
            ],
            IconKind::Check => &[Stroke("M2.5 8.5l3.5 3.5 7.5-8")],
            IconKind::Ellipsis => &[Fill(ELLIPSIS_DOTS)],
            IconKind::Circle => &[Stroke("M3.5 8a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0-9 0z")],
        }
    }
}

/// An icon in the text colour, hidden from assistive technology. `kind` may change (a fold
/// button's chevron, the theme's moon or sun).
#[component]
pub fn Icon(#[prop(into)] kind: Signal<IconKind>) -> impl IntoView {
    let paths = move || {
        kind.get()
            .shapes()
            .iter()
            .map(|shape| match *shape {
                Shape::Stroke(d) => view! { <path d=d/> }.into_any(),
                Shape::Fill(d) => {
                    view! { <path d=d fill="currentColor" stroke="none"/> }.into_any()
                }
            })
            .collect_view()
    };
    view! {
        <svg class="icon" data-icon=move || kind.get().slug() viewBox="0 0 16 16"
            aria-hidden="true" focusable="false" fill="none" stroke="currentColor"
            stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
            {paths}
        </svg>
    }
}
