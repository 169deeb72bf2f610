//! `[[style]]` profiles: the house style (UK or US spelling, currency and
//! distance forms) of an outlet or a locale.

use super::fields::{check_id, non_empty, origin};
use super::schema::{SpellingSchema, StyleSchema};
use super::{RuleError, RuleOrigin};
use crate::finding::Severity;
use crate::text::spelling::Variety;
use crate::values::normalize_locale;
use toml::Spanned;

/// A compiled `[[style]]` profile.
#[derive(Debug, Clone)]
pub struct StyleRule {
    /// The rule's `id`, as findings name it.
    pub id: String,
    /// Where the id is declared.
    pub id_origin: RuleOrigin,
    /// Normalised locale ("en-GB").
    pub locale: Option<String>,
    /// Outlet slugs, lowercase.
    pub outlets: Vec<String>,
    /// The house spelling, UK or US.
    pub spelling: Variety,
    /// Where `spelling` is declared.
    pub spelling_origin: RuleOrigin,
    /// `"US$"` or `"$"`, with where it is declared.
    pub currency_prefix: Option<(String, RuleOrigin)>,
    /// `"km"` or `"kilometres"`, with where it is declared.
    pub distance: Option<(String, RuleOrigin)>,
    /// Overrides the severities of `style-spelling` and `style-mixed` for the versions the profile applies to.
    pub severity: Option<Severity>,
    /// Replaces the generated message of the rule's findings (see `checks/resolve.rs`).
    pub message: Option<String>,
    /// Replaces the generated help line of the rule's findings.
    pub help: Option<String>,
}

/// Compile one `[[style]]` table of the rule file `path`: the rule, or every
/// problem found in it, each at its TOML value.
pub(super) fn compile(
    path: &str,
    spanned: Spanned<StyleSchema>,
) -> Result<StyleRule, Vec<RuleError>> {
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
