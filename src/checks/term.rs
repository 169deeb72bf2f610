//! Term engine: words and phrases used wrongly.
//!
//! ## What it does
//! Reports each `wrong` form (found by the shared literal automaton) and
//! each `wrong_regex` match of a `[[term]]` rule, unless the words around it
//! say it is used rightly (`unless_followed_by = ["waters"]` keeps
//! "peninsular waters" quiet) or the rule's required context is missing.

use super::Document;
use super::engine::{Engine, Output, Scan};
use super::literals::{CaseMode, Literal, Owner};
use crate::codes::{Check, CheckDoc};
use crate::finding::{Applicability, Finding, Suggestion};
use crate::rules::{RuleSet, TermRule};
use crate::text::compact_text;
use std::ops::Range;

/// The compiled term engine (its literals live in the shared automaton).
pub struct TermEngine;

/// The checks this engine emits, with their `explain` texts.
pub const CHECKS: &[CheckDoc] = &[CheckDoc {
    check: Check::Term,
    explain: include_str!("docs/term.md"),
}];

impl Engine for TermEngine {
    fn checks(&self) -> &'static [CheckDoc] {
        CHECKS
    }

    fn run(&self, scan: &Scan, out: &mut Output) {
        for hit in &scan.hits.forms {
            if let Owner::Term { rule, .. } = hit.owner {
                out.findings
                    .extend(Self::on_hit(scan.doc, scan.rules, rule, hit.span.clone()));
            }
        }
        out.findings
            .extend(Self::regex_findings(scan.doc, scan.rules));
    }
}

impl TermEngine {
    /// The literal forms this engine needs found.
    pub fn literals(rules: &RuleSet) -> Vec<Literal> {
        let mut out = Vec::new();
        for (i, rule) in rules.terms.iter().enumerate() {
            for (k, w) in rule.wrong.iter().enumerate() {
                out.push(Literal {
                    text: w.text.clone(),
                    case: if rule.case_sensitive {
                        CaseMode::Exact
                    } else {
                        CaseMode::Insensitive
                    },
                    owner: Owner::Term { rule: i, form: k },
                });
            }
        }
        out
    }

    /// A finding for a literal hit of term rule `rule`, if its context allows.
    pub fn on_hit(
        doc: &Document,
        rules: &RuleSet,
        rule: usize,
        span: Range<usize>,
    ) -> Option<Finding> {
        let r = &rules.terms[rule];
        context_allows(doc.text(), &span, r).then(|| finding(doc, r, span))
    }

    /// Findings for the regex forms of every term rule.
    pub fn regex_findings(doc: &Document, rules: &RuleSet) -> Vec<Finding> {
        let text = doc.text();
        let mut out = Vec::new();
        for r in &rules.terms {
            for (re, _) in &r.wrong_regex {
                for m in re.find_iter(text) {
                    if m.is_empty() {
                        continue;
                    }
                    let span = m.range();
                    if context_allows(text, &span, r) {
                        out.push(finding(doc, r, span));
                    }
                }
            }
        }
        out
    }
}

fn finding(doc: &Document, r: &TermRule, span: Range<usize>) -> Finding {
    let found = compact_text(&doc.text()[span.clone()]);
    let correct = match_initial_case(&found, &r.correct.text);
    Finding {
        suggestion: Some(Suggestion {
            span: span.clone(),
            replacement: correct.clone(),
            applicability: Applicability::Safe,
        }),
        path: doc.source.path.clone(),
        check: Check::Term,
        rule: r.id.clone(),
        severity: r.severity,
        message: format!("“{found}” should be “{correct}”"),
        span,
        label: format!("found “{found}”"),
        found,
        expected: Some(correct.clone()),
        help: Some(format!("write “{correct}”")),
        notes: Vec::new(),
        related: vec![
            r.correct
                .origin
                .label(format!("correct form declared here (rule `{}`)", r.id)),
        ],
    }
}

/// `correct` capitalised like `found` (a sentence-initial "Peninsular"
/// wants "Peninsula").
fn match_initial_case(found: &str, correct: &str) -> String {
    let found_upper = found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = correct.chars();
    match chars.next() {
        Some(c) if found_upper && c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => correct.to_string(),
    }
}

/// The next words after `span`, lowercased, with white space folded.
fn words_after(text: &str, span: &Range<usize>) -> String {
    let rest: String = text[span.end..].chars().take(80).collect();
    compact_text(&rest).to_lowercase()
}

/// The words before `span`, lowercased, with white space folded.
fn words_before(text: &str, span: &Range<usize>) -> String {
    let mut start = span.start;
    for (n, (i, _)) in text[..span.start].char_indices().rev().enumerate() {
        start = i;
        if n >= 80 {
            break;
        }
    }
    compact_text(&text[start..span.start]).to_lowercase()
}

fn starts_with_phrase(hay: &str, phrase: &str) -> bool {
    hay.strip_prefix(phrase)
        .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

fn ends_with_phrase(hay: &str, phrase: &str) -> bool {
    hay.strip_suffix(phrase).is_some_and(|rest| {
        rest.chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether the words around `span` allow reporting it under rule `r`.
fn context_allows(text: &str, span: &Range<usize>, r: &TermRule) -> bool {
    let needs_after = !r.followed_by.is_empty() || !r.unless_followed_by.is_empty();
    let needs_before = !r.preceded_by.is_empty() || !r.unless_preceded_by.is_empty();
    if needs_after {
        let after = words_after(text, span);
        if !r.followed_by.is_empty() && !r.followed_by.iter().any(|p| starts_with_phrase(&after, p))
        {
            return false;
        }
        if r.unless_followed_by
            .iter()
            .any(|p| starts_with_phrase(&after, p))
        {
            return false;
        }
    }
    if needs_before {
        let before = words_before(text, span);
        if !r.preceded_by.is_empty() && !r.preceded_by.iter().any(|p| ends_with_phrase(&before, p))
        {
            return false;
        }
        if r.unless_preceded_by
            .iter()
            .any(|p| ends_with_phrase(&before, p))
        {
            return false;
        }
    }
    true
}
