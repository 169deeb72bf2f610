//! UK/US spelling alternations, used to tell a localised spelling of an
//! official name from the name itself.

/// Word endings that alternate between UK and US spelling, both ways.
const ENDINGS: &[(&str, &str)] = &[
    ("ence", "ense"),
    ("isation", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("our", "or"),
    ("re", "er"),
    ("ogue", "og"),
    ("amme", "am"),
    ("lled", "led"),
    ("lling", "ling"),
];

/// The other-locale spellings of one word (empty when it has none).
pub fn spelling_alternatives(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    if lower.chars().count() < 4 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &(a, b) in ENDINGS {
        for (from, to) in [(a, b), (b, a)] {
            if let Some(stem) = lower.strip_suffix(from)
                && stem.len() >= 2
            {
                out.push(match_case(word, &format!("{stem}{to}")));
            }
        }
    }
    out.sort();
    out.dedup();
    out.retain(|w| w != word);
    out
}

/// `candidate` with the capitalisation pattern of `model` (Title or UPPER).
fn match_case(model: &str, candidate: &str) -> String {
    if model.chars().all(|c| !c.is_lowercase()) && model.chars().any(char::is_uppercase) {
        return candidate.to_uppercase();
    }
    let mut chars = candidate.chars();
    match (model.chars().next(), chars.next()) {
        (Some(m), Some(first)) if m.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => candidate.to_string(),
    }
}

/// Every spelling of a multi-word name in which one word is localised.
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
    fn short_words_have_no_alternatives() {
        assert!(spelling_alternatives("or").is_empty());
    }

    #[test]
    fn localised_names_change_one_word() {
        let names = localised_names("Terminal High Altitude Area Defense");
        assert!(names.contains(&"Terminal High Altitude Area Defence".to_string()));
        assert!(!names.contains(&"Terminal High Altitude Area Defense".to_string()));
    }
}
