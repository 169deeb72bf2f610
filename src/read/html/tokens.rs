//! Tokenizer glue: html5gum's state machine driven by our own [`Emitter`],
//! which records where in the file every piece of character data comes
//! from, and a small tree builder over the tokens.
//!
//! html5gum moves the emitter's position over every byte it consumes and
//! hands it the character data it emits. A string whose bytes are the
//! file's bytes just before the position, starting where the previous
//! token ended, is copied data (mapped one to one); anything else (a
//! decoded character reference, a normalised `\r\n`, a replaced NUL)
//! stands for the whole source range since the previous token ended.
//!
//! The tree builder is the tag-soup part of HTML5's tree construction that
//! matters for reading: void elements, `<p>` closed by a block, `<li>`,
//! `<dt>`/`<dd>`, table rows and cells closing their siblings, an end tag
//! closing every element opened after its own start tag, and a stray end
//! tag ignored. Every step is O(1) amortised (a count of open elements per
//! name keeps a stray end tag from scanning the stack), so a page of any
//! shape is read in linear time.

use html5gum::{Emitter, Error, State, Tokenizer, naive_next_state};
use std::collections::HashMap;
use std::convert::Infallible;
use std::ops::Range;

/// A stretch of character data.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// Range in [`Page::buf`] (the decoded character data).
    pub text: Range<usize>,
    /// Range in the file.
    pub source: Range<usize>,
    /// Whether `text` is the file's bytes `source` as they are.
    pub copied: bool,
}

/// What a page is made of, in document order.
#[derive(Debug, Clone)]
pub enum Event {
    /// Character data.
    Text(Chunk),
    /// An element opens (index into [`Page::elements`]).
    Open(usize),
    /// An element closes.
    Close(usize),
}

/// One element of the page.
#[derive(Debug, Clone)]
pub struct Element {
    /// Lowercase tag name.
    pub name: String,
    /// Attributes (lowercase names, decoded values), first of each name.
    pub attrs: Vec<(String, String)>,
    /// The enclosing element.
    pub parent: Option<usize>,
    /// Index of its [`Event::Open`].
    pub open: usize,
    /// Index of its [`Event::Close`].
    pub close: usize,
}

impl Element {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A tokenized and tree-built page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Decoded character data, every chunk's text.
    pub buf: Vec<u8>,
    /// Events in document order.
    pub events: Vec<Event>,
    /// Elements, in the order they open.
    pub elements: Vec<Element>,
}

impl Page {
    /// The decoded text of a chunk (lossy only if the tokenizer split a
    /// character, which copied data never does at a chunk's edge that
    /// matters here).
    pub fn chunk_text(&self, c: &Chunk) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.buf[c.text.clone()])
    }

    /// The character data inside element `id`, concatenated.
    pub fn inner_text(&self, id: usize) -> String {
        let e = &self.elements[id];
        let mut out = Vec::new();
        for ev in &self.events[e.open..e.close] {
            if let Event::Text(c) = ev {
                out.extend_from_slice(&self.buf[c.text.clone()]);
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Start tags that close an open `<p>` (HTML5's list, the part that occurs).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

#[derive(Default)]
struct RawTag {
    name: Vec<u8>,
    end: bool,
    self_closing: bool,
    attrs: Vec<(String, String)>,
    attr_name: Vec<u8>,
    attr_value: Vec<u8>,
    has_attr: bool,
}

/// The emitter: character data with source ranges, and tags fed straight
/// to the tree builder.
struct Recorder<'a> {
    src: &'a [u8],
    pos: usize,
    /// Where the last token (data or tag-like) ended in the file.
    last_end: usize,
    tag: RawTag,
    last_start_tag: Vec<u8>,
    tree: &'a mut Builder,
}

impl Recorder<'_> {
    fn flush_attr(&mut self) {
        let t = &mut self.tag;
        if t.has_attr && !t.attr_name.is_empty() {
            let name = String::from_utf8_lossy(&t.attr_name).into_owned();
            if !t.attrs.iter().any(|(n, _)| *n == name) {
                let value = String::from_utf8_lossy(&t.attr_value).into_owned();
                t.attrs.push((name, value));
            }
        }
        t.attr_name.clear();
        t.attr_value.clear();
        t.has_attr = false;
    }
}

impl Emitter for Recorder<'_> {
    type Token = Infallible;

    fn move_position(&mut self, offset: isize) {
        self.pos = self.pos.saturating_add_signed(offset).min(self.src.len());
    }

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag = last_start_tag.unwrap_or_default().to_vec();
    }

    fn emit_eof(&mut self) {}

    fn emit_error(&mut self, _error: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn emit_string(&mut self, c: &[u8]) {
        if c.is_empty() {
            return;
        }
        let end = self.pos;
        let copied =
            end >= c.len() && end - c.len() == self.last_end && &self.src[end - c.len()..end] == c;
        let start = if copied {
            end - c.len()
        } else {
            self.last_end.min(end)
        };
        self.tree.text(c, start..end, copied);
        self.last_end = end;
    }

    fn init_start_tag(&mut self) {
        self.tag = RawTag::default();
    }

    fn init_end_tag(&mut self) {
        self.tag = RawTag {
            end: true,
            ..RawTag::default()
        };
    }

    fn init_comment(&mut self) {}

    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_attr();
        self.last_end = self.pos;
        let tag = std::mem::take(&mut self.tag);
        let name = String::from_utf8_lossy(&tag.name).into_owned();
        if tag.end {
            self.tree.end(&name);
            None
        } else {
            self.last_start_tag = tag.name.clone();
            let next = naive_next_state(&tag.name);
            self.tree.start(name, tag.attrs, tag.self_closing);
            next
        }
    }

    fn emit_current_comment(&mut self) {
        self.last_end = self.pos;
    }

    fn emit_current_doctype(&mut self) {
        self.last_end = self.pos;
    }

    fn set_self_closing(&mut self) {
        self.tag.self_closing = true;
    }

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag.name.extend_from_slice(s);
    }

    fn push_comment(&mut self, _s: &[u8]) {}

    fn push_doctype_name(&mut self, _s: &[u8]) {}

    fn init_doctype(&mut self) {}

    fn init_attribute(&mut self) {
        self.flush_attr();
        self.tag.has_attr = true;
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.tag.attr_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        self.tag.attr_value.extend_from_slice(s);
    }

    fn set_doctype_public_identifier(&mut self, _value: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _value: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _s: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _s: &[u8]) {}

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.tag.end && !self.last_start_tag.is_empty() && self.tag.name == self.last_start_tag
    }
}

/// The tree builder.
#[derive(Default)]
struct Builder {
    page: Page,
    stack: Vec<usize>,
    open_by_name: HashMap<String, usize>,
}

impl Builder {
    fn text(&mut self, bytes: &[u8], source: Range<usize>, copied: bool) {
        // Consecutive copies of consecutive bytes are one chunk.
        if let Some(Event::Text(last)) = self.page.events.last_mut()
            && copied
            && last.copied
            && last.source.end == source.start
            && last.text.end == self.page.buf.len()
        {
            self.page.buf.extend_from_slice(bytes);
            last.text.end = self.page.buf.len();
            last.source.end = source.end;
            return;
        }
        let start = self.page.buf.len();
        self.page.buf.extend_from_slice(bytes);
        self.page.events.push(Event::Text(Chunk {
            text: start..self.page.buf.len(),
            source,
            copied,
        }));
    }

    fn top_is(&self, names: &[&str]) -> bool {
        self.stack
            .last()
            .is_some_and(|&i| names.contains(&self.page.elements[i].name.as_str()))
    }

    fn pop(&mut self) {
        if let Some(id) = self.stack.pop() {
            let close = self.page.events.len();
            self.page.events.push(Event::Close(id));
            self.page.elements[id].close = close;
            if let Some(n) = self.open_by_name.get_mut(&self.page.elements[id].name) {
                *n = n.saturating_sub(1);
            }
        }
    }

    fn start(&mut self, name: String, attrs: Vec<(String, String)>, self_closing: bool) {
        let n = name.as_str();
        if CLOSES_P.contains(&n) && self.top_is(&["p"]) {
            self.pop();
        }
        match n {
            "li" if self.top_is(&["li"]) => self.pop(),
            "dt" | "dd" if self.top_is(&["dt", "dd"]) => self.pop(),
            "td" | "th" if self.top_is(&["td", "th"]) => self.pop(),
            "tr" => {
                if self.top_is(&["td", "th"]) {
                    self.pop();
                }
                if self.top_is(&["tr"]) {
                    self.pop();
                }
            }
            "option" if self.top_is(&["option"]) => self.pop(),
            _ => {}
        }
        let void = VOID.contains(&n) || self_closing;
        let id = self.page.elements.len();
        let open = self.page.events.len();
        self.page.elements.push(Element {
            name,
            attrs,
            parent: self.stack.last().copied(),
            open,
            close: open + 1,
        });
        self.page.events.push(Event::Open(id));
        if void {
            self.page.events.push(Event::Close(id));
        } else {
            *self
                .open_by_name
                .entry(self.page.elements[id].name.clone())
                .or_default() += 1;
            self.stack.push(id);
        }
    }

    fn end(&mut self, name: &str) {
        if self.open_by_name.get(name).copied().unwrap_or(0) > 0 {
            while let Some(&top) = self.stack.last() {
                let done = self.page.elements[top].name == name;
                self.pop();
                if done {
                    break;
                }
            }
        } else if name == "br" || name == "p" {
            // `</br>` is a `<br>`, a stray `</p>` an empty paragraph.
            self.start(name.to_string(), Vec::new(), true);
        }
    }

    fn finish(mut self) -> Page {
        while !self.stack.is_empty() {
            self.pop();
        }
        self.page
    }
}

/// Tokenize and tree-build `src`.
pub fn parse(src: &str) -> Page {
    let mut tree = Builder::default();
    let rec = Recorder {
        src: src.as_bytes(),
        pos: 0,
        last_end: 0,
        tag: RawTag::default(),
        last_start_tag: Vec::new(),
        tree: &mut tree,
    };
    // The string reader cannot fail.
    let _ = Tokenizer::new_with_emitter(src, rec).finish();
    tree.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(src: &str) -> Vec<(String, String, bool)> {
        let page = parse(src);
        page.events
            .iter()
            .filter_map(|e| match e {
                Event::Text(c) => Some((
                    page.chunk_text(c).into_owned(),
                    src[c.source.clone()].to_string(),
                    c.copied,
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn references_map_to_their_whole_source() {
        let got = chunks("<p>Wang&nbsp;Li said &ldquo;no&rdquo; &amp;amp; 2&#x2C;400km</p>");
        let want = [
            ("Wang", "Wang", true),
            ("\u{a0}", "&nbsp;", false),
            ("Li said ", "Li said ", true),
            ("“", "&ldquo;", false),
            ("no", "no", true),
            ("”", "&rdquo;", false),
            (" ", " ", true),
            ("&", "&amp;", false),
            ("amp; 2", "amp; 2", true),
            (",", "&#x2C;", false),
            ("400km", "400km", true),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_reference_that_decodes_to_its_last_byte_is_not_a_copy() {
        let got = chunks("a&#59;b");
        assert_eq!(got[1], (";".into(), "&#59;".into(), false));
    }

    #[test]
    fn crlf_and_unterminated_references() {
        let got = chunks("a\r\nb &copy 2017 AT&T");
        let text: String = got.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(text, "a\nb © 2017 AT&T");
        for (t, s, copied) in &got {
            if *copied {
                assert_eq!(t, s);
            }
        }
    }

    #[test]
    fn script_is_raw_text_and_tags_nest() {
        let page = parse("<div><p>one<p>two</div><script>if (a<b) x='</p>'</script>");
        let names: Vec<_> = page.elements.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["div", "p", "p", "script"]);
        let script = &page.elements[3];
        assert_eq!(page.inner_text(3), "if (a<b) x='</p>'");
        assert_eq!(script.parent, None);
        assert_eq!(page.elements[2].parent, Some(0));
    }
}
