//! Numbers written in words: "twelve", "a dozen", "one hundred and five",
//! "twenty-five", "a quarter", "two billion".

use super::Mention;
use super::cursor::{char_at, char_before, is_hyphen, is_inline_space, skip_spaces, word_at};
use super::units::{Magnitude, tail_after};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Where a number written in words may start.
pub(super) static WORD_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|half|a\s+(?:dozen|quarter|half|hundred|thousand|million|billion|third|fifth|sixth|seventh|eighth|ninth|tenth))(?-u:\b)",
    )
    .expect("valid regex")
});

/// A number in words at `at`: "twelve", "a dozen", "one hundred",
/// "twenty-five", "a quarter", and fractions: "a third of", "one-fifth",
/// "two-thirds", "three quarters".
pub(super) fn read_words(text: &str, at: usize) -> Option<(Mention, usize)> {
    let mut pos = at;
    let mut total = 0.0;
    let mut current: f64 = 0.0;
    let mut any = false;
    let mut last_end = at;
    let mut article = false;
    let mut fraction = false;
    let mut magnitude: Option<(Magnitude, Range<usize>)> = None;
    while let Some((w, end)) = word_at(text, pos) {
        let small = small_number(&w);
        let share = denominator(&w);
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
            _ if !fraction && let Some((d, plural)) = share => {
                let whole_small = total == 0.0 && current.fract() == 0.0;
                let hyphened = char_before(text, pos).is_some_and(is_hyphen);
                let followed_by_of =
                    word_at(text, skip_spaces(text, end)).is_some_and(|(n, _)| n == "of");
                let fits = if plural {
                    // "two-thirds", "three quarters", "seven tenths".
                    any && whole_small && (2.0..d).contains(&current)
                } else {
                    // "a third of", "one-fifth"; "a third term" is an ordinal.
                    ((article && !any) || (any && whole_small && current == 1.0))
                        && (followed_by_of || hyphened)
                };
                if fits {
                    current = if any { current / d } else { 1.0 / d };
                    any = true;
                    fraction = true;
                } else {
                    consumed = false;
                }
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
                if word_at(text, after)
                    .is_some_and(|(n, _)| small_number(&n).is_some() || denominator(&n).is_some())
                {
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
        ordinal: false,
        counted: None,
    };
    Some((mention, tail.end.max(last_end)))
}

/// A number word under a hundred ("seven", "forty"): the one table of
/// number words, in `counts.rs`.
fn small_number(w: &str) -> Option<f64> {
    super::counts::cardinal(w)
}

/// The denominator a fraction word names, and whether it is plural:
/// "third" (3), "quarters" (4, plural) … "tenth" (10). "half" and "a
/// quarter" are read on their own. `counts.rs` asks it too, to leave
/// "a third of" to the scanner.
pub(super) fn denominator(w: &str) -> Option<(f64, bool)> {
    let (stem, plural) = match w.strip_suffix('s') {
        Some(stem) => (stem, true),
        None => (w, false),
    };
    let d = match stem {
        "third" => 3.0,
        "quarter" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        _ => return None,
    };
    Some((d, plural))
}

#[cfg(test)]
mod tests {
    use crate::text::numbers::Unit;
    use crate::text::numbers::test_support::{check, usd};

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
    fn fractions_in_words() {
        check("a third of the budget", 1.0 / 3.0, None, "a third");
        check("one-fifth of exports", 0.2, None, "one-fifth");
        check("two-thirds of voters", 2.0 / 3.0, None, "two-thirds");
        check("three quarters of it", 0.75, None, "three quarters");
        check("seven tenths of a point", 0.7, None, "seven tenths");
        check("a quarter of trade", 0.25, None, "a quarter");
    }

    #[test]
    fn ordinals_are_no_fractions() {
        use crate::text::numbers::quantities;
        for text in [
            "a third term in office",
            "the fifth of November",
            "twenty-fifth anniversary",
            "one third-party candidate",
        ] {
            assert!(
                quantities(text).iter().all(|m| m.value >= 1.0),
                "{text}: {:?}",
                quantities(text)
            );
        }
    }
}
