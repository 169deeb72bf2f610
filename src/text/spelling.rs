//! UK/US spelling alternations: the endings used to tell a localised
//! spelling of an official name from the name itself, and a word list of
//! UK/US pairs used by the house-style checks.
//!
//! The word list is explicit on purpose: suffix rules alone would take
//! "exercise", "surprise" or "size" for UK or US spellings. Only words that
//! have a spelling in the other variety are listed.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

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

/// A spelling variety.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variety {
    /// British spelling (favour, defence, organise, travelled).
    Uk,
    /// American spelling (favor, defense, organize, traveled).
    Us,
}

impl Variety {
    /// "UK" or "US".
    pub fn name(self) -> &'static str {
        match self {
            Variety::Uk => "UK",
            Variety::Us => "US",
        }
    }

    /// The other variety.
    pub fn other(self) -> Variety {
        match self {
            Variety::Uk => Variety::Us,
            Variety::Us => Variety::Uk,
        }
    }
}

/// Stems that take -ise (UK) or -ize (US) with every ending in `ISE_ENDINGS`.
/// Words such as "exercise", "advertise", "surprise", "precise",
/// "otherwise", "enterprise", "size", "prize" and "seize" are deliberately
/// absent: they are spelled alike everywhere.
const ISE_STEMS: &[&str] = &[
    "apolog",
    "author",
    "capital",
    "categor",
    "central",
    "character",
    "civil",
    "colon",
    "commercial",
    "critic",
    "decentral",
    "democrat",
    "destabil",
    "emphas",
    "economic",
    "energ",
    "equal",
    "familiar",
    "fertil",
    "final",
    "formal",
    "fraternis",
    "global",
    "harmon",
    "hospital",
    "ideal",
    "industrial",
    "internal",
    "international",
    "italic",
    "jeopard",
    "legal",
    "legitim",
    "liberal",
    "local",
    "marginal",
    "maxim",
    "memor",
    "militar",
    "minim",
    "mobil",
    "modern",
    "monopol",
    "moral",
    "national",
    "natural",
    "neutral",
    "normal",
    "optim",
    "organ",
    "penal",
    "polar",
    "popular",
    "prior",
    "privat",
    "publi",
    "radical",
    "rational",
    "real",
    "recogn",
    "regular",
    "revolution",
    "scandal",
    "scrutin",
    "sensational",
    "special",
    "stabil",
    "standard",
    "steril",
    "subsid",
    "summar",
    "symbol",
    "sympath",
    "synchron",
    "terror",
    "theor",
    "tranquil",
    "trivial",
    "urban",
    "util",
    "vandal",
    "victim",
    "visual",
    "vocal",
    "weapon",
    "western",
];

/// Endings of `ISE_STEMS`, UK form and US form.
const ISE_ENDINGS: &[(&str, &str)] = &[
    ("ise", "ize"),
    ("ises", "izes"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("iser", "izer"),
    ("isers", "izers"),
];

/// -yse/-yze stems.
const YSE_STEMS: &[&str] = &["analy", "paraly", "cataly", "dialy"];
const YSE_ENDINGS: &[(&str, &str)] = &[
    ("se", "ze"),
    ("ses", "zes"),
    ("sed", "zed"),
    ("sing", "zing"),
];

/// -our/-or stems and the endings both varieties share after them.
const OUR_STEMS: &[&str] = &[
    "ardo", "armo", "behavio", "cando", "clamo", "colo", "endeavo", "favo", "flavo", "harbo",
    "hono", "humo", "labo", "neighbo", "odo", "parlo", "rancou", "rumo", "savo", "splendo", "tumo",
    "valo", "vapo", "vigo",
];
const OUR_ENDINGS: &[&str] = &[
    "", "s", "ed", "ing", "able", "ably", "ful", "less", "ite", "ites", "itism", "ist", "ists",
    "hood", "hoods", "ly",
];

/// Whole-word pairs, UK form first.
const PAIRS: &[(&str, &str)] = &[
    ("defence", "defense"),
    ("defences", "defenses"),
    ("offence", "offense"),
    ("offences", "offenses"),
    ("pretence", "pretense"),
    ("licence", "license"),
    ("licences", "licenses"),
    ("practise", "practice"),
    ("practised", "practiced"),
    ("practising", "practicing"),
    ("centre", "center"),
    ("centres", "centers"),
    ("centred", "centered"),
    ("theatre", "theater"),
    ("theatres", "theaters"),
    ("kilometre", "kilometer"),
    ("kilometres", "kilometers"),
    ("litre", "liter"),
    ("litres", "liters"),
    ("fibre", "fiber"),
    ("calibre", "caliber"),
    ("sombre", "somber"),
    ("spectre", "specter"),
    ("lustre", "luster"),
    ("meagre", "meager"),
    ("manoeuvre", "maneuver"),
    ("manoeuvres", "maneuvers"),
    ("jewellery", "jewelry"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("catalogue", "catalog"),
    ("catalogues", "catalogs"),
    ("analogue", "analog"),
    ("grey", "gray"),
    ("ageing", "aging"),
    ("enrol", "enroll"),
    ("fulfil", "fulfill"),
    ("skilful", "skillful"),
    ("wilful", "willful"),
    ("instalment", "installment"),
    ("aluminium", "aluminum"),
    ("sceptic", "skeptic"),
    ("sceptics", "skeptics"),
    ("sceptical", "skeptical"),
    ("scepticism", "skepticism"),
    ("mould", "mold"),
    ("smoulder", "smolder"),
    ("plough", "plow"),
    ("pyjamas", "pajamas"),
    ("paediatric", "pediatric"),
    ("encyclopaedia", "encyclopedia"),
    ("oestrogen", "estrogen"),
];

/// Doubled-l forms, UK form first. US dictionaries list the UK form as a
/// variant ("travelled or traveled"), so only the US form marks a variety:
/// "traveled" is US spelling, "travelled" is acceptable in both.
const DOUBLED_L: &[(&str, &str)] = &[
    ("travelled", "traveled"),
    ("travelling", "traveling"),
    ("traveller", "traveler"),
    ("travellers", "travelers"),
    ("cancelled", "canceled"),
    ("cancelling", "canceling"),
    ("labelled", "labeled"),
    ("labelling", "labeling"),
    ("modelled", "modeled"),
    ("modelling", "modeling"),
    ("signalled", "signaled"),
    ("signalling", "signaling"),
    ("fuelled", "fueled"),
    ("fuelling", "fueling"),
    ("channelled", "channeled"),
    ("counselled", "counseled"),
    ("levelled", "leveled"),
    ("quarrelled", "quarreled"),
    ("quarrelling", "quarreling"),
    ("totalled", "totaled"),
    ("tunnelled", "tunneled"),
    ("marshalled", "marshaled"),
];

/// Every listed word (lowercase) → its variety and its spelling in the other.
static WORDS: LazyLock<HashMap<String, (Variety, String)>> = LazyLock::new(word_table);

fn word_table() -> HashMap<String, (Variety, String)> {
    let mut pairs: Vec<(String, String)> = PAIRS
        .iter()
        .map(|&(uk, us)| (uk.to_string(), us.to_string()))
        .collect();
    for stem in ISE_STEMS {
        for (uk, us) in ISE_ENDINGS {
            pairs.push((format!("{stem}{uk}"), format!("{stem}{us}")));
        }
    }
    for stem in YSE_STEMS {
        for (uk, us) in YSE_ENDINGS {
            pairs.push((format!("{stem}{uk}"), format!("{stem}{us}")));
        }
    }
    for stem in OUR_STEMS {
        for ending in OUR_ENDINGS {
            let uk = format!("{stem}ur{ending}");
            let us = format!("{stem}r{ending}");
            pairs.push((uk, us));
        }
    }
    let mut map = HashMap::default();
    for (uk, us) in DOUBLED_L {
        map.insert(us.to_string(), (Variety::Us, uk.to_string()));
    }
    for (uk, us) in pairs {
        map.insert(uk.clone(), (Variety::Uk, us.clone()));
        map.insert(us, (Variety::Us, uk));
    }
    map
}

/// A bit per shape (first two letters, last two letters, length) of the
/// listed ASCII words, hashed into 2^16 bits: about 95% of the words of a
/// text have a shape no listed word has and are ruled out before the word
/// is copied, lowercased and hashed whole.
static SHAPES: LazyLock<Box<[u64; 1024]>> = LazyLock::new(|| {
    let mut bits = Box::new([0u64; 1024]);
    for key in WORDS.keys().filter(|k| k.is_ascii() && k.len() >= 4) {
        let bit = shape(key.as_bytes());
        bits[bit / 64] |= 1 << (bit % 64);
    }
    bits
});

/// The shape bit of an ASCII word of at least two letters (any case).
fn shape(word: &[u8]) -> usize {
    let n = word.len();
    let four = u32::from_le_bytes([word[0], word[1], word[n - 2], word[n - 1]]);
    // ASCII lowercase of the four bytes at once (bit 0x20 set on A-Z only).
    let upper = four.wrapping_add(0x3f3f_3f3f) & !four.wrapping_add(0x2525_2525) & 0x8080_8080;
    let lower = four | (upper >> 2);
    let x = u64::from(lower) | ((n as u64) << 32);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// Whether the ASCII `word` may be a listed word, judged by its shape.
fn may_be_listed(word: &[u8]) -> bool {
    let bit = shape(word);
    SHAPES[bit / 64] & (1 << (bit % 64)) != 0
}

/// The variety of a word that is spelled differently in the UK and the US,
/// with its spelling in the other variety (in the word's case); `None` for
/// words spelled alike.
pub fn variety_of(word: &str) -> Option<(Variety, String)> {
    // Called for every word of every article: short and ASCII words are
    // lowercased on the stack, and most words miss the table.
    if word.len() < 4 {
        return None;
    }
    let mut buf = [0u8; 32];
    let found = if word.is_ascii() && word.len() <= buf.len() {
        if !may_be_listed(word.as_bytes()) {
            return None;
        }
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        WORDS.get(std::str::from_utf8(lower).expect("ASCII stays UTF-8"))
    } else {
        WORDS.get(&word.to_lowercase())
    };
    found.map(|(v, other)| (*v, match_case(word, other)))
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
        ] {
            assert_eq!(variety_of(w), None, "{w}");
        }
    }

    #[test]
    fn the_shape_filter_keeps_every_listed_word() {
        for (word, (variety, other)) in WORDS.iter() {
            assert_eq!(variety_of(word), Some((*variety, other.clone())), "{word}");
            let upper = word.to_uppercase();
            assert_eq!(variety_of(&upper).map(|v| v.0), Some(*variety), "{upper}");
        }
    }

    proptest::proptest! {
        #[test]
        fn shape_lowercases_like_the_standard_library(word in "[ -~]{2,12}") {
            let lower = word.to_ascii_lowercase();
            proptest::prop_assert_eq!(shape(word.as_bytes()), shape(lower.as_bytes()));
            let n = word.len();
            let b = lower.as_bytes();
            let x = u64::from(u32::from_le_bytes([b[0], b[1], b[n - 2], b[n - 1]])) | ((n as u64) << 32);
            proptest::prop_assert_eq!(shape(b), (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize);
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
    }
}
