//! The findings of a passage matched to a canonical quotation: message,
//! label, help and related labels for each difference, and for a quotation
//! attributed to someone other than the rule's speaker.

use super::align::Diff;
use super::tokens::Item;
use super::words::SubKind;
use super::{Canonical, Mention};
use crate::codes::Check;
use crate::document::Document;
use crate::finding::{Finding, RelatedSpan, Severity};
use crate::rules::{QuoteRule, RuleSet, SpellingPolicy};
use crate::text::compact_text;
use crate::text::quotes::Quotation;
use std::ops::Range;

/// What the findings of one matched passage share.
pub(super) struct Context<'a> {
    pub(super) doc: &'a Document<'a>,
    pub(super) rule: &'a QuoteRule,
    pub(super) canonical: &'a Canonical,
    pub(super) passage: &'a Quotation,
    pub(super) items: &'a [Item],
}

impl Context<'_> {
    fn text(&self) -> &str {
        self.doc.text()
    }

    fn found_text(&self, i: usize) -> String {
        compact_text(&self.text()[self.items[i].span.clone()])
    }

    fn canonical_text(&self, i: usize) -> String {
        compact_text(&self.rule.text.text[self.canonical.items[i].span.clone()])
    }

    fn speaker(&self) -> &str {
        self.canonical
            .speaker
            .as_ref()
            .map_or(self.rule.speaker.text.as_str(), |(_, name)| name.as_str())
    }

    fn canonical_note(&self) -> String {
        let mut who = self.speaker().to_string();
        for extra in [&self.rule.source, &self.rule.date].into_iter().flatten() {
            who.push_str(", ");
            who.push_str(extra);
        }
        format!("canonical ({who}): “{}”", self.rule.text.text)
    }

    #[allow(clippy::too_many_arguments)]
    fn make(
        &self,
        check: Check,
        severity: Severity,
        span: Range<usize>,
        message: String,
        label: String,
        found: String,
        expected: Option<String>,
        help: String,
        mut related: Vec<RelatedSpan>,
    ) -> Finding {
        related.insert(
            0,
            self.rule.text.origin.label(format!(
                "canonical quotation declared here (rule `{}`)",
                self.rule.id
            )),
        );
        Finding {
            suggestion: None,
            path: self.doc.source.path.clone(),
            check,
            rule: self.rule.id.clone(),
            severity,
            message,
            span,
            label,
            found,
            expected,
            help: Some(help),
            notes: vec![self.canonical_note()],
            related,
        }
    }

    fn span_of(&self, r: &Range<usize>) -> Range<usize> {
        self.items[r.start].span.start..self.items[r.end - 1].span.end
    }

    pub(super) fn finding(&self, diff: &Diff) -> Option<Finding> {
        let speaker = self.speaker().to_string();
        let severity = self.rule.severity;
        match diff {
            Diff::Substituted {
                found,
                canonical,
                kind,
            } => {
                let f = self.found_text(*found);
                let c = self.canonical_text(*canonical);
                let span = self.items[*found].span.clone();
                let label = format!("found “{f}”, canonical “{c}”");
                let help = format!("write “{c}”, as {speaker} said");
                let (check, severity, message) = match kind {
                    SubKind::Spelling if self.rule.spelling == SpellingPolicy::Outlet => {
                        return None;
                    }
                    SubKind::Spelling => (
                        Check::QuoteSpelling,
                        Severity::Note,
                        format!(
                            "“{f}” re-spells “{c}” in a quotation of {speaker} that the rule keeps verbatim"
                        ),
                    ),
                    SubKind::Homophone => (
                        Check::QuoteHomophone,
                        severity,
                        format!("“{f}” for “{c}” in a quotation of {speaker}: a homophone"),
                    ),
                    SubKind::NearSpelling(d) => (
                        Check::QuoteHomophone,
                        severity,
                        format!(
                            "“{f}” for “{c}” in a quotation of {speaker}: a near-spelling ({d} letter{} apart)",
                            if *d == 1 { "" } else { "s" }
                        ),
                    ),
                    SubKind::Inflection => (
                        Check::QuoteWord,
                        severity,
                        format!(
                            "“{f}” for “{c}” in a quotation of {speaker}: another form of the word"
                        ),
                    ),
                    SubKind::Word => (
                        Check::QuoteWord,
                        severity,
                        format!("“{f}” for “{c}” in a quotation of {speaker}"),
                    ),
                };
                Some(self.make(
                    check,
                    severity,
                    span,
                    message,
                    label,
                    f,
                    Some(c),
                    help,
                    Vec::new(),
                ))
            }
            Diff::Inserted { found } => {
                let f = self.found_text(*found);
                Some(self.make(
                    Check::QuoteWord,
                    severity,
                    self.items[*found].span.clone(),
                    format!("“{f}” is not in the quotation of {speaker}"),
                    format!("inserted “{f}”"),
                    f.clone(),
                    None,
                    format!(
                        "remove “{f}”, or put it in [square brackets] if it is an editorial gloss"
                    ),
                    Vec::new(),
                ))
            }
            Diff::Replaced { found, canonical } => {
                let span = self.span_of(found);
                let f = compact_text(&self.text()[span.clone()]);
                let c = compact_text(
                    &self.rule.text.text[self.canonical.items[canonical.start].span.start
                        ..self.canonical.items[canonical.end - 1].span.end],
                );
                Some(self.make(
                    Check::QuoteWord,
                    severity,
                    span,
                    format!("“{f}” for “{c}” in a quotation of {speaker}"),
                    format!("found “{f}”, canonical “{c}”"),
                    f,
                    Some(c.clone()),
                    format!("write “{c}”, as {speaker} said"),
                    Vec::new(),
                ))
            }
            Diff::Dropped {
                canonical,
                before,
                after,
            } => {
                let words: Vec<String> =
                    canonical.clone().map(|i| self.canonical_text(i)).collect();
                let dropped = words.join(" ");
                let first = before.or(*after)?;
                let last = after.or(*before)?;
                let span = self.items[first].span.start..self.items[last].span.end;
                let found = compact_text(&self.text()[span.clone()]);
                let mut expected: Vec<String> = Vec::new();
                if let Some(b) = before {
                    expected.push(self.found_text(*b));
                }
                expected.push(dropped.clone());
                if let Some(a) = after {
                    expected.push(self.found_text(*a));
                }
                Some(self.make(
                    Check::QuoteWord,
                    severity,
                    span,
                    format!("the quotation of {speaker} drops “{dropped}”"),
                    format!("“{dropped}” dropped here"),
                    found,
                    Some(expected.join(" ")),
                    format!("restore “{dropped}”, or mark the cut with an ellipsis (…)"),
                    Vec::new(),
                ))
            }
            Diff::Gloss { found, canonical } => {
                let f = self.found_text(*found);
                let c = self.canonical_text(*canonical);
                Some(self.make(
                    Check::QuoteGloss,
                    Severity::Warning,
                    self.items[*found].span.clone(),
                    format!("the gloss {f} contradicts the canonical gloss {c}"),
                    format!("found {f}, canonical {c}"),
                    f,
                    Some(c.clone()),
                    format!("write {c}"),
                    Vec::new(),
                ))
            }
            Diff::Foreign { found } => {
                let span = self.span_of(found);
                let f = compact_text(&self.text()[span.clone()]);
                Some(self.make(
                    Check::QuoteWord,
                    severity,
                    span,
                    format!("“{f}” is not in the quotation of {speaker}"),
                    "not in the canonical quotation".to_string(),
                    f,
                    None,
                    "quote only words that were said, or take these words out of the quotation marks".to_string(),
                    Vec::new(),
                ))
            }
            Diff::Order { earlier, later } => {
                let later_span = self.span_of(later);
                let earlier_span = self.span_of(earlier);
                let l = compact_text(&self.text()[later_span.clone()]);
                let e = compact_text(&self.text()[earlier_span.clone()]);
                Some(self.make(
                    Check::QuoteOrder,
                    Severity::Warning,
                    later_span,
                    format!(
                        "fragments of a quotation of {speaker} joined out of their original order"
                    ),
                    format!("“{l}” comes before “{e}” in the original"),
                    format!("{e} … {l}"),
                    Some(format!("{l} … {e}")),
                    "keep the fragments in the order they were said".to_string(),
                    vec![RelatedSpan {
                        path: self.doc.source.path.clone(),
                        span: earlier_span,
                        message: "this fragment comes after it".to_string(),
                    }],
                ))
            }
        }
    }

    pub(super) fn speaker_finding(&self, rules: &RuleSet, m: &Mention) -> Finding {
        let speaker = self.speaker().to_string();
        let named = rules.entities[m.entity].canonical.text.clone();
        let found = compact_text(&self.text()[m.span.clone()]);
        let content = compact_text(&self.text()[self.passage.content()]);
        let content = content.trim_matches(|c: char| !c.is_alphanumeric() && c != ']');
        let mut f = self.make(
            Check::QuoteSpeaker,
            self.rule.severity,
            self.passage.span.clone(),
            format!("words of {speaker} attributed to {named}"),
            format!("“{content}” was said by {speaker}"),
            found,
            Some(speaker.clone()),
            format!("attribute the quotation to {speaker}"),
            vec![RelatedSpan {
                path: self.doc.source.path.clone(),
                span: m.span.clone(),
                message: format!("attributed to {named} here"),
            }],
        );
        // The speaker comes before the text in a rule: keep the labels in
        // file order so the rule shows as one excerpt.
        f.related
            .insert(0, self.rule.speaker.origin.label("speaker declared here"));
        f
    }
}
