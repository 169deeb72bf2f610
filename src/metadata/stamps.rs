//! CMS publication stamps in the text ("PUBLISHED : Monday, 30 October,
//! 2017, 4:24pm", "date 2017-05-27"): the weakest source of a version's
//! publication date, and what the `date-stamp` check compares with it.

use crate::text::relative_dates::{find_weekday_dates, parse_month};
use jiff::civil::Date;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A CMS publication stamp in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Byte span of the stamp ("PUBLISHED : Monday, 20 November, 2017").
    pub span: Range<usize>,
    /// The date it gives.
    pub date: Date,
}

/// A stamp's keyword, in ASCII letters of either case.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(?:published|posted|date)\b[ \t]*:?[ \t]*")
        .expect("stamp pattern is valid")
});

/// Whether a text whose lowercase normalised view is `lower_view` may hold
/// a stamp: its keyword, ASCII letters, is in the view in lowercase.
/// Looking for three lowercase words costs far less than the
/// case-insensitive search, and most texts hold none of them.
pub fn may_hold_stamp(lower_view: &str) -> bool {
    // Teddy (SIMD) when the machine has it, else three `memmem` scans.
    static KEYWORDS: LazyLock<Option<aho_corasick::packed::Searcher>> =
        LazyLock::new(|| aho_corasick::packed::Searcher::new(["date", "posted", "published"]));
    match KEYWORDS.as_ref() {
        Some(teddy) => teddy.find(lower_view).is_some(),
        None => ["date", "posted", "published"]
            .iter()
            .any(|k| memchr::memmem::find(lower_view.as_bytes(), k.as_bytes()).is_some()),
    }
}

static ISO_OR_LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\d{4})-(\d{2})-(\d{2})(?-u:\b)|(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4})(?-u:\b))")
        .expect("stamp date pattern is valid")
});

/// CMS stamps in `text` from byte `from` on.
pub fn find_stamps(text: &str, from: usize) -> Vec<Stamp> {
    let mut out = Vec::new();
    let Some(hay) = text.get(from..) else {
        return out;
    };
    for m in STAMP.find_iter(hay) {
        let rest = &hay[m.end()..];
        let start = from + m.start();
        if let Some(wd) = find_weekday_dates(rest).into_iter().next()
            && wd.span.start == 0
            && let Some(date) = wd.date
        {
            out.push(Stamp {
                span: start..from + m.end() + wd.span.end,
                date,
            });
            continue;
        }
        if let Some(c) = ISO_OR_LONG.captures(rest) {
            let num = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<i16>().ok());
            let date = if let (Some(y), Some(mo), Some(d)) = (num(1), num(2), num(3)) {
                Date::new(y, mo as i8, d as i8).ok()
            } else {
                let month = c.get(5).and_then(|g| parse_month(g.as_str()));
                match (num(6), month, num(4)) {
                    (Some(y), Some(mo), Some(d)) => Date::new(y, mo, d as i8).ok(),
                    _ => None,
                }
            };
            if let (Some(date), Some(whole)) = (date, c.get(0)) {
                out.push(Stamp {
                    span: start..from + m.end() + whole.end(),
                    date,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn stamps_in_text() {
        let text =
            "Title\n\nPUBLISHED : Monday, 20 November, 2017, 9:05am\n\nand date 2017-05-27 too";
        let stamps = find_stamps(text, 0);
        assert_eq!(stamps.len(), 2, "{stamps:?}");
        assert_eq!(stamps[0].date, date(2017, 11, 20));
        assert_eq!(
            &text[stamps[0].span.clone()],
            "PUBLISHED : Monday, 20 November, 2017"
        );
        assert_eq!(stamps[1].date, date(2017, 5, 27));
        assert!(find_stamps("the date of the talks", 0).is_empty());
    }

    #[test]
    fn the_view_rules_out_texts_with_no_stamp_keyword() {
        let view = |t: &str| crate::text::NormalizedText::new(t, true).text;
        assert!(may_hold_stamp(&view(
            "PUBLISHED : Monday, 20 November, 2017"
        )));
        assert!(may_hold_stamp(&view("Posted: 2017-05-27")));
        assert!(may_hold_stamp(&view("DATE\u{a0}2017-05-27")));
        assert!(!may_hold_stamp(&view("Trade rose 20 per cent last year.")));
    }
}
