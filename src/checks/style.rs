//! Style engine: each outlet's house style (UK or US spelling, currency and
//! distance forms), and versions that mix UK and US spelling.
//!
//! ## What it does
//! - Words spelled differently in the UK and the US (`text::spelling`'s
//!   word list) are collected from the article text, leaving out proper
//!   names (any entity rule's canonical name, alias or variant found in the
//!   text) and words inside quotations (left to the quotation rules).
//! - A version with words of both varieties is `style-mixed` (warning): the
//!   words that differ from the profile, or without a profile from the
//!   piece's majority (the first word's variety on a tie), are reported.
//! - A version whose outlet or locale picks a `[[style]]` profile and that
//!   consistently uses the other spelling gets a `style-spelling` note per
//!   word; so does a currency or distance form the profile does not use.
//!
//! A profile listing the version's outlet wins over one for its locale.

use super::Document;
use super::engine::{Engine, Output, Scan};
use crate::codes::{Check, CheckDoc};
use crate::finding::{Applicability, Finding, RelatedSpan, Severity, Suggestion};
use crate::rules::{RuleSet, StyleRule};
use crate::text::compact_text;
use crate::text::spelling::{Variety, variety_of};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The style engine (profiles live in the rule set).
pub struct StyleEngine;

struct Spelled {
    span: Range<usize>,
    variety: Variety,
    other: String,
}

static BARE_DOLLAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^A-Za-z$])(\$)\s?\d").expect("valid pattern"));
static US_DOLLAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(US\$)\s?\d").expect("valid pattern"));
static KILOMETRES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d[\d,.]*[\s-]?(kilometres|kilometers|kilometre|kilometer)(?-u:\b)")
        .expect("valid pattern")
});
static KM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[\d,.]*[\s-]?(km)(?-u:\b)").expect("valid pattern"));

/// Whether `span` lies inside one of `ranges`, which must be sorted and
/// merged (see [`merged`]): a binary search, not a scan per word.
fn inside(span: &Range<usize>, ranges: &[Range<usize>]) -> bool {
    let i = ranges.partition_point(|r| r.start <= span.start);
    i.checked_sub(1).is_some_and(|i| span.end <= ranges[i].end)
}

/// `ranges` sorted, with overlapping ones merged.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The checks this engine emits, with their `explain` texts.
pub const CHECKS: &[CheckDoc] = &[
    CheckDoc {
        check: Check::StyleSpelling,
        explain: include_str!("docs/style-spelling.md"),
    },
    CheckDoc {
        check: Check::StyleMixed,
        explain: include_str!("docs/style-mixed.md"),
    },
];

impl Engine for StyleEngine {
    fn checks(&self) -> &'static [CheckDoc] {
        CHECKS
    }

    fn run(&self, scan: &Scan, out: &mut Output) {
        let names = scan.entity_spans();
        out.findings
            .extend(Self::findings(scan.doc, scan.rules, names));
    }
}

impl StyleEngine {
    /// The profile for a version: by outlet first, then by locale.
    pub fn profile<'r>(doc: &Document, rules: &'r RuleSet) -> Option<&'r StyleRule> {
        let meta = &doc.metadata;
        if let Some(outlet) = &meta.outlet {
            let outlet = outlet.to_lowercase();
            if let Some(p) = rules.styles.iter().find(|s| s.outlets.contains(&outlet)) {
                return Some(p);
            }
        }
        let locale = meta.locale.as_ref()?;
        rules
            .styles
            .iter()
            .find(|s| s.outlets.is_empty() && s.locale.as_ref() == Some(locale))
    }

    /// Every style finding in `doc`; `proper_names` are the spans of entity
    /// forms found in the text.
    pub fn findings(
        doc: &Document,
        rules: &RuleSet,
        proper_names: &[Range<usize>],
    ) -> Vec<Finding> {
        let text = doc.text();
        // The word list rules out nearly every word, so it is asked first;
        // quotations and names are found only when a word is left.
        let listed: Vec<Spelled> = doc
            .words()
            .iter()
            // A capitalised word inside a sentence is part of a proper name
            // ("Area Defense", "Ministry of Defence") even when no rule lists
            // the name: its spelling is the name's, not the outlet's.
            .filter(|w| w.span.start >= doc.body && (!w.capitalized || w.sentence_start))
            .filter_map(|w| {
                let (variety, other) = variety_of(&text[w.span.clone()])?;
                Some(Spelled {
                    span: w.span.clone(),
                    variety,
                    other,
                })
            })
            .collect();
        let profile = Self::profile(doc, rules);
        if listed.is_empty() && profile.is_none() {
            return Vec::new();
        }
        // Quoted words, in single or double marks, are the speaker's.
        let mut skip = doc.quoted().spans().to_vec();
        skip.extend(proper_names.iter().cloned());
        let skip = merged(skip);
        let words: Vec<Spelled> = listed
            .into_iter()
            .filter(|w| !inside(&w.span, &skip))
            .collect();
        let uk = words.iter().filter(|w| w.variety == Variety::Uk).count();
        let us = words.len() - uk;
        let mut out = Vec::new();
        if uk > 0 && us > 0 {
            let expected = match profile {
                Some(p) => p.spelling,
                None if uk != us => {
                    if uk > us {
                        Variety::Uk
                    } else {
                        Variety::Us
                    }
                }
                None => words[0].variety,
            };
            let example = words.iter().find(|w| w.variety == expected);
            for w in words.iter().filter(|w| w.variety != expected) {
                let mut f = finding(doc, profile, Check::StyleMixed, Severity::Warning, w);
                let n = if expected == Variety::Uk { uk } else { us };
                f.message = format!(
                    "“{}” is {} spelling in a version that otherwise spells the {} way ({n} word{})",
                    f.found,
                    w.variety.name(),
                    expected.name(),
                    if n == 1 { "" } else { "s" }
                );
                if let Some(e) = example {
                    f.related.push(RelatedSpan {
                        path: doc.source.path.clone(),
                        span: e.span.clone(),
                        message: format!("{} spelling here", expected.name()),
                    });
                }
                out.push(f);
            }
        } else if let Some(p) = profile {
            for w in words.iter().filter(|w| w.variety != p.spelling) {
                let mut f = finding(doc, Some(p), Check::StyleSpelling, Severity::Note, w);
                f.message = format!(
                    "“{}” is {} spelling; the house style of this version ({}) spells “{}”",
                    f.found,
                    w.variety.name(),
                    describe(doc),
                    w.other
                );
                out.push(f);
            }
        }
        if let Some(p) = profile {
            out.extend(form_findings(doc, p, &skip));
        }
        out
    }
}

/// "outlet scmp, locale en-US".
fn describe(doc: &Document) -> String {
    let m = &doc.metadata;
    let mut parts = Vec::new();
    if let Some(o) = &m.outlet {
        parts.push(format!("outlet {o}"));
    }
    if let Some(l) = &m.locale {
        parts.push(format!("locale {l}"));
    }
    parts.join(", ")
}

fn finding(
    doc: &Document,
    profile: Option<&StyleRule>,
    check: Check,
    default: Severity,
    w: &Spelled,
) -> Finding {
    let found = compact_text(&doc.text()[w.span.clone()]);
    let mut related = Vec::new();
    if let Some(p) = profile {
        related.push(
            p.spelling_origin
                .label(format!("house style declared here (rule `{}`)", p.id)),
        );
    }
    Finding {
        // A house style is the desk's choice: the word is right, only spelt
        // the other way, so the respelling is offered but not applied blindly.
        suggestion: Some(Suggestion {
            span: w.span.clone(),
            replacement: w.other.clone(),
            applicability: Applicability::Unsafe,
        }),
        path: doc.source.path.clone(),
        check,
        rule: profile.map_or_else(|| check.code().to_string(), |p| p.id.clone()),
        severity: profile.and_then(|p| p.severity).unwrap_or(default),
        message: String::new(),
        span: w.span.clone(),
        label: format!("{} spelling", w.variety.name()),
        found,
        expected: Some(w.other.clone()),
        help: Some(format!("write “{}”", w.other)),
        notes: Vec::new(),
        related,
    }
}

/// Currency and distance forms the profile does not use.
fn form_findings(doc: &Document, p: &StyleRule, skip: &[Range<usize>]) -> Vec<Finding> {
    let text = &doc.text()[doc.body..];
    let mut out = Vec::new();
    let mut checks: Vec<(&Regex, &str, &str, &crate::rules::RuleOrigin)> = Vec::new();
    if let Some((want, origin)) = &p.currency_prefix {
        match want.as_str() {
            "US$" => checks.push((&BARE_DOLLAR, "US$", "currency", origin)),
            _ => checks.push((&US_DOLLAR, "$", "currency", origin)),
        }
    }
    if let Some((want, origin)) = &p.distance {
        match want.as_str() {
            "km" => checks.push((&KILOMETRES, "km", "distance", origin)),
            _ => checks.push((&KM, "kilometres", "distance", origin)),
        }
    }
    for (re, want, what, origin) in checks {
        for caps in re.captures_iter(text) {
            let Some(m) = caps.get(1) else { continue };
            let span = doc.body + m.start()..doc.body + m.end();
            if inside(&span, skip) {
                continue;
            }
            let found = compact_text(&doc.text()[span.clone()]);
            out.push(Finding {
                suggestion: None,
                path: doc.source.path.clone(),
                check: Check::StyleSpelling,
                rule: p.id.clone(),
                severity: p.severity.unwrap_or(Severity::Note),
                message: format!(
                    "“{found}”: the house style of this version writes {what} as “{want}”"
                ),
                span,
                label: format!("{what} form “{found}”"),
                found,
                expected: Some(want.to_string()),
                help: Some(format!("write “{want}”")),
                notes: Vec::new(),
                related: vec![origin.label(format!("house style declared here (rule `{}`)", p.id))],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::codes::Check;

    const RULES: &str = r#"
[[entity]]
id = "thaad"
canonical = "Terminal High Altitude Area Defense"
official = true

[[entity]]
id = "mod"
canonical = "Ministry of Defence"

[[style]]
id = "en-gb"
locale = "en-GB"
spelling = "uk"
currency_prefix = "US$"
"#;

    fn found(text: &str) -> Vec<(Check, String)> {
        crate::checks::test_support::found(RULES, text)
    }

    #[test]
    fn capitalised_words_inside_a_sentence_are_names_not_style() {
        // No rule lists the "Pentagon Defense Board"; its capitals say it is a name.
        assert!(found("The board favoured talks, said the Pentagon Defense Board.").is_empty());
        // At the start of a sentence a capital says nothing.
        assert_eq!(found("Favored by many, it was a colourful plan.").len(), 1);
    }

    #[test]
    fn mixed_spelling_needs_no_metadata() {
        assert_eq!(
            found("Moscow favoured the plan, a programme of destabilizing moves."),
            [(Check::StyleMixed, "destabilizing".into())]
        );
    }

    #[test]
    fn proper_names_and_quotations_are_left_alone() {
        let text = "+++\nlocale = \"en-GB\"\n+++\nThe Terminal High Altitude Area Defense upset the Ministry of Defence, a “destabilizing factor”, they favoured.";
        assert_eq!(found(text), []);
    }

    #[test]
    fn the_profile_picks_the_spelling() {
        let text = "---\nlocale: en-GB\n---\nMoscow favored Chinese buyers of a $400 billion deal.";
        assert_eq!(
            found(text),
            [
                (Check::StyleSpelling, "favored".into()),
                (Check::StyleSpelling, "$".into())
            ]
        );
        let us = "---\nlocale: en-US\n---\nMoscow favored Chinese buyers.";
        assert_eq!(found(us), []);
    }
}
