//! Quotation engine: quoted words checked against canonical quotations.
//!
//! ## What it does
//! - Reports every unbalanced quotation mark (`quote-unbalanced`), with or
//!   without rules.
//! - Matches each quoted passage (see [`crate::text::quotes`]) to the
//!   `[[quote]]` rule whose canonical text it aligns with best. Each fragment
//!   between ellipses is aligned on its own with a word diff (`similar`,
//!   patience algorithm) against the whole canonical text; the canonical words
//!   before the first and after the last aligned word are simply not quoted.
//!   A passage matches when at least 60% of its words align (exactly or as a
//!   near-spelling), at least two do, and two of those are not function words
//!   (or the passage covers the whole canonical text).
//! - Then reports, word by word: a substituted, inserted or dropped word
//!   (`quote-word`); a homophone or near-spelling (`quote-homophone`); a
//!   bracketed gloss that stands where the canonical text has another one
//!   (`quote-gloss`); fragments joined by an ellipsis out of their canonical
//!   order (`quote-order`); a UK/US re-spelling when the rule says
//!   `spelling = "verbatim"` (`quote-spelling`); and a passage whose nearest
//!   attribution in its sentence ("X said", "said X", "according to X",
//!   "X has asserted that", "X warned", "X put it") names an entity other than
//!   the rule's speaker (`quote-speaker`).
//!
//! ## What it allows
//! Words in [square brackets] (a gloss or a replacement), an ellipsis that
//! elides words while the rest stays in order, quoting part of the sentence,
//! letter case, punctuation, straight or curly marks, apostrophe style, and
//! UK/US spelling unless the rule is verbatim. The canonical text's own
//! brackets are editorial: leaving them out is not a change.
//!
//! ## Layout
//! This file holds the engine (compiling the rules, one pass per file);
//! `tokens.rs` splits passages and canonical texts into words and glosses,
//! `words.rs` tells how a quoted word relates to a canonical one,
//! `prefilter.rs` picks the canonical texts a passage may match, `align.rs`
//! aligns it with them, `attribution.rs` finds who it is attributed to,
//! `findings.rs` words the findings and `unbalanced.rs` is the
//! `quote-unbalanced` check.

mod align;
mod attribution;
mod findings;
mod prefilter;
mod tokens;
mod unbalanced;
mod words;

use super::Document;
use super::engine::{Engine, Output, Scan};
pub use super::index::Mention;
use crate::codes::{Check, CheckDoc};
use crate::finding::Finding;
use crate::rules::RuleSet;
use align::best_match;
use attribution::attribution;
use findings::Context;
use prefilter::{Prefilter, Scratch};
use tokens::{Item, passage_items, tokenize_all};
use unbalanced::unbalanced_findings;

/// A compiled quote rule.
#[derive(Debug)]
struct Canonical {
    rule: usize,
    /// The speaker's entity index and display name.
    speaker: Option<(usize, String)>,
    items: Vec<Item>,
    keys: Vec<String>,
    words: usize,
}

/// The compiled quotation engine.
pub struct QuotationEngine {
    canonicals: Vec<Canonical>,
    prefilter: Prefilter,
}

/// The checks this engine emits, with their `explain` texts.
pub const CHECKS: &[CheckDoc] = &[
    CheckDoc {
        check: Check::QuoteUnbalanced,
        explain: include_str!("../docs/quote-unbalanced.md"),
    },
    CheckDoc {
        check: Check::QuoteWord,
        explain: include_str!("../docs/quote-word.md"),
    },
    CheckDoc {
        check: Check::QuoteHomophone,
        explain: include_str!("../docs/quote-homophone.md"),
    },
    CheckDoc {
        check: Check::QuoteSpeaker,
        explain: include_str!("../docs/quote-speaker.md"),
    },
    CheckDoc {
        check: Check::QuoteGloss,
        explain: include_str!("../docs/quote-gloss.md"),
    },
    CheckDoc {
        check: Check::QuoteOrder,
        explain: include_str!("../docs/quote-order.md"),
    },
    CheckDoc {
        check: Check::QuoteSpelling,
        explain: include_str!("../docs/quote-spelling.md"),
    },
];

impl Engine for QuotationEngine {
    fn checks(&self) -> &'static [CheckDoc] {
        CHECKS
    }

    fn run(&self, scan: &Scan, out: &mut Output) {
        out.findings
            .extend(self.check(scan.doc, scan.rules, &scan.mentions()));
    }
}

impl QuotationEngine {
    /// Compile the engine for `rules`.
    pub fn new(rules: &RuleSet) -> Self {
        let canonicals: Vec<Canonical> = rules
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let items = tokenize_all(&q.text.text);
                let keys = items.iter().map(|it| it.key.clone()).collect();
                let words = items.iter().filter(|it| !it.bracket).count();
                let speaker = rules
                    .entities
                    .iter()
                    .position(|e| e.id == q.speaker.text)
                    .map(|e| (e, rules.entities[e].canonical.text.clone()));
                Canonical {
                    rule: i,
                    speaker,
                    items,
                    keys,
                    words,
                }
            })
            .collect();
        let prefilter = Prefilter::new(&canonicals);
        QuotationEngine {
            canonicals,
            prefilter,
        }
    }

    /// Every quotation finding of `doc`. `mentions` are the entity names the
    /// literal automaton found, used to tell who a quotation is attributed to.
    pub fn check(&self, doc: &Document, rules: &RuleSet, mentions: &[Mention]) -> Vec<Finding> {
        let text = doc.text();
        let found = doc.quotations();
        let mut findings = unbalanced_findings(doc, found);
        if self.canonicals.is_empty() {
            return findings;
        }
        let mut scratch = Scratch::new(self.canonicals.len());
        for q in &found.quotes {
            let (items, ranges) = passage_items(text, q);
            let total = items.iter().filter(|it| !it.bracket).count();
            if total < 2 {
                continue;
            }
            self.prefilter
                .candidates(&self.canonicals, &items, &ranges, total, &mut scratch);
            let candidates = scratch.candidates.iter().map(|&c| &self.canonicals[c]);
            let Some((canonical, alignment)) = best_match(candidates, &items, &ranges, total)
            else {
                continue;
            };
            let ctx = Context {
                doc,
                rule: &rules.quotes[canonical.rule],
                canonical,
                passage: q,
                items: &items,
            };
            for diff in &alignment.diffs {
                findings.extend(ctx.finding(diff));
            }
            if let Some((speaker, _)) = canonical.speaker
                && let Some(m) = attribution(doc, mentions, q)
                && m.entity != speaker
            {
                findings.push(ctx.speaker_finding(rules, &m));
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    pub(super) const RULES: &str = r#"
[[entity]]
id = "wang-yi"
canonical = "Wang Yi"
aliases = ["Wang"]

[[entity]]
id = "rex-tillerson"
canonical = "Rex Tillerson"
aliases = ["Tillerson"]

[[entity]]
id = "donald-trump"
canonical = "Donald Trump"
aliases = ["Trump"]

[[quote]]
id = "brakes"
speaker = "wang-yi"
text = "China's priority now is to flash the red light and apply the brakes to both [the US and North Korean] trains"

[[quote]]
id = "patience"
speaker = "rex-tillerson"
text = "strategic patience"

[[quote]]
id = "rapidly"
speaker = "donald-trump"
text = "is something that has to be dealt with, and probably dealt with rapidly"

[[quote]]
id = "solve"
speaker = "donald-trump"
text = "is not going to solve North Korea, we will"

[[quote]]
id = "gatilov"
speaker = "rex-tillerson"
text = "destabilising factor … in line with the vicious logic of creating a global missile shield"
spelling = "verbatim"
"#;

    fn run_findings(text: &str) -> Vec<Finding> {
        let mut rules = RuleSet::default();
        let mut errors = Vec::new();
        rules.add_file(SourceFile::new("r.toml", RULES), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let checker = super::super::Checker::new(&rules);
        checker.check(&SourceFile::new("a.txt", text))
    }

    fn run(text: &str) -> Vec<(Check, String, String)> {
        run_findings(text)
            .into_iter()
            .map(|f| (f.check, f.found, f.expected.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn exact_partial_and_glossed_quotations_are_quiet() {
        for text in [
            "Wang Yi said: “China’s priority now is to flash the red light and apply the brakes to both [the US and North Korean] trains”.",
            "Wang said China wants to “apply the brakes to both trains”.",
            "Trump said that if China “is not going to solve North Korea, we [the United States] will”.",
            "Trump warned it “is something that has to be dealt with … dealt with rapidly”.",
            "Tillerson has declared that the era of \"Strategic patience\" is over.",
            "Gatilov said it was a “destabilizing factor … in line with the vicious logic”.",
        ] {
            let found: Vec<_> = run(text)
                .into_iter()
                .filter(|f| f.0 != Check::QuoteSpelling)
                .collect();
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn reports_words_homophones_and_drops() {
        let f = run("Wang said: “apply the break to both trains”.");
        assert_eq!(
            f,
            [(Check::QuoteHomophone, "break".into(), "brakes".into())]
        );
        let f = run("Wang said: “apply the brake to both trains”.");
        assert_eq!(f, [(Check::QuoteWord, "brake".into(), "brakes".into())]);
        let f =
            run("Trump said it “is something that has to be dealt with, and dealt with rapidly”.");
        assert_eq!(
            f,
            [(
                Check::QuoteWord,
                "and dealt".into(),
                "and probably dealt".into()
            )]
        );
        let f = run(
            "Trump said it “is something that has to be dealt with, and surely probably dealt with rapidly”.",
        );
        assert_eq!(f, [(Check::QuoteWord, "surely".into(), String::new())]);
        let f = run(
            "Trump said it “is something that must be dealt with, and probably dealt with rapidly”.",
        );
        assert_eq!(f, [(Check::QuoteWord, "must".into(), "has to".into())]);
    }

    #[test]
    fn reports_wrong_speaker_gloss_order_and_verbatim_spelling() {
        let f = run("The era of “strategic patience” is over, Trump said.");
        assert_eq!(
            f,
            [(Check::QuoteSpeaker, "Trump".into(), "Rex Tillerson".into())]
        );
        let f = run("According to Tillerson, “strategic patience” is over.");
        assert!(f.is_empty(), "{f:?}");
        let f = run("Wang said: “apply the brakes to both [the US and South Korean] trains”.");
        assert_eq!(f[0].0, Check::QuoteGloss);
        let f = run(
            "It is “in line with the vicious logic of creating a global missile shield … destabilising factor”.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, Check::QuoteOrder);
        let f = run("It is a “destabilizing factor”.");
        assert_eq!(
            f,
            [(
                Check::QuoteSpelling,
                "destabilizing".into(),
                "destabilising".into()
            )]
        );
    }

    #[test]
    fn unrelated_quotations_and_apostrophes_are_quiet() {
        for text in [
            "Moscow’s ‘double freeze’ plan didn’t work in the ’90s, rock ’n’ roll.",
            "He called it “the region” and “a missile”.",
            "“We will see what happens,” Trump said.",
        ] {
            assert!(run(text).is_empty(), "{text}: {:?}", run(text));
        }
    }

    #[test]
    fn never_panics_on_scrambled_marks() {
        let pieces = [
            "“",
            "”",
            "‘",
            "’",
            "\"",
            "'",
            "…",
            "...",
            "[",
            "]",
            "\n\n",
            "\n",
            " ",
            "brakes",
            "Wang",
            "said",
            "apply the",
            "to both",
            "strategic",
            "patience",
            "é",
            "\u{301}",
            "王毅",
            ",",
            ".",
            "Trump said",
            "according to",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut checked = 0;
        for _ in 0..1500 {
            let mut text = String::new();
            for _ in 0..24 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            for f in run_findings(&text) {
                assert!(f.span.start <= f.span.end && f.span.end <= text.len());
                assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            }
            checked += 1;
        }
        assert_eq!(checked, 1500);
    }
}
