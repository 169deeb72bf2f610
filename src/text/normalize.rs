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

use super::swar;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The normalised text and a map back to the original bytes.
///
/// The map is a list of segments, each either *linear* (ASCII copied byte
/// for byte, possibly lowercased: view byte `n` is original byte
/// `orig + (n - norm)`) or *atomic* (a run of white space, a composed
/// character, a typographic quote: its view bytes stand for the whole
/// original run). Running prose is almost all linear, so the map stays a
/// few entries per paragraph and building the view costs little more than a
/// copy.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    /// The normalised text.
    pub text: String,
    /// Segments sorted by `norm`, ending with a sentinel at the end of both texts.
    segs: Vec<Seg>,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    norm: u32,
    orig: u32,
    linear: bool,
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
        let bytes = original.as_bytes();
        let mut out = NormalizedText {
            text: String::with_capacity(original.len()),
            // Prose breaks the plain ASCII run every hundred bytes or so.
            segs: Vec::with_capacity(original.len() / 64 + 2),
        };
        let mut linear = false;
        let mut i = 0;
        let mut group = String::new();
        while i < bytes.len() {
            // Fast path: a run of ASCII bytes that map to themselves (no
            // white space but single spaces between words, no letter that a
            // combining mark follows) is copied in one go.
            let run = simple_ascii_run(bytes, i, out.text.ends_with(' '));
            if run > i {
                if !linear {
                    out.segs.push(Seg {
                        norm: out.text.len() as u32,
                        orig: i as u32,
                        linear: true,
                    });
                    linear = true;
                }
                let from = out.text.len();
                out.text.push_str(&original[i..run]);
                if fold_case {
                    // The pushed bytes are ASCII: lowercasing them in place keeps UTF-8.
                    out.text[from..].make_ascii_lowercase();
                }
                i = run;
                continue;
            }
            linear = false;
            let c = original[i..].chars().next().expect("i is a char boundary");
            let start = i;
            let mut end = i + c.len_utf8();
            if c.is_whitespace() || c == '\x0b' {
                while let Some(n) = original[end..].chars().next() {
                    if n.is_whitespace() || is_invisible(n) {
                        end += n.len_utf8();
                    } else {
                        break;
                    }
                }
                if out.text.ends_with(' ') {
                    // Only after invisible characters between spaces: the
                    // earlier space stands for this run too.
                    out.atomic("", start);
                } else {
                    out.atomic(" ", start);
                }
                i = end;
                continue;
            }
            if is_invisible(c) {
                out.atomic("", start);
                i = end;
                continue;
            }
            if let Some(a) = ascii_punctuation(c) {
                let mut buf = [0u8; 4];
                out.atomic(a.encode_utf8(&mut buf), start);
                i = end;
                continue;
            }
            group.clear();
            group.push(c);
            while let Some(n) = original[end..].chars().next() {
                if is_combining_mark(n) {
                    group.push(n);
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            let mut piece = String::new();
            for composed in group.nfc() {
                if fold_case {
                    piece.extend(composed.to_lowercase());
                } else {
                    piece.push(composed);
                }
            }
            out.atomic(&piece, start);
            i = end;
        }
        out.segs.push(Seg {
            norm: out.text.len() as u32,
            orig: original.len() as u32,
            linear: false,
        });
        out
    }

    /// Append `s` as one atomic segment standing for the original from `orig`.
    fn atomic(&mut self, s: &str, orig: usize) {
        self.segs.push(Seg {
            norm: self.text.len() as u32,
            orig: orig as u32,
            linear: false,
        });
        self.text.push_str(s);
    }

    /// A cursor from view ranges to original spans.
    pub fn original_spans(&self) -> OriginalSpans<'_> {
        OriginalSpans {
            segs: &self.segs,
            at: 0,
        }
    }

    /// A cursor from original offsets to view offsets.
    pub fn view_offsets(&self) -> ViewOffsets<'_> {
        ViewOffsets {
            segs: &self.segs,
            at: 0,
        }
    }

    /// Index of the segment holding view byte `offset` (< text length).
    fn seg_of(&self, offset: usize) -> usize {
        self.segs.partition_point(|s| s.norm as usize <= offset) - 1
    }

    /// The original byte range behind the non-empty view range `range`.
    pub fn original_span(&self, range: Range<usize>) -> Range<usize> {
        debug_assert!(range.start < range.end);
        let s = self.segs[self.seg_of(range.start)];
        let start = if s.linear {
            s.orig as usize + (range.start - s.norm as usize)
        } else {
            s.orig as usize
        };
        let last = range.end - 1;
        let i = self.seg_of(last);
        let e = self.segs[i];
        let end = if e.linear {
            e.orig as usize + (last - e.norm as usize) + 1
        } else {
            self.segs[i + 1].orig as usize
        };
        start..end
    }
}

/// Maps view ranges, asked in order of their starts, to original spans
/// (as [`NormalizedText::original_span`], walking the segments instead of
/// searching them).
pub struct OriginalSpans<'a> {
    segs: &'a [Seg],
    at: usize,
}

impl OriginalSpans<'_> {
    /// The original byte range behind the non-empty view range `range`.
    pub fn span(&mut self, range: Range<usize>) -> Range<usize> {
        debug_assert!(range.start < range.end);
        let segs = self.segs;
        if segs[self.at].norm as usize > range.start {
            // Asked out of order: start again from the beginning.
            self.at = 0;
        }
        let last_at_or_before = |mut i: usize, offset: usize| {
            while i + 1 < segs.len() && segs[i + 1].norm as usize <= offset {
                i += 1;
            }
            i
        };
        self.at = last_at_or_before(self.at, range.start);
        let s = segs[self.at];
        let start = if s.linear {
            s.orig as usize + (range.start - s.norm as usize)
        } else {
            s.orig as usize
        };
        let last = range.end - 1;
        let i = last_at_or_before(self.at, last);
        let e = segs[i];
        let end = if e.linear {
            e.orig as usize + (last - e.norm as usize) + 1
        } else {
            segs[i + 1].orig as usize
        };
        start..end
    }
}

/// Maps original offsets, asked in increasing order, to view offsets.
pub struct ViewOffsets<'a> {
    segs: &'a [Seg],
    at: usize,
}

impl ViewOffsets<'_> {
    /// The view offset of the original character that starts at `orig`
    /// (not below the previous one asked). A character inside an atomic
    /// run (white space, a base letter's combining marks) maps to the
    /// run's start.
    pub fn view_offset(&mut self, orig: usize) -> usize {
        while self.at + 1 < self.segs.len() && self.segs[self.at + 1].orig as usize <= orig {
            self.at += 1;
        }
        let s = self.segs[self.at];
        if s.linear {
            s.norm as usize + (orig - s.orig as usize)
        } else {
            s.norm as usize
        }
    }
}

/// The end of the run of bytes from `i` that the view copies as they are:
/// ASCII other than white space, and single spaces between such bytes, but
/// not a letter followed by a combining mark (NFD) nor a space after a space.
fn simple_ascii_run(bytes: &[u8], start: usize, after_space: bool) -> usize {
    let mut i = start;
    if after_space && bytes.get(i) == Some(&b' ') {
        return i;
    }
    // Eight bytes at a time. A chunk is good when all its bytes are
    // printable ASCII and no two spaces come in a row (counting the last
    // byte of the chunk before). Every byte of a good chunk that a good
    // chunk follows is copied as it is: the byte after each is printable
    // ASCII, and after a space not a space. So each step reads one chunk.
    if i + 8 <= bytes.len() {
        let x = swar::load(bytes, i);
        let sx = swar::equal_to(x, b' ');
        if swar::not_printable(x) | sx & (sx >> 8) == 0 {
            // The last byte's space flag, moved to the first byte's place.
            let mut last_space = sx >> 56;
            while i + 16 <= bytes.len() {
                let y = swar::load(bytes, i + 8);
                let sy = swar::equal_to(y, b' ');
                if swar::not_printable(y) | sy & (sy >> 8) | last_space & sy != 0 {
                    break;
                }
                last_space = sy >> 56;
                i += 8;
            }
        }
    }
    bytewise_run(bytes, i)
}

/// [`simple_ascii_run`] from `i`, one byte at a time (no space before `i`).
fn bytewise_run(bytes: &[u8], mut i: usize) -> usize {
    let graphic = |b: u8| b.wrapping_sub(0x21) < 0x5E;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        if graphic(b) {
            // A letter that a non-ASCII byte follows may take a combining mark.
            if next.is_some_and(|n| n >= 0x80) {
                break;
            }
        } else if b != b' ' || !next.is_some_and(graphic) {
            break;
        }
        i += 1;
    }
    i
}

/// Normalise a short phrase (a rule's form) the same way as texts are.
pub fn normalize_phrase(phrase: &str, fold_case: bool) -> String {
    let phrase = phrase.trim();
    // Most forms are plain ASCII words with single spaces: the view copies
    // them as they are (a canon of tens of thousands of forms is
    // normalised several times while the rules compile).
    if simple_ascii_run(phrase.as_bytes(), 0, false) == phrase.len() {
        return if fold_case {
            phrase.to_ascii_lowercase()
        } else {
            phrase.to_string()
        };
    }
    NormalizedText::new(phrase, fold_case).text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of<'a>(original: &'a str, view: &NormalizedText, needle: &str) -> &'a str {
        let at = view.text.find(needle).expect("needle in view");
        &original[view.original_span(at..at + needle.len())]
    }

    #[test]
    fn span_cursor_agrees_with_the_search() {
        let original = "a \u{a0}\n B\u{ad}Cde\u{301} F “quoted” and\u{200b} more";
        let view = NormalizedText::new(original, true);
        let mut spans = view.original_spans();
        let n = view.text.len();
        for start in (0..n).filter(|&i| view.text.is_char_boundary(i)) {
            for end in (start + 1..=n)
                .filter(|&i| view.text.is_char_boundary(i))
                .take(6)
            {
                assert_eq!(spans.span(start..end), view.original_span(start..end));
            }
        }
        // Asked out of order, it starts again.
        assert_eq!(spans.span(0..1), view.original_span(0..1));
    }

    #[test]
    fn plain_phrases_normalise_as_the_view_does() {
        for phrase in [
            "Wang Yi",
            "  London School of Economics ",
            "A-B's (C)",
            "two  spaces",
            "tab\there",
            "Pe\u{301}rez",
            "end\u{a0}",
        ] {
            for fold in [false, true] {
                assert_eq!(
                    normalize_phrase(phrase, fold),
                    NormalizedText::new(phrase.trim(), fold).text,
                    "{phrase:?}"
                );
            }
        }
    }

    #[test]
    fn original_offsets_map_to_view_offsets() {
        // Folded white space, a dropped soft hyphen, an NFD letter.
        let original = "a \u{a0}\n B\u{ad}Cde\u{301} F";
        let view = NormalizedText::new(original, true);
        assert_eq!(view.text, "a bcdé f");
        let mut offsets = view.view_offsets();
        let found: Vec<usize> = [0, 1, 6, 9, 11, 15]
            .iter()
            .map(|&o| offsets.view_offset(o))
            .collect();
        // "a", the white space, "B", "C", "e" + its mark, "F".
        assert_eq!(found, [0, 1, 2, 3, 5, 8]);
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

    proptest::proptest! {
        #[test]
        fn eight_bytes_at_a_time_agrees_with_one_at_a_time_in_prose(
            words in proptest::collection::vec("[a-zA-Z,.]{1,9}", 0..30),
            gaps in proptest::collection::vec(
                proptest::prop_oneof![
                    12 => proptest::strategy::Just(" ".to_string()),
                    1 => "(  |\n|\u{a0}|\u{2019}|\u{301} )",
                ],
                0..30,
            ),
            start in 0usize..200,
        ) {
            let mut text = String::new();
            for (i, w) in words.iter().enumerate() {
                text.push_str(w);
                text.push_str(gaps.get(i).map_or(" ", String::as_str));
            }
            let bytes = text.as_bytes();
            let start = start.min(bytes.len());
            // `bytewise_run` is the reference where no space comes before.
            proptest::prop_assume!(start == 0 || bytes[start - 1] != b' ');
            proptest::prop_assert_eq!(
                simple_ascii_run(bytes, start, false),
                bytewise_run(bytes, start)
            );
        }

        #[test]
        fn eight_bytes_at_a_time_agrees_with_one_at_a_time(
            text in "[a-zA-Z .,\n\t\u{7f}\u{a0}\u{2019}\u{301}]{0,40}",
            start in 0usize..40,
            after_space: bool,
        ) {
            let bytes = text.as_bytes();
            let start = start.min(bytes.len());
            let expected = if after_space && bytes.get(start) == Some(&b' ') {
                start
            } else {
                bytewise_run(bytes, start)
            };
            proptest::prop_assert_eq!(simple_ascii_run(bytes, start, after_space), expected);
        }

        #[test]
        fn the_plain_phrase_shortcut_changes_nothing(
            phrase in "[a-zA-Z .,'\n\t\u{a0}\u{2019}\u{301}é-]{0,20}",
            fold: bool,
        ) {
            proptest::prop_assert_eq!(
                normalize_phrase(&phrase, fold),
                NormalizedText::new(phrase.trim(), fold).text
            );
        }

        #[test]
        fn every_view_range_maps_to_char_boundaries(
            text in "[a-zA-Z \\n\u{a0}\u{2019}\u{201c}\u{301}\u{ad}éİ王毅\t.,-]{0,40}",
            a in 0usize..80,
            b in 0usize..80,
        ) {
            for fold in [false, true] {
                let view = NormalizedText::new(&text, fold);
                let n = view.text.len();
                if n == 0 {
                    continue;
                }
                let (mut lo, mut hi) = (a.min(b) % n, a.max(b) % n + 1);
                while !view.text.is_char_boundary(lo) { lo -= 1; }
                while !view.text.is_char_boundary(hi) { hi += 1; }
                if lo >= hi {
                    continue;
                }
                let span = view.original_span(lo..hi);
                proptest::prop_assert!(span.start <= span.end && span.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                // Normalising the original span again gives back at least the
                // view slice (a slice that cuts an atomic segment, such as a
                // composed character, maps to the whole segment).
                let again = NormalizedText::new(&text[span.clone()], fold).text;
                let slice = view.text[lo..hi].trim();
                proptest::prop_assert!(again.contains(slice), "{again:?} lacks {slice:?}");
            }
        }
    }
}
