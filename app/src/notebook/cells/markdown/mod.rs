//! The Markdown cell: narrative between steps, rendered by `core::markdown` (raw HTML
//! removed, unsafe links neutralised); it has no output.

pub mod editor;
mod remote_images;

pub use editor::MarkdownEditor;
