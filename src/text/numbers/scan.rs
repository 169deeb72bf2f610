//! The scanner: every number in a text, in digits or in words, with its
//! unit, ranges and parenthetical conversions, leaving out what only looks
//! like a quantity (dates, clock times, ordinals, ids, phone numbers).

use super::Mention;
use super::cursor::{char_at, char_before, is_inline_space, is_range_dash, skip_spaces, word_at};
use super::in_words::{WORD_START, read_words};
use super::units::{Magnitude, Tail, Unit, currency_prefix, per_hour_at, tail_after};
use crate::lexicon::dates::parse_month;
use regex::Regex;
use std::sync::LazyLock;

/// Quantities in `text` (calendar years left out).
pub fn quantities(text: &str) -> Vec<Mention> {
    let all = scan(text);
    // Re-index the conversion links after dropping years.
    let keep: Vec<bool> = all.iter().map(|m| !m.is_calendar_year()).collect();
    let mut new_index = vec![None; all.len()];
    let mut n = 0;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    all.into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(mut m, _)| {
            m.converts = m.converts.and_then(|i| new_index[i]);
            m
        })
        .collect()
}

/// Every mention: quantities and calendar years, in text order.
pub fn scan(text: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut cursor = 0;
    // The next start of each kind, searched again only once the cursor has
    // passed it: re-searching from every cursor would scan the rest of the
    // text once per number.
    let mut digit_next: Option<Option<usize>> = None;
    let mut word_next: Option<Option<usize>> = None;
    while cursor < text.len() {
        let refresh = |cached: &mut Option<Option<usize>>, re: &Regex| {
            match cached {
                Some(Some(at)) if *at >= cursor => {}
                Some(None) => {}
                _ => *cached = Some(re.find_at(text, cursor).map(|m| m.start())),
            }
            cached.flatten()
        };
        let digit = match digit_next {
            Some(Some(at)) if at >= cursor => Some(at),
            Some(None) => None,
            _ => {
                let found = next_digit_start(text, cursor);
                digit_next = Some(found);
                found
            }
        };
        let word = refresh(&mut word_next, &WORD_START);
        let next = match (digit, word) {
            (Some(d), Some(w)) => d.min(w),
            (Some(d), None) => d,
            (None, Some(w)) => w,
            (None, None) => break,
        };
        match read_at(text, next) {
            Some((mention, resume)) => {
                let index = out.len();
                let end = mention.span.end;
                out.push(mention);
                cursor = resume.max(end);
                // A parenthetical conversion right after it.
                if let Some((inner, resume)) = conversion_after(text, end) {
                    let mut inner = inner;
                    inner.converts = Some(index);
                    cursor = resume;
                    // "120 miles (193 kilometres) per hour": both are speeds.
                    if let Some(hour_end) = per_hour_at(text, resume)
                        && let (Some(a), Some(b)) = (
                            out[index].unit.as_ref().and_then(Unit::per_hour),
                            inner.unit.as_ref().and_then(Unit::per_hour),
                        )
                    {
                        out[index].unit = Some(a);
                        inner.unit = Some(b);
                        cursor = hour_end;
                    }
                    out.push(inner);
                }
            }
            None => cursor = skip_token(text, next),
        }
    }
    out
}

/// Where a number written in digits (or a currency sign before one) may start.
static DIGIT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:US\$|HK\$|NZ\$|A\$|C\$|\$|€|£|(?-u:\b)(?:Dhs?|AED|USD|EUR|GBP|CNY|RMB|RUB)\s?)?\d",
    )
    .expect("valid regex")
});

/// Where the next match of [`DIGIT_START`] at or after `from` starts,
/// without running the regex over the text between numbers: every match
/// ends in a digit, and its currency prefix is at most a few bytes long.
/// When the first digit after `from` is ASCII and the character before it
/// (or before one space before it) cannot end a prefix, the match starts at
/// the digit; otherwise the regex is asked from a few bytes before it.
fn next_digit_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        // The first ASCII digit or non-ASCII character: `\d` is Unicode, and
        // every Unicode decimal digit is `char::is_numeric`.
        let k = i + bytes
            .get(i..)?
            .iter()
            .position(|&b| b.is_ascii_digit() || b >= 0x80)?;
        if bytes[k].is_ascii_digit() {
            if !may_end_currency_prefix(text, k) {
                return Some(k);
            }
        } else {
            let c = char_at(text, k)?;
            if !c.is_numeric() {
                i = k + c.len_utf8();
                continue;
            }
        }
        // No match starts between `from` and eight bytes before the digit:
        // the longest prefix is three letters and a three-byte space.
        let start = crate::source::floor_char_boundary(text, k.saturating_sub(8)).max(from);
        return DIGIT_START.find_at(text, start).map(|m| m.start());
    }
}

/// Whether a currency prefix of [`DIGIT_START`] may end right before `at`:
/// the character before it, or before one white-space character before it,
/// is the last character of a prefix.
fn may_end_currency_prefix(text: &str, at: usize) -> bool {
    let ends_prefix =
        |c: char| matches!(c, '$' | '€' | '£' | 'h' | 's' | 'D' | 'R' | 'P' | 'Y' | 'B');
    match char_before(text, at) {
        Some(c) if ends_prefix(c) => true,
        Some(c) if c.is_whitespace() => {
            char_before(text, at - c.len_utf8()).is_some_and(ends_prefix)
        }
        _ => false,
    }
}

/// The numeral at the start of a slice: "3,200", "3 200", "367.3", "12".
static NUMERAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u{a0}\u{202f}\u{2009}]\d{3})+|\d+)(?:\.\d+)?")
        .expect("valid regex")
});

/// Past the token that starts at `at` (nothing was read there).
fn skip_token(text: &str, at: usize) -> usize {
    let mut end = at;
    for (i, c) in text[at..].char_indices() {
        if i > 0 && !(c.is_alphanumeric() || matches!(c, '.' | ',' | ':' | '-' | '/' | '$')) {
            break;
        }
        end = at + i + c.len_utf8();
    }
    end.max(next_boundary(text, at))
}

fn next_boundary(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

/// Whether the text right after `end` makes the number a clock time
/// ("4:24pm", "9am") or an ordinal ("5th").
fn is_time_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let spaced = skip_spaces(text, end);
    word_at(text, spaced).is_some_and(|(w, _)| {
        matches!(
            w.as_str(),
            "am" | "pm" | "gmt" | "bst" | "hrs" | "th" | "st" | "nd" | "rd"
        )
    })
}

/// Whether a month name follows `end` ("30 October").
fn is_month_after(text: &str, end: usize) -> bool {
    let spaced = skip_spaces(text, end);
    spaced > end && word_at(text, spaced).is_some_and(|(w, _)| parse_month(&w).is_some())
}

/// Whether the text right before `start` makes the number part of a date.
fn is_date_before(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(is_inline_space);
    if before.len() == start {
        return false;
    }
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphabetic())
        .last()
        .map(|(i, _)| i);
    word_start.is_some_and(|i| parse_month(&before[i..]).is_some())
}

/// A numeral in digits at `at`: (value, decimals, end), refusing id-like
/// strings.
fn numeral_at(text: &str, at: usize) -> Option<(f64, usize, usize)> {
    let m = NUMERAL.find(&text[at..])?;
    let raw = m.as_str();
    let end = at + m.end();
    let cleaned: String = raw
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let int_part = cleaned.split('.').next().unwrap_or("");
    // Leading zeros ("020 7946"), very long digit runs: ids and phones.
    if int_part.len() > 1 && int_part.starts_with('0') {
        return None;
    }
    if int_part.len() > 15 {
        return None;
    }
    let decimals = cleaned.split_once('.').map_or(0, |(_, d)| d.len());
    let value: f64 = cleaned.parse().ok()?;
    Some((value, decimals, end))
}

/// A run of digits glued to other digits by `-`, `/`, `.` or `:` on either
/// side, or preceded by a letter or `+`: an id, a phone number, a version.
fn id_like(text: &str, start: usize, end: usize) -> bool {
    if let Some(c) = char_before(text, start)
        && (c.is_alphanumeric() || matches!(c, '+' | '/' | '.' | '_' | '#' | '\'' | '’'))
    {
        // "G7", "+44", "1/2", ".5", "’90s"
        return true;
    }
    // Groups of digits separated by spaces that are no thousands: "20 7946 0958".
    let before = text[..start].trim_end_matches(is_inline_space);
    if before.len() < start && before.ends_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let spaced = skip_spaces(text, end);
    if spaced > end && char_at(text, spaced).is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let rest = &text[end..];
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some('/' | '.' | '_'), Some(d)) if d.is_ascii_digit() => true,
        (Some(c), Some(d)) if is_range_dash(c) && d.is_ascii_digit() => {
            // "10-12 days" is a range; "1.2052082-873626613" is not.
            let digits = rest[c.len_utf8()..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .count();
            digits > 6
        }
        _ => false,
    }
}

/// Read a quantity (or a calendar year) starting at `at`.
fn read_at(text: &str, at: usize) -> Option<(Mention, usize)> {
    let first = char_at(text, at)?;
    if first.is_ascii_alphabetic() && !text[at..].starts_with("US$") {
        // Currency codes (AED, Dh) start with letters too.
        if let Some(m) = read_digits(text, at) {
            return Some(m);
        }
        return read_words(text, at);
    }
    read_digits(text, at)
}

fn read_digits(text: &str, at: usize) -> Option<(Mention, usize)> {
    let digits = text[at..].find(|c: char| c.is_ascii_digit())? + at;
    let currency = if digits > at {
        Some(currency_prefix(text, at, digits)?)
    } else {
        None
    };
    let (mut value, mut decimals, mut number_end) = numeral_at(text, digits)?;
    let mut number_start = digits;
    if id_like(text, at, number_end) {
        return None;
    }
    let day_like = decimals == 0 && value <= 31.0 && currency.is_none();
    if is_time_after(text, number_end)
        || (day_like && (is_month_after(text, number_end) || is_date_before(text, digits)))
    {
        return None;
    }
    let mut low: Option<(f64, usize)> = None;
    // A range: "10-12", "10–12", "10 to 12", "between 3,000 and 3,500".
    if let Some((hv, hd, hs, he)) = range_second(text, digits, number_end) {
        let day_like = hd == 0 && hv <= 31.0 && currency.is_none();
        if is_time_after(text, he)
            || (day_like && is_month_after(text, he))
            || id_like(text, hs, he)
        {
            return None;
        }
        low = Some((value, decimals));
        value = hv;
        decimals = decimals.max(hd);
        number_start = hs;
        number_end = he;
    }
    // "the 1970s", "the 1980’s": the decade's first year, as a year.
    let decade = (low.is_none() && currency.is_none())
        .then(|| decade_end(text, number_start, number_end))
        .flatten();
    let tail = match decade {
        Some(end) => Tail {
            magnitude: None,
            unit: Some(Unit::CalendarYear),
            adjective: false,
            end,
        },
        None => tail_after(text, number_end, currency.as_ref())?,
    };
    let magnitude = tail.magnitude.as_ref().map(|(m, _)| *m);
    let factor = magnitude.map_or(1.0, Magnitude::factor);
    let mut unit = tail.unit.clone();
    // A bare four-digit number in the years people write about is a year.
    let raw_number = &text[number_start..number_end];
    if unit.is_none()
        && magnitude.is_none()
        && low.is_none()
        && raw_number.len() == 4
        && raw_number.bytes().all(|b| b.is_ascii_digit())
        && (1000.0..=2999.0).contains(&value)
    {
        unit = Some(Unit::CalendarYear);
    }
    let mention = Mention {
        span: at..tail.end,
        number: number_start..number_end,
        magnitude_span: tail.magnitude.map(|(_, s)| s),
        value: low.map_or(value, |(l, _)| l) * factor,
        high: low.map(|_| value * factor),
        magnitude,
        unit,
        decimals,
        in_words: false,
        adjective: tail.adjective,
        converts: None,
        ordinal: false,
        counted: None,
    };
    Some((mention, tail.end))
}

/// The end of a decade written as a year and "s" ("1970s", "1980’s",
/// "1990's") whose number spans `start..end`: four digits ending in 0,
/// between 1000 and 2990.
fn decade_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let digits = &text[start..end];
    if digits.len() != 4
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !digits.ends_with('0')
        || !matches!(digits.as_bytes()[0], b'1' | b'2')
    {
        return None;
    }
    let rest = &text[end..];
    let after = ["s", "’s", "'s"]
        .iter()
        .find_map(|suffix| rest.strip_prefix(suffix))?;
    let glued = after.chars().next().is_some_and(char::is_alphanumeric);
    (!glued).then_some(text.len() - after.len())
}

/// The second number of a range after the first one ending at `end`:
/// (value, decimals, start, end).
fn range_second(text: &str, start: usize, end: usize) -> Option<(f64, usize, usize, usize)> {
    let rest = &text[end..];
    let c = rest.chars().next()?;
    let second = if is_range_dash(c) {
        end + c.len_utf8()
    } else {
        let spaced = skip_spaces(text, end);
        let (w, wend) = word_at(text, spaced)?;
        let connector = w == "to" || (w == "and" && ends_with_between(&text[..start]));
        if !connector || spaced == end {
            return None;
        }
        let after = skip_spaces(text, wend);
        if after == wend {
            return None;
        }
        after
    };
    if !char_at(text, second).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let (v, d, e) = numeral_at(text, second)?;
    Some((v, d, second, e))
}

/// Whether `before` ends with "between" (any ASCII case) and white space.
fn ends_with_between(before: &str) -> bool {
    let b = before.trim_end().as_bytes();
    b.len() >= 7 && b[b.len() - 7..].eq_ignore_ascii_case(b"between")
}

/// A quantity in parentheses right after `end`: "(3,218km)", "(about
/// Dh367.3 billion)". Returns it and the offset after the closing bracket.
fn conversion_after(text: &str, end: usize) -> Option<(Mention, usize)> {
    let open = skip_spaces(text, end);
    if char_at(text, open) != Some('(') {
        return None;
    }
    let mut inner = skip_spaces(text, open + 1);
    if let Some((w, wend)) = word_at(text, inner)
        && matches!(
            w.as_str(),
            "about" | "around" | "roughly" | "some" | "approximately" | "nearly" | "almost" | "or"
        )
    {
        inner = skip_spaces(text, wend);
    }
    let (mention, after) = read_at(text, inner)?;
    mention
        .unit
        .as_ref()
        .filter(|u| **u != Unit::CalendarYear)?;
    let close = skip_spaces(text, after);
    (char_at(text, close) == Some(')')).then_some((mention, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::numbers::test_support::{check, close, one, usd};

    #[test]
    fn lengths_in_every_spacing() {
        check("a 3,200km pipeline", 3200.0, Some(Unit::Km), "3,200km");
        check("a 3,200 km pipeline", 3200.0, Some(Unit::Km), "3,200 km");
        check(
            "some 3 200 kilometres long",
            3200.0,
            Some(Unit::Km),
            "3 200 kilometres",
        );
        check(
            "a 3,200\u{a0}km pipeline",
            3200.0,
            Some(Unit::Km),
            "3,200\u{a0}km",
        );
        check(
            "a 3,200\u{2009}km pipeline",
            3200.0,
            Some(Unit::Km),
            "3,200\u{2009}km",
        );
        check(
            "a 3\u{202f}200\u{202f}km pipe",
            3200.0,
            Some(Unit::Km),
            "3\u{202f}200\u{202f}km",
        );
        check(
            "a 2,000 mile pipeline",
            2000.0,
            Some(Unit::Mile),
            "2,000 mile",
        );
        check(
            "a 2,000 miles pipeline",
            2000.0,
            Some(Unit::Mile),
            "2,000 miles",
        );
        check("about 1,243 mi long", 1243.0, Some(Unit::Mile), "1,243 mi");
        check(
            "200 nautical miles out",
            200.0,
            Some(Unit::NauticalMile),
            "200 nautical miles",
        );
        check("a 20m wall", 20.0, Some(Unit::M), "20m");
        check(
            "an area of 1,500 sq km",
            1500.0,
            Some(Unit::Km2),
            "1,500 sq km",
        );
        check("some 30 tonnes of", 30.0, Some(Unit::Tonne), "30 tonnes");
        check(
            "some 30 metric tons of",
            30.0,
            Some(Unit::Tonne),
            "30 metric tons",
        );
        check(
            "65,000 tons of grain",
            65000.0,
            Some(Unit::Ton),
            "65,000 tons",
        );
        check("a 12.5kg bag", 12.5, Some(Unit::Kg), "12.5kg");
    }

    #[test]
    fn currencies_and_magnitudes() {
        check("the US$400 billion deal", 400e9, usd(), "US$400 billion");
        check("the $400bn deal", 400e9, usd(), "$400bn");
        check("a US$1.5tn economy", 1.5e12, usd(), "US$1.5tn");
        check(
            "a €20m grant",
            20e6,
            Some(Unit::Currency("EUR".into())),
            "€20m",
        );
        check(
            "a £3 million fee",
            3e6,
            Some(Unit::Currency("GBP".into())),
            "£3 million",
        );
        check(
            "400 billion yuan",
            400e9,
            Some(Unit::Currency("CNY".into())),
            "400 billion yuan",
        );
        check(
            "20 billion roubles",
            20e9,
            Some(Unit::Currency("RUB".into())),
            "20 billion roubles",
        );
        check("5,000 thousand people", 5e6, None, "5,000 thousand");
        let m = one("the US$400 billion deal");
        assert_eq!(m.magnitude.map(|m| m.exponent), Some(9));
        assert!(close(m.precision(), 1e9));
    }

    #[test]
    fn parenthetical_conversions() {
        let q = quantities("a $100 billion (Dh367.3 billion) fund");
        assert_eq!(q.len(), 2, "{q:#?}");
        assert!(close(q[1].value, 367.3e9));
        assert_eq!(q[1].unit, Some(Unit::Currency("AED".into())));
        assert_eq!(q[1].converts, Some(0));
        assert_eq!(q[1].decimals, 1);
        let q = quantities("A 2,000 mile (3,218km) gas pipeline");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].unit, Some(Unit::Mile));
        assert_eq!(q[1].unit, Some(Unit::Km));
        assert_eq!(q[1].converts, Some(0));
        let q = quantities("2,000 miles (about 3,200 km)");
        assert_eq!(q[1].converts, Some(0));
        let q = quantities("AED 367.3 billion ($100 billion)");
        assert_eq!(q[0].unit, Some(Unit::Currency("AED".into())));
        assert_eq!(q[1].converts, Some(0));
    }

    #[test]
    fn decades_are_calendar_years() {
        for (text, value, spanned) in [
            ("built in the 1970s, when", 1970.0, "1970s"),
            ("since the 1980’s boom", 1980.0, "1980’s"),
        ] {
            let found = scan(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].unit, Some(Unit::CalendarYear), "{text}");
            assert!(close(found[0].value, value), "{text}");
            assert_eq!(&text[found[0].span.clone()], spanned);
        }
        for text in ["the 1975s", "a 1970ss", "3000s of them"] {
            assert!(
                scan(text)
                    .iter()
                    .all(|m| m.unit != Some(Unit::CalendarYear)),
                "{text}: {:?}",
                scan(text)
            );
        }
    }

    #[test]
    fn temperatures() {
        check("it reached 35C on", 35.0, Some(Unit::Celsius), "35C");
        check("it reached 35°C on", 35.0, Some(Unit::Celsius), "35°C");
        check("it reached 95 °F on", 95.0, Some(Unit::Fahrenheit), "95 °F");
        check(
            "a low of 10 degrees Celsius",
            10.0,
            Some(Unit::Celsius),
            "10 degrees Celsius",
        );
        let q = quantities("the quay read 35C (95F) by noon");
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(q[1].unit, Some(Unit::Fahrenheit));
        assert_eq!(q[1].converts, Some(0));
        // A lowercase "c" is cents, "5 C" no scale, bare "degrees" no unit.
        for text in ["a 35c stamp", "Group 5 C", "turned 90 degrees"] {
            assert!(
                quantities(text)
                    .iter()
                    .all(|m| m.unit != Some(Unit::Celsius) && m.unit != Some(Unit::Fahrenheit)),
                "{text}"
            );
        }
    }

    #[test]
    fn speeds_are_no_distances() {
        check("winds of 80 mph battered", 80.0, Some(Unit::Mph), "80 mph");
        check("winds of 80mph battered", 80.0, Some(Unit::Mph), "80mph");
        check("at 129km/h on", 129.0, Some(Unit::Kmh), "129km/h");
        check("at 129 kph on", 129.0, Some(Unit::Kmh), "129 kph");
        check(
            "gusts of 120 miles per hour",
            120.0,
            Some(Unit::Mph),
            "120 miles per hour",
        );
        check(
            "gusts of 190 kilometres an hour",
            190.0,
            Some(Unit::Kmh),
            "190 kilometres an hour",
        );
        check("a 30-knot wind", 30.0, Some(Unit::Knot), "30-knot");
        check("sailing at 12 knots", 12.0, Some(Unit::Knot), "12 knots");
        check("a 120-mph gust", 120.0, Some(Unit::Mph), "120-mph");
        // A length, its conversion, then "per hour": both are speeds.
        let q = quantities("winds of 120 miles (193 kilometres) per hour hit");
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(q[0].unit, Some(Unit::Mph));
        assert_eq!(q[1].unit, Some(Unit::Kmh));
        assert_eq!(q[1].converts, Some(0));
        let q = quantities("80 mph (129km/h)");
        assert_eq!(q[1].unit, Some(Unit::Kmh));
        assert!(close(
            Unit::Mph.convert(80.0, &Unit::Kmh).unwrap_or(0.0),
            128.747_52
        ));
        // Still a distance without "per hour".
        let q = quantities("a 20 miles (32 kilometres) walk");
        assert_eq!(
            (q[0].unit.clone(), q[1].unit.clone()),
            (Some(Unit::Mile), Some(Unit::Km))
        );
        check("a 10-foot wall", 10.0, Some(Unit::Foot), "10-foot");
        check(
            "at 30,000 feet up",
            30000.0,
            Some(Unit::Foot),
            "30,000 feet",
        );
        check(
            "some 400 hectares of",
            400.0,
            Some(Unit::Hectare),
            "400 hectares",
        );
    }

    #[test]
    fn percent_duration_and_adjectives() {
        check("grew 3.5% last", 3.5, Some(Unit::Percent), "3.5%");
        check(
            "grew 3.5 per cent last",
            3.5,
            Some(Unit::Percent),
            "3.5 per cent",
        );
        check("for 12 days", 12.0, Some(Unit::Day), "12 days");
        check("for two weeks", 2.0, Some(Unit::Week), "two weeks");
        check("from three hours to", 3.0, Some(Unit::Hour), "three hours");
        check("to 70 minutes", 70.0, Some(Unit::Minute), "70 minutes");
        check("a 30-second clip", 30.0, Some(Unit::Second), "30-second");
        check("a 12-day tour", 12.0, Some(Unit::Day), "12-day");
        check("a five-year plan", 5.0, Some(Unit::Year), "five-year");
        assert!(one("a five-year plan").adjective);
    }

    #[test]
    fn ranges() {
        let m = one("for 10-12 days");
        assert_eq!((m.value, m.high), (10.0, Some(12.0)));
        assert_eq!(m.unit, Some(Unit::Day));
        let m = one("between 3,000 and 3,500km");
        assert_eq!((m.value, m.high), (3000.0, Some(3500.0)));
        assert_eq!(m.unit, Some(Unit::Km));
        let m = one("10–12 days");
        assert_eq!(m.high, Some(12.0));
        let m = one("from 3 to 4 billion yuan");
        assert_eq!((m.value, m.high), (3e9, Some(4e9)));
    }

    #[test]
    fn not_quantities() {
        for text in [
            "signed in 2012, it",
            "on Monday, 30 October 2017, for",
            "from 3–5 July 2017",
            "on October 30, he",
            "PUBLISHED : Monday, 30 October, 2017, 4:24pm",
            "at 9:05am today",
            "at 4pm today",
            "the fifth nuclear test",
            "the 5th nuclear test",
            "1.2052082-873626613",
            "call +44 20 7946 0958",
            "call 020 7946 0958",
            "the G7 and the G8",
            "through the ’90s the",
            "a 3D model",
            "a one-off visit",
            "the twenty-fifth time",
        ] {
            let q = quantities(text);
            assert!(q.is_empty(), "{text}: {q:#?}");
        }
    }

    #[test]
    fn years_are_calendar_years() {
        let all = scan("the fund, established in 2012, has");
        assert_eq!(all.len(), 1);
        assert!(all[0].is_calendar_year());
        assert_eq!(all[0].value, 2012.0);
        // With a unit it is a quantity.
        check("about 2012 km", 2012.0, Some(Unit::Km), "2012 km");
    }

    proptest::proptest! {
        #[test]
        fn digit_starts_agree_with_the_regex(
            text in "[0-9a-zA-Z $€£¥,.()\u{a0}\u{2009}\u{3000}\u{660}\u{663}\u{b2}½USDhAEGBPCNYRMB]{0,40}",
            from in 0usize..45,
        ) {
            if text.is_char_boundary(from.min(text.len())) {
                let from = from.min(text.len());
                proptest::prop_assert_eq!(
                    next_digit_start(&text, from),
                    DIGIT_START.find_at(&text, from).map(|m| m.start())
                );
            }
        }

        #[test]
        fn spans_lie_on_char_boundaries(s in "\\PC{0,60}", t in "[0-9 ,.$€£()\u{a0}\u{2009}kmDhbn%-]{0,30}") {
            for text in [s.clone(), format!("{s}{t}"), format!("{t}{s}{t}")] {
                for m in scan(&text) {
                    for r in [Some(&m.span), Some(&m.number), m.magnitude_span.as_ref()].into_iter().flatten() {
                        proptest::prop_assert!(r.start <= r.end && r.end <= text.len());
                        proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    }
                    proptest::prop_assert!(m.value.is_finite());
                }
            }
        }
    }
}
