//! The rule-file format as serde sees it.
//!
//! Kept free of `flatten` and untagged enums so that the toml crate keeps a
//! span for every value: a broken rule is reported at the exact key.

use crate::finding::Severity;
use serde::Deserialize;
use toml::Spanned;

/// One rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFileSchema {
    /// Optional description of the piece the rules belong to.
    pub piece: Option<PieceSchema>,
    /// `[[entity]]` tables.
    #[serde(default)]
    pub entity: Vec<Spanned<EntitySchema>>,
    /// `[[term]]` tables.
    #[serde(default)]
    pub term: Vec<Spanned<TermSchema>>,
    /// `[[quantity]]` tables.
    #[serde(default)]
    pub quantity: Vec<Spanned<QuantitySchema>>,
    /// `[[rate]]` tables: exchange rates against the US dollar.
    #[serde(default)]
    pub rate: Vec<Spanned<RateSchema>>,
    /// `[[quote]]` tables.
    #[serde(default)]
    pub quote: Vec<Spanned<QuoteSchema>>,
    /// `[[event]]` tables.
    #[serde(default)]
    pub event: Vec<Spanned<EventSchema>>,
    /// `[[style]]` tables.
    #[serde(default)]
    pub style: Vec<Spanned<StyleSchema>>,
}

/// `[piece]`: what the rule file is about.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PieceSchema {
    /// Headline or working title.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Free text.
    pub description: Option<String>,
}

/// `[[entity]]`: a person, organisation or proper name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitySchema {
    pub id: Spanned<String>,
    pub canonical: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub family_name: Option<Spanned<String>>,
    #[serde(default)]
    pub role: Vec<Spanned<String>>,
    #[serde(default)]
    pub variants: Vec<Spanned<String>>,
    #[serde(default)]
    pub distinct: Vec<Spanned<String>>,
    #[serde(default)]
    pub official: bool,
    #[serde(default)]
    pub case_sensitive: bool,
    pub severity: Option<Spanned<Severity>>,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// `[[term]]`: a word or phrase used wrongly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSchema {
    pub id: Spanned<String>,
    #[serde(default)]
    pub wrong: Vec<Spanned<String>>,
    #[serde(default)]
    pub wrong_regex: Vec<Spanned<String>>,
    pub correct: Spanned<String>,
    #[serde(default)]
    pub followed_by: Vec<Spanned<String>>,
    #[serde(default)]
    pub unless_followed_by: Vec<Spanned<String>>,
    #[serde(default)]
    pub preceded_by: Vec<Spanned<String>>,
    #[serde(default)]
    pub unless_preceded_by: Vec<Spanned<String>>,
    #[serde(default)]
    pub case_sensitive: bool,
    pub severity: Option<Spanned<Severity>>,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// `[[quantity]]`: a number with a unit that every version must agree on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantitySchema {
    pub id: Spanned<String>,
    /// Words or phrases that bind a mention in the same sentence to the fact.
    #[serde(default)]
    pub cue: Vec<Spanned<String>>,
    pub value: Spanned<f64>,
    pub unit: Spanned<String>,
    pub tolerance: Option<Spanned<ToleranceSchema>>,
    /// Units the fact may be written in (default: `unit` only).
    #[serde(default)]
    pub units: Vec<Spanned<String>>,
    pub severity: Option<Spanned<Severity>>,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// `[[event]]`: something that happened, and when.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSchema {
    pub id: Spanned<String>,
    /// Human name of the event, for messages.
    pub name: Option<String>,
    /// Words or phrases that bind a mention in the same sentence.
    pub cue: Vec<Spanned<String>>,
    /// ISO date of a one-day event.
    pub date: Option<Spanned<String>>,
    /// ISO first day of a longer event.
    pub start: Option<Spanned<String>>,
    /// ISO last day (inclusive).
    pub end: Option<Spanned<String>>,
    /// IANA time zone where the event took place ("Asia/Shanghai").
    pub time_zone: Option<Spanned<String>>,
    pub severity: Option<Spanned<Severity>>,
    pub message: Option<String>,
    pub help: Option<String>,
}
/// How a quotation's spelling may differ from the canonical text.
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
    pub id: Spanned<String>,
    /// The id of an `[[entity]]` rule.
    pub speaker: Spanned<String>,
    /// The words as said; `[…]` marks an editorial gloss, `…` an elision.
    pub text: Spanned<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub spelling: Option<Spanned<SpellingPolicy>>,
    pub severity: Option<Spanned<Severity>>,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// `spelling = "uk" | "us"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpellingSchema {
    Uk,
    Us,
}

/// `[[style]]`: the house style of an outlet or a locale.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSchema {
    pub id: Spanned<String>,
    /// Locale the profile applies to ("en-GB").
    pub locale: Option<Spanned<String>>,
    /// Outlets the profile applies to (their slugs, as in version metadata).
    #[serde(default)]
    pub outlets: Vec<Spanned<String>>,
    pub spelling: Spanned<SpellingSchema>,
    /// `"US$"` or `"$"`.
    pub currency_prefix: Option<Spanned<String>>,
    /// `"km"` or `"kilometres"`.
    pub distance: Option<Spanned<String>>,
    pub severity: Option<Spanned<Severity>>,
    pub message: Option<String>,
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
    pub currency: Spanned<String>,
    pub per_usd: Spanned<f64>,
    pub as_of: Option<Spanned<String>>,
}
