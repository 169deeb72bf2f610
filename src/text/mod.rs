//! Text preparation shared by every engine: the normalised view and words.

pub mod normalize;
pub mod numbers;
pub mod quotes;
pub mod relative_dates;
pub mod spelling;
mod swar;
pub mod words;

pub use normalize::{NormalizedText, normalize_phrase};
pub use words::{Word, capital_starts, capitalised_words, capitalised_words_at, words};

/// A piece of article text made compact for a finding's `found` and
/// message: white space runs become one space, ends trimmed, and nothing
/// else changed. Control and bidi characters stay as they are: a finding is
/// data (JSON carries the file's bytes, JSON-escaped), and display escaping
/// belongs to the renderers (`render::terminal_safe`), which apply it to
/// every text they print.
pub fn compact_text(s: &str) -> String {
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
        out.push(c);
    }
    out.trim().to_string()
}

/// A piece of article text made safe and compact for a one-line message:
/// white space runs become one space, control and bidi characters are shown
/// as `<U+XXXX>`.
pub fn display_text(s: &str) -> String {
    let compact = compact_text(s);
    if !compact.chars().any(is_unsafe_for_terminal) {
        return compact;
    }
    let mut out = String::with_capacity(compact.len() + 8);
    for c in compact.chars() {
        if is_unsafe_for_terminal(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that must never reach a terminal raw: C0/C1 controls and the
/// bidirectional embedding, override and isolate controls.
pub fn is_unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}
