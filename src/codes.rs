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
    /// A word or phrase a term rule declares wrong.
    Term,
}

/// All checks, in code order (for `explain` listings).
pub const ALL_CHECKS: &[Check] = &[
    Check::EntityVariant,
    Check::EntityNearMiss,
    Check::EntityRole,
    Check::EntityOfficialSpelling,
    Check::Term,
];

impl Check {
    /// The stable code, as printed in JSON (`code`) and accepted by `explain`.
    pub fn code(self) -> &'static str {
        match self {
            Check::EntityVariant => "entity-variant",
            Check::EntityNearMiss => "entity-near-miss",
            Check::EntityRole => "entity-role",
            Check::EntityOfficialSpelling => "entity-official-spelling",
            Check::Term => "term",
        }
    }

    /// The rule kind (or rule-less family) the check belongs to: JSON `kind`.
    pub fn kind(self) -> &'static str {
        match self {
            Check::EntityVariant
            | Check::EntityNearMiss
            | Check::EntityRole
            | Check::EntityOfficialSpelling => "entity",
            Check::Term => "term",
        }
    }

    /// Look a check up by code or kind name.
    pub fn from_code(code: &str) -> Option<Check> {
        ALL_CHECKS.iter().copied().find(|c| c.code() == code)
    }

    /// The long description shown by `copydesk explain`.
    pub fn explanation(self) -> &'static str {
        match self {
            Check::EntityVariant => {
                "## What it does\n\
                 Finds a person's or organisation's name written in one of the wrong forms\n\
                 that an `entity` rule lists under `variants`.\n\n\
                 ## Why is this bad?\n\
                 Copy desks retype names; a foreign minister who becomes \"Wang Li\" in one\n\
                 outlet is a correction waiting to be printed.\n\n\
                 ## Example\n\
                 Foreign Minister Wang Li said…\n\n\
                 ## Use instead\n\
                 Foreign Minister Wang Yi said…\n"
            }
            Check::EntityNearMiss => {
                "## What it does\n\
                 Finds a capitalised name that is not any rule's canonical name, alias or\n\
                 variant but lies one or two letters (a substitution, insertion, deletion or\n\
                 swap) from one: \"Sergei Lavrow\", \"Dmitry Medevdev\". Names that merely share a\n\
                 family name (\"Li Keqiang\" and \"Wang Li\") are not near-misses.\n\n\
                 ## Why is this bad?\n\
                 No rule file can list every way a name can be mistyped.\n\n\
                 ## Example\n\
                 Sergei Lavrow told reporters…\n\n\
                 ## Use instead\n\
                 Sergei Lavrov told reporters…\n\n\
                 If the name belongs to someone else, list it under the rule's `distinct`.\n"
            }
            Check::EntityRole => {
                "## What it does\n\
                 Finds a name that keeps a canonical person's family name with another given\n\
                 name, in a sentence that also names the person's role (the rule's `role`).\n\n\
                 ## Why is this bad?\n\
                 \"Foreign Minister Wang Jun\" is not a different foreign minister: it is the\n\
                 wrong given name for Wang Yi.\n\n\
                 ## Example\n\
                 Foreign Minister Wang Jun met Lavrov.\n\n\
                 ## Use instead\n\
                 Foreign Minister Wang Yi met Lavrov.\n"
            }
            Check::EntityOfficialSpelling => {
                "## What it does\n\
                 Finds an official name (`official = true` in its rule) whose spelling was\n\
                 changed to the outlet's UK or US style.\n\n\
                 ## Why is this bad?\n\
                 House style does not apply to proper names: the US system is the Terminal High\n\
                 Altitude Area Defense, in London as in New York.\n\n\
                 ## Example\n\
                 the Terminal High Altitude Area Defence system\n\n\
                 ## Use instead\n\
                 the Terminal High Altitude Area Defense system\n"
            }
            Check::Term => {
                "## What it does\n\
                 Finds a word or phrase that a `term` rule declares wrong, optionally only\n\
                 next to given words (\"peninsular\" used as a noun, but not \"peninsular waters\").\n\n\
                 ## Why is this bad?\n\
                 Near-homophones and wrong word forms survive spell-checkers.\n\n\
                 ## Example\n\
                 tensions on the peninsular could escalate\n\n\
                 ## Use instead\n\
                 tensions on the peninsula could escalate\n"
            }
        }
    }
}
