//! Splits CSV text into records and fields in one pass over the bytes, without allocating
//! per field: a field is a span of the text, unescaped only when it holds quotes.
//!
//! Quoting follows RFC 4180 with pandas' leniency: a quote opens a quoted field only at the
//! start of a field; `""` inside it is one quote; text after a closing quote is kept
//! (`"ab"c` → `abc`), and quotes inside an unquoted field are literal. Lines end with `\n`,
//! `\r\n` or `\r`; blank lines are skipped, as pandas does.

use std::borrow::Cow;

/// Where one field sits in the text and how to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Field {
    start: usize,
    end: usize,
    shape: Shape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// The span is the value.
    Plain,
    /// `"…"` with no quote inside: the value is the span without its two quotes.
    Quoted,
    /// Holds `""` or text after the closing quote: the value must be unescaped.
    Escaped,
}

impl Field {
    /// The field's value; borrowed from the text unless it held escaped quotes.
    pub(super) fn value<'a>(&self, text: &'a str) -> Cow<'a, str> {
        // Field bounds sit next to ASCII delimiters, quotes or line ends, which are
        // always char boundaries, so slicing cannot panic.
        match self.shape {
            Shape::Plain => Cow::Borrowed(&text[self.start..self.end]),
            Shape::Quoted => Cow::Borrowed(&text[self.start + 1..self.end - 1]),
            Shape::Escaped => Cow::Owned(unescape(&text[self.start..self.end])),
        }
    }
}

/// A quoted field whose closing quote never comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct UnclosedQuote {
    /// 1-based physical line where the record starts.
    pub line: usize,
    /// 0-based index of the field within its record.
    pub field_index: usize,
}

/// Iterates over the records of CSV text.
pub(super) struct Records<'a> {
    bytes: &'a [u8],
    delimiter: u8,
    /// `ends_field[b]`: byte `b` is the delimiter or a line end (a table beats three
    /// comparisons in the hot loop).
    ends_field: [bool; 256],
    pos: usize,
    /// 1-based physical line of `pos`.
    line: usize,
}

impl<'a> Records<'a> {
    pub(super) fn new(text: &'a str, delimiter: u8) -> Self {
        let mut ends_field = [false; 256];
        for b in [delimiter, b'\n', b'\r'] {
            ends_field[usize::from(b)] = true;
        }
        Self {
            bytes: text.as_bytes(),
            delimiter,
            ends_field,
            pos: 0,
            line: 1,
        }
    }

    /// Reads the next record's fields into `fields` (cleared first) and returns the line
    /// it starts on, or `None` at the end of the text.
    pub(super) fn next_into(
        &mut self,
        fields: &mut Vec<Field>,
    ) -> Result<Option<usize>, UnclosedQuote> {
        fields.clear();
        self.skip_blank_lines();
        if self.pos >= self.bytes.len() {
            return Ok(None);
        }
        let line = self.line;
        loop {
            let field = if self.bytes[self.pos..].first() == Some(&b'"') {
                self.quoted_field().ok_or(UnclosedQuote {
                    line,
                    field_index: fields.len(),
                })?
            } else {
                let start = self.pos;
                self.scan_unquoted();
                Field {
                    start,
                    end: self.pos,
                    shape: Shape::Plain,
                }
            };
            fields.push(field);
            match self.bytes.get(self.pos) {
                Some(&b) if b == self.delimiter => self.pos += 1,
                Some(_) => {
                    self.end_line();
                    return Ok(Some(line));
                }
                None => return Ok(Some(line)),
            }
        }
    }

    fn skip_blank_lines(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b'\n' | b'\r')) {
            self.end_line();
        }
    }

    /// Steps over the line end at `pos` (`\n`, `\r\n` or `\r`).
    fn end_line(&mut self) {
        if self.bytes.get(self.pos) == Some(&b'\r') {
            self.pos += 1;
        }
        if self.bytes.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
        }
        self.line += 1;
    }

    /// Moves `pos` to the next delimiter, line end or the end of the text.
    fn scan_unquoted(&mut self) {
        let rest = &self.bytes[self.pos..];
        let n = rest
            .iter()
            .position(|&b| self.ends_field[usize::from(b)])
            .unwrap_or(rest.len());
        self.pos += n;
    }

    /// Reads a field starting at an opening quote; `None` if the quote is never closed.
    fn quoted_field(&mut self) -> Option<Field> {
        let start = self.pos;
        let mut shape = Shape::Quoted;
        self.pos += 1;
        loop {
            let rest = &self.bytes[self.pos..];
            let quote = rest.iter().position(|&b| b == b'"')?;
            self.line += count_line_ends(&rest[..quote]);
            self.pos += quote + 1;
            if self.bytes.get(self.pos) == Some(&b'"') {
                shape = Shape::Escaped;
                self.pos += 1;
            } else {
                break;
            }
        }
        match self.bytes.get(self.pos) {
            None | Some(b'\n' | b'\r') => {}
            Some(&b) if b == self.delimiter => {}
            Some(_) => {
                shape = Shape::Escaped;
                self.scan_unquoted();
            }
        }
        Some(Field {
            start,
            end: self.pos,
            shape,
        })
    }
}

/// Line ends inside a quoted value: `\n`, and `\r` not followed by `\n`.
fn count_line_ends(bytes: &[u8]) -> usize {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// The value of a raw field that starts with a quote: `""` inside quotes is one quote,
/// the quotes that open and close are dropped, anything after the closing quote is kept.
fn unescape(raw: &str) -> String {
    let mut value = String::with_capacity(raw.len());
    let mut in_quotes = false;
    let mut chars = raw.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        if c == '"' && first {
            in_quotes = true;
        } else if c == '"' && in_quotes {
            if chars.peek() == Some(&'"') {
                chars.next();
                value.push('"');
            } else {
                in_quotes = false;
            }
        } else {
            value.push(c);
        }
        first = false;
    }
    value
}
