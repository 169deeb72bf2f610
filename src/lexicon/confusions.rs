//! Words that are written for one another without sounding alike: a noun
//! and its adjective (peninsula, peninsular), and the pairs usage guides
//! list as commonly confused (adverse, averse). `compare` reports a word
//! replaced by its partner outside quotations; other one-letter changes it
//! judges by the shape of the edit (see `compare::classify::words`).

/// Pairs of commonly confused words, lowercase, each pair once.
pub const CONFUSIONS: &[(&str, &str)] = &[
    ("peninsula", "peninsular"),
    ("loose", "lose"),
    ("accept", "except"),
    ("adverse", "averse"),
    ("advice", "advise"),
    ("allusion", "illusion"),
    ("allude", "elude"),
    ("amoral", "immoral"),
    ("appraise", "apprise"),
    ("breath", "breathe"),
    ("canvas", "canvass"),
    ("capital", "capitol"),
    ("casual", "causal"),
    ("censor", "censure"),
    ("compose", "comprise"),
    ("conscience", "conscious"),
    ("decent", "descent"),
    ("defuse", "diffuse"),
    ("desert", "dessert"),
    ("device", "devise"),
    ("elicit", "illicit"),
    ("emigrate", "immigrate"),
    ("eminent", "imminent"),
    ("ensure", "insure"),
    ("envelop", "envelope"),
    ("farther", "further"),
    ("flaunt", "flout"),
    ("flounder", "founder"),
    ("hoard", "horde"),
    ("ingenious", "ingenuous"),
    ("lightening", "lightning"),
    ("marshal", "martial"),
    ("militate", "mitigate"),
    ("moral", "morale"),
    ("naval", "navel"),
    ("ordinance", "ordnance"),
    ("palate", "palette"),
    ("persecute", "prosecute"),
    ("personal", "personnel"),
    ("populace", "populous"),
    ("precede", "proceed"),
    ("prescribe", "proscribe"),
    ("prostate", "prostrate"),
    ("quiet", "quite"),
    ("regimen", "regiment"),
    ("than", "then"),
    ("tortuous", "torturous"),
    ("vain", "vein"),
    ("wreak", "wreck"),
    ("adapt", "adopt"),
    ("angel", "angle"),
    ("cavalry", "calvary"),
    ("climactic", "climatic"),
    ("collaborate", "corroborate"),
    ("deprecate", "depreciate"),
    ("disinterested", "uninterested"),
    ("economic", "economical"),
    ("historic", "historical"),
    ("imply", "infer"),
];

/// Whether the lowercase words `a` and `b` are a commonly confused pair.
pub fn are_confused(a: &str, b: &str) -> bool {
    CONFUSIONS
        .iter()
        .any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_lowercase_distinct_and_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for &(a, b) in CONFUSIONS {
            assert_ne!(a, b);
            assert_eq!(a, a.to_lowercase());
            assert_eq!(b, b.to_lowercase());
            let key = if a < b { (a, b) } else { (b, a) };
            assert!(seen.insert(key), "{a}/{b} listed twice");
            assert!(
                !crate::lexicon::homophones::are_homophones(a, b),
                "{a}/{b} is a homophone pair already"
            );
        }
        assert!(are_confused("peninsular", "peninsula"));
        assert!(!are_confused("solution", "resolution"));
    }
}
