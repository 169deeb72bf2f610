//! Irregular forms of one word: a verb's tenses (begin, began, begun) and
//! a noun's plural (woman, women). Between versions outside quotations,
//! one written for another is editing (tense, number), not a changed fact,
//! though the letters differ as a slip of the keys would.

/// Each entry lists the forms of one word, lowercase.
pub const FORMS: &[&[&str]] = &[
    &["begin", "began", "begun"],
    &["bind", "bound"],
    &["bleed", "bled"],
    &["blow", "blew", "blown"],
    &["break", "broke", "broken"],
    &["bring", "brought"],
    &["build", "built"],
    &["buy", "bought"],
    &["catch", "caught"],
    &["choose", "chose", "chosen"],
    &["come", "came"],
    &["become", "became"],
    &["dig", "dug"],
    &["draw", "drew", "drawn"],
    &["drink", "drank", "drunk"],
    &["drive", "drove", "driven"],
    &["eat", "ate", "eaten"],
    &["fall", "fell", "fallen"],
    &["feed", "fed"],
    &["feel", "felt"],
    &["fight", "fought"],
    &["find", "found"],
    &["flee", "fled"],
    &["fly", "flew", "flown"],
    &["forbid", "forbade", "forbidden"],
    &["forget", "forgot", "forgotten"],
    &["freeze", "froze", "frozen"],
    &["get", "got", "gotten"],
    &["give", "gave", "given"],
    &["forgive", "forgave", "forgiven"],
    &["grow", "grew", "grown"],
    &["hang", "hung"],
    &["hold", "held"],
    &["keep", "kept"],
    &["know", "knew", "known"],
    &["lead", "led"],
    &["leave", "left"],
    &["lend", "lent"],
    &["lose", "lost"],
    &["meet", "met"],
    &["ride", "rode", "ridden"],
    &["ring", "rang", "rung"],
    &["rise", "rose", "risen"],
    &["arise", "arose", "arisen"],
    &["run", "ran"],
    &["seek", "sought"],
    &["sell", "sold"],
    &["send", "sent"],
    &["shake", "shook", "shaken"],
    &["shine", "shone"],
    &["shoot", "shot"],
    &["sing", "sang", "sung"],
    &["sink", "sank", "sunk"],
    &["sit", "sat"],
    &["sleep", "slept"],
    &["speak", "spoke", "spoken"],
    &["spend", "spent"],
    &["spring", "sprang", "sprung"],
    &["stand", "stood"],
    &["steal", "stole", "stolen"],
    &["stick", "stuck"],
    &["strike", "struck"],
    &["swear", "swore", "sworn"],
    &["swim", "swam", "swum"],
    &["take", "took", "taken"],
    &["teach", "taught"],
    &["tear", "tore", "torn"],
    &["tell", "told"],
    &["think", "thought"],
    &["throw", "threw", "thrown"],
    &["wake", "woke", "woken"],
    &["wear", "wore", "worn"],
    &["weave", "wove", "woven"],
    &["win", "won"],
    &["wind", "wound"],
    &["write", "wrote", "written"],
    &["withdraw", "withdrew", "withdrawn"],
    &["undertake", "undertook", "undertaken"],
    &["overtake", "overtook", "overtaken"],
    &["man", "men"],
    &["woman", "women"],
    &["foot", "feet"],
    &["tooth", "teeth"],
    &["goose", "geese"],
    &["mouse", "mice"],
    &["crisis", "crises"],
    &["analysis", "analyses"],
    &["thesis", "theses"],
    &["basis", "bases"],
    &["axis", "axes"],
    &["criterion", "criteria"],
    &["phenomenon", "phenomena"],
    &["medium", "media"],
    &["datum", "data"],
];

/// Whether lowercase `a` and `b` are two forms of one irregular word.
pub fn are_forms_of_one_word(a: &str, b: &str) -> bool {
    FORMS
        .iter()
        .any(|forms| forms.contains(&a) && forms.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_lowercase_and_distinct() {
        for forms in FORMS {
            for (i, f) in forms.iter().enumerate() {
                assert_eq!(*f, f.to_lowercase());
                assert!(!forms[i + 1..].contains(f), "{f} twice");
            }
        }
        assert!(are_forms_of_one_word("began", "begin"));
        assert!(are_forms_of_one_word("women", "woman"));
        assert!(!are_forms_of_one_word("college", "collage"));
    }
}
