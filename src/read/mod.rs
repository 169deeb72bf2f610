//! Input readers: what a file's format makes of it before the engines see it.
//!
//! Every reader turns a file into a [`Prepared`] text, the words a reader of
//! the piece would read, and a [`ByteMap`] from every byte of that text back
//! to the bytes of the file on disk. Engines work on the prepared text; the
//! checker maps every span back through the map before anything is
//! reported, so every line and column in every output format points into
//! the original file. Plain text needs no map (the text *is* the file, with
//! its front matter blanked).
//!
//! | extension (any case) | reader |
//! |---|---|
//! | `.txt`, `.text`, anything else named explicitly | [`Format::Plain`] |
//! | `.md`, `.markdown` | [`Format::Markdown`] |
//! | `.html`, `.htm` | [`Format::Html`] |
//! | `.docx` | [`Format::Docx`] |
//! | `.json` (read when named; not walked) | [`Format::Cms`] |
//!
//! A Word draft is the one format read before it is text: a `.docx` is a
//! zip archive, which [`crate::input`] hands to [`docx::read`] as bytes; the
//! [`SourceFile`] then holds the extracted paragraphs (one a line), marked
//! [`crate::source::SourceKind::WordDraft`], and is checked as plain text.
//!
//! A page fetched by URL is read by the reader its content type picks
//! (`crate::fetch::reader_name` turns the type into a name of this table).

pub mod cms;
pub mod docx;
pub mod html;
pub mod markdown;

use crate::metadata::Metadata;
use crate::source::{SourceFile, SourceKind};
use std::ops::Range;
use std::path::Path;

/// The formats copydesk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (front matter allowed).
    Plain,
    /// Markdown (front matter allowed); only prose is checked.
    Markdown,
    /// An HTML page; only the article body is checked.
    Html,
    /// A Word draft: its paragraphs, extracted when the file is read.
    Docx,
    /// A CMS export (`.json`): a WordPress REST post or an Arc XP ANS story.
    Cms,
}

impl Format {
    /// The format a file's name says, by its extension in any case;
    /// anything unknown is read as plain text.
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm") => Format::Html,
            Some("docx") => Format::Docx,
            Some("json") => Format::Cms,
            _ => Format::Plain,
        }
    }

    /// Whether walking a directory reads files of this name.
    pub fn walked(path: &Path) -> bool {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        matches!(
            ext.as_deref(),
            Some("txt" | "text" | "md" | "markdown" | "html" | "htm" | "docx")
        )
    }
}

/// One stretch of prepared text and the bytes of the file it comes from.
///
/// When both have the same length the bytes correspond one to one (text
/// copied as it is); otherwise the stretch stands for the whole source range
/// (a character reference such as `&nbsp;`, an escape in a JSON string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the prepared text.
    pub text: Range<usize>,
    /// Byte range in the file.
    pub source: Range<usize>,
}

/// From prepared-text offsets to file offsets.
///
/// Segments are sorted and disjoint in the text. Text between segments (a
/// line break a reader puts between two blocks) belongs to no source byte:
/// a span that begins there begins at the next segment's source, and one
/// that ends there ends at the previous segment's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ByteMap {
    segments: Vec<Segment>,
}

impl ByteMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Append a segment; segments must come in text order. Adjacent
    /// one-to-one segments that continue each other are merged.
    pub fn push(&mut self, text: Range<usize>, source: Range<usize>) {
        if text.is_empty() && source.is_empty() {
            return;
        }
        debug_assert!(
            self.segments
                .last()
                .is_none_or(|l| l.text.end <= text.start)
        );
        if let Some(last) = self.segments.last_mut()
            && last.text.len() == last.source.len()
            && text.len() == source.len()
            && last.text.end == text.start
            && last.source.end == source.start
        {
            last.text.end = text.end;
            last.source.end = source.end;
            return;
        }
        self.segments.push(Segment { text, source });
    }

    /// The segments, in text order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The file offset where a span beginning at text offset `at` begins.
    pub fn start(&self, at: usize) -> usize {
        let i = self.segments.partition_point(|s| s.text.end <= at);
        match self.segments.get(i) {
            Some(s) if s.text.start <= at => {
                if s.text.len() == s.source.len() {
                    s.source.start + (at - s.text.start)
                } else {
                    s.source.start
                }
            }
            Some(s) => s.source.start,
            None => self.segments.last().map_or(at, |s| s.source.end),
        }
    }

    /// The file offset where a span ending at text offset `at` ends.
    pub fn end(&self, at: usize) -> usize {
        let i = self.segments.partition_point(|s| s.text.end < at);
        match self.segments.get(i) {
            Some(s) if s.text.start < at => {
                if s.text.len() == s.source.len() {
                    s.source.start + (at - s.text.start)
                } else {
                    s.source.end
                }
            }
            _ => i
                .checked_sub(1)
                .map_or_else(|| self.start(at), |p| self.segments[p].source.end),
        }
    }

    /// The map of a text read out of another text: `self` maps this text to
    /// the inner text (the HTML reader over a decoded JSON string), `outer`
    /// maps the inner text to the file (the string's escapes). A one-to-one
    /// stretch of `self` is split where `outer`'s segments meet; a replaced
    /// one (a character reference) stands for the file span of its whole
    /// inner range. Text between segments of `self`, and inner text between
    /// segments of `outer`, belong to no file byte. Each stretch finds its
    /// first outer segment by binary search: the work is O(n log m) and the
    /// outer segments each stretch covers.
    pub fn compose(&self, outer: &ByteMap) -> ByteMap {
        let mut out = ByteMap::new();
        for seg in &self.segments {
            let mid = &seg.source;
            if seg.text.len() != mid.len() {
                if !mid.is_empty() {
                    out.push_joined(seg.text.clone(), outer.span(mid));
                }
                continue;
            }
            let mut i = outer.segments.partition_point(|o| o.text.end <= mid.start);
            while let Some(o) = outer.segments.get(i) {
                if o.text.start >= mid.end {
                    break;
                }
                let (a, b) = (mid.start.max(o.text.start), mid.end.min(o.text.end));
                if a < b {
                    let text = seg.text.start + (a - mid.start)..seg.text.start + (b - mid.start);
                    let source = if o.text.len() == o.source.len() {
                        o.source.start + (a - o.text.start)..o.source.start + (b - o.text.start)
                    } else {
                        o.source.clone()
                    };
                    out.push_joined(text, source);
                }
                i += 1;
            }
        }
        out
    }

    /// [`ByteMap::push`], but a stretch that stands for the same file bytes
    /// as the one before it (two halves of one escape) joins it.
    fn push_joined(&mut self, text: Range<usize>, source: Range<usize>) {
        if let Some(last) = self.segments.last_mut()
            && last.source == source
            && last.text.len() != last.source.len()
            && last.text.end == text.start
        {
            last.text.end = text.end;
            return;
        }
        self.push(text, source);
    }

    /// The file span of text span `span` (never inverted).
    pub fn span(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.start(span.start);
        if span.is_empty() {
            return start..start;
        }
        let end = self.end(span.end).max(start);
        start..end
    }
}

/// Metadata a reader found in the file itself (a page's `<meta>` tags, a
/// CMS export's fields), each value with where it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileMetadata {
    /// What it says (weaker than front matter, manifest and flags).
    pub metadata: Metadata,
    /// One line per value: "published 2017-10-30 from article:published_time".
    pub notes: Vec<String>,
    /// The headline, when the file gives one.
    pub headline: Option<String>,
    /// The byline, when the file gives one.
    pub byline: Option<String>,
}

/// A file as a reader prepared it.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// The text the engines check.
    pub text: String,
    /// From `text` offsets to file offsets; `None` when they are the same.
    pub map: Option<ByteMap>,
    /// Metadata from the file itself.
    pub file_metadata: FileMetadata,
}

/// Prepare `source` with the reader its name picks (its
/// [`SourceFile::reader_name`]: a page fetched by URL is read as its
/// content type says): `None` for plain
/// text (the engines read the file itself), else the reader's text and
/// map; an error says why the file cannot be read as its format.
pub fn prepare(source: &SourceFile) -> Result<Option<Prepared>, String> {
    // A Word draft's text was extracted when it was read, whatever its name.
    if source.kind != SourceKind::Text {
        return Ok(None);
    }
    match Format::of(Path::new(source.reader_name())) {
        Format::Markdown => Ok(Some(markdown::read(&source.text))),
        Format::Html => Ok(Some(html::prepare(&source.text))),
        Format::Cms => cms::prepare(&source.text).map(Some),
        Format::Plain | Format::Docx => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_one_and_replaced_segments_map_back() {
        // Source: "<p>Wang&nbsp;Li</p>", text: "Wang\u{a0}Li".
        let mut map = ByteMap::new();
        map.push(0..4, 3..7); // Wang
        map.push(4..6, 7..13); // &nbsp; → two bytes
        map.push(6..8, 13..15); // Li
        assert_eq!(map.span(&(0..8)), 3..15);
        assert_eq!(map.span(&(0..4)), 3..7);
        assert_eq!(map.span(&(4..6)), 7..13);
        assert_eq!(map.span(&(6..8)), 13..15);
        assert_eq!(map.span(&(5..5)), 7..7);
    }

    #[test]
    fn text_between_segments_snaps_to_its_neighbours() {
        // "One." from 10..14, a reader's "\n\n", "Two." from 30..34.
        let mut map = ByteMap::new();
        map.push(0..4, 10..14);
        map.push(6..10, 30..34);
        assert_eq!(map.span(&(0..10)), 10..34);
        assert_eq!(map.span(&(4..6)), 30..30);
        assert_eq!(map.span(&(3..5)), 13..14);
        assert_eq!(map.span(&(5..8)), 30..32);
    }

    #[test]
    fn adjacent_copies_merge() {
        let mut map = ByteMap::new();
        map.push(0..4, 3..7);
        map.push(4..8, 7..11);
        assert_eq!(map.segments().len(), 1);
    }

    #[test]
    fn composed_maps_reach_the_file_through_both() {
        // File: `"<p>Wang\u00a0Li &amp; \"Yi\"</p>"` (a JSON string of HTML).
        // Decoded: `<p>Wang\u{a0}Li &amp; "Yi"</p>`; text: `Wang\u{a0}Li & "Yi"`.
        let file = r#""<p>Wang\u00a0Li &amp; \"Yi\"</p>""#;
        let mut outer = ByteMap::new(); // decoded → file
        outer.push(0..7, 1..8); // <p>Wang
        outer.push(7..9, 8..14); // \u00a0 → two bytes
        outer.push(9..18, 14..23); // Li &amp;␠
        outer.push(18..19, 23..25); // \"
        outer.push(19..21, 25..27); // Yi
        outer.push(21..22, 27..29); // \"
        outer.push(22..26, 29..33); // </p>
        let mut inner = ByteMap::new(); // text → decoded
        inner.push(0..9, 3..12); // Wang\u{a0}Li␠ (one copy across the escape)
        inner.push(9..10, 12..17); // & from &amp;
        inner.push(10..15, 17..22); // ␠"Yi"
        let map = inner.compose(&outer);
        let text = "Wang\u{a0}Li & \"Yi\"";
        let slice = |t: Range<usize>| &file[map.span(&t)];
        assert_eq!(slice(0..text.len()), r#"Wang\u00a0Li &amp; \"Yi\""#);
        assert_eq!(slice(0..4), "Wang");
        assert_eq!(slice(4..6), r"\u00a0");
        assert_eq!(slice(0..8), r"Wang\u00a0Li");
        assert_eq!(slice(9..10), "&amp;");
        assert_eq!(slice(11..12), r#"\""#);
        assert_eq!(slice(11..15), r#"\"Yi\""#);
        assert_eq!(slice(12..14), "Yi");
        // Half of the no-break space still stands for its whole escape.
        assert_eq!(slice(5..6), r"\u00a0");
        // The copy across the escape became three segments, the one after
        // the reference four.
        assert_eq!(map.segments().len(), 8, "{:?}", map.segments());
    }

    #[test]
    fn composing_keeps_gaps_and_replaced_stretches() {
        // Outer: two stretches with a gap in between (inner bytes 4..6
        // stand for no file byte); inner: a replaced stretch over the gap.
        let mut outer = ByteMap::new();
        outer.push(0..4, 100..104);
        outer.push(6..10, 200..204);
        let mut inner = ByteMap::new();
        inner.push(0..2, 2..4); // one to one, before the gap
        inner.push(2..3, 3..7); // replaced, across the gap
        inner.push(5..9, 6..10); // one to one, after it (text 3..5 in no segment)
        let map = inner.compose(&outer);
        assert_eq!(map.span(&(0..2)), 102..104);
        assert_eq!(map.span(&(2..3)), 103..201);
        assert_eq!(map.span(&(5..9)), 200..204);
        // Text in no segment: the start snaps forward, the end back.
        assert_eq!(map.span(&(3..5)), 200..201);
        // A one-to-one inner stretch across the outer gap loses the gap.
        let mut inner = ByteMap::new();
        inner.push(0..10, 0..10);
        let map = inner.compose(&outer);
        assert_eq!(
            map.segments(),
            [
                Segment {
                    text: 0..4,
                    source: 100..104
                },
                Segment {
                    text: 6..10,
                    source: 200..204
                }
            ]
        );
        // The empty map composes to the empty map either way.
        assert!(ByteMap::new().compose(&outer).segments().is_empty());
        assert!(inner.compose(&ByteMap::new()).segments().is_empty());
    }

    #[test]
    fn formats_by_extension_in_any_case() {
        assert_eq!(Format::of(Path::new("a.HTML")), Format::Html);
        assert_eq!(Format::of(Path::new("a.markdown")), Format::Markdown);
        assert_eq!(Format::of(Path::new("a.TXT")), Format::Plain);
        assert!(Format::walked(Path::new("b/a.Text")));
        assert_eq!(Format::of(Path::new("a.DocX")), Format::Docx);
        assert!(Format::walked(Path::new("b/draft.docx")));
        assert!(!Format::walked(Path::new("b/a.json")));
        assert_eq!(Format::of(Path::new("post.JSON")), Format::Cms);
    }
}
