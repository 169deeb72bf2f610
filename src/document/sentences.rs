//! The one sentence splitter: every engine and `compare` read its sentences.
//!
//! A sentence ends at `.`, `!` or `?` (and the closing marks after it) that
//! is followed by white space and then by something that can open a
//! sentence: a capital, a digit, an opening quotation mark or bracket. A
//! line break always ends one (paragraphs are lines). A full stop does not
//! end a sentence after a title or abbreviation of the shared lexicon
//! ([`crate::lexicon::abbreviations`]: "Dr. Okafor", "Sen.", "Feb. 9"), an
//! initial ("George W. Bush") or a dotted acronym ("U.S.", "i.e.").
//! A "sentence" with no full stop in a line of data is cut into windows of
//! at most [`MAX_SENTENCE`] bytes, so the work per sentence never grows
//! with the file.

use crate::lexicon::abbreviations::ends_with_non_terminal;
use crate::source::floor_char_boundary;
use std::ops::Range;

/// Longest sentence, in bytes, before it is cut at a space.
pub const MAX_SENTENCE: usize = 2000;

/// Whether the word that ends just before the `.` at `dot` is an
/// abbreviation, an initial or a dotted acronym.
fn abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(dot, |(i, _)| i);
    let word = &before[start..];
    if word.is_empty() {
        return false;
    }
    // "U.S", "U.K", "a.m": letters separated by dots.
    if word.contains('.') {
        return word.split('.').all(|p| p.chars().count() == 1);
    }
    // A title or abbreviation of the shared lexicon, or an initial
    // ("George W. Bush").
    ends_with_non_terminal(&text[start..=dot])
}

fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | ')' | ']' | '»')
}

fn opens_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(c, '“' | '‘' | '"' | '\'' | '(' | '[' | '«' | '—' | '–')
}

/// The sentences of `text`, in order, each trimmed of white space at both
/// ends; blank lines hold none.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let end = line_start + line.trim_end_matches(['\n', '\r']).len();
        split_line(text, line_start..end, &mut out);
        line_start += line.len();
    }
    out
}

/// The sentences of the line `text[line]`, pushed to `out`.
fn split_line(text: &str, line: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut start = line.start;
    let mut i = line.start;
    while i < line.end {
        let b = bytes[i];
        if !matches!(b, b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while let Some(c) = text[j..line.end].chars().next().filter(|&c| is_closing(c)) {
            j += c.len_utf8();
        }
        let mut k = j;
        while let Some(c) = text[k..line.end]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
        {
            k += c.len_utf8();
        }
        let ends = k > j
            && text[k..line.end].chars().next().is_some_and(opens_sentence)
            && !(b == b'.' && abbreviation_before(text, i));
        if ends {
            push_trimmed(text, start..j, out);
            start = k;
            i = k;
        } else {
            i = j.max(i + 1);
        }
    }
    push_trimmed(text, start..line.end, out);
}

/// Push `range` trimmed of white space, cut into pieces of at most
/// [`MAX_SENTENCE`] bytes at spaces; nothing if it is blank.
fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let mut start = range.start + lead;
    let end = range.start + s.trim_end().len();
    while end.saturating_sub(start) > MAX_SENTENCE {
        let limit = floor_char_boundary(text, start + MAX_SENTENCE);
        let cut = text[start..limit]
            .rfind(char::is_whitespace)
            .filter(|&c| c > 0)
            .map_or(limit, |c| start + c);
        out.push(start..cut);
        start = cut + text[cut..].chars().next().map_or(0, char::len_utf8);
        start += text[start..end].len() - text[start..end].trim_start().len();
    }
    if start < end {
        out.push(start..end);
    }
}

/// The index of the sentence of `sentences` that holds byte `at`, or the
/// last one that begins before it.
pub fn index_at(sentences: &[Range<usize>], at: usize) -> Option<usize> {
    sentences.partition_point(|s| s.start <= at).checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn titles_and_abbreviations_do_not_end_sentences() {
        for (text, n) in [
            (
                "The aqueduct, Dr. Okafor said, will run 260km. It opens soon.",
                2,
            ),
            ("Mr. Lee and Mrs. Lee met Ms. Kim. Then they left.", 2),
            ("Sen. Ortiz and Gov. Hale spoke. Gen. Park did not.", 2),
            ("It opened on Feb. 9 in St. Louis. Nobody came.", 2),
            ("George W. Bush spoke with U.S. officials. They agreed.", 2),
            ("He said so. Then he left! Why? Nobody knows.", 4),
        ] {
            assert_eq!(split(text).len(), n, "{text}: {:?}", texts(text));
        }
    }

    #[test]
    fn quotation_marks_close_the_sentence_and_lines_end_it() {
        let text = "“We will,” she said. “Soon.” He nodded\nA new paragraph";
        assert_eq!(
            texts(text),
            [
                "“We will,” she said.",
                "“Soon.”",
                "He nodded",
                "A new paragraph"
            ]
        );
    }

    #[test]
    fn lowercase_after_a_stop_continues_the_sentence() {
        assert_eq!(
            texts("about 3.5 per cent, i.e. a lot. Yes"),
            ["about 3.5 per cent, i.e. a lot.", "Yes"]
        );
    }

    #[test]
    fn long_runs_without_a_stop_are_windowed() {
        let text = "word ".repeat(2000);
        let s = split(&text);
        assert!(s.len() > 1);
        assert!(s.iter().all(|r| r.len() <= MAX_SENTENCE));
        assert!(s.windows(2).all(|w| w[0].end < w[1].start));
    }

    proptest::proptest! {
        #[test]
        fn sentences_are_ordered_trimmed_and_on_boundaries(
            text in "[a-zA-Z .!?\n\"'\u{201c}\u{201d}\u{2019}é王]{0,120}"
        ) {
            let s = split(&text);
            for w in s.windows(2) {
                proptest::prop_assert!(w[0].end <= w[1].start);
            }
            for r in &s {
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                let t = &text[r.clone()];
                proptest::prop_assert!(!t.is_empty() && t.trim() == t && !t.contains('\n'));
            }
        }
    }
}
