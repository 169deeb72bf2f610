//! The one interface every engine implements.
//!
//! An engine is compiled once per run from the rules ([`Build`]) and then
//! given each prepared document with what the rule index found in it
//! ([`Scan`]). It says which checks it can emit ([`Engine::checks`]); the
//! checker builds and runs only engines with a selected check. Engines
//! never decide what is reported in the end: they push every finding they
//! have, and the resolve stage ([`super::resolve`]) applies the selection,
//! the overlaps and the rules' overrides.

use super::index::{ContextHit, ContextOwner, Hits, Mention};
use super::literals::{EntityForm, Owner};
use crate::codes::CheckDoc;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::RuleSet;
use std::ops::Range;

/// One document as the engines see it.
pub struct Scan<'a> {
    /// The prepared document.
    pub doc: &'a Document<'a>,
    /// The rules of the run.
    pub rules: &'a RuleSet,
    /// What the rule index found in the document.
    pub hits: &'a Hits,
}

impl Scan<'_> {
    /// Spans of every entity form found: words a rule already accounts
    /// for. Sorted and disjoint; gathered once per document.
    pub fn entity_spans(&self) -> &[Range<usize>] {
        self.hits.entity_spans()
    }

    /// The names of people and bodies found under a form that names them
    /// (canonical, alias or a listed variant), for attributions.
    pub fn mentions(&self) -> Vec<Mention> {
        self.hits
            .forms
            .iter()
            .filter_map(|h| match h.owner {
                Owner::Entity {
                    rule,
                    form: EntityForm::Canonical | EntityForm::Alias(_) | EntityForm::Variant(_),
                } => Some(Mention {
                    span: h.span.clone(),
                    entity: rule,
                }),
                _ => None,
            })
            .collect()
    }

    /// The context words of `owner` in the sentence around `span`.
    pub fn context_near<'h>(
        &'h self,
        span: &Range<usize>,
        owner: impl Fn(ContextOwner) -> bool + 'h,
    ) -> impl Iterator<Item = &'h ContextHit> + 'h {
        let sentence = self.doc.sentence_around(span);
        self.hits
            .context_in(sentence)
            .filter(move |h| owner(h.owner))
    }
}

/// One version's way of writing a quantity fact ("3,200 km").
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Index of the quantity rule.
    pub rule: usize,
    /// Byte span of the number.
    pub span: Range<usize>,
    /// The normalised reading.
    pub text: String,
}

/// What engines hand back for one document.
#[derive(Debug, Default)]
pub struct Output {
    /// Every finding, before the resolve stage.
    pub findings: Vec<Finding>,
    /// How the document writes each quantity fact (for `quantity-rounding`).
    pub readings: Vec<Reading>,
}

/// A rule kind's engine (or a rule-free check's).
pub trait Engine: Send + Sync {
    /// Every check this engine can emit.
    fn checks(&self) -> &'static [CheckDoc];

    /// Push the findings of one document into `out`.
    fn run(&self, scan: &Scan, out: &mut Output);
}

/// How an engine is compiled from the rules of a run.
pub type Build = fn(&RuleSet) -> Box<dyn Engine>;
