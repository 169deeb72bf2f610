//! What of a file a diagnostic shows: only the lines its labels touch, each
//! cut to a readable window around the labels, with unsafe characters made
//! visible.
//!
//! The excerpt keeps the file's lines up to the last touched one (untouched
//! lines are left empty), so the line numbers ariadne prints stay true; byte
//! spans are mapped from the file into the excerpt, always onto character
//! boundaries.

use crate::source::{LineIndex, ceil_char_boundary, floor_char_boundary};
use crate::text::is_unsafe_for_terminal;
use std::collections::BTreeMap;
use std::ops::Range;

/// Characters of context shown on each side of a label.
pub const CONTEXT_CHARS: usize = 48;
/// Labels longer than this (in characters) show only their first and last
/// `CONTEXT_CHARS` characters.
const LONG_LABEL_CHARS: usize = 3 * CONTEXT_CHARS;
/// Labels on one line closer than this (in characters) share one window.
const MERGE_GAP_CHARS: usize = 2 * CONTEXT_CHARS;
const ELLIPSIS: &str = "…";

/// A file cut down for display, with a map from file offsets to excerpt offsets.
#[derive(Debug)]
pub struct Excerpt {
    /// The text handed to ariadne.
    pub text: String,
    /// (file offset, excerpt offset) at every shown character boundary, sorted.
    map: Vec<(usize, usize)>,
}

impl Excerpt {
    /// Build the excerpt of `text` that shows `spans`.
    pub fn new(text: &str, spans: &[Range<usize>]) -> Self {
        Self::with_lines(text, &LineIndex::new(text), spans)
    }

    /// The same, with the text's line index already built.
    pub fn with_lines(text: &str, lines: &LineIndex, spans: &[Range<usize>]) -> Self {
        // Per touched line, the label ranges that fall on it.
        let mut touched: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
        for span in spans {
            let start = floor_char_boundary(text, span.start);
            let end = ceil_char_boundary(text, span.end.max(start));
            let first = lines.line_of(start);
            let last = lines.line_of(end.saturating_sub(1).max(start));
            for line in first..=last {
                let range = lines.line_range(text, line);
                let s = start.max(range.start);
                let e = end.min(range.end).max(s);
                touched.entry(line).or_default().push(s..e);
            }
        }
        let first = touched.keys().next().copied().unwrap_or(0);
        let last = touched.keys().next_back().copied().unwrap_or(0);
        // ariadne's margin numbers lines from the top of the source (its
        // display offset moves only the header), so the lines before the
        // first touched one are kept, empty.
        let mut out = Excerpt {
            text: "\n".repeat(first),
            map: Vec::new(),
        };
        // From the first touched line to the last; untouched lines between
        // them stay empty so that line numbers stay true.
        for line in first..=last {
            if let Some(ranges) = touched.get(&line) {
                let range = lines.line_range(text, line);
                out.push_line(text, range, ranges);
            }
            if line < last {
                out.text.push('\n');
            }
        }
        out
    }

    fn push_line(&mut self, text: &str, line: Range<usize>, ranges: &[Range<usize>]) {
        let mut ranges = ranges.to_vec();
        ranges.sort_by_key(|r| (r.start, r.end));
        // Merge labels that are close into clusters, each shown in one window.
        let mut clusters: Vec<Range<usize>> = Vec::new();
        for r in ranges {
            match clusters.last_mut() {
                Some(last)
                    if text[last.end.min(r.start)..r.start].chars().count() <= MERGE_GAP_CHARS =>
                {
                    last.end = last.end.max(r.end);
                }
                _ => clusters.push(r),
            }
        }
        let mut shown_to = line.start;
        for (i, c) in clusters.iter().enumerate() {
            let start = back_chars(text, c.start, CONTEXT_CHARS).max(line.start);
            let start = word_start(text, start, c.start, line.start);
            let end = forward_chars(text, c.end, CONTEXT_CHARS).min(line.end);
            let end = word_end(text, end, c.end, line.end);
            let start = start.max(shown_to);
            if i == 0 && start > line.start {
                self.text.push_str(ELLIPSIS);
                self.text.push(' ');
            } else if i > 0 && start > shown_to {
                self.text.push_str(" … ");
            }
            // A label longer than a few windows (a rule file's regular
            // expression of 200,000 alternatives) shows its beginning and
            // its end, not every character between.
            if text[c.clone()].chars().nth(LONG_LABEL_CHARS).is_some() {
                let head_end = forward_chars(text, c.start, CONTEXT_CHARS);
                let tail_start = back_chars(text, c.end, CONTEXT_CHARS).max(head_end);
                self.push_chars(text, start..head_end);
                self.text.push_str(" … ");
                self.push_chars(text, tail_start..end);
            } else {
                self.push_chars(text, start..end);
            }
            shown_to = end;
        }
        if shown_to < line.end {
            self.text.push_str(" …");
        }
    }

    fn push_chars(&mut self, text: &str, range: Range<usize>) {
        for (i, c) in text[range.clone()].char_indices() {
            let at = range.start + i;
            self.map.push((at, self.text.len()));
            if is_unsafe_for_terminal(c) || c == '\r' {
                self.text.push_str(&format!("<U+{:04X}>", c as u32));
            } else if c.is_whitespace() && c != '\t' {
                self.text.push(' ');
            } else {
                self.text.push(c);
            }
        }
        self.map.push((range.end, self.text.len()));
    }

    /// The excerpt offset of file offset `offset` (which must be shown).
    pub fn offset(&self, offset: usize) -> usize {
        match self.map.binary_search_by_key(&offset, |&(f, _)| f) {
            // A boundary that is both a window end and the next window's start
            // maps to the later one; take the first for starts.
            Ok(i) => self.map[i].1,
            Err(i) => self.map.get(i).map_or(self.text.len(), |&(_, e)| e),
        }
    }

    /// The excerpt span of a file span.
    pub fn span(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.offset(span.start);
        let end = match self.map.binary_search_by_key(&span.end, |&(f, _)| f) {
            Ok(i) => self.map[i].1,
            Err(i) => self.map.get(i).map_or(self.text.len(), |&(_, e)| e),
        };
        start..end.max(start)
    }

    /// The span of a file span in characters of the excerpt, as ariadne's
    /// `IndexType::Char` wants it (see `render::human` for why not bytes).
    pub fn char_span(&self, span: &Range<usize>) -> Range<usize> {
        let bytes = self.span(span);
        let start = self.text[..bytes.start].chars().count();
        start..start + self.text[bytes].chars().count()
    }
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Move a window start forward to the start of a word, unless that would
/// reach the label.
fn word_start(text: &str, start: usize, label: usize, line_start: usize) -> usize {
    if start == line_start {
        return start;
    }
    match text[start..label].find(char::is_whitespace) {
        Some(i) => {
            let ws = start + i;
            let c = text[ws..].chars().next().map_or(1, char::len_utf8);
            ws + c
        }
        None => start,
    }
}

/// Move a window end back to the end of a word, unless that would reach the label.
fn word_end(text: &str, end: usize, label: usize, line_end: usize) -> usize {
    if end == line_end {
        return end;
    }
    text[label..end]
        .rfind(char::is_whitespace)
        .map_or(end, |i| label + i)
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn short_line_is_shown_whole() {
        let text = "first\nWang Li said so\nthird";
        let at = text.find("Wang Li").unwrap();
        let ex = Excerpt::new(text, &[at..at + 7]);
        assert_eq!(ex.text, "\nWang Li said so");
        assert_eq!(&ex.text[ex.span(&(at..at + 7))], "Wang Li");
    }

    #[test]
    fn long_line_is_windowed_around_the_label() {
        let filler = "word ".repeat(150);
        let text = format!("{filler}Wang Li said {filler}");
        let at = text.find("Wang Li").unwrap();
        let ex = Excerpt::new(&text, &[at..at + 7]);
        assert!(
            ex.text.chars().count() < 2 * CONTEXT_CHARS + 20,
            "{}",
            ex.text
        );
        assert!(ex.text.starts_with("… "));
        assert!(ex.text.ends_with(" …"));
        assert_eq!(&ex.text[ex.span(&(at..at + 7))], "Wang Li");
    }

    #[test]
    fn far_apart_labels_get_two_windows() {
        let filler = "word ".repeat(100);
        let text = format!("Wang Li {filler}Lavrow");
        let a = 0..7;
        let b = text.find("Lavrow").unwrap()..text.len();
        let ex = Excerpt::new(&text, &[a.clone(), b.clone()]);
        assert!(ex.text.contains(" … "));
        assert_eq!(&ex.text[ex.span(&a)], "Wang Li");
        assert_eq!(&ex.text[ex.span(&b)], "Lavrow");
    }

    #[test]
    fn control_and_bidi_characters_are_made_visible() {
        let text = "a\u{1b}[31m b\u{202e}c";
        let ex = Excerpt::new(text, &[0..1]);
        assert!(!ex.text.contains('\u{1b}'));
        assert!(!ex.text.contains('\u{202e}'));
        assert!(ex.text.contains("<U+001B>"));
    }

    #[test]
    fn multibyte_spans_map_to_boundaries() {
        let text = "Wang Yi (王毅) said";
        let at = text.find('王').unwrap();
        let ex = Excerpt::new(text, &[at + 1..at + 4]);
        let s = ex.span(&(at + 1..at + 4));
        assert!(ex.text.is_char_boundary(s.start) && ex.text.is_char_boundary(s.end));
    }

    #[test]
    fn a_very_long_label_shows_its_ends_only() {
        let alternatives: Vec<String> = (0..20_000).map(|i| format!("w{i:05}")).collect();
        let text = format!("wrong_regex = [\"({})(\"]\n", alternatives.join("|"));
        let label = 15..text.len() - 2;
        let e = Excerpt::new(&text, std::slice::from_ref(&label));
        assert!(e.text.len() < 400, "{} bytes", e.text.len());
        assert!(e.text.contains("(w00000|w00001"), "{}", e.text);
        assert!(e.text.contains("w19999)("), "{}", e.text);
        assert!(e.text.contains(" … "), "{}", e.text);
        let shown = e.span(&label);
        assert!(shown.start < shown.end && shown.end <= e.text.len());
        assert!(e.text.is_char_boundary(shown.start) && e.text.is_char_boundary(shown.end));
    }
}
