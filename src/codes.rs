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
}

/// All checks, in code order (for `explain` listings).
pub const ALL_CHECKS: &[Check] = &[
    Check::EntityVariant,
    Check::EntityNearMiss,
    Check::EntityRole,
    Check::EntityOfficialSpelling,
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
            Check::QuantityValue => {
                "## What it does\n\
                 Finds a number bound to a `quantity` rule (a cue such as \"pipeline\" in the\n\
                 same sentence, a unit of the same kind) whose value, converted to the rule's\n\
                 unit, lies outside the rule's tolerance and the precision the writer printed.\n\n\
                 ## Why is this bad?\n\
                 A figure retyped on a copy desk drifts without anyone noticing: the pipeline\n\
                 grows by 600km between two versions of the same op-ed.\n\n\
                 ## Example\n\
                 A 3,800km gas pipeline from eastern Siberia…\n\n\
                 ## Use instead\n\
                 A 3,200km gas pipeline from eastern Siberia…\n"
            }
            Check::QuantityMagnitude => {
                "## What it does\n\
                 Finds a number bound to a `quantity` rule that is off by a power of ten:\n\
                 thousand, million, billion and trillion confused, or a zero dropped or added.\n\n\
                 ## Why is this bad?\n\
                 A magnitude slip changes a fact a thousandfold while every digit still looks\n\
                 right to a proofreader.\n\n\
                 ## Example\n\
                 the backbone of the US$400 million gas supply deal\n\n\
                 ## Use instead\n\
                 the backbone of the US$400 billion gas supply deal\n"
            }
            Check::QuantityUnit => {
                "## What it does\n\
                 Finds a fact written in a unit its `quantity` rule does not list under `units`\n\
                 (a warning, with the conversion shown), or written with the fact's number but\n\
                 another unit, which makes it false (\"3,645 miles\" for a 3,645km border: reported\n\
                 at the rule's severity).\n\n\
                 ## Why is this bad?\n\
                 Versions of one piece should state a fact in the same unit; a unit swapped\n\
                 without converting the number misstates it by the conversion factor.\n\n\
                 ## Example\n\
                 A 2,000 mile gas pipeline… (the rule writes this fact in km)\n\n\
                 ## Use instead\n\
                 A 3,200km gas pipeline…\n"
            }
            Check::QuantityConversion => {
                "## What it does\n\
                 Finds a quantity in parentheses after another that does not convert it, with\n\
                 or without rules: length, mass, area and duration conversions are built in;\n\
                 currency conversions use the `[[rate]]` the rule files declare. The converted\n\
                 figure may differ by half its last printed digit or 1%, whichever is larger.\n\n\
                 ## Why is this bad?\n\
                 A conversion added by one outlet for its readers is new arithmetic, and the\n\
                 one place in the piece no other version can vouch for.\n\n\
                 ## Example\n\
                 a $100 billion (Dh467.3 billion) special currency reserve fund\n\n\
                 ## Use instead\n\
                 a $100 billion (Dh367.3 billion) special currency reserve fund\n"
            }
            Check::QuantityRounding => {
                "## What it does\n\
                 Across the files of one run, finds the same `quantity` fact written in the\n\
                 rule's unit with different rounding (\"3,200km\" in most versions, \"3,218km\" in\n\
                 one), each within tolerance. A note on the versions that differ from the rest.\n\n\
                 ## Why is this bad?\n\
                 It is not wrong, but readers comparing versions see two figures for one fact.\n\n\
                 ## Example\n\
                 version A: a 3,200km pipeline; version B: a 3,218km pipeline\n\n\
                 ## Use instead\n\
                 The rounding the other versions use: a 3,200km pipeline\n"
            }
            Check::QuoteUnbalanced => {
                "## What it does\n\
                 Finds a quotation mark without its partner: a closing mark with no opening\n\
                 mark before it, or an opening mark that is never closed. A quotation that runs\n\
                 over several paragraphs by the newspaper convention (no closing mark at the end\n\
                 of a paragraph, an opening mark at the start of the next) is balanced.\n\
                 Apostrophes (don’t, Moscow’s, the ’90s, rock ’n’ roll) are not marks. Needs no\n\
                 rule.\n\n\
                 ## Why is this bad?\n\
                 A lost opening mark leaves the reader unable to tell whose words these are:\n\
                 the reporter's or the speaker's.\n\n\
                 ## Example\n\
                 Tillerson said that all options” are on the table.\n\n\
                 ## Use instead\n\
                 Tillerson said that “all options” are on the table.\n"
            }
            Check::QuoteWord => {
                "## What it does\n\
                 Compares a quotation with the canonical text of the `quote` rule it matches,\n\
                 word by word, and reports each word substituted, inserted or dropped. Allowed\n\
                 editing is not reported: a gloss in [square brackets], an ellipsis eliding\n\
                 words, quoting only part of the sentence, the case of the first letter,\n\
                 punctuation, straight or curly marks, and UK/US spelling unless the rule says\n\
                 `spelling = \"verbatim\"`.\n\n\
                 ## Why is this bad?\n\
                 Words between quotation marks are a promise that the speaker said them.\n\n\
                 ## Example\n\
                 “has to be dealt with, and dealt with rapidly”\n\n\
                 ## Use instead\n\
                 “has to be dealt with, and probably dealt with rapidly”\n"
            }
            Check::QuoteHomophone => {
                "## What it does\n\
                 Like `quote-word`, for a quoted word replaced by a homophone or a word one or\n\
                 two letters away from the canonical one (break/brake, principal/principle).\n\n\
                 ## Why is this bad?\n\
                 Spell-checkers accept both words, so the slip survives every later edit, and\n\
                 the speaker is made to say something else.\n\n\
                 ## Example\n\
                 “apply the break to both trains”\n\n\
                 ## Use instead\n\
                 “apply the brakes to both trains”\n"
            }
            Check::QuoteSpeaker => {
                "## What it does\n\
                 Finds a quotation whose nearest attribution in the sentence (\"X said\",\n\
                 \"said X\", \"according to X\", \"X has asserted that\", \"X warned\") names an\n\
                 entity other than the `speaker` of the `quote` rule it matches. Names are\n\
                 resolved through the entity rules' canonical names, aliases and variants.\n\n\
                 ## Why is this bad?\n\
                 Putting one official's words in another's mouth is the most serious error a\n\
                 quotation can carry.\n\n\
                 ## Example\n\
                 The era of “strategic patience” is over, Trump said.\n\n\
                 ## Use instead\n\
                 The era of “strategic patience” is over, Tillerson said.\n"
            }
            Check::QuoteGloss => {
                "## What it does\n\
                 Finds a bracketed gloss in a quotation that stands where the canonical text\n\
                 has a different gloss.\n\n\
                 ## Why is this bad?\n\
                 A gloss tells the reader what the speaker meant; a different gloss changes the\n\
                 meaning while keeping the quotation marks.\n\n\
                 ## Example\n\
                 “apply the brakes to both [the US and South Korean] trains”\n\n\
                 ## Use instead\n\
                 “apply the brakes to both [the US and North Korean] trains”\n"
            }
            Check::QuoteOrder => {
                "## What it does\n\
                 Finds two fragments of one quotation joined by an ellipsis in an order other\n\
                 than the canonical one.\n\n\
                 ## Why is this bad?\n\
                 An ellipsis says that words were left out, not that the rest was rearranged.\n\n\
                 ## Example\n\
                 “in line with the vicious logic of creating a global missile shield …\n\
                 destabilising factor”\n\n\
                 ## Use instead\n\
                 “destabilising factor … in line with the vicious logic of creating a global\n\
                 missile shield”\n"
            }
            Check::QuoteSpelling => {
                "## What it does\n\
                 Finds a quoted word re-spelt in the other UK/US convention when the `quote`\n\
                 rule says `spelling = \"verbatim\"` (with the default `spelling = \"outlet\"`,\n\
                 the outlet's spelling is allowed and nothing is reported).\n\n\
                 ## Why is this bad?\n\
                 Some quotations (titles, written statements, legal texts) are cited exactly as\n\
                 published.\n\n\
                 ## Example\n\
                 “a destabilizing factor” (from a statement published as “destabilising”)\n\n\
                 ## Use instead\n\
                 “a destabilising factor”\n"
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
            Check::CompareName => {
                "## What it does\n\
                 `copydesk compare` only. Aligns the versions of one piece sentence by sentence\n\
                 and compares the names (runs of capitalised words, across no-break spaces) that\n\
                 stand in the same place. A name that differs from the reading most versions\n\
                 give is an error; a title added or dropped (\"Foreign Minister Wang Yi\" and\n\
                 \"Wang Yi\") or a UK/US spelling is not a different name.\n\n\
                 ## Why is this bad?\n\
                 A copy desk that retypes a name creates a second person: the foreign minister\n\
                 becomes \"Wang Li\" in one outlet while the others print \"Wang Yi\".\n\n\
                 ## Example\n\
                 Foreign Minister Wang Li has raised the issue (3 of 5 versions: Wang Yi)\n\n\
                 ## Use instead\n\
                 Foreign Minister Wang Yi has raised the issue\n"
            }
            Check::CompareNumber => {
                "## What it does\n\
                 `copydesk compare` only. Compares the numbers and quantities in the same place\n\
                 of every version after unit conversion. A value outside 1% plus half the last\n\
                 printed digit of the majority's is an error (a contradiction: 3,800km against\n\
                 3,200km, US$400 million against US$400 billion, 3,645 miles against 3,645km).\n\
                 The same value in another unit is a warning (a presentation difference:\n\
                 \"2,000 mile (3,218km)\" against \"3,200km\").\n\n\
                 ## Why is this bad?\n\
                 Figures are retyped on every copy desk; a contradiction between versions means\n\
                 at least one of them is wrong.\n\n\
                 ## Example\n\
                 A 3,800km gas pipeline… (4 of 5 versions: 3,200km)\n\n\
                 ## Use instead\n\
                 A 3,200km gas pipeline…\n"
            }
            Check::CompareQuote => {
                "## What it does\n\
                 `copydesk compare` only. Compares the quoted passages in the same place of\n\
                 every version word by word: a word changed, added or dropped, or fragments\n\
                 reordered, is an error. Quoting only part of the passage, a [bracketed gloss]\n\
                 and UK/US spelling are allowed. Also reports a quotation attributed to another\n\
                 person than most versions say (\"Trump said\" against \"Tillerson has declared\"),\n\
                 and quoted words that stand without their quotation marks in one version.\n\n\
                 ## Why is this bad?\n\
                 Words between quotation marks are a promise that the speaker said them.\n\n\
                 ## Example\n\
                 “apply the break to both trains” (3 of 5 versions: “apply the brakes”)\n\n\
                 ## Use instead\n\
                 “apply the brakes to both trains”\n"
            }
            Check::CompareWord => {
                "## What it does\n\
                 `copydesk compare` only. Finds a word that one version replaced by a look-alike\n\
                 where the others agree: one or two letters apart (\"peninsular\" for\n\
                 \"peninsula\") or a homophone (\"break\" for \"brake\"). Plurals, inflections,\n\
                 UK/US spellings and real rephrasing (\"fora\" and \"forums\") are not reported.\n\n\
                 ## Why is this bad?\n\
                 Spell-checkers accept both words, so the slip survives every later edit.\n\n\
                 ## Example\n\
                 tensions on the peninsular could escalate (4 of 5 versions: peninsula)\n\n\
                 ## Use instead\n\
                 tensions on the peninsula could escalate\n"
            }
            Check::CompareSpelling => {
                "## What it does\n\
                 `copydesk compare` only. Collects, per version, the words spelt in the other\n\
                 UK/US convention than most versions (favoured/favored, Defence/Defense) and\n\
                 reports them as one note: the outlet's style.\n\n\
                 ## Why is this bad?\n\
                 It is not wrong, but a version that mixes both conventions, or re-spells an\n\
                 official name, needs a look.\n\n\
                 ## Example\n\
                 traveled, favored, defense (most versions: travelled, favoured, defence)\n\n\
                 ## Use instead\n\
                 One convention throughout the version; official names as they are spelt.\n"
            }
            Check::CompareTime => {
                "## What it does\n\
                 `copydesk compare` only. Compares dates and relative time expressions (\"last\n\
                 Monday\", \"Monday last week\", \"recently\", \"two days ago\") in the same place\n\
                 of every version. A relative expression where most versions give a date (or the\n\
                 other way round) is a note for the dates check; two different dates are an\n\
                 error.\n\n\
                 ## Why is this bad?\n\
                 \"Last Monday\" is relative to a publication date that differs per outlet, and a\n\
                 retyped date is a wrong date.\n\n\
                 ## Example\n\
                 arrived in China last Monday (3 of 5 versions: Monday, 30 October 2017)\n\n\
                 ## Use instead\n\
                 arrived in China on Monday, 30 October 2017\n"
            }
        }
    }
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
                Err(format!(
                    "no check or kind named `{spec}`; `copydesk explain` lists them"
                ))
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
            assert!(c.explanation().contains("## What it does"), "{}", c.code());
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
        assert!(Selection::all().allows(Check::Term));
    }
}
