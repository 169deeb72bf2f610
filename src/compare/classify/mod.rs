//! Classifying the differences between aligned versions.
//!
//! ## What it does
//! Within each [`Group`] the versions' units are diffed word by word, pair by
//! pair (`similar`, Myers). Each unit yields *items*: names (runs of
//! capitalised words, across no-break spaces), numbers and quantities (read
//! by [`crate::text::numbers`]), quoted passages (read by
//! [`crate::text::quotes`]), time expressions ("last Monday", "Monday, 30
//! October 2017") and single words that one version replaced by a look-alike
//! (one or two letters apart, a homophone, or a UK/US spelling). The diff maps
//! each item onto the other versions' units; an item and its counterpart
//! (mutually the best overlap) belong to one *site*. At every site the
//! readings are put to the vote:
//! - names agree when one is a run of the other's words ("Foreign Minister
//!   Wang Yi" and "Wang Yi") or they differ by UK/US spelling only;
//! - numbers are compared only as one fact (`facts.rs`: one unit kind, one
//!   currency family, one counted noun, both ordinals); in one unit they
//!   agree when they print the same value, across units within 1% plus
//!   their rounding; agreeing numbers in another unit are a presentation
//!   difference (note), others a contradiction (error); a parenthetical
//!   conversion is checked inside its own version;
//! - quotations agree when one is a contiguous part of the other (quoting
//!   part of a sentence is normal), brackets and UK/US spelling aside; the
//!   person a quotation is attributed to ("X said", "X has declared") is
//!   voted on too, and a passage quoted by most versions but standing without
//!   its marks in one is reported;
//! - time expressions (`time.rs`: dates, years, weekdays, clock times,
//!   relative expressions read against each version's publication date)
//!   agree when every field both write agrees; a relative one that is the
//!   date the others give, or that cannot be told apart from it, is a note;
//!   two different days are an error;
//! - UK/US spellings are grouped per version into one note (the outlet's
//!   style).
//!
//! The majority reading is presumed canonical; with a tie the finding says
//! so and points at every side. Rephrasing (other words), dropped, added or
//! reordered sentences, truncation and CMS residue produce no item that
//! disagrees, so they are never reported.
//!
//! ## Layout
//! This file holds the data (items, sites, the analysis) and [`compare`];
//! `names.rs` judges names across the whole piece (mentions outside aligned
//! sentences too, readings of one referent linked through an index, decided
//! by the reference, `--rules`, a Han gloss, then the piece's count; it
//! reports every name finding);
//! `items.rs` reads the items of a unit, `link.rs` links them across
//! versions, `vote.rs` puts each site to the vote, `findings.rs` reports the
//! disagreements (with `numbers.rs`, `quotes.rs` and `spelling_notes.rs` for
//! what is particular to a kind), `narrow.rs` says what a finding shows of an
//! item, and `words.rs` holds the word tables and comparisons.

mod facts;
mod findings;
mod items;
mod link;
mod names;
mod narrow;
mod numbers;
mod quotes;
mod spelling_notes;
mod time;
mod vote;
mod words;

use super::{Group, Version, align};
use crate::finding::{Finding, sort_findings};
use crate::text::numbers::Mention;
use items::{Prepared, prepare, scan_by_line, unit_items};
use link::{NameKeys, link_items, link_words, pair_maps};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::ops::Range;
use vote::vote;

pub use facts::ConversionMiss;
pub use names::{Basis, NameMention, Names, SiteDecision, Verdict};
pub(crate) use narrow::{narrow, shown};
pub use time::When;
pub(crate) use words::is_uk;
pub use words::{fold_spelling, is_title, near_identical, spelling_pair};

/// Every time expression `compare` reads in `sentence`, with what it says,
/// relative ones read against `published`: the parser the `dates` fuzz
/// target checks against its reference calendar.
#[doc(hidden)]
pub fn time_expressions(
    sentence: &str,
    published: Option<jiff::civil::Date>,
) -> Vec<(Range<usize>, When)> {
    time::find(sentence, 0, published)
        .into_iter()
        .map(|f| (f.span, f.when))
        .collect()
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A run of capitalised words: a person, place or organisation.
    Name,
    /// A number or quantity, with its unit if it has one.
    Number,
    /// A quoted passage, with the speaker it is attributed to.
    Quote,
    /// A time expression: a date, or a relative one ("last Monday").
    Time,
    /// A single word one version replaced by a look-alike or a UK/US spelling.
    Word,
}

/// A reading of an item, as voted on.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// Words (names: as written; quotes and words: normalised keys with
    /// UK/US spelling folded; time: normalised).
    Words(Vec<String>),
    /// A number or quantity.
    Number(Mention),
    /// A time expression: its normalised words, whether it is an absolute
    /// date, and what it says (resolved against the version's publication
    /// date when it is relative).
    Time {
        /// Lowercase words; a date's weekday is dropped.
        words: Vec<String>,
        /// A calendar date ("30 October 2017", "May 2014", "2014"), not a
        /// relative expression or a weekday alone.
        absolute: bool,
        /// Its day, month, year, weekday and the days it can mean.
        when: When,
    },
}

/// One fact-bearing piece of one version's unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Index of the version in [`Analysis::versions`].
    pub version: usize,
    /// Index of the aligned group in [`Analysis::groups`].
    pub group: usize,
    /// Name, number, quotation, time expression or look-alike word.
    pub kind: Kind,
    /// Byte span in the version's file.
    pub span: Range<usize>,
    /// Positions in the unit's token list.
    pub pos: Range<usize>,
    /// What the item says, as put to the vote.
    pub reading: Reading,
    /// For quotations: the attributed speaker's name and its span.
    pub speaker: Option<(String, Range<usize>)>,
}

/// Items of several versions that state the same fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// The kind of every item of the site.
    pub kind: Kind,
    /// Indices into [`Analysis::items`], one per version at most, by version.
    pub items: Vec<usize>,
    /// Index (into `items` of the analysis) of an item with the majority reading.
    pub majority: usize,
    /// How many of the site's versions agree with the majority.
    pub support: usize,
    /// Another reading has as many versions.
    pub tie: bool,
    /// Items that disagree with the majority.
    pub deviants: Vec<usize>,
    /// The reference version decided (it has an item here); `majority`
    /// is its item.
    pub by_reference: bool,
}

/// Everything `compare` found, for the findings and for `rules draft`.
pub struct Analysis<'a> {
    /// The versions compared, in the order given.
    pub versions: Vec<Version<'a>>,
    /// Sentences of the versions aligned with one another.
    pub groups: Vec<Group>,
    /// Every item of every version; sites index into it.
    pub items: Vec<Item>,
    /// Items linked across versions, each site with its vote.
    pub sites: Vec<Site>,
    /// The version the others are judged against (`--reference`), if any.
    pub reference: Option<usize>,
    /// `[[entity]]` rules that decide names (`compare --rules`).
    pub rules: Vec<crate::rules::EntityRule>,
    /// Every name of the piece, judged across the versions.
    pub names: names::Names,
    /// Parenthetical conversions that miss their quantity, per version.
    pub conversion_misses: Vec<facts::ConversionMiss>,
    /// Words that open a sentence capitalised but that the piece also
    /// writes in lower case ("Port", "Some"): common words there, not names.
    pub openers: items::Openers,
}

/// How `compare` is run, beyond the versions' texts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Index (into the sources) of the reference version: every other
    /// version is judged against it, whatever the majority says.
    pub reference: Option<usize>,
    /// What a manifest says of each source (by index; missing: nothing).
    pub metadata: Vec<crate::metadata::Metadata>,
    /// `[[entity]]` rules whose canonical names and variants decide the
    /// names the versions disagree on (`compare --rules`).
    pub entities: Vec<crate::rules::EntityRule>,
}

impl<'a> Analysis<'a> {
    /// Align and classify `versions`, the majority deciding.
    pub fn new(versions: Vec<Version<'a>>) -> Self {
        Self::with_reference(versions, None)
    }

    /// Align and classify `versions`; with a `reference`, every other
    /// version is judged against that one.
    pub fn with_reference(versions: Vec<Version<'a>>, reference: Option<usize>) -> Self {
        Self::with_rules(versions, reference, Vec::new())
    }

    /// Align and classify `versions`; with a `reference`, every other
    /// version is judged against that one, and `rules` decide names.
    pub fn with_rules(
        versions: Vec<Version<'a>>,
        reference: Option<usize>,
        rules: Vec<crate::rules::EntityRule>,
    ) -> Self {
        let reference = reference.filter(|&r| r < versions.len());
        let groups = align(&versions);
        let openers = items::Openers::of(&versions);
        let mentions: Vec<Vec<Mention>> = versions
            .iter()
            .map(|v| scan_by_line(&v.source.text))
            .collect();
        let mut items: Vec<Item> = Vec::new();
        // (group, version) → item indices
        let mut by_unit: FxHashMap<(usize, usize), Vec<usize>> = FxHashMap::default();
        let mut preps: FxHashMap<(usize, usize), Prepared> = FxHashMap::default();
        // Word ids for the diffs, given in the order of the units.
        let mut word_ids = FxHashMap::default();
        for (gi, g) in groups.iter().enumerate() {
            for (vi, u) in g.units.iter().enumerate() {
                let Some(u) = u else { continue };
                let mut prep = prepare(&versions[vi], &u.tokens);
                prep.intern(&mut word_ids);
                for it in unit_items(
                    &versions[vi],
                    vi,
                    gi,
                    &u.tokens,
                    &u.sentences,
                    &mentions[vi],
                    (&prep, &openers),
                ) {
                    by_unit.entry((gi, vi)).or_default().push(items.len());
                    items.push(it);
                }
                preps.insert((gi, vi), prep);
            }
        }
        let mut parent: Vec<usize> = (0..items.len()).collect();
        let name_keys = NameKeys::new(&items);
        let mut word_items: FxHashMap<(usize, usize, usize), usize> = FxHashMap::default();
        for (gi, g) in groups.iter().enumerate() {
            let present: Vec<usize> = (0..g.units.len())
                .filter(|&v| g.units[v].is_some())
                .collect();
            for (x, &vi) in present.iter().enumerate() {
                for &vj in &present[x + 1..] {
                    let (pi, pj) = (&preps[&(gi, vi)], &preps[&(gi, vj)]);
                    let (fwd, back) = pair_maps(&pi.ids, &pj.ids);
                    link_items(
                        &items,
                        &name_keys,
                        &by_unit,
                        gi,
                        vi,
                        vj,
                        &fwd,
                        &back,
                        &mut parent,
                    );
                    link_words(
                        &versions,
                        &groups,
                        gi,
                        (vi, vj),
                        (pi, pj),
                        (&fwd, &back),
                        &mut items,
                        &mut parent,
                        &mut word_items,
                    );
                }
            }
        }
        let sites = vote(&items, &mut parent, reference);
        let conversion_misses = facts::version_conversion_misses(&versions, &mentions);
        let mut analysis = Analysis {
            versions,
            groups,
            items,
            sites,
            reference,
            rules,
            names: names::Names::default(),
            conversion_misses,
            openers,
        };
        analysis.names = names::Names::build(&analysis, &mentions);
        analysis
    }
}

/// Test versions named `v0.txt`, `v1.txt`, … holding `texts`.
#[cfg(test)]
pub(crate) fn test_versions<'t>(
    texts: impl IntoIterator<Item = &'t str>,
) -> Vec<crate::source::SourceFile> {
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| crate::source::SourceFile::new(format!("v{i}.txt"), t))
        .collect()
}

/// Compare `sources`, the majority deciding: the findings, sorted.
pub fn compare(sources: &[crate::source::SourceFile]) -> Vec<Finding> {
    compare_with(sources, &Options::default())
}

/// Compare `sources` as `options` say: the findings, sorted.
pub fn compare_with(sources: &[crate::source::SourceFile], options: &Options) -> Vec<Finding> {
    let none = crate::metadata::Metadata::default();
    let versions: Vec<Version> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| Version::with_metadata(s, options.metadata.get(i).unwrap_or(&none)))
        .collect();
    let maps: HashMap<String, crate::read::ByteMap> = versions
        .iter()
        .filter_map(|v| Some((v.source.path.clone(), v.map.clone()?)))
        .collect();
    let mut findings =
        Analysis::with_rules(versions, options.reference, options.entities.clone()).findings();
    if !maps.is_empty() {
        // Spans in a reader's text go back to the file's bytes.
        for f in &mut findings {
            if let Some(map) = maps.get(&f.path) {
                f.span = map.span(&f.span);
                if let Some(s) = &mut f.suggestion {
                    s.span = map.span(&s.span);
                }
            }
            for r in &mut f.related {
                if let Some(map) = maps.get(&r.path) {
                    r.span = map.span(&r.span);
                }
            }
        }
        sort_findings(&mut findings);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Check;
    use crate::finding::Severity;
    use crate::source::SourceFile;

    fn run(texts: &[&str]) -> Vec<Finding> {
        compare(&test_versions(texts.iter().copied()))
    }

    #[test]
    fn the_lexicons_spellings_are_notes_not_look_alikes() {
        let a = "Dock labourers gave the neighbourly and honourable mayor a colourful and favourite welcome at the harbour gate.\n";
        let b = "Dock laborers gave the neighborly and honorable mayor a colorful and favorite welcome at the harbour gate.\n";
        let f = run(&[a, a, b]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].check, Check::CompareSpelling);
        assert_eq!(f[0].path, "v2.txt");
        assert!(f[0].message.contains("US spelling"), "{}", f[0].message);
        assert_eq!(
            f[0].found,
            "laborers, neighborly, honorable, colorful, favorite"
        );
    }

    #[test]
    fn majority_name_wins_and_the_deviant_is_pointed_at() {
        let a =
            "Foreign Minister Wang Yi met the delegation in the capital on a rainy afternoon.\n";
        let b =
            "Foreign Minister Wang Li met the delegation in the capital on a rainy afternoon.\n";
        let f = run(&[a, a, b]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].path, "v2.txt");
        assert_eq!(f[0].check, Check::CompareName);
        assert_eq!(f[0].found, "Wang Li");
        assert_eq!(f[0].expected.as_deref(), Some("Wang Yi"));
        assert!(f[0].message.contains("2 of 3 versions"), "{}", f[0].message);
        assert_eq!(&b[f[0].span.clone()], "Wang Li");
        // A label in every other version.
        assert_eq!(f[0].related.len(), 2);
    }

    #[test]
    fn names_across_a_no_break_space() {
        let a = "Foreign Minister Wang\u{a0}Yi met the delegation in the capital on a rainy afternoon.\n";
        let b = "Foreign Minister Wang\u{a0}Li met the delegation in the capital on a rainy afternoon.\n";
        let f = run(&[a, b, a]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].found, "Wang Li");
        assert_eq!(&b[f[0].span.clone()], "Wang\u{a0}Li");
    }

    #[test]
    fn titles_are_not_names() {
        let a =
            "Russian President Vladimir Putin hailed the ties as the best they have ever been.\n";
        let b = "President Putin hailed the ties as the best they have ever been.\n";
        assert!(run(&[a, b, a]).is_empty(), "{:#?}", run(&[a, b, a]));
    }

    #[test]
    fn merged_sentences_still_align() {
        let a = "The council approved the new harbour terminal on Friday. The terminal will cost $300 million and open in spring.\n";
        let c = "The council approved the new harbour terminal on Friday, and the terminal will cost $500 million and open in spring.\n";
        let f = run(&[a, a, c]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].path, "v2.txt");
        assert_eq!(f[0].found, "$500 million");
        assert_eq!(f[0].expected.as_deref(), Some("$300 million"));
    }

    #[test]
    fn a_tie_says_so_and_points_at_every_side() {
        let a = "The new bridge over the river will cost $300,000 to maintain every year.\n";
        let b = "The new bridge over the river will cost $500,000 to maintain every year.\n";
        let f = run(&[a, b]);
        // One against one: each version gets its own finding, naming the other.
        assert_eq!(f.len(), 2, "{f:#?}");
        let paths: Vec<&str> = f.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(paths, ["v0.txt", "v1.txt"]);
        for (x, other) in f.iter().zip(["v1.txt", "v0.txt"]) {
            assert!(x.message.contains("no majority"), "{}", x.message);
            assert_eq!(x.expected, None);
            assert_eq!(x.related.len(), 1);
            assert_eq!(x.related[0].path, other);
        }
        assert_eq!(f[0].found, "$300,000");
        assert_eq!(f[1].found, "$500,000");
    }

    fn run_with_reference(texts: &[&str], reference: usize) -> Vec<Finding> {
        compare_with(
            &test_versions(texts.iter().copied()),
            &Options {
                reference: Some(reference),
                ..Options::default()
            },
        )
    }

    #[test]
    fn the_reference_decides_whatever_the_majority_says() {
        let a = "The new bridge over the river will cost $300,000 to maintain every year.\n";
        let b = "The new bridge over the river will cost $500,000 to maintain every year.\n";
        // Two versions against the reference: the findings land in them.
        let f = run_with_reference(&[a, b, b], 0);
        assert_eq!(f.len(), 2, "{f:#?}");
        for (x, p) in f.iter().zip(["v1.txt", "v2.txt"]) {
            assert_eq!(x.path, p);
            assert_eq!(x.found, "$500,000");
            assert_eq!(x.expected.as_deref(), Some("$300,000"));
            assert!(
                x.message.contains("the reference version (v0.txt)"),
                "{}",
                x.message
            );
            assert!(
                x.related
                    .iter()
                    .any(|r| r.path == "v0.txt" && r.message.contains("(reference)")),
                "{:?}",
                x.related
            );
        }
        // One against one with a reference is no tie.
        let f = run_with_reference(&[a, b], 1);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].path, "v0.txt");
        assert_eq!(f[0].found, "$300,000");
        // The reference agrees with the majority: the same finding as without it.
        let f = run_with_reference(&[a, a, b], 0);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].path, "v2.txt");
    }

    #[test]
    fn unit_conversion_is_presentation_not_contradiction() {
        let a = "Engineers laid a 3,200km gas pipeline across the frozen steppe last decade.\n";
        let b = "Engineers laid a 2,000 mile (3,218km) gas pipeline across the frozen steppe last decade.\n";
        let c = "Engineers laid a 3,800km gas pipeline across the frozen steppe last decade.\n";
        let f = run(&[a, a, b, c]);
        let sev: Vec<(String, Severity)> =
            f.iter().map(|x| (x.found.clone(), x.severity)).collect();
        // A correct conversion between editions is a note at most.
        assert!(
            sev.contains(&("2,000 mile".to_string(), Severity::Note)),
            "{sev:?}"
        );
        assert!(
            sev.contains(&("3,800km".to_string(), Severity::Error)),
            "{sev:?}"
        );
        assert_eq!(f.len(), 2, "{f:#?}");
    }

    #[test]
    fn rephrasing_reordering_and_dropped_sentences_are_quiet() {
        let a = "The harbour authority met on Friday. It sits in a number of international fora. The mayor opened the long bridge across the river.\n";
        let b = "The mayor opened the long bridge across the river. It sits in numerous international forums.\n";
        assert!(run(&[a, b]).is_empty(), "{:#?}", run(&[a, b]));
    }

    #[test]
    fn quoted_words_and_speakers_are_compared() {
        let a = "Wang Yi said that China would “apply the brakes to both trains” without delay.\n";
        let b = "Wang Yi said that China would “apply the break to both trains” without delay.\n";
        let f = run(&[a, a, b]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].check, Check::CompareQuote);
        assert_eq!(f[0].found, "break");

        let c =
            "“We will not wait for the ice to clear,” said Pieter Janssen at the port on Monday.\n";
        let d = "“We will not wait for the ice to clear,” said Sofia Castellanos at the port on Monday.\n";
        let f = run(&[c, c, d]);
        assert!(
            f.iter()
                .any(|x| x.check == Check::CompareQuote && x.found == "Sofia Castellanos"),
            "{f:#?}"
        );
    }

    #[test]
    fn a_quotation_reworded_wholesale_is_one_error_showing_both() {
        let a = "The mayor, Ilse Brandt, told reporters that “nobody in this town wants to see the beaches closed for a whole summer, but safety must come first,” before leaving the hall.\n";
        let b = "The mayor, Ilse Brandt, told reporters that “no resident of our town wishes to watch the beaches shut for an entire summer, yet security comes first,” before leaving the hall.\n";
        let f = run(&[a, a, b]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].check, Check::CompareQuote);
        assert_eq!(f[0].path, "v2.txt");
        assert_eq!(f[0].severity, Severity::Error);
        assert!(
            f[0].found.starts_with("no resident of our town"),
            "{}",
            f[0].found
        );
        assert!(
            f[0].expected
                .as_deref()
                .unwrap()
                .starts_with("nobody in this town"),
            "{:?}",
            f[0].expected
        );
        // The same passage quoted by another speaker is the speaker's business,
        // and a quotation kept whole stays quiet.
        assert!(run(&[a, a, a]).is_empty());
    }

    #[test]
    fn a_reworded_quotation_is_found_when_its_speaker_is_misspelt_too() {
        // One desk both misspelt the speaker and re-translated the quotation:
        // the speaker is still the same person, and both drifts are reported.
        let a = "Its chair, Ilse Brandt, told a public meeting on Tuesday that “a full reservoir keeps the orchards in work”.\n";
        let b = "Its chair, Ilse Brant, told a public meeting on Tuesday that “when the dam is full the fruit growers can hire”.\n";
        let f = run(&[a, b]);
        assert!(
            f.iter()
                .any(|x| x.check == Check::CompareName && x.found == "Ilse Brant"),
            "{f:#?}"
        );
        assert!(
            f.iter()
                .any(|x| x.check == Check::CompareQuote
                    && x.found.starts_with("when the dam is full")),
            "{f:#?}"
        );
        // Another speaker altogether is not the same passage reworded.
        let c = "Its chair, Tomasz Wierzbicki, told a public meeting on Tuesday that “when the dam is full the fruit growers can hire”.\n";
        assert!(
            !run(&[a, c])
                .iter()
                .any(|x| x.check == Check::CompareQuote
                    && x.found.starts_with("when the dam is full")),
        );
    }

    #[test]
    fn a_quotation_running_on_into_the_next_sentence_is_compared_there() {
        let a = "“Grain is not politics. Grain is bread, and bread has no passport,” Mr. Koroliov told reporters in the capital.\n";
        let b = "“Grain is not politics. Grain is bread, and bread has no borders,” Mr. Koroliov told reporters in the capital.\n";
        let f = run(&[a, a, b]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].check, Check::CompareQuote);
        assert_eq!(f[0].found, "borders");
        // "Mr." cut off by its point is no speaker: the versions agree on who spoke.
        assert!(run(&[a, a, a]).is_empty());
    }

    #[test]
    fn another_name_in_exactly_the_same_place_is_a_disagreement() {
        let a = "Abernathy, who toured the levee by helicopter, called the damage worse than in any storm before.\n";
        let b = "Thibodeaux, who toured the levee by helicopter, called the damage worse than in any storm before.\n";
        let f = run(&[a, a, b]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].check, Check::CompareName);
        assert_eq!(f[0].found, "Thibodeaux");
        // A name with other words around it is rephrasing, not a swap.
        let c = "The senator, who toured the levee by helicopter, called the damage worse than in any storm before.\n";
        assert!(run(&[a, a, c]).is_empty(), "{:#?}", run(&[a, a, c]));
        // A speaker swapped is one finding, the quotation's.
        let d =
            "“We will not wait for the ice to clear,” said Pieter Janssen at the port on Monday.\n";
        let e = "“We will not wait for the ice to clear,” said Sofia Castellanos at the port on Monday.\n";
        let f = run(&[d, d, e]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].check, Check::CompareQuote);
    }

    #[test]
    fn a_later_update_from_the_same_outlet_is_a_note() {
        let a = "At least 12 people died when the storm reached the coast on Tuesday night, officials said.\n";
        let b = "At least 14 people died when the storm reached the coast on Tuesday night, officials said.\n";
        let files = [
            SourceFile::new("wire.txt", a),
            SourceFile::new("paper.txt", a),
            SourceFile::new("update.txt", b),
        ];
        let meta = |outlet: &str, day: i8| crate::metadata::Metadata {
            outlet: Some(outlet.into()),
            published: Some(jiff::civil::date(2025, 9, day)),
            ..Default::default()
        };
        let options = Options {
            reference: None,
            metadata: vec![meta("wire", 16), meta("paper", 16), meta("wire", 17)],
            ..Options::default()
        };
        let f = compare_with(&files, &options);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].path, "update.txt");
        assert_eq!(f[0].severity, Severity::Note);
        assert!(
            f[0].notes
                .iter()
                .any(|n| n.contains("later version from the same outlet"))
        );
        // Another outlet's later copy is no update: an error.
        let options = Options {
            reference: None,
            metadata: vec![meta("wire", 16), meta("paper", 16), meta("other", 17)],
            ..Options::default()
        };
        let f = compare_with(&files, &options);
        assert_eq!(f[0].severity, Severity::Error, "{f:#?}");
    }

    #[test]
    fn an_update_that_swaps_a_figure_and_nothing_else_is_a_warning() {
        let meta = |outlet: &str, day: i8| crate::metadata::Metadata {
            outlet: Some(outlet.into()),
            published: Some(jiff::civil::date(2025, 9, day)),
            ..Default::default()
        };
        let options = Options {
            metadata: vec![meta("wire", 16), meta("paper", 16), meta("wire", 17)],
            ..Options::default()
        };
        let update = |a: &str, b: &str| {
            let files = [
                SourceFile::new("wire.txt", a.to_string()),
                SourceFile::new("paper.txt", a.to_string()),
                SourceFile::new("update.txt", b.to_string()),
            ];
            compare_with(&files, &options)
        };
        // No tally, the sentence word for word the earlier one: a warning.
        let a =
            "Renata is the third hurricane to reach the Gulf Coast this year, forecasters said.\n";
        let b =
            "Renata is the fourth hurricane to reach the Gulf Coast this year, forecasters said.\n";
        let f = update(a, b);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].path.as_str(), f[0].severity),
            ("update.txt", Severity::Warning)
        );
        assert!(
            f[0].notes.iter().any(|n| n.contains("word for word")),
            "{f:#?}"
        );
        // The sentence rewritten around the figure is news: a note.
        let c = "Renata is now the fourth hurricane to reach the Gulf Coast this year, after Tomas came ashore overnight, forecasters said.\n";
        let f = update(a, c);
        assert!(f.iter().all(|x| x.severity == Severity::Note), "{f:#?}");
        // A past event's weekday swapped in a tally's sentence: the tally
        // says nothing of the weekday, a warning.
        let d =
            "Crews have rescued 57 people from rooftops since Monday night, when the water rose.\n";
        let e =
            "Crews have rescued 57 people from rooftops since Sunday night, when the water rose.\n";
        let f = update(d, e);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].check, f[0].severity),
            (Check::CompareTime, Severity::Warning)
        );
    }

    #[test]
    fn a_conversion_added_inside_a_quotation_is_not_the_speakers_words() {
        let a = "“It moves faster than the trucks and throws embers a mile ahead of itself,” the chief said.\n";
        let b = "“It moves faster than the trucks and throws embers a mile (1.6 kilometres) ahead of itself,” the chief said.\n";
        assert!(run(&[a, a, b]).is_empty(), "{:#?}", run(&[a, a, b]));
        // Other words in parentheses are still words added to the quotation.
        let c = "“It moves faster than the trucks and throws embers a mile (or more) ahead of itself,” the chief said.\n";
        let f = run(&[a, a, c]);
        assert!(f.iter().any(|x| x.check == Check::CompareQuote), "{f:#?}");
    }

    #[test]
    fn editing_outside_quotations_is_not_a_look_alike() {
        let a = "The council will begin a search for a solution to the flooding of the old harbour district.\n";
        let b = "The council will began a search for a resolution to the flooding of the old harbour district.\n";
        assert!(run(&[a, a, b]).is_empty(), "{:#?}", run(&[a, a, b]));
        let c = "Crews trained for polar waters are scarce, and insurers charge more for every passage north.\n";
        let d = "Crews trained for polar waters are scare, and insurers charge more for every passage north.\n";
        let f = run(&[c, c, d]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].check, Check::CompareWord);
        assert_eq!(f[0].found, "scare");
    }

    #[test]
    fn photo_captions_and_credits_are_not_compared() {
        let a = "The harbour authority approved the new container terminal on Friday after a long debate.\n\nDock workers unload 300 containers from a ship in the port. (Photo: Ana Petrova/Reuters)\n";
        let b = "The harbour authority approved the new container terminal on Friday after a long debate.\n\nDock workers unload 500 containers from a ship in the port. (Photo: Ana Petrova/Reuters)\n";
        assert!(run(&[a, a, b]).is_empty(), "{:#?}", run(&[a, a, b]));
        // The same line without its credit is text, and compared.
        let strip = |t: &str| t.replace(" (Photo: Ana Petrova/Reuters)", "");
        assert_eq!(run(&[&strip(a), &strip(a), &strip(b)]).len(), 1);
    }

    #[test]
    fn speakers_are_read_with_the_lexicons_verbs() {
        // "stressed" was a verb of saying for `check` only.
        let c =
            "Pieter Janssen stressed that “we will not wait for the ice to clear” at the port.\n";
        let d = "Sofia Castellanos stressed that “we will not wait for the ice to clear” at the port.\n";
        let f = run(&[c, c, d]);
        assert!(
            f.iter()
                .any(|x| x.check == Check::CompareQuote && x.found == "Sofia Castellanos"),
            "{f:#?}"
        );
    }

    #[test]
    fn the_name_before_an_appositive_speaks() {
        // The appositive's names ("Wash.", "Siam Riverworks") do not speak.
        let a = "Sen. Harlan Brooks, D-Wash., said he wanted a mediator “before the damage spreads to every farm in this state.”\n";
        let b = "Senator Harlan Brooks, a Washington Democrat, said he wanted a mediator “before the damage spreads to every farm in this state”.\n";
        assert!(run(&[a, a, b]).is_empty(), "{:#?}", run(&[a, a, b]));
        let c = "Mara Olsen, the chief executive of Siam Riverworks, told investors the dam would be “a scheme that gives back what it borrows.”\n";
        let d = "Ilse Brandt, the energy minister of the republic, told investors the dam would be “a scheme that gives back what it borrows.”\n";
        let f = run(&[c, c, d]);
        assert!(
            f.iter()
                .any(|x| x.check == Check::CompareQuote && x.found == "Ilse Brandt"),
            "{f:#?}"
        );
        // A name after "said" that the quotation follows is what was said of.
        let h = "Siam Riverworks chief executive Kittipong Saengthong said Pha Khao would be “a dam that runs with the river and gives back what it takes”.\n";
        let k = "Kittipong Saengthong, the chief executive of Siam Riverworks, told investors that Pha Khao would be “a dam that runs with the river and gives back what it takes.”\n";
        assert!(run(&[k, k, h]).is_empty(), "{:#?}", run(&[k, k, h]));
        // A gloss between the name and its appositive.
        let e = "Liu Shaoqing (刘少卿), the vice-minister who met him in Beijing, said China welcomed “a contribution to food security.”\n";
        let g = "Liu Shaoqing, the vice-minister who met him in Beijing, said China welcomed “a contribution to food security.”\n";
        assert!(run(&[e, g, g, e]).is_empty(), "{:#?}", run(&[e, g, g, e]));
    }

    #[test]
    fn a_sentence_s_first_word_the_piece_writes_in_lower_case_is_no_name() {
        // A rewritten headline and a reworded opener are editing.
        let a = "Dockworkers stay out as harbour talks stall\n\nAbout 800 containers of fruit wait on the quay at the port.\n\nCombined, the two dams hold more water than the lake, the dockworkers said.\n";
        let b = "Port strike drags on as harbour talks stall\n\nSome 800 containers of fruit wait on the quay at the port.\n\nTogether, the two dams hold more water than the lake, the dockworkers said, with some about it.\n";
        assert!(run(&[a, a, b]).is_empty(), "{:#?}", run(&[a, a, b]));
        // A name at a sentence's start is still one; so is an acronym.
        let c = "Vroom said the port would reopen on the harbour side.\n\nUS officials met the union.\n";
        let d =
            "Vrom said the port would reopen on the harbour side.\n\nUK officials met the union.\n";
        let f = run(&[c, c, d]);
        let found: Vec<&str> = f.iter().map(|x| x.found.as_str()).collect();
        assert!(found.contains(&"Vrom") && found.contains(&"UK"), "{f:#?}");
    }

    #[test]
    fn a_pronoun_replaced_by_a_name_no_version_names_before_it_is_a_warning() {
        let lead = "At the fairgrounds shelter, Donna Achterberg sat on a cot with her two dogs and a bag of photographs.";
        let a = format!("{lead} “We had maybe ten minutes to get out,” she said.\n");
        let b = format!("{lead} “We had maybe ten minutes to get out,” Bell said.\n");
        let f = run(&[&a, &a, &b]);
        assert!(
            f.iter().any(|x| x.check == Check::CompareQuote
                && x.severity == Severity::Warning
                && x.found == "Bell"),
            "{f:#?}"
        );
        // The name of the person the pronoun means is editing.
        let c = format!("{lead} “We had maybe ten minutes to get out,” Achterberg said.\n");
        assert!(run(&[&a, &a, &c]).is_empty(), "{:#?}", run(&[&a, &a, &c]));
    }

    #[test]
    fn a_date_moved_within_its_sentence_is_compared() {
        let a = "The vice-minister told a forum in Kunming that since November 1, 2020, Beijing had shared rainfall data with the commission.\n";
        let b = "The vice-minister told a forum in Kunming that Beijing had shared rainfall data with the commission all year round since 1 November 2020.\n";
        let c = "The vice-minister told a forum in Kunming that since November 11, 2020, Beijing had shared rainfall data with the commission.\n";
        assert!(run(&[a, b, a]).is_empty(), "{:#?}", run(&[a, b, a]));
        let f = run(&[a, b, c]);
        assert!(
            f.iter()
                .any(|x| x.check == Check::CompareTime && x.found == "November 11, 2020"),
            "{f:#?}"
        );
    }

    #[test]
    fn a_quotation_reworded_between_aligned_sentences_is_one_error() {
        let before = "The vice-minister told a forum in Kunming that Beijing had shared rainfall data with the commission since 2020.";
        let after = "The data help, but they arrive as a courtesy and not as an obligation of the treaty.\n";
        let q = "“They have been run with our neighbours in mind, in every season,” he said.";
        let r = "“We have always operated them with the countries downstream in our thoughts,” he said.";
        let a = format!("{before} {q} {after}");
        let b = format!("{before} {r} {after}");
        let f = run(&[&a, &a, &b]);
        assert!(
            f.iter().any(|x| x.check == Check::CompareQuote
                && x.severity == Severity::Error
                && x.found.contains("countries downstream")),
            "{f:#?}"
        );
        // A sentence reworded between the same sentences, with no quotation, is editing.
        let s = "The reservoirs have been operated with the neighbours in mind.";
        let t = "Operators say they always think of the countries downstream.";
        let (c, d) = (
            format!("{before} {s} {after}"),
            format!("{before} {t} {after}"),
        );
        assert!(run(&[&c, &c, &d]).is_empty(), "{:#?}", run(&[&c, &c, &d]));
    }

    #[test]
    fn relative_time_is_a_note_and_a_different_date_an_error() {
        let a = "The minister arrived in the capital on Monday, 30 October 2017, for two days of talks.\n";
        let b = "The minister arrived in the capital last Monday for two days of talks.\n";
        let c = "The minister arrived in the capital on Monday, 31 October 2017, for two days of talks.\n";
        let f = run(&[a, a, b, c]);
        let got: Vec<(String, Severity)> =
            f.iter().map(|x| (x.found.clone(), x.severity)).collect();
        assert!(
            got.contains(&("last Monday".into(), Severity::Note)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Monday, 31 October 2017".into(), Severity::Error)),
            "{got:?}"
        );
    }
}
