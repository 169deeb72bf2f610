//! The number parser, two ways:
//! - on arbitrary text, every mention's spans lie inside the text on char
//!   boundaries, nested as documented;
//! - on a quantity written from fuzzed fields into a sentence (digits,
//!   grouped digits, words, a decimal with a magnitude word, a range, a
//!   parenthetical conversion; with or without a unit or currency), the
//!   scanner reads back what a reference model says was written: the
//!   value, the high end, the unit, the number's span and the conversion
//!   link.
#![no_main]

mod calendar;

use calendar::Bytes;
use copydesk::text::numbers::{Mention, Unit, quantities, scan};
use libfuzzer_sys::fuzz_target;
use std::ops::Range;

fn inside(text: &str, span: &Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn free_text(text: &str) {
    for mentions in [scan(text), quantities(text)] {
        for m in &mentions {
            assert!(inside(text, &m.span), "{m:?}");
            assert!(inside(text, &m.number), "{m:?}");
            assert!(
                m.span.start <= m.number.start && m.number.end <= m.span.end,
                "{m:?}"
            );
            if let Some(s) = &m.magnitude_span {
                assert!(inside(text, s), "{m:?}");
            }
            if let Some(i) = m.converts {
                assert!(i < mentions.len(), "{m:?}");
            }
            let _ = (m.precision(), m.centre());
        }
    }
}

const SMALL: [&str; 20] = [
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
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// 0–999 in words, British style ("three hundred and five").
fn words_below_1000(n: u64) -> String {
    let (h, rest) = (n / 100, n % 100);
    let tail = match rest {
        0 => String::new(),
        1..=19 => SMALL[rest as usize].to_string(),
        _ if rest % 10 == 0 => TENS[(rest / 10) as usize].to_string(),
        _ => format!(
            "{}-{}",
            TENS[(rest / 10) as usize],
            SMALL[(rest % 10) as usize]
        ),
    };
    match (h, rest) {
        (0, _) => tail,
        (_, 0) => format!("{} hundred", SMALL[h as usize]),
        _ => format!("{} hundred and {tail}", SMALL[h as usize]),
    }
}

/// Digits in groups of three: "1,234,567".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number as written, its span within the written text and its value.
struct Written {
    text: String,
    number: Range<usize>,
    value: f64,
}

fn number(bytes: &mut Bytes) -> Written {
    let plain = |text: String, value: f64| Written {
        number: 0..text.len(),
        text,
        value,
    };
    match bytes.below(4) {
        // Digits, four at most (longer runs without separators read as ids).
        0 => {
            let n = 1 + bytes.below(9_999);
            plain(n.to_string(), n as f64)
        }
        1 => {
            let n = 1 + bytes.below(999_999_999);
            plain(grouped(n), n as f64)
        }
        2 => {
            let n = 1 + bytes.below(999);
            plain(words_below_1000(n), n as f64)
        }
        // "3.5 million", "12.25bn" ("562.9m" alone is metres).
        _ => {
            let whole = 1 + bytes.below(999);
            let decimals = 1 + bytes.below(2) as usize;
            let frac = bytes.below(10u64.pow(decimals as u32));
            let (word, factor) = *bytes.pick(&[(" million", 1e6), (" billion", 1e9), ("bn", 1e9)]);
            let digits = format!("{whole}.{frac:0decimals$}");
            let value: f64 = digits.parse::<f64>().expect("a decimal") * factor;
            Written {
                number: 0..digits.len(),
                text: format!("{digits}{word}"),
                value,
            }
        }
    }
}

/// How a unit is written after a number, the unit read, and the unit a
/// parenthetical conversion of it is written in.
struct UnitForm {
    text: &'static str,
    unit: fn() -> Option<Unit>,
    converted: Option<&'static str>,
}

const UNITS: [UnitForm; 8] = [
    UnitForm {
        text: "",
        unit: || None,
        converted: None,
    },
    UnitForm {
        text: "km",
        unit: || Some(Unit::Km),
        converted: Some(" miles"),
    },
    UnitForm {
        text: " kilometres",
        unit: || Some(Unit::Km),
        converted: Some(" miles"),
    },
    UnitForm {
        text: " miles",
        unit: || Some(Unit::Mile),
        converted: Some("km"),
    },
    UnitForm {
        text: "%",
        unit: || Some(Unit::Percent),
        converted: None,
    },
    UnitForm {
        text: " per cent",
        unit: || Some(Unit::Percent),
        converted: None,
    },
    UnitForm {
        text: " mph",
        unit: || Some(Unit::Mph),
        converted: Some("km/h"),
    },
    UnitForm {
        text: "km/h",
        unit: || Some(Unit::Kmh),
        converted: Some(" mph"),
    },
];

/// Sentences to write a quantity into: nothing else in them is a number.
const FRAMES: [(&str, &str); 4] = [
    ("The pipeline carries ", " across the steppe."),
    ("Officials counted ", " at the border."),
    ("It is worth ", ", the ministry said."),
    ("(", ") was the figure given."),
];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn structured(bytes: &mut Bytes) {
    let (before, after) = *bytes.pick(&FRAMES);
    let first = number(bytes);
    let digits_only = first.text.bytes().all(|b| b.is_ascii_digit() || b == b',');
    let in_words = first.text.starts_with(|c: char| c.is_ascii_alphabetic());
    let magnitude = !digits_only && !in_words;
    // Units as copy writes them: "five per cent", not "five%"; "3.5 million
    // miles", not "3.5m%".
    let fits = |u: &UnitForm| {
        digits_only
            || u.text.is_empty()
            || (u.text.starts_with(' ') && !(magnitude && u.converted.is_none()))
    };
    let choices: Vec<&UnitForm> = UNITS.iter().filter(|u| fits(u)).collect();
    let form = *bytes.pick(&choices);
    let unit = (form.unit)();
    let shape = bytes.below(4);
    let mut text = before.to_string();
    let whole_start = text.len();
    // A currency sign before a number with no unit: "US$400 billion".
    let currency = unit.is_none() && shape == 1 && !in_words;
    if currency {
        text.push_str("US$");
    }
    let mut number_span = text.len() + first.number.start..text.len() + first.number.end;
    text.push_str(&first.text);
    let mut high = None;
    // A range in digits: "10-12km".
    if shape == 2 && digits_only {
        let second = first.value + 1.0 + bytes.below(50) as f64;
        // Written as the low end is: "7,864,321-7,864,340", "10-12".
        let written = if first.text.contains(',') || second >= 10_000.0 {
            grouped(second as u64)
        } else {
            second.to_string()
        };
        text.push('-');
        number_span = text.len()..text.len() + written.len();
        text.push_str(&written);
        high = Some(second);
    }
    text.push_str(form.text);
    let whole = whole_start..text.len();
    // A parenthetical conversion: "2,000 miles (3,219km)".
    let mut conversion = None;
    if let (3, Some(converted)) = (shape, form.converted) {
        let n = 1 + bytes.below(9_999);
        text.push_str(" (");
        let inner_start = text.len();
        text.push_str(&format!("{n}{converted})"));
        let inner_unit = UNITS
            .iter()
            .find(|u| u.text == converted)
            .and_then(|u| (u.unit)());
        conversion = Some((
            inner_start..inner_start + n.to_string().len(),
            n as f64,
            inner_unit,
        ));
    }
    text.push_str(after);

    let mentions = scan(&text);
    let expected = 1 + usize::from(conversion.is_some());
    assert_eq!(mentions.len(), expected, "{text:?}: {mentions:#?}");
    let m: &Mention = &mentions[0];
    assert_eq!(m.number, number_span, "{text:?}: {m:?}");
    assert_eq!(m.span, whole, "{text:?}: {m:?}");
    assert!(
        close(m.value, first.value),
        "{text:?}: value {} for {}",
        m.value,
        first.value
    );
    match high {
        Some(h) => assert!(m.high.is_some_and(|got| close(got, h)), "{text:?}: {m:?}"),
        None => assert_eq!(m.high, None, "{text:?}"),
    }
    // A bare four-digit number between 1000 and 2999 is a calendar year.
    let year = unit.is_none()
        && !currency
        && high.is_none()
        && first.text.len() == 4
        && digits_only
        && (1000.0..=2999.0).contains(&first.value);
    let expected_unit = if currency {
        Some(Unit::Currency("USD".to_string()))
    } else if year {
        Some(Unit::CalendarYear)
    } else {
        unit
    };
    assert_eq!(m.unit, expected_unit, "{text:?}");
    assert_eq!(m.in_words, in_words, "{text:?}: {m:?}");
    if let Some((span, value, inner_unit)) = conversion {
        let inner = &mentions[1];
        assert_eq!(inner.number, span, "{text:?}");
        assert!(close(inner.value, value), "{text:?}: {inner:?}");
        assert_eq!(inner.unit, inner_unit, "{text:?}");
        assert_eq!(inner.converts, Some(0), "{text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        if let Ok(text) = std::str::from_utf8(rest) {
            free_text(text);
        }
    } else {
        structured(&mut Bytes(rest));
    }
});
