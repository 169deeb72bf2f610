//! Article extraction: which element of the page is the article, and its
//! text with a map back to the file.
//!
//! The way readers' modes do it, strongest evidence first: an element with
//! `itemprop="articleBody"`, one whose class or id names an article body
//! (`article-body`, `story-body`, `entry-content`, `post-content`…), an
//! `<article>`, and else the element whose paragraphs hold the most text
//! (each `<p>` of 25 bytes or more and not mostly links scores its length
//! for its parent and half for its grandparent). A candidate needs
//! [`MIN_BODY`] bytes of text. Inside the article, page furniture is not
//! read: scripts, styles, navigation, headers, footers, asides, figures and
//! captions, forms and buttons, hidden elements, elements whose class or id
//! says share bar, related links, newsletter, caption, credit, disclaimer…,
//! and lists or paragraphs that are mostly links. Statistics are gathered
//! in one pass over the events, and text is emitted in another, so the
//! work is linear in the page.

use super::tokens::{Element, Event, Page};
use crate::read::ByteMap;

/// Bytes of text (not counting white space) a candidate must hold.
pub const MIN_BODY: usize = 140;

/// Elements never read as article text, whatever their class.
const HARD_FURNITURE: &[&str] = &[
    "head",
    "title",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "form",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "label",
    "iframe",
    "svg",
    "math",
    "canvas",
    "video",
    "audio",
    "object",
    "embed",
    "dialog",
    "menu",
    "picture",
    "map",
];

/// Block elements: each ends a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "br",
];

/// Class or id words that name an article body.
const BODY_NAMES: &[&str] = &[
    "article-body",
    "article__body",
    "articlebody",
    "article-content",
    "article__content",
    "article-text",
    "story-body",
    "story__body",
    "storybody",
    "story-content",
    "story-text",
    "entry-content",
    "post-content",
    "post-body",
    "post-entry",
    "body-text",
];

/// Parts of a class or id that mark page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "signup",
    "promo",
    "advert",
    "sponsor",
    "disclaimer",
    "caption",
    "credit",
    "breadcrumb",
    "sidebar",
    "comment",
    "byline",
    "author-bio",
    "recommend",
    "more-stories",
    "read-more",
    "readmore",
    "paywall",
    "popup",
    "cookie",
    "banner",
    "menu",
    "pagination",
    "toolbar",
    "follow",
    "tags",
    "topics",
    "dateline",
    "timestamp",
];

fn class_words(e: &Element) -> impl Iterator<Item = String> + '_ {
    ["class", "id"]
        .into_iter()
        .filter_map(|a| e.attr(a))
        .flat_map(str::split_whitespace)
        .map(str::to_ascii_lowercase)
}

/// Whether `e`'s class or id names an article body.
pub fn names_body(e: &Element) -> bool {
    class_words(e).any(|w| BODY_NAMES.iter().any(|b| w.contains(b)))
}

fn soft_furniture(e: &Element) -> bool {
    if names_body(e) {
        return false;
    }
    class_words(e).any(|w| {
        FURNITURE_WORDS.iter().any(|f| w.contains(f))
            || w.split(['-', '_']).any(|p| matches!(p, "ad" | "ads"))
    })
}

fn hard_furniture(e: &Element) -> bool {
    HARD_FURNITURE.contains(&e.name.as_str())
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("role").is_some_and(|r| {
            matches!(
                r.to_ascii_lowercase().as_str(),
                "navigation"
                    | "complementary"
                    | "banner"
                    | "contentinfo"
                    | "dialog"
                    | "menu"
                    | "menubar"
                    | "search"
                    | "toolbar"
            )
        })
}

/// What the statistics pass learnt of each element.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Non-space bytes of text inside, outside hard furniture.
    pub text: Vec<usize>,
    /// Of which inside links.
    pub links: Vec<usize>,
    /// Paragraph score.
    pub score: Vec<usize>,
    /// Inside hard furniture (or is it).
    pub hidden: Vec<bool>,
}

/// One pass over the events.
pub fn stats(page: &Page) -> Stats {
    let n = page.elements.len();
    let mut s = Stats {
        text: vec![0; n],
        links: vec![0; n],
        score: vec![0; n],
        hidden: vec![false; n],
    };
    let mut stack: Vec<usize> = Vec::new();
    let mut hidden_depth = 0usize;
    let mut link_depth = 0usize;
    for ev in &page.events {
        match ev {
            Event::Open(id) => {
                let e = &page.elements[*id];
                let hide = hidden_depth > 0 || hard_furniture(e);
                s.hidden[*id] = hide;
                if hide {
                    hidden_depth += 1;
                }
                if e.name == "a" {
                    link_depth += 1;
                }
                stack.push(*id);
            }
            Event::Close(id) => {
                let e = &page.elements[*id];
                stack.pop();
                if s.hidden[*id] {
                    hidden_depth -= 1;
                }
                if e.name == "a" {
                    link_depth -= 1;
                }
                if let Some(&parent) = stack.last() {
                    s.text[parent] += s.text[*id];
                    s.links[parent] += s.links[*id];
                    let t = s.text[*id];
                    if e.name == "p" && t >= 25 && s.links[*id] * 2 < t {
                        s.score[parent] += t;
                        if let Some(gp) = page.elements[parent].parent {
                            s.score[gp] += t / 2;
                        }
                    }
                }
            }
            Event::Text(c) => {
                if hidden_depth > 0 {
                    continue;
                }
                let Some(&top) = stack.last() else { continue };
                let t = page.buf[c.text.clone()]
                    .iter()
                    .filter(|b| !b.is_ascii_whitespace())
                    .count();
                s.text[top] += t;
                if link_depth > 0 {
                    s.links[top] += t;
                }
            }
        }
    }
    s
}

/// How the article was found (for the notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// `itemprop="articleBody"`.
    ItemProp,
    /// A class or id naming an article body.
    ClassName,
    /// An `<article>`.
    Article,
    /// The paragraph score.
    Density,
    /// Nothing better: the whole page's `<body>` (or the whole page).
    Body,
}

impl Found {
    /// How a note says it.
    pub fn describe(self) -> &'static str {
        match self {
            Found::ItemProp => "the element with itemprop=\"articleBody\"",
            Found::ClassName => "the element whose class or id names an article body",
            Found::Article => "the <article> element",
            Found::Density => "the element with the most paragraph text",
            Found::Body => "the page's <body>",
        }
    }
}

fn best(page: &Page, st: &Stats, pick: impl Fn(&Element) -> bool) -> Option<usize> {
    page.elements
        .iter()
        .enumerate()
        .filter(|(i, e)| !st.hidden[*i] && st.text[*i] >= MIN_BODY && pick(e))
        .max_by_key(|(i, _)| (st.text[*i], std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// The article's element, and how it was found; `None` when only the
/// paragraph-less page is left (the caller may prefer JSON-LD then).
pub fn choose(page: &Page, st: &Stats) -> Option<(usize, Found)> {
    let itemprop = |e: &Element| {
        e.attr("itemprop").is_some_and(|v| {
            v.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("articleBody"))
        })
    };
    if let Some(i) = best(page, st, itemprop) {
        return Some((i, Found::ItemProp));
    }
    if let Some(i) = best(page, st, names_body) {
        return Some((i, Found::ClassName));
    }
    if let Some(i) = best(page, st, |e| e.name == "article") {
        return Some((i, Found::Article));
    }
    let dense = (0..page.elements.len())
        .filter(|&i| !st.hidden[i] && st.score[i] >= MIN_BODY)
        .max_by_key(|&i| (st.score[i], std::cmp::Reverse(i)));
    dense.map(|i| (i, Found::Density))
}

/// The `<body>` element, if any.
pub fn body(page: &Page) -> Option<usize> {
    page.elements.iter().position(|e| e.name == "body")
}

/// The headline: the first `<h1>` of the `<article>` that holds (or is)
/// `root`, else of `root` itself.
pub fn headline(page: &Page, root: usize) -> Option<usize> {
    let mut scope = Some(root);
    let mut at = Some(root);
    while let Some(i) = at {
        if page.elements[i].name == "article" {
            scope = Some(i);
            break;
        }
        at = page.elements[i].parent;
    }
    let scope = &page.elements[scope?];
    page.events[scope.open..scope.close]
        .iter()
        .find_map(|ev| match ev {
            Event::Open(i) if page.elements[*i].name == "h1" => Some(*i),
            _ => None,
        })
}

/// The text being built and its map.
#[derive(Default)]
pub struct Out {
    /// The prepared text.
    pub text: String,
    /// (text, source) ranges, in order.
    segments: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
    pending_break: bool,
}

impl Out {
    fn line_start(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    /// End the current line, if anything is on it.
    pub fn brk(&mut self) {
        if !self.line_start() {
            self.pending_break = true;
        }
    }

    fn trim_end(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
            let len = self.text.len();
            match self.segments.last_mut() {
                Some((t, _)) if t.start >= len => {
                    self.segments.pop();
                }
                Some((t, s)) if t.end > len => {
                    // A copy ending in the space.
                    t.end = len;
                    s.end -= 1;
                }
                _ => {}
            }
        }
    }

    fn before_content(&mut self) {
        if self.pending_break {
            self.trim_end();
            self.text.push('\n');
            self.pending_break = false;
        }
    }

    /// Append `s` standing for the file's `source` (one to one when the
    /// lengths agree).
    pub fn push(&mut self, s: &str, source: std::ops::Range<usize>) {
        self.before_content();
        let start = self.text.len();
        self.text.push_str(s);
        self.segments.push((start..self.text.len(), source));
    }

    /// Append copied character data that starts at file offset `at`:
    /// runs of white space with a line break or tab in them become one
    /// space, and none at the start of a line.
    pub fn push_copied(&mut self, s: &str, at: usize) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let ws = b[i].is_ascii_whitespace();
            let mut j = i;
            while j < b.len() && b[j].is_ascii_whitespace() == ws {
                j += 1;
            }
            if !ws {
                self.push(&s[i..j], at + i..at + j);
            } else if !(self.line_start() || self.pending_break) {
                // One space: a copy; a longer run: one space for all of it.
                self.push(" ", at + i..at + j);
            }
            i = j;
        }
    }

    /// The text and its map.
    pub fn finish(mut self) -> (String, ByteMap) {
        self.trim_end();
        let mut map = ByteMap::new();
        for (t, s) in self.segments {
            map.push(t, s);
        }
        (self.text, map)
    }
}

fn link_heavy(e: &Element, st: &Stats, id: usize) -> bool {
    let (t, l) = (st.text[id], st.links[id]);
    if t == 0 || l == 0 {
        return false;
    }
    match e.name.as_str() {
        "p" => l == t || (t < 120 && l * 10 >= t * 8),
        "ul" | "ol" | "dl" | "div" | "section" | "table" | "li" => l * 10 >= t * 6,
        _ => false,
    }
}

/// Emit the text of element `root` (its furniture left out).
pub fn emit(page: &Page, st: &Stats, root: usize, out: &mut Out) {
    let r = &page.elements[root];
    emit_range(page, st, r.open + 1..r.close, out);
}

/// Emit the text of the events in `events` (furniture left out).
pub fn emit_range(page: &Page, st: &Stats, events: std::ops::Range<usize>, out: &mut Out) {
    let mut i = events.start;
    while i < events.end {
        match &page.events[i] {
            Event::Open(id) => {
                let e = &page.elements[*id];
                if hard_furniture(e) || soft_furniture(e) || link_heavy(e, st, *id) {
                    if BLOCKS.contains(&e.name.as_str()) {
                        out.brk();
                    }
                    i = e.close + 1;
                    continue;
                }
                if BLOCKS.contains(&e.name.as_str()) {
                    out.brk();
                }
            }
            Event::Close(id) => {
                if BLOCKS.contains(&page.elements[*id].name.as_str()) {
                    out.brk();
                }
            }
            Event::Text(c) => {
                let s = page.chunk_text(c);
                if c.copied && s.len() == c.source.len() {
                    out.push_copied(&s, c.source.start);
                } else {
                    out.push(&s, c.source.clone());
                }
            }
        }
        i += 1;
    }
    out.brk();
}
