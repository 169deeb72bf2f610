//! UK/US spelling as the checks ask for it: the variety a word marks, its
//! spellings in the other variety, and the localised spellings of an
//! official name. The pairs and the policy of which word marks which
//! variety are the shared lexicon's ([`crate::lexicon::spelling`], from
//! VarCon); only the name handling lives here.

pub use crate::lexicon::spelling::{Variety, spelling_alternatives, variety_of};

/// Every spelling of a multi-word name in which one word is localised
/// ("Terminal High Altitude Area Defense" → "… Area Defence").
pub fn localised_names(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        for alt in spelling_alternatives(w) {
            let mut v: Vec<&str> = words.clone();
            v[i] = &alt;
            out.push(v.join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defense_and_defence_alternate() {
        assert_eq!(spelling_alternatives("Defense"), ["Defence"]);
        assert_eq!(spelling_alternatives("Defence"), ["Defense"]);
        assert!(spelling_alternatives("organisation").contains(&"organization".to_string()));
        assert!(spelling_alternatives("Centre").contains(&"Center".to_string()));
    }

    #[test]
    fn word_list_knows_both_varieties() {
        assert_eq!(
            variety_of("favoured"),
            Some((Variety::Uk, "favored".into()))
        );
        assert_eq!(
            variety_of("Favored"),
            Some((Variety::Us, "Favoured".into()))
        );
        assert_eq!(variety_of("destabilizing").map(|v| v.0), Some(Variety::Us));
        assert_eq!(variety_of("summarised").map(|v| v.0), Some(Variety::Uk));
        assert_eq!(variety_of("analyse").map(|v| v.0), Some(Variety::Uk));
        assert_eq!(variety_of("programme").map(|v| v.0), Some(Variety::Uk));
        assert_eq!(variety_of("traveled").map(|v| v.0), Some(Variety::Us));
        assert_eq!(variety_of("travelled"), None, "US dictionaries accept it");
        assert_eq!(variety_of("defense").map(|v| v.0), Some(Variety::Us));
        for w in [
            "neighbourly",
            "favourite",
            "honourable",
            "colourful",
            "labourers",
        ] {
            assert_eq!(variety_of(w).map(|v| v.0), Some(Variety::Uk), "{w}");
        }
    }

    #[test]
    fn false_pairs_are_not_style() {
        for w in [
            "exercise",
            "advertise",
            "surprise",
            "precise",
            "otherwise",
            "enterprise",
            "size",
            "prize",
            "prizes",
            "seize",
            "for",
            "four",
            "vigorous",
            "humorous",
            "exercises",
            "promise",
            "rise",
            "meter",
            "are",
            "since",
        ] {
            assert_eq!(variety_of(w), None, "{w}");
        }
        // "prize" and "meter" have VarCon partners ("prise", "metre") but
        // mark no variety; these have none at all.
        for w in [
            "exercise", "surprise", "size", "for", "four", "are", "since",
        ] {
            assert!(spelling_alternatives(w).is_empty(), "{w}");
        }
    }

    #[test]
    fn short_words_have_no_alternatives() {
        assert!(spelling_alternatives("or").is_empty());
    }

    #[test]
    fn localised_names_change_one_word() {
        let names = localised_names("Terminal High Altitude Area Defense");
        assert!(names.contains(&"Terminal High Altitude Area Defence".to_string()));
        assert!(!names.contains(&"Terminal High Altitude Area Defense".to_string()));
        assert_eq!(
            localised_names("Centre for Strategic Studies"),
            ["Center for Strategic Studies"]
        );
    }
}
