//! The prepared document: what every engine and `compare` read of a file.
//!
//! A file is prepared once. Its front matter is split off here and only
//! here: the document's [`Document::text`] is the file with the front
//! matter blanked out (every byte of it a space, its line breaks kept), so
//! no engine can report inside it, and every offset into the text is still
//! a byte offset into the file as it is on disk. The views (normalised
//! text, words, capitals, sentences, quotations, numbers) are derived on
//! first use and shared by every engine that asks.
//!
//! A file in a markup format (HTML, Markdown) is first prepared by its
//! reader ([`crate::read`]): the document's text is then the reader's text,
//! and [`Document::to_file`] maps its offsets back to the file's; the
//! checker maps every finding before it is reported.

pub mod quoted;
pub mod sentences;

use crate::metadata::{Metadata, Provenance, Stamp, find_stamps, front_matter, may_hold_stamp};
use crate::read::{ByteMap, FileMetadata, Prepared};
use crate::source::SourceFile;
use crate::text::numbers::{Mention as Number, scan};
use crate::text::quotes::{Quotations, quotations};
use crate::text::{NormalizedText, Word, capital_starts, words};
use quoted::QuotedSpans;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

/// A file prepared for the engines.
pub struct Document<'a> {
    /// The file as read.
    pub source: &'a SourceFile,
    /// The article text: the file with its front matter blanked, or what
    /// the file's reader made of it.
    text: Cow<'a, str>,
    /// From text offsets to file offsets, when they differ.
    map: Option<ByteMap>,
    /// What the file says about itself (a page's metadata).
    pub file_metadata: FileMetadata,
    /// What is known about this version (outlet, publication date, locale).
    pub metadata: Metadata,
    /// Offset in [`Document::text`] where the article text begins (after
    /// any front matter).
    pub body: usize,
    /// Offset in the file where the article text begins.
    pub file_body: usize,
    /// CMS publication stamps in the article text.
    pub stamps: Vec<Stamp>,
    /// Front-matter values that could not be read.
    pub front_matter_errors: Vec<String>,
    view: OnceCell<NormalizedText>,
    words: OnceCell<Vec<Word>>,
    capitals: OnceCell<Vec<usize>>,
    sentences: OnceCell<Vec<Range<usize>>>,
    quotations: OnceCell<Quotations>,
    quoted: OnceCell<QuotedSpans>,
    numbers: OnceCell<Vec<Number>>,
}

/// `text` with `text[..end]` blanked: each byte a space but line breaks,
/// so that offsets and line numbers stay those of the file.
fn blank_front(text: &str, end: usize) -> Cow<'_, str> {
    if end == 0 {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    out.extend(text[..end].chars().flat_map(|c| {
        let keep = if c == '\n' { '\n' } else { ' ' };
        std::iter::repeat_n(keep, if c == '\n' { 1 } else { c.len_utf8() })
    }));
    out.push_str(&text[end..]);
    Cow::Owned(out)
}

impl<'a> Document<'a> {
    /// Prepare `source` with no metadata but its own.
    pub fn new(source: &'a SourceFile) -> Self {
        Self::with_metadata(source, &Metadata::default(), &Metadata::default())
    }

    /// Prepare `source`: metadata from the command line wins over the front
    /// matter, which wins over the manifest; a CMS stamp gives the
    /// publication date when nothing else does.
    pub fn with_metadata(
        source: &'a SourceFile,
        command_line: &Metadata,
        manifest: &Metadata,
    ) -> Self {
        Self::prepared(source, None, command_line, manifest)
    }

    /// Prepare `source` through the reader its name picks. A file its
    /// reader refuses (malformed JSON, a page that is no export) has no
    /// article text, since its raw bytes read as prose would be the markup, and
    /// the refusal joins [`Document::front_matter_errors`]: `check` and
    /// `compare` report the same input errors from here.
    pub fn read(source: &'a SourceFile, command_line: &Metadata, manifest: &Metadata) -> Self {
        let (prepared, read_error) = match crate::read::prepare(source) {
            Ok(p) => (p, None),
            Err(e) => (Some(Prepared::default()), Some(e)),
        };
        let mut doc = Self::prepared(source, prepared, command_line, manifest);
        doc.front_matter_errors.extend(read_error);
        doc
    }

    /// Prepare `source` as its reader made it (`None`: plain text). The
    /// file's own metadata (a page's) is the weakest source but the CMS
    /// stamp.
    pub fn prepared(
        source: &'a SourceFile,
        prepared: Option<Prepared>,
        command_line: &Metadata,
        manifest: &Metadata,
    ) -> Self {
        let fm = front_matter(&source.text).unwrap_or_default();
        let body = fm.end;
        let from_reader = prepared.is_some();
        let (text, map, file_metadata) = match prepared {
            Some(p) => (Cow::Owned(p.text), p.map, p.file_metadata),
            None => (
                blank_front(&source.text, body),
                None,
                FileMetadata::default(),
            ),
        };
        let mut metadata =
            command_line.over(&fm.metadata.over(&manifest.over(&file_metadata.metadata)));
        // Offsets below `body` are front matter in the file; a reader's
        // text is its own (the body is found by mapping back), and so is
        // the empty text of a file its reader refused (a `.json` that is
        // no JSON but begins with front matter).
        let text_body = if from_reader || map.is_some() {
            0
        } else {
            body
        };
        let doc = Document {
            source,
            text,
            map,
            file_metadata,
            metadata: Metadata::default(),
            body: text_body,
            file_body: body,
            stamps: Vec::new(),
            front_matter_errors: fm.errors,
            view: OnceCell::new(),
            words: OnceCell::new(),
            capitals: OnceCell::new(),
            sentences: OnceCell::new(),
            quotations: OnceCell::new(),
            quoted: OnceCell::new(),
            numbers: OnceCell::new(),
        };
        let stamps = if may_hold_stamp(&doc.view().text) {
            find_stamps(doc.text(), text_body)
        } else {
            Vec::new()
        };
        if metadata.published.is_none()
            && let Some(first) = stamps.first()
        {
            metadata.published = Some(first.date);
            metadata.published_from = Provenance::Stamp;
        }
        Document {
            metadata,
            stamps,
            ..doc
        }
    }

    /// The article text: the file with its front matter blanked (offsets
    /// into it are offsets into the file), or the reader's text (mapped by
    /// [`Document::to_file`]).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file span of text span `span`.
    pub fn to_file(&self, span: &Range<usize>) -> Range<usize> {
        match &self.map {
            Some(map) => map.span(span),
            None => span.clone(),
        }
    }

    /// The map from text offsets to file offsets, when they differ.
    pub fn map(&self) -> Option<&ByteMap> {
        self.map.as_ref()
    }

    /// Whether text offsets differ from file offsets.
    pub fn is_mapped(&self) -> bool {
        self.map.is_some()
    }

    /// Lowercase normalised view with a map back to the original bytes.
    pub fn view(&self) -> &NormalizedText {
        self.view
            .get_or_init(|| NormalizedText::new(&self.text, true))
    }

    /// Words of the article text.
    pub fn words(&self) -> &[Word] {
        self.words.get_or_init(|| words(&self.text))
    }

    /// Where capitalised words and proper nouns can begin ([`capital_starts`]).
    pub fn capitals(&self) -> &[usize] {
        self.capitals.get_or_init(|| capital_starts(&self.text))
    }

    /// The sentences of the article text ([`sentences::split`]), in order.
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences.get_or_init(|| sentences::split(&self.text))
    }

    /// The sentence that holds byte `at` (or the gap before the next one:
    /// then an empty range at `at`).
    pub fn sentence_at(&self, at: usize) -> Range<usize> {
        let all = self.sentences();
        match sentences::index_at(all, at) {
            Some(i) if at < all[i].end || (at == all[i].end && at > all[i].start) => all[i].clone(),
            _ => at..at,
        }
    }

    /// The sentence around `span`: from the start of the sentence of its
    /// first byte to the end of the sentence of its last, and never less
    /// than the span itself.
    pub fn sentence_around(&self, span: &Range<usize>) -> Range<usize> {
        let first = self.sentence_at(span.start);
        let last = self.sentence_at(span.end.saturating_sub(1).max(span.start));
        first.start.min(span.start)..last.end.max(span.end)
    }

    /// Every quotation of the article text, single and double marks alike,
    /// and the marks that have no partner: the one model of what is quoted.
    pub fn quotations(&self) -> &Quotations {
        self.quotations.get_or_init(|| quotations(&self.text))
    }

    /// The union of the quotations' spans, for "is this quoted?".
    pub fn quoted(&self) -> &QuotedSpans {
        self.quoted
            .get_or_init(|| QuotedSpans::new(self.quotations()))
    }

    /// Every number of the article text, with its unit.
    pub fn numbers(&self) -> &[Number] {
        self.numbers.get_or_init(|| scan(&self.text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_blanked_but_offsets_and_lines_stay() {
        let file = "---\ntitle: “He said “no\n---\nWang Li spoke.";
        let src = SourceFile::new("a.md", file);
        let doc = Document::new(&src);
        assert_eq!(doc.text().len(), file.len());
        assert_eq!(doc.text().matches('\n').count(), file.matches('\n').count());
        assert!(!doc.text()[..doc.body].contains(|c: char| !c.is_whitespace()));
        assert_eq!(&doc.text()[doc.body..], "Wang Li spoke.");
        assert!(doc.quotations().quotes.is_empty());
        assert!(doc.quotations().unbalanced.is_empty());
        assert_eq!(doc.sentences().to_vec(), vec![doc.body..file.len()]);
    }

    #[test]
    fn single_and_double_quotations_are_both_quoted() {
        let text = "She said ‘we favour it’ and “they agree”.";
        let src = SourceFile::new("a.txt", text);
        let doc = Document::new(&src);
        let favour = text.find("favour").unwrap();
        let agree = text.find("agree").unwrap();
        assert!(doc.quoted().contains(&(favour..favour + 6)));
        assert!(doc.quoted().contains(&(agree..agree + 5)));
        assert!(!doc.quoted().contains(&(0..3)));
    }
}
