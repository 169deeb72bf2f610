//! `[[quote]]` rules: canonical quotations and who said them.

use super::fields::{check_id, form};
use super::schema::QuoteSchema;
use super::{Form, RuleError, RuleSet, SpellingPolicy};
use crate::finding::Severity;
use toml::Spanned;

/// A compiled `[[quote]]` rule.
#[derive(Debug, Clone)]
pub struct QuoteRule {
    /// The rule's `id`, as findings name it.
    pub id: String,
    /// The speaker's entity id, where the rule file writes it.
    pub speaker: Form,
    /// The canonical words.
    pub text: Form,
    /// Where it was said (free text), shown in the canonical note.
    pub source: Option<String>,
    /// When it was said (free text, not parsed), shown in the canonical note.
    pub date: Option<String>,
    /// Whether a UK/US re-spelling inside the quotation is reported (`quote-spelling`).
    pub spelling: SpellingPolicy,
    /// Severity of `quote-word`, `quote-homophone` and `quote-speaker` findings.
    pub severity: Severity,
    /// Replaces the generated message of the rule's findings (see `checks/resolve.rs`).
    pub message: Option<String>,
    /// Replaces the generated help line of the rule's findings.
    pub help: Option<String>,
}

impl RuleSet {
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
}

/// Whether a quotation's text closes every editorial `[` it opens, as a
/// `[[quote]]` rule's text must.
pub fn brackets_balanced(text: &str) -> bool {
    text.matches('[').count() == text.matches(']').count()
}

/// Compile one `[[quote]]` table of the rule file `path`: the rule, or every
/// problem found in it, each at its TOML value.
pub(super) fn compile(
    path: &str,
    spanned: Spanned<QuoteSchema>,
) -> Result<QuoteRule, Vec<RuleError>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::load;

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
