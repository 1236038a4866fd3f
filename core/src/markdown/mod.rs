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
    render_with(text, &|_| true)
}

/// As [`render`], but an image from another site whose host `load_from` refuses is not
/// loaded: a placeholder naming the host (and the image's alt text) stands in its place, so
/// an untrusted notebook's text contacts no host.
///
/// An image from another site that may load is written `<img data-remote-src="…">`
/// without a `src`: the page's Content-Security-Policy lets images come only from the app
/// itself, so the page fetches it (as any allowed request) and shows it from a `blob:` URL.
pub fn render_with(text: &str, load_from: &dyn Fn(&str) -> bool) -> String {
    let mut sanitizer = Sanitizer {
        open: Vec::new(),
        load_from,
    };
    let events = Parser::new_ext(text, options()).filter_map(|event| sanitizer.event(event));
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The URLs of the images `text` shows (those [`render`] keeps), in order.
pub fn image_urls(text: &str) -> Vec<String> {
    Parser::new_ext(text, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Image { dest_url, .. }) if is_safe_url(&dest_url) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// What became of an open link or image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Kept,
    Dropped,
    /// An image not loaded: a `<span>` placeholder, closed at its end.
    Placeholder,
    /// An image from another site: an `<img data-remote-src>` whose alt text is the
    /// image's text, closed at its end.
    Remote,
}

/// Rewrites the parser's events: raw HTML becomes text, links and images are checked.
struct Sanitizer<'f> {
    /// For each open link or image: what became of its tag (its end tag follows it).
    open: Vec<Open>,
    /// Whether an image may load from a host.
    load_from: &'f dyn Fn(&str) -> bool,
}

impl Sanitizer<'_> {
    fn event<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        if self.open.last() == Some(&Open::Remote) {
            // Inside a remote image's alt attribute: its text only, escaped here for an
            // attribute (the writer's body-text escaping leaves quotes as they are).
            return match event {
                Event::Text(text) | Event::Code(text) => {
                    Some(Event::InlineHtml(CowStr::from(escape_attribute(&text))))
                }
                Event::End(TagEnd::Image) => {
                    self.open.pop();
                    Some(Event::InlineHtml(CowStr::from("\" />")))
                }
                Event::Start(Tag::Image { .. } | Tag::Link { .. }) => {
                    self.open.push(Open::Dropped);
                    None
                }
                _ => None,
            };
        }
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
                self.open
                    .push(if keep { Open::Kept } else { Open::Dropped });
                keep.then(|| Event::InlineHtml(CowStr::from(anchor(&href, &title))))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if !is_safe_url(&dest_url) {
                    self.open.push(Open::Dropped);
                    return None;
                }
                if let Some(host) = crate::notebook::trust::host_of(&dest_url)
                    && !(self.load_from)(&host)
                {
                    self.open.push(Open::Placeholder);
                    return Some(Event::InlineHtml(CowStr::from(format!(
                        "<span class=\"image-waiting\" data-host=\"{host}\" title=\"Not loaded: this notebook came from elsewhere; run its cells from {host} to show it\">Image from {host}: ",
                        host = escape_attribute(&host)
                    ))));
                }
                if crate::notebook::trust::host_of(&dest_url).is_some() {
                    self.open.push(Open::Remote);
                    let mut tag = format!(
                        "<img class=\"remote-image\" data-remote-src=\"{}\"",
                        escape_attribute(&dest_url)
                    );
                    if !title.is_empty() {
                        let _ = write!(tag, " title=\"{}\"", escape_attribute(&title));
                    }
                    tag.push_str(" alt=\"");
                    return Some(Event::InlineHtml(CowStr::from(tag)));
                }
                self.open.push(Open::Kept);
                Some(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                // Links and images end in the order they started; an unbalanced end (none
                // in pulldown-cmark's output) is dropped rather than guessed.
                match self.open.pop() {
                    Some(Open::Kept) => Some(Event::End(end)),
                    Some(Open::Placeholder) => Some(Event::InlineHtml(CowStr::from("</span>"))),
                    // Ended above (inside a remote image, its own end closes it).
                    Some(Open::Remote) => Some(Event::InlineHtml(CowStr::from("\" />"))),
                    Some(Open::Dropped) | None => None,
                }
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
