//! Relative time expressions ("last Monday", "several weeks ago", "in
//! November") found in a text and resolved against a publication date.
//!
//! A resolution is the list of date ranges a careful reader could mean: "last
//! Monday" read on a Sunday is either six days earlier or the Monday of the
//! week before, and both readings are kept, so that only a date no reading
//! allows is called wrong. All arithmetic is in civil (calendar) days with
//! `jiff`; a time zone never enters here.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// An inclusive range of calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
}

impl DateRange {
    /// A single day.
    pub fn day(d: Date) -> Self {
        DateRange { start: d, end: d }
    }

    /// Whether the two ranges share at least one day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", long_date(self.start))
        } else {
            write!(f, "{} – {}", long_date(self.start), long_date(self.end))
        }
    }
}

/// "Monday, 30 October 2017".
pub fn long_date(d: Date) -> String {
    format!(
        "{}, {} {} {}",
        weekday_name(d.weekday()),
        d.day(),
        MONTHS[(d.month() - 1) as usize],
        d.year()
    )
}

/// How precise an expression is: a day-precise one that misses the event is
/// wrong; a vague one that misses has gone stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// "yesterday", "last Monday", "on Thursday", "in November".
    Day,
    /// "this week", "earlier this year", "several weeks ago", "a decade ago".
    Vague,
}

/// What an expression says, independent of any publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// "yesterday": the day before publication.
    Yesterday,
    /// "on Thursday", "Thursday" alone is not taken.
    OnWeekday(Weekday),
    /// "last Monday".
    LastWeekday(Weekday),
    /// "Monday last week".
    WeekdayLastWeek(Weekday),
    /// "next Monday", "Monday next week".
    NextWeekday(Weekday),
    /// "this week": the week (Monday to Sunday) of publication.
    ThisWeek,
    /// "last week": the week before that of publication.
    LastWeek,
    /// "next week": the week after that of publication.
    NextWeek,
    /// "this month": the month of publication.
    ThisMonth,
    /// "last month": the month before that of publication.
    LastMonth,
    /// "next month": the month after that of publication.
    NextMonth,
    /// "this year": the calendar year of publication.
    ThisYear,
    /// "last year": the calendar year before that of publication.
    LastYear,
    /// "next year": the calendar year after that of publication.
    NextYear,
    /// "earlier this year": from 1 January to the day of publication.
    EarlierThisYear,
    /// "earlier this month": from the first of the month to the day of publication.
    EarlierThisMonth,
    /// "a few / several weeks ago".
    SeveralWeeksAgo,
    /// "a few / several months ago": two to eleven months before publication.
    SeveralMonthsAgo,
    /// "a few / several years ago": two to nine years before publication.
    SeveralYearsAgo,
    /// "a decade ago".
    DecadeAgo,
    /// "in November" (month 1–12) without a year.
    InMonth(i8),
}

/// An expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expression {
    /// Byte span in the text.
    pub span: Range<usize>,
    /// What it says.
    pub relative: Relative,
}

// Month and weekday names are the shared lexicon's; re-exported for the
// date readers that import them from here.
pub(crate) use crate::lexicon::dates::MONTHS;
use crate::lexicon::dates::{MONTH_PATTERN as MONTH_RE, WEEKDAY_PATTERN as WEEKDAY_RE};
pub use crate::lexicon::dates::{parse_month, parse_weekday, weekday_name};

static EXPRESSIONS: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)(?-u:\b)(?:(?P<yesterday>yesterday)|(?:on\s+)?(?P<wd_rel>{WEEKDAY_RE})\s+(?P<wd_rel_which>last|next|this)\s+week|(?P<which>last|next|this)\s+(?P<which_what>week|month|year|{WEEKDAY_RE})|earlier\s+this\s+(?P<earlier>month|year)|on\s+(?P<on>{WEEKDAY_RE})|(?P<n>a\s+few|a\s+couple\s+of|several|some|two|three|four|five|six)\s+(?P<unit>weeks|months|years)\s+ago|(?:a|one)\s+(?P<decade>decade)\s+ago|in\s+(?P<month>{MONTH_RE}))(?-u:\b)"
    );
    Regex::new(&pattern).expect("relative-date pattern is valid")
});

/// Every relative expression in `text` (absolute dates such as "on Monday,
/// 30 October" or "in May 2017" are left out).
pub fn find_expressions(text: &str) -> Vec<Expression> {
    let mut out = Vec::new();
    for caps in EXPRESSIONS.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let rest = text[whole.end()..].trim_start_matches([',', ' ', '\u{a0}']);
        let followed_by_number = rest.chars().next().is_some_and(|c| c.is_ascii_digit());
        let name = |g: &str| caps.name(g).map(|m| m.as_str().to_ascii_lowercase());
        let relative = if caps.name("yesterday").is_some() {
            Relative::Yesterday
        } else if let (Some(wd), Some(which)) = (name("wd_rel"), name("wd_rel_which")) {
            let Some(w) = parse_weekday(&wd) else {
                continue;
            };
            match which.as_str() {
                "last" => Relative::WeekdayLastWeek(w),
                "next" => Relative::NextWeekday(w),
                _ => Relative::OnWeekday(w),
            }
        } else if let (Some(which), Some(what)) = (name("which"), name("which_what")) {
            match (which.as_str(), what.as_str()) {
                ("this", "week") => Relative::ThisWeek,
                ("last", "week") => Relative::LastWeek,
                ("next", "week") => Relative::NextWeek,
                ("this", "month") => Relative::ThisMonth,
                ("last", "month") => Relative::LastMonth,
                ("next", "month") => Relative::NextMonth,
                ("this", "year") => Relative::ThisYear,
                ("last", "year") => Relative::LastYear,
                ("next", "year") => Relative::NextYear,
                (which, day) => {
                    let Some(w) = parse_weekday(day) else {
                        continue;
                    };
                    if followed_by_number {
                        continue;
                    }
                    match which {
                        "last" => Relative::LastWeekday(w),
                        "next" => Relative::NextWeekday(w),
                        _ => Relative::OnWeekday(w),
                    }
                }
            }
        } else if let Some(e) = name("earlier") {
            if e == "year" {
                Relative::EarlierThisYear
            } else {
                Relative::EarlierThisMonth
            }
        } else if let Some(day) = name("on") {
            if followed_by_number || starts_with_month(rest) {
                // "on Monday, 30 October 2017", "on Monday October 30": absolute.
                continue;
            }
            let Some(w) = parse_weekday(&day) else {
                continue;
            };
            Relative::OnWeekday(w)
        } else if let Some(unit) = name("unit") {
            match unit.as_str() {
                "weeks" => Relative::SeveralWeeksAgo,
                "months" => Relative::SeveralMonthsAgo,
                _ => Relative::SeveralYearsAgo,
            }
        } else if caps.name("decade").is_some() {
            Relative::DecadeAgo
        } else if let Some(m) = name("month") {
            if followed_by_number {
                continue; // "in May 2017", "in May 14"
            }
            let Some(m) = parse_month(&m) else { continue };
            Relative::InMonth(m)
        } else {
            continue;
        };
        out.push(Expression {
            span: whole.range(),
            relative,
        });
    }
    out
}

/// Whether `rest` opens with a month name ("October 30").
fn starts_with_month(rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    parse_month(&word).is_some()
}

impl Relative {
    /// How precise the expression is.
    pub fn precision(self) -> Precision {
        match self {
            Relative::Yesterday
            | Relative::OnWeekday(_)
            | Relative::LastWeekday(_)
            | Relative::WeekdayLastWeek(_)
            | Relative::NextWeekday(_)
            | Relative::InMonth(_) => Precision::Day,
            _ => Precision::Vague,
        }
    }

    /// The date ranges the expression can mean in a piece published on
    /// `published` (empty only if the arithmetic leaves the calendar).
    pub fn resolve(self, published: Date) -> Vec<DateRange> {
        resolve(self, published).unwrap_or_default()
    }
}

fn days(d: Date, n: i64) -> Result<Date, jiff::Error> {
    d.checked_add(n.days())
}

fn range(start: Date, end: Date) -> DateRange {
    DateRange { start, end }
}

/// Monday of the week (Monday–Sunday) that holds `d`.
fn monday_of(d: Date) -> Result<Date, jiff::Error> {
    days(d, -i64::from(d.weekday().to_monday_zero_offset()))
}

fn month_range(d: Date) -> DateRange {
    range(d.first_of_month(), d.last_of_month())
}

fn resolve(rel: Relative, p: Date) -> Result<Vec<DateRange>, jiff::Error> {
    let week = monday_of(p)?;
    Ok(match rel {
        Relative::Yesterday => vec![DateRange::day(days(p, -1)?)],
        Relative::OnWeekday(w) => {
            // The last such day up to today, or the next one (a plan).
            let back = i64::from(p.weekday().since(w));
            let ahead = i64::from(w.since(p.weekday()));
            let ahead = if ahead == 0 { 7 } else { ahead };
            vec![
                DateRange::day(days(p, -back)?),
                DateRange::day(days(p, ahead)?),
            ]
        }
        Relative::LastWeekday(w) => {
            // The most recent such day before today, or that day of last week.
            let mut back = i64::from(p.weekday().since(w));
            if back == 0 {
                back = 7;
            }
            let recent = days(p, -back)?;
            let last_week = days(week, i64::from(w.to_monday_zero_offset()) - 7)?;
            let mut out = vec![DateRange::day(recent)];
            if last_week != recent {
                out.push(DateRange::day(last_week));
            }
            out
        }
        Relative::WeekdayLastWeek(w) => vec![DateRange::day(days(
            week,
            i64::from(w.to_monday_zero_offset()) - 7,
        )?)],
        Relative::NextWeekday(w) => {
            let mut ahead = i64::from(w.since(p.weekday()));
            if ahead == 0 {
                ahead = 7;
            }
            let soon = days(p, ahead)?;
            let next_week = days(week, i64::from(w.to_monday_zero_offset()) + 7)?;
            let mut out = vec![DateRange::day(soon)];
            if next_week != soon {
                out.push(DateRange::day(next_week));
            }
            out
        }
        Relative::ThisWeek => vec![range(week, days(week, 6)?)],
        Relative::LastWeek => vec![range(days(week, -7)?, days(week, -1)?)],
        Relative::NextWeek => vec![range(days(week, 7)?, days(week, 13)?)],
        Relative::ThisMonth => vec![month_range(p)],
        Relative::LastMonth => vec![month_range(p.first_of_month().checked_sub(1.month())?)],
        Relative::NextMonth => vec![month_range(p.first_of_month().checked_add(1.month())?)],
        Relative::ThisYear => vec![range(p.first_of_year(), p.last_of_year())],
        Relative::LastYear => {
            let y = p.first_of_year().checked_sub(1.year())?;
            vec![range(y, y.last_of_year())]
        }
        Relative::NextYear => {
            let y = p.first_of_year().checked_add(1.year())?;
            vec![range(y, y.last_of_year())]
        }
        Relative::EarlierThisYear => vec![range(p.first_of_year(), p)],
        Relative::EarlierThisMonth => vec![range(p.first_of_month(), p)],
        // "Several" is read generously: two to nine weeks, two to eleven
        // months, two to nine years; "a decade" eight to twelve years.
        Relative::SeveralWeeksAgo => vec![range(days(p, -63)?, days(p, -14)?)],
        Relative::SeveralMonthsAgo => vec![range(
            p.checked_sub(11.months())?,
            p.checked_sub(2.months())?,
        )],
        Relative::SeveralYearsAgo => {
            vec![range(p.checked_sub(9.years())?, p.checked_sub(2.years())?)]
        }
        Relative::DecadeAgo => vec![range(p.checked_sub(12.years())?, p.checked_sub(8.years())?)],
        Relative::InMonth(m) => {
            // This year's month; if it is still to come, last year's too.
            let this = Date::new(p.year(), m, 1)?;
            let mut out = vec![month_range(this)];
            if m > p.month() {
                out.push(month_range(this.checked_sub(1.year())?));
            }
            out
        }
    })
}

/// An absolute date written with its weekday ("Monday, 30 October 2017",
/// "Monday, October 30, 2017", "Monday, 20 November, 2017").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekdayDate {
    /// Byte span from the weekday to the year.
    pub span: Range<usize>,
    /// The weekday as written.
    pub weekday: Weekday,
    /// The date, if the calendar has it (not 31 November).
    pub date: Option<Date>,
    /// Day, month and year as written.
    pub written: (i16, i8, i8),
}

/// The weekday-date pattern after its leading word boundary.
fn weekday_date_pattern() -> String {
    format!(
        r"(?i)(?P<wd>{WEEKDAY_RE}),?\s+(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH_RE})|(?P<m2>{MONTH_RE})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?),?\s+(?P<y>\d{{4}})(?-u:\b)"
    )
}

/// The pattern, anchored at the start of the haystack: tried only where a
/// weekday name ends in "day".
static WEEKDAY_DATE_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("^(?:{})", weekday_date_pattern())).expect("weekday-date pattern is valid")
});

/// "day" in any case: every weekday name ends in it, and none of its letters
/// has a case variant outside ASCII.
static DAY: LazyLock<Regex> = LazyLock::new(|| Regex::new("(?i-u)day").expect("valid pattern"));

/// The weekday names without their "day", as `(?i)` reads them: any ASCII
/// case, and `s` also as `ſ` (U+017F, which folds to it).
const WEEKDAY_STEMS: [&str; 7] = ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"];

/// Where a weekday name that ends just before `day_at` starts, if one does.
fn weekday_start(text: &str, day_at: usize) -> Option<usize> {
    let before = &text[..day_at];
    WEEKDAY_STEMS.iter().find_map(|stem| {
        let mut at = day_at;
        let mut chars = before.chars().rev();
        for want in stem.chars().rev() {
            let c = chars.next()?;
            if !(c.to_ascii_lowercase() == want || (want == 's' && c == 'ſ')) {
                return None;
            }
            at -= c.len_utf8();
        }
        Some(at)
    })
}

/// An ASCII word boundary (`(?-u:\b)`) at `at`.
fn ascii_word_boundary(text: &str, at: usize) -> bool {
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let bytes = text.as_bytes();
    let before = at
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(word);
    before != bytes.get(at).is_some_and(word)
}

/// Every date written with its weekday in `text`.
///
/// The same matches as the whole pattern run over the text with
/// `captures_iter` (a test compares them): every match starts with a
/// weekday name, so the anchored pattern is tried only at the start of each
/// name found through its "day", leftmost first, skipping starts inside
/// the previous match.
pub fn find_weekday_dates(text: &str) -> Vec<WeekdayDate> {
    let mut out = Vec::new();
    let mut from = 0;
    for day in DAY.find_iter(text) {
        let Some(start) = weekday_start(text, day.start()) else {
            continue;
        };
        if start < from || !ascii_word_boundary(text, start) {
            continue;
        }
        let Some(caps) = WEEKDAY_DATE_AT.captures(&text[start..]) else {
            continue;
        };
        let Some(whole) = caps.get(0) else { continue };
        from = start + whole.end();
        out.extend(weekday_date(&caps, start..from));
    }
    out
}

/// The weekday date a match of the pattern at `span` writes, if its
/// weekday, day, month and year read.
fn weekday_date(caps: &regex::Captures, span: Range<usize>) -> Option<WeekdayDate> {
    let get = |a: &str, b: &str| caps.name(a).or_else(|| caps.name(b)).map(|m| m.as_str());
    let weekday = caps.name("wd").and_then(|m| parse_weekday(m.as_str()))?;
    let day = get("d1", "d2").and_then(|d| d.parse::<i8>().ok())?;
    let month = get("m1", "m2").and_then(parse_month)?;
    let year = caps
        .name("y")
        .and_then(|y| y.as_str().parse::<i16>().ok())?;
    Some(WeekdayDate {
        span,
        weekday,
        date: Date::new(year, month, day).ok(),
        written: (year, month, day),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The whole pattern, with the word boundary the candidates check.
    static WEEKDAY_DATES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!("(?-u:\\b){}", weekday_date_pattern()))
            .expect("weekday-date pattern is valid")
    });

    /// The plain whole-text search that [`find_weekday_dates`] must agree with.
    fn find_weekday_dates_by_regex(text: &str) -> Vec<WeekdayDate> {
        WEEKDAY_DATES
            .captures_iter(text)
            .filter_map(|caps| weekday_date(&caps, caps.get(0)?.range()))
            .collect()
    }

    #[test]
    fn day_candidates_agree_with_the_whole_pattern_on_odd_names() {
        let text = "on Monday, 31 October 2017, Monday October 30, 2017 and Tueſday 5 May 2020; \
            xMonday 1 June 2017 _Friday 2 June 2017 ſaturday 3 June 2017 xſunday 4 June 2017 \
            WEDNEſDAY,\u{a0}31st  October, 2017 Friday Friday 1 May 2017 Sunday 1 May 20171";
        let found = find_weekday_dates(text);
        assert_eq!(found, find_weekday_dates_by_regex(text));
        // The ſ spellings match the pattern but name no weekday `parse_weekday` knows.
        assert_eq!(found.len(), 3, "{found:?}");
    }

    proptest::proptest! {
        #[test]
        fn day_candidates_agree_with_the_whole_pattern(
            text in "(Monday|monday|MONDAY|Tueſday|TUESDAY|wednesday|Thursday|friday|Saturday|ſunday|Sunday|xMonday|_Friday|ſaturday|day|, |,|  | |\u{a0}|\n|1|5|30|31st|2017|12345|October|october|May|june|Sept|x|é){0,14}",
        ) {
            proptest::prop_assert_eq!(find_weekday_dates(&text), find_weekday_dates_by_regex(&text));
        }
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// (expression, publication date, expected readings as "start..end" or "day").
    const TABLE: &[(&str, &str, &[&str])] = &[
        ("yesterday", "2017-11-01", &["2017-10-31"]),
        ("yesterday", "2017-01-01", &["2016-12-31"]),
        ("yesterday", "2016-03-01", &["2016-02-29"]),
        ("yesterday", "2017-03-01", &["2017-02-28"]),
        // Week boundaries: published on a Sunday and on a Monday.
        ("last Monday", "2017-11-05", &["2017-10-30", "2017-10-23"]),
        ("Monday last week", "2017-11-06", &["2017-10-30"]),
        ("last Monday", "2017-11-06", &["2017-10-30"]),
        ("last Monday", "2017-11-20", &["2017-11-13"]),
        ("last Sunday", "2017-11-06", &["2017-11-05"]),
        ("Sunday last week", "2017-11-05", &["2017-10-29"]),
        ("on Thursday", "2017-11-02", &["2017-11-02", "2017-11-09"]),
        ("on Thursday", "2017-11-05", &["2017-11-02", "2017-11-09"]),
        ("next Monday", "2017-11-05", &["2017-11-06"]),
        ("next Monday", "2017-11-08", &["2017-11-13"]),
        ("this week", "2017-11-05", &["2017-10-30..2017-11-05"]),
        ("this week", "2017-11-06", &["2017-11-06..2017-11-12"]),
        ("this week", "2018-01-01", &["2018-01-01..2018-01-07"]),
        ("last week", "2018-01-03", &["2017-12-25..2017-12-31"]),
        // Month and year ends, leap years.
        ("next month", "2017-12-31", &["2018-01-01..2018-01-31"]),
        ("next month", "2016-01-31", &["2016-02-01..2016-02-29"]),
        ("last month", "2017-03-31", &["2017-02-01..2017-02-28"]),
        ("this month", "2017-11-20", &["2017-11-01..2017-11-30"]),
        (
            "earlier this year",
            "2017-11-20",
            &["2017-01-01..2017-11-20"],
        ),
        ("this year", "2020-02-29", &["2020-01-01..2020-12-31"]),
        (
            "several weeks ago",
            "2017-11-20",
            &["2017-09-18..2017-11-06"],
        ),
        (
            "several months ago",
            "2017-11-20",
            &["2016-12-20..2017-09-20"],
        ),
        (
            "several months ago",
            "2020-12-31",
            &["2020-01-31..2020-10-31"],
        ),
        ("a decade ago", "2017-11-20", &["2005-11-20..2009-11-20"]),
        ("a decade ago", "2020-02-29", &["2008-02-29..2012-02-29"]),
        ("in November", "2017-11-20", &["2017-11-01..2017-11-30"]),
        (
            "in November",
            "2017-05-02",
            &["2017-11-01..2017-11-30", "2016-11-01..2016-11-30"],
        ),
        ("in February", "2017-05-02", &["2017-02-01..2017-02-28"]),
    ];

    fn expected(s: &str) -> DateRange {
        match s.split_once("..") {
            Some((a, b)) => range(d(a), d(b)),
            None => DateRange::day(d(s)),
        }
    }

    #[test]
    fn resolver_table() {
        for (text, published, want) in TABLE {
            let found = find_expressions(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].span, 0..text.len(), "{text}");
            let got = found[0].relative.resolve(d(published));
            let want: Vec<DateRange> = want.iter().map(|s| expected(s)).collect();
            assert_eq!(got, want, "{text} published {published}");
        }
    }

    #[test]
    fn absolute_dates_are_not_relative() {
        assert!(find_expressions("arrived on Monday, 30 October 2017").is_empty());
        assert!(find_expressions("the forum in May 2017 and in May 14").is_empty());
        assert!(find_expressions("on Monday October 30").is_empty());
        let on = find_expressions("on Monday Medvedev arrived, on Monday last week");
        assert_eq!(on.len(), 2, "{on:?}");
        assert_eq!(on[1].relative, Relative::WeekdayLastWeek(Weekday::Monday));
    }

    #[test]
    fn expressions_keep_their_spans() {
        let text = "He arrived in China last Monday and left yesterday.";
        let found = find_expressions(text);
        let spans: Vec<&str> = found.iter().map(|e| &text[e.span.clone()]).collect();
        assert_eq!(spans, ["last Monday", "yesterday"]);
    }

    #[test]
    fn long_dates_name_the_weekday() {
        assert_eq!(long_date(date(2017, 10, 30)), "Monday, 30 October 2017");
        assert_eq!(
            range(date(2017, 4, 6), date(2017, 4, 7)).to_string(),
            "Thursday, 6 April 2017 – Friday, 7 April 2017"
        );
    }

    #[test]
    fn weekday_dates_in_three_orders() {
        let text = "on Monday, 31 October 2017, Monday October 30, 2017 and Monday, 20 November, 2017; Friday 31 February 2017";
        let found = find_weekday_dates(text);
        let dates: Vec<Option<Date>> = found.iter().map(|w| w.date).collect();
        assert_eq!(
            dates,
            [
                Some(date(2017, 10, 31)),
                Some(date(2017, 10, 30)),
                Some(date(2017, 11, 20)),
                None
            ]
        );
        assert_eq!(&text[found[0].span.clone()], "Monday, 31 October 2017");
    }

    #[test]
    fn names_parse() {
        assert_eq!(parse_month("Sept"), Some(9));
        assert_eq!(parse_month("nov"), Some(11));
        assert_eq!(parse_month("Mayday"), None);
        assert_eq!(parse_weekday("SUNDAY"), Some(Weekday::Sunday));
    }
}
