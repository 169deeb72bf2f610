//! Word tables and word comparisons of `compare`: UK/US spelling (folded to
//! one form), look-alike words, titles before a name, capitalised words that
//! open a sentence without being a name.

use crate::compare::STOPWORDS;
use crate::lexicon::homophones::are_homophones;
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
pub(super) fn is_uk(key: &str) -> bool {
    key.split(' ').any(spelling::is_british_form)
}

/// Are two different lowercase words likely one mistyped for the other?
pub fn near_identical(a: &str, b: &str) -> bool {
    if a == b || spelling_pair(a, b) {
        return false;
    }
    let strip = |w: &str| w.strip_suffix('s').unwrap_or(w).to_string();
    let (sa, sb) = (strip(a), strip(b));
    if are_homophones(&sa, &sb) {
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
        ["s", "es", "d", "ed", "ing", "ly"]
            .iter()
            .any(|s| y.strip_suffix(s) == Some(x))
    };
    if inflected(a, b) || inflected(b, a) {
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
pub(super) fn is_common_opener(key: &str) -> bool {
    STOPWORDS.contains(&key)
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
