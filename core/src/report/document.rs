//! A report as blocks (headings, paragraphs, tables, lists, images, Markdown), written out
//! as Markdown for a merge request or as one self-contained HTML page.
//!
//! The HTML page loads nothing: its styles are inline, its images are whatever `src` the
//! blocks carry (the app and the CLI give PNG `data:` URLs), and its Content-Security-Policy
//! allows no script, no connection and images only from `data:` — a report handed around
//! opens offline and contacts no host. Markdown cells are rendered by [`crate::markdown`]
//! (raw HTML shown as text) with every image from another site replaced by its placeholder.

use std::fmt::Write as _;

/// A run of text in a paragraph, a list item or a table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text(String),
    Strong(String),
    Code(String),
}

/// A line of spans.
pub type Line = Vec<Span>;

/// How a table column's cells align.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<(String, Align)>,
    pub rows: Vec<Vec<Line>>,
}

impl Table {
    /// A table with `header` (each column's name and alignment) and no rows yet.
    pub fn new(header: &[(&str, Align)]) -> Self {
        Self {
            header: header.iter().map(|(h, a)| ((*h).to_string(), *a)).collect(),
            rows: Vec::new(),
        }
    }

    /// A row of plain texts.
    pub fn texts(&mut self, cells: impl IntoIterator<Item = String>) {
        self.rows
            .push(cells.into_iter().map(|c| vec![Span::Text(c)]).collect());
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 2 (a section) or 3 (an item in it); the title is level 1.
    Heading(u8, Line),
    Paragraph(Line),
    Table(Table),
    List(Vec<Line>),
    /// A picture: in Markdown `![alt](src)`, in HTML an `<img>`.
    Image {
        alt: String,
        src: String,
    },
    /// A Markdown cell's own text.
    Markdown(String),
}

/// A report: its title and blocks, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

pub fn text(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

pub fn strong(s: impl Into<String>) -> Span {
    Span::Strong(s.into())
}

pub fn code(s: impl Into<String>) -> Span {
    Span::Code(s.into())
}

impl Document {
    pub fn heading(&mut self, level: u8, line: Line) {
        self.blocks.push(Block::Heading(level, line));
    }

    pub fn paragraph(&mut self, line: Line) {
        self.blocks.push(Block::Paragraph(line));
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// The report as Markdown (GitHub's flavour: pipe tables).
    pub fn to_markdown(&self) -> String {
        let mut md = format!("# {}\n\n", md_inline(&self.title));
        for block in &self.blocks {
            match block {
                Block::Heading(level, line) => {
                    let hashes = "#".repeat(usize::from((*level).clamp(2, 6)));
                    let _ = writeln!(md, "{hashes} {}\n", md_line(line));
                }
                Block::Paragraph(line) => {
                    let _ = writeln!(md, "{}\n", md_line(line));
                }
                Block::Table(table) => md_table(&mut md, table),
                Block::List(items) => {
                    for item in items {
                        let _ = writeln!(md, "- {}", md_line(item));
                    }
                    md.push('\n');
                }
                Block::Image { alt, src } => {
                    let _ = writeln!(md, "![{}]({src})\n", md_inline(alt));
                }
                Block::Markdown(text) => {
                    let _ = writeln!(md, "{}\n", text.trim_end());
                }
            }
        }
        md
    }

    /// The report as one HTML page, `generator` naming what made it.
    pub fn to_html(&self, generator: &str) -> String {
        let mut html = String::with_capacity(16 * 1024);
        let _ = write!(
            html,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{STYLE}</style>\n\
             </head>\n<body>\n<main>\n<h1>{}</h1>\n",
            escape_html(generator),
            escape_html(&self.title),
            escape_html(&self.title)
        );
        for block in &self.blocks {
            match block {
                Block::Heading(level, line) => {
                    let level = (*level).clamp(2, 6);
                    let _ = writeln!(html, "<h{level}>{}</h{level}>", html_line(line));
                }
                Block::Paragraph(line) => {
                    let _ = writeln!(html, "<p>{}</p>", html_line(line));
                }
                Block::Table(table) => html_table(&mut html, table),
                Block::List(items) => {
                    html.push_str("<ul>\n");
                    for item in items {
                        let _ = writeln!(html, "<li>{}</li>", html_line(item));
                    }
                    html.push_str("</ul>\n");
                }
                Block::Image { alt, src } => {
                    let _ = writeln!(
                        html,
                        "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                        escape_html(src),
                        escape_html(alt),
                        escape_html(alt)
                    );
                }
                Block::Markdown(text) => {
                    let _ = writeln!(
                        html,
                        "<div class=\"markdown\">{}</div>",
                        crate::markdown::render_with(text, &|_| false)
                    );
                }
            }
        }
        html.push_str("</main>\n</body>\n</html>\n");
        html
    }
}

/// No script, no request: inline styles and `data:` images only.
const CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The page's look on screen and on paper.
const STYLE: &str = r"
:root { color-scheme: light; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1b1b1f; }
body { margin: 0; background: #f6f6f8; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; background: #fff; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #d8d8de; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
p, li { line-height: 1.5; }
code { font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace; font-size: .9em; background: #f0f0f4; padding: 0 .25em; border-radius: 3px; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; display: block; max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid #d8d8de; padding: .25rem .55rem; vertical-align: top; }
th { background: #f0f0f4; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td code { overflow-wrap: anywhere; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; border: 1px solid #d8d8de; }
figcaption { font-size: .85rem; color: #55555f; }
.markdown { border-left: 3px solid #d8d8de; padding-left: 1rem; }
@media print {
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  table { display: table; font-size: .75rem; }
  figure, tr { break-inside: avoid; }
  a { color: inherit; }
}
";

fn md_table(md: &mut String, table: &Table) {
    md.push('|');
    for (name, _) in &table.header {
        let _ = write!(md, " {} |", md_cell(name));
    }
    md.push_str("\n|");
    for (_, align) in &table.header {
        md.push_str(match align {
            Align::Left => "---|",
            Align::Right => "---:|",
        });
    }
    md.push('\n');
    for row in &table.rows {
        md.push('|');
        for cell in row {
            let _ = write!(md, " {} |", md_line(cell));
        }
        md.push('\n');
    }
    md.push('\n');
}

fn html_table(html: &mut String, table: &Table) {
    html.push_str("<table>\n<thead><tr>");
    for (name, align) in &table.header {
        let _ = write!(html, "<th{}>{}</th>", class(*align), escape_html(name));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        html.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let align = table.header.get(i).map_or(Align::Left, |(_, a)| *a);
            let _ = write!(html, "<td{}>{}</td>", class(align), html_line(cell));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
}

fn class(align: Align) -> &'static str {
    match align {
        Align::Left => "",
        Align::Right => " class=\"num\"",
    }
}

fn md_line(line: &[Span]) -> String {
    line.iter()
        .map(|span| match span {
            Span::Text(t) => md_cell(t),
            Span::Strong(t) => format!("**{}**", md_cell(t)),
            Span::Code(t) => format!("`{}`", md_cell(&t.replace('`', "'"))),
        })
        .collect()
}

/// Text in a Markdown table cell or heading: pipes escaped, on one line.
fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn md_inline(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn html_line(line: &[Span]) -> String {
    line.iter()
        .map(|span| match span {
            Span::Text(t) => escape_html(t),
            Span::Strong(t) => format!("<strong>{}</strong>", escape_html(t)),
            Span::Code(t) => format!("<code>{}</code>", escape_html(t)),
        })
        .collect()
}

/// `text` safe inside an element or a quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
