use super::{XSS_PAYLOADS, is_safe_url, render};

/// Tags pulldown-cmark writes for the enabled extensions (and our `<a>`).
const ALLOWED_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "input",
];

/// Attributes those tags may carry.
const ALLOWED_ATTRIBUTES: &[&str] = &[
    "href", "title", "rel", "target", "src", "alt", "start", "type", "disabled", "checked",
    "style", "class",
];

#[derive(Debug)]
struct TagSeen {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Every tag in `html`. Text is escaped by the renderer, so each `<` must open a tag; one
/// that does not is reported as a tag named after what follows it.
fn tags(html: &str) -> Vec<TagSeen> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        rest = rest.strip_prefix('/').unwrap_or(rest);
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.starts_with('>') || rest.starts_with("/>") || rest.is_empty() {
                break;
            }
            let key_end = rest.find(['=', ' ', '>', '/']).unwrap_or(rest.len());
            let key = rest[..key_end].to_ascii_lowercase();
            rest = &rest[key_end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').expect("attribute values are quoted");
                value = after[..close].to_string();
                rest = &after[close + 1..];
            } else if key.is_empty() {
                rest = &rest[1..];
            }
            attributes.push((key, value));
        }
        found.push(TagSeen { name, attributes });
    }
    found
}

/// An attribute URL as the browser reads it: `&amp;` decoded, hidden characters dropped.
fn dangerous_url(value: &str) -> bool {
    let decoded = value.replace("&amp;", "&").to_ascii_lowercase();
    let squeezed: String = decoded
        .chars()
        .filter(|c| !c.is_ascii_control() && *c != ' ')
        .collect();
    ["javascript:", "vbscript:", "data:", "&#"]
        .iter()
        .any(|bad| squeezed.contains(bad))
}

/// What is wrong with `html` as the output of a markdown cell, if anything.
fn problem(html: &str) -> Option<String> {
    if html.to_ascii_lowercase().contains("<script") {
        return Some("a <script> tag".into());
    }
    for tag in tags(html) {
        if !ALLOWED_TAGS.contains(&tag.name.as_str()) {
            return Some(format!("tag <{}>", tag.name));
        }
        let has =
            |key: &str, value: &str| tag.attributes.iter().any(|(k, v)| k == key && v == value);
        if tag.name == "input" && !(has("disabled", "") && has("type", "checkbox")) {
            return Some("an input other than a disabled checkbox".into());
        }
        for (key, value) in &tag.attributes {
            if key.starts_with("on") || !ALLOWED_ATTRIBUTES.contains(&key.as_str()) {
                return Some(format!("attribute {key} on <{}>", tag.name));
            }
            if (key == "href" || key == "src") && dangerous_url(value) {
                return Some(format!("{key}={value:?}"));
            }
        }
    }
    None
}

#[test]
fn the_checker_catches_scripts_handlers_foreign_tags_and_bad_urls() {
    assert_eq!(problem("<p>ok <a href=\"https://x.org\">x</a></p>"), None);
    assert_eq!(
        problem("<p><ScRiPt>x</script></p>").as_deref(),
        Some("a <script> tag")
    );
    assert_eq!(
        problem("<img src=\"x\" onerror=\"alert(1)\" />").as_deref(),
        Some("attribute onerror on <img>")
    );
    assert_eq!(problem("<svg></svg>").as_deref(), Some("tag <svg>"));
    assert_eq!(
        problem("<a href=\" JavaScript:x\">x</a>").as_deref(),
        Some("href=\" JavaScript:x\"")
    );
    assert_eq!(
        problem("<input type=\"text\"/>").as_deref(),
        Some("an input other than a disabled checkbox")
    );
}

#[test]
fn every_xss_payload_renders_without_scripts_handlers_or_unsafe_urls() {
    assert!(
        XSS_PAYLOADS.len() >= 25,
        "the list keeps at least 25 payloads"
    );
    for payload in XSS_PAYLOADS {
        let html = render(payload);
        assert_eq!(problem(&html), None, "{payload:?} rendered as {html}");
    }
}

#[test]
fn raw_html_is_shown_as_text() {
    assert_eq!(render("<b>bold</b>"), "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n");
    assert_eq!(
        render("<script>alert(1)</script>"),
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    );
    assert_eq!(
        render("a <i onclick=x>b</i>"),
        "<p>a &lt;i onclick=x&gt;b&lt;/i&gt;</p>\n"
    );
}

#[test]
fn unsafe_links_and_images_keep_their_text_without_a_url() {
    assert_eq!(render("[click](javascript:alert(1))"), "<p>click</p>\n");
    assert_eq!(render("[click](JaVaScRiPt:alert(1))"), "<p>click</p>\n");
    assert_eq!(
        render("![a *cat*](data:image/png;base64,AAAA)"),
        "<p>a <em>cat</em></p>\n"
    );
    assert_eq!(
        render("<javascript:alert(1)>"),
        "<p>javascript:alert(1)</p>\n"
    );
}

#[test]
fn links_carry_rel_and_external_ones_open_a_new_tab() {
    assert_eq!(
        render("[docs](https://example.com/a?b=1&c=2 \"The docs\")"),
        "<p><a href=\"https://example.com/a?b=1&amp;c=2\" title=\"The docs\" \
         rel=\"noopener noreferrer\" target=\"_blank\">docs</a></p>\n"
    );
    assert_eq!(
        render("[runs](#/runs) and [guide](docs/guide.md)"),
        "<p><a href=\"#/runs\" rel=\"noopener noreferrer\">runs</a> and \
         <a href=\"docs/guide.md\" rel=\"noopener noreferrer\">guide</a></p>\n"
    );
    assert_eq!(
        render("<someone@example.com>"),
        "<p><a href=\"mailto:someone@example.com\" rel=\"noopener noreferrer\">someone@example.com</a></p>\n"
    );
    assert_eq!(
        render("![chart](img/chart.png)"),
        "<p><img src=\"img/chart.png\" alt=\"chart\" /></p>\n"
    );
}

#[test]
fn headings_lists_code_and_emphasis_render_as_commonmark() {
    assert_eq!(
        render("# Charts\n## Features"),
        "<h1>Charts</h1>\n<h2>Features</h2>\n"
    );
    assert_eq!(
        render("- one\n- **two**\n\n1. *a*\n2. ~~b~~"),
        "<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n\
         <ol>\n<li><em>a</em></li>\n<li><del>b</del></li>\n</ol>\n"
    );
    assert_eq!(
        render("Use `df.head()`:\n\n```python\ndf.head()\n```"),
        "<p>Use <code>df.head()</code>:</p>\n\
         <pre><code class=\"language-python\">df.head()\n</code></pre>\n"
    );
    assert_eq!(
        render("> note\n\n---"),
        "<blockquote>\n<p>note</p>\n</blockquote>\n<hr />\n"
    );
}

#[test]
fn tables_and_task_lists_render() {
    assert_eq!(
        render("| feature | mean |\n|:--|--:|\n| tempo | 120.5 |"),
        "<table><thead><tr><th style=\"text-align: left\">feature</th>\
         <th style=\"text-align: right\">mean</th></tr></thead><tbody>\n\
         <tr><td style=\"text-align: left\">tempo</td>\
         <td style=\"text-align: right\">120.5</td></tr>\n</tbody></table>\n"
    );
    assert_eq!(
        render("- [x] load\n- [ ] train"),
        "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nload</li>\n\
         <li><input disabled=\"\" type=\"checkbox\"/>\ntrain</li>\n</ul>\n"
    );
}

#[test]
fn safe_urls_are_web_mail_relative_or_fragments() {
    let safe = [
        "https://example.com",
        "HTTP://example.com",
        "mailto:a@b.c",
        "docs/a.md",
        "/abs",
        "//cdn.example.com/x",
        "?q=1",
        "#/runs",
        "a/b:c",
        "",
    ];
    for url in safe {
        assert!(is_safe_url(url), "{url:?} should be allowed");
    }
    let unsafe_ = [
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\u{0}javascript:x",
        "vbscript:x",
        "data:text/html,x",
        "file:///etc/passwd",
        "java%0ascript:x",
        "blob:https://example.com/x",
    ];
    for url in unsafe_ {
        assert!(!is_safe_url(url), "{url:?} should be refused");
    }
}
