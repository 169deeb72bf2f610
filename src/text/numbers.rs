//! Numbers and quantities as newspapers print them, read from the original
//! text with byte spans.
//!
//! Reads "3,200km", "3 200 kilometres", "2,000 miles", "US$400 billion",
//! "$400bn", "€20m", "3.5%", "12 days", "two weeks", "a dozen", "one
//! hundred", "a quarter", "five-year", ranges ("10-12 days", "between 3,000
//! and 3,500km") and a parenthetical conversion after a quantity
//! ("2,000 mile (3,218km)"). Years ("in 2012") are returned as calendar
//! years, never as a quantity of something; dates ("30 October"), clock
//! times ("4:24pm"), ordinals ("fifth", "5th") and id or phone-like strings
//! ("1.2052082-873626613") are not read at all.

use crate::lexicon::dates::parse_month;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a unit measures; values convert only within one family (and,
/// for currency, only with a declared exchange rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// km, m, mile, nautical mile.
    Length,
    /// kg, tonne.
    Mass,
    /// km².
    Area,
    /// day, week, month, year.
    Duration,
    /// percent.
    Percent,
    /// Any currency.
    Currency,
    /// A year of the calendar ("in 2012").
    CalendarYear,
}

/// A normalised unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Km,
    M,
    Mile,
    NauticalMile,
    Kg,
    Tonne,
    Km2,
    Day,
    Week,
    Month,
    Year,
    Percent,
    /// A currency by its upper-case ISO-like code ("USD", "AED").
    Currency(String),
    /// A calendar year ("2012"): never converted.
    CalendarYear,
}

impl Unit {
    /// The unit a rule file names: "km", "mile", "nautical mile", "day",
    /// "percent", a three-letter currency code, "calendar year"…
    pub fn from_rule_name(name: &str) -> Option<Unit> {
        let n = name.trim();
        let lower = n.to_lowercase();
        let unit = match lower.as_str() {
            "km" | "kilometre" | "kilometer" => Unit::Km,
            "m" | "metre" | "meter" => Unit::M,
            "mile" | "mi" => Unit::Mile,
            "nautical mile" | "nmi" => Unit::NauticalMile,
            "kg" | "kilogram" => Unit::Kg,
            "tonne" | "t" => Unit::Tonne,
            "km2" | "km²" | "square kilometre" | "square kilometer" => Unit::Km2,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            "percent" | "%" => Unit::Percent,
            "calendar year" | "calendar-year" => Unit::CalendarYear,
            _ if n.len() == 3 && n.chars().all(|c| c.is_ascii_uppercase()) => {
                Unit::Currency(n.to_string())
            }
            _ => return None,
        };
        Some(unit)
    }

    /// The family of the unit.
    pub fn family(&self) -> Family {
        match self {
            Unit::Km | Unit::M | Unit::Mile | Unit::NauticalMile => Family::Length,
            Unit::Kg | Unit::Tonne => Family::Mass,
            Unit::Km2 => Family::Area,
            Unit::Day | Unit::Week | Unit::Month | Unit::Year => Family::Duration,
            Unit::Percent => Family::Percent,
            Unit::Currency(_) => Family::Currency,
            Unit::CalendarYear => Family::CalendarYear,
        }
    }

    /// Size of one unit in its family's base unit (metre, kilogram, km²,
    /// day, percent point); `None` for currencies and calendar years, which
    /// need a rate or do not convert.
    pub fn base_factor(&self) -> Option<f64> {
        Some(match self {
            Unit::Km => 1000.0,
            Unit::M => 1.0,
            Unit::Mile => 1609.344,
            Unit::NauticalMile => 1852.0,
            Unit::Kg => 1.0,
            Unit::Tonne => 1000.0,
            Unit::Km2 => 1.0,
            Unit::Day => 1.0,
            Unit::Week => 7.0,
            Unit::Month => 30.436875,
            Unit::Year => 365.2425,
            Unit::Percent => 1.0,
            Unit::Currency(_) | Unit::CalendarYear => return None,
        })
    }

    /// The name used in normalised values ("km", "miles", "USD").
    pub fn display(&self, plural: bool) -> String {
        let s = |one: &str, many: &str| if plural { many } else { one }.to_string();
        match self {
            Unit::Km => "km".into(),
            Unit::M => "m".into(),
            Unit::Mile => s("mile", "miles"),
            Unit::NauticalMile => s("nautical mile", "nautical miles"),
            Unit::Kg => "kg".into(),
            Unit::Tonne => s("tonne", "tonnes"),
            Unit::Km2 => "km²".into(),
            Unit::Day => s("day", "days"),
            Unit::Week => s("week", "weeks"),
            Unit::Month => s("month", "months"),
            Unit::Year => s("year", "years"),
            Unit::Percent => "percent".into(),
            Unit::Currency(code) => code.clone(),
            Unit::CalendarYear => "calendar year".into(),
        }
    }

    /// The name a rule file uses for the unit.
    pub fn rule_name(&self) -> String {
        self.display(false)
    }
}

/// A magnitude word or abbreviation after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Magnitude {
    /// 3 for thousand, 6 for million, 9 for billion, 12 for trillion.
    pub exponent: i32,
    /// Written as an abbreviation ("m", "bn", "tn") rather than a word.
    pub abbreviated: bool,
}

impl Magnitude {
    /// The multiplier.
    pub fn factor(self) -> f64 {
        10f64.powi(self.exponent)
    }

    /// The word ("billion") for an exponent.
    pub fn word(exponent: i32) -> &'static str {
        match exponent {
            3 => "thousand",
            6 => "million",
            9 => "billion",
            12 => "trillion",
            _ => "",
        }
    }

    /// The word or abbreviation as it is written in this style.
    pub fn text(self, exponent: i32) -> &'static str {
        if self.abbreviated {
            match exponent {
                3 => "k",
                6 => "m",
                9 => "bn",
                12 => "tn",
                _ => "",
            }
        } else {
            Magnitude::word(exponent)
        }
    }
}

/// A number (or range) with its unit, as found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte span of the whole quantity: currency sign, number, magnitude and
    /// unit ("US$400 billion", "3,200km", "10-12 days").
    pub span: Range<usize>,
    /// Byte span of the (last) number itself, digits or words.
    pub number: Range<usize>,
    /// Byte span of the magnitude word, if any.
    pub magnitude_span: Option<Range<usize>>,
    /// The value, magnitude applied (the low end of a range).
    pub value: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// The magnitude word used.
    pub magnitude: Option<Magnitude>,
    /// The unit, if the number has one.
    pub unit: Option<Unit>,
    /// Digits printed after the decimal point.
    pub decimals: usize,
    /// Written in words ("twelve", "a dozen").
    pub in_words: bool,
    /// Used as a hyphenated adjective ("five-year", "12-day").
    pub adjective: bool,
    /// Index (in the returned list) of the quantity this one converts, when
    /// it stands in parentheses right after it: "2,000 mile (3,218km)".
    pub converts: Option<usize>,
}

impl Mention {
    /// The value's printed precision: one unit of the last digit written,
    /// magnitude applied ("367.3 billion" → 0.1 billion).
    pub fn precision(&self) -> f64 {
        let m = self.magnitude.map_or(1.0, Magnitude::factor);
        10f64.powi(-(self.decimals as i32)) * m
    }

    /// The middle of a range, or the value.
    pub fn centre(&self) -> f64 {
        self.high.map_or(self.value, |h| (self.value + h) / 2.0)
    }

    /// A year of the calendar rather than a quantity.
    pub fn is_calendar_year(&self) -> bool {
        self.unit == Some(Unit::CalendarYear)
    }
}

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
                    out.push(inner);
                    cursor = resume;
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

/// Where a number written in words may start.
static WORD_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|half|a\s+(?:dozen|quarter|half|hundred|thousand|million|billion))(?-u:\b)",
    )
    .expect("valid regex")
});

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

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// Spaces allowed between a number and its unit: space, no-break, thin,
/// narrow no-break.
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}')
}

/// Skip at most two inline spaces; returns the new offset.
fn skip_spaces(text: &str, mut at: usize) -> usize {
    for _ in 0..2 {
        match char_at(text, at) {
            Some(c) if is_inline_space(c) => at += c.len_utf8(),
            _ => break,
        }
    }
    at
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_range_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// The ASCII letters word at `at` (lowercased) and its end.
fn word_at(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = text.get(at..)?;
    // Bytes of non-ASCII characters are never ASCII letters either.
    let len = rest
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    (len > 0).then(|| (rest[..len].to_ascii_lowercase(), at + len))
}

/// A currency prefix ending right before `digits`.
fn currency_prefix(text: &str, start: usize, digits: usize) -> Option<Unit> {
    let p = text[start..digits].trim_end();
    let code = match p {
        "US$" | "$" | "USD" => "USD",
        "HK$" => "HKD",
        "NZ$" => "NZD",
        "A$" => "AUD",
        "C$" => "CAD",
        "€" | "EUR" => "EUR",
        "£" | "GBP" => "GBP",
        "Dh" | "Dhs" | "AED" => "AED",
        "CNY" | "RMB" => "CNY",
        "RUB" => "RUB",
        _ => return None,
    };
    Some(Unit::Currency(code.to_string()))
}

/// Unit words after a number, longest first: (text, unit, needs a word
/// boundary after it).
const UNIT_WORDS: &[(&str, Unit)] = &[
    ("nautical miles", Unit::NauticalMile),
    ("nautical mile", Unit::NauticalMile),
    ("square kilometres", Unit::Km2),
    ("square kilometers", Unit::Km2),
    ("square kilometre", Unit::Km2),
    ("square kilometer", Unit::Km2),
    ("sq km", Unit::Km2),
    ("km2", Unit::Km2),
    ("km²", Unit::Km2),
    ("kilometres", Unit::Km),
    ("kilometers", Unit::Km),
    ("kilometre", Unit::Km),
    ("kilometer", Unit::Km),
    ("km", Unit::Km),
    ("nmi", Unit::NauticalMile),
    ("metres", Unit::M),
    ("meters", Unit::M),
    ("metre", Unit::M),
    ("meter", Unit::M),
    ("miles", Unit::Mile),
    ("mile", Unit::Mile),
    ("mi", Unit::Mile),
    ("kilograms", Unit::Kg),
    ("kilogrammes", Unit::Kg),
    ("kilogram", Unit::Kg),
    ("kg", Unit::Kg),
    ("tonnes", Unit::Tonne),
    ("tonne", Unit::Tonne),
    ("days", Unit::Day),
    ("day", Unit::Day),
    ("weeks", Unit::Week),
    ("week", Unit::Week),
    ("months", Unit::Month),
    ("month", Unit::Month),
    ("years", Unit::Year),
    ("year", Unit::Year),
    ("per cent", Unit::Percent),
    ("percent", Unit::Percent),
    ("%", Unit::Percent),
    ("m", Unit::M),
];

/// Currency words after a number ("400 billion yuan").
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("us dollars", "USD"),
    ("dollars", "USD"),
    ("dirhams", "AED"),
    ("euros", "EUR"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("roubles", "RUB"),
    ("rouble", "RUB"),
    ("rubles", "RUB"),
    ("ruble", "RUB"),
];

/// A unit starting at `at` (after optional spaces already skipped): the
/// unit and the end of its text.
fn unit_at(text: &str, at: usize, after_currency: bool) -> Option<(Unit, usize)> {
    let rest = text.get(at..)?;
    // A word can only match if its first byte does (ASCII case folded):
    // most entries are ruled out without comparing them.
    let first = rest.as_bytes().first()?.to_ascii_lowercase();
    let may_match = |word: &str| word.as_bytes()[0].to_ascii_lowercase() == first;
    let boundary_ok = |len: usize| {
        rest.get(len..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| !c.is_alphanumeric())
    };
    for (word, code) in CURRENCY_WORDS.iter().filter(|(w, _)| may_match(w)) {
        let len = word.len();
        if rest
            .get(..len)
            .is_some_and(|c| c.eq_ignore_ascii_case(word))
            && boundary_ok(len)
        {
            return Some((Unit::Currency((*code).to_string()), at + len));
        }
    }
    if after_currency {
        return None;
    }
    for (word, unit) in UNIT_WORDS.iter().filter(|(w, _)| may_match(w)) {
        // Compare on the original bytes, case-insensitively; all unit words
        // are ASCII except "km²" whose lowercase is itself.
        let len = word.len();
        let Some(candidate) = rest.get(..len) else {
            continue;
        };
        if !candidate.eq_ignore_ascii_case(word) {
            continue;
        }
        if *word == "%" || boundary_ok(len) {
            return Some((unit.clone(), at + len));
        }
    }
    None
}

/// A magnitude at `at`: its exponent, style and end.
fn magnitude_at(
    text: &str,
    at: usize,
    attached: bool,
    currency: bool,
) -> Option<(Magnitude, usize)> {
    let (w, end) = word_at(text, at)?;
    let (exponent, abbreviated) = match w.as_str() {
        "thousand" => (3, false),
        "million" => (6, false),
        "billion" => (9, false),
        "trillion" => (12, false),
        "bn" if attached || currency => (9, true),
        "b" if currency => (9, true),
        "tn" | "trn" if attached || currency => (12, true),
        // "20m" is million after a currency, metres otherwise.
        "m" | "mn" if currency => (6, true),
        _ => return None,
    };
    Some((
        Magnitude {
            exponent,
            abbreviated,
        },
        end,
    ))
}

/// What follows a number: magnitude, unit, adjective hyphen. Returns the
/// parts and the end of the quantity.
struct Tail {
    magnitude: Option<(Magnitude, Range<usize>)>,
    unit: Option<Unit>,
    adjective: bool,
    end: usize,
}

fn tail_after(text: &str, number_end: usize, currency: Option<&Unit>) -> Option<Tail> {
    let mut tail = Tail {
        magnitude: None,
        unit: currency.cloned(),
        adjective: false,
        end: number_end,
    };
    let mut at = number_end;
    // Hyphenated adjective: "12-day", "five-year".
    if let Some(c) = char_at(text, at)
        && is_hyphen(c)
    {
        let after = at + c.len_utf8();
        if let Some((unit, end)) = unit_at(text, after, false)
            && matches!(
                unit,
                Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Km | Unit::Mile | Unit::M
            )
            && currency.is_none()
        {
            tail.unit = Some(unit);
            tail.adjective = true;
            tail.end = end;
            return Some(tail);
        }
        // "twenty-fifth", "one-off", "5-fold": not a quantity.
        if char_at(text, after).is_some_and(|c| c.is_alphabetic()) {
            return None;
        }
        return Some(tail);
    }
    let attached = char_at(text, at).is_some_and(|c| c.is_ascii_alphabetic());
    let spaced = skip_spaces(text, at);
    if let Some((m, end)) = magnitude_at(text, spaced, attached, currency.is_some()) {
        tail.magnitude = Some((m, spaced..end));
        tail.end = end;
        at = end;
    }
    let spaced = skip_spaces(text, at);
    let unit_attached = spaced == at;
    if let Some((unit, end)) = unit_at(text, spaced, currency.is_some()) {
        // A bare "m" must be attached ("20m"), never "20 m of".
        let bare_m = unit == Unit::M && end - spaced == 1 && !unit_attached;
        if !bare_m {
            tail.unit = Some(unit);
            tail.end = end;
            return Some(tail);
        }
    }
    // Letters glued to the number that are no unit: "5th", "3D", "90s".
    if char_at(text, tail.end).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some(tail)
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
    let tail = tail_after(text, number_end, currency.as_ref())?;
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
    };
    Some((mention, tail.end))
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

/// A number in words at `at`: "twelve", "a dozen", "one hundred",
/// "twenty-five", "a quarter".
fn read_words(text: &str, at: usize) -> Option<(Mention, usize)> {
    let mut pos = at;
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    let mut last_end = at;
    let mut article = false;
    let mut fraction = false;
    let mut magnitude: Option<(Magnitude, Range<usize>)> = None;
    while let Some((w, end)) = word_at(text, pos) {
        let small = small_number(&w);
        let mut consumed = true;
        match w.as_str() {
            "a" if !any && !article => article = true,
            "and" if any && current > 0.0 => {
                // "one hundred and five": only when a number word follows.
                let next = skip_spaces(text, end);
                if word_at(text, next).is_none_or(|(n, _)| small_number(&n).is_none()) {
                    break;
                }
            }
            "dozen" => {
                current = if current == 0.0 { 12.0 } else { current * 12.0 };
                any = true;
            }
            "hundred" => {
                current = if current == 0.0 {
                    100.0
                } else {
                    current * 100.0
                };
                any = true;
            }
            "quarter" if !any && article => {
                current = 0.25;
                any = true;
                fraction = true;
            }
            "half" if !any => {
                current = 0.5;
                any = true;
                fraction = true;
            }
            "thousand" | "million" | "billion" | "trillion" => {
                let exponent = match w.as_str() {
                    "thousand" => 3,
                    "million" => 6,
                    "billion" => 9,
                    _ => 12,
                };
                let base = if current == 0.0 && total == 0.0 {
                    1.0
                } else {
                    current
                };
                total += base * 10f64.powi(exponent);
                current = 0.0;
                any = true;
                magnitude = Some((
                    Magnitude {
                        exponent,
                        abbreviated: false,
                    },
                    pos..end,
                ));
            }
            _ => match small {
                Some(n) if !fraction => {
                    current += n;
                    any = true;
                }
                _ => consumed = false,
            },
        }
        if !consumed {
            break;
        }
        if w != "a" && w != "and" {
            last_end = end;
        }
        // Next word after a space or a hyphen between number words.
        let next = match char_at(text, end) {
            Some(c) if is_hyphen(c) => {
                let after = end + c.len_utf8();
                if word_at(text, after).is_some_and(|(n, _)| small_number(&n).is_some()) {
                    after
                } else {
                    break;
                }
            }
            Some(c) if is_inline_space(c) => skip_spaces(text, end),
            _ => break,
        };
        if next == end {
            break;
        }
        pos = next;
    }
    if !any {
        return None;
    }
    let value = total + current;
    // "one-off", "twenty-fifth": a hyphen into another word.
    let tail = tail_after(text, last_end, None)?;
    let (magnitude, mag_span) = match (tail.magnitude, magnitude) {
        (Some((m, s)), _) => (Some(m), Some(s)),
        (None, Some((m, s))) => (Some(m), Some(s)),
        (None, None) => (None, None),
    };
    let tail_factor =
        if tail.end > last_end && mag_span.as_ref().is_some_and(|s| s.start >= last_end) {
            magnitude.map_or(1.0, Magnitude::factor)
        } else {
            1.0
        };
    let number_end = mag_span
        .as_ref()
        .filter(|s| s.start < last_end)
        .map_or(last_end, |s| {
            text[..s.start].trim_end_matches(is_inline_space).len()
        });
    let number_start = if article {
        word_at(text, at).map_or(at, |(_, e)| skip_spaces(text, e))
    } else {
        at
    };
    let mention = Mention {
        span: at..tail.end.max(last_end),
        number: number_start..number_end.max(number_start),
        magnitude_span: mag_span,
        value: value * tail_factor,
        high: None,
        magnitude,
        unit: tail.unit,
        decimals: usize::from(fraction) * 2,
        in_words: true,
        adjective: tail.adjective,
        converts: None,
    };
    Some((mention, tail.end.max(last_end)))
}

fn small_number(w: &str) -> Option<f64> {
    const SMALL: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = SMALL.iter().position(|s| *s == w) {
        return Some(i as f64);
    }
    TENS.iter()
        .position(|s| *s == w)
        .map(|i| (i as f64 + 2.0) * 10.0)
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

/// `value` with thousands separators and `decimals` decimals, rounded half
/// away from zero ("3,218.7").
pub fn format_number(value: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    // Nudge ties that floating point left just below the half.
    let scaled = value * scale;
    let rounded = (scaled + scaled.signum() * scaled.abs() * 1e-12).round() / scale;
    let text = format!("{:.*}", decimals, rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Decimals needed to show `value` exactly, at most `wanted`.
fn decimals_for(value: f64, wanted: usize) -> usize {
    let mut d = 0;
    while d < wanted
        && ((value * 10f64.powi(d as i32)).round() - value * 10f64.powi(d as i32)).abs() > 1e-6
    {
        d += 1;
    }
    d
}

/// A normalised reading of a value in a unit: "3,200 km", "USD 400
/// billion", "12 days", "2012".
pub fn format_quantity(value: f64, unit: &Unit, decimals: usize) -> String {
    let plural = (value - 1.0).abs() > f64::EPSILON;
    match unit {
        Unit::CalendarYear => format_number(value, 0).replace(',', ""),
        Unit::Currency(code) => {
            let abs = value.abs();
            let exponent = [12, 9, 6].into_iter().find(|e| abs >= 10f64.powi(*e));
            match exponent {
                Some(e) => {
                    let v = value / 10f64.powi(e);
                    let d = decimals_for(v, 3);
                    format!("{code} {} {}", format_number(v, d), Magnitude::word(e))
                }
                None => format!("{code} {}", format_number(value, decimals_for(value, 2))),
            }
        }
        _ => format!(
            "{} {}",
            format_number(value, decimals_for(value, 3).min(decimals)),
            unit.display(plural)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Mention {
        let q = quantities(text);
        assert_eq!(q.len(), 1, "{text}: {q:#?}");
        q.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    fn check(text: &str, value: f64, unit: Option<Unit>, spanned: &str) {
        let m = one(text);
        assert!(
            close(m.value, value),
            "{text}: value {} != {value}",
            m.value
        );
        assert_eq!(m.unit, unit, "{text}: unit");
        assert_eq!(&text[m.span.clone()], spanned, "{text}: span");
    }

    fn usd() -> Option<Unit> {
        Some(Unit::Currency("USD".into()))
    }

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
        check("a 12-day tour", 12.0, Some(Unit::Day), "12-day");
        check("a five-year plan", 5.0, Some(Unit::Year), "five-year");
        assert!(one("a five-year plan").adjective);
    }

    #[test]
    fn numbers_in_words() {
        check("two of them", 2.0, None, "two");
        check("Twelve ministers", 12.0, None, "Twelve");
        check("a dozen envoys", 12.0, None, "a dozen");
        check(
            "one hundred days",
            100.0,
            Some(Unit::Day),
            "one hundred days",
        );
        check("a quarter of trade", 0.25, None, "a quarter");
        check(
            "twenty-five years on",
            25.0,
            Some(Unit::Year),
            "twenty-five years",
        );
        check(
            "two hundred and fifty km",
            250.0,
            Some(Unit::Km),
            "two hundred and fifty km",
        );
        check("two billion dollars", 2e9, usd(), "two billion dollars");
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

    #[test]
    fn formats() {
        assert_eq!(format_number(3218.688, 0), "3,219");
        assert_eq!(format_number(367.25, 1), "367.3");
        assert_eq!(format_number(100.0 * 3.6725, 1), "367.3");
        assert_eq!(format_quantity(3200.0, &Unit::Km, 0), "3,200 km");
        assert_eq!(
            format_quantity(400e9, &Unit::Currency("USD".into()), 0),
            "USD 400 billion"
        );
        assert_eq!(
            format_quantity(467.3e9, &Unit::Currency("AED".into()), 1),
            "AED 467.3 billion"
        );
        assert_eq!(format_quantity(12.0, &Unit::Day, 0), "12 days");
        assert_eq!(format_quantity(2012.0, &Unit::CalendarYear, 0), "2012");
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
