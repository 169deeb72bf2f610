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
}

/// All checks, in code order (for `explain` listings).
pub const ALL_CHECKS: &[Check] = &[
    Check::EntityVariant,
    Check::EntityNearMiss,
    Check::EntityRole,
    Check::EntityOfficialSpelling,
    Check::Term,
    Check::DateRelative,
    Check::DateStale,
    Check::DateWeekday,
    Check::DateStamp,
    Check::StyleSpelling,
    Check::StyleMixed,
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
            Check::DateRelative => "date-relative",
            Check::DateStale => "date-stale",
            Check::DateWeekday => "date-weekday",
            Check::DateStamp => "date-stamp",
            Check::StyleSpelling => "style-spelling",
            Check::StyleMixed => "style-mixed",
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
            Check::DateRelative | Check::DateStale | Check::DateWeekday | Check::DateStamp => {
                "date"
            }
            Check::StyleSpelling | Check::StyleMixed => "style",
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
            Check::DateRelative => {
                "## What it does\n\
                 Resolves a relative date (\"yesterday\", \"last Monday\", \"Monday last week\",\n\
                 \"on Thursday\", \"in November\") in a sentence that names an `event` (by its cues)\n\
                 against the version's publication date, and reports it when no reading of\n\
                 it falls on the event's dates. Without a publication date nothing is judged.\n\n\
                 ## Why is this bad?\n\
                 A piece re-run three weeks later keeps its \"last Monday\", which now names\n\
                 another week: readers are told the wrong day.\n\n\
                 ## Example\n\
                 (published Monday, 20 November 2017) Medvedev arrived in China last Monday\n\n\
                 ## Use instead\n\
                 Medvedev arrived in China on Monday, 30 October 2017\n"
            }
            Check::DateStale => {
                "## What it does\n\
                 Resolves a vague relative date (\"this week\", \"this month\", \"earlier this year\",\n\
                 \"several weeks ago\", \"a decade ago\") near an `event` against the version's\n\
                 publication date and reports it when the event no longer falls in that span.\n\n\
                 ## Why is this bad?\n\
                 Vague dates go stale on re-publication: \"several weeks ago\" for a visit five\n\
                 months back, or \"this month\" in a piece printed the month after.\n\n\
                 ## Example\n\
                 (published 20 November 2017) Xi's state visit to Russia several weeks ago\n\n\
                 ## Use instead\n\
                 Xi's state visit to Russia in July 2017\n"
            }
            Check::DateWeekday => {
                "## What it does\n\
                 Finds a date written with its weekday whose weekday is wrong (or a day the\n\
                 calendar does not have), anywhere in the text. Needs no rule.\n\n\
                 ## Why is this bad?\n\
                 When a copy desk changes the day of the month it rarely changes the weekday:\n\
                 one of the two is now wrong.\n\n\
                 ## Example\n\
                 arrived in China on Monday, 31 October 2017\n\n\
                 ## Use instead\n\
                 arrived in China on Monday, 30 October 2017\n"
            }
            Check::DateStamp => {
                "## What it does\n\
                 Finds a CMS publication stamp in the text (\"PUBLISHED : Monday, 30 October,\n\
                 2017\", \"date 2017-05-27\") whose date differs from the publication date that\n\
                 the front matter, the manifest or the command line gives.\n\n\
                 ## Why is this bad?\n\
                 Either the metadata or the pasted stamp is wrong, and relative dates are\n\
                 resolved against the metadata.\n\n\
                 ## Example\n\
                 (manifest: published 2017-11-20) PUBLISHED : Monday, 30 October, 2017\n\n\
                 ## Use instead\n\
                 PUBLISHED : Monday, 20 November, 2017 (or correct the manifest)\n"
            }
            Check::StyleSpelling => {
                "## What it does\n\
                 Finds a word in the other locale's spelling in a version whose outlet or\n\
                 locale picks a `style` profile (\"favored\" in an en-GB version), and a\n\
                 currency or distance form the profile does not use (\"$\" where it wants\n\
                 \"US$\", \"kilometres\" where it wants \"km\"). Proper names of entity rules and\n\
                 words inside quotations are never reported.\n\n\
                 ## Why is this bad?\n\
                 A syndicated piece should read in its outlet's house style.\n\n\
                 ## Example\n\
                 (en-GB) Moscow has increasingly favored Chinese buyers\n\n\
                 ## Use instead\n\
                 (en-GB) Moscow has increasingly favoured Chinese buyers\n"
            }
            Check::StyleMixed => {
                "## What it does\n\
                 Finds a version that spells some words the UK way and others the US way,\n\
                 and reports the words of the minority spelling (or, when a `style` profile\n\
                 applies, the words that differ from it). Works without any metadata.\n\
                 Proper names of entity rules and words inside quotations are not counted.\n\n\
                 ## Why is this bad?\n\
                 Mixed spelling shows a half-done localisation: one copy desk changed some\n\
                 words and missed others.\n\n\
                 ## Example\n\
                 Moscow has favoured Chinese buyers … the risk of a destabilizing arms race\n\n\
                 ## Use instead\n\
                 Moscow has favoured Chinese buyers … the risk of a destabilising arms race\n"
            }
        }
    }
}
