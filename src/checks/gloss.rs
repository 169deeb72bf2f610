//! Gloss engine: a romanised name whose Han gloss reads otherwise
//! ("Wang Li (王毅)": 王毅 reads Wáng Yì). Needs no rule.
//!
//! ## What it does
//! Every gloss of Han characters in parentheses right after a run of
//! capitalised words is read with [`crate::lexicon::pinyin`]: the name is
//! the run's last words after any title ("Chinese Foreign Minister Wang Yi"
//! → "Wang Yi"). A name that reads as the characters do, in either order,
//! its given name joined or spaced, is quiet; so is one that is no Hanyu
//! Pinyin at all (Wade–Giles, Cantonese, a Japanese or Korean reading) and
//! a gloss of characters with no known reading. A name that is pinyin of
//! the gloss's shape with a syllable that reads otherwise is an
//! `entity-gloss` error, with the reading as an unsafe suggestion.

use super::engine::{Engine, Output, Scan};
use crate::codes::{Check, CheckDoc};
use crate::compare::classify::is_title;
use crate::finding::{Applicability, Finding, RelatedSpan, Severity, Suggestion};
use crate::lexicon::pinyin::{GlossMatch, gloss_at, match_name};
use crate::text::compact_text;
use std::ops::Range;

/// The gloss engine (no rules).
pub struct GlossEngine;

/// The checks this engine emits, with their `explain` texts.
pub const CHECKS: &[CheckDoc] = &[CheckDoc {
    check: Check::EntityGloss,
    explain: include_str!("docs/entity-gloss.md"),
}];

impl Engine for GlossEngine {
    fn checks(&self) -> &'static [CheckDoc] {
        CHECKS
    }

    fn run(&self, scan: &Scan, out: &mut Output) {
        let doc = scan.doc;
        let text = doc.text();
        for (at, _) in text[doc.body..].match_indices(['(', '（']) {
            let at = doc.body + at;
            let Some(gloss) = gloss_at(text, at) else {
                continue;
            };
            if let Some(f) = judge(text, &doc.source.path, at, gloss) {
                out.findings.push(f);
            }
        }
    }
}

/// The words of the name that ends right before `at` (white space between),
/// titles dropped: each word's span, hyphenated parts as one word
/// ("Jin-ping").
pub fn name_before(text: &str, at: usize) -> Vec<Range<usize>> {
    let head = &text[..at];
    let trimmed = head.trim_end_matches([' ', '\u{a0}', '\u{2009}', '\u{202f}']);
    // A few words back at most: a name is short.
    let mut start = trimmed.len();
    for (i, c) in trimmed.char_indices().rev() {
        if trimmed.len() - i > 80 {
            break;
        }
        if c.is_alphabetic()
            || matches!(c, '-' | '‐' | '’' | '\'' | ' ' | '\u{a0}')
            || unicode_mark(c)
        {
            start = i;
        } else {
            break;
        }
    }
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut from = None;
    for (i, c) in trimmed[start..].char_indices().map(|(i, c)| (start + i, c)) {
        if c == ' ' || c == '\u{a0}' {
            if let Some(f) = from.take() {
                words.push(f..i);
            }
        } else if from.is_none() {
            from = Some(i);
        }
    }
    if let Some(f) = from {
        words.push(f..trimmed.len());
    }
    // The capitalised words at the end, after the last title.
    let capital = |r: &Range<usize>| {
        text[r.clone()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let first = words.iter().rposition(|w| !capital(w)).map_or(0, |p| p + 1);
    let mut words = words.split_off(first);
    if let Some(t) = words
        .iter()
        .rposition(|w| is_title(&crate::text::normalize_phrase(&text[w.clone()], true)))
    {
        words.drain(..=t);
    }
    words
}

fn unicode_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// The finding for the gloss `gloss` whose opening parenthesis is at `at`,
/// if the name before it reads otherwise.
fn judge(text: &str, path: &str, at: usize, gloss: Range<usize>) -> Option<Finding> {
    let words = name_before(text, at);
    let han = &text[gloss.clone()];
    let mut differs = None;
    for k in 1..=words.len().min(3) {
        let name = &words[words.len() - k..];
        let written: Vec<&str> = name.iter().map(|w| &text[w.clone()]).collect();
        match match_name(&written, han) {
            GlossMatch::Matches => return None,
            GlossMatch::Differs { expected, toned } => differs = Some((k, expected, toned)),
            GlossMatch::Unrelated => {}
        }
    }
    let (k, expected, toned) = differs?;
    let name = &words[words.len() - k..];
    let span = name[0].start..name[k - 1].end;
    let found = compact_text(&text[span.clone()]);
    Some(Finding {
        path: path.to_string(),
        check: Check::EntityGloss,
        rule: Check::EntityGloss.code().to_string(),
        severity: Severity::Error,
        message: format!("“{found}” does not read as its gloss: “{han}” reads {toned}"),
        span: span.clone(),
        label: format!("“{found}” here"),
        found,
        expected: Some(expected.clone()),
        help: Some(format!(
            "write “{expected}”, or check the characters at the source"
        )),
        notes: Vec::new(),
        related: vec![RelatedSpan {
            path: path.to_string(),
            span: gloss,
            message: format!("“{han}” reads {toned}"),
        }],
        suggestion: Some(Suggestion {
            span,
            replacement: expected,
            applicability: Applicability::Unsafe,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::found;

    #[test]
    fn a_name_that_reads_otherwise_is_an_error() {
        let text = "Chinese Foreign Minister Wang Li (王毅) put it memorably.\n";
        let f = found("", text);
        assert_eq!(f, vec![(Check::EntityGloss, "Wang Li".to_string())]);
        let src = crate::source::SourceFile::new("a.txt", text);
        let set = crate::rules::RuleSet::default();
        let all = crate::checks::Checker::new(&set).check(&src);
        let g = all.iter().find(|f| f.check == Check::EntityGloss).unwrap();
        assert_eq!(g.expected.as_deref(), Some("Wang Yi"));
        assert!(g.message.contains("“王毅” reads Wáng Yì"), "{}", g.message);
        let s = g.suggestion.as_ref().unwrap();
        assert_eq!(&text[s.span.clone()], "Wang Li");
        assert_eq!(s.replacement, "Wang Yi");
        assert_eq!(s.applicability, Applicability::Unsafe);
    }

    #[test]
    fn a_rule_on_the_same_name_absorbs_the_gloss_finding() {
        let rules =
            "[[entity]]\nid = \"wang-yi\"\ncanonical = \"Wang Yi\"\nvariants = [\"Wang Li\"]\n";
        let f = found(rules, "Foreign Minister Wang Li (王毅) spoke.\n");
        assert_eq!(f, vec![(Check::EntityVariant, "Wang Li".to_string())]);
    }

    #[test]
    fn names_that_read_as_their_gloss_are_quiet() {
        for text in [
            "Chinese Foreign Minister Wang Yi (王毅) put it memorably.\n",
            "President Xi Jinping (习近平) and Xi Jinping (習近平) spoke.\n",
            "Yi Wang (王毅) spoke; Tsai Ing-wen (蔡英文) did not.\n",
            "The ministry (外交部) and Joshua Wong (黃之鋒) answered.\n",
            "He said (王毅) nothing.\n",
        ] {
            assert!(found("", text).is_empty(), "{text}: {:?}", found("", text));
        }
    }

    #[test]
    fn the_name_is_read_back_to_its_first_word_after_a_title() {
        let t = "As China’s Foreign Minister Wang Yi (王毅) said";
        let words = name_before(t, t.find(" (").unwrap());
        let got: Vec<&str> = words.iter().map(|w| &t[w.clone()]).collect();
        assert_eq!(got, ["Wang", "Yi"]);
        let t = "said Xi Jin-ping (习近平)";
        let words = name_before(t, t.find(" (").unwrap());
        let got: Vec<&str> = words.iter().map(|w| &t[w.clone()]).collect();
        assert_eq!(got, ["Xi", "Jin-ping"]);
    }
}
