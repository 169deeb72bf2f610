//! `[[event]]` rules: things that happened, and when, for the relative
//! dates that point at them.

use super::fields::{check_id, lower_all, non_empty, origin};
use super::schema::EventSchema;
use super::{RuleError, RuleOrigin};
use crate::finding::Severity;
use crate::text::relative_dates::DateRange;
use crate::values::parse_date;
use toml::Spanned;

/// A compiled `[[event]]` rule.
#[derive(Debug, Clone)]
pub struct EventRule {
    /// The rule's `id`, as findings name it.
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
    /// Replaces the generated message of the rule's findings (see `checks/resolve.rs`).
    pub message: Option<String>,
    /// Replaces the generated help line of the rule's findings.
    pub help: Option<String>,
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

/// Compile one `[[event]]` table of the rule file `path`: the rule, or every
/// problem found in it, each at its TOML value.
pub(super) fn compile(
    path: &str,
    spanned: Spanned<EventSchema>,
) -> Result<EventRule, Vec<RuleError>> {
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
