//! Text preparation shared by every engine: the normalised view and words.

pub mod normalize;
pub mod numbers;
pub mod quotes;
pub mod relative_dates;
pub mod spelling;
mod swar;
pub mod words;

pub use normalize::{NormalizedText, normalize_phrase};
pub use words::{
    Word, capital_starts, capitalised_words, capitalised_words_at, sentence_bounds, words,
};

/// Where each of `phrases` (normalised, lowercase) occurs at word boundaries
/// in `text[within]`: (phrase index, byte span in `text`).
pub fn phrases_in(
    text: &str,
    within: std::ops::Range<usize>,
    phrases: &[String],
) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let Some(part) = text.get(within.clone()) else {
        return out;
    };
    let view = NormalizedText::new(part, true);
    for (i, phrase) in phrases.iter().enumerate() {
        if phrase.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(at) = view.text[from..].find(phrase.as_str()) {
            let at = from + at;
            let end = at + phrase.len();
            let before_ok = view.text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = view.text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                let inner = view.original_span(at..end);
                out.push((i, within.start + inner.start..within.start + inner.end));
            }
            from = end;
        }
    }
    out
}

/// Byte ranges of `text[from..]` inside double quotation marks (“…” or
/// "…"); an unclosed quotation runs to the end of its line.
pub fn quoted_ranges(text: &str, from: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let Some(hay) = text.get(from..) else {
        return out;
    };
    // Only `"`, a line break and the curly marks (lead byte 0xE2) matter:
    // jump from one to the next.
    let bytes = hay.as_bytes();
    let mut i = 0;
    while let Some(k) = memchr::memchr3(b'"', b'\n', 0xE2, &bytes[i..]) {
        let at = i + k;
        let c = match bytes[at] {
            b'"' => '"',
            b'\n' => '\n',
            _ => hay[at..].chars().next().unwrap_or_default(),
        };
        let len = c.len_utf8().max(1);
        let abs = from + at;
        match (c, open) {
            ('“', _) => open = Some(abs),
            ('”', Some(s)) => {
                out.push(s..abs + len);
                open = None;
            }
            ('"', None) => open = Some(abs),
            ('"', Some(s)) => {
                out.push(s..abs + 1);
                open = None;
            }
            ('\n', Some(s)) => {
                out.push(s..abs);
                open = None;
            }
            _ => {}
        }
        i = at + len;
    }
    if let Some(s) = open {
        out.push(s..text.len());
    }
    out
}

/// A piece of article text made safe and compact for a one-line message:
/// white space runs become one space, control and bidi characters are shown
/// as `<U+XXXX>`.
pub fn display_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        if is_unsafe_for_terminal(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Characters that must never reach a terminal raw: C0/C1 controls and the
/// bidirectional embedding, override and isolate controls.
pub fn is_unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain char-by-char walk that [`quoted_ranges`] must agree with.
    fn quoted_ranges_by_char(text: &str, from: usize) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut open: Option<usize> = None;
        let Some(hay) = text.get(from..) else {
            return out;
        };
        for (i, c) in hay.char_indices() {
            let at = from + i;
            match (c, open) {
                ('“', _) => open = Some(at),
                ('”', Some(s)) => {
                    out.push(s..at + c.len_utf8());
                    open = None;
                }
                ('"', None) => open = Some(at),
                ('"', Some(s)) => {
                    out.push(s..at + 1);
                    open = None;
                }
                ('\n', Some(s)) => {
                    out.push(s..at);
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(s) = open {
            out.push(s..text.len());
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn mark_skipping_agrees_with_char_walk(
            text in "[a-z .\n\"'\u{2018}\u{2019}\u{201c}\u{201d}\u{2026}\u{2014}é王]{0,60}",
            from in 0usize..70,
        ) {
            proptest::prop_assert_eq!(quoted_ranges(&text, from), quoted_ranges_by_char(&text, from));
        }
    }
}
