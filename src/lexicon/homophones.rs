//! Words that sound alike and are written for one another ("apply the
//! break" for "apply the brake"): a homophone inside a quotation is
//! `quote-homophone`, between versions `compare-word`.
//!
//! One table for both commands (the union of the lists the quotation engine
//! and `compare` each kept before). Pairs are lowercase and unordered; a
//! word may have several partners (site: sight, cite).

/// Pairs of words that sound alike, lowercase, each pair once.
pub const HOMOPHONES: &[(&str, &str)] = &[
    ("break", "brake"),
    ("principal", "principle"),
    ("their", "there"),
    ("they're", "their"),
    ("they're", "there"),
    ("its", "it's"),
    ("affect", "effect"),
    ("complement", "compliment"),
    ("peace", "piece"),
    ("council", "counsel"),
    ("site", "sight"),
    ("cite", "site"),
    ("cite", "sight"),
    ("role", "roll"),
    ("waive", "wave"),
    ("waiver", "waver"),
    ("discreet", "discrete"),
    ("stationary", "stationery"),
    ("reign", "rein"),
    ("reign", "rain"),
    ("lead", "led"),
    ("whether", "weather"),
    ("right", "write"),
    ("right", "rite"),
    ("course", "coarse"),
    ("threw", "through"),
    ("hole", "whole"),
    ("altar", "alter"),
    ("pore", "pour"),
    ("bear", "bare"),
    ("seize", "sees"),
    ("sole", "soul"),
    ("meet", "meat"),
    ("to", "too"),
    ("two", "too"),
    ("to", "two"),
    ("your", "you're"),
    ("who's", "whose"),
    ("aloud", "allowed"),
    ("board", "bored"),
    ("cache", "cash"),
    ("ceiling", "sealing"),
    ("cell", "sell"),
    ("cereal", "serial"),
    ("dual", "duel"),
    ("faint", "feint"),
    ("flair", "flare"),
    ("flour", "flower"),
    ("forth", "fourth"),
    ("foul", "fowl"),
    ("gorilla", "guerrilla"),
    ("heal", "heel"),
    ("hear", "here"),
    ("heard", "herd"),
    ("hoarse", "horse"),
    ("idle", "idol"),
    ("knight", "night"),
    ("lessen", "lesson"),
    ("loan", "lone"),
    ("made", "maid"),
    ("mail", "male"),
    ("medal", "meddle"),
    ("miner", "minor"),
    ("missed", "mist"),
    ("muscle", "mussel"),
    ("pail", "pale"),
    ("pain", "pane"),
    ("pair", "pear"),
    ("passed", "past"),
    ("patience", "patients"),
    ("pedal", "peddle"),
    ("plain", "plane"),
    ("pray", "prey"),
    ("presence", "presents"),
    ("profit", "prophet"),
    ("raise", "raze"),
    ("real", "reel"),
    ("root", "route"),
    ("sail", "sale"),
    ("scene", "seen"),
    ("seam", "seem"),
    ("shear", "sheer"),
    ("stake", "steak"),
    ("stair", "stare"),
    ("steal", "steel"),
    ("suite", "sweet"),
    ("tail", "tale"),
    ("vain", "vane"),
    ("waist", "waste"),
    ("wait", "weight"),
    ("weak", "week"),
    ("which", "witch"),
    ("wood", "would"),
    ("hangar", "hanger"),
    ("canon", "cannon"),
    ("border", "boarder"),
    ("bolder", "boulder"),
    ("census", "senses"),
    ("fair", "fare"),
    ("grate", "great"),
    ("guessed", "guest"),
    ("hall", "haul"),
    ("higher", "hire"),
    ("isle", "aisle"),
    ("levee", "levy"),
    ("mourning", "morning"),
    ("pier", "peer"),
    ("poll", "pole"),
    ("rode", "road"),
    ("soar", "sore"),
    ("storey", "story"),
    ("tide", "tied"),
    ("wail", "whale"),
    ("whine", "wine"),
    ("quay", "key"),
    ("breach", "breech"),
    ("baron", "barren"),
    ("berth", "birth"),
    ("born", "borne"),
    ("bridal", "bridle"),
    ("callous", "callus"),
    ("chord", "cord"),
    ("creak", "creek"),
    ("crews", "cruise"),
    ("current", "currant"),
    ("gait", "gate"),
    ("gilt", "guilt"),
    ("grisly", "grizzly"),
    ("heroin", "heroine"),
    ("incite", "insight"),
    ("leak", "leek"),
    ("manner", "manor"),
    ("mantel", "mantle"),
    ("naught", "nought"),
    ("pause", "paws"),
    ("peak", "peek"),
    ("peak", "pique"),
    ("peek", "pique"),
    ("plum", "plumb"),
    ("residence", "residents"),
    ("rest", "wrest"),
    ("seller", "cellar"),
    ("shone", "shown"),
    ("staid", "stayed"),
    ("straight", "strait"),
    ("symbol", "cymbal"),
    ("taught", "taut"),
    ("throne", "thrown"),
    ("vary", "very"),
    ("ward", "warred"),
    ("affluent", "effluent"),
    ("dam", "damn"),
    ("air", "heir"),
    ("ball", "bawl"),
    ("band", "banned"),
    ("bloc", "block"),
    ("boy", "buoy"),
    ("brews", "bruise"),
    ("ceded", "seeded"),
];

/// Whether the lowercase words `a` and `b` are homophones of each other.
pub fn are_homophones(a: &str, b: &str) -> bool {
    HOMOPHONES
        .iter()
        .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

/// The homophones of the lowercase `word`, in table order.
pub fn homophones_of(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    HOMOPHONES.iter().filter_map(move |&(x, y)| {
        if x == word {
            Some(y)
        } else if y == word {
            Some(x)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_lowercase_distinct_and_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for &(a, b) in HOMOPHONES {
            assert_ne!(a, b);
            assert_eq!(a, a.to_lowercase());
            assert_eq!(b, b.to_lowercase());
            assert!(seen.insert((a.min(b), a.max(b))), "{a}/{b} twice");
        }
    }

    #[test]
    fn lookups_go_both_ways() {
        assert!(are_homophones("break", "brake"));
        assert!(are_homophones("brake", "break"));
        assert!(are_homophones("pour", "pore"));
        assert!(!are_homophones("break", "break"));
        assert!(
            !are_homophones("brake", "brakes"),
            "plurals are the caller's"
        );
        assert_eq!(homophones_of("site").collect::<Vec<_>>(), ["sight", "cite"]);
        assert_eq!(homophones_of("waver").collect::<Vec<_>>(), ["waiver"]);
        assert_eq!(homophones_of("table").count(), 0);
    }
}
