//! Rule files: loading, validation and the compiled rules the engines use.
//!
//! A rule file is TOML holding `[[entity]]`, `[[term]]`, `[[quantity]]`, `[[rate]]`,
//! `[[quote]]`, `[[event]]` and `[[style]]` tables (see
//! `rules/README.md`). Loading never stops at the first problem: every broken
//! rule is reported, and the rules that are fine are still used.
//!
//! `schema.rs` is the format as serde reads it; each kind's file compiles
//! and validates its tables (`entity.rs`, `term.rs`, `quantity.rs`,
//! `rate.rs`, `quote.rs`, `event.rs`, `style.rs`) with the helpers of
//! `fields.rs`; `loader.rs` finds the files and checks across them.

mod entity;
mod error;
mod event;
mod fields;
mod loader;
mod quantity;
mod quote;
mod rate;
mod schema;
mod style;
mod term;

pub use entity::EntityRule;
pub use error::RuleError;
pub use event::EventRule;
pub use quantity::{QuantityRule, Tolerance};
pub use quote::{QuoteRule, brackets_balanced};
pub use rate::Rate;
pub use schema::PieceSchema as Piece;
pub use schema::SpellingPolicy;
pub use style::StyleRule;
pub use term::TermRule;

use crate::finding::RelatedSpan;
use crate::source::SourceFile;
use std::ops::Range;

/// Where a rule declares something: a rule file and a byte span in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOrigin {
    /// Path of the rule file.
    pub path: String,
    /// Byte span of the value in the TOML.
    pub span: Range<usize>,
}

impl RuleOrigin {
    /// A secondary label pointing at this declaration.
    pub fn label(&self, message: impl Into<String>) -> RelatedSpan {
        RelatedSpan {
            path: self.path.clone(),
            span: self.span.clone(),
            message: message.into(),
        }
    }
}

/// A form written in a rule, with where it was written.
#[derive(Debug, Clone)]
pub struct Form {
    /// The text as the rule gives it.
    pub text: String,
    /// Where the rule file declares it.
    pub origin: RuleOrigin,
}

/// Every rule of a run, compiled, with the rule files' texts for diagnostics.
#[derive(Debug, Default)]
pub struct RuleSet {
    /// The rule files that were read, for labels that point into them.
    pub files: Vec<SourceFile>,
    /// `[piece]` descriptions, one per rule file that has one.
    pub pieces: Vec<Piece>,
    /// `[[entity]]` rules of every file, in the order read; findings and quotes index them.
    pub entities: Vec<EntityRule>,
    /// `[[term]]` rules of every file, in the order read.
    pub terms: Vec<TermRule>,
    /// `[[quantity]]` rules of every file, in the order read.
    pub quantities: Vec<QuantityRule>,
    /// `[[rate]]` exchange rates, at most one per currency.
    pub rates: Vec<Rate>,
    /// `[[quote]]` rules of every file, in the order read.
    pub quotes: Vec<QuoteRule>,
    /// `[[event]]` rules of every file, in the order read.
    pub events: Vec<EventRule>,
    /// `[[style]]` profiles of every file, in the order read.
    pub styles: Vec<StyleRule>,
}

impl RuleSet {
    /// Units of `code` per US dollar (1 for USD), if declared.
    pub fn rate(&self, code: &str) -> Option<&Rate> {
        self.rates.iter().find(|r| r.currency == code)
    }

    /// Number of rules of every kind.
    pub fn len(&self) -> usize {
        self.entities.len()
            + self.terms.len()
            + self.quantities.len()
            + self.rates.len()
            + self.quotes.len()
            + self.events.len()
            + self.styles.len()
    }

    /// No rules at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of every rule (the ids findings carry as `rule`).
    pub fn rule_ids(&self) -> Vec<&str> {
        self.ids().into_iter().map(|(id, _)| id).collect()
    }
}

/// Helpers for the rule kinds' unit tests.
#[cfg(test)]
mod test_support {
    use super::*;

    /// One rule file, loaded and checked as [`RuleSet::load`] does.
    pub(super) fn load(toml: &str) -> (RuleSet, Vec<RuleError>) {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        set.add_file(SourceFile::new("r.toml", toml), &mut errors);
        set.check_across_files(&mut errors);
        (set, errors)
    }

    /// The text each error points at.
    pub(super) fn pointed(toml: &str, errors: &[RuleError]) -> Vec<String> {
        errors
            .iter()
            .map(|e| {
                e.span
                    .clone()
                    .map_or(String::new(), |s| toml[s].to_string())
            })
            .collect()
    }
}
