//! Titles and abbreviations whose full stop does not end a sentence: "Dr.
//! Okafor said", "the U.S. Navy", "on Sept. 5". A sentence splitter asks
//! [`is_non_terminal`] for the word before a full stop, or
//! [`ends_with_non_terminal`] for the text up to it.

/// Abbreviations written with their full stop(s), case as usually written.
/// Month abbreviations are here as written before a day ("Jan. 5");
/// "Mar.", "Apr.", "Jun." and "Jul." are rare in news style and omitted.
pub const NON_TERMINAL: &[&str] = &[
    // Personal titles.
    "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Jr.", "Sr.", "St.", // Offices and ranks.
    "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.", "Capt.", "Sgt.", "Adm.", "Maj.", "Cmdr.",
    "Rev.", "Fr.", "Hon.", "Pres.", "Supt.", // Places.
    "Mt.", "Ft.", "Ave.", // Months.
    "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
    // Countries and organisations.
    "U.S.", "U.K.", "U.N.", // Others.
    "No.", "Inc.", "Corp.", "vs.",
];

/// Whether `word`, with its full stop ("Dr.", "U.S."), is an abbreviation
/// after which a sentence goes on. Case matters for one letter only: "dr."
/// and "DR." are read like "Dr.", but "no." at the end of a sentence is the
/// word "no", so "No." must be capitalised, and "vs." lowercase.
pub fn is_non_terminal(word: &str) -> bool {
    NON_TERMINAL.iter().any(|a| spells(a, word))
}

/// Whether `word` is the listed abbreviation `a`: "No." and "vs." exactly
/// as listed, the others in any case.
fn spells(a: &str, word: &str) -> bool {
    match a {
        "No." | "vs." => a == word,
        _ => a.eq_ignore_ascii_case(word),
    }
}

/// Whether `text` (up to and including a full stop) ends with a listed
/// abbreviation that starts a word, or with a single capital initial
/// ("George W."): a sentence does not end at that full stop.
pub fn ends_with_non_terminal(text: &str) -> bool {
    if !text.ends_with('.') {
        return false;
    }
    let starts_word = |at: usize| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '.')
    };
    let listed = NON_TERMINAL.iter().any(|a| {
        text.len() >= a.len()
            && text.is_char_boundary(text.len() - a.len())
            && spells(a, &text[text.len() - a.len()..])
            && starts_word(text.len() - a.len())
    });
    let body = &text[..text.len() - 1];
    let initial = body.chars().next_back().is_some_and(|c| c.is_uppercase()) && {
        let at = body.len() - body.chars().next_back().map_or(0, char::len_utf8);
        starts_word(at)
    };
    listed || initial
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_abbreviation_is_recognised() {
        for a in NON_TERMINAL {
            assert!(is_non_terminal(a), "{a}");
            assert!(ends_with_non_terminal(&format!("said {a}")), "{a}");
            assert!(a.ends_with('.'));
        }
        assert!(is_non_terminal("DR."));
        assert!(is_non_terminal("u.s."));
    }

    #[test]
    fn ordinary_words_end_sentences() {
        assert!(!is_non_terminal("Dr"), "the full stop is part of it");
        assert!(!is_non_terminal("no."));
        assert!(!ends_with_non_terminal("It was over. The answer was no."));
        assert!(!ends_with_non_terminal("He spoke to the media."));
        assert!(
            !ends_with_non_terminal("ended at Mainst."),
            "St. must start a word"
        );
        assert!(!ends_with_non_terminal("said Dr"));
    }

    #[test]
    fn initials_and_sentences_with_titles() {
        assert!(ends_with_non_terminal("George W."));
        assert!(ends_with_non_terminal("The aqueduct, Dr."));
        assert!(ends_with_non_terminal("troops of the U.S."));
        assert!(!ends_with_non_terminal("in 2017."));
    }
}
