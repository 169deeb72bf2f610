//! Words and sentences of the original text, with byte spans.

use super::swar;
use std::ops::Range;
use unicode_normalization::char::is_combining_mark;

/// One word: a maximal run of letters, digits and combining marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// The word begins with an uppercase letter.
    pub capitalized: bool,
    /// The word opens a sentence (first of a line, or after `.`, `!`, `?`,
    /// possibly behind an opening quotation mark or bracket).
    pub sentence_start: bool,
    /// Only white space (no-break spaces and one line break included) lies
    /// between this word and the previous one.
    pub joined_to_previous: bool,
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The commonest non-ASCII characters of prose, the no-break space and
    // general punctuation (curly quotes, dashes, the ellipsis, thin spaces),
    // are answered without a table lookup: that block has no letter,
    // digit or mark.
    if matches!(c, '\u{a0}' | '\u{2000}'..='\u{206f}') {
        return false;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// What an ASCII byte is to the word splitter: not a word character (0),
/// a lowercase letter or digit (1), an uppercase letter (2).
const CLASSES: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' => 1,
            b'A'..=b'Z' => 2,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The end of the word that goes on at byte `i` (`i` itself if none does):
/// eight ASCII letters and digits at a time, then byte by byte, non-ASCII
/// by character.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    while i < n {
        if i + 8 <= n {
            let stop = swar::not_alphanumeric(swar::load(bytes, i));
            if stop == 0 {
                i += 8;
                continue;
            }
            i += swar::first(stop);
        }
        let b = bytes[i];
        if b < 0x80 {
            if CLASSES[b as usize] == 0 {
                break;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("i is a char boundary");
            if !is_word_char(c) {
                break;
            }
            i += c.len_utf8();
        }
    }
    i
}

/// The character that ends at byte `i`.
#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i.checked_sub(1)?)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text[..i].chars().next_back()
    }
}

/// What the characters between two words say about the second one.
#[derive(Clone, Copy)]
struct Gap {
    /// A full stop, `!`, `?`, `…`, `•`, `:` or a line break: the next word
    /// opens a sentence.
    sentence: bool,
    /// Only white space, and at most one line break.
    spaces_only: bool,
    newlines: u32,
}

impl Gap {
    /// The gap right after a word.
    const AFTER_WORD: Gap = Gap {
        sentence: false,
        spaces_only: true,
        newlines: 0,
    };

    fn see(&mut self, c: char) {
        match c {
            ' ' => {}
            '.' | '!' | '?' | '…' | '•' | ':' => self.sentence = true,
            '\n' => {
                // A line start opens a sentence for capitalisation purposes;
                // a single line break may still fall inside a hard-wrapped
                // name, a blank line never does.
                self.sentence = true;
                self.newlines += 1;
                if self.newlines > 1 {
                    self.spaces_only = false;
                }
            }
            c if c.is_whitespace() => {}
            _ => self.spaces_only = false,
        }
    }
}

/// Split `text` into words.
pub fn words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    // The text's start opens a sentence; nothing is joined to it.
    let mut gap = Gap {
        sentence: true,
        spaces_only: false,
        newlines: 0,
    };
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        // Between words: classify the gap.
        let b = bytes[i];
        let (word_char, upper, c, len) = if b < 0x80 {
            let class = CLASSES[b as usize];
            (class != 0, class == 2, b as char, 1)
        } else {
            let c = text[i..].chars().next().expect("i is a char boundary");
            (is_word_char(c), c.is_uppercase(), c, c.len_utf8())
        };
        if !word_char {
            gap.see(c);
            i += len;
            continue;
        }
        // A word: run to its end.
        let start = i;
        i = word_end(text, i + len);
        out.push(Word {
            span: start..i,
            capitalized: upper,
            sentence_start: gap.sentence,
            joined_to_previous: gap.spaces_only && !out.is_empty(),
        });
        gap = Gap::AFTER_WORD;
    }
    out
}

/// The capitalised words of `text`, found without splitting the rest: the
/// words of [`words`] that are capitalised, with the same flags, except that
/// `joined_to_previous` also requires the previous word to be capitalised
/// (so consecutive entries that are joined are neighbours in the text).
pub fn capitalised_words(text: &str) -> Vec<Word> {
    capitalised_words_at(text, &capital_starts(text))
}

/// [`capitalised_words`], given the [`capital_starts`] of `text`: every
/// capitalised word begins at one of them (an uppercase letter that no word
/// character comes before has no ASCII letter or digit before it), so only
/// those places are read, and only the gap before each word to set its
/// flags.
pub fn capitalised_words_at(text: &str, capitals: &[usize]) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut out: Vec<Word> = Vec::with_capacity(capitals.len());
    // The end of the last word found: capitals before it are inside it.
    let mut i = 0;
    for &at in capitals {
        if at < i {
            continue;
        }
        // ASCII bytes are read as they are; other characters decoded.
        let c = match bytes[at] {
            b if b < 0x80 => char::from(b),
            _ => text[at..]
                .chars()
                .next()
                .expect("a capital starts a character"),
        };
        let starts_word = match at.checked_sub(1).map(|p| bytes[p]) {
            None => true,
            Some(b) if b < 0x80 => !b.is_ascii_alphanumeric(),
            Some(_) => char_before(text, at).is_none_or(|p| !is_word_char(p)),
        };
        if !(c.is_uppercase() && starts_word) {
            continue;
        }
        let start = at;
        i = word_end(text, at + c.len_utf8());
        // The gap back to the previous word, read as `words` reads it.
        let mut gap_start = start;
        let mut gap = Gap::AFTER_WORD;
        while gap_start > 0 {
            let b = bytes[gap_start - 1];
            let p = if b < 0x80 {
                char::from(b)
            } else {
                char_before(text, gap_start).expect("a character ends here")
            };
            if is_word_char(p) {
                break;
            }
            gap_start -= p.len_utf8();
            gap.see(p);
        }
        let first = gap_start == 0;
        let joined =
            !first && gap.spaces_only && out.last().is_some_and(|w| w.span.end == gap_start);
        out.push(Word {
            span: start..i,
            capitalized: true,
            sentence_start: first || gap.sentence,
            joined_to_previous: joined,
        });
    }
    out
}

/// The byte offsets, in order, of the capital letters of `text` that no
/// ASCII letter or digit comes right before: every place where a proper
/// noun written with an ASCII capital (or a headline in capitals) can
/// begin. A superset of word starts; the caller checks boundaries itself.
///
/// A capital is an ASCII `A`–`Z` or any uppercase non-ASCII character (the
/// Kelvin sign and dotted `İ` read as ASCII letters once normalised). The
/// text is read eight bytes at a time, once: every capital or non-ASCII
/// byte of a block is taken from the block's mask in turn.
pub fn capital_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Prose has a capital every 25 bytes or so.
    let mut out = Vec::with_capacity(n / 16);
    // Bytes before this one belong to a character already read.
    let mut next_char = 0;
    let mut take = |at: usize, out: &mut Vec<usize>| {
        if at < next_char {
            return;
        }
        let b = bytes[at];
        let capital = if b < 0x80 {
            b.is_ascii_uppercase()
        } else if !text.is_char_boundary(at) {
            false
        } else {
            let c = text[at..].chars().next().expect("at is a char boundary");
            next_char = at + c.len_utf8();
            c.is_uppercase()
        };
        if capital && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric()) {
            out.push(at);
        }
    };
    let mut i = 0;
    while i + 8 <= n {
        let mut mask = swar::capital_or_not_ascii(swar::load(bytes, i));
        while mask != 0 {
            take(i + swar::first(mask), &mut out);
            mask &= mask - 1;
        }
        i += 8;
    }
    for (at, &b) in bytes.iter().enumerate().skip(i) {
        if b.is_ascii_uppercase() || b >= 0x80 {
            take(at, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_punctuation_has_no_word_character() {
        for c in std::iter::once('\u{a0}').chain('\u{2000}'..='\u{206f}') {
            assert!(!(c.is_alphanumeric() || is_combining_mark(c)), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The block-mask scan finds what a character-by-character reading
        /// of the definition finds.
        #[test]
        fn capital_starts_agree_with_a_char_loop(
            text in "[a-zA-Z0-9 .,'’“\u{a0}\u{212a}İÉéλΛ王\u{301}\n]{0,60}",
        ) {
            let expected: Vec<usize> = text
                .char_indices()
                .filter(|&(i, c)| {
                    c.is_uppercase() && (i == 0 || !text.as_bytes()[i - 1].is_ascii_alphanumeric())
                })
                .map(|(i, _)| i)
                .collect();
            proptest::prop_assert_eq!(capital_starts(&text), expected);
        }
    }

    #[test]
    fn capital_starts_skip_capitals_inside_words() {
        let text = "The NATO chief, McKay, met \u{212a}elvin and İsmail in Éze.";
        let starts: Vec<char> = capital_starts(text)
            .into_iter()
            .map(|i| text[i..].chars().next().unwrap())
            .collect();
        assert_eq!(starts, ['T', 'N', 'M', '\u{212a}', 'İ', 'É']);
    }

    /// The plain char-by-char splitter that [`words`] must agree with.
    fn words_by_char(text: &str) -> Vec<Word> {
        let mut out: Vec<Word> = Vec::new();
        let mut sentence_start = true;
        let mut gap_is_space = false;
        let mut newlines = 0;
        let mut current: Option<(usize, bool)> = None;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                if current.is_none() {
                    current = Some((i, c.is_uppercase()));
                }
                continue;
            }
            if let Some((start, capitalized)) = current.take() {
                out.push(Word {
                    span: start..i,
                    capitalized,
                    sentence_start,
                    joined_to_previous: gap_is_space && !out.is_empty(),
                });
                sentence_start = false;
                gap_is_space = true;
                newlines = 0;
            }
            match c {
                '.' | '!' | '?' | '…' | '•' | ':' => sentence_start = true,
                '\n' => {
                    sentence_start = true;
                    newlines += 1;
                    if newlines > 1 {
                        gap_is_space = false;
                    }
                }
                c if c.is_whitespace() => {}
                _ => gap_is_space = false,
            }
        }
        if let Some((start, capitalized)) = current {
            out.push(Word {
                span: start..text.len(),
                capitalized,
                sentence_start,
                joined_to_previous: gap_is_space && !out.is_empty(),
            });
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn capitalised_words_are_the_capitalised_words(
            text in "[a-zA-Z0-9 .!?:,\n\t\u{a0}\u{2019}\u{201c}\u{301}\u{2026}\u{2022}éÉİ王毅-]{0,60}",
        ) {
            let all = words(&text);
            let expected: Vec<Word> = all
                .iter()
                .enumerate()
                .filter(|(_, w)| w.capitalized)
                .map(|(k, w)| Word {
                    joined_to_previous: w.joined_to_previous && all[k - 1].capitalized,
                    ..w.clone()
                })
                .collect();
            proptest::prop_assert_eq!(capitalised_words(&text), expected);
        }

        #[test]
        fn byte_splitter_agrees_with_char_splitter(
            text in "[a-zA-Z0-9 .!?:,\n\t\u{a0}\u{2019}\u{201c}\u{301}\u{2026}\u{2022}éÉİ王毅-]{0,60}",
        ) {
            proptest::prop_assert_eq!(words(&text), words_by_char(&text));
        }
    }

    fn texts<'a>(text: &'a str, ws: &[Word]) -> Vec<&'a str> {
        ws.iter().map(|w| &text[w.span.clone()]).collect()
    }

    #[test]
    fn splits_on_punctuation_and_spaces() {
        let text = "Moscow’s “Wang\u{a0}Yi (王毅)” said—no.";
        let ws = words(text);
        assert_eq!(
            texts(text, &ws),
            ["Moscow", "s", "Wang", "Yi", "王毅", "said", "no"]
        );
        assert!(ws[3].joined_to_previous, "a no-break space joins a name");
        assert!(!ws[4].joined_to_previous, "a bracket breaks a name");
    }

    #[test]
    fn knows_where_sentences_start() {
        let text = "It rained. “Lavrov spoke.\nPutin";
        let ws = words(text);
        let starts: Vec<bool> = ws.iter().map(|w| w.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, true]);
    }

    #[test]
    fn a_single_line_break_joins_a_blank_line_does_not() {
        let text = "Dmitry\nMedvedev\n\nPutin";
        let ws = words(text);
        assert!(ws[1].joined_to_previous);
        assert!(!ws[2].joined_to_previous);
    }
}
