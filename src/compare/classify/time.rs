//! Time expressions as `compare` reads and compares them: dates ("Monday,
//! 30 October 2017", "March 3", "3 March", "May 2014", "in November"),
//! years ("in 2014"), weekdays ("arrived Tuesday", "on Tuesday") and
//! relative expressions ("last Monday", "yesterday", "two days ago").
//!
//! A relative expression is resolved against its own version's
//! publication date when one is known ([`crate::text::relative_dates`]
//! keeps every day a careful reader could mean), so "last Monday" in a
//! piece published on 31 October 2017 and "on 30 October" elsewhere are
//! the same day. Two readings are:
//! - the same ([`Accord::Same`]): every field both write agrees (a date
//!   and the same date with its weekday, "March 3" and "3 March 2015"), or
//!   every day a relative expression can mean is the date;
//! - uncertain ([`Accord::Unsure`]): a relative expression with no
//!   publication date to read it against (or one of several readings
//!   fits): a note;
//! - a contradiction ([`Accord::Contradicts`]): a day, month, year or
//!   weekday differs, or no reading of a relative expression fits: an
//!   error.

use super::narrow::{path, shown};
use super::vote::time_accord;
use super::{Analysis, Reading};
use crate::codes::Check;
use crate::finding::{Finding, Severity};
use crate::lexicon::dates::{MONTHS, WEEKDAYS, parse_month, parse_weekday, weekday_name};
use crate::text::relative_dates::{DateRange, Relative, find_expressions, long_date};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a time expression says, as compared.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct When {
    /// The year written.
    pub year: Option<i16>,
    /// The month written (1–12).
    pub month: Option<i8>,
    /// The day of the month written.
    pub day: Option<i8>,
    /// The weekday written, or that of a complete date.
    pub weekday: Option<Weekday>,
    /// The days the expression can mean: a complete date's day, or a
    /// relative expression's readings against its version's publication
    /// date (empty when that is unknown or the expression is vague).
    pub days: Vec<DateRange>,
    /// The publication date a relative expression was read against.
    pub published: Option<Date>,
    /// A clock time written: hours (0–23) and minutes.
    pub clock: Option<(i8, i8)>,
    /// The time zone written after a clock time ("GMT", "CDT").
    pub zone: Option<String>,
    /// A date written with a weekday that is not its own ("Tuesday, Sept.
    /// 25" in 2025, a Thursday): the date its day, month and year (written,
    /// or the one nearest the publication date) name.
    pub misdated: Option<Date>,
}

/// How two time readings relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Accord {
    /// The same day (or month, or year).
    Same,
    /// A relative expression that, read against its version's publication
    /// date, is the day a date gives: no contradiction, a note that the
    /// version writes it relatively.
    Resolved,
    /// Nothing to tell them apart by, nor to confirm them: a note.
    Unsure,
    /// Different days: an error.
    Contradicts,
}

/// Full month names, then the abbreviations ("Sept" before "Sep"), capitalised.
fn month_pattern() -> String {
    let full = MONTHS.join("|");
    format!(r"(?:{full}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
}

static ABSOLUTE: LazyLock<Regex> = LazyLock::new(|| {
    let month = month_pattern();
    let weekday = WEEKDAYS.join("|");
    let day = r"\d{1,2}(?:st|nd|rd|th)?";
    Regex::new(&format!(
        r"\b(?:(?P<wd>{weekday}),?\s+)?(?:(?:the\s+)?(?P<d1>{day})\s+(?:of\s+)?(?P<m1>{month})|(?P<m2>{month})\s+(?P<d2>{day})\b|(?P<m3>{month}),?\s+(?P<y3>\d{{4}})\b)(?:,?\s+(?P<y>\d{{4}}))?\b"
    ))
    .expect("valid regex")
});

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    let weekday = WEEKDAYS.join("|").to_lowercase();
    Regex::new(&format!(
        r"(?i)\b(?:(?:last|next|this|earlier this|later this)\s+(?:{weekday}|week|month|year|weekend)|(?:{weekday})\s+(?:last|next|this)\s+week|recently|yesterday|today|tomorrow|(?P<n>\d+|a|one|two|three|four|five|six|seven|a few|several)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)\b"
    ))
    .expect("valid regex")
});

static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:{})\b", WEEKDAYS.join("|"))).expect("valid regex"));

/// Clock times: "4:10 a.m.", "4.10am", "9pm", "16:10 GMT", "noon".
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:\b(?:at|by|from|until|till|to|before|after|around|about|since)\s+)?\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>[ap]\.m\.|[ap]\.m\b|[ap]m\b|[AP]M\b)|\b(?P<at>at|by|from|until|till|to|before|after|around|about|since)\s+(?P<h24>[01]?\d|2[0-3])[:.](?P<m24>[0-5]\d)\b(?:\s?(?:hrs|h)\b)?|\b(?P<word>noon|midday|midnight)\b)(?:\s+(?P<tz>[A-Z]{2,4}T|GMT|UTC)\b)?",
    )
    .expect("valid regex")
});

static MONTH_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:\b(?:in|since|until|till|by|from|of|early|late|mid|through|during|throughout|before|after))[\s-]+(?P<m>{})\b",
        MONTHS.join("|")
    ))
    .expect("valid regex")
});

/// Words before a weekday that make it a name ("Black Friday", "Super Tuesday").
const HOLIDAY: &[&str] = &[
    "Black", "Good", "Ash", "Super", "Bloody", "Cyber", "Easter", "Palm", "Holy", "Maundy",
    "Shrove", "Whit", "Giving",
];

/// One time expression of a sentence.
pub(super) struct Found {
    pub(super) span: Range<usize>,
    pub(super) words: Vec<String>,
    pub(super) absolute: bool,
    pub(super) when: When,
}

/// Lowercase words of a time expression, weekday and filler dropped from a date.
fn time_words(text: &str, absolute: bool) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !(absolute && parse_weekday(w).is_some()))
        .filter(|w| !(absolute && matches!(w.as_str(), "the" | "of")))
        .collect()
}

fn day_number(s: &str) -> Option<i8> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A date's fields: the weekday of a complete date, its day.
fn date_when(year: Option<i16>, month: Option<i8>, day: Option<i8>, wd: Option<Weekday>) -> When {
    let date = match (year, month, day) {
        (Some(y), Some(m), Some(d)) => Date::new(y, m, d).ok(),
        _ => None,
    };
    When {
        year,
        month,
        day,
        weekday: wd.or(date.map(|d| d.weekday())),
        days: date.map(DateRange::day).into_iter().collect(),
        ..When::default()
    }
}

/// The date a weekday is written with, when the weekday is another day's:
/// the year written, or (with none) the one that puts the date nearest the
/// publication date; nothing without either.
fn misdated(w: &When, written: Option<Weekday>, published: Option<Date>) -> Option<Date> {
    let (wd, month, day) = (written?, w.month?, w.day?);
    let date = match (w.year, published) {
        (Some(y), _) => Date::new(y, month, day).ok()?,
        (None, Some(p)) => [p.year() - 1, p.year(), p.year() + 1]
            .into_iter()
            .filter_map(|y| Date::new(y, month, day).ok())
            .min_by_key(|d| (p - *d).get_days().abs())?,
        (None, None) => return None,
    };
    (date.weekday() != wd).then_some(date)
}

/// The when of a calendar year ("in 2014").
pub(super) fn year_when(year: f64) -> When {
    date_when(Some(year as i16), None, None, None)
}

/// The days a relative expression can mean, published on `p`.
fn relative_days(text: &str, caps: Option<&regex::Captures>, p: Date) -> Vec<DateRange> {
    let lower = text.to_lowercase();
    match lower.as_str() {
        // "Today their border is…": in an op-ed mostly "nowadays", not a day.
        "today" => return Vec::new(),
        "tomorrow" => {
            return p
                .checked_add(1.day())
                .ok()
                .map(DateRange::day)
                .into_iter()
                .collect();
        }
        _ => {}
    }
    if let Some(c) = caps
        && let (Some(n), Some(unit)) = (c.name("n"), c.name("unit"))
        && unit.as_str().to_lowercase().starts_with("day")
    {
        let n: i64 = match n.as_str().to_lowercase().as_str() {
            "a" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            other => match other.parse() {
                Ok(n) => n,
                Err(_) => return Vec::new(),
            },
        };
        return p
            .checked_sub(n.days())
            .ok()
            .map(DateRange::day)
            .into_iter()
            .collect();
    }
    find_expressions(text)
        .first()
        .filter(|e| e.span == (0..text.len()))
        .map(|e| e.relative.resolve(p))
        .unwrap_or_default()
}

/// The weekday a relative expression names ("last Monday", "Monday last week").
fn named_weekday(text: &str) -> Option<Weekday> {
    text.split_whitespace().find_map(parse_weekday)
}

/// Every time expression of `sentence` (at byte `base` of the text), read
/// against `published`: dates first, then relative expressions, weekdays
/// and months standing alone where no date took them.
pub(super) fn find(sentence: &str, base: usize, published: Option<Date>) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let free = |found: &[Found], r: &Range<usize>| {
        !found
            .iter()
            .any(|f| f.span.start < r.end && r.start < f.span.end)
    };
    for caps in ABSOLUTE.captures_iter(sentence) {
        let Some(whole) = caps.get(0) else { continue };
        let get = |a: &str, b: &str| caps.name(a).or_else(|| caps.name(b)).map(|m| m.as_str());
        let month = get("m1", "m2")
            .or_else(|| caps.name("m3").map(|m| m.as_str()))
            .and_then(|m| parse_month(m.trim_end_matches('.')));
        let day = get("d1", "d2").and_then(day_number);
        if get("d1", "d2").is_some() && day.is_none() {
            continue; // "45 March"
        }
        let year = caps
            .name("y")
            .or_else(|| caps.name("y3"))
            .and_then(|y| y.as_str().parse::<i16>().ok());
        let wd = caps.name("wd").and_then(|w| parse_weekday(w.as_str()));
        let text = whole.as_str();
        let mut when = date_when(year, month, day, wd);
        when.misdated = misdated(&when, wd, published);
        found.push(Found {
            span: base + whole.start()..base + whole.end(),
            words: time_words(text, true),
            absolute: true,
            when,
        });
    }
    for caps in RELATIVE.captures_iter(sentence) {
        let Some(whole) = caps.get(0) else { continue };
        let span = base + whole.start()..base + whole.end();
        if !free(&found, &span) {
            continue;
        }
        let text = whole.as_str();
        let days = published.map_or_else(Vec::new, |p| relative_days(text, Some(&caps), p));
        found.push(Found {
            span,
            words: time_words(text, false),
            absolute: false,
            when: When {
                weekday: named_weekday(text),
                published: published.filter(|_| !days.is_empty()),
                days,
                ..When::default()
            },
        });
    }
    for m in WEEKDAY.find_iter(sentence) {
        let span = base + m.start()..base + m.end();
        if !free(&found, &span) || !weekday_alone(sentence, m.range()) {
            continue;
        }
        let Some(w) = parse_weekday(m.as_str()) else {
            continue;
        };
        let days = published.map_or_else(Vec::new, |p| Relative::OnWeekday(w).resolve(p));
        found.push(Found {
            span,
            words: vec![m.as_str().to_lowercase()],
            absolute: false,
            when: When {
                weekday: Some(w),
                published: published.filter(|_| !days.is_empty()),
                days,
                ..When::default()
            },
        });
    }
    for caps in CLOCK.captures_iter(sentence) {
        let Some(whole) = caps.get(0) else { continue };
        // "at 16:10": the time starts at its number.
        let start = caps
            .name("h24")
            .or_else(|| caps.name("h"))
            .map_or(whole.start(), |h| h.start());
        let span = base + start..base + whole.end();
        // A decimal ("4.10 am" is a time; "3.5am" is no number anyway).
        if !free(&found, &span)
            || sentence[..start].ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        {
            continue;
        }
        let num = |g: &str| caps.name(g).and_then(|m| m.as_str().parse::<i8>().ok());
        let clock = if let Some(w) = caps.name("word") {
            (
                if w.as_str().eq_ignore_ascii_case("midnight") {
                    0
                } else {
                    12
                },
                0,
            )
        } else if let Some(h) = num("h24") {
            (h, num("m24").unwrap_or(0))
        } else {
            let Some(h) = num("h") else { continue };
            let pm = caps
                .name("ap")
                .is_some_and(|a| a.as_str().starts_with(['p', 'P']));
            (h % 12 + if pm { 12 } else { 0 }, num("m").unwrap_or(0))
        };
        found.push(Found {
            span,
            words: time_words(&sentence[start..whole.end()], true),
            absolute: true,
            when: When {
                clock: Some(clock),
                zone: caps.name("tz").map(|z| z.as_str().to_string()),
                ..When::default()
            },
        });
    }
    for caps in MONTH_ALONE.captures_iter(sentence) {
        let Some(m) = caps.name("m") else { continue };
        let span = base + m.start()..base + m.end();
        let rest = sentence[m.end()..].trim_start_matches([',', ' ', '\u{a0}']);
        // "in May 2014", "in May 14" are dates; "May" must be written as a name.
        if !free(&found, &span)
            || rest.starts_with(|c: char| c.is_ascii_digit())
            || !m.as_str().starts_with(|c: char| c.is_uppercase())
        {
            continue;
        }
        found.push(Found {
            span,
            words: vec![m.as_str().to_lowercase()],
            absolute: true,
            when: date_when(None, parse_month(m.as_str()), None, None),
        });
    }
    found.sort_by_key(|f| f.span.start);
    found
}

/// A weekday that stands for a day, not in a name ("Black Friday", "the
/// Sunday Times").
fn weekday_alone(sentence: &str, r: Range<usize>) -> bool {
    let before = sentence[..r.start].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if before.len() < r.start && HOLIDAY.contains(&prev) {
        return false;
    }
    let after = &sentence[r.end..];
    let after = after
        .strip_prefix("’s")
        .or_else(|| after.strip_prefix("'s"))
        .unwrap_or(after);
    let next = after
        .strip_prefix([' ', '\u{a0}'])
        .map(|a| a.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(""));
    !next.is_some_and(|n| n.starts_with(|c: char| c.is_uppercase()) && parse_month(n).is_none())
}

/// Does the range hold a day with every field `w` writes?
fn fits(range: &DateRange, w: &When) -> bool {
    let (lo, hi) = (range.start.year(), range.end.year());
    let years: Vec<i16> = match w.year {
        Some(y) if y < lo || y > hi => return false,
        Some(y) => vec![y],
        None => (lo..=hi).collect(),
    };
    for y in years {
        let ok = match (w.month, w.day) {
            (Some(m), Some(d)) => Date::new(y, m, d).is_ok_and(|date| {
                range.start <= date
                    && date <= range.end
                    && w.weekday.is_none_or(|wd| date.weekday() == wd)
            }),
            (Some(m), None) => Date::new(y, m, 1).is_ok_and(|first| {
                DateRange {
                    start: first,
                    end: first.last_of_month(),
                }
                .overlaps(range)
            }),
            _ => match w.weekday {
                // A weekday alone: a week holds every one.
                Some(wd) => weekday_in(range, wd),
                None => true,
            },
        };
        if ok {
            return true;
        }
    }
    false
}

fn weekday_in(range: &DateRange, wd: Weekday) -> bool {
    let mut d = range.start;
    for _ in 0..7 {
        if d > range.end {
            return false;
        }
        if d.weekday() == wd {
            return true;
        }
        match d.checked_add(1.day()) {
            Ok(n) => d = n,
            Err(_) => return false,
        }
    }
    true
}

/// How two time readings relate (see the module doc).
pub(super) fn accord(x: (&[String], bool, &When), y: (&[String], bool, &When)) -> Accord {
    let ((xw, xa, xt), (yw, ya, yt)) = (x, y);
    let differ = |a: Option<i16>, b: Option<i16>| matches!((a, b), (Some(a), Some(b)) if a != b);
    let weekdays_differ = matches!((xt.weekday, yt.weekday), (Some(a), Some(b)) if a != b);
    if xa && ya {
        // Clock times in two time zones: one may be the other converted.
        if xt.clock.is_some() && yt.clock.is_some() && xt.zone != yt.zone {
            return if xt.clock == yt.clock {
                Accord::Same
            } else {
                Accord::Unsure
            };
        }
        let clocks_differ = matches!((xt.clock, yt.clock), (Some(a), Some(b)) if a != b);
        let contradicts = clocks_differ
            || differ(xt.year, yt.year)
            || differ(xt.month.map(i16::from), yt.month.map(i16::from))
            || differ(xt.day.map(i16::from), yt.day.map(i16::from))
            || weekdays_differ;
        return if contradicts {
            Accord::Contradicts
        } else {
            Accord::Same
        };
    }
    // The same words: the same unless, read against two publication dates,
    // they can mean no common day (one version's "yesterday" is stale).
    if xw == yw {
        let disjoint = !xt.days.is_empty()
            && !yt.days.is_empty()
            && !xt
                .days
                .iter()
                .any(|a| yt.days.iter().any(|b| a.overlaps(b)));
        return if disjoint {
            Accord::Contradicts
        } else {
            Accord::Same
        };
    }
    // A relative expression against a date: which of its readings fit.
    let against = |rel: &When, other: &When, other_absolute: bool| -> Accord {
        if rel.days.is_empty() {
            return if weekdays_differ {
                Accord::Contradicts
            } else {
                Accord::Unsure
            };
        }
        let fitting = rel
            .days
            .iter()
            .filter(|r| {
                if other_absolute {
                    fits(r, other)
                } else {
                    other.days.iter().any(|o| o.overlaps(r))
                }
            })
            .count();
        match fitting {
            0 if !other_absolute && other.days.is_empty() => {
                if weekdays_differ {
                    Accord::Contradicts
                } else {
                    Accord::Unsure
                }
            }
            0 => Accord::Contradicts,
            n if n == rel.days.len() && other_absolute => Accord::Resolved,
            n if n == rel.days.len() && other.days.len() == 1 => Accord::Same,
            _ => Accord::Unsure,
        }
    };
    match (xa, ya) {
        (false, true) => against(xt, yt, true),
        (true, false) => against(yt, xt, true),
        _ => {
            // Two relative expressions: each read against its own date.
            let a = against(xt, yt, false);
            let b = against(yt, xt, false);
            match (a, b) {
                (Accord::Same, Accord::Same) => Accord::Same,
                (Accord::Contradicts, _) | (_, Accord::Contradicts) => Accord::Contradicts,
                _ => Accord::Unsure,
            }
        }
    }
}

/// The severity of a time reading that differs from the majority's: a
/// contradiction is an error, what cannot be told apart a note.
pub(super) fn severity_of(dev: &Reading, maj: &Reading) -> Severity {
    match time_accord(dev, maj) {
        Some(Accord::Contradicts) => Severity::Error,
        _ => Severity::Note,
    }
}

impl Analysis<'_> {
    /// Dates written with a weekday that is not theirs, each in its own
    /// version: an error whatever the other versions say (the calendar
    /// decides).
    pub(super) fn weekday_findings(&self, out: &mut Vec<Finding>) {
        for (i, it) in self.items.iter().enumerate() {
            let Reading::Time {
                when:
                    When {
                        misdated: Some(date),
                        weekday: Some(wd),
                        ..
                    },
                ..
            } = &it.reading
            else {
                continue;
            };
            let found = shown(self, i);
            let right = format!(
                "{}, {} {} {}",
                weekday_name(date.weekday()),
                date.day(),
                MONTHS[(date.month() - 1) as usize],
                date.year()
            );
            out.push(Finding {
                suggestion: None,
                path: path(self, i).to_string(),
                check: Check::CompareTime,
                rule: Check::CompareTime.code().to_string(),
                severity: Severity::Error,
                message: format!(
                    "“{found}”: {} {} {} is a {}, not a {} (in this version)",
                    date.day(),
                    MONTHS[(date.month() - 1) as usize],
                    date.year(),
                    weekday_name(date.weekday()),
                    weekday_name(*wd)
                ),
                span: it.span.clone(),
                label: format!("{right}?"),
                found,
                expected: Some(right),
                help: Some("check the day and the weekday at the source".into()),
                notes: Vec::new(),
                related: Vec::new(),
            });
        }
    }

    /// How the relative expressions of a time finding were read: the
    /// deviating version's, then the majority's.
    pub(super) fn time_note(&self, dev: usize, maj: usize) -> Option<String> {
        let resolved = time_accord(&self.items[dev].reading, &self.items[maj].reading)
            == Some(Accord::Resolved);
        let notes: Vec<String> = [dev, maj]
            .iter()
            .filter_map(|&i| match &self.items[i].reading {
                Reading::Time { absolute, when, .. } => {
                    let text = shown(self, i);
                    note(&text, when, *absolute).map(|n| {
                        if i == maj {
                            format!("in {}: {n}", path(self, i))
                        } else if resolved {
                            format!("{n}, the same day: no contradiction, only a relative date")
                        } else {
                            n
                        }
                    })
                }
                _ => None,
            })
            .collect();
        (!notes.is_empty()).then(|| notes.join("; "))
    }
}

/// What a finding on a relative expression says of how it was read: the
/// days it means in its version, or that its version has no publication
/// date.
pub(super) fn note(shown: &str, when: &When, absolute: bool) -> Option<String> {
    if absolute {
        return None;
    }
    match when.published {
        Some(p) if !when.days.is_empty() => {
            let days: Vec<String> = when.days.iter().map(ToString::to_string).collect();
            Some(format!(
                "published on {}, “{shown}” is {}",
                long_date(p),
                days.join(" or ")
            ))
        }
        _ if when.days.is_empty() && when.published.is_none() => Some(format!(
            "no publication date is known for this version (front matter, manifest or CMS stamp): which day “{shown}” is cannot be told"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn one(text: &str, published: Option<Date>) -> Found {
        let f = find(text, 0, published);
        assert_eq!(
            f.len(),
            1,
            "{text}: {:?}",
            f.iter().map(|x| &x.span).collect::<Vec<_>>()
        );
        f.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    fn acc(a: &Found, b: &Found) -> Accord {
        accord(
            (&a.words, a.absolute, &a.when),
            (&b.words, b.absolute, &b.when),
        )
    }

    fn spans(text: &str) -> Vec<&str> {
        find(text, 0, None)
            .iter()
            .map(|f| &text[f.span.clone()])
            .collect()
    }

    #[test]
    fn dates_in_every_order() {
        assert_eq!(
            spans(
                "It opened on Monday, 30 October 2017, then March 3, 2015, 3 March, the 5th of May, May 2014 and Oct. 30."
            ),
            [
                "Monday, 30 October 2017",
                "March 3, 2015",
                "3 March",
                "the 5th of May",
                "May 2014",
                "Oct. 30"
            ]
        );
        let f = one("signed on March 3", None);
        assert_eq!(
            (f.when.month, f.when.day, f.when.year),
            (Some(3), Some(3), None)
        );
        let f = one("in May 2014", None);
        assert_eq!((f.when.month, f.when.year), (Some(5), Some(2014)));
    }

    #[test]
    fn clock_times() {
        assert_eq!(
            spans("It struck at 4:10 a.m. and again at 9pm, then at 16:10 GMT and at noon."),
            ["4:10 a.m.", "9pm", "16:10 GMT", "noon"]
        );
        let a = one("landfall at 4:10 a.m. local time", None);
        assert_eq!(a.when.clock, Some((4, 10)));
        assert_eq!(acc(&a, &one("landfall at 4.10am", None)), Accord::Same);
        assert_eq!(
            acc(&a, &one("landfall at 4:40 a.m.", None)),
            Accord::Contradicts
        );
        assert_eq!(one("at 9 pm", None).when.clock, Some((21, 0)));
        assert_eq!(one("at 12:30 a.m.", None).when.clock, Some((0, 30)));
        // Another time zone may be a conversion.
        assert_eq!(
            acc(&one("at 16:10 GMT", None), &one("at 11:10 EST", None)),
            Accord::Unsure
        );
        // Scores, ratios and decimals are no times.
        assert!(spans("won 3:1 with a 2.5 rating and 10:30 odds").is_empty());
    }

    #[test]
    fn weekdays_and_months_alone() {
        assert_eq!(
            spans("He arrived Tuesday and left on Wednesday’s flight in November."),
            ["Tuesday", "Wednesday", "November"]
        );
        // Names, and "may" the verb.
        assert!(spans("Black Friday sales, the Sunday Times, Super Tuesday.").is_empty());
        assert!(spans("It may rain. Theresa May spoke.").is_empty());
    }

    #[test]
    fn different_dates_contradict_and_the_same_date_agrees() {
        let a = one("on March 3", None);
        let b = one("on March 4", None);
        let c = one("on 3 March 2015", None);
        assert_eq!(acc(&a, &b), Accord::Contradicts);
        assert_eq!(acc(&a, &c), Accord::Same);
        assert_eq!(
            acc(&one("May 2014", None), &one("May 2015", None)),
            Accord::Contradicts
        );
        assert_eq!(
            acc(
                &one("Monday, 30 October 2017", None),
                &one("Monday, 31 October 2017", None)
            ),
            Accord::Contradicts
        );
        assert_eq!(
            acc(
                &one("Monday, 30 October 2017", None),
                &one("30 October", None)
            ),
            Accord::Same
        );
        let year = |y: f64| Found {
            span: 0..4,
            words: vec![format!("{y}")],
            absolute: true,
            when: year_when(y),
        };
        let (y14, y15) = (year(2014.0), year(2015.0));
        assert_eq!(acc(&y14, &y15), Accord::Contradicts);
        assert_eq!(acc(&y14, &one("May 2014", None)), Accord::Same);
    }

    #[test]
    fn weekdays_are_compared() {
        let tue = one("arrived Tuesday", None);
        let wed = one("arrived Wednesday", None);
        assert_eq!(acc(&tue, &wed), Accord::Contradicts);
        assert_eq!(acc(&tue, &one("arrived on Tuesday", None)), Accord::Same);
        // A weekday against a date with another weekday: a contradiction even undated.
        assert_eq!(
            acc(&wed, &one("on Tuesday, 14 March 2023", None)),
            Accord::Contradicts
        );
        assert_eq!(
            acc(&tue, &one("on Tuesday, 14 March 2023", None)),
            Accord::Unsure
        );
    }

    #[test]
    fn relative_expressions_resolve_against_the_publication_date() {
        let date_30 = one("on 30 October", None);
        let full_30 = one("on Monday, 30 October 2017", None);
        // Published Monday 6 November: "last Monday" is the 30th only.
        let last = one("last Monday", Some(date(2017, 11, 6)));
        assert_eq!(acc(&last, &date_30), Accord::Resolved);
        assert_eq!(acc(&last, &full_30), Accord::Resolved);
        let yesterday = one("yesterday", Some(date(2017, 10, 31)));
        assert_eq!(acc(&yesterday, &full_30), Accord::Resolved);
        assert_eq!(acc(&yesterday, &last), Accord::Same);
        // Published 20 November: "last Monday" is the 13th, not the 30th.
        let stale = one("last Monday", Some(date(2017, 11, 20)));
        assert_eq!(acc(&stale, &full_30), Accord::Contradicts);
        assert_eq!(acc(&stale, &last), Accord::Contradicts);
        // Published on a Wednesday, "last Tuesday" is yesterday or a week before: unsure.
        let tuesday = one("last Monday", Some(date(2017, 10, 31)));
        assert_eq!(acc(&tuesday, &full_30), Accord::Unsure);
        let ambiguous = one("last Tuesday", Some(date(2023, 3, 22)));
        assert_eq!(
            acc(&ambiguous, &one("on Tuesday, 14 March 2023", None)),
            Accord::Unsure
        );
        // With no publication date, a relative expression is a note.
        let undated = one("last Monday", None);
        assert_eq!(acc(&undated, &full_30), Accord::Unsure);
        assert!(
            note("last Monday", &undated.when, false)
                .is_some_and(|n| n.contains("no publication date"))
        );
        assert!(
            note("last Monday", &stale.when, false)
                .is_some_and(|n| n.contains("Monday, 13 November 2017"))
        );
        // "two days ago", "tomorrow" resolve too.
        let ago = one("two days ago", Some(date(2017, 11, 1)));
        assert_eq!(acc(&ago, &full_30), Accord::Resolved);
        // "Today" is mostly "nowadays": never read as a day, so versions
        // published on other days still agree on it.
        let today = one("Today", Some(date(2017, 10, 30)));
        let later = one("Today", Some(date(2017, 11, 20)));
        assert_eq!(acc(&today, &later), Accord::Same);
        let tomorrow = one("tomorrow", Some(date(2017, 10, 29)));
        assert_eq!(acc(&tomorrow, &full_30), Accord::Resolved);
    }

    #[test]
    fn a_weekday_that_is_not_the_dates() {
        let sept = |text: &str, p: Option<Date>| one(text, p).when.misdated;
        let p = Some(date(2025, 9, 20));
        assert_eq!(sept("until Tuesday, Sept. 25", p), Some(date(2025, 9, 25)));
        assert_eq!(sept("until Tuesday, Sept. 23", p), None);
        // Near the turn of the year, the nearest year.
        assert_eq!(
            sept("on Thursday, 1 January", Some(date(2025, 12, 30))),
            None
        );
        assert_eq!(
            sept("on Monday, 31 October 2017", None),
            Some(date(2017, 10, 31))
        );
        assert_eq!(sept("on Monday, 30 October 2017", None), None);
        // No year and no publication date: nothing to tell.
        assert_eq!(sept("until Tuesday, Sept. 25", None), None);
    }

    #[test]
    fn the_same_words_read_on_other_days() {
        // "Wednesday" read on Tuesday 16 and Wednesday 17 September: both may be the 17th.
        let a = one("on Wednesday", Some(date(2025, 9, 16)));
        let b = one("on Wednesday", Some(date(2025, 9, 17)));
        assert_eq!(acc(&a, &b), Accord::Same);
        // "yesterday" read on two days: one of them is stale.
        let c = one("yesterday", Some(date(2025, 9, 16)));
        let d = one("yesterday", Some(date(2025, 9, 18)));
        assert_eq!(acc(&c, &d), Accord::Contradicts);
    }

    #[test]
    fn a_weekday_alone_resolves_too() {
        let on = one("on Monday", Some(date(2017, 10, 31)));
        let full_30 = one("on Monday, 30 October 2017", None);
        assert_eq!(acc(&on, &full_30), Accord::Unsure); // last Monday or next
        let on = one("on Monday", Some(date(2017, 11, 20)));
        assert_eq!(acc(&on, &full_30), Accord::Contradicts);
    }
}

/// End to end through `compare`: each behaviour with a case that must flag
/// and one that must stay quiet.
#[cfg(test)]
mod compared {
    use crate::codes::Check;
    use crate::compare::classify::{Options, compare_with};
    use crate::finding::{Finding, Severity};
    use crate::metadata::{Metadata, Provenance};
    use jiff::civil::Date;

    /// Versions with their publication dates (`None`: unknown).
    fn run(texts: &[(&str, Option<&str>)]) -> Vec<Finding> {
        let files = crate::compare::classify::test_versions(texts.iter().map(|(t, _)| *t));
        let metadata = texts
            .iter()
            .map(|(_, d)| Metadata {
                published: d.map(|d| d.parse::<Date>().expect("a date")),
                published_from: if d.is_some() {
                    Provenance::Manifest
                } else {
                    Provenance::Unknown
                },
                ..Metadata::default()
            })
            .collect();
        compare_with(
            &files,
            &Options {
                metadata,
                ..Options::default()
            },
        )
    }

    fn undated<'a>(texts: &[&'a str]) -> Vec<(&'a str, Option<&'a str>)> {
        texts.iter().map(|t| (*t, None)).collect()
    }

    fn got(texts: &[(&str, Option<&str>)]) -> Vec<(String, String, Severity)> {
        run(texts)
            .into_iter()
            .map(|f| {
                assert_eq!(f.check, Check::CompareTime, "{f:#?}");
                (f.path, f.found, f.severity)
            })
            .collect()
    }

    fn flags(texts: &[(&str, Option<&str>)], path: &str, found: &str, severity: Severity) {
        assert_eq!(
            got(texts),
            [(path.to_string(), found.to_string(), severity)],
            "{texts:#?}"
        );
    }

    fn quiet(texts: &[(&str, Option<&str>)]) {
        let f = run(texts);
        assert!(f.is_empty(), "{texts:#?}\n{f:#?}");
    }

    const ARRIVED: &str =
        "The foreign minister arrived Tuesday in the capital for two days of talks on trade.\n";

    #[test]
    fn weekdays() {
        let wed = ARRIVED.replace("Tuesday", "Wednesday");
        flags(
            &undated(&[ARRIVED, ARRIVED, &wed]),
            "v2.txt",
            "Wednesday",
            Severity::Error,
        );
        quiet(&undated(&[
            ARRIVED,
            &ARRIVED.replace("Tuesday", "on Tuesday"),
            ARRIVED,
        ]));
    }

    #[test]
    fn dates_in_either_order() {
        let a = "The treaty was signed on March 3 by the two governments after months of talks.\n";
        let b = a.replace("March 3", "March 4");
        flags(&undated(&[a, a, &b]), "v2.txt", "March 4", Severity::Error);
        quiet(&undated(&[
            a,
            &a.replace("March 3", "3 March"),
            &a.replace("March 3", "March 3, 2015"),
        ]));
    }

    #[test]
    fn years_and_months_of_years() {
        let a = "The treaty was signed in 2014 by the two governments after months of talks.\n";
        flags(
            &undated(&[a, a, &a.replace("2014", "2015")]),
            "v2.txt",
            "2015",
            Severity::Error,
        );
        quiet(&undated(&[a, a]));
        let b = "The treaty was signed in May 2014 by the two governments after months of talks.\n";
        flags(
            &undated(&[b, b, &b.replace("May 2014", "May 2015")]),
            "v2.txt",
            "May 2015",
            Severity::Error,
        );
        quiet(&undated(&[b, b]));
        let c = "The treaty was signed in November by the two governments after months of talks.\n";
        flags(
            &undated(&[c, c, &c.replace("November", "December")]),
            "v2.txt",
            "December",
            Severity::Error,
        );
    }

    const MET: &str =
        "The two leaders met on Monday, 30 October 2017, at the lakeside palace for talks.\n";

    #[test]
    fn relative_expressions_that_resolve_to_the_same_day_are_a_note_at_most() {
        let last = MET.replace("on Monday, 30 October 2017,", "last Monday");
        // Published Monday 6 November: "last Monday" is 30 October.
        let f = run(&[(MET, None), (&last, Some("2017-11-06")), (MET, None)]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].path.as_str(), f[0].severity),
            ("v1.txt", Severity::Note)
        );
        assert!(
            f[0].notes.iter().any(|n| n.contains("the same day")),
            "{:?}",
            f[0].notes
        );
        let yesterday = MET.replace("on Monday, 30 October 2017,", "yesterday");
        let f = run(&[(MET, None), (&yesterday, Some("2017-10-31"))]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, Severity::Note);
        // Two relative expressions that mean one day are quiet.
        quiet(&[
            (&last, Some("2017-11-06")),
            (&yesterday, Some("2017-10-31")),
        ]);
    }

    #[test]
    fn relative_expressions_that_resolve_to_another_day_are_errors() {
        let last = MET.replace("on Monday, 30 October 2017,", "last Monday");
        // Published 20 November: "last Monday" is 13 November.
        let f = run(&[(MET, None), (&last, Some("2017-11-20")), (MET, None)]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].path.as_str(), f[0].severity),
            ("v1.txt", Severity::Error)
        );
        assert!(
            f[0].notes
                .iter()
                .any(|n| n.contains("Monday, 13 November 2017")),
            "{:?}",
            f[0].notes
        );
        // The same words in two versions published weeks apart: one is stale.
        let f = run(&[
            (&last, Some("2017-11-06")),
            (&last, Some("2017-11-06")),
            (&last, Some("2017-11-20")),
        ]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].path.as_str(), f[0].severity),
            ("v2.txt", Severity::Error)
        );
    }

    #[test]
    fn relative_expressions_with_no_date_or_two_readings_are_notes() {
        let last = MET.replace("on Monday, 30 October 2017,", "last Monday");
        flags(
            &[(MET, None), (&last, None), (MET, None)],
            "v1.txt",
            "last Monday",
            Severity::Note,
        );
        // Published on Tuesday 31 October: 30 or 23 October.
        flags(
            &[(MET, None), (&last, Some("2017-10-31")), (MET, None)],
            "v1.txt",
            "last Monday",
            Severity::Note,
        );
        // One against one: the date decides, no "no majority".
        let f = run(&[(&last, None), (MET, None)]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].path, "v0.txt");
        assert!(!f[0].message.contains("no majority"), "{}", f[0].message);
        // But a weekday that contradicts the date is an error, dated or not.
        let tue = MET.replace("on Monday, 30 October 2017,", "last Tuesday");
        flags(
            &[(MET, None), (&tue, None), (MET, None)],
            "v1.txt",
            "last Tuesday",
            Severity::Error,
        );
    }

    #[test]
    fn a_date_with_another_days_weekday_is_an_error_in_its_version() {
        let wrong = MET.replace("Monday, 30 October", "Monday, 31 October");
        // Every version agrees, and the calendar still decides.
        let f = run(&undated(&[&wrong, &wrong]));
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(
            f.iter().all(|x| x.severity == Severity::Error
                && x.message.contains("is a Tuesday, not a Monday"))
        );
        // Without a year the publication date gives it.
        let a = "The road stays closed until Tuesday, Sept. 25, officials said on the radio.\n";
        let f = run(&[(a, Some("2025-09-20")), (a, None)]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].path, "v0.txt");
        quiet(&[
            (&a.replace("25", "23"), Some("2025-09-20")),
            (&a.replace("25", "23"), None),
        ]);
        quiet(&undated(&[MET, MET]));
    }

    #[test]
    fn two_different_dates_with_no_majority_are_reported_in_both() {
        let other = MET.replace("Monday, 30 October", "Tuesday, 31 October");
        let f = run(&undated(&[MET, &other]));
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(
            f.iter()
                .all(|x| x.message.contains("no majority") && x.severity == Severity::Error)
        );
    }
}
