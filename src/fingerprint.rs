//! A finding's fingerprint: what it is, not where it is, so that a tool
//! (a baseline, SARIF `partialFingerprints`, GitLab Code Quality) can
//! follow it from one run to the next. It is made of the check, the rule,
//! the words found and [`CONTEXT_WORDS`] normalised words on each side of
//! it, inside its own sentence: lines added above it, or an edit of another
//! sentence however near, leave it unchanged; line numbers never enter it.
//! The hash is XXH3-64 (the `xxhash-rust` crate: its output is specified
//! and does not change with the compiler).

use crate::finding::Finding;
use crate::read::Format;
use crate::source::{SourceFile, SourceKind};
use std::path::Path;

/// Words of context hashed on each side of a finding.
pub const CONTEXT_WORDS: usize = 4;

/// How the words of a file are read for fingerprints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markup {
    /// Plain text, a Word draft's paragraphs.
    None,
    /// Markdown and HTML: `<…>` is no word.
    Tags,
    /// A CMS export: tags, and JSON escapes (`\n`, `\u00a0`), are no words.
    TagsAndEscapes,
}

impl Markup {
    fn of(source: &SourceFile) -> Markup {
        if source.kind == SourceKind::WordDraft {
            return Markup::None;
        }
        match Format::of(Path::new(source.reader_name())) {
            Format::Markdown | Format::Html => Markup::Tags,
            Format::Cms => Markup::TagsAndEscapes,
            Format::Plain | Format::Docx => Markup::None,
        }
    }
}

/// Tags that end a block of text: context never reaches across them.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "pre",
];

/// A word of a file as fingerprints read it: its byte range, its text
/// (lowercased) and the sentence it is in.
type Word = (usize, usize, String, usize);

/// The words of `text` as fingerprints read them: runs of letters and
/// digits, lowercased, each with its byte range and the number of its
/// sentence (a sentence ends at `.`, `!`, `?`, a blank line, a Word
/// paragraph, or a block tag); markup left out.
fn words(text: &str, markup: Markup, paragraph_per_line: bool) -> Vec<Word> {
    let mut out = Vec::new();
    let mut word: Option<(usize, String)> = None;
    let mut sentence = 0usize;
    // Line feeds since the last character that is not white space.
    let mut feeds = 0usize;
    let mut chars = text.char_indices().peekable();
    let flush = |word: &mut Option<(usize, String)>, at: usize, out: &mut Vec<Word>, s: usize| {
        if let Some((start, w)) = word.take() {
            out.push((start, at, w, s));
        }
    };
    while let Some((i, c)) = chars.next() {
        if markup != Markup::None && c == '<' {
            flush(&mut word, i, &mut out, sentence);
            let mut name = String::new();
            let mut naming = true;
            for (_, t) in chars.by_ref() {
                if t == '>' {
                    break;
                }
                if naming && (t.is_ascii_alphanumeric() || (name.is_empty() && t == '/')) {
                    if t != '/' {
                        name.push(t.to_ascii_lowercase());
                    }
                } else {
                    naming = false;
                }
            }
            if BLOCK_TAGS.contains(&name.as_str()) {
                sentence += 1;
            }
            continue;
        }
        if markup == Markup::TagsAndEscapes && c == '\\' {
            flush(&mut word, i, &mut out, sentence);
            if let Some((_, e)) = chars.next()
                && e == 'u'
            {
                for _ in 0..4 {
                    chars.next_if(|(_, h)| h.is_ascii_hexdigit());
                }
            }
            continue;
        }
        if c.is_alphanumeric() {
            feeds = 0;
            word.get_or_insert_with(|| (i, String::new()))
                .1
                .extend(c.to_lowercase());
            continue;
        }
        flush(&mut word, i, &mut out, sentence);
        if c == '\n' {
            feeds += 1;
            if feeds == 2 || paragraph_per_line {
                sentence += 1;
            }
        } else if !c.is_whitespace() {
            feeds = 0;
            if matches!(c, '.' | '!' | '?') {
                sentence += 1;
            }
        }
    }
    flush(&mut word, text.len(), &mut out, sentence);
    out
}

/// The words of one file as fingerprints read them, read once for all its
/// findings.
#[derive(Debug, Clone, Default)]
pub struct FileWords {
    words: Vec<Word>,
}

impl FileWords {
    /// The words of `source`, read as its format says.
    pub fn of(source: &SourceFile) -> FileWords {
        FileWords {
            words: words(
                &source.text,
                Markup::of(source),
                source.kind == SourceKind::WordDraft,
            ),
        }
    }

    /// The fingerprint of `finding`, found in this file (see [`fingerprint`]).
    pub fn fingerprint(&self, finding: &Finding) -> String {
        fingerprint_in(finding, &self.words)
    }
}

/// The fingerprint of `finding` in `source`: XXH3-64 of the check, the
/// rule, the words found and [`CONTEXT_WORDS`] normalised words on each
/// side of its span, as 16 hexadecimal digits. (Many findings of one
/// file: [`FileWords`] reads its words once.)
pub fn fingerprint(finding: &Finding, source: &SourceFile) -> String {
    FileWords::of(source).fingerprint(finding)
}

/// XXH3-64 of `parts` (each ended by a NUL), as 16 hexadecimal digits: for
/// what is not a finding (a problem's place in a report).
pub fn hash(parts: &[&str]) -> String {
    let mut key = String::new();
    for p in parts {
        key.push_str(p);
        key.push('\u{0}');
    }
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// [`fingerprint`] over the words of the file, read already.
fn fingerprint_in(finding: &Finding, all: &[Word]) -> String {
    let span = &finding.span;
    let before_end = all.partition_point(|w| w.1 <= span.start);
    let after_start = all.partition_point(|w| w.0 < span.end);
    // The sentences the finding begins and ends in (the first word at or
    // after its start; a span with no word after it: the word before):
    // context stays inside them, so that an edit of another sentence,
    // however near, never changes it.
    let first = all
        .get(before_end)
        .or_else(|| before_end.checked_sub(1).and_then(|i| all.get(i)))
        .map_or(0, |w| w.3);
    let last = all[before_end..after_start].last().map_or(first, |w| w.3);
    let mut before: Vec<&str> = all[..before_end]
        .iter()
        .rev()
        .take_while(|w| w.3 == first)
        .take(CONTEXT_WORDS)
        .map(|w| w.2.as_str())
        .collect();
    before.reverse();
    let after: Vec<&str> = all[after_start..]
        .iter()
        .take_while(|w| w.3 == last)
        .take(CONTEXT_WORDS)
        .map(|w| w.2.as_str())
        .collect();
    let join = |ws: &[&str]| ws.join(" ");
    let key = [
        "copydesk-baseline-v1",
        finding.check.code(),
        &finding.rule,
        &finding.found,
        &join(&before),
        &join(&after),
    ]
    .join("\u{0}");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}
