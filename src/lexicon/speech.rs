//! Verbs that attribute words to a speaker: "…,” Trump said", "said
//! Tillerson", "according to Lavrov", "as Xi put it". The quotation engine
//! (`quote-speaker`) and `compare` (`compare-quote`) both read a
//! quotation's speaker through this table.

/// One verb of saying, in one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeechVerb {
    /// The word, lowercase.
    pub word: &'static str,
    /// A word that must follow for the verb to attribute anything
    /// ("according" only as "according to", "put" only as "put it").
    pub then: Option<&'static str>,
    /// The speaker stands only after the verb ("according to X"), never
    /// before it.
    pub speaker_after_only: bool,
}

const fn verb(word: &'static str) -> SpeechVerb {
    SpeechVerb {
        word,
        then: None,
        speaker_after_only: false,
    }
}

/// Every verb of saying, by form.
pub const SPEECH_VERBS: &[SpeechVerb] = &[
    verb("said"),
    verb("says"),
    verb("say"),
    verb("saying"),
    verb("told"),
    verb("tells"),
    verb("added"),
    verb("adds"),
    verb("warned"),
    verb("warns"),
    verb("warning"),
    verb("asserted"),
    verb("asserts"),
    verb("declared"),
    verb("declares"),
    verb("insisted"),
    verb("insists"),
    verb("argued"),
    verb("argues"),
    verb("stated"),
    verb("noted"),
    verb("claimed"),
    verb("claims"),
    verb("wrote"),
    verb("writes"),
    verb("described"),
    verb("describes"),
    verb("called"),
    verb("calls"),
    verb("explained"),
    verb("remarked"),
    verb("stressed"),
    verb("urged"),
    verb("announced"),
    verb("replied"),
    verb("tweeted"),
    SpeechVerb {
        word: "put",
        then: Some("it"),
        speaker_after_only: false,
    },
    SpeechVerb {
        word: "according",
        then: Some("to"),
        speaker_after_only: true,
    },
];

/// The verb of saying the lowercase `word` is, if it is one.
pub fn speech_verb(word: &str) -> Option<&'static SpeechVerb> {
    SPEECH_VERBS.iter().find(|v| v.word == word)
}

impl SpeechVerb {
    /// Whether the verb attributes, given the word after it (lowercase).
    pub fn attributes(&self, next: Option<&str>) -> bool {
        self.then.is_none_or(|t| next == Some(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_lowercase_and_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for v in SPEECH_VERBS {
            assert_eq!(v.word, v.word.to_lowercase());
            assert!(seen.insert(v.word), "{} twice", v.word);
        }
    }

    #[test]
    fn conditions_are_kept() {
        assert!(speech_verb("said").is_some_and(|v| v.attributes(None)));
        let according = speech_verb("according").unwrap();
        assert!(according.speaker_after_only);
        assert!(according.attributes(Some("to")));
        assert!(!according.attributes(Some("plan")));
        assert!(!speech_verb("put").unwrap().attributes(Some("forward")));
        assert_eq!(speech_verb("Said"), None, "lowercase only");
        assert_eq!(speech_verb("table"), None);
    }
}
