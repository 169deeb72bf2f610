//! What the scanner leaves out but `compare` compares: ordinals ("fifth",
//! "21st", "twenty-first", "World War II", "Elizabeth II") and counts
//! written as hyphenated adjectives of a noun that is no unit
//! ("four-nation", "three-country", "12-member", "two-time").
//!
//! Both are found by one regex pass each, so the time is linear in the
//! text. Dates ("5th March", "March 5th") are not told apart here: the
//! time expressions that `compare` reads first take those words.

use super::Mention;
use super::cursor::{char_at, char_before, is_hyphen};
use super::units::tail_after;
use regex::Regex;
use std::sync::LazyLock;

const ONES: [&str; 20] = [
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

const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

const ORDINAL_ONES: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

const ORDINAL_TENS: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// A cardinal word's value ("seven", "forty").
pub(super) fn cardinal(w: &str) -> Option<f64> {
    let w = w.to_ascii_lowercase();
    if let Some(i) = ONES.iter().position(|o| *o == w) {
        return Some(i as f64);
    }
    TENS.iter()
        .position(|t| *t == w)
        .map(|i| (i as f64 + 2.0) * 10.0)
}

/// An ordinal word's value ("seventh", "fortieth", "hundredth").
fn ordinal_word(w: &str) -> Option<f64> {
    let w = w.to_ascii_lowercase();
    if let Some(i) = ORDINAL_ONES.iter().position(|o| *o == w) {
        return Some(i as f64);
    }
    if let Some(i) = ORDINAL_TENS.iter().position(|t| *t == w) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    match w.as_str() {
        "hundredth" => Some(100.0),
        "thousandth" => Some(1000.0),
        _ => None,
    }
}

/// The value of a roman numeral of I, V and X (1–39).
fn roman(s: &str) -> Option<f64> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let values: Vec<i32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    // Only the canonical spelling of the value ("IIII" and "VX" are no numerals).
    (total > 0 && to_roman(total) == s).then_some(f64::from(total))
}

fn to_roman(mut n: i32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    let ones = ORDINAL_ONES[1..].join("|");
    let tens = ORDINAL_TENS.join("|");
    let cardinal_tens = TENS.join("|");
    let units = ORDINAL_ONES[1..10].join("|");
    Regex::new(&format!(
        r"(?i)\b(?:(?P<compound>(?:{cardinal_tens})[-\u{{2010}}\u{{2011}}](?:{units}))|(?P<word>{ones}|{tens}|hundredth|thousandth)|(?P<digits>\d{{1,6}})(?P<suffix>st|nd|rd|th))\b|(?-i:\b(?P<before>[A-Z][a-z]+)\s(?P<roman>[IVX]{{1,6}})\b)"
    ))
    .expect("valid regex")
});

/// A mention of `value` at `span`, with no unit.
fn bare(span: std::ops::Range<usize>, value: f64, in_words: bool, ordinal: bool) -> Mention {
    Mention {
        number: span.clone(),
        span,
        magnitude_span: None,
        value,
        high: None,
        magnitude: None,
        unit: None,
        decimals: 0,
        in_words,
        adjective: false,
        converts: None,
        ordinal,
        counted: None,
    }
}

/// Whether the digit ordinal suffix agrees with its number ("1st", "22nd",
/// "13th"; not "1th" or "3st").
fn suffix_fits(digits: &str, suffix: &str) -> bool {
    let n: u64 = digits.parse().unwrap_or(0);
    let want = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    suffix.eq_ignore_ascii_case(want)
}

/// Every ordinal in `text`, in text order: words ("fifth", "twenty-first"),
/// digits with their suffix ("21st"), and roman numerals after a
/// capitalised word ("World War II", "Elizabeth II"; a lone "I" only after
/// "War", "V" and "X" never alone).
pub fn ordinals(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for caps in ORDINAL.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        // Glued to other letters, digits or hyphens on the left: a code, not an ordinal.
        if char_before(text, whole.start())
            .is_some_and(|c| c.is_alphanumeric() || is_hyphen(c) || c == '.')
        {
            continue;
        }
        if let Some(m) = caps.name("compound") {
            let mut parts = m.as_str().split(|c: char| is_hyphen(c));
            let (Some(t), Some(o)) = (parts.next(), parts.next()) else {
                continue;
            };
            let (Some(t), Some(o)) = (cardinal(t), ordinal_word(o)) else {
                continue;
            };
            out.push(bare(m.range(), t + o, true, true));
        } else if let Some(m) = caps.name("word") {
            let Some(v) = ordinal_word(m.as_str()) else {
                continue;
            };
            // "second" the unit of time: "30 second", "a split second", "seconds".
            if m.as_str().eq_ignore_ascii_case("second") && !second_is_ordinal(text, m.range()) {
                continue;
            }
            // "a third of", "one fifth of": a fraction, which the scanner reads.
            if is_fraction_word(text, m.range()) {
                continue;
            }
            out.push(bare(m.range(), v, true, true));
        } else if let (Some(d), Some(s)) = (caps.name("digits"), caps.name("suffix")) {
            if !suffix_fits(d.as_str(), s.as_str()) {
                continue;
            }
            let Ok(v) = d.as_str().parse::<f64>() else {
                continue;
            };
            let mut m = bare(whole.range(), v, false, true);
            m.number = d.range();
            out.push(m);
        } else if let (Some(b), Some(r)) = (caps.name("before"), caps.name("roman")) {
            let numeral = r.as_str();
            let allowed = numeral.len() >= 2 || (numeral == "I" && b.as_str() == "War");
            // Followed by more capitals or letters ("II" of "IIX", "XI Jinping"): no numeral.
            let glued = char_at(text, r.end()).is_some_and(|c| c.is_alphanumeric());
            if !allowed || glued {
                continue;
            }
            let Some(v) = roman(numeral) else { continue };
            out.push(bare(r.range(), v, false, true));
        }
    }
    out
}

/// The ordinal word over `at` ("third" … "tenth") is a fraction: "a third
/// of", "one fifth of" (the scanner's own fraction words).
fn is_fraction_word(text: &str, at: std::ops::Range<usize>) -> bool {
    let word = text[at.clone()].to_ascii_lowercase();
    if super::in_words::denominator(&word).is_none_or(|(_, plural)| plural) {
        return false;
    }
    let prev = text[..at.start]
        .split_whitespace()
        .next_back()
        .map(str::to_ascii_lowercase);
    let next = text[at.end..]
        .split_whitespace()
        .next()
        .map(str::to_ascii_lowercase);
    matches!(prev.as_deref(), Some("a" | "one")) && next.as_deref() == Some("of")
}

/// "second" over `at` is the ordinal, not the unit of time ("30 second",
/// "a split second", "in a second.").
fn second_is_ordinal(text: &str, at: std::ops::Range<usize>) -> bool {
    let prev = text[..at.start]
        .split_whitespace()
        .next_back()
        .map(str::to_ascii_lowercase);
    let next = text[at.end..].split_whitespace().next();
    let next_is_word = next.is_some_and(|n| {
        n.chars().next().is_some_and(char::is_lowercase) && !matches!(n, "ago" | "later")
    });
    match prev.as_deref() {
        Some("split" | "per" | "every" | "one" | "few") => false,
        Some(p) if p.chars().all(|c| c.is_ascii_digit() || c == ',') => false,
        Some(p) if cardinal(p).is_some() => false,
        Some("a") => next_is_word,
        _ => true,
    }
}

static HYPHEN_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let ones = ONES[1..].join("|");
    let tens = TENS.join("|");
    let units = ONES[1..10].join("|");
    Regex::new(&format!(
        r"(?i)\b(?P<n>\d{{1,4}}|(?:{tens})(?:[-\u{{2010}}\u{{2011}}](?:{units}))?|{ones}|dozen)[-\u{{2010}}\u{{2011}}](?P<noun>[a-z]+)\b"
    ))
    .expect("valid regex")
});

/// Nouns after a hyphen that make no count: "one-off", "two-fold",
/// "three-quarters", "two-thirds", "three-dimensional", "one-sided".
const NO_COUNT: &[&str] = &[
    "off",
    "fold",
    "third",
    "thirds",
    "quarter",
    "quarters",
    "half",
    "halves",
    "fifths",
    "tenths",
    "dimensional",
    "sided",
    "faced",
    "handed",
    "way",
    "eyed",
    "on",
    "up",
    "and",
    "or",
    "to",
    "for",
];

/// Counts written as a hyphenated adjective whose noun is no unit:
/// "four-nation", "three-country", "12-member", "two-time"; the noun,
/// lowercased and in the singular, is the mention's `counted`.
pub fn hyphenated_counts(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for caps in HYPHEN_COUNT.captures_iter(text) {
        let (Some(whole), Some(n), Some(noun)) = (caps.get(0), caps.name("n"), caps.name("noun"))
        else {
            continue;
        };
        if char_before(text, whole.start())
            .is_some_and(|c| c.is_alphanumeric() || is_hyphen(c) || matches!(c, '.' | ',' | '/'))
        {
            continue;
        }
        // "three-year-old": the scanner reads "three-year" already; a noun
        // that is a unit is the scanner's.
        if tail_after(text, n.end(), None).is_some() {
            continue;
        }
        let noun_text = noun.as_str().to_ascii_lowercase();
        if NO_COUNT.contains(&noun_text.as_str())
            || cardinal(&noun_text).is_some()
            || ordinal_word(&noun_text).is_some()
        {
            continue;
        }
        let raw = n.as_str();
        let value = if raw.bytes().all(|b| b.is_ascii_digit()) {
            match raw.parse::<f64>() {
                Ok(v) if !(raw.len() > 1 && raw.starts_with('0')) => v,
                _ => continue,
            }
        } else if raw.eq_ignore_ascii_case("dozen") {
            12.0
        } else {
            let mut parts = raw.split(|c: char| is_hyphen(c));
            let first = parts.next().and_then(cardinal);
            let second = parts.next().map(cardinal);
            match (first, second) {
                (Some(a), None) => a,
                (Some(a), Some(Some(b))) => a + b,
                _ => continue,
            }
        };
        let mut m = bare(
            n.start()..noun.end(),
            value,
            !raw.as_bytes()[0].is_ascii_digit(),
            false,
        );
        m.number = n.range();
        m.adjective = true;
        m.counted = Some(singular(&noun_text));
        out.push(m);
    }
    out
}

/// A count noun in the singular, lowercased: "people" → "person",
/// "countries" → "country", "terms" → "term", "nations" → "nation".
pub fn singular(noun: &str) -> String {
    let n = noun.to_lowercase();
    let irregular = match n.as_str() {
        "people" | "persons" => Some("person"),
        "children" => Some("child"),
        "men" => Some("man"),
        "women" => Some("woman"),
        "mice" => Some("mouse"),
        "geese" => Some("goose"),
        "teeth" => Some("tooth"),
        _ => None,
    };
    if let Some(i) = irregular {
        return i.to_string();
    }
    if n.len() > 4 && n.ends_with("ies") {
        return format!("{}y", &n[..n.len() - 3]);
    }
    for end in ["sses", "ches", "shes", "xes"] {
        if n.len() > end.len() + 1 && n.ends_with(end) {
            return n[..n.len() - 2].to_string();
        }
    }
    if n.len() > 3 && n.ends_with('s') && !n.ends_with("ss") && !n.ends_with("us") {
        return n[..n.len() - 1].to_string();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(found: &[Mention], text: &str) -> Vec<(String, f64)> {
        found
            .iter()
            .map(|m| (text[m.span.clone()].to_string(), m.value))
            .collect()
    }

    #[test]
    fn ordinals_in_words_digits_and_roman_numerals() {
        let text = "the fifth test, the twenty-first summit, the 21st and 2nd rounds, World War II and World War I, Elizabeth II, the Second World War";
        let found = ordinals(text);
        assert_eq!(
            values(&found, text),
            [
                ("fifth".to_string(), 5.0),
                ("twenty-first".into(), 21.0),
                ("21st".into(), 21.0),
                ("2nd".into(), 2.0),
                ("II".into(), 2.0),
                ("I".into(), 1.0),
                ("II".into(), 2.0),
                ("Second".into(), 2.0),
            ]
        );
        assert!(found.iter().all(|m| m.ordinal && m.unit.is_none()));
    }

    #[test]
    fn what_is_no_ordinal() {
        for text in [
            "a 30 second clip",
            "in a split second",
            "two seconds later",
            "the 1th and 3st",
            "Malcolm X and Model V",
            "I think I will",
            "Xi Jinping",
            "COVID-19th",
            "a third of the budget",
            "one fifth of exports",
        ] {
            assert!(ordinals(text).is_empty(), "{text}: {:?}", ordinals(text));
        }
    }

    #[test]
    fn hyphenated_counts_with_their_noun() {
        let text = "a four-nation tour, a three-country visit, the 12-member board, a two-time winner, a twenty-five-seat lead";
        let found = hyphenated_counts(text);
        let got: Vec<(f64, Option<String>)> =
            found.iter().map(|m| (m.value, m.counted.clone())).collect();
        assert_eq!(
            got,
            [
                (4.0, Some("nation".into())),
                (3.0, Some("country".into())),
                (12.0, Some("member".into())),
                (2.0, Some("time".into())),
                (25.0, Some("seat".into())),
            ]
        );
        assert_eq!(&text[found[0].span.clone()], "four-nation");
    }

    #[test]
    fn hyphenated_words_that_count_nothing() {
        for text in [
            "a one-off visit",
            "a two-fold rise",
            "three-quarters of voters",
            "two-thirds of them",
            "a three-dimensional model",
            "a five-year plan",
            "a 12-day tour",
            "the twenty-fifth time",
            "COVID-19-related",
        ] {
            assert!(
                hyphenated_counts(text).is_empty(),
                "{text}: {:?}",
                hyphenated_counts(text)
            );
        }
    }

    #[test]
    fn nouns_in_the_singular() {
        assert_eq!(singular("countries"), "country");
        assert_eq!(singular("People"), "person");
        assert_eq!(singular("terms"), "term");
        assert_eq!(singular("games"), "game");
        assert_eq!(singular("churches"), "church");
        assert_eq!(singular("bus"), "bus");
        assert_eq!(singular("glass"), "glass");
    }
}
