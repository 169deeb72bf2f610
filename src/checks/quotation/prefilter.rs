//! Which canonical texts a passage may match, found without aligning it
//! (see [`Prefilter`] for why it never leaves out a match).

use super::Canonical;
use super::tokens::Item;
use super::words::{is_function_word, related_forms};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// A passage word equals a key (a word or a gloss) of the canonical text.
const KEY: u8 = 1;
/// A passage word may add one to `matched + near` against the canonical
/// text: it equals one of its keys, or `classify` may not call it
/// [`SubKind::Word`] for one of its words.
///
/// [`SubKind::Word`]: super::words::SubKind::Word
const RELATED: u8 = 2;
/// A passage word may add one to `content`: it equals a key that is not a
/// function word, or `classify` may not call it [`SubKind::Word`] for a
/// canonical word that is not a function word.
///
/// [`SubKind::Word`]: super::words::SubKind::Word
const CONTENT: u8 = 4;

/// Counts of chars of a word, in 32 buckets (`char as u32 % 32`); exact
/// while the word has at most 255 chars.
type CharCounts = [u8; 32];

fn char_counts(word: &str) -> CharCounts {
    let mut counts = [0u8; 32];
    for c in word.chars() {
        let b = &mut counts[(c as u32 % 32) as usize];
        *b = b.saturating_add(1);
    }
    counts
}

/// The buckets of a [`CharCounts`] that are not 0. The buckets present in
/// only one of two words are at most the L1 distance of their counts.
fn present(counts: &CharCounts) -> u32 {
    counts
        .iter()
        .enumerate()
        .fold(0, |m, (b, &n)| m | (u32::from(n != 0) << b))
}

/// The L1 distance of two [`CharCounts`].
fn counts_distance(a: &CharCounts, b: &CharCounts) -> usize {
    a.iter()
        .zip(b)
        .map(|(x, y)| usize::from(x.abs_diff(*y)))
        .sum()
}

/// A canonical word of four characters or more: what a near-spelling may
/// stand for.
#[derive(Debug)]
struct NearWord {
    chars: usize,
    counts: CharCounts,
    /// Bit b set when bucket b of `counts` is not 0.
    present: u32,
    canonical: u32,
    content: bool,
}

/// Which canonical texts a passage may match, found without aligning it.
///
/// ## Why a canonical text it leaves out could never match
/// [`accepts`] needs `matched >= 1`, `matched + near >= 2`,
/// `5 * (matched + near) >= 3 * total`, and `content >= 2` or
/// `matched + near >= words`. Each of these is bounded from above by counting
/// passage words, and a canonical text whose bounds fail one of them cannot
/// be accepted; `best_match` would drop it, so dropping it first changes
/// nothing (and `best_match`'s order is total, so neither does the order).
///
/// 1. A fragment none of whose keys (words or glosses) equals a key of the
///    canonical text has no `Equal` op in a diff with any window of it, so
///    `align_fragment` gives `None` for every window: the fragment adds only
///    a `Foreign` diff, nothing to `matched`, `near` or `content`.
/// 2. In any other fragment, each passage word is in one diff op and in at
///    most one (canonical, found) pair. It adds to `matched` only in an
///    `Equal` op, that is when it equals a canonical key, and to `near` only
///    in a pair whose `classify` is not `Word`: a spelling alternative of the
///    canonical word, a homophone (also with a plural `s` taken off both), an
///    inflection (an ending of [`INFLECTIONS`] added or taken off), or a
///    near-spelling (`osa_distance` d <= 2, shortest >= 4 chars, 3d <=
///    shortest). The first three are finite sets of words per canonical word,
///    listed in `words`. A near-spelling has a char count within d of the
///    canonical word's, and its [`CharCounts`] within 2d in L1 (an insertion
///    or a deletion changes one count by one, a substitution two counts by
///    one, a transposition none; bucketing only merges counts), so with
///    d >= max(count difference, ceil(L1 / 2)) the `near` test below lets
///    through every near-spelling. Hence `matched + near` is at most the
///    number of `RELATED` words of such fragments, and `content` (an equal
///    word that is not a function word, or a pair whose canonical word is not
///    one) at most the number of `CONTENT` ones.
/// 3. `matched` is at most the number of passage words equal to a key.
///
/// The tests check this against aligning every passage with every text.
///
/// [`INFLECTIONS`]: super::words::INFLECTIONS
/// [`accepts`]: super::align::accepts
#[derive(Debug, Default)]
pub(super) struct Prefilter {
    /// Every canonical key, and every word `classify` calls a spelling,
    /// homophone or inflection of a canonical word: the canonical texts
    /// (ascending, once each) and how the word may relate to them.
    words: FxHashMap<String, Vec<(u32, u8)>>,
    /// Canonical words of four chars or more, by char count.
    near: Vec<NearWord>,
}

impl Prefilter {
    pub(super) fn new(canonicals: &[Canonical]) -> Self {
        let mut words: FxHashMap<String, Vec<(u32, u8)>> = FxHashMap::default();
        let mut near = Vec::new();
        for (ci, c) in canonicals.iter().enumerate() {
            let ci = ci as u32;
            let mut add = |word: String, flags: u8| {
                let rels = words.entry(word).or_default();
                match rels.last_mut() {
                    Some((last, f)) if *last == ci => *f |= flags,
                    _ => rels.push((ci, flags)),
                }
            };
            for item in &c.items {
                let content = if is_function_word(&item.key) {
                    0
                } else {
                    CONTENT
                };
                add(item.key.clone(), KEY | RELATED | content);
                if item.bracket {
                    continue;
                }
                for form in related_forms(&item.key) {
                    add(form, RELATED | content);
                }
                let chars = item.key.chars().count();
                if chars >= 4 {
                    let counts = char_counts(&item.key);
                    near.push(NearWord {
                        chars,
                        present: present(&counts),
                        counts,
                        canonical: ci,
                        content: content != 0,
                    });
                }
            }
        }
        near.sort_by_key(|w| (w.chars, w.canonical));
        Prefilter { words, near }
    }

    /// Push (canonical text, flags) for each canonical word `word` may be a
    /// near-spelling of.
    fn near_relations(&self, word: &str, out: &mut Vec<(u32, u8)>) {
        let chars = word.chars().count();
        if chars < 4 {
            return;
        }
        let from = self.near.partition_point(|w| w.chars + 2 < chars);
        let mut counts = None;
        for w in self.near[from..]
            .iter()
            .take_while(|w| w.chars <= chars + 2)
        {
            let shortest = chars.min(w.chars);
            // The fewest edits that could turn one word into the other.
            let mut d = chars.abs_diff(w.chars);
            if chars <= 255 && w.chars <= 255 {
                let (counts, mask) = counts.get_or_insert_with(|| {
                    let counts = char_counts(word);
                    (counts, present(&counts))
                });
                // d <= 2 and 3d <= shortest allow an L1 of at most 2 * max_d.
                let max_d = if shortest >= 6 { 2 } else { 1 };
                if (*mask ^ w.present).count_ones() as usize > 2 * max_d {
                    continue;
                }
                d = d.max(counts_distance(counts, &w.counts).div_ceil(2));
            }
            if d <= 2 && 3 * d <= shortest {
                out.push((w.canonical, RELATED | if w.content { CONTENT } else { 0 }));
            }
        }
    }

    /// How `item` may relate to each canonical text: (canonical text, flags),
    /// ascending, once each, into `out` (cleared first).
    fn relations(&self, item: &Item, out: &mut Vec<(u32, u8)>) {
        out.clear();
        if let Some(rels) = self.words.get(item.key.as_str()) {
            out.extend_from_slice(rels);
        }
        if item.bracket {
            return;
        }
        let exact = out.len();
        self.near_relations(&item.key, out);
        if out.len() == exact {
            return;
        }
        out.sort_unstable_by_key(|&(c, _)| c);
        out.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
            }
            same
        });
    }

    /// Fill `scratch.candidates` with the canonical texts (ascending) that
    /// the passage may match; see [`Prefilter`] for why the others cannot.
    pub(super) fn candidates(
        &self,
        canonicals: &[Canonical],
        items: &[Item],
        fragments: &[Range<usize>],
        total: usize,
        scratch: &mut Scratch,
    ) {
        scratch.begin_passage();
        for (fi, frag) in fragments.iter().enumerate() {
            for item in &items[frag.clone()] {
                let mut word = std::mem::take(&mut scratch.word);
                self.relations(item, &mut word);
                for &(c, flags) in &word {
                    scratch.count(fi, c as usize, flags, item.bracket);
                }
                scratch.word = word;
            }
            scratch.end_fragment();
        }
        let Scratch {
            tallies,
            touched,
            candidates,
            ..
        } = scratch;
        candidates.extend(touched.iter().copied().filter(|&c| {
            let t = &tallies[c];
            t.exact >= 1
                && t.related >= 2
                && t.related * 5 >= total * 3
                && (t.content >= 2 || t.related >= canonicals[c].words)
        }));
        candidates.sort_unstable();
    }
}

/// Upper bounds on one passage's alignment with one canonical text.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    /// Passage words equal to a key.
    exact: usize,
    /// `RELATED` and `CONTENT` words of fragments that share a key.
    related: usize,
    content: usize,
    /// The same in the current fragment, added when the fragment ends if it
    /// shares a key.
    fragment_related: usize,
    fragment_content: usize,
    fragment_key: bool,
    /// 1 + the fragment the `fragment_` fields are for; 0 when the passage
    /// has not touched this canonical text yet.
    fragment: usize,
}

/// Working memory of [`Prefilter::candidates`], reused across passages.
pub(super) struct Scratch {
    tallies: Vec<Tally>,
    /// Canonical texts touched by the current passage.
    touched: Vec<usize>,
    /// Canonical texts touched by the current fragment.
    in_fragment: Vec<usize>,
    /// Relations of the current word.
    word: Vec<(u32, u8)>,
    /// The canonical texts the passage may match, ascending.
    pub(super) candidates: Vec<usize>,
}

impl Scratch {
    pub(super) fn new(canonicals: usize) -> Self {
        Scratch {
            tallies: vec![Tally::default(); canonicals],
            touched: Vec::new(),
            in_fragment: Vec::new(),
            word: Vec::new(),
            candidates: Vec::new(),
        }
    }

    fn begin_passage(&mut self) {
        for &c in &self.touched {
            self.tallies[c] = Tally::default();
        }
        self.touched.clear();
        self.in_fragment.clear();
        self.candidates.clear();
    }

    fn count(&mut self, fragment: usize, c: usize, flags: u8, bracket: bool) {
        let t = &mut self.tallies[c];
        if t.fragment == 0 {
            self.touched.push(c);
        }
        if t.fragment != fragment + 1 {
            t.fragment = fragment + 1;
            t.fragment_related = 0;
            t.fragment_content = 0;
            t.fragment_key = false;
            self.in_fragment.push(c);
        }
        t.fragment_key |= flags & KEY != 0;
        if bracket {
            // A gloss is no word: it only lets its fragment align.
            return;
        }
        t.exact += usize::from(flags & KEY != 0);
        t.fragment_related += usize::from(flags & RELATED != 0);
        t.fragment_content += usize::from(flags & CONTENT != 0);
    }

    fn end_fragment(&mut self) {
        for &c in &self.in_fragment {
            let t = &mut self.tallies[c];
            if t.fragment_key {
                t.related += t.fragment_related;
                t.content += t.fragment_content;
            }
        }
        self.in_fragment.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::super::QuotationEngine;
    use super::super::align::{Alignment, accepts, align, best_match};
    use super::super::tests::RULES;
    use super::super::tokens::passage_items;
    use super::super::words::{SubKind, classify};
    use super::*;
    use crate::lexicon::homophones::homophones_of;
    use crate::rules::RuleSet;
    use crate::source::SourceFile;
    use crate::text::quotes::quotations;
    use crate::text::spelling::spelling_alternatives;

    /// Words that hit every kind of `classify`, and glosses and ellipses.
    const VOCAB: &[&str] = &[
        "the",
        "to",
        "too",
        "two",
        "a",
        "of",
        "and",
        "is",
        "with",
        "brakes",
        "brake",
        "break",
        "breaks",
        "braked",
        "braking",
        "apply",
        "applied",
        "strategic",
        "strategy",
        "strategies",
        "patience",
        "patients",
        "destabilising",
        "destabilizing",
        "colour",
        "color",
        "realise",
        "realize",
        "there",
        "their",
        "they're",
        "principal",
        "principle",
        "dealt",
        "deal",
        "dealing",
        "rapidly",
        "rapid",
        "region",
        "regions",
        "reign",
        "rein",
        "rain",
        "trains",
        "all",
        "options",
        "peace",
        "pieces",
        "council",
        "counsel",
        "China's",
        "chinas",
        "Korea",
        "we",
        "will",
        "abcd",
        "abdc",
        "bacd",
        "abcde",
        "abcdef",
        "abcdfe",
        "acbdef",
        "échec",
        "echec",
        "[the US]",
        "[North Korean]",
        "…",
        ",",
    ];

    fn token() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            3 => proptest::sample::select(VOCAB).prop_map(str::to_string),
            1 => "[a-eé]{1,8}",
        ]
    }

    /// A slice of a canonical text's tokens with a few edits of the kinds
    /// the alignment tells apart.
    fn edited_passage(
        quote: &[String],
        from: usize,
        len: usize,
        edits: &[(u8, usize, String)],
    ) -> Vec<String> {
        let from = from.min(quote.len() - 1);
        let mut out: Vec<String> = quote[from..quote.len().min(from + len)].to_vec();
        for (kind, at, token) in edits {
            let at = at % (out.len() + 1);
            let Some(word) = out.get(at).cloned() else {
                out.push(token.clone());
                continue;
            };
            let chars: Vec<char> = word.chars().collect();
            if chars.is_empty() {
                continue;
            }
            let i = at % chars.len();
            let edited = match kind {
                0 => format!("{word}s"),
                1 => chars[..chars.len() - 1].iter().collect(),
                2 if i + 1 < chars.len() => {
                    let mut c = chars.clone();
                    c.swap(i, i + 1);
                    c.into_iter().collect()
                }
                3 => {
                    let mut c = chars.clone();
                    c[i] = 'x';
                    c.into_iter().collect()
                }
                4 => homophones_of(&word)
                    .next()
                    .map_or(word.clone(), str::to_string),
                5 => spelling_alternatives(&word)
                    .into_iter()
                    .next()
                    .unwrap_or(word.clone()),
                6 => {
                    out.remove(at);
                    continue;
                }
                7 => {
                    out.insert(at, token.clone());
                    continue;
                }
                8 => {
                    out.insert(at, "…".to_string());
                    continue;
                }
                _ => token.clone(),
            };
            out[at] = edited;
        }
        out
    }

    /// The prefilter's answer for a lone canonical word `canonical`.
    fn word_flags(found: &str, canonical: &str) -> u8 {
        let items = vec![Item {
            key: canonical.to_string(),
            span: 0..canonical.len(),
            bracket: false,
        }];
        let c = Canonical {
            rule: 0,
            speaker: None,
            keys: vec![canonical.to_string()],
            items,
            words: 1,
        };
        let prefilter = Prefilter::new(std::slice::from_ref(&c));
        let mut out = Vec::new();
        let item = Item {
            key: found.to_string(),
            span: 0..found.len(),
            bracket: false,
        };
        prefilter.relations(&item, &mut out);
        out.iter().map(|&(_, f)| f).fold(0, |a, f| a | f)
    }

    #[test]
    fn prefilter_relates_every_kind_of_substitution() {
        for (found, canonical) in [
            ("break", "brakes"),
            ("brake", "brakes"),
            ("principal", "principle"),
            ("destabilizing", "destabilising"),
            ("strategy", "strategic"),
            ("pieces", "peace"),
            ("abdc", "abcd"),
        ] {
            assert_ne!(classify(found, canonical), SubKind::Word);
            assert_eq!(word_flags(found, canonical), RELATED | CONTENT, "{found}");
        }
        assert_eq!(word_flags("their", "there"), RELATED);
        assert_eq!(word_flags("will", "would"), 0);
        assert_eq!(word_flags("strategic", "patience"), 0);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Every word `classify` relates to a canonical word is `RELATED`.
        #[test]
        fn prefilter_relation_covers_classify(
            found in "[a-eés']{1,9}|[a-z]{1,12}",
            canonical in "[a-eés']{1,9}|[a-z]{1,12}",
            pick in proptest::sample::select(VOCAB),
            pick_found in proptest::bool::ANY,
        ) {
            let (found, canonical) = if pick_found {
                (pick.to_lowercase(), canonical)
            } else {
                (found, pick.to_lowercase())
            };
            let flags = word_flags(&found, &canonical);
            if found == canonical || classify(&found, &canonical) != SubKind::Word {
                proptest::prop_assert!(flags & RELATED != 0, "{found} / {canonical}");
                if !is_function_word(&canonical) {
                    proptest::prop_assert!(flags & CONTENT != 0, "{found} / {canonical}");
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// The prefilter keeps every canonical text a passage would be
        /// accepted for, so the best match is the same with it or without.
        #[test]
        fn prefilter_keeps_every_accepted_canonical(
            quotes in proptest::collection::vec(proptest::collection::vec(token(), 1..12), 1..4),
            which in 0usize..4,
            from in 0usize..12,
            len in 1usize..14,
            edits in proptest::collection::vec((0u8..10, 0usize..16, token()), 0..5),
        ) {
            let passage = edited_passage(&quotes[which % quotes.len()], from, len, &edits);
            let mut toml = String::from("[[entity]]\nid = \"x\"\ncanonical = \"X\"\n");
            for (i, q) in quotes.iter().enumerate() {
                toml.push_str(&format!(
                    "\n[[quote]]\nid = \"q{i}\"\nspeaker = \"x\"\ntext = \"{}\"\n",
                    q.join(" ")
                ));
            }
            let mut rules = RuleSet::default();
            let mut errors = Vec::new();
            rules.add_file(SourceFile::new("r.toml", toml), &mut errors);
            proptest::prop_assume!(errors.is_empty() && rules.quotes.len() == quotes.len());
            let engine = QuotationEngine::new(&rules);
            let text = format!("X said: “{}”.", passage.join(" "));
            let mut scratch = Scratch::new(engine.canonicals.len());
            for q in &quotations(&text).quotes {
                let (items, ranges) = passage_items(&text, q);
                let total = items.iter().filter(|it| !it.bracket).count();
                engine.prefilter.candidates(
                    &engine.canonicals, &items, &ranges, total, &mut scratch,
                );
                for (i, c) in engine.canonicals.iter().enumerate() {
                    let a = align(c, &items, &ranges);
                    if accepts(&a, total, c.words) {
                        proptest::prop_assert!(
                            scratch.candidates.contains(&i),
                            "{text}: rule {i} accepted but filtered out"
                        );
                    }
                }
                let summary = |m: Option<(&Canonical, Alignment)>| {
                    m.map(|(c, a)| (c.rule, a.matched, a.near, a.content, a.dropped, a.diffs))
                };
                let unfiltered = best_match(engine.canonicals.iter(), &items, &ranges, total);
                let filtered = best_match(
                    scratch.candidates.iter().map(|&c| &engine.canonicals[c]),
                    &items, &ranges, total,
                );
                proptest::prop_assert_eq!(summary(unfiltered), summary(filtered));
            }
        }
    }

    #[test]
    fn prefilter_leaves_out_unrelated_passages() {
        let mut rules = RuleSet::default();
        let mut errors = Vec::new();
        rules.add_file(SourceFile::new("r.toml", RULES), &mut errors);
        let engine = QuotationEngine::new(&rules);
        let mut scratch = Scratch::new(engine.canonicals.len());
        let mut candidates = |text: &str| {
            let q = &quotations(text).quotes[0];
            let (items, ranges) = passage_items(text, q);
            let total = items.iter().filter(|it| !it.bracket).count();
            engine
                .prefilter
                .candidates(&engine.canonicals, &items, &ranges, total, &mut scratch);
            scratch.candidates.clone()
        };
        assert!(candidates("“The adviser is uncertain and the talks are over”").is_empty());
        assert_eq!(candidates("“apply the break to both trains”"), [0]);
        assert_eq!(candidates("“strategic patience”"), [1]);
    }
}
