//! Markdown cells: `CommonMark` (with tables, strikethrough and task lists) to HTML that is
//! safe to put into the page. Raw HTML in the text is shown as text, never as markup, and a
//! link or image whose URL is not `http:`, `https:`, `mailto:`, relative or a `#fragment`
//! loses its URL (its text stays). The HTML comes only from pulldown-cmark's writer and the
//! `<a>` tag written here.

mod payloads;
mod url;

use std::fmt::Write;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

#[doc(hidden)]
pub use payloads::XSS_PAYLOADS;
pub use url::is_safe_url;

/// `text` as HTML, safe to set as an element's `innerHTML`.
///
/// Links carry `rel="noopener noreferrer"`; links to other sites (`http:`, `https:`, `//…`)
/// also open in a new tab (`target="_blank"`), so following one does not leave the
/// notebook, while `#fragments` and relative links stay in the app's tab.
pub fn render(text: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut sanitizer = Sanitizer::default();
    let events = Parser::new_ext(text, options).filter_map(|event| sanitizer.event(event));
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Rewrites the parser's events: raw HTML becomes text, links and images are checked.
#[derive(Default)]
struct Sanitizer {
    /// For each open link or image: whether its tag was kept (its end tag is kept alike).
    open: Vec<bool>,
}

impl Sanitizer {
    fn event<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match event {
            // Raw HTML, as a block or inline: shown literally (the writer escapes text).
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            // A raw HTML block's text reads as a paragraph.
            Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let href = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                let keep = is_safe_url(&href);
                self.open.push(keep);
                keep.then(|| Event::InlineHtml(CowStr::from(anchor(&href, &title))))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = is_safe_url(&dest_url);
                self.open.push(keep);
                keep.then_some(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                // Links and images end in the order they started; an unbalanced end (none
                // in pulldown-cmark's output) is dropped rather than guessed.
                self.open.pop().unwrap_or(false).then_some(Event::End(end))
            }
            other => Some(other),
        }
    }
}

/// The opening `<a>` tag of a checked link; the writer closes it with `</a>`.
fn anchor(href: &str, title: &str) -> String {
    let mut tag = format!("<a href=\"{}\"", escape_attribute(href));
    if !title.is_empty() {
        // Writing into a String cannot fail.
        let _ = write!(tag, " title=\"{}\"", escape_attribute(title));
    }
    tag.push_str(" rel=\"noopener noreferrer\"");
    if url::is_external(href) {
        tag.push_str(" target=\"_blank\"");
    }
    tag.push('>');
    tag
}

/// Escapes a value for a double-quoted HTML attribute.
fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
