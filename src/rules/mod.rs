//! Rule files: loading, validation and the compiled rules the engines use.
//!
//! A rule file is TOML holding `[[entity]]`, `[[term]]`, `[[quantity]]`, `[[rate]]`,
//! `[[quote]]`, `[[event]]` and `[[style]]` tables (see
//! `rules/README.md`). Loading never stops at the first problem: every broken
//! rule is reported, and the rules that are fine are still used.

mod error;
mod schema;

pub use error::RuleError;
pub use schema::PieceSchema as Piece;
pub use schema::SpellingPolicy;

use crate::finding::{RelatedSpan, Severity};
use crate::source::SourceFile;
use crate::text::normalize_phrase;
use crate::text::numbers::Unit;
use crate::text::relative_dates::DateRange;
use crate::text::spelling::Variety;
use crate::values::{normalize_locale, parse_date};
use regex::Regex;
use schema::{
    EntitySchema, EventSchema, QuantitySchema, QuoteSchema, RateSchema, RuleFileSchema,
    SpellingSchema, StyleSchema, TermSchema, ToleranceSchema,
};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

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

/// A compiled `[[entity]]` rule.
#[derive(Debug, Clone)]
pub struct EntityRule {
    pub id: String,
    /// Where the id is declared.
    pub id_origin: RuleOrigin,
    pub canonical: Form,
    pub aliases: Vec<Form>,
    /// The family name, one of the canonical name's words.
    pub family_name: String,
    /// Position of the family name among the canonical name's words.
    pub family_index: usize,
    /// Role cues, normalised and lowercased ("foreign minister").
    pub roles: Vec<String>,
    pub variants: Vec<Form>,
    /// Other people's names that look like this one and are not errors.
    pub distinct: Vec<Form>,
    pub official: bool,
    pub case_sensitive: bool,
    pub severity: Severity,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// A compiled `[[term]]` rule.
#[derive(Debug, Clone)]
pub struct TermRule {
    pub id: String,
    /// Where the id is declared.
    pub id_origin: RuleOrigin,
    pub wrong: Vec<Form>,
    pub wrong_regex: Vec<(Regex, RuleOrigin)>,
    pub correct: Form,
    /// Lowercased words or phrases, see `rules/README.md`.
    pub followed_by: Vec<String>,
    pub unless_followed_by: Vec<String>,
    pub preceded_by: Vec<String>,
    pub unless_preceded_by: Vec<String>,
    pub case_sensitive: bool,
    pub severity: Severity,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// How far a written value may lie from a quantity rule's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// In the rule's unit.
    Absolute(f64),
    /// Percent of the rule's value.
    Percent(f64),
}

impl Tolerance {
    /// The tolerance in the rule's unit for a rule of value `value`.
    pub fn amount(self, value: f64) -> f64 {
        match self {
            Tolerance::Absolute(a) => a,
            Tolerance::Percent(p) => value.abs() * p / 100.0,
        }
    }
}

/// A compiled `[[quantity]]` rule.
#[derive(Debug, Clone)]
pub struct QuantityRule {
    pub id: String,
    /// Cue words or phrases, normalised and lowercased.
    pub cues: Vec<String>,
    pub value: f64,
    /// Where the rule file declares the value.
    pub value_origin: RuleOrigin,
    pub unit: Unit,
    pub tolerance: Tolerance,
    /// Units the fact may be written in; `unit` is always among them.
    pub units: Vec<Unit>,
    pub severity: Severity,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// A compiled `[[event]]` rule.
#[derive(Debug, Clone)]
pub struct EventRule {
    pub id: String,
    /// Where the id is declared.
    pub id_origin: RuleOrigin,
    /// Human name ("Medvedev's visit to China"), or the id.
    pub name: String,
    /// Cue phrases, normalised and lowercased.
    pub cues: Vec<String>,
    /// When it happened (inclusive).
    pub when: DateRange,
    /// Where the date (or start) is declared.
    pub date_origin: RuleOrigin,
    /// IANA time zone, if the rule gives one.
    pub time_zone: Option<String>,
    /// Overrides the checks' severities.
    pub severity: Option<Severity>,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// A compiled `[[quote]]` rule.
#[derive(Debug, Clone)]
pub struct QuoteRule {
    pub id: String,
    /// The speaker's entity id, where the rule file writes it.
    pub speaker: Form,
    /// The canonical words.
    pub text: Form,
    pub source: Option<String>,
    pub date: Option<String>,
    pub spelling: SpellingPolicy,
    pub severity: Severity,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// A compiled `[[style]]` profile.
#[derive(Debug, Clone)]
pub struct StyleRule {
    pub id: String,
    /// Where the id is declared.
    pub id_origin: RuleOrigin,
    /// Normalised locale ("en-GB").
    pub locale: Option<String>,
    /// Outlet slugs, lowercase.
    pub outlets: Vec<String>,
    pub spelling: Variety,
    /// Where `spelling` is declared.
    pub spelling_origin: RuleOrigin,
    /// `"US$"` or `"$"`, with where it is declared.
    pub currency_prefix: Option<(String, RuleOrigin)>,
    /// `"km"` or `"kilometres"`, with where it is declared.
    pub distance: Option<(String, RuleOrigin)>,
    pub severity: Option<Severity>,
    pub message: Option<String>,
    pub help: Option<String>,
}

/// A compiled `[[rate]]`: `per_usd` units of `currency` buy one US dollar.
#[derive(Debug, Clone)]
pub struct Rate {
    /// Upper-case currency code ("AED").
    pub currency: String,
    pub per_usd: f64,
    /// The day the rate is taken from, `YYYY-MM-DD`.
    pub as_of: String,
    /// Where the rule file declares `per_usd`.
    pub origin: RuleOrigin,
}

/// Every rule of a run, compiled, with the rule files' texts for diagnostics.
#[derive(Debug, Default)]
pub struct RuleSet {
    /// The rule files that were read, for labels that point into them.
    pub files: Vec<SourceFile>,
    /// `[piece]` descriptions, one per rule file that has one.
    pub pieces: Vec<Piece>,
    pub entities: Vec<EntityRule>,
    pub terms: Vec<TermRule>,
    pub quantities: Vec<QuantityRule>,
    pub rates: Vec<Rate>,
    pub quotes: Vec<QuoteRule>,
    pub events: Vec<EventRule>,
    pub styles: Vec<StyleRule>,
}

impl RuleSet {
    /// Load every rule file under `paths` (files, or directories of `*.toml`).
    /// Broken files and rules are returned as errors; the rest is kept.
    pub fn load(paths: &[PathBuf]) -> (RuleSet, Vec<RuleError>) {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        for path in paths {
            match rule_files_under(path) {
                Ok(files) => {
                    for file in files {
                        let shown = file.display().to_string();
                        match std::fs::read(&file) {
                            Ok(bytes) => match String::from_utf8(bytes) {
                                Ok(text) => set.add_file(SourceFile::new(shown, text), &mut errors),
                                Err(e) => errors.push(RuleError::whole(
                                    &shown,
                                    format!(
                                        "not valid UTF-8 (byte {})",
                                        e.utf8_error().valid_up_to()
                                    ),
                                )),
                            },
                            Err(e) => {
                                errors.push(RuleError::whole(&shown, format!("cannot read: {e}")))
                            }
                        }
                    }
                }
                Err(e) => errors.push(*e),
            }
        }
        set.check_duplicate_ids(&mut errors);
        set.check_rates(&mut errors);
        set.check_speakers(&mut errors);
        (set, errors)
    }

    /// Parse one rule file from a string (used by `load` and by tests).
    pub fn add_file(&mut self, file: SourceFile, errors: &mut Vec<RuleError>) {
        let path = file.path.clone();
        match toml::from_str::<RuleFileSchema>(&file.text) {
            Ok(schema) => {
                self.pieces.extend(schema.piece);
                for entity in schema.entity {
                    match compile_entity(&path, entity) {
                        Ok(rule) => self.entities.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for term in schema.term {
                    match compile_term(&path, term) {
                        Ok(rule) => self.terms.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for quantity in schema.quantity {
                    match compile_quantity(&path, quantity) {
                        Ok(rule) => self.quantities.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for rate in schema.rate {
                    match compile_rate(&path, rate) {
                        Ok(rate) => self.rates.push(rate),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for quote in schema.quote {
                    match compile_quote(&path, quote) {
                        Ok(rule) => self.quotes.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for event in schema.event {
                    match compile_event(&path, event) {
                        Ok(rule) => self.events.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for style in schema.style {
                    match compile_style(&path, style) {
                        Ok(rule) => self.styles.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
            }
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                errors.push(RuleError::at(
                    &path,
                    span,
                    e.message().trim().to_string(),
                    "here",
                ));
            }
        }
        self.files.push(file);
    }

    /// Every rule id with where it is declared, in load order.
    fn ids(&self) -> Vec<(&str, RuleOrigin)> {
        let mut ids: Vec<(&str, RuleOrigin)> = Vec::new();
        ids.extend(
            self.entities
                .iter()
                .map(|r| (r.id.as_str(), r.id_origin.clone())),
        );
        ids.extend(
            self.terms
                .iter()
                .map(|r| (r.id.as_str(), r.id_origin.clone())),
        );
        ids.extend(
            self.quantities
                .iter()
                .map(|r| (r.id.as_str(), r.value_origin.clone())),
        );
        ids.extend(
            self.quotes
                .iter()
                .map(|r| (r.id.as_str(), r.text.origin.clone())),
        );
        ids.extend(
            self.events
                .iter()
                .map(|r| (r.id.as_str(), r.id_origin.clone())),
        );
        ids.extend(
            self.styles
                .iter()
                .map(|r| (r.id.as_str(), r.id_origin.clone())),
        );
        ids
    }

    /// A rate per currency, and one for every currency a quantity rule uses.
    /// Call after every file is loaded (rates may live in another file).
    fn check_rates(&self, errors: &mut Vec<RuleError>) {
        let mut seen: HashMap<&str, &Rate> = HashMap::new();
        for rate in &self.rates {
            if let Some(first) = seen.get(rate.currency.as_str()) {
                let mut e = RuleError::at(
                    &rate.origin.path,
                    rate.origin.span.clone(),
                    format!("a second rate for {}", rate.currency),
                    "declared again here",
                )
                .with_help("keep one rate per currency: a run compares every version at one rate");
                e.related.push(first.origin.label("first declared here"));
                errors.push(e);
            } else {
                seen.insert(&rate.currency, rate);
            }
        }
        for q in &self.quantities {
            if let Unit::Currency(code) = &q.unit
                && code != "USD"
                && self.rate(code).is_none()
            {
                errors.push(
                    RuleError::at(
                        &q.value_origin.path,
                        q.value_origin.span.clone(),
                        format!(
                            "rule `{}` is in {code} but no rate for {code} is declared",
                            q.id
                        ),
                        "cannot be compared with other currencies",
                    )
                    .with_help(format!(
                        "add [[rate]] currency = \"{code}\" per_usd = … as_of = \"YYYY-MM-DD\""
                    )),
                );
            }
        }
    }

    /// Units of `code` per US dollar (1 for USD), if declared.
    pub fn rate(&self, code: &str) -> Option<&Rate> {
        self.rates.iter().find(|r| r.currency == code)
    }

    fn check_duplicate_ids(&self, errors: &mut Vec<RuleError>) {
        let mut seen: HashMap<&str, RuleOrigin> = HashMap::new();
        let mut ids = self.ids();
        ids.sort_by(|a, b| (&a.1.path, a.1.span.start).cmp(&(&b.1.path, b.1.span.start)));
        for (id, origin) in ids {
            if let Some(first) = seen.get(id) {
                let mut e = RuleError::at(
                    &origin.path,
                    origin.span.clone(),
                    format!("duplicate rule id `{id}`"),
                    "this rule reuses the id",
                )
                .with_help("give every rule its own id: findings and suppressions refer to it");
                e.related.push(first.label("first declared here"));
                errors.push(e);
            } else {
                seen.insert(id, origin);
            }
        }
    }

    /// Every quote rule must name the id of an entity rule (from any rule
    /// file) as its speaker; quote rules that do not are reported and dropped.
    pub fn check_speakers(&mut self, errors: &mut Vec<RuleError>) {
        let entities = &self.entities;
        self.quotes.retain(|q| {
            if entities.iter().any(|e| e.id == q.speaker.text) {
                return true;
            }
            let mut e = RuleError::at(
                &q.speaker.origin.path,
                q.speaker.origin.span.clone(),
                format!(
                    "unknown speaker `{}` in quote rule `{}`",
                    q.speaker.text, q.id
                ),
                "no entity rule has this id",
            );
            let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
            e = e.with_help(if ids.is_empty() {
                "declare the speaker as an `[[entity]]` rule and use its id".to_string()
            } else {
                format!(
                    "use the id of an `[[entity]]` rule, one of: {}",
                    ids.join(", ")
                )
            });
            errors.push(e);
            false
        });
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
}

/// The rule files a `--rules` path stands for, sorted.
fn rule_files_under(path: &Path) -> Result<Vec<PathBuf>, Box<RuleError>> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| RuleError::whole(&shown, format!("rules path cannot be read: {e}")))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            RuleError::whole(
                &dir.display().to_string(),
                format!("cannot list rules directory: {e}"),
            )
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn origin(path: &str, s: &Spanned<impl Sized>) -> RuleOrigin {
    RuleOrigin {
        path: path.to_string(),
        span: s.span(),
    }
}

fn form(path: &str, s: &Spanned<String>) -> Form {
    Form {
        text: s.get_ref().trim().to_string(),
        origin: origin(path, s),
    }
}

/// Forms must not be blank.
fn non_empty(path: &str, what: &str, forms: &[Spanned<String>], errors: &mut Vec<RuleError>) {
    for f in forms {
        if f.get_ref().trim().is_empty() {
            errors.push(RuleError::at(
                path,
                f.span(),
                format!("empty {what}"),
                "this is empty",
            ));
        }
    }
}

fn check_id(path: &str, id: &Spanned<String>, errors: &mut Vec<RuleError>) {
    let ok = !id.get_ref().is_empty()
        && id
            .get_ref()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        errors.push(
            RuleError::at(
                path,
                id.span(),
                format!("invalid rule id {:?}", id.get_ref()),
                "invalid id",
            )
            .with_help("use letters, digits, `-`, `_` and `.` only, e.g. \"wang-yi\""),
        );
    }
}

fn lower_all(forms: &[Spanned<String>]) -> Vec<String> {
    forms
        .iter()
        .map(|f| normalize_phrase(f.get_ref(), true))
        .collect()
}

fn compile_entity(
    path: &str,
    spanned: Spanned<EntitySchema>,
) -> Result<EntityRule, Vec<RuleError>> {
    let s = spanned.into_inner();
    let mut errors = Vec::new();
    check_id(path, &s.id, &mut errors);
    let canonical_text = s.canonical.get_ref().trim();
    if canonical_text.is_empty() {
        errors.push(
            RuleError::at(
                path,
                s.canonical.span(),
                "empty canonical name",
                "this is empty",
            )
            .with_help("write the name as it must appear, e.g. canonical = \"Wang Yi\""),
        );
    }
    non_empty(path, "alias", &s.aliases, &mut errors);
    non_empty(path, "variant", &s.variants, &mut errors);
    non_empty(path, "role", &s.role, &mut errors);
    non_empty(path, "distinct name", &s.distinct, &mut errors);
    let fold = !s.case_sensitive;
    let canonical_norm = normalize_phrase(canonical_text, fold);
    let aliases_norm: Vec<String> = s
        .aliases
        .iter()
        .map(|a| normalize_phrase(a.get_ref(), fold))
        .collect();
    for v in &s.variants {
        let n = normalize_phrase(v.get_ref(), fold);
        if !n.is_empty() && (n == canonical_norm || aliases_norm.contains(&n)) {
            errors.push(RuleError::at(
                path,
                v.span(),
                format!(
                    "variant {:?} is also the canonical name or an alias",
                    v.get_ref()
                ),
                "a wrong form cannot also be a right one",
            ));
        }
    }
    let words: Vec<&str> = canonical_text.split_whitespace().collect();
    let (family_name, family_index) = match &s.family_name {
        Some(f) => match words.iter().position(|w| *w == f.get_ref().trim()) {
            Some(i) => (words[i].to_string(), i),
            None => {
                errors.push(
                    RuleError::at(
                        path,
                        f.span(),
                        format!(
                            "family name {:?} is not a word of the canonical name",
                            f.get_ref()
                        ),
                        "not in the canonical name",
                    )
                    .with_help(format!("use one of: {}", words.join(", "))),
                );
                (String::new(), 0)
            }
        },
        None => (
            words.last().map(|w| w.to_string()).unwrap_or_default(),
            words.len().saturating_sub(1),
        ),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(EntityRule {
        id: s.id.get_ref().clone(),
        id_origin: origin(path, &s.id),
        canonical: form(path, &s.canonical),
        aliases: s.aliases.iter().map(|a| form(path, a)).collect(),
        family_name,
        family_index,
        roles: lower_all(&s.role),
        variants: s.variants.iter().map(|v| form(path, v)).collect(),
        distinct: s.distinct.iter().map(|v| form(path, v)).collect(),
        official: s.official,
        case_sensitive: s.case_sensitive,
        severity: s.severity.map_or(Severity::Error, |s| *s.get_ref()),
        message: s.message,
        help: s.help,
    })
}

fn compile_term(path: &str, spanned: Spanned<TermSchema>) -> Result<TermRule, Vec<RuleError>> {
    let s = spanned.into_inner();
    let mut errors = Vec::new();
    check_id(path, &s.id, &mut errors);
    if s.correct.get_ref().trim().is_empty() {
        errors.push(RuleError::at(
            path,
            s.correct.span(),
            "empty correct form",
            "this is empty",
        ));
    }
    non_empty(path, "wrong form", &s.wrong, &mut errors);
    for list in [
        &s.followed_by,
        &s.unless_followed_by,
        &s.preceded_by,
        &s.unless_preceded_by,
    ] {
        non_empty(path, "context word", list, &mut errors);
    }
    if s.wrong.is_empty() && s.wrong_regex.is_empty() {
        errors.push(
            RuleError::at(
                path,
                s.id.span(),
                "term rule has no wrong forms",
                "nothing to look for",
            )
            .with_help("add `wrong = [\"...\"]` or `wrong_regex = [\"...\"]`"),
        );
    }
    let mut regexes = Vec::new();
    for r in &s.wrong_regex {
        let pattern = if s.case_sensitive {
            r.get_ref().clone()
        } else {
            format!("(?i:{})", r.get_ref())
        };
        match regex::RegexBuilder::new(&pattern)
            .size_limit(1 << 22)
            .build()
        {
            Ok(re) => regexes.push((re, origin(path, r))),
            Err(e) => errors.push(RuleError::at(
                path,
                r.span(),
                "invalid regular expression",
                regex_error_summary(&e),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(TermRule {
        id: s.id.get_ref().clone(),
        id_origin: origin(path, &s.id),
        wrong: s.wrong.iter().map(|w| form(path, w)).collect(),
        wrong_regex: regexes,
        correct: form(path, &s.correct),
        followed_by: lower_all(&s.followed_by),
        unless_followed_by: lower_all(&s.unless_followed_by),
        preceded_by: lower_all(&s.preceded_by),
        unless_preceded_by: lower_all(&s.unless_preceded_by),
        case_sensitive: s.case_sensitive,
        severity: s.severity.map_or(Severity::Warning, |s| *s.get_ref()),
        message: s.message,
        help: s.help,
    })
}

/// Whether a quotation's text closes every editorial `[` it opens, as a
/// `[[quote]]` rule's text must.
pub fn brackets_balanced(text: &str) -> bool {
    text.matches('[').count() == text.matches(']').count()
}

fn compile_quote(path: &str, spanned: Spanned<QuoteSchema>) -> Result<QuoteRule, Vec<RuleError>> {
    let s = spanned.into_inner();
    let mut errors = Vec::new();
    check_id(path, &s.id, &mut errors);
    if s.speaker.get_ref().trim().is_empty() {
        errors.push(
            RuleError::at(path, s.speaker.span(), "empty speaker", "this is empty").with_help(
                "write the id of the speaker's `[[entity]]` rule, e.g. speaker = \"wang-yi\"",
            ),
        );
    }
    let text = s.text.get_ref();
    if !text.chars().any(char::is_alphanumeric) {
        errors.push(RuleError::at(
            path,
            s.text.span(),
            "quote text has no words",
            "nothing to compare quotations with",
        ));
    }
    if !brackets_balanced(text) {
        errors.push(
            RuleError::at(
                path,
                s.text.span(),
                "unbalanced square brackets in quote text",
                "every `[` needs a `]`",
            )
            .with_help("square brackets mark an editorial gloss: \"both [the US and North Korean] trains\""),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(QuoteRule {
        id: s.id.get_ref().clone(),
        speaker: form(path, &s.speaker),
        text: form(path, &s.text),
        source: s.source,
        date: s.date,
        spelling: s.spelling.map_or(SpellingPolicy::Outlet, |s| *s.get_ref()),
        severity: s.severity.map_or(Severity::Error, |s| *s.get_ref()),
        message: s.message,
        help: s.help,
    })
}

fn spanned_date(
    path: &str,
    s: &Spanned<String>,
    errors: &mut Vec<RuleError>,
) -> Option<jiff::civil::Date> {
    match parse_date(s.get_ref()) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(RuleError::at(path, s.span(), e, "not an ISO date"));
            None
        }
    }
}

fn compile_event(path: &str, spanned: Spanned<EventSchema>) -> Result<EventRule, Vec<RuleError>> {
    let whole = spanned.span();
    let s = spanned.into_inner();
    let mut errors = Vec::new();
    check_id(path, &s.id, &mut errors);
    non_empty(path, "cue", &s.cue, &mut errors);
    if s.cue.is_empty() {
        errors.push(
            RuleError::at(
                path,
                s.id.span(),
                "event rule has no cues",
                "nothing binds a mention to it",
            )
            .with_help(
                "add `cue = [\"Medvedev\", \"visit\"]`: words that name the event in a sentence",
            ),
        );
    }
    let when = match (&s.date, &s.start, &s.end) {
        (Some(d), None, None) => {
            spanned_date(path, d, &mut errors).map(|day| (DateRange::day(day), origin(path, d)))
        }
        (None, Some(start), end) => {
            let a = spanned_date(path, start, &mut errors);
            let b = match end {
                Some(e) => spanned_date(path, e, &mut errors),
                None => a,
            };
            match (a, b) {
                (Some(a), Some(b)) if b < a => {
                    if let Some(e) = end {
                        errors.push(RuleError::at(
                            path,
                            e.span(),
                            "the event ends before it starts",
                            "before `start`",
                        ));
                    }
                    None
                }
                (Some(a), Some(b)) => Some((DateRange { start: a, end: b }, origin(path, start))),
                _ => None,
            }
        }
        _ => {
            errors.push(
                RuleError::at(path, whole.clone(), "an event needs `date`, or `start` (and optionally `end`), not both", "in this event")
                    .with_help("write `date = \"2017-10-30\"` or `start = \"2017-07-03\"` and `end = \"2017-07-05\"`"),
            );
            None
        }
    };
    if let Some(tz) = &s.time_zone {
        let ok = !tz.get_ref().is_empty()
            && tz.get_ref().split('/').all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
            });
        if !ok {
            errors.push(
                RuleError::at(
                    path,
                    tz.span(),
                    "invalid time zone name",
                    "not an IANA name",
                )
                .with_help("use an IANA name such as \"Asia/Shanghai\" or \"UTC\""),
            );
        }
    }
    let Some((when, date_origin)) = when.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    Ok(EventRule {
        id: s.id.get_ref().clone(),
        id_origin: origin(path, &s.id),
        name: s.name.clone().unwrap_or_else(|| s.id.get_ref().clone()),
        cues: lower_all(&s.cue),
        when,
        date_origin,
        time_zone: s.time_zone.map(|t| t.into_inner()),
        severity: s.severity.map(|s| *s.get_ref()),
        message: s.message,
        help: s.help,
    })
}

fn compile_style(path: &str, spanned: Spanned<StyleSchema>) -> Result<StyleRule, Vec<RuleError>> {
    let s = spanned.into_inner();
    let mut errors = Vec::new();
    check_id(path, &s.id, &mut errors);
    non_empty(path, "outlet", &s.outlets, &mut errors);
    let locale = s
        .locale
        .as_ref()
        .and_then(|l| match normalize_locale(l.get_ref()) {
            Ok(l) => Some(l),
            Err(e) => {
                errors.push(RuleError::at(path, l.span(), e, "not a locale"));
                None
            }
        });
    if s.locale.is_none() && s.outlets.is_empty() {
        errors.push(
            RuleError::at(
                path,
                s.id.span(),
                "style profile applies to nothing",
                "no `locale` and no `outlets`",
            )
            .with_help("add `locale = \"en-GB\"` or `outlets = [\"scmp\"]`"),
        );
    }
    let choice =
        |v: &Option<Spanned<String>>, allowed: &[&str], what: &str, errors: &mut Vec<RuleError>| {
            v.as_ref().and_then(|x| {
                if allowed.contains(&x.get_ref().as_str()) {
                    Some((x.get_ref().clone(), origin(path, x)))
                } else {
                    errors.push(
                        RuleError::at(
                            path,
                            x.span(),
                            format!("unknown {what} {:?}", x.get_ref()),
                            "not allowed",
                        )
                        .with_help(format!("use one of: {}", allowed.join(", "))),
                    );
                    None
                }
            })
        };
    let currency_prefix = choice(
        &s.currency_prefix,
        &["US$", "$"],
        "currency prefix",
        &mut errors,
    );
    let distance = choice(
        &s.distance,
        &["km", "kilometres"],
        "distance form",
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(StyleRule {
        id: s.id.get_ref().clone(),
        id_origin: origin(path, &s.id),
        locale,
        outlets: s
            .outlets
            .iter()
            .map(|o| o.get_ref().trim().to_lowercase())
            .collect(),
        spelling: match s.spelling.get_ref() {
            SpellingSchema::Uk => Variety::Uk,
            SpellingSchema::Us => Variety::Us,
        },
        spelling_origin: origin(path, &s.spelling),
        currency_prefix,
        distance,
        severity: s.severity.map(|s| *s.get_ref()),
        message: s.message,
        help: s.help,
    })
}

/// The last line of a regex error, which says what is wrong.
fn regex_error_summary(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .map(|l| l.trim().to_string())
        .unwrap_or(text)
}

const UNIT_HELP: &str = "use one of: km, m, mile, nautical mile, kg, tonne, km2, day, week, month, year, percent, calendar year, or a currency code such as USD or AED";

fn unit_of(path: &str, s: &Spanned<String>, errors: &mut Vec<RuleError>) -> Option<Unit> {
    let unit = Unit::from_rule_name(s.get_ref());
    if unit.is_none() {
        errors.push(
            RuleError::at(
                path,
                s.span(),
                format!("unknown unit {:?}", s.get_ref()),
                "not a unit copydesk knows",
            )
            .with_help(UNIT_HELP),
        );
    }
    unit
}

fn compile_quantity(
    path: &str,
    spanned: Spanned<QuantitySchema>,
) -> Result<QuantityRule, Vec<RuleError>> {
    let s = spanned.into_inner();
    let mut errors = Vec::new();
    check_id(path, &s.id, &mut errors);
    if s.cue.is_empty() {
        errors.push(
            RuleError::at(
                path,
                s.id.span(),
                "quantity rule has no cue",
                "nothing binds a number to this fact",
            )
            .with_help(
                "add `cue = [\"pipeline\"]`: a number is checked when a cue is in its sentence",
            ),
        );
    }
    non_empty(path, "cue", &s.cue, &mut errors);
    let value = *s.value.get_ref();
    if !value.is_finite() {
        errors.push(RuleError::at(
            path,
            s.value.span(),
            "value is not a finite number",
            "here",
        ));
    }
    let unit = unit_of(path, &s.unit, &mut errors);
    let mut units = Vec::new();
    for u in &s.units {
        if let Some(allowed) = unit_of(path, u, &mut errors) {
            match &unit {
                Some(main) if main.family() != allowed.family() => {
                    errors.push(RuleError::at(
                        path,
                        u.span(),
                        format!(
                            "{:?} does not measure the same thing as {:?}",
                            u.get_ref(),
                            s.unit.get_ref()
                        ),
                        "another kind of unit",
                    ));
                }
                _ => units.push(allowed),
            }
        }
    }
    let tolerance = match &s.tolerance {
        None => Tolerance::Absolute(0.0),
        Some(t) => match parse_tolerance(t.get_ref()) {
            Ok(tol) => tol,
            Err(why) => {
                errors.push(
                    RuleError::at(path, t.span(), why, "invalid tolerance")
                        .with_help("write a non-negative number in the rule's unit (tolerance = 20) or a percentage (tolerance = \"1%\")"),
                );
                Tolerance::Absolute(0.0)
            }
        },
    };
    let Some(unit) = unit else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    if !units.contains(&unit) {
        units.insert(0, unit.clone());
    }
    Ok(QuantityRule {
        id: s.id.get_ref().clone(),
        cues: lower_all(&s.cue),
        value,
        value_origin: origin(path, &s.value),
        unit,
        tolerance,
        units,
        severity: s.severity.map_or(Severity::Error, |s| *s.get_ref()),
        message: s.message,
        help: s.help,
    })
}

fn parse_tolerance(t: &ToleranceSchema) -> Result<Tolerance, String> {
    let tol = match t {
        ToleranceSchema::Absolute(a) => Tolerance::Absolute(*a),
        ToleranceSchema::Text(text) => {
            let Some(number) = text.trim().strip_suffix('%') else {
                return Err(format!(
                    "tolerance {text:?} is neither a number nor a percentage"
                ));
            };
            let p: f64 = number
                .trim()
                .parse()
                .map_err(|_| format!("tolerance {text:?} is not a percentage"))?;
            Tolerance::Percent(p)
        }
    };
    let (Tolerance::Absolute(x) | Tolerance::Percent(x)) = tol;
    if !x.is_finite() || x < 0.0 {
        return Err("tolerance must not be negative".to_string());
    }
    Ok(tol)
}

fn compile_rate(path: &str, spanned: Spanned<RateSchema>) -> Result<Rate, Vec<RuleError>> {
    let s = spanned.into_inner();
    let mut errors = Vec::new();
    let code = s.currency.get_ref().trim();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        errors.push(
            RuleError::at(
                path,
                s.currency.span(),
                format!("invalid currency code {code:?}"),
                "not a currency code",
            )
            .with_help("use the three-letter upper-case code, e.g. \"AED\" for the UAE dirham"),
        );
    } else if code == "USD" {
        errors.push(RuleError::at(
            path,
            s.currency.span(),
            "a rate for USD",
            "rates are per US dollar already",
        ));
    }
    let per_usd = *s.per_usd.get_ref();
    if !per_usd.is_finite() || per_usd <= 0.0 {
        errors.push(RuleError::at(
            path,
            s.per_usd.span(),
            "per_usd must be a positive number",
            "bad rate",
        ));
    }
    let as_of = match &s.as_of {
        Some(d) if is_iso_date(d.get_ref()) => d.get_ref().clone(),
        Some(d) => {
            errors.push(
                RuleError::at(
                    path,
                    d.span(),
                    format!("invalid date {:?}", d.get_ref()),
                    "not a date",
                )
                .with_help("write the day the rate is taken from as \"YYYY-MM-DD\""),
            );
            String::new()
        }
        None => {
            errors.push(
                RuleError::at(
                    path,
                    s.currency.span(),
                    format!("the rate for {code} has no `as_of` date"),
                    "when was this rate true?",
                )
                .with_help("rates are facts of their moment: add as_of = \"YYYY-MM-DD\""),
            );
            String::new()
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rate {
        currency: code.to_string(),
        per_usd,
        as_of,
        origin: origin(path, &s.per_usd),
    })
}

/// `YYYY-MM-DD` with a month 1–12 and a day 1–31.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(y, 4), num(m, 2), num(d, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

#[cfg(test)]
mod quantity_tests {
    use super::*;

    fn load(toml: &str) -> (RuleSet, Vec<RuleError>) {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        set.add_file(SourceFile::new("r.toml", toml), &mut errors);
        set.check_rates(&mut errors);
        (set, errors)
    }

    /// The text each error points at.
    fn pointed(toml: &str, errors: &[RuleError]) -> Vec<String> {
        errors
            .iter()
            .map(|e| {
                e.span
                    .clone()
                    .map_or(String::new(), |s| toml[s].to_string())
            })
            .collect()
    }

    #[test]
    fn a_good_quantity_and_rate_compile() {
        let toml = "[[quantity]]\nid = \"p\"\ncue = [\"Pipeline\"]\nvalue = 3200\nunit = \"km\"\ntolerance = \"1%\"\nunits = [\"km\", \"mile\"]\n\n[[rate]]\ncurrency = \"AED\"\nper_usd = 3.6725\nas_of = \"2017-10-30\"\n";
        let (set, errors) = load(toml);
        assert!(errors.is_empty(), "{errors:#?}");
        let q = &set.quantities[0];
        assert_eq!(q.cues, ["pipeline"]);
        assert_eq!(q.tolerance.amount(q.value), 32.0);
        assert_eq!(q.units, [Unit::Km, Unit::Mile]);
        assert_eq!(&toml[q.value_origin.span.clone()], "3200");
        assert_eq!(set.rates[0].per_usd, 3.6725);
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn broken_quantities_point_at_the_value() {
        let toml = "[[quantity]]\nid = \"a\"\ncue = [\"x\"]\nvalue = 1\nunit = \"furlong\"\n\n[[quantity]]\nid = \"b\"\ncue = [\"x\"]\nvalue = 1\nunit = \"km\"\ntolerance = -2\nunits = [\"kg\"]\n\n[[quantity]]\nid = \"c\"\ncue = [\"x\"]\nvalue = 1\nunit = \"km\"\ntolerance = \"lots\"\n\n[[quantity]]\nid = \"d\"\nvalue = 5\nunit = \"EUR\"\n";
        let (_, errors) = load(toml);
        assert_eq!(
            pointed(toml, &errors),
            ["\"furlong\"", "\"kg\"", "-2", "\"lots\"", "\"d\""],
            "{errors:#?}"
        );
    }

    #[test]
    fn broken_rates_point_at_the_value() {
        let toml = "[[rate]]\ncurrency = \"aed\"\nper_usd = 3.6725\nas_of = \"2017-10-30\"\n\n[[rate]]\ncurrency = \"GBP\"\nper_usd = -1\nas_of = \"2017-13-01\"\n\n[[rate]]\ncurrency = \"EUR\"\nper_usd = 0.86\n\n[[quantity]]\nid = \"q\"\ncue = [\"x\"]\nvalue = 5\nunit = \"CNY\"\n";
        let (_, errors) = load(toml);
        assert_eq!(
            pointed(toml, &errors),
            ["\"aed\"", "-1", "\"2017-13-01\"", "\"EUR\"", "5"],
            "{errors:#?}"
        );
    }

    #[test]
    fn a_second_rate_for_one_currency_is_an_error() {
        let toml = "[[rate]]\ncurrency = \"AED\"\nper_usd = 3.6725\nas_of = \"2017-10-30\"\n\n[[rate]]\ncurrency = \"AED\"\nper_usd = 3.67\nas_of = \"2018-01-01\"\n";
        let (_, errors) = load(toml);
        assert_eq!(pointed(toml, &errors), ["3.67"]);
        assert_eq!(errors[0].related.len(), 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (RuleSet, Vec<RuleError>) {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        set.add_file(SourceFile::new("r.toml", text), &mut errors);
        set.check_duplicate_ids(&mut errors);
        set.check_speakers(&mut errors);
        (set, errors)
    }

    const ENTITY: &str = "[[entity]]\nid = \"wang-yi\"\ncanonical = \"Wang Yi\"\n";

    #[test]
    fn quote_rules_compile_with_defaults() {
        let text = format!(
            "{ENTITY}\n[[quote]]\nid = \"q\"\nspeaker = \"wang-yi\"\ntext = \"apply the brakes\"\nsource = \"briefing\"\ndate = \"2017-03-08\"\n"
        );
        let (set, errors) = load(&text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(set.len(), 2);
        let q = &set.quotes[0];
        assert_eq!(q.spelling, SpellingPolicy::Outlet);
        assert_eq!(q.severity, Severity::Error);
        assert_eq!(&text[q.text.origin.span.clone()], "\"apply the brakes\"");
    }

    #[test]
    fn unknown_speaker_points_at_the_value() {
        let text = format!(
            "{ENTITY}\n[[quote]]\nid = \"q\"\nspeaker = \"wang-li\"\ntext = \"apply the brakes\"\n"
        );
        let (set, errors) = load(&text);
        assert!(set.quotes.is_empty());
        assert_eq!(errors.len(), 1);
        let span = errors[0].span.clone().expect("span");
        assert_eq!(&text[span], "\"wang-li\"");
        assert!(
            errors[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("wang-yi"))
        );
    }

    #[test]
    fn quote_ids_join_the_duplicate_check() {
        let text = format!(
            "{ENTITY}\n[[quote]]\nid = \"wang-yi\"\nspeaker = \"wang-yi\"\ntext = \"apply the brakes\"\n"
        );
        let (_, errors) = load(&text);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("duplicate rule id"));
    }

    #[test]
    fn bad_spelling_unknown_field_and_empty_text_are_errors() {
        for (body, needle) in [
            ("spelling = \"british\"", "british"),
            ("speakers = \"x\"", "speakers"),
        ] {
            let text = format!(
                "{ENTITY}\n[[quote]]\nid = \"q\"\nspeaker = \"wang-yi\"\ntext = \"a b\"\n{body}\n"
            );
            let (_, errors) = load(&text);
            assert_eq!(errors.len(), 1, "{body}: {errors:?}");
            let span = errors[0].span.clone().expect("span");
            assert!(text[span].contains(needle), "{body}: {errors:?}");
        }
        let text =
            format!("{ENTITY}\n[[quote]]\nid = \"q\"\nspeaker = \"wang-yi\"\ntext = \"…\"\n");
        let (set, errors) = load(&text);
        assert!(set.quotes.is_empty());
        assert!(errors[0].message.contains("no words"));
    }
}
