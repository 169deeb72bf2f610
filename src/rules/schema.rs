//! The rule-file format as serde sees it, field by field.
//!
//! Kept free of `flatten` and untagged enums so that the toml crate keeps a
//! span for every value: a broken rule is reported at the exact key. Every
//! table denies unknown fields, so a misspelt key is an error, not a silent
//! default. What the fields mean for the checks, with whole examples, is in
//! `rules/README.md`; the compiled forms are in the kinds' modules
//! (`entity.rs`, `term.rs`…), which validate what serde cannot.
//!
//! Fields every rule kind shares (all but `[[rate]]`):
//! - `id`: the rule's name, unique across every rule file of a run; letters,
//!   digits, `-`, `_` and `.` only. Findings and labels refer to it.
//!   Required. Example: `id = "wang-yi"`.
//! - `severity`: `"error"`, `"warning"` or `"note"`; optional, each kind has
//!   its own default (given at the field). Example: `severity = "error"`.
//! - `message`: replaces the generated message of the rule's findings
//!   (`rules/README.md` says which checks honour it). Optional; default the
//!   generated one. Example: `message = "the noun is “peninsula”"`.
//! - `help`: replaces the generated `help:` line, as `message` does.
//!   Optional. Example: `help = "write “peninsula”"`.

use crate::finding::Severity;
use serde::Deserialize;
use toml::Spanned;

/// One rule file: any number of tables of every kind, in any order. Every
/// list defaults to empty; a file with none of them is valid and declares
/// nothing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFileSchema {
    /// `[piece]`: what the file is about. Optional, at most one per file.
    pub piece: Option<PieceSchema>,
    /// `[[entity]]` tables: people, organisations, proper names.
    #[serde(default)]
    pub entity: Vec<Spanned<EntitySchema>>,
    /// `[[term]]` tables: words and phrases used wrongly.
    #[serde(default)]
    pub term: Vec<Spanned<TermSchema>>,
    /// `[[quantity]]` tables: numbers with a unit.
    #[serde(default)]
    pub quantity: Vec<Spanned<QuantitySchema>>,
    /// `[[rate]]` tables: exchange rates against the US dollar.
    #[serde(default)]
    pub rate: Vec<Spanned<RateSchema>>,
    /// `[[quote]]` tables: canonical quotations.
    #[serde(default)]
    pub quote: Vec<Spanned<QuoteSchema>>,
    /// `[[event]]` tables: what happened, and when.
    #[serde(default)]
    pub event: Vec<Spanned<EventSchema>>,
    /// `[[style]]` tables: house styles of outlets and locales.
    #[serde(default)]
    pub style: Vec<Spanned<StyleSchema>>,
}

/// `[piece]`: what the rule file is about.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PieceSchema {
    /// Headline or working title. Optional, free text. Example:
    /// `title = "China–Russia ties in the shadow of Washington (2017)"`.
    pub title: Option<String>,
    /// Author. Optional, free text. Example: `author = "Andrew Hammond"`.
    pub author: Option<String>,
    /// Anything else worth knowing about the piece. Optional, free text.
    pub description: Option<String>,
}

/// `[[entity]]`: a person, organisation or proper name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitySchema {
    /// The rule's id (see the module docs). Required. Example:
    /// `id = "wang-yi"`; a `[[quote]]`'s `speaker` names it.
    pub id: Spanned<String>,
    /// The name as it must appear. Required, not blank. Example:
    /// `canonical = "Wang Yi"`.
    pub canonical: Spanned<String>,
    /// Other right ways to write the name. Default none. Example:
    /// `aliases = ["Wang", "王毅"]`.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Which word of `canonical` is the family name, for `entity-role`; it
    /// must be one of its words. Default: the last word. Example:
    /// `family_name = "Wang"`.
    pub family_name: Option<Spanned<String>>,
    /// Words that name the person's role; the family name with another given
    /// name in a sentence holding one is `entity-role`. Matched in any case.
    /// Default none. Example: `role = ["foreign minister"]`.
    #[serde(default)]
    pub role: Vec<Spanned<String>>,
    /// Known wrong forms, always reported (`entity-variant`); none may equal
    /// `canonical` or an alias. Default none. Example:
    /// `variants = ["Wang Li"]`.
    #[serde(default)]
    pub variants: Vec<Spanned<String>>,
    /// Other people's names that look like this one: never near-misses.
    /// Default none. Example: `distinct = ["Wang Huning"]`.
    #[serde(default)]
    pub distinct: Vec<Spanned<String>>,
    /// An official name: a UK/US re-spelling of it is an error in every
    /// locale (`entity-official-spelling`), and it matches in its exact case.
    /// Default `false`. Example: `official = true`.
    #[serde(default)]
    pub official: bool,
    /// Every form of the rule matches only in its exact case (acronyms).
    /// Default `false`: the rule's own case or all capitals. Example:
    /// `case_sensitive = true`.
    #[serde(default)]
    pub case_sensitive: bool,
    /// Severity of variant, role and official-spelling findings. Default
    /// `"error"`; near-misses stay warnings.
    pub severity: Option<Spanned<Severity>>,
    /// Replaces the generated message (see the module docs).
    pub message: Option<String>,
    /// Replaces the generated help line (see the module docs).
    pub help: Option<String>,
}

/// `[[term]]`: a word or phrase used wrongly. It needs at least one of
/// `wrong` and `wrong_regex`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSchema {
    /// The rule's id (see the module docs). Required. Example:
    /// `id = "peninsula-noun"`.
    pub id: Spanned<String>,
    /// Literal wrong forms, matched at word boundaries in any case (unless
    /// `case_sensitive`). Default none. Example: `wrong = ["peninsular"]`.
    #[serde(default)]
    pub wrong: Vec<Spanned<String>>,
    /// Wrong forms as regular expressions (Rust `regex` syntax) over the
    /// original text; case-insensitive unless `case_sensitive`. Default none.
    /// Example: `wrong_regex = ['Korean\s+Peninsular\b']`.
    #[serde(default)]
    pub wrong_regex: Vec<Spanned<String>>,
    /// What to write instead. Required, not blank. Example:
    /// `correct = "peninsula"`.
    pub correct: Spanned<String>,
    /// Report only when the next words are one of these (words or phrases,
    /// any case). Default none: no condition. Example:
    /// `followed_by = ["stand-off", "dispute"]`.
    #[serde(default)]
    pub followed_by: Vec<Spanned<String>>,
    /// Report only when the next words are none of these. Default none.
    /// Example: `unless_followed_by = ["waters", "state"]`.
    #[serde(default)]
    pub unless_followed_by: Vec<Spanned<String>>,
    /// Report only when the words right before are one of these. Default
    /// none. Example: `preceded_by = ["the"]`.
    #[serde(default)]
    pub preceded_by: Vec<Spanned<String>>,
    /// Report only when the words right before are none of these. Default
    /// none. Example: `unless_preceded_by = ["Korean"]`.
    #[serde(default)]
    pub unless_preceded_by: Vec<Spanned<String>>,
    /// Match `wrong` and `wrong_regex` only in their exact case. Default
    /// `false`. Example: `case_sensitive = true`.
    #[serde(default)]
    pub case_sensitive: bool,
    /// Severity of the rule's `term` findings. Default `"warning"`.
    pub severity: Option<Spanned<Severity>>,
    /// Replaces the generated message (see the module docs).
    pub message: Option<String>,
    /// Replaces the generated help line (see the module docs).
    pub help: Option<String>,
}

/// `[[quantity]]`: a number with a unit that every version must agree on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantitySchema {
    /// The rule's id (see the module docs). Required. Example:
    /// `id = "siberia-pipeline-length"`.
    pub id: Spanned<String>,
    /// Words or phrases that bind a number in the same sentence to the fact;
    /// case and spacing do not matter. At least one is required (serde
    /// defaults it to empty so that compiling can point at the rule).
    /// Example: `cue = ["pipeline"]`.
    #[serde(default)]
    pub cue: Vec<Spanned<String>>,
    /// The fact's value in `unit`, a finite number. Required. Example:
    /// `value = 3200`, `value = 400e9`.
    pub value: Spanned<f64>,
    /// The unit of `value`: `km`, `m`, `mile`, `nautical mile`, `foot`, `yard`, `inch`, `cm`, `mm`,
    /// `kg`, `tonne`, `km2`, `square mile`, `hectare`, `acre`, `km/h`,
    /// `mph`, `knot`, `m/s`, `second`, `minute`, `hour`, `day`, `week`, `month`, `year`, `percent`,
    /// `calendar year`, or a three-letter currency code (not USD needs a
    /// `[[rate]]`).
    /// Required. Example: `unit = "km"`.
    pub unit: Spanned<String>,
    /// How far a written value may lie from `value`, beyond half its last
    /// printed digit. Default `0`. Example: `tolerance = 20` (in `unit`) or
    /// `tolerance = "1%"`.
    pub tolerance: Option<Spanned<ToleranceSchema>>,
    /// Units the fact may be written in, each of the same kind as `unit`;
    /// another one is `quantity-unit`. Default: `unit` only. Example:
    /// `units = ["km", "mile"]`.
    #[serde(default)]
    pub units: Vec<Spanned<String>>,
    /// Severity of value, magnitude and wrong-unit findings. Default
    /// `"error"`; `quantity-unit` warnings stay warnings.
    pub severity: Option<Spanned<Severity>>,
    /// Replaces the generated message (see the module docs).
    pub message: Option<String>,
    /// Replaces the generated help line (see the module docs).
    pub help: Option<String>,
}

/// `[[event]]`: something that happened, and when.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSchema {
    /// The rule's id (see the module docs). Required. Example:
    /// `id = "medvedev-china-visit"`.
    pub id: Spanned<String>,
    /// Human name of the event, for messages. Default: the id. Example:
    /// `name = "Medvedev's visit to China"`.
    pub name: Option<String>,
    /// Words or phrases that bind a relative date in the same sentence to
    /// the event. Required, at least one. Example:
    /// `cue = ["Medvedev arrived", "Medvedev's visit"]`.
    pub cue: Vec<Spanned<String>>,
    /// ISO date of a one-day event; give either `date` or `start`. Example:
    /// `date = "2017-10-30"`.
    pub date: Option<Spanned<String>>,
    /// ISO first day of a longer event. Example: `start = "2017-10-30"`.
    pub start: Option<Spanned<String>>,
    /// ISO last day, inclusive, not before `start`; only with `start`.
    /// Default: `start` (a one-day event). Example: `end = "2017-11-01"`.
    pub end: Option<Spanned<String>>,
    /// IANA time zone where the event took place; with one, a reading a day
    /// either side is accepted. Default none. Example:
    /// `time_zone = "Asia/Shanghai"`.
    pub time_zone: Option<Spanned<String>>,
    /// Overrides the severities of `date-relative` (default error) and
    /// `date-stale` (default warning) for this event.
    pub severity: Option<Spanned<Severity>>,
    /// Replaces the generated message (see the module docs).
    pub message: Option<String>,
    /// Replaces the generated help line (see the module docs).
    pub help: Option<String>,
}

/// How a quotation's spelling may differ from the canonical text:
/// `spelling = "outlet"` (the default) or `spelling = "verbatim"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpellingPolicy {
    /// The outlet's UK or US spelling is allowed inside the quotation.
    #[default]
    Outlet,
    /// The quotation keeps the canonical spelling; a UK/US re-spelling is a note.
    Verbatim,
}

/// `[[quote]]`: a canonical quotation and who said it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSchema {
    /// The rule's id (see the module docs). Required. Example:
    /// `id = "wang-yi-brakes"`.
    pub id: Spanned<String>,
    /// The id of the speaker's `[[entity]]` rule, in any rule file of the
    /// run. Required. Example: `speaker = "wang-yi"`.
    pub speaker: Spanned<String>,
    /// The words as said, with at least one word; `[…]` marks the canonical
    /// editorial gloss (brackets must balance), `…` joins fragments in the
    /// order they were said. Required. Example:
    /// `text = "apply the brakes to both [the US and North Korean] trains"`.
    pub text: Spanned<String>,
    /// Where it was said, shown in the note. Optional, free text. Example:
    /// `source = "press conference"`.
    pub source: Option<String>,
    /// When it was said, shown in the note. Optional, free text (not
    /// parsed). Example: `date = "2017-03-08"`.
    pub date: Option<String>,
    /// Whether a UK/US re-spelling inside the quotation is reported. Default
    /// `"outlet"` (allowed); `"verbatim"` makes it a `quote-spelling` note.
    pub spelling: Option<Spanned<SpellingPolicy>>,
    /// Severity of `quote-word`, `quote-homophone` and `quote-speaker`.
    /// Default `"error"`.
    pub severity: Option<Spanned<Severity>>,
    /// Replaces the message of `quote-word` and `quote-homophone` findings.
    pub message: Option<String>,
    /// Replaces their help line.
    pub help: Option<String>,
}

/// A style profile's spelling: `spelling = "uk"` or `spelling = "us"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpellingSchema {
    /// British spelling ("favour", "defence").
    Uk,
    /// American spelling ("favor", "defense").
    Us,
}

/// `[[style]]`: the house style of an outlet or a locale.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSchema {
    /// The rule's id (see the module docs). Required. Example:
    /// `id = "en-gb"`.
    pub id: Spanned<String>,
    /// Locale the profile applies to, normalised ("en_gb" is "en-GB").
    /// Optional, but a profile needs a locale or outlets. Example:
    /// `locale = "en-GB"`.
    pub locale: Option<Spanned<String>>,
    /// Outlets the profile applies to, by their slugs as in version
    /// metadata (compared in lowercase); a profile naming the version's
    /// outlet wins over one for its locale, and a profile that lists outlets
    /// is not picked by its locale alone. Default none. Example:
    /// `outlets = ["the-national", "arab-news"]`.
    #[serde(default)]
    pub outlets: Vec<Spanned<String>>,
    /// The house spelling. Required. Example: `spelling = "uk"`.
    pub spelling: Spanned<SpellingSchema>,
    /// The form of the dollar sign before a number, `"US$"` or `"$"`; the
    /// other form is `style-spelling`. Default none: either. Example:
    /// `currency_prefix = "US$"`.
    pub currency_prefix: Option<Spanned<String>>,
    /// The form of distances, `"km"` or `"kilometres"`. Default none:
    /// either. Example: `distance = "km"`.
    pub distance: Option<Spanned<String>>,
    /// Overrides the severities of `style-spelling` (default note) and
    /// `style-mixed` (default warning) for versions the profile applies to.
    pub severity: Option<Spanned<Severity>>,
    /// Replaces the generated message (see the module docs).
    pub message: Option<String>,
    /// Replaces the generated help line (see the module docs).
    pub help: Option<String>,
}

/// `tolerance = 20` (absolute, in the rule's unit) or `tolerance = "1%"`.
///
/// Deserialized by hand rather than as an untagged enum, so that the toml
/// crate keeps the value's span.
#[derive(Debug, Clone, PartialEq)]
pub enum ToleranceSchema {
    /// A number.
    Absolute(f64),
    /// A string, validated when the rule is compiled ("1%").
    Text(String),
}

impl<'de> Deserialize<'de> for ToleranceSchema {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ToleranceSchema;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a percentage string such as \"1%\"")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(ToleranceSchema::Absolute(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(ToleranceSchema::Absolute(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                Ok(ToleranceSchema::Absolute(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(ToleranceSchema::Text(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `[[rate]]`: how many units of a currency buy one US dollar, as of a day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateSchema {
    /// The currency, by its three-letter upper-case code, not USD; one rate
    /// per currency across a run. Required. Example: `currency = "AED"`.
    pub currency: Spanned<String>,
    /// Units of `currency` that buy one US dollar, a positive number.
    /// Required. Example: `per_usd = 3.6725`.
    pub per_usd: Spanned<f64>,
    /// The day the rate is taken from, `YYYY-MM-DD`. Required (serde takes
    /// it as optional so that compiling can say it is missing). Example:
    /// `as_of = "2017-10-30"`.
    pub as_of: Option<Spanned<String>>,
}
