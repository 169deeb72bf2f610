//! How a quoted word relates to the canonical word it stands for: another
//! word, another form of it, a homophone, a near-spelling or the other UK/US
//! spelling; and the words that make no match on their own.

use crate::lexicon::homophones::{are_homophones, homophones_of};
use crate::text::spelling::spelling_alternatives;

/// Function words: a match made only of these is no match.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "but", "is",
    "are", "was", "were", "be", "been", "it", "its", "that", "this", "as", "we", "he", "she",
    "they", "i", "you", "not", "will", "has", "have", "had", "do", "does", "there", "their",
];

/// How a quoted word differs from the canonical one it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SubKind {
    /// Another word.
    Word,
    /// Another form of the same word (brake for brakes).
    Inflection,
    /// A homophone (break for brake).
    Homophone,
    /// One or two letters apart.
    NearSpelling(usize),
    /// The other UK/US spelling.
    Spelling,
}

pub(super) fn strip_plural(w: &str) -> &str {
    w.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(w)
}

pub(super) fn classify(found: &str, canonical: &str) -> SubKind {
    if spelling_alternatives(canonical)
        .iter()
        .any(|a| a.to_lowercase() == found)
    {
        return SubKind::Spelling;
    }
    if are_homophones(found, canonical)
        || are_homophones(strip_plural(found), strip_plural(canonical))
    {
        return SubKind::Homophone;
    }
    let inflected = |a: &str, b: &str| {
        INFLECTIONS
            .iter()
            .any(|suffix| b.strip_suffix(suffix) == Some(a))
    };
    if inflected(found, canonical) || inflected(canonical, found) {
        return SubKind::Inflection;
    }
    let d = strsim::osa_distance(found, canonical);
    let shortest = found.chars().count().min(canonical.chars().count());
    if d <= 2 && shortest >= 4 && d * 3 <= shortest {
        return SubKind::NearSpelling(d);
    }
    SubKind::Word
}

/// Endings that make another form of a word (brake, brakes).
pub(super) const INFLECTIONS: &[&str] = &["s", "es", "d", "ed", "ing"];

pub(super) fn is_function_word(key: &str) -> bool {
    FUNCTION_WORDS.contains(&key)
}

/// Words `classify(word, canonical)` calls a spelling, a homophone or an
/// inflection of `canonical` (and perhaps a few more).
pub(super) fn related_forms(canonical: &str) -> Vec<String> {
    let mut out: Vec<String> = spelling_alternatives(canonical)
        .iter()
        .map(|a| a.to_lowercase())
        .collect();
    let stripped = strip_plural(canonical);
    out.extend(homophones_of(canonical).map(str::to_string));
    for b in homophones_of(stripped) {
        // strip_plural(found) == b: found is b or b + "s".
        out.push(b.to_string());
        out.push(format!("{b}s"));
    }
    for suffix in INFLECTIONS {
        if let Some(stem) = canonical.strip_suffix(suffix) {
            out.push(stem.to_string());
        }
        out.push(format!("{canonical}{suffix}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_substitutions() {
        assert_eq!(classify("break", "brakes"), SubKind::Homophone);
        assert_eq!(classify("brake", "brakes"), SubKind::Inflection);
        assert_eq!(classify("principal", "principle"), SubKind::Homophone);
        assert_eq!(
            classify("destabilizing", "destabilising"),
            SubKind::Spelling
        );
        assert_eq!(classify("strategy", "strategic"), SubKind::NearSpelling(2));
        assert_eq!(classify("will", "would"), SubKind::Word);
        // The lexicon's (VarCon) spellings, both ways; "are" and "since"
        // are words, whatever their endings.
        for (uk, us) in [
            ("neighbourly", "neighborly"),
            ("favourite", "favorite"),
            ("honourable", "honorable"),
            ("colourful", "colorful"),
            ("labourers", "laborers"),
        ] {
            assert_eq!(classify(uk, us), SubKind::Spelling, "{uk}");
            assert_eq!(classify(us, uk), SubKind::Spelling, "{us}");
        }
        assert_eq!(classify("are", "era"), SubKind::Word);
        assert_ne!(classify("since", "sense"), SubKind::Spelling);
    }
}
