//! Han glosses of romanised names: "Wang Yi (王毅)" — does the name read as
//! its characters do in Hanyu Pinyin?
//!
//! The readings are the `pinyin` crate's (every reading of a character
//! with several, so a heteronym matches any of them). A name is compared
//! toneless and case-insensitive, its syllables spaced, joined or
//! hyphenated, in the Chinese order (surname first, "Xi Jinping") or the
//! Western one ("Yi Wang"). A name that is no Hanyu Pinyin at all (a
//! Cantonese "Wong", a Wade–Giles "Ma Ying-jeou", a Japanese reading) is
//! [`GlossMatch::Unrelated`]: its gloss is not judged.

use pinyin::{ToPinyin, ToPinyinMulti};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// How a romanised name relates to the Han characters glossing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlossMatch {
    /// The name reads as the characters do.
    Matches,
    /// The name is pinyin of the characters' shape, part of it reads as
    /// they do, and part does not: a romanisation gone wrong.
    Differs {
        /// The characters' reading, written in the name's order and style
        /// ("Wang Yi", "Xi Jinping").
        expected: String,
        /// The same with tone marks ("Wáng Yì").
        toned: String,
    },
    /// No reading of the characters is recognisable in the name: another
    /// romanisation, a translation, or characters with no known reading.
    Unrelated,
}

/// Most characters a name gloss has (a surname of two and a given name of
/// two, with room for a middle dot).
const MAX_GLOSS: usize = 6;

/// Is `c` a Han character (CJK unified ideographs and their extensions,
/// compatibility ideographs)?
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A gloss of Han characters in parentheses that begins at `at` in `text`
/// (after white space): "(王毅)", "（王毅）". Its characters' span, inside
/// the parentheses.
pub fn gloss_at(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = text.get(at..)?;
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{2009}', '\u{202f}']);
    let open = at + (rest.len() - trimmed.len());
    let mut chars = trimmed.char_indices();
    let (_, o) = chars.next()?;
    if !matches!(o, '(' | '（') {
        return None;
    }
    let start = open + o.len_utf8();
    for (n, (i, c)) in chars.enumerate() {
        if matches!(c, ')' | '）') {
            return (n > 0).then_some(start..open + i);
        }
        if !(is_han(c) || c == '·') || n == MAX_GLOSS {
            return None;
        }
    }
    None
}

/// Every reading of each character of `han` (plain, toneless, lowercase,
/// ü as u), the middle dot skipped; `None` when a character has no reading.
fn readings(han: &str) -> Option<Vec<Vec<String>>> {
    han.chars()
        .filter(|&c| c != '·')
        .map(|c| {
            let multi = c.to_pinyin_multi()?;
            let mut all: Vec<String> = multi.into_iter().map(|p| fold(p.plain())).collect();
            all.dedup();
            Some(all)
        })
        .collect()
}

/// Lowercase ASCII letters of `s`: accents and tone marks dropped, ü as u,
/// hyphens, apostrophes and spaces removed.
fn fold(s: &str) -> String {
    s.nfd()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Every syllable any character reads as.
static SYLLABLES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    (0x4E00u32..=0x9FFF)
        .filter_map(char::from_u32)
        .filter_map(|c| c.to_pinyin_multi())
        .flat_map(|m| m.into_iter().map(|p| fold(p.plain())))
        // The interjections "ng", "m", "hm" are no syllable of a name.
        .filter(|s| s.contains(['a', 'e', 'i', 'o', 'u']))
        .collect()
});

/// Can `word` be read as exactly `n` pinyin syllables?
fn syllables(word: &str, n: usize) -> bool {
    // reach[k][i]: the first i letters are k syllables.
    let len = word.len();
    let mut reach = vec![vec![false; len + 1]; n + 1];
    reach[0][0] = true;
    for k in 0..n {
        for i in 0..len {
            if !reach[k][i] {
                continue;
            }
            for j in i + 1..=(i + 6).min(len) {
                if SYLLABLES.contains(&word[i..j]) {
                    reach[k + 1][j] = true;
                }
            }
        }
    }
    reach[n][len]
}

/// Does `word` read as the characters `group` (one reading of each, in order)?
fn reads_as(word: &str, group: &[Vec<String>]) -> bool {
    let Some((first, rest)) = group.split_first() else {
        return word.is_empty();
    };
    first.iter().any(|r| {
        word.strip_prefix(r.as_str())
            .is_some_and(|w| reads_as(w, rest))
    })
}

/// Ways of cutting `n` characters into `k` runs of one to three, in order.
fn cuts(n: usize, k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return if n == 0 { vec![Vec::new()] } else { Vec::new() };
    }
    let mut out = Vec::new();
    for first in 1..=3.min(n) {
        for mut rest in cuts(n - first, k - 1) {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

/// How the name written as `words` (titles already dropped) relates to the
/// Han characters `han` that gloss it.
pub fn match_name(words: &[&str], han: &str) -> GlossMatch {
    let Some(chars) = readings(han) else {
        return GlossMatch::Unrelated;
    };
    if words.is_empty() || words.len() > chars.len() || chars.len() > MAX_GLOSS {
        return GlossMatch::Unrelated;
    }
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    if folded.iter().any(String::is_empty) {
        return GlossMatch::Unrelated;
    }
    // A hyphenated given name ("Ing-wen", "Jae-in") is Wade–Giles or
    // Korean, not Hanyu Pinyin: only a full match is judged.
    let hyphenated = words.iter().any(|w| w.contains(['-', '‐']));
    // The Chinese order, then the Western one (the surname last).
    let mut orders: Vec<Vec<usize>> = vec![(0..folded.len()).collect()];
    if folded.len() > 1 {
        let mut western: Vec<usize> = vec![folded.len() - 1];
        western.extend(0..folded.len() - 1);
        orders.push(western);
    }
    let mut differs: Option<(Vec<usize>, Vec<usize>)> = None;
    for order in &orders {
        for cut in cuts(chars.len(), folded.len()) {
            let mut at = 0;
            let mut matched = 0;
            let mut plausible = true;
            for (slot, &len) in cut.iter().enumerate() {
                let group = &chars[at..at + len];
                let word = &folded[order[slot]];
                if reads_as(word, group) {
                    matched += 1;
                } else if !syllables(word, len) {
                    plausible = false;
                }
                at += len;
            }
            if matched == folded.len() {
                return GlossMatch::Matches;
            }
            if matched > 0 && plausible && !hyphenated && differs.is_none() {
                differs = Some((order.clone(), cut.clone()));
            }
        }
    }
    match differs {
        Some((order, cut)) => {
            let (expected, toned) = written_as(han, &order, &cut, words);
            GlossMatch::Differs { expected, toned }
        }
        None => GlossMatch::Unrelated,
    }
}

/// The first reading of `han`, cut as `cut` says and put in the name's
/// `order`, each run a word with a capital ("Wang Yi", "Yi Wang",
/// "Xi Jinping"); toneless and with tone marks.
fn written_as(han: &str, order: &[usize], cut: &[usize], words: &[&str]) -> (String, String) {
    let plain: Vec<&str> = han
        .to_pinyin()
        .flatten()
        .map(pinyin::Pinyin::plain)
        .collect();
    let toned: Vec<&str> = han
        .to_pinyin()
        .flatten()
        .map(pinyin::Pinyin::with_tone)
        .collect();
    let runs = |syl: &[&str]| -> Vec<String> {
        let mut at = 0;
        cut.iter()
            .map(|&len| {
                let run: String = syl[at..(at + len).min(syl.len())].concat();
                at += len;
                capitalise(&run)
            })
            .collect()
    };
    let place = |runs: Vec<String>| -> String {
        let mut out = vec![String::new(); words.len()];
        for (slot, run) in runs.into_iter().enumerate() {
            if let Some(&w) = order.get(slot) {
                out[w] = run;
            }
        }
        out.join(" ")
    };
    (place(runs(&plain)), place(runs(&toned)))
}

/// The characters' first reading with tone marks, surname first and the
/// given name joined ("Wáng Yì", "Xí Jìnpíng").
pub fn toned_reading(han: &str) -> String {
    let toned: Vec<&str> = han
        .to_pinyin()
        .flatten()
        .map(pinyin::Pinyin::with_tone)
        .collect();
    match toned.split_first() {
        Some((surname, given)) if !given.is_empty() => {
            format!("{} {}", capitalise(surname), capitalise(&given.concat()))
        }
        _ => capitalise(&toned.concat()),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, han: &str) -> GlossMatch {
        let words: Vec<&str> = name.split_whitespace().collect();
        match_name(&words, han)
    }

    #[test]
    fn names_that_read_as_their_gloss_match() {
        assert_eq!(m("Wang Yi", "王毅"), GlossMatch::Matches);
        assert_eq!(m("Xi Jinping", "习近平"), GlossMatch::Matches);
        assert_eq!(
            m("Xi Jinping", "習近平"),
            GlossMatch::Matches,
            "traditional"
        );
        assert_eq!(m("Xi Jin Ping", "习近平"), GlossMatch::Matches, "spaced");
        assert_eq!(
            m("Xi Jin-ping", "习近平"),
            GlossMatch::Matches,
            "hyphenated"
        );
        assert_eq!(m("Yi Wang", "王毅"), GlossMatch::Matches, "Western order");
        assert_eq!(m("WANG Yi", "王毅"), GlossMatch::Matches, "case");
        assert_eq!(m("Wáng Yì", "王毅"), GlossMatch::Matches, "tones");
        assert_eq!(m("Li Keqiang", "李克强"), GlossMatch::Matches);
        assert_eq!(m("Wang Huning", "王沪宁"), GlossMatch::Matches);
    }

    #[test]
    fn a_syllable_gone_wrong_differs() {
        assert_eq!(
            m("Wang Li", "王毅"),
            GlossMatch::Differs {
                expected: "Wang Yi".into(),
                toned: "Wáng Yì".into()
            }
        );
        assert!(matches!(
            m("Xi Jinpeng", "习近平"),
            GlossMatch::Differs { .. }
        ));
        match m("Wang Jun", "王毅") {
            GlossMatch::Differs { expected, .. } => assert_eq!(expected, "Wang Yi"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_romanisations_and_translations_are_not_judged() {
        // Wade–Giles, Cantonese, Korean, Japanese readings.
        assert_eq!(m("Tsai Ing-wen", "蔡英文"), GlossMatch::Unrelated);
        assert_eq!(m("Ma Ying-jeou", "馬英九"), GlossMatch::Unrelated);
        assert_eq!(m("Han Kuo-yu", "韓國瑜"), GlossMatch::Unrelated);
        assert_eq!(m("Joshua Wong", "黃之鋒"), GlossMatch::Unrelated);
        assert_eq!(m("Chan Kin-man", "陳健民"), GlossMatch::Unrelated);
        assert_eq!(m("Shinzo Abe", "安倍晋三"), GlossMatch::Unrelated);
        assert_eq!(m("Moon Jae-in", "文在寅"), GlossMatch::Unrelated);
        // A translation, not a transliteration.
        assert_eq!(m("Foreign Ministry", "外交部"), GlossMatch::Unrelated);
        assert_eq!(m("Wang", ""), GlossMatch::Unrelated);
    }

    #[test]
    fn readings_are_written_surname_first() {
        assert_eq!(toned_reading("王毅"), "Wáng Yì");
        assert_eq!(toned_reading("习近平"), "Xí Jìnpíng");
    }

    #[test]
    fn glosses_are_found_after_a_name() {
        let t = "Wang Yi (王毅) said; Xi （习近平） too; Li (a) and Zhou (周 恩来).";
        let at = t.find(" (").unwrap();
        assert_eq!(&t[gloss_at(t, at).unwrap()], "王毅");
        let at = t.find(" （").unwrap();
        assert_eq!(&t[gloss_at(t, at).unwrap()], "习近平");
        assert_eq!(gloss_at(t, t.find(" (a").unwrap()), None);
        assert_eq!(gloss_at(t, t.find(" (周").unwrap()), None);
        assert_eq!(gloss_at(t, 0), None);
    }
}
