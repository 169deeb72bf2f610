//! Date engine: relative dates near events, weekday–date mismatches and CMS
//! stamps, judged against the version's publication date.
//!
//! ## What it does
//! - A relative expression ("last Monday", "several weeks ago") in a sentence
//!   that names an `[[event]]` by one of its cues is resolved against the
//!   publication date (`text::relative_dates`). When no reading of it falls on
//!   the event's days (widened by a day when the rule gives a `time_zone`),
//!   a day-precise expression is `date-relative` (error) and a vague one is
//!   `date-stale` (warning). With several events cued in the sentence, one
//!   that fits is enough. Without a publication date nothing is judged.
//! - A date written with its weekday whose weekday is wrong ("Monday,
//!   31 October 2017") is `date-weekday`, rule or no rule.
//! - A CMS stamp whose date is not the publication date given by the
//!   command line, the front matter or the manifest is `date-stamp`.
//!
//! Two versions that word an event differently ("last Monday" on a Sunday,
//! "Monday last week" the next day) resolve to the same day and stay quiet.

use super::Document;
use super::engine::{Engine, Output, Scan};
use super::index::ContextOwner;
use crate::codes::{Check, CheckDoc};
use crate::finding::{Applicability, Finding, RelatedSpan, Severity, Suggestion};
use crate::metadata::Provenance;
use crate::rules::EventRule;
use crate::text::compact_text;
use crate::text::relative_dates::{
    DateRange, Precision, find_expressions, find_weekday_dates, long_date, weekday_name,
};
use jiff::ToSpan;
use std::ops::Range;

/// The date engine (events and their cues live in the rule set).
pub struct DatesEngine;

/// The checks this engine emits, with their `explain` texts.
pub const CHECKS: &[CheckDoc] = &[
    CheckDoc {
        check: Check::DateRelative,
        explain: include_str!("docs/date-relative.md"),
    },
    CheckDoc {
        check: Check::DateStale,
        explain: include_str!("docs/date-stale.md"),
    },
    CheckDoc {
        check: Check::DateWeekday,
        explain: include_str!("docs/date-weekday.md"),
    },
    CheckDoc {
        check: Check::DateStamp,
        explain: include_str!("docs/date-stamp.md"),
    },
];

impl Engine for DatesEngine {
    fn checks(&self) -> &'static [CheckDoc] {
        CHECKS
    }

    fn run(&self, scan: &Scan, out: &mut Output) {
        out.findings.extend(weekday_findings(scan.doc));
        out.findings.extend(stamp_findings(scan.doc));
        out.findings.extend(relative_findings(scan));
    }
}

/// Where in the file its own publication date was read (a page's
/// `<meta>` tag, JSON-LD…), when that is the date in use.
fn page_date_note(doc: &Document) -> Option<String> {
    (doc.metadata.published_from == Provenance::File)
        .then(|| {
            doc.file_metadata
                .notes
                .iter()
                .find(|n| n.starts_with("published "))
                .cloned()
        })
        .flatten()
}

fn rule_less(doc: &Document, check: Check, severity: Severity, span: Range<usize>) -> Finding {
    let found = compact_text(&doc.text()[span.clone()]);
    Finding {
        suggestion: None,
        path: doc.source.path.clone(),
        check,
        rule: check.code().to_string(),
        severity,
        message: String::new(),
        span,
        label: format!("found “{found}”"),
        found,
        expected: None,
        help: None,
        notes: Vec::new(),
        related: Vec::new(),
    }
}

fn weekday_findings(doc: &Document) -> Vec<Finding> {
    let text = &doc.text()[doc.body..];
    let mut out = Vec::new();
    for wd in find_weekday_dates(text) {
        let span = doc.body + wd.span.start..doc.body + wd.span.end;
        let mut f = rule_less(doc, Check::DateWeekday, Severity::Error, span);
        let (y, m, d) = wd.written;
        match wd.date {
            Some(date) if date.weekday() == wd.weekday => continue,
            Some(date) => {
                let right = long_date(date);
                f.message = format!(
                    "{d} {} {y} was a {}, not a {}",
                    crate::text::relative_dates::MONTHS[(m - 1) as usize],
                    weekday_name(date.weekday()),
                    weekday_name(wd.weekday)
                );
                f.label = format!("{} does not match the date", weekday_name(wd.weekday));
                f.expected = Some(right.clone());
                f.help = Some(format!(
                    "check which is wrong, the weekday or the date: “{right}” is consistent"
                ));
            }
            None => {
                f.message = format!("there is no day {d} in month {m} of {y}");
                f.label = "no such date".into();
            }
        }
        out.push(f);
    }
    out
}

fn stamp_findings(doc: &Document) -> Vec<Finding> {
    let meta = &doc.metadata;
    let Some(published) = meta.published else {
        return Vec::new();
    };
    if meta.published_from == Provenance::Stamp {
        return Vec::new();
    }
    let mut out = Vec::new();
    for stamp in &doc.stamps {
        if stamp.date == published {
            continue;
        }
        let mut f = rule_less(doc, Check::DateStamp, Severity::Warning, stamp.span.clone());
        f.message = format!(
            "the CMS stamp says {}, but the {} gives {} as the publication date",
            long_date(stamp.date),
            meta.published_from.describe(),
            long_date(published)
        );
        f.notes.extend(page_date_note(doc));
        f.label = format!("stamped {}", long_date(stamp.date));
        f.expected = Some(long_date(published));
        f.help = Some(format!(
            "correct the {} or remove the stale stamp",
            meta.published_from.describe()
        ));
        out.push(f);
    }
    out
}

/// The event's days, a day wider each side when its time zone may move it.
fn event_days(e: &EventRule) -> DateRange {
    if e.time_zone.is_none() {
        return e.when;
    }
    DateRange {
        start: e.when.start.checked_sub(1.day()).unwrap_or(e.when.start),
        end: e.when.end.checked_add(1.day()).unwrap_or(e.when.end),
    }
}

fn relative_findings(scan: &Scan) -> Vec<Finding> {
    let (doc, rules) = (scan.doc, scan.rules);
    let Some(published) = doc.metadata.published else {
        return Vec::new();
    };
    if rules.events.is_empty() {
        return Vec::new();
    }
    let text = doc.text();
    let mut out = Vec::new();
    for expr in find_expressions(&text[doc.body..]) {
        let span = doc.body + expr.span.start..doc.body + expr.span.end;
        if doc
            .stamps
            .iter()
            .any(|s| s.span.start < span.end && span.start < s.span.end)
        {
            continue;
        }
        // (event, cue span, distance to the expression)
        let mut cued: Vec<(usize, Range<usize>, usize)> = Vec::new();
        for hit in scan.context_near(&span, |o| matches!(o, ContextOwner::EventCue(_))) {
            let ContextOwner::EventCue(i) = hit.owner else {
                continue;
            };
            let cue = hit.span.clone();
            let dist = if cue.end <= span.start {
                span.start - cue.end
            } else {
                cue.start.saturating_sub(span.end)
            };
            cued.push((i, cue, dist));
        }
        if cued.is_empty() {
            continue;
        }
        let readings = expr.relative.resolve(published);
        if readings.is_empty() {
            continue;
        }
        let fits = cued.iter().any(|(i, _, _)| {
            let days = event_days(&rules.events[*i]);
            readings.iter().any(|r| r.overlaps(&days))
        });
        if fits {
            continue;
        }
        cued.sort_by_key(|(i, cue, d)| (*d, cue.start, *i));
        let (event, cue, _) = cued.swap_remove(0);
        out.push(relative_finding(
            doc,
            &rules.events[event],
            span,
            cue,
            &readings,
            expr.relative.precision(),
        ));
    }
    out
}

fn relative_finding(
    doc: &Document,
    e: &EventRule,
    span: Range<usize>,
    cue: Range<usize>,
    readings: &[DateRange],
    precision: Precision,
) -> Finding {
    let meta = &doc.metadata;
    let published = meta.published.map(long_date).unwrap_or_default();
    let found = compact_text(&doc.text()[span.clone()]);
    let means = readings
        .iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join(" or ");
    let (check, severity, message) = match precision {
        Precision::Day => (
            Check::DateRelative,
            e.severity.unwrap_or(Severity::Error),
            format!(
                "“{found}” in a piece published {published} means {means}, but {} was {}",
                e.name, e.when
            ),
        ),
        Precision::Vague => (
            Check::DateStale,
            e.severity.unwrap_or(Severity::Warning),
            format!(
                "“{found}” has gone stale: published {published} it covers {means}, but {} was {}",
                e.name, e.when
            ),
        ),
    };
    let write = if e.when.start == e.when.end {
        format!("on {}", long_date(e.when.start))
    } else {
        format!("from {}", long_date(e.when.start))
    };
    let cue_text = compact_text(&doc.text()[cue.clone()]);
    Finding {
        // Rewording a date is a guess at the sentence: a person confirms it.
        suggestion: Some(Suggestion {
            span: span.clone(),
            replacement: write.clone(),
            applicability: Applicability::Unsafe,
        }),
        path: doc.source.path.clone(),
        check,
        rule: e.id.clone(),
        severity,
        message,
        span,
        label: format!("resolves to {means}"),
        found,
        expected: Some(e.when.to_string()),
        help: Some(format!("write the date: “{write}”")),
        notes: std::iter::once(format!(
            "publication date {published} from the {}",
            meta.published_from.describe()
        ))
        .chain(page_date_note(doc))
        .collect(),
        related: vec![
            RelatedSpan {
                path: doc.source.path.clone(),
                span: cue,
                message: format!("“{cue_text}” names {}", e.name),
            },
            e.date_origin.label(format!(
                "the event's date is declared here (rule `{}`)",
                e.id
            )),
        ],
    }
}

#[cfg(test)]
mod tests {
    use crate::codes::Check;

    const RULES: &str = r#"
[[event]]
id = "medvedev-visit"
name = "Medvedev's visit to China"
cue = ["Medvedev"]
start = "2017-10-30"
end = "2017-11-01"

[[event]]
id = "xi-russia"
cue = ["state visit to Russia"]
start = "2017-07-03"
end = "2017-07-05"
"#;

    fn found(text: &str) -> Vec<(Check, String)> {
        crate::checks::test_support::found(RULES, text)
    }

    #[test]
    fn differently_worded_versions_agree() {
        // Published on a Sunday, and on the Monday after.
        let sunday = "+++\npublished = 2017-11-05\n+++\nMedvedev arrived in China last Monday.";
        let monday =
            "+++\npublished = 2017-11-06\n+++\nMedvedev arrived in China on Monday last week.";
        assert_eq!(found(sunday), []);
        assert_eq!(found(monday), []);
    }

    #[test]
    fn a_late_reprint_is_wrong_or_stale() {
        let text = "+++\npublished = 2017-11-20\n+++\nMedvedev arrived in China last Monday. Xi made a state visit to Russia several weeks ago.";
        assert_eq!(
            found(text),
            [
                (Check::DateRelative, "last Monday".into()),
                (Check::DateStale, "several weeks ago".into())
            ]
        );
    }

    #[test]
    fn nothing_is_judged_without_a_publication_date() {
        assert_eq!(found("Medvedev arrived in China last Monday."), []);
    }

    #[test]
    fn stamps_and_weekdays() {
        let text = "---\npublished: 2017-11-20\n---\nPUBLISHED : Monday, 30 October, 2017, 4:24pm\nOn Monday, 31 October 2017 it rained.";
        assert_eq!(
            found(text),
            [
                (
                    Check::DateStamp,
                    "PUBLISHED : Monday, 30 October, 2017".into()
                ),
                (Check::DateWeekday, "Monday, 31 October 2017".into())
            ]
        );
        // The stamp alone gives the date: it is not contradicted.
        let stamped =
            "PUBLISHED : Monday, 20 November, 2017, 9:05am\nMedvedev arrived in China last Monday.";
        assert_eq!(
            found(stamped),
            [(Check::DateRelative, "last Monday".into())]
        );
    }
}
