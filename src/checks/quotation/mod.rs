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

use super::Document;
use super::engine::{Engine, Output, Scan};
use crate::codes::{Check, CheckDoc};
use crate::document::sentences;
use crate::finding::{Finding, RelatedSpan, Severity};
use crate::lexicon::homophones::{are_homophones, homophones_of};
use crate::lexicon::speech::speech_verb;
use crate::rules::{QuoteRule, RuleSet, SpellingPolicy};
use crate::text::quotes::{Imbalance, Quotation, Quotations};
use crate::text::spelling::spelling_alternatives;
use crate::text::{Word, display_text, normalize_phrase};
use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::ops::Range;

/// A mention of an entity in the text, found by the literal automaton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Range<usize>,
    /// Index into `RuleSet::entities`.
    pub entity: usize,
}

/// A word or a bracketed gloss of a quotation or of a canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    /// Normalised, lowercased; a gloss is `[word word]`.
    key: String,
    span: Range<usize>,
    bracket: bool,
}

/// Function words: a match made only of these is no match.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "but", "is",
    "are", "was", "were", "be", "been", "it", "its", "that", "this", "as", "we", "he", "she",
    "they", "i", "you", "not", "will", "has", "have", "had", "do", "does", "there", "their",
];

/// How a quoted word differs from the canonical one it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubKind {
    /// Another word.
    Word,
    /// Another form of the same word (brake for brakes).
    Inflection,
    /// A homophone (break for brake).
    Homophone,
    /// One or two letters apart.
    NearSpelling(usize),
    /// The other UK/US spelling.
    Spelling,
}

/// One difference between a passage and a canonical text. Indices are into
/// the passage's items (`found`) and the canonical items (`canonical`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Diff {
    Substituted {
        found: usize,
        canonical: usize,
        kind: SubKind,
    },
    Inserted {
        found: usize,
    },
    /// Canonical words replaced by a different number of other words.
    Replaced {
        found: Range<usize>,
        canonical: Range<usize>,
    },
    /// Canonical words missing between two passage words (either may be
    /// absent at an edge).
    Dropped {
        canonical: Range<usize>,
        before: Option<usize>,
        after: Option<usize>,
    },
    Gloss {
        found: usize,
        canonical: usize,
    },
    /// A fragment that aligns with nothing in the canonical text.
    Foreign {
        found: Range<usize>,
    },
    /// Fragment `later` (passage order) stands before fragment `earlier` in
    /// the canonical text.
    Order {
        earlier: Range<usize>,
        later: Range<usize>,
    },
}

/// How one passage aligns with one canonical text.
#[derive(Debug, Default)]
struct Alignment {
    matched: usize,
    near: usize,
    content: usize,
    dropped: usize,
    diffs: Vec<Diff>,
}

impl Alignment {
    fn effective(&self) -> usize {
        self.matched + self.near
    }
}

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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Words and bracketed glosses of `pieces` of `text`. Apostrophes and
/// hyphens between letters stay inside a word; every other character
/// (punctuation, marks, an ellipsis) separates words.
fn tokenize(text: &str, pieces: &[Range<usize>]) -> Vec<Item> {
    let mut out = Vec::new();
    for piece in pieces {
        let s = &text[piece.clone()];
        let mut i = 0;
        while i < s.len() {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            if c == '['
                && let Some(close) = s[i..].find(']')
            {
                let inner = &s[i + 1..i + close];
                let words: Vec<String> = tokenize_all(inner).into_iter().map(|w| w.key).collect();
                out.push(Item {
                    key: format!("[{}]", words.join(" ")),
                    span: piece.start + i..piece.start + i + close + 1,
                    bracket: true,
                });
                i += close + 1;
                continue;
            }
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let mut end = i;
            let mut chars = s[i..].char_indices().peekable();
            let mut prev_word = false;
            while let Some((k, ch)) = chars.next() {
                let joiner = matches!(ch, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}');
                let next_is_word = chars.peek().is_some_and(|&(_, n)| is_word_char(n));
                if is_word_char(ch) || is_invisible(ch) {
                    end = i + k + ch.len_utf8();
                    prev_word = true;
                } else if joiner && prev_word && next_is_word {
                    prev_word = false;
                } else {
                    break;
                }
            }
            let word = &s[start..end];
            out.push(Item {
                key: word_key(word),
                span: piece.start + start..piece.start + end,
                bracket: false,
            });
            i = end.max(start + c.len_utf8());
        }
    }
    out
}

/// The key of a word: `normalize_phrase(word, true)`, which for a word of
/// ASCII letters, digits, apostrophes and hyphens (no space, no control
/// character) only lowercases it.
fn word_key(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        normalize_phrase(word, true)
    }
}

/// Words and glosses of all of `text`.
fn tokenize_all(text: &str) -> Vec<Item> {
    tokenize(text, std::slice::from_ref(&(0..text.len())))
}

fn strip_plural(w: &str) -> &str {
    w.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(w)
}

fn classify(found: &str, canonical: &str) -> SubKind {
    if spelling_alternatives(canonical)
        .iter()
        .any(|a| a.to_lowercase() == found)
    {
        return SubKind::Spelling;
    }
    if are_homophones(found, canonical)
        || are_homophones(strip_plural(found), strip_plural(canonical))
    {
        return SubKind::Homophone;
    }
    let inflected = |a: &str, b: &str| {
        INFLECTIONS
            .iter()
            .any(|suffix| b.strip_suffix(suffix) == Some(a))
    };
    if inflected(found, canonical) || inflected(canonical, found) {
        return SubKind::Inflection;
    }
    let d = strsim::osa_distance(found, canonical);
    let shortest = found.chars().count().min(canonical.chars().count());
    if d <= 2 && shortest >= 4 && d * 3 <= shortest {
        return SubKind::NearSpelling(d);
    }
    SubKind::Word
}

/// Endings that make another form of a word (brake, brakes).
const INFLECTIONS: &[&str] = &["s", "es", "d", "ed", "ing"];

fn is_function_word(key: &str) -> bool {
    FUNCTION_WORDS.contains(&key)
}

/// Canonical words used, (canonical, found) pairs, inserted and dropped words.
type Split = (Vec<usize>, Vec<(usize, usize)>, Vec<usize>, Vec<usize>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    Leading,
    Inner,
    Trailing,
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

/// The words and glosses of a passage, and the range of them each fragment
/// (between ellipses) holds; fragments without a word are left out.
fn passage_items(text: &str, q: &Quotation) -> (Vec<Item>, Vec<Range<usize>>) {
    let mut items = Vec::new();
    let mut ranges = Vec::new();
    for f in q.fragments(text) {
        let start = items.len();
        items.extend(tokenize(text, &f));
        if items[start..].iter().any(|it| !it.bracket) {
            ranges.push(start..items.len());
        } else {
            items.truncate(start);
        }
    }
    (items, ranges)
}

/// The canonical text of `canonicals` that the passage (`items`, split into
/// `fragments`, with `total` words) aligns with best, if any accepts it.
fn best_match<'c>(
    canonicals: impl Iterator<Item = &'c Canonical>,
    items: &[Item],
    fragments: &[Range<usize>],
    total: usize,
) -> Option<(&'c Canonical, Alignment)> {
    canonicals
        .filter_map(|c| {
            let a = align(c, items, fragments);
            accepts(&a, total, c.words).then_some((c, a))
        })
        .max_by(|(c1, a1), (c2, a2)| {
            (
                a1.effective(),
                a1.matched,
                std::cmp::Reverse(a1.diffs.len()),
            )
                .cmp(&(
                    a2.effective(),
                    a2.matched,
                    std::cmp::Reverse(a2.diffs.len()),
                ))
                // Earlier rules win ties.
                .then(c2.rule.cmp(&c1.rule))
        })
}

fn accepts(a: &Alignment, total: usize, canonical_words: usize) -> bool {
    let eff = a.effective();
    a.matched >= 1
        && eff >= 2
        && eff * 5 >= total * 3
        && (a.content >= 2 || eff >= canonical_words)
        && a.dropped <= eff
}

/// A passage word equals a key (a word or a gloss) of the canonical text.
const KEY: u8 = 1;
/// A passage word may add one to `matched + near` against the canonical
/// text: it equals one of its keys, or `classify` may not call it
/// [`SubKind::Word`] for one of its words.
const RELATED: u8 = 2;
/// A passage word may add one to `content`: it equals a key that is not a
/// function word, or `classify` may not call it [`SubKind::Word`] for a
/// canonical word that is not a function word.
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
#[derive(Debug, Default)]
struct Prefilter {
    /// Every canonical key, and every word `classify` calls a spelling,
    /// homophone or inflection of a canonical word: the canonical texts
    /// (ascending, once each) and how the word may relate to them.
    words: FxHashMap<String, Vec<(u32, u8)>>,
    /// Canonical words of four chars or more, by char count.
    near: Vec<NearWord>,
}

/// Words `classify(word, canonical)` calls a spelling, a homophone or an
/// inflection of `canonical` (and perhaps a few more).
fn related_forms(canonical: &str) -> Vec<String> {
    let mut out: Vec<String> = spelling_alternatives(canonical)
        .iter()
        .map(|a| a.to_lowercase())
        .collect();
    let stripped = strip_plural(canonical);
    out.extend(homophones_of(canonical).map(str::to_string));
    for b in homophones_of(stripped) {
        // strip_plural(found) == b: found is b or b + "s".
        out.push(b.to_string());
        out.push(format!("{b}s"));
    }
    for suffix in INFLECTIONS {
        if let Some(stem) = canonical.strip_suffix(suffix) {
            out.push(stem.to_string());
        }
        out.push(format!("{canonical}{suffix}"));
    }
    out
}

impl Prefilter {
    fn new(canonicals: &[Canonical]) -> Self {
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
    fn candidates(
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
struct Scratch {
    tallies: Vec<Tally>,
    /// Canonical texts touched by the current passage.
    touched: Vec<usize>,
    /// Canonical texts touched by the current fragment.
    in_fragment: Vec<usize>,
    /// Relations of the current word.
    word: Vec<(u32, u8)>,
    /// The canonical texts the passage may match, ascending.
    candidates: Vec<usize>,
}

impl Scratch {
    fn new(canonicals: usize) -> Self {
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

/// Align every fragment of a passage with a canonical text.
fn align(c: &Canonical, items: &[Item], fragments: &[Range<usize>]) -> Alignment {
    let mut a = Alignment::default();
    let mut windows: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for frag in fragments {
        let Some((part, window)) = best_fragment_alignment(c, items, frag) else {
            a.diffs.push(Diff::Foreign {
                found: frag.clone(),
            });
            continue;
        };
        a.matched += part.matched;
        a.near += part.near;
        a.content += part.content;
        a.dropped += part.dropped;
        a.diffs.extend(part.diffs);
        windows.push((window, frag.clone()));
    }
    for pair in windows.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        if next.0.start < prev.0.end {
            a.diffs.push(Diff::Order {
                earlier: prev.1.clone(),
                later: next.1.clone(),
            });
        }
    }
    a
}

/// A diff of a fragment with the whole canonical text may tie a function
/// word at its start ("the") to an earlier "the" and report every word in
/// between as dropped. The fragment is therefore also aligned with the
/// canonical text cut to start or end at each word equal to one of its first
/// or last three words. The alignment with the most equal words and the
/// fewest differences wins; on a tie, the one covering more of the canonical
/// text (a changed last word is a substitution, not an insertion).
fn best_fragment_alignment(
    c: &Canonical,
    items: &[Item],
    frag: &Range<usize>,
) -> Option<(Alignment, Range<usize>)> {
    let n = c.keys.len();
    let keys = &items[frag.clone()];
    let head: Vec<&str> = keys.iter().take(3).map(|it| it.key.as_str()).collect();
    let tail: Vec<&str> = keys
        .iter()
        .rev()
        .take(3)
        .map(|it| it.key.as_str())
        .collect();
    let mut starts = vec![0];
    starts.extend((0..n).filter(|&s| head.contains(&c.keys[s].as_str())));
    let mut ends = vec![n];
    ends.extend((1..=n).filter(|&e| tail.contains(&c.keys[e - 1].as_str())));
    starts.sort_unstable();
    starts.dedup();
    ends.sort_unstable();
    ends.dedup();
    let mut best: Option<(i64, usize, Alignment, Range<usize>)> = None;
    for &s in &starts {
        for &e in ends.iter().filter(|&&e| e > s) {
            let Some((a, window)) = align_fragment(c, items, frag, s..e) else {
                continue;
            };
            let score = 2 * a.matched as i64 + a.near as i64 - (a.diffs.len() + a.dropped) as i64;
            let span = window.len();
            if best
                .as_ref()
                .is_none_or(|(bs, bl, ..)| score > *bs || (score == *bs && span > *bl))
            {
                best = Some((score, span, a, window));
            }
        }
    }
    best.map(|(_, _, a, w)| (a, w))
}

/// Align one fragment with `bounds` of the canonical text; `None` when no
/// word is equal. Returns the alignment and the canonical window it covers.
fn align_fragment(
    c: &Canonical,
    items: &[Item],
    frag: &Range<usize>,
    bounds: Range<usize>,
) -> Option<(Alignment, Range<usize>)> {
    let mut a = Alignment::default();
    let keys: Vec<String> = items[frag.clone()]
        .iter()
        .map(|it| it.key.clone())
        .collect();
    let ops = capture_diff_slices(Algorithm::Patience, &c.keys[bounds.clone()], &keys);
    let first = ops.iter().position(|o| o.tag() == DiffTag::Equal)?;
    let last = ops
        .iter()
        .rposition(|o| o.tag() == DiffTag::Equal)
        .unwrap_or(first);
    let mut window: Option<Range<usize>> = None;
    let mut widen = |r: &Range<usize>| {
        if r.is_empty() {
            return;
        }
        window = Some(match &window {
            Some(w) => w.start.min(r.start)..w.end.max(r.end),
            None => r.clone(),
        });
    };
    for (k, op) in ops.iter().enumerate() {
        let (tag, old, new) = op.as_tag_tuple();
        let old = bounds.start + old.start..bounds.start + old.end;
        let new = frag.start + new.start..frag.start + new.end;
        if tag == DiffTag::Equal {
            widen(&old);
            for i in new {
                if !items[i].bracket {
                    a.matched += 1;
                    a.content += usize::from(!is_function_word(&items[i].key));
                }
            }
            continue;
        }
        let edge = if k < first {
            Edge::Leading
        } else if k > last {
            Edge::Trailing
        } else {
            Edge::Inner
        };
        if let Some(used) = pair_up(c, items, old, new, edge, frag, &mut a) {
            widen(&used);
        }
    }
    window.map(|w| (a, w))
}

/// Record the differences of one non-equal diff op; returns the canonical
/// range it accounts for.
fn pair_up(
    c: &Canonical,
    items: &[Item],
    old: Range<usize>,
    new: Range<usize>,
    edge: Edge,
    frag: &Range<usize>,
    a: &mut Alignment,
) -> Option<Range<usize>> {
    let old_glosses: Vec<usize> = old.clone().filter(|&i| c.items[i].bracket).collect();
    let new_glosses: Vec<usize> = new.clone().filter(|&i| items[i].bracket).collect();
    for (&o, &n) in old_glosses.iter().zip(&new_glosses) {
        if c.items[o].key != items[n].key {
            a.diffs.push(Diff::Gloss {
                found: n,
                canonical: o,
            });
        }
    }
    if !new_glosses.is_empty() {
        // A gloss of the outlet's stands in for whatever words are here.
        return (edge == Edge::Inner).then_some(old);
    }
    let old_words: Vec<usize> = old.filter(|&i| !c.items[i].bracket).collect();
    let new_words: Vec<usize> = new.clone().collect();
    let k = old_words.len().min(new_words.len());
    let (old_used, pairs, inserted, dropped): Split = match edge {
        Edge::Leading => {
            let o = old_words[old_words.len() - k..].to_vec();
            let n = &new_words[new_words.len() - k..];
            let pairs = o.iter().copied().zip(n.iter().copied()).collect();
            (
                o,
                pairs,
                new_words[..new_words.len() - k].to_vec(),
                Vec::new(),
            )
        }
        Edge::Trailing => {
            let o = old_words[..k].to_vec();
            let pairs = o
                .iter()
                .copied()
                .zip(new_words[..k].iter().copied())
                .collect();
            (o, pairs, new_words[k..].to_vec(), Vec::new())
        }
        Edge::Inner => {
            let pairs = old_words[..k]
                .iter()
                .copied()
                .zip(new_words[..k].iter().copied())
                .collect();
            (
                old_words.clone(),
                pairs,
                new_words[k..].to_vec(),
                old_words[k..].to_vec(),
            )
        }
    };
    let kinds: Vec<SubKind> = pairs
        .iter()
        .map(|&(o, n)| classify(&items[n].key, &c.items[o].key))
        .collect();
    if edge == Edge::Inner
        && !new_words.is_empty()
        && !old_words.is_empty()
        && old_words.len() != new_words.len()
        && kinds.iter().all(|k| *k == SubKind::Word)
    {
        let (first, last) = (old_words[0], old_words[old_words.len() - 1]);
        a.diffs.push(Diff::Replaced {
            found: new.clone(),
            canonical: first..last + 1,
        });
        return Some(first..last + 1);
    }
    for (o, n) in pairs {
        let kind = classify(&items[n].key, &c.items[o].key);
        if kind != SubKind::Word {
            a.near += 1;
            a.content += usize::from(!is_function_word(&c.items[o].key));
        }
        a.diffs.push(Diff::Substituted {
            found: n,
            canonical: o,
            kind,
        });
    }
    for n in inserted {
        a.diffs.push(Diff::Inserted { found: n });
    }
    if let (Some(&first), Some(&last)) = (dropped.first(), dropped.last()) {
        a.dropped += dropped.len();
        let before_gap = new.start.checked_sub(1).filter(|&i| i >= frag.start);
        let before_gap = if k > 0 {
            Some(new.start + k - 1)
        } else {
            before_gap
        };
        let after_gap = Some(new.start + k).filter(|&i| i < frag.end);
        a.diffs.push(Diff::Dropped {
            canonical: first..last + 1,
            before: before_gap,
            after: after_gap,
        });
    }
    let first = old_used.first().copied()?;
    let last = old_used.last().copied()?;
    Some(first..last + 1)
}

/// The entity the nearest attribution in the passage's sentence names.
fn attribution(doc: &Document, mentions: &[Mention], q: &Quotation) -> Option<Mention> {
    let (text, words) = (doc.text(), doc.words());
    let window = attribution_window(doc, q);
    let quoted = |r: &Range<usize>| doc.quoted().contains(r);
    // Words and mentions are sorted: only those in the window are looked at.
    let first_word = words.partition_point(|w| w.span.start < window.start);
    let in_window: Vec<&Word> = words[first_word..]
        .iter()
        .take_while(|w| w.span.start < window.end)
        .filter(|w| w.span.end <= window.end && !quoted(&w.span))
        .collect();
    let lower = |w: &Word| text[w.span.clone()].to_lowercase();
    let words_between = |from: usize, to: usize| {
        in_window
            .iter()
            .filter(|w| w.span.start >= from && w.span.end <= to)
            .count()
    };
    let first_mention = mentions.partition_point(|m| m.span.start < window.start);
    let mentions: Vec<&Mention> = mentions[first_mention..]
        .iter()
        .take_while(|m| m.span.start < window.end)
        .filter(|m| m.span.end <= window.end && !quoted(&m.span))
        .collect();
    let mut best: Option<(usize, Mention)> = None;
    for (i, verb) in in_window.iter().enumerate() {
        let Some(speech) = speech_verb(&lower(verb)) else {
            continue;
        };
        let next = in_window.get(i + 1).map(|w| lower(w));
        if !speech.attributes(next.as_deref()) {
            continue;
        }
        let subject_after_only = speech.speaker_after_only;
        let before = (!subject_after_only)
            .then(|| {
                mentions
                    .iter()
                    .filter(|m| {
                        m.span.end <= verb.span.start
                            && words_between(m.span.end, verb.span.start) <= 5
                    })
                    .max_by_key(|m| (m.span.end, std::cmp::Reverse(m.span.start)))
            })
            .flatten();
        let after = || {
            let from = if subject_after_only {
                in_window.get(i + 1).map_or(verb.span.end, |w| w.span.end)
            } else {
                verb.span.end
            };
            mentions
                .iter()
                .filter(|m| m.span.start >= from && words_between(from, m.span.start) <= 4)
                .min_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)))
        };
        let Some(subject) = before.or_else(after) else {
            continue;
        };
        let attribution =
            subject.span.start.min(verb.span.start)..subject.span.end.max(verb.span.end);
        let distance = if attribution.end <= q.span.start {
            q.span.start - attribution.end
        } else {
            attribution.start.saturating_sub(q.span.end)
        };
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, (*subject).clone()));
        }
    }
    best.map(|(_, m)| m)
}

/// The sentence a quotation stands in: the sentences from the one that
/// holds its opening mark to the one that holds its closing mark, widened
/// over every sentence end that lies inside a quotation ("“Soon. Very
/// soon,” she said" is one sentence for its attribution).
fn attribution_window(doc: &Document, q: &Quotation) -> Range<usize> {
    let sentences = doc.sentences();
    let quoted = doc.quoted();
    let Some(mut first) = sentences::index_at(sentences, q.span.start) else {
        return doc.sentence_around(&q.span);
    };
    let mut last = sentences::index_at(sentences, q.span.end.saturating_sub(1)).unwrap_or(first);
    while first > 0 && quoted.strictly_inside(sentences[first].start) {
        first -= 1;
    }
    while last + 1 < sentences.len() && quoted.strictly_inside(sentences[last].end) {
        last += 1;
    }
    sentences[first].start.min(q.span.start)..sentences[last].end.max(q.span.end)
}

fn unbalanced_findings(doc: &Document, found: &Quotations) -> Vec<Finding> {
    found
        .unbalanced
        .iter()
        .map(|u| {
            let mark = u.mark.to_string();
            let (message, label, help) = match u.kind {
                Imbalance::UnmatchedClose => (
                    format!("closing quotation mark {mark} with no opening mark"),
                    "no opening mark before this one".to_string(),
                    "add the opening mark where the quoted words begin, or remove this one",
                ),
                Imbalance::NeverClosed => (
                    format!("quotation mark {mark} is never closed"),
                    "opened here, never closed".to_string(),
                    "close the quotation; if it runs on into the next paragraph, open that paragraph with a quotation mark",
                ),
            };
            Finding {
                suggestion: None,
                path: doc.source.path.clone(),
                check: Check::QuoteUnbalanced,
                rule: Check::QuoteUnbalanced.code().to_string(),
                severity: Severity::Warning,
                message,
                span: u.span.clone(),
                label,
                found: mark,
                expected: None,
                help: Some(help.to_string()),
                notes: Vec::new(),
                related: Vec::new(),
            }
        })
        .collect()
}

/// What the findings of one matched passage share.
struct Context<'a> {
    doc: &'a Document<'a>,
    rule: &'a QuoteRule,
    canonical: &'a Canonical,
    passage: &'a Quotation,
    items: &'a [Item],
}

impl Context<'_> {
    fn text(&self) -> &str {
        self.doc.text()
    }

    fn found_text(&self, i: usize) -> String {
        display_text(&self.text()[self.items[i].span.clone()])
    }

    fn canonical_text(&self, i: usize) -> String {
        display_text(&self.rule.text.text[self.canonical.items[i].span.clone()])
    }

    fn speaker(&self) -> &str {
        self.canonical
            .speaker
            .as_ref()
            .map_or(self.rule.speaker.text.as_str(), |(_, name)| name.as_str())
    }

    fn canonical_note(&self) -> String {
        let mut who = self.speaker().to_string();
        for extra in [&self.rule.source, &self.rule.date].into_iter().flatten() {
            who.push_str(", ");
            who.push_str(extra);
        }
        format!("canonical ({who}): “{}”", self.rule.text.text)
    }

    #[allow(clippy::too_many_arguments)]
    fn make(
        &self,
        check: Check,
        severity: Severity,
        span: Range<usize>,
        message: String,
        label: String,
        found: String,
        expected: Option<String>,
        help: String,
        mut related: Vec<RelatedSpan>,
    ) -> Finding {
        related.insert(
            0,
            self.rule.text.origin.label(format!(
                "canonical quotation declared here (rule `{}`)",
                self.rule.id
            )),
        );
        Finding {
            suggestion: None,
            path: self.doc.source.path.clone(),
            check,
            rule: self.rule.id.clone(),
            severity,
            message,
            span,
            label,
            found,
            expected,
            help: Some(help),
            notes: vec![self.canonical_note()],
            related,
        }
    }

    fn span_of(&self, r: &Range<usize>) -> Range<usize> {
        self.items[r.start].span.start..self.items[r.end - 1].span.end
    }

    fn finding(&self, diff: &Diff) -> Option<Finding> {
        let speaker = self.speaker().to_string();
        let severity = self.rule.severity;
        match diff {
            Diff::Substituted {
                found,
                canonical,
                kind,
            } => {
                let f = self.found_text(*found);
                let c = self.canonical_text(*canonical);
                let span = self.items[*found].span.clone();
                let label = format!("found “{f}”, canonical “{c}”");
                let help = format!("write “{c}”, as {speaker} said");
                let (check, severity, message) = match kind {
                    SubKind::Spelling if self.rule.spelling == SpellingPolicy::Outlet => {
                        return None;
                    }
                    SubKind::Spelling => (
                        Check::QuoteSpelling,
                        Severity::Note,
                        format!(
                            "“{f}” re-spells “{c}” in a quotation of {speaker} that the rule keeps verbatim"
                        ),
                    ),
                    SubKind::Homophone => (
                        Check::QuoteHomophone,
                        severity,
                        format!("“{f}” for “{c}” in a quotation of {speaker}: a homophone"),
                    ),
                    SubKind::NearSpelling(d) => (
                        Check::QuoteHomophone,
                        severity,
                        format!(
                            "“{f}” for “{c}” in a quotation of {speaker}: a near-spelling ({d} letter{} apart)",
                            if *d == 1 { "" } else { "s" }
                        ),
                    ),
                    SubKind::Inflection => (
                        Check::QuoteWord,
                        severity,
                        format!(
                            "“{f}” for “{c}” in a quotation of {speaker}: another form of the word"
                        ),
                    ),
                    SubKind::Word => (
                        Check::QuoteWord,
                        severity,
                        format!("“{f}” for “{c}” in a quotation of {speaker}"),
                    ),
                };
                Some(self.make(
                    check,
                    severity,
                    span,
                    message,
                    label,
                    f,
                    Some(c),
                    help,
                    Vec::new(),
                ))
            }
            Diff::Inserted { found } => {
                let f = self.found_text(*found);
                Some(self.make(
                    Check::QuoteWord,
                    severity,
                    self.items[*found].span.clone(),
                    format!("“{f}” is not in the quotation of {speaker}"),
                    format!("inserted “{f}”"),
                    f.clone(),
                    None,
                    format!(
                        "remove “{f}”, or put it in [square brackets] if it is an editorial gloss"
                    ),
                    Vec::new(),
                ))
            }
            Diff::Replaced { found, canonical } => {
                let span = self.span_of(found);
                let f = display_text(&self.text()[span.clone()]);
                let c = display_text(
                    &self.rule.text.text[self.canonical.items[canonical.start].span.start
                        ..self.canonical.items[canonical.end - 1].span.end],
                );
                Some(self.make(
                    Check::QuoteWord,
                    severity,
                    span,
                    format!("“{f}” for “{c}” in a quotation of {speaker}"),
                    format!("found “{f}”, canonical “{c}”"),
                    f,
                    Some(c.clone()),
                    format!("write “{c}”, as {speaker} said"),
                    Vec::new(),
                ))
            }
            Diff::Dropped {
                canonical,
                before,
                after,
            } => {
                let words: Vec<String> =
                    canonical.clone().map(|i| self.canonical_text(i)).collect();
                let dropped = words.join(" ");
                let first = before.or(*after)?;
                let last = after.or(*before)?;
                let span = self.items[first].span.start..self.items[last].span.end;
                let found = display_text(&self.text()[span.clone()]);
                let mut expected: Vec<String> = Vec::new();
                if let Some(b) = before {
                    expected.push(self.found_text(*b));
                }
                expected.push(dropped.clone());
                if let Some(a) = after {
                    expected.push(self.found_text(*a));
                }
                Some(self.make(
                    Check::QuoteWord,
                    severity,
                    span,
                    format!("the quotation of {speaker} drops “{dropped}”"),
                    format!("“{dropped}” dropped here"),
                    found,
                    Some(expected.join(" ")),
                    format!("restore “{dropped}”, or mark the cut with an ellipsis (…)"),
                    Vec::new(),
                ))
            }
            Diff::Gloss { found, canonical } => {
                let f = self.found_text(*found);
                let c = self.canonical_text(*canonical);
                Some(self.make(
                    Check::QuoteGloss,
                    Severity::Warning,
                    self.items[*found].span.clone(),
                    format!("the gloss {f} contradicts the canonical gloss {c}"),
                    format!("found {f}, canonical {c}"),
                    f,
                    Some(c.clone()),
                    format!("write {c}"),
                    Vec::new(),
                ))
            }
            Diff::Foreign { found } => {
                let span = self.span_of(found);
                let f = display_text(&self.text()[span.clone()]);
                Some(self.make(
                    Check::QuoteWord,
                    severity,
                    span,
                    format!("“{f}” is not in the quotation of {speaker}"),
                    "not in the canonical quotation".to_string(),
                    f,
                    None,
                    "quote only words that were said, or take these words out of the quotation marks".to_string(),
                    Vec::new(),
                ))
            }
            Diff::Order { earlier, later } => {
                let later_span = self.span_of(later);
                let earlier_span = self.span_of(earlier);
                let l = display_text(&self.text()[later_span.clone()]);
                let e = display_text(&self.text()[earlier_span.clone()]);
                Some(self.make(
                    Check::QuoteOrder,
                    Severity::Warning,
                    later_span,
                    format!(
                        "fragments of a quotation of {speaker} joined out of their original order"
                    ),
                    format!("“{l}” comes before “{e}” in the original"),
                    format!("{e} … {l}"),
                    Some(format!("{l} … {e}")),
                    "keep the fragments in the order they were said".to_string(),
                    vec![RelatedSpan {
                        path: self.doc.source.path.clone(),
                        span: earlier_span,
                        message: "this fragment comes after it".to_string(),
                    }],
                ))
            }
        }
    }

    fn speaker_finding(&self, rules: &RuleSet, m: &Mention) -> Finding {
        let speaker = self.speaker().to_string();
        let named = rules.entities[m.entity].canonical.text.clone();
        let found = display_text(&self.text()[m.span.clone()]);
        let content = display_text(&self.text()[self.passage.content()]);
        let content = content.trim_matches(|c: char| !c.is_alphanumeric() && c != ']');
        let mut f = self.make(
            Check::QuoteSpeaker,
            self.rule.severity,
            self.passage.span.clone(),
            format!("words of {speaker} attributed to {named}"),
            format!("“{content}” was said by {speaker}"),
            found,
            Some(speaker.clone()),
            format!("attribute the quotation to {speaker}"),
            vec![RelatedSpan {
                path: self.doc.source.path.clone(),
                span: m.span.clone(),
                message: format!("attributed to {named} here"),
            }],
        );
        // The speaker comes before the text in a rule: keep the labels in
        // file order so the rule shows as one excerpt.
        f.related
            .insert(0, self.rule.speaker.origin.label("speaker declared here"));
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::source::SourceFile;
    use crate::text::quotes::quotations;

    const RULES: &str = r#"
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

    proptest::proptest! {
        /// The ASCII shortcut of `word_key` is `normalize_phrase`.
        #[test]
        fn word_key_is_normalize_phrase(
            word in "[A-Za-z0-9'-]{1,12}|[A-Za-zé’\u{2010}\u{ad}0-9'-]{1,12}",
        ) {
            proptest::prop_assert_eq!(word_key(&word), normalize_phrase(&word, true));
        }
    }

    #[test]
    fn tokenizer_keeps_apostrophes_and_glosses() {
        let text = "China’s “both [the US] trains” … rock-solid";
        let items = tokenize_all(text);
        let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            ["china's", "both", "[the us]", "trains", "rock-solid"]
        );
    }

    #[test]
    fn classifies_substitutions() {
        assert_eq!(classify("break", "brakes"), SubKind::Homophone);
        assert_eq!(classify("brake", "brakes"), SubKind::Inflection);
        assert_eq!(classify("principal", "principle"), SubKind::Homophone);
        assert_eq!(
            classify("destabilizing", "destabilising"),
            SubKind::Spelling
        );
        assert_eq!(classify("strategy", "strategic"), SubKind::NearSpelling(2));
        assert_eq!(classify("will", "would"), SubKind::Word);
        // The lexicon's (VarCon) spellings, both ways; "are" and "since"
        // are words, whatever their endings.
        for (uk, us) in [
            ("neighbourly", "neighborly"),
            ("favourite", "favorite"),
            ("honourable", "honorable"),
            ("colourful", "colorful"),
            ("labourers", "laborers"),
        ] {
            assert_eq!(classify(uk, us), SubKind::Spelling, "{uk}");
            assert_eq!(classify(us, uk), SubKind::Spelling, "{us}");
        }
        assert_eq!(classify("are", "era"), SubKind::Word);
        assert_ne!(classify("since", "sense"), SubKind::Spelling);
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
