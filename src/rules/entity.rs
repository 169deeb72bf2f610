//! `[[entity]]` rules: people, organisations and proper names, with the
//! wrong forms a copy desk writes for them.

use super::fields::{check_id, form, lower_all, non_empty, origin};
use super::schema::EntitySchema;
use super::{Form, RuleError, RuleOrigin};
use crate::finding::Severity;
use crate::text::normalize_phrase;
use toml::Spanned;

/// A compiled `[[entity]]` rule.
#[derive(Debug, Clone)]
pub struct EntityRule {
    /// The rule's `id`; a `[[quote]]`'s `speaker` names it.
    pub id: String,
    /// Where the id is declared.
    pub id_origin: RuleOrigin,
    /// The name as it must appear, and where it is declared.
    pub canonical: Form,
    /// Other right ways to write the name.
    pub aliases: Vec<Form>,
    /// The family name, one of the canonical name's words.
    pub family_name: String,
    /// Position of the family name among the canonical name's words.
    pub family_index: usize,
    /// Role cues, normalised and lowercased ("foreign minister").
    pub roles: Vec<String>,
    /// Known wrong forms, always reported (`entity-variant`).
    pub variants: Vec<Form>,
    /// Other people's names that look like this one and are not errors.
    pub distinct: Vec<Form>,
    /// An official name: a UK/US re-spelling is `entity-official-spelling`, and it matches only in its exact case.
    pub official: bool,
    /// Every form matches only in its exact case (acronyms).
    pub case_sensitive: bool,
    /// Severity of variant, role and official-spelling findings; near-misses stay warnings.
    pub severity: Severity,
    /// Replaces the generated message of the rule's findings (see `checks/resolve.rs`).
    pub message: Option<String>,
    /// Replaces the generated help line of the rule's findings.
    pub help: Option<String>,
}

/// Compile one `[[entity]]` table of the rule file `path`: the rule, or every
/// problem found in it, each at its TOML value.
pub(super) fn compile(
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
