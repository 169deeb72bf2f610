//! Stable fingerprints of findings, for tools that follow a finding from
//! one run to the next (SARIF `partialFingerprints`, GitLab Code Quality
//! `fingerprint`).
//!
//! A fingerprint is made of what the finding is, not of where it is: the
//! check, the rule, the text found and up to three words either side of it
//! on its line. Lines added above it leave it unchanged; a change of the
//! words around it makes it another one. Findings of one file whose parts are all the same
//! are told apart by their order (the second is `…:2`). The hash is FNV-1a
//! (two 64-bit halves from different bases), spelt out here so that it never
//! changes with the compiler.

use crate::finding::Finding;
use crate::source::{SourceFile, ceil_char_boundary, floor_char_boundary};
use std::collections::HashMap;

/// Words of context taken on each side of the found text.
const CONTEXT_WORDS: usize = 3;
/// Bytes looked at on each side for those words (a paragraph-long line
/// costs no more than a short one).
const CONTEXT_BYTES: usize = 160;

fn fnv1a(basis: u64, parts: &[&str]) -> u64 {
    let mut h = basis;
    for part in parts {
        for &b in part.as_bytes().iter().chain(std::iter::once(&0xFF)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    h
}

/// 32 hex digits for `parts`.
pub fn hash(parts: &[&str]) -> String {
    format!(
        "{:016x}{:016x}",
        fnv1a(0xcbf2_9ce4_8422_2325, parts),
        fnv1a(0x6c62_272e_07bb_0142, parts)
    )
}

/// The words around `span` of `text`, whitespace-separated, in one string
/// (`before | after`).
fn context(text: &str, span: &std::ops::Range<usize>) -> String {
    let start = floor_char_boundary(text, span.start);
    let end = ceil_char_boundary(text, span.end.max(start));
    // Words of the same line only: lines added or changed around it leave
    // it alone.
    let mut from = floor_char_boundary(text, start.saturating_sub(CONTEXT_BYTES));
    let mut from_cut = from > 0;
    if let Some(nl) = memchr::memrchr(b'\n', &text.as_bytes()[from..start]) {
        from += nl + 1;
        from_cut = false;
    }
    let mut to = ceil_char_boundary(text, end + CONTEXT_BYTES);
    let mut to_cut = to < text.len();
    if let Some(nl) = memchr::memchr(b'\n', &text.as_bytes()[end..to]) {
        to = end + nl;
        to_cut = false;
    }
    // A word cut by the window's edge is left out: where it is cut depends
    // on the bytes before it.
    let mut before: Vec<&str> = text[from..start].split_whitespace().collect();
    if from_cut && !before.is_empty() {
        before.remove(0);
    }
    let before = &before[before.len().saturating_sub(CONTEXT_WORDS)..];
    let mut after: Vec<&str> = text[end..to].split_whitespace().collect();
    if to_cut && after.len() <= CONTEXT_WORDS {
        after.pop();
    }
    after.truncate(CONTEXT_WORDS);
    format!("{} | {}", before.join(" "), after.join(" "))
}

/// Fingerprints of the findings of a run, in their order: what repeats in
/// one file is numbered.
#[derive(Default)]
pub struct Fingerprints {
    /// The file of the findings seen, and how often each key was met in it.
    path: String,
    seen: HashMap<String, usize>,
}

impl Fingerprints {
    /// The fingerprint of `f` (whose text is `src`, when at hand); with
    /// `with_path`, the path is part of it (GitLab tracks findings across
    /// files; SARIF consumers pair the fingerprint with the file).
    pub fn next(&mut self, f: &Finding, src: Option<&SourceFile>, with_path: bool) -> String {
        if self.path != f.path {
            self.path.clone_from(&f.path);
            self.seen.clear();
        }
        let around = src.map(|s| context(&s.text, &f.span)).unwrap_or_default();
        let path = if with_path { f.path.as_str() } else { "" };
        let key = hash(&[path, f.check.code(), &f.rule, &f.found, &around]);
        let n = self.seen.entry(key.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { key } else { format!("{key}:{n}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Check;
    use crate::finding::Severity;

    fn finding(path: &str, text: &str, found: &str, nth: usize) -> Finding {
        let at = text.match_indices(found).nth(nth).unwrap().0;
        Finding {
            path: path.into(),
            check: Check::EntityVariant,
            rule: "wang-yi".into(),
            severity: Severity::Error,
            message: "m".into(),
            span: at..at + found.len(),
            label: String::new(),
            found: found.into(),
            expected: None,
            help: None,
            notes: Vec::new(),
            related: Vec::new(),
            suggestion: None,
        }
    }

    #[test]
    fn a_fingerprint_survives_lines_added_above_but_not_new_words_around() {
        let one = SourceFile::new("a.txt", "Minister Wang Li said so.\n");
        let two = SourceFile::new("a.txt", "A new first line.\n\nMinister Wang Li said so.\n");
        let three = SourceFile::new("a.txt", "Minister Wang Li denied it.\n");
        let fp = |src: &SourceFile| {
            Fingerprints::default().next(
                &finding("a.txt", &src.text, "Wang Li", 0),
                Some(src),
                false,
            )
        };
        assert_eq!(fp(&one), fp(&two));
        assert_ne!(fp(&one), fp(&three));
        assert_eq!(fp(&one).len(), 32);
    }

    #[test]
    fn repeats_in_one_file_are_numbered_and_the_path_counts_when_asked() {
        let text = "a b c Wang Li d e f a b c Wang Li d e f";
        let src = SourceFile::new("a.txt", text);
        let mut fps = Fingerprints::default();
        let a = fps.next(&finding("a.txt", text, "Wang Li", 0), Some(&src), false);
        let b = fps.next(&finding("a.txt", text, "Wang Li", 1), Some(&src), false);
        assert_eq!(b, format!("{a}:2"));
        let other = SourceFile::new("b.txt", text);
        let c = fps.next(
            &finding("b.txt", &other.text, "Wang Li", 0),
            Some(&other),
            false,
        );
        let d = fps.next(
            &finding("b.txt", &other.text, "Wang Li", 0),
            Some(&other),
            true,
        );
        assert_ne!(c, d);
    }
}
