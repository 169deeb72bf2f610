//! Reading at a byte offset of the text: the characters around it, the
//! spaces between a number and its unit, the ASCII word that starts there.

pub(super) fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

pub(super) fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// Spaces allowed between a number and its unit: space, no-break, thin,
/// narrow no-break.
pub(super) fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}')
}

/// Skip at most two inline spaces; returns the new offset.
pub(super) fn skip_spaces(text: &str, mut at: usize) -> usize {
    for _ in 0..2 {
        match char_at(text, at) {
            Some(c) if is_inline_space(c) => at += c.len_utf8(),
            _ => break,
        }
    }
    at
}

pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

pub(super) fn is_range_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// The ASCII letters word at `at` (lowercased) and its end.
pub(super) fn word_at(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = text.get(at..)?;
    // Bytes of non-ASCII characters are never ASCII letters either.
    let len = rest
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    (len > 0).then(|| (rest[..len].to_ascii_lowercase(), at + len))
}
