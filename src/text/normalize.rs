//! A normalised view of a text with a map back to the original bytes.
//!
//! Matching happens on the view; every span it yields is mapped back, so a
//! finding always points at the bytes on disk. The view:
//! - composes each character with its combining marks (NFC), so an NFD "é"
//!   matches an NFC one;
//! - folds every run of Unicode white space (no-break, thin, line breaks) to
//!   one ASCII space, so a name broken across a line or joined by U+00A0
//!   still matches;
//! - drops zero-width characters and soft hyphens;
//! - writes curly apostrophes as `'`, curly double quotes as `"`, and Unicode
//!   hyphens and the en dash as `-`;
//! - optionally lowercases (full Unicode lowercase, whose length may differ).

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The normalised text and, for each of its bytes, the original byte range of
/// the character group it came from.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    /// The normalised text.
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

/// Characters that carry no letters and are dropped from the view.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The ASCII stand-in for typographic punctuation, if there is one.
fn ascii_punctuation(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => Some('-'),
        _ => None,
    }
}

impl NormalizedText {
    /// Build the view of `original`; `fold_case` lowercases it as well.
    pub fn new(original: &str, fold_case: bool) -> Self {
        let mut out = NormalizedText {
            text: String::with_capacity(original.len()),
            starts: Vec::with_capacity(original.len()),
            ends: Vec::with_capacity(original.len()),
        };
        let mut chars = original.char_indices().peekable();
        let mut last_was_space = false;
        let mut group = String::new();
        while let Some((start, c)) = chars.next() {
            let mut end = start + c.len_utf8();
            if c.is_whitespace() {
                while let Some(&(i, n)) = chars.peek() {
                    if n.is_whitespace() || is_invisible(n) {
                        end = i + n.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                if last_was_space {
                    // Only reachable after an invisible char between spaces: widen the space.
                    if let Some(e) = out.ends.last_mut() {
                        *e = end as u32;
                    }
                } else {
                    out.push_str(" ", start, end);
                }
                last_was_space = true;
                continue;
            }
            if is_invisible(c) {
                continue;
            }
            last_was_space = false;
            if let Some(a) = ascii_punctuation(c) {
                out.push_char(a, start, end);
                continue;
            }
            if c.is_ascii() && !matches!(chars.peek(), Some(&(_, n)) if !n.is_ascii()) {
                let a = if fold_case { c.to_ascii_lowercase() } else { c };
                out.push_char(a, start, end);
                continue;
            }
            group.clear();
            group.push(c);
            while let Some(&(i, n)) = chars.peek() {
                if is_combining_mark(n) {
                    group.push(n);
                    end = i + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            for composed in group.nfc() {
                if fold_case {
                    for l in composed.to_lowercase() {
                        out.push_char(l, start, end);
                    }
                } else {
                    out.push_char(composed, start, end);
                }
            }
        }
        out
    }

    fn push_char(&mut self, c: char, start: usize, end: usize) {
        let mut buf = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buf), start, end);
    }

    fn push_str(&mut self, s: &str, start: usize, end: usize) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.starts.push(start as u32);
            self.ends.push(end as u32);
        }
    }

    /// The original byte range behind the non-empty view range `range`.
    pub fn original_span(&self, range: Range<usize>) -> Range<usize> {
        debug_assert!(range.start < range.end);
        let start = self.starts[range.start] as usize;
        let end = self.ends[range.end - 1] as usize;
        start..end
    }

    /// The original byte offset where view byte `offset` begins (the end of
    /// the original text for the end of the view).
    pub fn original_offset(&self, offset: usize, original_len: usize) -> usize {
        self.starts
            .get(offset)
            .map_or(original_len, |&s| s as usize)
    }
}

/// Normalise a short phrase (a rule's form) the same way as texts are.
pub fn normalize_phrase(phrase: &str, fold_case: bool) -> String {
    NormalizedText::new(phrase.trim(), fold_case).text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of<'a>(original: &'a str, view: &NormalizedText, needle: &str) -> &'a str {
        let at = view.text.find(needle).expect("needle in view");
        &original[view.original_span(at..at + needle.len())]
    }

    #[test]
    fn no_break_space_and_line_break_fold_to_one_space() {
        let original = "the\u{a0}London School of\nEconomics";
        let view = NormalizedText::new(original, true);
        assert_eq!(view.text, "the london school of economics");
        assert_eq!(
            span_of(original, &view, "london school of economics"),
            "London School of\nEconomics"
        );
    }

    #[test]
    fn curly_apostrophes_and_quotes_become_ascii() {
        let original = "Moscow’s “plan”";
        let view = NormalizedText::new(original, false);
        assert_eq!(view.text, "Moscow's \"plan\"");
        assert_eq!(span_of(original, &view, "\"plan\""), "“plan”");
    }

    #[test]
    fn nfd_and_nfc_match_the_same_view() {
        let nfd = "Pe\u{301}rez said";
        let nfc = "Pérez said";
        let a = NormalizedText::new(nfd, true);
        let b = NormalizedText::new(nfc, true);
        assert_eq!(a.text, b.text);
        assert_eq!(span_of(nfd, &a, "pérez"), nfd.split(' ').next().unwrap());
    }

    #[test]
    fn soft_hyphen_and_zero_width_space_vanish() {
        let original = "Med\u{ad}vedev and Lav\u{200b}rov";
        let view = NormalizedText::new(original, true);
        assert_eq!(view.text, "medvedev and lavrov");
        assert_eq!(span_of(original, &view, "medvedev"), "Med\u{ad}vedev");
    }

    #[test]
    fn lowercase_that_changes_length_still_maps_back() {
        let original = "İstanbul talks";
        let view = NormalizedText::new(original, true);
        let at = view.text.find("talks").unwrap();
        assert_eq!(&original[view.original_span(at..at + 5)], "talks");
        assert_eq!(
            &original[view.original_span(0..view.text.find(' ').unwrap())],
            "İstanbul"
        );
    }

    #[test]
    fn cjk_gloss_keeps_its_bytes() {
        let original = "Wang Yi (王毅) said";
        let view = NormalizedText::new(original, false);
        assert_eq!(span_of(original, &view, "王毅"), "王毅");
    }

    #[test]
    fn en_dash_and_hyphen_agree() {
        let a = NormalizedText::new("China–Russia", true);
        let b = NormalizedText::new("China\u{2011}Russia", true);
        assert_eq!(a.text, "china-russia");
        assert_eq!(b.text, "china-russia");
    }
}
