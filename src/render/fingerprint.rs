//! Fingerprints of findings for the reports that follow a finding from one
//! run to the next (SARIF `partialFingerprints`, GitLab Code Quality
//! `fingerprint`): the crate's one fingerprint ([`crate::fingerprint`], the
//! one baselines record), with the path when the tool tracks findings
//! across files, and findings of one file whose fingerprints are the same
//! told apart by their order (the second is `…:2`), since these reports
//! want each to be unique.

use crate::finding::Finding;
use crate::fingerprint::FileWords;
use crate::source::SourceFile;
use std::collections::HashMap;

pub use crate::fingerprint::hash;

/// Fingerprints of the findings of a run, in their order: what repeats in
/// one file is numbered.
#[derive(Default)]
pub struct Fingerprints {
    /// The file of the findings seen, its words, and how often each key
    /// was met in it.
    path: String,
    words: Option<FileWords>,
    seen: HashMap<String, usize>,
}

impl Fingerprints {
    /// The fingerprint of `f` (whose text is `src`, when at hand); with
    /// `with_path`, the path is part of it (GitLab tracks findings across
    /// files; SARIF consumers pair the fingerprint with the file).
    pub fn next(&mut self, f: &Finding, src: Option<&SourceFile>, with_path: bool) -> String {
        if self.path != f.path || self.words.is_none() {
            self.path.clone_from(&f.path);
            self.seen.clear();
            self.words = Some(src.map(FileWords::of).unwrap_or_default());
        }
        let words = self.words.as_ref().expect("set just above");
        let own = words.fingerprint(f);
        let key = if with_path {
            hash(&[&f.path, &own])
        } else {
            own
        };
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
        assert_eq!(fp(&one).len(), 16);
    }

    #[test]
    fn repeats_in_one_file_are_numbered_and_the_path_counts_when_asked() {
        let text = "a b c Wang Li d e f. a b c Wang Li d e f.";
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
