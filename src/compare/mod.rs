//! Comparison engine: the versions of one piece, aligned sentence by
//! sentence, with no rules.
//!
//! ## What it does
//! - Prepares each version once ([`Version::new`]): its words (with byte
//!   spans into the file as on disk), its sentences, and which lines are CMS
//!   residue (image placeholders, digit ids, `PUBLISHED :` stamps, `Follow`,
//!   disclaimers, related-link headlines: a line after the first that does
//!   not end like a sentence). Residue takes no part in the alignment.
//! - Aligns the versions ([`align`]): every sentence is compared with the
//!   sentences of the other versions that share its content words (found
//!   through an inverted index, so the work grows with the text, not with
//!   its square). A sentence is linked to its best counterpart in each other
//!   version when they share at least three content words and at least half
//!   of the smaller sentence's content words (a short sentence: all of them,
//!   at least two). Linked sentences form a [`Group`]; a sentence split in two
//!   in one version, or two merged into one, end in one group, and each
//!   version's sentences of a group, in text order, are its [`Unit`].
//!   Reordered paragraphs align like any others; a dropped, added or
//!   truncated sentence is simply in no group.
//! - [`classify`] then diffs the units of a group word by word (`similar`)
//!   and reports the differences that matter to facts; [`draft`] turns the
//!   same analysis into a rule file.

pub mod classify;
pub mod draft;

/// The checks `compare` emits, with their `explain` texts.
pub const CHECKS: &[CheckDoc] = &[
    CheckDoc {
        check: Check::CompareName,
        explain: include_str!("docs/compare-name.md"),
    },
    CheckDoc {
        check: Check::CompareNumber,
        explain: include_str!("docs/compare-number.md"),
    },
    CheckDoc {
        check: Check::CompareQuote,
        explain: include_str!("docs/compare-quote.md"),
    },
    CheckDoc {
        check: Check::CompareWord,
        explain: include_str!("docs/compare-word.md"),
    },
    CheckDoc {
        check: Check::CompareSpelling,
        explain: include_str!("docs/compare-spelling.md"),
    },
    CheckDoc {
        check: Check::CompareTime,
        explain: include_str!("docs/compare-time.md"),
    },
];

use crate::codes::{Check, CheckDoc};
use crate::document::Document;
use crate::metadata::Metadata;
use crate::read::ByteMap;
use crate::source::SourceFile;
use crate::text::normalize_phrase;
use crate::text::quotes::Quotation;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// One word of a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the file.
    pub span: Range<usize>,
    /// Normalised, lowercased form (curly apostrophes, accents, case folded).
    pub key: String,
    /// Begins with an uppercase letter.
    pub capitalized: bool,
    /// Opens a sentence.
    pub sentence_start: bool,
    /// Only white space (no-break space included) separates it from the previous word.
    pub joined: bool,
}

/// One sentence of a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the file.
    pub span: Range<usize>,
    /// Indices into [`Version::tokens`].
    pub tokens: Range<usize>,
}

/// A version prepared for comparison.
pub struct Version<'a> {
    /// The version as the engines read it: the file itself, or (for a
    /// markup format) its reader's text under the file's path.
    pub source: Cow<'a, SourceFile>,
    /// From `source` offsets to file offsets, when they differ.
    pub map: Option<ByteMap>,
    /// Every word of the version's text, in text order.
    pub tokens: Vec<Token>,
    /// Sentences outside CMS residue, in text order.
    pub sentences: Vec<Sentence>,
    /// Quoted passages (of the whole file), by where their words begin.
    pub quotes: Vec<Quotation>,
    /// The bytes inside quotation marks: the passages' words merged into
    /// sorted, disjoint ranges.
    pub quoted: Vec<Range<usize>>,
    /// The length of the longest passage's words (to find the passages
    /// around a place by binary search).
    pub longest_quote: usize,
    /// What is known of the version: outlet, publication date, locale
    /// (front matter, manifest, CMS stamp, the file's own metadata).
    pub metadata: Metadata,
}

/// Words that carry no content for the alignment.
pub(crate) const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "but", "is",
    "are", "was", "were", "be", "been", "it", "its", "that", "this", "as", "we", "he", "she",
    "they", "i", "you", "not", "will", "has", "have", "had", "do", "does", "there", "their", "s",
    "from", "than", "which", "who", "what", "when", "while", "so", "if", "also", "yet", "still",
    "such", "into", "over", "after", "before", "his", "her", "them", "these", "those", "may",
    "can", "more", "most", "all", "one", "both", "each", "even", "now", "though", "however",
];

/// [`STOPWORDS`] as a set: asked once per word of every version.
static STOPWORD_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// Is `key` (lowercase) one of the [`STOPWORDS`]?
pub(crate) fn is_stopword(key: &str) -> bool {
    STOPWORD_SET.contains(key)
}

/// Is `key` a content word for the alignment?
fn is_content(key: &str) -> bool {
    !is_stopword(key) && (key.chars().count() >= 3 || key.chars().any(|c| c.is_numeric()))
}

/// Is the line (trimmed) CMS residue rather than article text?
pub fn is_residue_line(line: &str, first_line: bool) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return true;
    }
    let lower = t.to_lowercase();
    let starts = |p: &str| lower.starts_with(p);
    if starts("published") && lower.contains(':')
        || starts("updated :")
        || starts("updated:")
        || starts("disclaimer")
        || starts("copyright")
        || starts("©")
        || starts("read more")
        || starts("related:")
        || matches!(lower.as_str(), "follow" | "share" | "advertisement")
    {
        return true;
    }
    // Photo captions, credits and video titles mixed into the text.
    if is_caption_or_credit(&lower) {
        return true;
    }
    // Image placeholders: the same word repeated ("image image"), or "image".
    let ws: Vec<&str> = lower.split_whitespace().collect();
    if ws.iter().all(|w| matches!(*w, "image" | "photo" | "video"))
        || (ws.len() == 2 && ws[0] == ws[1])
    {
        return true;
    }
    // Ids: digits and separators only.
    if t.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | '/' | ' '))
    {
        return true;
    }
    // A short line that does not end like a sentence, after the headline, is
    // a related-link headline, a byline or a caption. (A long one is a
    // paragraph cut short by truncation.)
    if !first_line && ws.len() <= 14 {
        let last = t.chars().next_back().unwrap_or('.');
        if !matches!(
            last,
            '.' | '!' | '?' | '”' | '"' | '’' | '\'' | ')' | ':' | ';' | '…'
        ) {
            return true;
        }
    }
    false
}

/// Is the lowercased, trimmed line a photo caption, a credit or a video
/// title ("Photo: …", "… (AP Photo/Name)", "… [Reuters]", "Watch: …")?
fn is_caption_or_credit(lower: &str) -> bool {
    const OPENERS: &[&str] = &[
        "photo:",
        "photo ",
        "photos:",
        "photograph:",
        "picture:",
        "image:",
        "caption:",
        "video:",
        "watch:",
        "watch ",
        "listen:",
        "file photo",
        "credit:",
        "illustration:",
        "graphic:",
    ];
    const CREDITS: &[&str] = &[
        "photo:",
        "photo/",
        "photo by",
        "photograph:",
        "photographs:",
        "picture:",
        "image:",
        "credit:",
        "getty images",
        "/reuters",
        "/afp",
        "/ap",
        "/epa",
        "shutterstock",
        "supplied",
        "file photo",
        "handout",
    ];
    if OPENERS.iter().any(|o| lower.starts_with(o)) && lower.split_whitespace().count() <= 40 {
        return true;
    }
    // A wire photo credit anywhere in a caption-length line.
    if [
        "ap photo/",
        "afp photo",
        "reuters photo",
        "getty images",
        "photo credit",
    ]
    .iter()
    .any(|c| lower.contains(c))
        && lower.split_whitespace().count() <= 60
    {
        return true;
    }
    // A credit in brackets at the end of the line.
    let tail = lower.trim_end_matches(['.', ' ']);
    if let Some(open) = tail
        .ends_with([')', ']'])
        .then(|| tail.rfind(['(', '[']))
        .flatten()
    {
        let inside = &tail[open..];
        if CREDITS.iter().any(|c| inside.contains(c))
            || matches!(
                inside,
                "(reuters)" | "(afp)" | "(ap)" | "[reuters]" | "[afp]" | "[ap]"
            )
        {
            return true;
        }
    }
    false
}

impl<'a> Version<'a> {
    /// Prepare `source`: its words, the sentences of the lines that are
    /// article text (not CMS residue) and its quotations, all from the one
    /// prepared [`Document`] the checks read too.
    pub fn new(source: &'a SourceFile) -> Self {
        Self::with_metadata(source, &Metadata::default())
    }

    /// [`Version::new`], with what a manifest says of the version
    /// (front matter in the file wins over it, as in `check`).
    pub fn with_metadata(source: &'a SourceFile, manifest: &Metadata) -> Self {
        // A file its reader refuses has no article text to compare (the
        // command reports why, from the same `Document::read`).
        let doc = Document::read(source, &Metadata::default(), manifest);
        let text = doc.text();
        let tokens: Vec<Token> = doc
            .words()
            .iter()
            .map(|w| Token {
                key: normalize_phrase(&text[w.span.clone()], true),
                capitalized: w.capitalized,
                sentence_start: w.sentence_start,
                joined: w.joined_to_previous,
                span: w.span.clone(),
            })
            .collect();
        let all = doc.sentences();
        let mut sentences = Vec::new();
        let mut offset = 0;
        let mut first = true;
        for line in text.split_inclusive('\n') {
            let range = offset..offset + line.trim_end_matches(['\n', '\r']).len();
            offset += line.len();
            if line.trim().is_empty() {
                continue;
            }
            let residue = is_residue_line(line, first);
            first = false;
            if residue {
                continue;
            }
            let from = all.partition_point(|s| s.start < range.start);
            let to = all.partition_point(|s| s.start < range.end);
            for span in &all[from..to] {
                let lo = tokens.partition_point(|t| t.span.start < span.start);
                let hi = tokens.partition_point(|t| t.span.start < span.end);
                if lo < hi {
                    sentences.push(Sentence {
                        span: span.clone(),
                        tokens: lo..hi,
                    });
                }
            }
        }
        let mut quotes = doc.quotations().quotes.clone();
        quotes.sort_by_key(|q| q.content().start);
        let mut quoted: Vec<Range<usize>> = Vec::new();
        for q in &quotes {
            let c = q.content();
            match quoted.last_mut() {
                Some(last) if c.start <= last.end => last.end = last.end.max(c.end),
                _ => quoted.push(c),
            }
        }
        let longest_quote = quotes.iter().map(|q| q.content().len()).max().unwrap_or(0);
        let metadata = doc.metadata.clone();
        let (source, map) = match doc.map() {
            Some(map) => (
                Cow::Owned(SourceFile::new(source.path.clone(), doc.text())),
                Some(map.clone()),
            ),
            None => (Cow::Borrowed(source), None),
        };
        Version {
            source,
            map,
            tokens,
            sentences,
            quotes,
            quoted,
            longest_quote,
            metadata,
        }
    }

    /// Is `span` inside a quotation's words?
    pub fn in_quotation(&self, span: &Range<usize>) -> bool {
        let i = self.quoted.partition_point(|q| q.end < span.end);
        self.quoted
            .get(i)
            .is_some_and(|q| q.start <= span.start && span.end <= q.end)
    }

    /// The quotations whose words may overlap `range`, in order.
    pub fn quotes_near(&self, range: &Range<usize>) -> &[Quotation] {
        let from = self
            .quotes
            .partition_point(|q| q.content().start + self.longest_quote < range.start);
        let to = self
            .quotes
            .partition_point(|q| q.content().start < range.end);
        &self.quotes[from..to.max(from)]
    }

    /// The text of a token.
    pub fn word(&self, t: usize) -> &str {
        &self.source.text[self.tokens[t].span.clone()]
    }
}

/// One version's part of a [`Group`]: sentences and their tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Indices into [`Version::sentences`], in text order.
    pub sentences: Vec<usize>,
    /// Indices into [`Version::tokens`], in text order.
    pub tokens: Vec<usize>,
}

/// Sentences of several versions that say the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// One entry per version; `None` when the version lacks the passage.
    pub units: Vec<Option<Unit>>,
}

impl Group {
    /// How many versions have the passage.
    pub fn present(&self) -> usize {
        self.units.iter().filter(|u| u.is_some()).count()
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

/// Content-word sets of every sentence, as word ids (one per distinct
/// word, UK/US spelling folded), sorted and deduplicated; all in one
/// buffer, by global sentence id, for locality on long pieces.
struct Sets {
    words: Vec<u32>,
    /// Where each global sentence's set starts in `words` (one more entry
    /// than there are sentences).
    start: Vec<usize>,
    /// The global id of each version's first sentence.
    base: Vec<usize>,
}

impl Sets {
    fn of(&self, v: usize, s: usize) -> &[u32] {
        let g = self.base[v] + s;
        &self.words[self.start[g]..self.start[g + 1]]
    }
}

fn content_sets(versions: &[Version]) -> Sets {
    let mut ids: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    // Each distinct token key's id, or `None` when it is no content word:
    // the spelling is folded and judged once per word, not once per token.
    let mut of_key: rustc_hash::FxHashMap<&str, Option<u32>> = rustc_hash::FxHashMap::default();
    let mut sets = Sets {
        words: Vec::new(),
        start: vec![0],
        base: Vec::with_capacity(versions.len()),
    };
    for v in versions {
        sets.base.push(sets.start.len() - 1);
        for s in &v.sentences {
            let from = sets.words.len();
            // UK/US spelling folded: "harbour labourers" and "harbor
            // laborers" share their words.
            sets.words
                .extend(v.tokens[s.tokens.clone()].iter().filter_map(|t| {
                    *of_key.entry(t.key.as_str()).or_insert_with(|| {
                        let k = match crate::lexicon::spelling::fold(t.key.as_str()) {
                            Cow::Borrowed(k) => k,
                            Cow::Owned(_) => t.key.as_str(),
                        };
                        is_content(k).then(|| {
                            let next = ids.len() as u32;
                            *ids.entry(k).or_insert(next)
                        })
                    })
                }));
            let set = &mut sets.words[from..];
            set.sort_unstable();
            let mut kept = 0;
            for k in 0..set.len() {
                if k == 0 || set[k] != set[kept - 1] {
                    set[kept] = set[k];
                    kept += 1;
                }
            }
            sets.words.truncate(from + kept);
            sets.start.push(sets.words.len());
        }
    }
    sets
}

/// Words two sorted, deduplicated sets share.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Do two sentences with these content-set sizes and this many shared words say the same thing?
fn linked(shared: usize, a: usize, b: usize) -> bool {
    let small = a.min(b);
    if small == 0 {
        return false;
    }
    if small <= 3 {
        return shared >= 2 && shared == small;
    }
    shared >= 3 && shared * 2 >= small
}

/// A sentence left out of every group, beside an aligned one, joins the
/// group of the sentence in the same place in another version, when they
/// share a content word: a reworded sentence ("Grain is not politics." /
/// "Grain is not a political matter."), often the first half of a
/// quotation that runs on into the aligned sentence. Two such sentences
/// left out in the same place in two versions form a group together.
fn fill_gaps(versions: &[Version], sets: &Sets, base: &[usize], parent: &mut [usize]) {
    let id = |v: usize, s: usize| base[v] + s;
    // Does the sentence hold quoted words (the version's quotations)?
    let quotes = |v: usize, s: usize| {
        let (version, span) = (&versions[v], &versions[v].sentences[s].span);
        version
            .quotes_near(span)
            .iter()
            .any(|q| q.content().start >= span.start && q.content().start < span.end)
    };
    for step in [-1isize, 1] {
        // Are the sentences beyond `x` and `y` (at `step`) aligned together?
        let sandwiched = |parent: &mut [usize], x: (usize, usize), y: (usize, usize)| {
            let beyond = |(v, s): (usize, usize)| {
                s.checked_add_signed(step)
                    .filter(|&n| n < versions[v].sentences.len())
                    .map(|n| id(v, n))
            };
            match (beyond(x), beyond(y)) {
                (Some(a), Some(b)) => find(parent, a) == find(parent, b),
                _ => false,
            }
        };
        // Root → version → (first, last) sentence; computed afresh per step.
        let mut span: HashMap<usize, HashMap<usize, (usize, usize)>> = HashMap::new();
        for (vi, v) in versions.iter().enumerate() {
            for si in 0..v.sentences.len() {
                let r = find(parent, id(vi, si));
                let e = span.entry(r).or_default().entry(vi).or_insert((si, si));
                e.0 = e.0.min(si);
                e.1 = e.1.max(si);
            }
        }
        let aligned = |r: usize| span.get(&r).is_some_and(|h| h.len() >= 2);
        let mut joins: Vec<(usize, usize)> = Vec::new();
        let mut roots: Vec<usize> = span.keys().copied().filter(|&r| aligned(r)).collect();
        roots.sort_unstable();
        for r in roots {
            let mut members: Vec<(usize, (usize, usize))> =
                span[&r].iter().map(|(&v, &x)| (v, x)).collect();
            members.sort_unstable();
            // Each version's sentence just outside the group, at `step`.
            let outside: Vec<(usize, usize)> = members
                .iter()
                .filter_map(|&(v, (first, last))| {
                    let edge = if step < 0 { first } else { last };
                    let n = edge.checked_add_signed(step)?;
                    (n < versions[v].sentences.len()).then_some((v, n))
                })
                .collect();
            for &(vi, si) in &outside {
                if aligned(find(parent, id(vi, si))) {
                    continue;
                }
                for &(vj, sj) in &outside {
                    let (a, b) = (sets.of(vi, si), sets.of(vj, sj));
                    let shared = shared_count(a, b);
                    // A word in common, and a third of the shorter's words;
                    // or two quotations reworded wholesale between the
                    // same aligned sentences (a translation back into
                    // English: "“…,” he said." with few words in common).
                    let alike = shared > 0 && shared * 3 >= a.len().min(b.len());
                    let reworded = vj != vi
                        && !alike
                        && quotes(vi, si)
                        && quotes(vj, sj)
                        && sandwiched(parent, (vi, si), (vj, sj));
                    if vj == vi || !(alike || reworded) {
                        continue;
                    }
                    let q = find(parent, id(vj, sj));
                    if !aligned(q) {
                        joins.push((id(vi, si), id(vj, sj)));
                    } else if !span[&q].contains_key(&vi) {
                        joins.push((id(vi, si), q));
                        break;
                    }
                }
            }
        }
        for (a, b) in joins {
            union(parent, a, b);
        }
    }
}

/// Align the sentences of `versions` into groups (see the module doc).
pub fn align(versions: &[Version]) -> Vec<Group> {
    let sets = content_sets(versions);
    // Global sentence ids.
    let mut base = Vec::with_capacity(versions.len());
    let mut total = 0;
    for v in versions {
        base.push(total);
        total += v.sentences.len();
    }
    // Inverted index: word id → (version, sentence) holding it, in
    // version order; all postings in one buffer.
    let words = sets.words.iter().max().map_or(0, |&m| m as usize + 1);
    let mut at = vec![0usize; words + 1];
    for &w in &sets.words {
        at[w as usize + 1] += 1;
    }
    for w in 0..words {
        at[w + 1] += at[w];
    }
    let mut postings = vec![(0u32, 0u32); sets.words.len()];
    let mut fill = at.clone();
    for (vi, v) in versions.iter().enumerate() {
        for si in 0..v.sentences.len() {
            for &w in sets.of(vi, si) {
                postings[fill[w as usize]] = (vi as u32, si as u32);
                fill[w as usize] += 1;
            }
        }
    }
    let index = |w: u32| &postings[at[w as usize]..at[w as usize + 1]];
    // Each word's number of sentences and first and last version (postings
    // are in version order), in one small table: choosing the probes reads
    // it for every word of every sentence, and the postings of the few
    // probes taken only.
    let spread: Vec<(u32, u32, u32)> = (0..words as u32)
        .map(|w| {
            let p = index(w);
            let version = |x: Option<&(u32, u32)>| x.map_or(u32::MAX, |&(v, _)| v);
            (p.len() as u32, version(p.first()), version(p.last()))
        })
        .collect();
    // Candidates come through each sentence's rarest content words (a
    // sentence and its counterpart share at least one of them unless they
    // share almost nothing); the overlap is then counted exactly. A word in
    // very many sentences is no probe at all, and when the probes bring
    // many candidates only those two probes or more lead to are counted.
    // The probes taken after the rarest stop at a budget of candidates per
    // sentence, so that a long piece, whose every word is in more
    // sentences, does not bring each sentence more candidates: the work
    // per sentence is bounded and the whole is linear in the text.
    const PROBES: usize = 6;
    const MANY: usize = 64;
    let too_common = 20 * versions.len().max(1);
    let budget = 16 * versions.len().max(1);
    // For the sentence at hand, best[other version] = (score, sentence)
    // there; the versions touched are reset after it. Each sentence's best
    // counterparts are joined in (version, sentence, other version) order.
    let mut best: Vec<(f64, usize)> = vec![(-1.0, 0); versions.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut cands: Vec<(u32, u32)> = Vec::new();
    for (vi, v) in versions.iter().enumerate() {
        for si in 0..v.sentences.len() {
            let set = sets.of(vi, si);
            // A word no other version has is no probe: a reworded
            // sentence has many of those, and they would crowd out the
            // words it shares.
            let mut probes: Vec<(usize, u32)> = set
                .iter()
                .filter_map(|&w| {
                    let (n, first, last) = spread[w as usize];
                    let elsewhere = first as usize != vi || last as usize != vi;
                    (n as usize <= too_common && elsewhere).then_some((n as usize, w))
                })
                .collect();
            probes.sort_unstable();
            let mut brought = 0;
            let taken = probes
                .iter()
                .take(PROBES)
                .take_while(|&&(n, _)| {
                    brought += n;
                    brought == n || brought <= budget
                })
                .count();
            probes.truncate(taken);
            cands.clear();
            cands.extend(
                probes
                    .iter()
                    .flat_map(|&(_, w)| index(w).iter().copied())
                    .filter(|&(vj, _)| vj as usize != vi),
            );
            cands.sort_unstable();
            let need = if cands.len() > MANY && probes.len() >= 2 {
                2
            } else {
                1
            };
            let mut k = 0;
            while k < cands.len() {
                let (vj, sj) = cands[k];
                let mut hits = 0;
                while k < cands.len() && cands[k] == (vj, sj) {
                    hits += 1;
                    k += 1;
                }
                if hits < need {
                    continue;
                }
                let (vj, sj) = (vj as usize, sj as usize);
                let other = sets.of(vj, sj);
                let n = shared_count(set, other);
                if !linked(n, set.len(), other.len()) {
                    continue;
                }
                let score = n as f64 / set.len().max(other.len()) as f64;
                let e = &mut best[vj];
                if e.0 < 0.0 {
                    touched.push(vj);
                }
                if score > e.0 {
                    *e = (score, sj);
                }
            }
            touched.sort_unstable();
            for &vj in &touched {
                links.push((base[vi] + si, base[vj] + best[vj].1));
                best[vj] = (-1.0, 0);
            }
            touched.clear();
        }
    }
    let mut parent: Vec<usize> = (0..total).collect();
    for &(a, b) in &links {
        union(&mut parent, a, b);
    }
    fill_gaps(versions, &sets, &base, &mut parent);
    // Components with sentences of at least two versions.
    let mut comps: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (vi, v) in versions.iter().enumerate() {
        for si in 0..v.sentences.len() {
            let root = find(&mut parent, base[vi] + si);
            comps.entry(root).or_default().push((vi, si));
        }
    }
    let mut roots: Vec<usize> = comps.keys().copied().collect();
    roots.sort_unstable();
    let mut groups = Vec::new();
    for root in roots {
        let members = &comps[&root];
        let mut units: Vec<Option<Unit>> = vec![None; versions.len()];
        for &(vi, si) in members {
            let unit = units[vi].get_or_insert_with(|| Unit {
                sentences: Vec::new(),
                tokens: Vec::new(),
            });
            unit.sentences.push(si);
        }
        for (vi, u) in units.iter_mut().enumerate() {
            if let Some(u) = u {
                u.sentences.sort_unstable();
                u.tokens = u
                    .sentences
                    .iter()
                    .flat_map(|&s| versions[vi].sentences[s].tokens.clone())
                    .collect();
            }
        }
        let group = Group { units };
        if group.present() >= 2 {
            groups.push(group);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, text: &str) -> SourceFile {
        SourceFile::new(name, text)
    }

    fn unit_text(v: &Version, u: &Unit) -> String {
        u.sentences
            .iter()
            .map(|&s| &v.source.text[v.sentences[s].span.clone()])
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn residue_lines_are_recognised() {
        assert!(is_residue_line(
            "PUBLISHED : Monday, 20 November, 2017, 9:05am",
            false
        ));
        assert!(is_residue_line("1.2052082-873626613", false));
        assert!(is_residue_line("image image", false));
        assert!(is_residue_line("Follow", false));
        assert!(is_residue_line(
            "Disclaimer: The opinions expressed are their own.",
            false
        ));
        assert!(is_residue_line(
            "Moscow looks east as sanctions bite",
            false
        ));
        assert!(!is_residue_line(
            "Moscow looks east as sanctions bite",
            true
        ));
        assert!(!is_residue_line("Energy remains the glue.", false));
        // Captions, credits and video titles.
        for line in [
            "A fisherman mends his nets in the harbour on Tuesday. (Photo: Ana Petrova/Reuters)",
            "Rescue teams search the rubble after the quake. AP Photo/Jon Mills",
            "Photo: Lena Okafor",
            "Watch: Inside the new desalination plant",
            "Protesters gather outside parliament in the capital. [Reuters]",
            "The harbour master inspects the quay. (Getty Images)",
        ] {
            assert!(is_residue_line(line, false), "{line}");
        }
        // A sentence that mentions a photo or ends in brackets is text.
        assert!(!is_residue_line(
            "The minister said the photo was taken in 2014, before the war (the ministry disputes this).",
            false
        ));
    }

    #[test]
    fn sentences_split_at_full_stops_not_inside_numbers() {
        let s = src(
            "a",
            "It cost US$1.5 billion. “Go,” he said. Then 3.2km more!\n",
        );
        let v = Version::new(&s);
        let texts: Vec<&str> = v
            .sentences
            .iter()
            .map(|x| &s.text[x.span.clone()])
            .collect();
        assert_eq!(
            texts,
            [
                "It cost US$1.5 billion.",
                "“Go,” he said.",
                "Then 3.2km more!"
            ]
        );
    }

    #[test]
    fn reordered_split_and_residue_align() {
        let a = src(
            "a.txt",
            "Title line\n\nThe harbour authority approved the new container terminal on Friday. Dock workers welcomed the decision warmly.\n\nThe mayor opened the bridge across the river.\n",
        );
        let b = src(
            "b.txt",
            "Title line\n\nPUBLISHED : Friday\n\nThe mayor opened the bridge across the river.\n\nThe harbour authority approved the new container terminal. It did so on Friday.\n\nRelated: other things\n",
        );
        let va = Version::new(&a);
        let vb = Version::new(&b);
        let groups = align(&[va, vb]);
        let va = Version::new(&a);
        let vb = Version::new(&b);
        let pairs: Vec<(String, String)> = groups
            .iter()
            .map(|g| {
                (
                    unit_text(&va, g.units[0].as_ref().unwrap()),
                    unit_text(&vb, g.units[1].as_ref().unwrap()),
                )
            })
            .collect();
        assert!(pairs.contains(&(
            "The mayor opened the bridge across the river.".into(),
            "The mayor opened the bridge across the river.".into()
        )));
        assert!(
            pairs.iter().any(|(x, y)| x.starts_with("The harbour")
                && y.starts_with("The harbour authority approved the new container terminal.")),
            "{pairs:#?}"
        );
        // The dropped sentence is in no group.
        assert!(!pairs.iter().any(|(x, _)| x.contains("Dock workers")));
    }

    #[test]
    fn a_reworded_sentence_beside_an_aligned_one_joins_its_group() {
        let a = src(
            "a.txt",
            "“Grain is not politics. Grain is bread, and bread has no passport,” the minister told reporters in the capital.\n",
        );
        let b = src(
            "b.txt",
            "“Grain is not a political matter. Grain means bread, and bread does not carry a passport,” the minister told reporters in the capital.\n",
        );
        let (va, vb) = (Version::new(&a), Version::new(&b));
        let groups = align(&[va, vb]);
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert!(groups.iter().all(|g| g.present() == 2));
        // A sentence with nothing in common stays out.
        let c = src(
            "c.txt",
            "Harvests were poor this year. Grain is bread, and bread has no passport,” the minister told reporters in the capital.\n",
        );
        let groups = align(&[Version::new(&a), Version::new(&c)]);
        assert_eq!(groups.len(), 1, "{groups:?}");
    }

    #[test]
    fn empty_and_single_versions_give_no_groups() {
        let e = src("e.txt", "");
        assert!(align(&[Version::new(&e)]).is_empty());
        assert!(align(&[Version::new(&e), Version::new(&e)]).is_empty());
        assert!(align(&[]).is_empty());
    }
}
