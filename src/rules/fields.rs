//! Conversions and checks that every rule kind applies to its fields:
//! ids, forms, where a value is declared.

use super::{Form, RuleError, RuleOrigin};
use crate::text::normalize_phrase;
use toml::Spanned;

/// Where `s` is declared in the rule file `path`.
pub(super) fn origin(path: &str, s: &Spanned<impl Sized>) -> RuleOrigin {
    RuleOrigin {
        path: path.to_string(),
        span: s.span(),
    }
}

/// A form as the rule writes it (trimmed), with where it is declared.
pub(super) fn form(path: &str, s: &Spanned<String>) -> Form {
    Form {
        text: s.get_ref().trim().to_string(),
        origin: origin(path, s),
    }
}

/// Forms must not be blank.
pub(super) fn non_empty(
    path: &str,
    what: &str,
    forms: &[Spanned<String>],
    errors: &mut Vec<RuleError>,
) {
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

/// Rule ids are letters, digits, `-`, `_` and `.`, and not empty.
pub(super) fn check_id(path: &str, id: &Spanned<String>, errors: &mut Vec<RuleError>) {
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

/// Words or phrases of a rule (cues, roles, context words), normalised
/// and lowercased as the engines compare them.
pub(super) fn lower_all(forms: &[Spanned<String>]) -> Vec<String> {
    forms
        .iter()
        .map(|f| normalize_phrase(f.get_ref(), true))
        .collect()
}
