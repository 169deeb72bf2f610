//! The words and bracketed glosses of a quoted passage or of a canonical
//! text: the items that the alignment compares.

use crate::text::normalize_phrase;
use crate::text::quotes::Quotation;
use std::ops::Range;

/// A word or a bracketed gloss of a quotation or of a canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Item {
    /// Normalised, lowercased; a gloss is `[word word]`.
    pub(super) key: String,
    pub(super) span: Range<usize>,
    pub(super) bracket: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Words and bracketed glosses of `pieces` of `text`. Apostrophes and
/// hyphens between letters stay inside a word; every other character
/// (punctuation, marks, an ellipsis) separates words.
pub(super) fn tokenize(text: &str, pieces: &[Range<usize>]) -> Vec<Item> {
    let mut out = Vec::new();
    for piece in pieces {
        let s = &text[piece.clone()];
        let mut i = 0;
        while i < s.len() {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            if c == '['
                && let Some(close) = s[i..].find(']')
            {
                let inner = &s[i + 1..i + close];
                let words: Vec<String> = tokenize_all(inner).into_iter().map(|w| w.key).collect();
                out.push(Item {
                    key: format!("[{}]", words.join(" ")),
                    span: piece.start + i..piece.start + i + close + 1,
                    bracket: true,
                });
                i += close + 1;
                continue;
            }
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let mut end = i;
            let mut chars = s[i..].char_indices().peekable();
            let mut prev_word = false;
            while let Some((k, ch)) = chars.next() {
                let joiner = matches!(ch, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}');
                let next_is_word = chars.peek().is_some_and(|&(_, n)| is_word_char(n));
                if is_word_char(ch) || is_invisible(ch) {
                    end = i + k + ch.len_utf8();
                    prev_word = true;
                } else if joiner && prev_word && next_is_word {
                    prev_word = false;
                } else {
                    break;
                }
            }
            let word = &s[start..end];
            out.push(Item {
                key: word_key(word),
                span: piece.start + start..piece.start + end,
                bracket: false,
            });
            i = end.max(start + c.len_utf8());
        }
    }
    out
}

/// The key of a word: `normalize_phrase(word, true)`, which for a word of
/// ASCII letters, digits, apostrophes and hyphens (no space, no control
/// character) only lowercases it.
fn word_key(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        normalize_phrase(word, true)
    }
}

/// Words and glosses of all of `text`.
pub(super) fn tokenize_all(text: &str) -> Vec<Item> {
    tokenize(text, std::slice::from_ref(&(0..text.len())))
}

/// The words and glosses of a passage, and the range of them each fragment
/// (between ellipses) holds; fragments without a word are left out.
pub(super) fn passage_items(text: &str, q: &Quotation) -> (Vec<Item>, Vec<Range<usize>>) {
    let mut items = Vec::new();
    let mut ranges = Vec::new();
    for f in q.fragments(text) {
        let start = items.len();
        items.extend(tokenize(text, &f));
        if items[start..].iter().any(|it| !it.bracket) {
            ranges.push(start..items.len());
        } else {
            items.truncate(start);
        }
    }
    (items, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ASCII shortcut of `word_key` is `normalize_phrase`.
        #[test]
        fn word_key_is_normalize_phrase(
            word in "[A-Za-z0-9'-]{1,12}|[A-Za-zé’\u{2010}\u{ad}0-9'-]{1,12}",
        ) {
            proptest::prop_assert_eq!(word_key(&word), normalize_phrase(&word, true));
        }
    }

    #[test]
    fn tokenizer_keeps_apostrophes_and_glosses() {
        let text = "China’s “both [the US] trains” … rock-solid";
        let items = tokenize_all(text);
        let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            ["china's", "both", "[the us]", "trains", "rock-solid"]
        );
    }
}
