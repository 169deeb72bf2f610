//! `[[term]]` rules: words or phrases used wrongly, with what to write.

use super::fields::{check_id, form, lower_all, non_empty, origin};
use super::schema::TermSchema;
use super::{Form, RuleError, RuleOrigin};
use crate::finding::Severity;
use regex::Regex;
use toml::Spanned;

/// A compiled `[[term]]` rule.
#[derive(Debug, Clone)]
pub struct TermRule {
    /// The rule's `id`, as findings name it.
    pub id: String,
    /// Where the id is declared.
    pub id_origin: RuleOrigin,
    /// Literal wrong forms, matched at word boundaries.
    pub wrong: Vec<Form>,
    /// Compiled `wrong_regex` patterns over the original text, with where each is declared.
    pub wrong_regex: Vec<(Regex, RuleOrigin)>,
    /// What to write instead, and where it is declared.
    pub correct: Form,
    /// Lowercased words or phrases, see `rules/README.md`.
    pub followed_by: Vec<String>,
    /// Not reported when the next words are one of these.
    pub unless_followed_by: Vec<String>,
    /// Reported only when the words right before are one of these.
    pub preceded_by: Vec<String>,
    /// Not reported when the words right before are one of these.
    pub unless_preceded_by: Vec<String>,
    /// `wrong` and `wrong_regex` match only in their exact case.
    pub case_sensitive: bool,
    /// Severity of the rule's `term` findings.
    pub severity: Severity,
    /// Replaces the generated message of the rule's findings (see `checks/resolve.rs`).
    pub message: Option<String>,
    /// Replaces the generated help line of the rule's findings.
    pub help: Option<String>,
}

/// Compile one `[[term]]` table of the rule file `path`: the rule, or every
/// problem found in it, each at its TOML value.
pub(super) fn compile(
    path: &str,
    spanned: Spanned<TermSchema>,
) -> Result<TermRule, Vec<RuleError>> {
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
            // A pattern that can match the empty string (`''`, `a*`, `\b`)
            // matches everywhere or nowhere visible: it would never report a
            // word, so it is a mistake in the rule, not a rule.
            Ok(_) if matches_empty(&pattern) => errors.push(
                RuleError::at(
                    path,
                    r.span(),
                    "regular expression can match the empty string",
                    "this can match nothing at all",
                )
                .with_help("a `wrong_regex` must match at least one character of the wrong form"),
            ),
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

/// Whether `pattern` (which compiles) can match an empty string.
fn matches_empty(pattern: &str) -> bool {
    regex_syntax::parse(pattern)
        .map(|hir| hir.properties().minimum_len() == Some(0))
        .unwrap_or(false)
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

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;
    use crate::source::SourceFile;

    fn errors_of(regex: &str) -> Vec<crate::rules::RuleError> {
        let text =
            format!("[[term]]\nid = \"t\"\nwrong_regex = [{regex}]\ncorrect = \"peninsula\"\n");
        let mut errors = Vec::new();
        RuleSet::default().add_file(SourceFile::new("r.toml", text), &mut errors);
        errors
    }

    #[test]
    fn a_regex_that_can_match_nothing_is_an_error() {
        for bad in ["''", "'a*'", "'\\b'", "'(?:x|)'", "'^'"] {
            let errors = errors_of(bad);
            assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
            assert!(errors[0].message.contains("empty string"), "{errors:?}");
        }
        assert!(errors_of("'peninsular\\b'").is_empty());
        assert!(errors_of("'\\bpeninsulars?\\b'").is_empty());
    }
}
