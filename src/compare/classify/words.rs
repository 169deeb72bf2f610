//! Word tables and word comparisons of `compare`: UK/US spelling (folded to
//! one form), look-alike words, titles before a name, capitalised words that
//! open a sentence without being a name.

use crate::compare::is_stopword;
use crate::lexicon::confusions::are_confused;
use crate::lexicon::homophones::are_homophones;
use crate::lexicon::irregular::are_forms_of_one_word;
use crate::lexicon::spelling;

/// Fold a key (lowercase words, space-separated) to one UK/US spelling
/// (the US one), so that favour and favor, favoured and favored, defence and
/// defense read alike. The pairs are the shared lexicon's (VarCon).
pub fn fold_spelling(key: &str) -> String {
    spelling::fold_words(key)
}

/// Are `a` and `b` the same word in UK and US spelling?
pub fn spelling_pair(a: &str, b: &str) -> bool {
    spelling::is_spelling_pair(a, b)
}

/// Is any word of `key` written in UK spelling (favour, defence, programme,
/// travelled)?
pub(crate) fn is_uk(key: &str) -> bool {
    key.split(' ').any(spelling::is_british_form)
}

/// Are two different lowercase words likely one written for the other, a
/// fact changed rather than the prose edited? Outside quotations (inside
/// them every word counts) only:
/// - the shared lexicon's homophones (brake, break) and commonly confused
///   pairs (peninsula, peninsular; adverse, averse);
/// - a slip of the keys: one or two letters inserted, dropped, transposed
///   or replaced (scarce, scare) in a word of four letters or more.
///
/// Editing is not a slip: a plural or another inflection (year, years;
/// rise, rising), a prefix (solution, resolution), two forms of an irregular
/// word (begin, began; woman, women).
pub fn near_identical(a: &str, b: &str) -> bool {
    if a == b || spelling_pair(a, b) {
        return false;
    }
    let strip = |w: &str| w.strip_suffix('s').unwrap_or(w).to_string();
    let (sa, sb) = (strip(a), strip(b));
    if are_homophones(&sa, &sb) || are_confused(a, b) || are_confused(&sa, &sb) {
        return true;
    }
    const MAGNITUDES: &[&str] = &["thousand", "million", "billion", "trillion"];
    if MAGNITUDES.contains(&a) || MAGNITUDES.contains(&b) {
        return false;
    }
    let short = a.chars().count().min(b.chars().count());
    if short < 4 || !a.chars().chain(b.chars()).all(char::is_alphabetic) {
        return false;
    }
    // A plural or an inflection is grammar, not a mistyped fact.
    let inflected = |x: &str, y: &str| {
        ["s", "es", "d", "ed", "ing", "ly", "er", "est", "r"]
            .iter()
            .any(|s| y.strip_suffix(s) == Some(x))
            || [("y", "ies"), ("y", "ied"), ("e", "ing"), ("e", "ion")]
                .iter()
                .any(|(from, to)| {
                    x.strip_suffix(from)
                        .is_some_and(|stem| y.strip_suffix(to) == Some(stem))
                })
    };
    if inflected(a, b) || inflected(b, a) {
        return false;
    }
    // A prefix changes the word, not a letter of it.
    let prefixed = |x: &str, y: &str| {
        [
            "re", "un", "dis", "in", "im", "non", "pre", "mis", "de", "co",
        ]
        .iter()
        .any(|p| y.strip_prefix(p) == Some(x))
    };
    if prefixed(a, b) || prefixed(b, a) {
        return false;
    }
    // Two forms of one irregular word: tense or number (began, begun).
    if are_forms_of_one_word(a, b) || are_forms_of_one_word(&sa, &sb) {
        return false;
    }
    let d = strsim::osa_distance(a, b);
    d <= 2 && d * 3 <= short
}

/// Words of a title or office that stand before a name.
pub fn is_title(key: &str) -> bool {
    matches!(
        key,
        "president"
            | "prime"
            | "minister"
            | "foreign"
            | "deputy"
            | "secretary"
            | "state"
            | "premier"
            | "chancellor"
            | "council"
            | "leader"
            | "mayor"
            | "governor"
            | "senator"
            | "general"
            | "chief"
            | "executive"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "professor"
            | "prof"
            | "sir"
            | "us"
            | "uk"
            | "russian"
            | "chinese"
            | "american"
            | "british"
            | "energy"
            | "defence"
            | "defense"
            | "finance"
            | "marine"
            | "maritime"
            | "harbour"
            | "harbor"
            | "master"
            | "economist"
            | "biologist"
            | "opposition"
    )
}

/// Capitalised words that open a sentence without being a name.
/// Words that open a sentence before a name, or set off by a comma,
/// without being one ("Later Wang Yi said", "Together, they …").
pub(super) fn sentence_adverb(key: &str) -> bool {
    matches!(
        key,
        "later"
            | "earlier"
            | "meanwhile"
            | "yesterday"
            | "instead"
            | "indeed"
            | "moreover"
            | "last"
            | "next"
            | "since"
            | "until"
            | "unlike"
            | "like"
            | "under"
            | "without"
            | "during"
            | "because"
            | "although"
            | "together"
            | "still"
            | "yet"
            | "overall"
            | "nonetheless"
            | "besides"
            | "otherwise"
            | "however"
            | "thus"
            | "now"
            | "again"
    )
}

pub(super) fn is_common_opener(key: &str) -> bool {
    is_stopword(key)
        || matches!(
            key,
            "nowhere" | "then" | "today" | "behind" | "finance" | "energy" | "should" | "why"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_and_what_is_not_one() {
        assert!(near_identical("peninsular", "peninsula"));
        assert!(near_identical("break", "brakes"));
        assert!(near_identical("discrete", "discreet"));
        // The lexicon's homophones, shared with the quotation check.
        assert!(near_identical("there", "their"));
        assert!(near_identical("whether", "weather"));
        assert!(!near_identical("fora", "forums"), "rephrasing");
        assert!(!near_identical("favoured", "favored"), "spelling");
        assert!(!near_identical("million", "billion"), "a number's business");
        assert!(!near_identical("year", "years"), "a plural");
        assert!(!near_identical("the", "she"), "too short");
        // A slip of the keys is a look-alike; editing is not.
        assert!(near_identical("scarce", "scare"), "a letter dropped");
        assert!(near_identical("averse", "adverse"), "a confused pair");
        assert!(!near_identical("solution", "resolution"), "a prefix");
        assert!(!near_identical("begin", "began"), "a tense");
        assert!(!near_identical("begun", "began"), "a tense");
        assert!(!near_identical("rises", "rising"), "an inflection");
        assert!(!near_identical("country", "countries"), "a plural");
        assert!(!near_identical("woman", "women"), "a plural");
        assert!(!near_identical("faster", "fast"), "a comparative");
        assert!(near_identical("college", "collage"), "a vowel slipped");
        assert!(near_identical("dropped", "dripped"), "a vowel slipped");
    }

    #[test]
    fn spelling_folds_uk_to_us_with_inflections() {
        for (uk, us) in [
            ("favoured", "favored"),
            ("travelled", "traveled"),
            ("defence", "defense"),
            ("programme", "program"),
            ("destabilising", "destabilizing"),
            ("harbour", "harbor"),
            ("neighbourly", "neighborly"),
            ("favourite", "favorite"),
            ("honourable", "honorable"),
            ("colourful", "colorful"),
            ("labourers", "laborers"),
        ] {
            assert!(spelling_pair(uk, us), "{uk}/{us}");
            assert_eq!(fold_spelling(uk), fold_spelling(us));
            assert!(is_uk(uk) && !is_uk(us), "{uk}/{us}");
            assert!(!near_identical(uk, us), "{uk}/{us}");
        }
        assert!(!spelling_pair("four", "for"));
        // The suffix rule this replaced took these for UK spellings.
        for w in ["are", "since", "there", "more", "exercise"] {
            assert!(!is_uk(w), "{w}");
            assert_eq!(fold_spelling(w), w);
        }
        assert_eq!(
            fold_spelling("the favourite harbour"),
            "the favorite harbor"
        );
    }
}
