//! UK/US spelling, from VarCon: one model for the style checks, the
//! quotation engine, official names and `compare`.
//!
//! The pairs come from VarCon (the `varcon` crate that crate-ci/typos uses),
//! extracted by `build.rs`: every entry whose preferred British (-ise)
//! spelling differs from its preferred American one, up to SCOWL level 70,
//! lowercase words only (see `build.rs` for what is left out and why). No
//! suffix rule is involved, so "are", "since", "exercise" or "size" are
//! never taken for spelling variants.
//!
//! Which variety a word *marks* (what the style checks need) is stricter
//! than being one side of a pair:
//! - a British form marks UK spelling only when no VarCon entry accepts it
//!   in American spelling (preferred, equal or variant): "licence" does,
//!   "license" (also a British verb) marks nothing;
//! - an American form marks US spelling only when no entry accepts it in
//!   British -ise spelling: "organize" is American here (the house treats
//!   the Oxford -ize as US style), "program" (British for software) marks
//!   nothing;
//! - a British form that is the American one with an `l` doubled
//!   ("travelled", "signalling") marks nothing: US dictionaries list it as a
//!   variant ("travelled or traveled") though VarCon does not; "traveled"
//!   is US;
//! - words of fewer than four letters mark nothing (too short to judge an
//!   outlet's style by).
//!
//! Against the hand list this replaces: 1,424 of its words mark the same
//! variety; "rancour" is now British (the list made it American); the
//! words it lost are mostly forms its stem × ending product invented
//! ("ardourhood", "fraternisise"), words both varieties accept ("license",
//! "practice", "program", "catalogue", "analyses" the plural noun), and a
//! few VarCon lacks below level 70 or at all ("weaponise"/"weaponize",
//! agent nouns such as "realiser", "tranquilise").

use std::borrow::Cow;
use std::sync::LazyLock;

/// One word of a VarCon pair, as `build.rs` writes it: words are indices
/// into `varcon::WORDS`, text is a span of `varcon::TEXT`.
struct Entry {
    /// Offset of the word (lowercase) in `TEXT`, shifted left by 8, or'd
    /// with its length.
    text: u32,
    /// The word every spelling of it folds to (an American form).
    fold: u16,
    /// Where its partners start in `PARTNERS`: first its American
    /// spellings (when it is a British form), then its British ones.
    partners: u16,
    /// How many American spellings it has.
    us: u8,
    /// How many British spellings it has.
    uk: u8,
    /// Accepted by some VarCon entry in American (bit 1) or British -ise
    /// (bit 2) spelling, preferred, equal or variant.
    accepted: u8,
}

mod varcon {
    use super::Entry;
    include!(concat!(env!("OUT_DIR"), "/varcon_spelling.rs"));
}

/// A spelling variety.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variety {
    /// British spelling (favour, defence, organise, traveller).
    Uk,
    /// American spelling (favor, defense, organize, traveler).
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

const IN_US: u8 = 1;
const IN_UK: u8 = 2;

/// `uk` is `us` with one `l` doubled ("travelled", "traveled").
fn doubled_l(uk: &str, us: &str) -> bool {
    uk.len() == us.len() + 1
        && uk
            .match_indices("ll")
            .any(|(i, _)| uk[..i] == us[..i] && uk[i + 1..] == us[i..])
}

impl Entry {
    /// The word, lowercase.
    fn word(&self) -> &'static str {
        let at = (self.text >> 8) as usize;
        &varcon::TEXT[at..at + (self.text & 0xff) as usize]
    }

    fn words(&self, from: usize, n: u8) -> impl Iterator<Item = &'static str> + use<> {
        varcon::PARTNERS[from..from + usize::from(n)]
            .iter()
            .map(|&i| varcon::WORDS[usize::from(i)].word())
    }

    /// Its American spellings, when it is a British form.
    fn us(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.words(usize::from(self.partners), self.us)
    }

    /// Its British spellings, when it is an American form.
    fn uk(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.words(usize::from(self.partners) + usize::from(self.us), self.uk)
    }

    /// The word every spelling of it folds to (an American form).
    fn fold(&self) -> &'static str {
        varcon::WORDS[usize::from(self.fold)].word()
    }

    /// The variety the word marks, if any (see the module documentation).
    fn marks(&self) -> Option<Variety> {
        let word = self.word();
        let uk =
            self.us > 0 && self.accepted & IN_US == 0 && !self.us().any(|us| doubled_l(word, us));
        let us = self.uk > 0 && self.accepted & IN_UK == 0;
        match (uk, us) {
            _ if word.len() < 4 => None,
            (true, false) => Some(Variety::Uk),
            (false, true) => Some(Variety::Us),
            _ => None,
        }
    }
}

/// The entry of the lowercase `word`: a binary search of the sorted table
/// (14 steps; [`variety_of`]'s filter keeps nearly every word away).
fn entry(word: &str) -> Option<&'static Entry> {
    // `compare` folds every word it diffs: one hash lookup instead of a
    // binary search of ~17 string comparisons over the whole list.
    static INDEX: LazyLock<rustc_hash::FxHashMap<&'static str, u32>> = LazyLock::new(|| {
        varcon::WORDS
            .iter()
            .enumerate()
            .map(|(i, e)| (e.word(), i as u32))
            .collect()
    });
    INDEX.get(word).map(|&i| &varcon::WORDS[i as usize])
}

/// log2 of the number of filter bits.
const FILTER_BITS: u32 = 18;
const FILTER_WORDS: usize = 1 << (FILTER_BITS - 6);

/// A Bloom filter of the ASCII words that mark a variety: two bits per
/// word in 2^18 bits (32 kB; the 11,000 words set 8% of them, so a word
/// that marks nothing passes both bits less than once in a hundred).
/// [`variety_of`] rules out nearly every word of a text with it before the
/// word is copied, lowercased and looked up. (The filter the smaller hand
/// list had, on the first two and last two letters and the length, let a
/// quarter of all words through the VarCon list: "called", "delayed" and
/// "reviewed" share theirs with VarCon's -ed forms.)
static FILTER: LazyLock<Box<[u64; FILTER_WORDS]>> = LazyLock::new(|| {
    let mut bits = Box::new([0u64; FILTER_WORDS]);
    for key in varcon::WORDS
        .iter()
        .filter(|e| e.marks().is_some())
        .map(Entry::word)
        .filter(|k| k.is_ascii())
    {
        for bit in filter_bits(ascii_hash(key.as_bytes())) {
            bits[bit / 64] |= 1 << (bit % 64);
        }
    }
    bits
});

/// The two filter bits of a hash.
fn filter_bits(hash: u64) -> [usize; 2] {
    let mask = (1 << FILTER_BITS) - 1;
    [
        (hash >> (64 - FILTER_BITS)) as usize,
        (hash >> (64 - 2 * FILTER_BITS)) as usize & mask,
    ]
}

/// A hash of an ASCII word that ignores letter case, eight bytes at a
/// time: setting bit 0x20 of every byte lowercases the letters and leaves
/// the digits as they are (other bytes may collide, which only lets a word
/// through the filter).
fn ascii_hash(word: &[u8]) -> u64 {
    let mut h = word.len() as u64;
    let mut step = |x: u64| {
        h = (h.rotate_left(5) ^ (x | 0x2020_2020_2020_2020)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    };
    let mut chunks = word.chunks_exact(8);
    for chunk in &mut chunks {
        step(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        // Byte by byte: a copy into a buffer would call memcpy per word.
        step(tail.iter().rev().fold(0, |x, &b| (x << 8) | u64::from(b)));
    }
    // The high bits of a product depend on every input bit, the low ones
    // only on the low input bits: fold the high half down before the
    // second product, whose two highest 18-bit fields are the filter bits.
    (h ^ (h >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// Whether the ASCII `word` may mark a variety, judged by the filter.
fn may_mark(word: &[u8]) -> bool {
    filter_bits(ascii_hash(word))
        .iter()
        .all(|&bit| FILTER[bit / 64] & (1 << (bit % 64)) != 0)
}

/// `f` of `word` lowercased: ASCII words of up to 32 bytes on the stack.
fn lowercased<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).expect("ASCII stays UTF-8"))
    } else {
        f(&word.to_lowercase())
    }
}

/// The entry of `word` (any case).
fn known(word: &str) -> Option<&'static Entry> {
    lowercased(word, entry)
}

/// `candidate` with the capitalisation pattern of `model` (Title or UPPER).
pub fn match_case(model: &str, candidate: &str) -> String {
    if model.chars().all(|c| !c.is_lowercase()) && model.chars().any(char::is_uppercase) {
        return candidate.to_uppercase();
    }
    let mut chars = candidate.chars();
    match (model.chars().next(), chars.next()) {
        (Some(m), Some(first)) if m.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => candidate.to_string(),
    }
}

/// The variety a word marks, with its spelling in the other variety (in the
/// word's case); `None` for words spelled alike, or that both varieties
/// accept. Called for every word of every article: words of under four
/// letters and most others are ruled out without a copy.
pub fn variety_of(word: &str) -> Option<(Variety, String)> {
    if word.len() < 4 || (word.is_ascii() && !may_mark(word.as_bytes())) {
        return None;
    }
    let k = known(word)?;
    let variety = k.marks()?;
    let other = match variety {
        Variety::Uk => k.us().next()?,
        Variety::Us => k.uk().next()?,
    };
    Some((variety, match_case(word, other)))
}

/// The spellings of `word` in the other variety, in its case (empty when
/// it has none): "Defense" → ["Defence"], "travelled" → ["traveled"].
pub fn spelling_alternatives(word: &str) -> Vec<String> {
    known(word).map_or_else(Vec::new, |k| {
        k.us()
            .chain(k.uk())
            .map(|w| match_case(word, w))
            .filter(|w| w != word)
            .collect()
    })
}

/// `word` (lowercase) folded to one spelling, the American one, so that
/// "favour" and "favor", "labourers" and "laborers" read alike; words the
/// model does not know are returned as they are.
pub fn fold(word: &str) -> Cow<'_, str> {
    match entry(word) {
        Some(k) => Cow::Borrowed(k.fold()),
        None => Cow::Borrowed(word),
    }
}

/// Every space-separated word of `words` (lowercase) folded (see [`fold`]).
pub fn fold_words(words: &str) -> String {
    if !words.contains(' ') {
        return fold(words).into_owned();
    }
    words.split(' ').map(fold).collect::<Vec<_>>().join(" ")
}

/// Whether `a` and `b` (lowercase) are one word in UK and in US spelling.
pub fn is_spelling_pair(a: &str, b: &str) -> bool {
    a != b && fold_words(a) == fold_words(b)
}

/// Whether `word` (lowercase) is a British form of some pair ("favour",
/// "travelled", "licence"), whether or not it marks the variety.
pub fn is_british_form(word: &str) -> bool {
    entry(word).is_some_and(|k| k.us > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE: [(&str, &str); 5] = [
        ("neighbourly", "neighborly"),
        ("favourite", "favorite"),
        ("honourable", "honorable"),
        ("colourful", "colorful"),
        ("labourers", "laborers"),
    ];

    #[test]
    fn the_five_words_are_british_with_american_partners() {
        for (uk, us) in FIVE {
            assert_eq!(variety_of(uk), Some((Variety::Uk, us.to_string())), "{uk}");
            assert_eq!(variety_of(us), Some((Variety::Us, uk.to_string())), "{us}");
            assert_eq!(spelling_alternatives(uk), [us]);
            assert!(is_spelling_pair(uk, us), "{uk}/{us}");
            assert_eq!(fold(uk), us);
            assert!(is_british_form(uk) && !is_british_form(us));
        }
    }

    #[test]
    fn common_words_are_not_spelling() {
        for w in [
            "are",
            "since",
            "exercise",
            "advertise",
            "surprise",
            "size",
            "prize",
            "seize",
            "for",
            "four",
            "promise",
            "rise",
            "there",
            "sense",
            "once",
            "hence",
            "fence",
            "ore",
            "more",
            "vigorous",
            "humorous",
            "meter",
            "practice",
            "license",
            "program",
        ] {
            assert_eq!(variety_of(w), None, "{w}");
        }
        for w in ["are", "since", "there", "sense", "once", "more", "for"] {
            assert!(spelling_alternatives(w).is_empty(), "{w}");
            assert_eq!(fold(w), w);
        }
        assert!(!is_spelling_pair("four", "for"));
        assert!(!is_spelling_pair("since", "sense"));
    }

    #[test]
    fn markers_follow_the_documented_policy() {
        assert_eq!(
            variety_of("Favoured"),
            Some((Variety::Uk, "Favored".into()))
        );
        assert_eq!(variety_of("DEFENSE"), Some((Variety::Us, "DEFENCE".into())));
        assert_eq!(variety_of("organize").map(|v| v.0), Some(Variety::Us));
        assert_eq!(variety_of("organise").map(|v| v.0), Some(Variety::Uk));
        assert_eq!(variety_of("destabilizing").map(|v| v.0), Some(Variety::Us));
        assert_eq!(variety_of("traveled").map(|v| v.0), Some(Variety::Us));
        assert_eq!(variety_of("travelled"), None, "US dictionaries accept it");
        assert_eq!(variety_of("licence").map(|v| v.0), Some(Variety::Uk));
        assert_eq!(variety_of("programme").map(|v| v.0), Some(Variety::Uk));
        // A pair all the same: the folding and the alternatives know them.
        assert!(is_spelling_pair("travelled", "traveled"));
        assert!(is_spelling_pair("licence", "license"));
        assert_eq!(spelling_alternatives("Centre"), ["Center"]);
    }

    #[test]
    fn every_word_folds_with_its_partners() {
        assert!(varcon::WORDS.windows(2).all(|w| w[0].word() < w[1].word()));
        for e in varcon::WORDS {
            for other in e.us().chain(e.uk()) {
                assert_eq!(fold(e.word()), fold(other), "{}/{other}", e.word());
                assert!(entry(other).is_some(), "{other}");
            }
        }
    }

    #[test]
    fn the_filter_keeps_every_word() {
        for k in varcon::WORDS {
            let word = k.word();
            let expected = k.marks();
            assert_eq!(variety_of(word).map(|v| v.0), expected, "{word}");
            let upper = word.to_uppercase();
            assert_eq!(variety_of(&upper).map(|v| v.0), expected, "{upper}");
            assert_eq!(known(&upper).map(Entry::fold), Some(k.fold()), "{upper}");
        }
    }

    #[test]
    fn doubled_l_is_one_l_doubled() {
        assert!(doubled_l("travelled", "traveled"));
        assert!(doubled_l("signalling", "signaling"));
        assert!(!doubled_l("fulfil", "fulfill"));
        assert!(!doubled_l("jewellery", "jewelry"));
        assert!(!doubled_l("colour", "color"));
    }

    proptest::proptest! {
        #[test]
        fn the_hash_ignores_case_like_the_standard_library(word in "[a-zA-Z0-9]{1,40}") {
            let lower = word.to_ascii_lowercase();
            proptest::prop_assert_eq!(ascii_hash(word.as_bytes()), ascii_hash(lower.as_bytes()));
        }
    }

    #[test]
    fn the_filter_rules_out_most_words() {
        let words = "the minister called for talks and said the delayed pipeline would be reviewed after the summit while critics welcomed the revised plan that had been postponed";
        let passed: Vec<&str> = words
            .split(' ')
            .filter(|w| w.len() >= 4 && may_mark(w.as_bytes()))
            .collect();
        assert!(passed.is_empty(), "{passed:?}");
        assert!(may_mark(b"Neighbourly") && may_mark(b"COLORFUL"));
    }
}
