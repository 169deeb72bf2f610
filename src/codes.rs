//! Stable check codes, in one place. Never rename a code: CI configurations
//! and JSON consumers key on them.
//!
//! Each check's long description follows fixed headings (*What it does*,
//! *Why is this bad?*, *Example*, *Use instead*) and backs `copydesk explain`.

use serde::Serialize;

/// Every check copydesk can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Check {
    /// A name written in one of the wrong forms a rule lists.
    EntityVariant,
    /// A name one or two letters away from a canonical name that no rule lists.
    EntityNearMiss,
    /// The family name of a canonical person with another given name, in the person's role.
    EntityRole,
    /// An official name whose spelling was localised (Defense → Defence).
    EntityOfficialSpelling,
    /// A romanised name that does not read as its Han gloss ("Wang Li (王毅)"; needs no rule).
    EntityGloss,
    /// A word or phrase a term rule declares wrong.
    Term,
    /// A number outside the tolerance of the fact a quantity rule declares.
    QuantityValue,
    /// A number off from the fact by a power of ten (million for billion).
    QuantityMagnitude,
    /// A fact written in a unit its rule does not allow, or with the wrong unit.
    QuantityUnit,
    /// A parenthetical conversion that does not agree with the number it converts.
    QuantityConversion,
    /// The same fact rounded differently across the versions of one run.
    QuantityRounding,
    /// A quotation mark without its partner (needs no rule).
    QuoteUnbalanced,
    /// A word of a quotation substituted, inserted or dropped.
    QuoteWord,
    /// A word of a quotation replaced by a homophone or a near-spelling.
    QuoteHomophone,
    /// A quotation attributed to someone other than its speaker.
    QuoteSpeaker,
    /// A bracketed gloss in a quotation that contradicts the canonical one.
    QuoteGloss,
    /// Quotation fragments joined by an ellipsis out of their original order.
    QuoteOrder,
    /// A UK/US re-spelling inside a quotation that must stay verbatim.
    QuoteSpelling,
    /// A relative date ("last Monday") that resolves to a day the event did not happen on.
    DateRelative,
    /// A vague relative date ("several weeks ago", "this month") gone wrong by re-publication.
    DateStale,
    /// A weekday that does not match the date written with it.
    DateWeekday,
    /// A CMS stamp in the text that contradicts the version's publication date.
    DateStamp,
    /// A word in the other locale's spelling, or a currency or distance form the house style does not use.
    StyleSpelling,
    /// A version that mixes UK and US spellings.
    StyleMixed,
    /// Across versions: a name that differs from the majority reading.
    CompareName,
    /// Across versions: a number that contradicts the majority, or the same value in another unit.
    CompareNumber,
    /// Across versions: a quotation whose words, marks or speaker differ from the majority.
    CompareQuote,
    /// Across versions: a word one or two letters from the majority's, or a homophone.
    CompareWord,
    /// Across versions: UK/US spellings that differ from the majority, per version.
    CompareSpelling,
    /// Across versions: a date or relative time expression that differs.
    CompareTime,
    /// A suppression comment that suppresses nothing (or is no directive copydesk knows).
    UnusedSuppression,
}

/// All checks, in code order (for `explain` listings).
pub const ALL_CHECKS: &[Check] = &[
    Check::EntityVariant,
    Check::EntityNearMiss,
    Check::EntityRole,
    Check::EntityOfficialSpelling,
    Check::EntityGloss,
    Check::Term,
    Check::QuantityValue,
    Check::QuantityMagnitude,
    Check::QuantityUnit,
    Check::QuantityConversion,
    Check::QuantityRounding,
    Check::QuoteUnbalanced,
    Check::QuoteWord,
    Check::QuoteHomophone,
    Check::QuoteSpeaker,
    Check::QuoteGloss,
    Check::QuoteOrder,
    Check::QuoteSpelling,
    Check::DateRelative,
    Check::DateStale,
    Check::DateWeekday,
    Check::DateStamp,
    Check::StyleSpelling,
    Check::StyleMixed,
    Check::CompareName,
    Check::CompareNumber,
    Check::CompareQuote,
    Check::CompareWord,
    Check::CompareSpelling,
    Check::CompareTime,
    Check::UnusedSuppression,
];

impl Check {
    /// The stable code, as printed in JSON (`code`) and accepted by `explain`.
    pub fn code(self) -> &'static str {
        match self {
            Check::EntityVariant => "entity-variant",
            Check::EntityNearMiss => "entity-near-miss",
            Check::EntityRole => "entity-role",
            Check::EntityOfficialSpelling => "entity-official-spelling",
            Check::EntityGloss => "entity-gloss",
            Check::Term => "term",
            Check::QuantityValue => "quantity-value",
            Check::QuantityMagnitude => "quantity-magnitude",
            Check::QuantityUnit => "quantity-unit",
            Check::QuantityConversion => "quantity-conversion",
            Check::QuantityRounding => "quantity-rounding",
            Check::QuoteUnbalanced => "quote-unbalanced",
            Check::QuoteWord => "quote-word",
            Check::QuoteHomophone => "quote-homophone",
            Check::QuoteSpeaker => "quote-speaker",
            Check::QuoteGloss => "quote-gloss",
            Check::QuoteOrder => "quote-order",
            Check::QuoteSpelling => "quote-spelling",
            Check::DateRelative => "date-relative",
            Check::DateStale => "date-stale",
            Check::DateWeekday => "date-weekday",
            Check::DateStamp => "date-stamp",
            Check::StyleSpelling => "style-spelling",
            Check::StyleMixed => "style-mixed",
            Check::CompareName => "compare-name",
            Check::CompareNumber => "compare-number",
            Check::CompareQuote => "compare-quote",
            Check::CompareWord => "compare-word",
            Check::CompareSpelling => "compare-spelling",
            Check::CompareTime => "compare-time",
            Check::UnusedSuppression => "unused-suppression",
        }
    }

    /// The rule kind (or rule-less family) the check belongs to: JSON `kind`.
    pub fn kind(self) -> &'static str {
        match self {
            Check::EntityVariant
            | Check::EntityNearMiss
            | Check::EntityRole
            | Check::EntityOfficialSpelling
            | Check::EntityGloss => "entity",
            Check::Term => "term",
            Check::QuantityValue
            | Check::QuantityMagnitude
            | Check::QuantityUnit
            | Check::QuantityConversion
            | Check::QuantityRounding => "quantity",
            Check::QuoteUnbalanced
            | Check::QuoteWord
            | Check::QuoteHomophone
            | Check::QuoteSpeaker
            | Check::QuoteGloss
            | Check::QuoteOrder
            | Check::QuoteSpelling => "quote",
            Check::DateRelative | Check::DateStale | Check::DateWeekday | Check::DateStamp => {
                "date"
            }
            Check::StyleSpelling | Check::StyleMixed => "style",
            Check::CompareName
            | Check::CompareNumber
            | Check::CompareQuote
            | Check::CompareWord
            | Check::CompareSpelling
            | Check::CompareTime => "compare",
            Check::UnusedSuppression => "suppression",
        }
    }

    /// Whether `name` is the kind of some check (`entity`, `suppression`).
    pub fn is_kind(name: &str) -> bool {
        ALL_CHECKS.iter().any(|c| c.kind() == name)
    }

    /// Look a check up by its code.
    pub fn from_code(code: &str) -> Option<Check> {
        ALL_CHECKS.iter().copied().find(|c| c.code() == code)
    }
}

/// A check and its `copydesk explain` text (What it does, Why is this bad?,
/// Example, Use instead), listed by the engine that emits it, the text in a
/// Markdown file beside the engine's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckDoc {
    /// The check.
    pub check: Check,
    /// Its long description.
    pub explain: &'static str,
}

/// Which checks a run reports: `--select` and `--ignore` take check codes
/// (`entity-near-miss`) or kinds (`entity`). Engines none of whose checks
/// are selected do not run at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    enabled: Vec<Check>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            enabled: ALL_CHECKS.to_vec(),
        }
    }
}

impl Selection {
    /// Every check.
    pub fn all() -> Self {
        Self::default()
    }

    /// The checks named by `select` (all when empty) less those named by `ignore`.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Self, String> {
        let expand = |spec: &str| -> Result<Vec<Check>, String> {
            let spec = spec.trim();
            if let Some(c) = Check::from_code(spec) {
                return Ok(vec![c]);
            }
            let of_kind: Vec<Check> = ALL_CHECKS
                .iter()
                .copied()
                .filter(|c| c.kind() == spec)
                .collect();
            if of_kind.is_empty() {
                let names = ALL_CHECKS
                    .iter()
                    .map(|c| c.code())
                    .chain(ALL_CHECKS.iter().map(|c| c.kind()));
                Err(match crate::suggest::did_you_mean(spec, names) {
                    Some(near) => format!(
                        "no check or kind named `{spec}`: did you mean `{near}`? (`copydesk explain` lists them)"
                    ),
                    None => {
                        format!("no check or kind named `{spec}`; `copydesk explain` lists them")
                    }
                })
            } else {
                Ok(of_kind)
            }
        };
        let mut enabled: Vec<Check> = if select.is_empty() {
            ALL_CHECKS.to_vec()
        } else {
            let mut v = Vec::new();
            for s in select {
                v.extend(expand(s)?);
            }
            v
        };
        for s in ignore {
            let gone = expand(s)?;
            enabled.retain(|c| !gone.contains(c));
        }
        enabled.sort();
        enabled.dedup();
        Ok(Selection { enabled })
    }

    /// Whether `check` is reported.
    pub fn allows(&self, check: Check) -> bool {
        self.enabled.contains(&check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        for c in ALL_CHECKS {
            assert_eq!(Check::from_code(c.code()), Some(*c));
        }
        let mut codes: Vec<&str> = ALL_CHECKS.iter().map(|c| c.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ALL_CHECKS.len());
    }

    #[test]
    fn selection_takes_codes_and_kinds() {
        let s = Selection::new(
            &["entity".into(), "term".into()],
            &["entity-near-miss".into()],
        )
        .unwrap();
        assert!(s.allows(Check::EntityVariant));
        assert!(!s.allows(Check::EntityNearMiss));
        assert!(s.allows(Check::Term));
        assert!(!s.allows(Check::QuantityValue));
        assert!(Selection::new(&["nonsense".into()], &[]).is_err());
        let typo = Selection::new(&["entity-near-mis".into()], &[]).unwrap_err();
        assert!(typo.contains("did you mean `entity-near-miss`?"), "{typo}");
        assert!(Selection::all().allows(Check::Term));
    }
}
