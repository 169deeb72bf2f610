//! The rule index: every literal that any engine looks for, compiled once
//! per run, so that a text is searched once for all of them.
//!
//! Two kinds of literal need two kinds of match, and so two automata built
//! side by side from the same rules:
//! - **forms** (entity canonicals, aliases, variants, distinct names and
//!   localised official names; term `wrong` forms) compete for the words
//!   they cover: at each place the longest accepted form wins and no two
//!   overlap ([`LiteralMatcher`]);
//! - **context words** (quantity cues, event cues, role words) never hide
//!   one another nor a form: "pipeline" is a quantity cue even inside the
//!   name "Power of Siberia pipeline", so they are found with overlapping
//!   matches at word boundaries ([`ContextMatcher`]).
//!
//! Both run over the document's one normalised view; hits come back sorted
//! by position, and engines look up those of a sentence by binary search
//! instead of searching the sentence again.

use super::literals::{Hit, Literal, LiteralMatcher};
use crate::document::Document;
use crate::rules::RuleSet;
use crate::text::normalize_phrase;
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

/// A mention of an entity in the text, found by the literal automaton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte span of the name in the document's text.
    pub span: Range<usize>,
    /// Index into `RuleSet::entities`.
    pub entity: usize,
}

/// Who a context word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContextOwner {
    /// A cue of quantity rule `n`.
    QuantityCue(usize),
    /// A cue of event rule `n`.
    EventCue(usize),
    /// A role word of entity rule `n`.
    Role(usize),
}

/// A context word found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextHit {
    /// Whose word it is.
    pub owner: ContextOwner,
    /// Byte span in the original text.
    pub span: Range<usize>,
}

/// Overlapping search for every context word of every rule.
pub struct ContextMatcher {
    automaton: Option<AhoCorasick>,
    /// The owners of pattern `p`: `owners[first[p]..first[p + 1]]`.
    first: Vec<usize>,
    owners: Vec<ContextOwner>,
}

impl ContextMatcher {
    /// Compile the context words of `rules`.
    pub fn new(rules: &RuleSet) -> Self {
        let mut words: Vec<(String, ContextOwner)> = Vec::new();
        for (i, r) in rules.quantities.iter().enumerate() {
            words.extend(
                r.cues
                    .iter()
                    .map(|c| (c.clone(), ContextOwner::QuantityCue(i))),
            );
        }
        for (i, e) in rules.events.iter().enumerate() {
            words.extend(
                e.cues
                    .iter()
                    .map(|c| (c.clone(), ContextOwner::EventCue(i))),
            );
        }
        for (i, e) in rules.entities.iter().enumerate() {
            words.extend(e.roles.iter().map(|c| (c.clone(), ContextOwner::Role(i))));
        }
        let mut words: Vec<(String, ContextOwner)> = words
            .into_iter()
            .map(|(w, o)| (normalize_phrase(&w, true), o))
            .filter(|(w, _)| !w.is_empty())
            .collect();
        words.sort();
        words.dedup();
        let mut patterns: Vec<&str> = Vec::new();
        let mut first = Vec::new();
        let mut owners = Vec::with_capacity(words.len());
        for (w, o) in &words {
            if patterns.last() != Some(&w.as_str()) {
                patterns.push(w);
                first.push(owners.len());
            }
            owners.push(*o);
        }
        first.push(owners.len());
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .expect("context words compile")
        });
        ContextMatcher {
            automaton,
            first,
            owners,
        }
    }

    /// Every context word in `doc` at word boundaries, sorted by span and owner.
    pub fn find(&self, doc: &Document) -> Vec<ContextHit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let view = doc.view();
        let text = view.text.as_str();
        let mut out = Vec::new();
        for m in automaton.find_overlapping_iter(text) {
            let before_ok = text[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if !(before_ok && after_ok) {
                continue;
            }
            let span = view.original_span(m.start()..m.end());
            let p = m.pattern().as_usize();
            for owner in &self.owners[self.first[p]..self.first[p + 1]] {
                out.push(ContextHit {
                    owner: *owner,
                    span: span.clone(),
                });
            }
        }
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.owner).cmp(&(b.span.start, b.span.end, b.owner))
        });
        out
    }
}

/// Every literal of every rule, compiled once per run.
pub struct RuleIndex {
    forms: LiteralMatcher,
    context: ContextMatcher,
}

/// What the index found in one document.
#[derive(Debug, Default)]
pub struct Hits {
    /// Accepted forms, leftmost first, none overlapping.
    pub forms: Vec<Hit>,
    /// Context words, sorted by position, overlapping allowed.
    pub context: Vec<ContextHit>,
    /// Spans of the entity forms among `forms`, gathered on first use
    /// (the entity and style engines both ask).
    entity_spans: std::cell::OnceCell<Vec<Range<usize>>>,
}

impl Hits {
    /// Spans of every entity form found (canonical, alias, variant,
    /// distinct, localised): words a rule already accounts for. Sorted and
    /// disjoint.
    pub fn entity_spans(&self) -> &[Range<usize>] {
        self.entity_spans.get_or_init(|| {
            self.forms
                .iter()
                .filter(|h| matches!(h.owner, super::literals::Owner::Entity { .. }))
                .map(|h| h.span.clone())
                .collect()
        })
    }

    /// The context words that lie within `within`.
    pub fn context_in(&self, within: Range<usize>) -> impl Iterator<Item = &ContextHit> {
        let from = self
            .context
            .partition_point(|h| h.span.start < within.start);
        let to = self.context.partition_point(|h| h.span.start < within.end);
        // A word that begins inside but runs past the end is not inside.
        let end = within.end;
        self.context[from..to]
            .iter()
            .filter(move |h| h.span.end <= end)
    }
}

impl RuleIndex {
    /// Compile the engines' `forms` and the context words of `rules`.
    pub fn new(rules: &RuleSet, forms: Vec<Literal>) -> Self {
        let (forms, context) =
            rayon::join(|| LiteralMatcher::new(forms), || ContextMatcher::new(rules));
        RuleIndex { forms, context }
    }

    /// Search `doc` once for every literal.
    pub fn find(&self, doc: &Document) -> Hits {
        Hits {
            forms: self.forms.find_at(doc.text(), doc.view(), doc.capitals()),
            context: self.context.find(doc),
            entity_spans: std::cell::OnceCell::new(),
        }
    }
}
