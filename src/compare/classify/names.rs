//! Names across the whole piece, not only in aligned sentences.
//!
//! ## What it does
//! Every name of every version is a *mention*: the names of the aligned
//! units (the items, with their site) and those of the sentences no other
//! version aligns with (a short sentence whose name changed aligns with
//! nothing: "Stefen Ivanov agrees."). A mention keeps its words without the
//! titles before it, its role ("foreign minister", from the titles before
//! it or an appositive after it: "Wang Yi, China's foreign minister") and
//! its Han gloss ("Wang Yi (王毅)").
//!
//! Mentions with the same words are one *reading*. Two readings may name
//! one referent when they stand at one aligned site and disagree, or when
//! they differ in one word only and that word is one or two letters off
//! ("Stefan"/"Stefen", "Varna"/"Vanra", "Medvedev"/"Medevdev") or both are
//! said in the same role ("Foreign Minister Wang Yi" / "Foreign Minister
//! Wang Jun"). Candidates come from an index (readings by each word masked
//! in turn; one-word readings by their one-letter deletions), never from
//! all pairs. Two readings printed side by side by most of the versions that
//! print either are two names ("Wang Yi" and "Wang Huning"), not a drift; a
//! place and its adjective ("Russia"/"Russian") always agree.
//!
//! Between two readings of one referent the evidence decides, strongest
//! first: the reference version (it prints one and not the other); a rule
//! file (`compare --rules`: an `[[entity]]`'s canonical name or alias
//! against its variants or another name); a Han gloss in any version that
//! reads as one of them (`lexicon::pinyin`); then the number of versions
//! that print each in the piece. At an aligned site with no such evidence
//! the site's own vote decides, as for any fact. With strong evidence every
//! mention of the wrong reading is reported, in every version that prints
//! it; with counts only, a mention no other version contradicts where it
//! stands (an aligned site where all agree) is left alone. With no evidence
//! either way, every side gets its own finding naming the others.

use super::items::{prepare, unit_items};
use super::narrow::{name_ranges, path};
use super::vote::{name_keys, names_agree, same_name_word, without_marks};
use super::words::{fold_spelling, is_title, sentence_adverb};
use super::{Analysis, Kind, Site};
use crate::codes::Check;
use crate::compare::Version;
use crate::finding::{Applicability, Finding, RelatedSpan, Severity, Suggestion};
use crate::lexicon::pinyin::{GlossMatch, gloss_at, match_name, toned_reading};
use crate::rules::EntityRule;
use crate::text::compact_text;
use crate::text::numbers::Mention as NumberMention;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

/// Most readings one index bucket is searched for pairs in: a word every
/// name shares ("Street") is no evidence of anything.
const BUCKET_MAX: usize = 24;

/// Most words a reading has to be linked by spelling or role: a longer run
/// of capitals is a headline in title case.
const MAX_NAME_WORDS: usize = 4;

/// One name as one version writes it.
#[derive(Debug, Clone)]
pub struct NameMention {
    /// Index of the version.
    pub version: usize,
    /// The name's tokens in the version (titles dropped).
    pub tokens: Range<usize>,
    /// Byte span of the name (titles dropped).
    pub span: Range<usize>,
    /// The reading: lowercase words, UK/US spelling folded, space-joined.
    pub key: String,
    /// Roles it is named in ("foreign minister").
    pub roles: Vec<String>,
    /// The Han gloss right after it: the characters' span, and how the
    /// name reads against them.
    pub gloss: Option<(Range<usize>, GlossMatch)>,
    /// The aligned name site it stands at, and its item there.
    pub site: Option<(usize, usize)>,
}

/// Why a reading is taken as right.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// The reference version prints it.
    Reference,
    /// An `[[entity]]` rule (by index) gives it.
    Rule(usize),
    /// A Han gloss (on this mention) reads as it, with tone marks.
    Gloss {
        /// The mention whose gloss it is.
        mention: usize,
        /// The characters' reading with tone marks ("Wáng Yì").
        toned: String,
    },
    /// More versions print it in the piece.
    Count {
        /// Versions printing the right reading.
        right: usize,
        /// Versions printing the wrong one.
        wrong: usize,
    },
}

/// A mention judged wrong.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The wrong mention.
    pub mention: usize,
    /// The right reading.
    pub canonical: String,
    /// The right reading as written (by a mention of it, or the gloss).
    pub shown: String,
    /// Why.
    pub basis: Basis,
}

/// A name site's decision.
#[derive(Debug, Clone)]
pub enum SiteDecision {
    /// The site's own vote stands (majority, reference or tie).
    Vote,
    /// Evidence from elsewhere picks this item's reading.
    Evidence(usize, Basis),
}

/// Everything known of the piece's names.
#[derive(Debug, Default)]
pub struct Names {
    /// Every mention of every version.
    pub mentions: Vec<NameMention>,
    /// By reading: the versions printing it and its mentions.
    readings: rustc_hash::FxHashMap<String, ReadingInfo>,
    /// Readings that may name one referent (both directions).
    edges: BTreeMap<String, BTreeSet<String>>,
    /// Readings a gloss reads as: the gloss's mention and the toned reading.
    confirmed: BTreeMap<String, (usize, String)>,
    /// Rule forms: reading → (rule, right form).
    rule_forms: HashMap<String, (usize, bool)>,
    /// The mention of each name item.
    by_item: rustc_hash::FxHashMap<usize, usize>,
    /// Decisions of the name sites (by site index) that disagree.
    pub sites: BTreeMap<usize, SiteDecision>,
    /// Mentions judged wrong outside the site votes.
    pub verdicts: Vec<Verdict>,
    /// Mentions whose reading ties with another one's, no evidence either way.
    pub ties: Vec<(usize, String)>,
}

#[derive(Debug, Default, Clone)]
struct ReadingInfo {
    versions: BTreeSet<usize>,
    mentions: Vec<usize>,
    words: Vec<String>,
    roles: BTreeSet<String>,
}

/// A name run met while gathering: version, first byte, tokens, and its
/// site and item when it stands at an aligned site.
type Found = (usize, usize, usize, Option<(usize, usize)>);

/// Role words that say nothing of the office: honorifics and nationalities.
fn honorific(key: &str) -> bool {
    matches!(
        key,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "sir"
            | "prof"
            | "professor"
            | "us"
            | "uk"
            | "russian"
            | "chinese"
            | "american"
            | "british"
    )
}

/// The reading of rule text or words: [`name_keys`] joined.
fn key_of(words: &[String]) -> String {
    name_keys(words).join(" ")
}

/// Two words one or two letters apart (one edit for shorter words), not a
/// place and its adjective.
fn near(a: &str, b: &str) -> bool {
    if a == b || same_name_word(a, b) {
        return false;
    }
    let short = a.chars().count().min(b.chars().count());
    if short < 4 || !a.chars().chain(b.chars()).all(char::is_alphabetic) {
        return false;
    }
    match super::link::edits_up_to_two(a, b) {
        Some(d) => d == 1 || (d == 2 && short >= 7),
        None => false,
    }
}

fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(word.len());
        s.push_str(&word[..i]);
        s.push_str(&word[i + c.len_utf8()..]);
        s
    })
}

impl Names {
    /// Gather and judge the names of `a` (its items and sites already made).
    pub fn build(a: &Analysis, numbers: &[Vec<NumberMention>]) -> Names {
        let mut names = Names::default();
        names.collect(a, numbers);
        names.index_rules(&a.rules);
        names.link(a);
        names.decide(a);
        names
    }

    fn collect(&mut self, a: &Analysis, numbers: &[Vec<NumberMention>]) {
        let mut site_of: Vec<Option<usize>> = vec![None; a.items.len()];
        for (si, s) in a.sites.iter().enumerate() {
            if s.kind == Kind::Name {
                for &i in &s.items {
                    site_of[i] = Some(si);
                }
            }
        }
        let mut aligned: Vec<Vec<bool>> = a
            .versions
            .iter()
            .map(|v| vec![false; v.sentences.len()])
            .collect();
        for g in &a.groups {
            for (vi, u) in g.units.iter().enumerate() {
                for &s in u.iter().flat_map(|u| &u.sentences) {
                    aligned[vi][s] = true;
                }
            }
        }
        // Names of the aligned units, then of every other sentence, by
        // version: (version, first byte, tokens, site and item).
        let mut found: Vec<Found> = Vec::new();
        for (i, it) in a.items.iter().enumerate() {
            if it.kind == Kind::Name {
                let site = site_of[i].map(|s| (s, i));
                found.push((it.version, it.span.start, it.pos.len(), site));
            }
        }
        for (vi, v) in a.versions.iter().enumerate() {
            let none = Vec::new();
            let nums = numbers.get(vi).unwrap_or(&none);
            for (si, s) in v.sentences.iter().enumerate() {
                if aligned[vi][si] {
                    continue;
                }
                let tokens: Vec<usize> = s.tokens.clone().collect();
                let prep = prepare(v, &tokens);
                for it in unit_items(v, vi, usize::MAX, &tokens, &[si], nums, (&prep, &a.openers)) {
                    if it.kind == Kind::Name {
                        found.push((vi, it.span.start, it.pos.len(), None));
                    }
                }
            }
        }
        found.sort_by_key(|f| (f.0, f.1));
        let first_token = |vi: usize, start: usize| {
            a.versions[vi]
                .tokens
                .partition_point(|t| t.span.start < start)
        };
        // UK/US folding, once per distinct word.
        let mut folded: rustc_hash::FxHashMap<&str, String> = Default::default();
        for (vi, start, n, site) in found {
            let v = &a.versions[vi];
            let first_tok = first_token(vi, start);
            if first_tok + n > v.tokens.len() || n == 0 {
                continue;
            }
            let run = &v.tokens[first_tok..first_tok + n];
            for t in run {
                folded
                    .entry(t.key.as_str())
                    .or_insert_with(|| fold_spelling(&without_marks(&t.key)));
            }
            let keys: Vec<&str> = run
                .iter()
                .map(|t| folded[t.key.as_str()].as_str())
                .collect();
            // A run of titles alone ("Foreign Minister", "Russian") names no one.
            if keys.iter().all(|k| is_title(k)) && keys.len() > 1 {
                continue;
            }
            let t = &v.tokens[first_tok];
            let opener = usize::from(
                n > 1
                    && t.sentence_start
                    && (a.openers.contains(&t.key) || sentence_adverb(&t.key)),
            );
            let dropped = opener
                + keys[opener..]
                    .iter()
                    .position(|k| !is_title(k))
                    .unwrap_or(n - opener - 1);
            let name = &keys[dropped..];
            let tokens = first_tok + dropped..first_tok + n;
            let span = v.tokens[tokens.start].span.start..v.tokens[tokens.end - 1].span.end;
            let roles = roles_of(v, &tokens);
            let gloss = gloss_at(&v.source.text, span.end).map(|g| {
                let written: Vec<&str> = v.tokens[tokens.clone()]
                    .iter()
                    .map(|t| &v.source.text[t.span.clone()])
                    .collect();
                let verdict = match_name(&written, &v.source.text[g.clone()]);
                (g, verdict)
            });
            let idx = self.mentions.len();
            let version = vi;
            if let Some((_, item)) = site {
                self.by_item.insert(item, idx);
            }
            let key = name.join(" ");
            if !self.readings.contains_key(&key) {
                self.readings.insert(key.clone(), ReadingInfo::default());
            }
            let info = self.readings.get_mut(&key).expect("just inserted");
            info.versions.insert(version);
            info.mentions.push(idx);
            if info.words.is_empty() {
                info.words = name.iter().map(|w| w.to_string()).collect();
            }
            for r in &roles {
                if !info.roles.contains(r) {
                    info.roles.insert(r.clone());
                }
            }
            if let Some((g, verdict)) = &gloss {
                match verdict {
                    GlossMatch::Matches => {
                        let toned = toned_reading(&v.source.text[g.clone()]);
                        self.confirmed.entry(key.clone()).or_insert((idx, toned));
                    }
                    GlossMatch::Differs { expected, toned } => {
                        let words: Vec<String> = expected.split(' ').map(str::to_string).collect();
                        self.confirmed
                            .entry(key_of(&words))
                            .or_insert((idx, toned.clone()));
                    }
                    GlossMatch::Unrelated => {}
                }
            }
            self.mentions.push(NameMention {
                version,
                tokens,
                span,
                key,
                roles,
                gloss,
                site,
            });
        }
    }

    fn index_rules(&mut self, rules: &[EntityRule]) {
        for (ri, r) in rules.iter().enumerate() {
            let words = |t: &str| -> Vec<String> {
                without_marks(&crate::text::normalize_phrase(t, true))
                    .split(' ')
                    .map(fold_spelling)
                    .collect()
            };
            // A distinct name ("Wang Huning") is right in its own right.
            for f in std::iter::once(&r.canonical)
                .chain(&r.aliases)
                .chain(&r.distinct)
            {
                self.rule_forms
                    .entry(key_of(&words(&f.text)))
                    .or_insert((ri, true));
            }
            for f in &r.variants {
                self.rule_forms
                    .entry(key_of(&words(&f.text)))
                    .or_insert((ri, false));
            }
        }
    }

    /// Is the reading a right form of a rule?
    fn ruled_right(&self, key: &str) -> Option<usize> {
        match self.rule_forms.get(key) {
            Some(&(r, true)) => Some(r),
            _ => None,
        }
    }

    /// Does the gloss on mention `m` read otherwise than the reading `key`
    /// in a way it can judge: `key` is pinyin of its shape with a syllable
    /// that differs ("wang li" against 王毅; not "wang huning")?
    fn gloss_contradicts(&self, a: &Analysis, m: usize, key: &str) -> bool {
        let mention = &self.mentions[m];
        let Some((span, _)) = &mention.gloss else {
            return false;
        };
        let han = &a.versions[mention.version].source.text[span.clone()];
        let words: Vec<&str> = key.split(' ').collect();
        matches!(match_name(&words, han), GlossMatch::Differs { .. })
    }

    /// Do most versions printing either reading print both (two names)?
    fn distinct(&self, x: &str, y: &str) -> bool {
        let (Some(a), Some(b)) = (self.readings.get(x), self.readings.get(y)) else {
            return false;
        };
        let both = a.versions.intersection(&b.versions).count();
        let either = a.versions.union(&b.versions).count();
        both * 2 > either
    }

    fn edge(&mut self, x: &str, y: &str) {
        if x == y {
            return;
        }
        self.edges
            .entry(x.to_string())
            .or_default()
            .insert(y.to_string());
        self.edges
            .entry(y.to_string())
            .or_default()
            .insert(x.to_string());
    }

    fn link(&mut self, a: &Analysis) {
        // Readings that disagree at one aligned site.
        let mut pairs: Vec<(String, String)> = Vec::new();
        for s in a.sites.iter().filter(|s| s.kind == Kind::Name) {
            // Each reading once: most sites print one reading everywhere.
            let mut keys: Vec<&String> = s
                .items
                .iter()
                .filter_map(|i| self.by_item.get(i).map(|&m| &self.mentions[m].key))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for (x, kx) in keys.iter().enumerate() {
                for ky in &keys[x + 1..] {
                    if !self.agree(kx, ky) {
                        pairs.push(((*kx).clone(), (*ky).clone()));
                    }
                }
            }
        }
        // Readings one word apart: by each word masked in turn; one-word
        // readings by their one-letter deletions.
        let mut buckets: HashMap<String, Vec<&String>> = HashMap::new();
        for (key, info) in &self.readings {
            if info.words.len() > MAX_NAME_WORDS {
                // A headline in title case, not a name.
                continue;
            }
            if info.words.len() >= 2 {
                for p in 0..info.words.len() {
                    let mut w = info.words.clone();
                    w[p] = "\u{0}".into();
                    buckets.entry(w.join(" ")).or_default().push(key);
                }
            } else if info.words.first().is_some_and(|w| w.chars().count() >= 5) {
                let w = &info.words[0];
                buckets.entry(format!("\u{1}{w}")).or_default().push(key);
                for d in deletions(w) {
                    buckets.entry(format!("\u{1}{d}")).or_default().push(key);
                }
            }
        }
        let mut bucket_keys: Vec<&String> = buckets.keys().collect();
        bucket_keys.sort();
        for b in bucket_keys {
            let members = &buckets[b];
            if members.len() < 2 || members.len() > BUCKET_MAX {
                continue;
            }
            for (x, kx) in members.iter().enumerate() {
                for ky in &members[x + 1..] {
                    if kx == ky {
                        continue;
                    }
                    let (ix, iy) = (&self.readings[*kx], &self.readings[*ky]);
                    if ix.words.len() != iy.words.len() {
                        continue;
                    }
                    let differing: Vec<usize> = (0..ix.words.len())
                        .filter(|&p| ix.words[p] != iy.words[p])
                        .collect();
                    let [p] = differing[..] else { continue };
                    let (wx, wy) = (&ix.words[p], &iy.words[p]);
                    // One word alone that only gains an "s" is another
                    // form ("Americas"), not another name.
                    let plural = ix.words.len() == 1
                        && (wx.strip_suffix('s') == Some(wy) || wy.strip_suffix('s') == Some(wx));
                    let spelled = near(wx, wy) && !plural;
                    let same_role =
                        ix.words.len() >= 2 && ix.roles.intersection(&iy.roles).next().is_some();
                    if (spelled || same_role) && !self.agree(kx, ky) && !self.distinct(kx, ky) {
                        pairs.push(((*kx).clone(), (*ky).clone()));
                    }
                }
            }
        }
        for (x, y) in pairs {
            self.edge(&x, &y);
        }
    }

    /// The reading of a name item (empty for a run of titles alone).
    pub fn item_key(&self, item: usize) -> String {
        match self.by_item.get(&item) {
            Some(&m) => self.mentions[m].key.clone(),
            None => String::new(),
        }
    }

    /// Does name item `item` agree with name item `other`?
    pub fn item_agrees(&self, item: usize, other: usize) -> bool {
        self.agree(&self.item_key(item), &self.item_key(other))
    }

    /// The fullest name the piece writes for `name` (as written): the one
    /// reading that ends in its words with more words before them
    /// ("Tomasz Kowalczyk" for "Kowalczyk"); `name` itself when there is
    /// none, or more than one ("North Korea", "South Korea" for "Korea").
    pub fn full_name(&self, a: &Analysis, name: &str) -> String {
        let words: Vec<String> = name.split_whitespace().map(str::to_string).collect();
        let keys = name_keys(&words);
        let longer: Vec<&String> = self
            .readings
            .iter()
            .filter(|(_, r)| r.words.len() > keys.len() && r.words.ends_with(&keys))
            .map(|(k, _)| k)
            .collect();
        match longer[..] {
            [one] => self.shown(a, one).unwrap_or_else(|| name.to_string()),
            _ => name.to_string(),
        }
    }

    fn agree(&self, x: &str, y: &str) -> bool {
        let w = |k: &str| -> Vec<String> { k.split(' ').map(str::to_string).collect() };
        names_agree(&w(x), &w(y))
    }

    /// Evidence that reading `right` beats `wrong` (strong evidence only
    /// when `strong_only`): `None` when there is none, or when `wrong` has
    /// evidence of its own.
    fn beats(&self, a: &Analysis, right: &str, wrong: &str, strong_only: bool) -> Option<Basis> {
        let (Some(r), Some(w)) = (self.readings.get(right), self.readings.get(wrong)) else {
            return None;
        };
        if let Some(reference) = a.reference {
            match (
                r.versions.contains(&reference),
                w.versions.contains(&reference),
            ) {
                (true, false) => return Some(Basis::Reference),
                (_, true) => return None,
                _ => {}
            }
        }
        match (self.ruled_right(right), self.ruled_right(wrong)) {
            (Some(rule), None) => return Some(Basis::Rule(rule)),
            (_, Some(_)) => return None,
            _ => {}
        }
        match (self.confirmed.get(right), self.confirmed.get(wrong)) {
            (Some((m, toned)), None) if self.gloss_contradicts(a, *m, wrong) => {
                return Some(Basis::Gloss {
                    mention: *m,
                    toned: toned.clone(),
                });
            }
            (_, Some(_)) => return None,
            _ => {}
        }
        if strong_only {
            return None;
        }
        (r.versions.len() > w.versions.len()).then_some(Basis::Count {
            right: r.versions.len(),
            wrong: w.versions.len(),
        })
    }

    /// The right reading as a mention of it writes it (the first).
    fn shown(&self, a: &Analysis, key: &str) -> Option<String> {
        let m = *self.readings.get(key)?.mentions.first()?;
        let mention = &self.mentions[m];
        Some(compact_text(
            &a.versions[mention.version].source.text[mention.span.clone()],
        ))
    }

    fn decide(&mut self, a: &Analysis) {
        let mut handled: HashSet<usize> = HashSet::new();
        // Aligned sites that disagree.
        for (si, s) in a.sites.iter().enumerate() {
            if s.kind != Kind::Name || s.deviants.is_empty() {
                continue;
            }
            let decision = self.decide_site(a, s);
            for &i in &s.items {
                if let Some(&m) = self.by_item.get(&i) {
                    handled.insert(m);
                }
            }
            self.sites.insert(si, decision);
        }
        // Every other mention, against the readings it may be a drift of.
        let reference_prints = |key: &str| {
            a.reference.is_some_and(|r| {
                self.readings
                    .get(key)
                    .is_some_and(|i| i.versions.contains(&r))
            })
        };
        let mut verdicts = Vec::new();
        let mut ties = Vec::new();
        for m in 0..self.mentions.len() {
            if handled.contains(&m) {
                continue;
            }
            match self.judge_mention(a, m, &reference_prints) {
                Some(Ok(v)) => verdicts.push(v),
                Some(Err(other)) => ties.push((m, other)),
                None => {}
            }
        }
        self.verdicts = verdicts;
        self.ties = ties;
    }

    /// A mention outside the disagreeing sites: wrong (and why), tied with
    /// another reading (`Err`), or neither.
    fn judge_mention(
        &self,
        a: &Analysis,
        m: usize,
        reference_prints: &dyn Fn(&str) -> bool,
    ) -> Option<Result<Verdict, String>> {
        let mention = &self.mentions[m];
        let key = &mention.key;
        // Its own gloss reads otherwise ("Wang Li (王毅)").
        if let Some((_, GlossMatch::Differs { expected, toned })) = &mention.gloss {
            let words: Vec<String> = expected.split(' ').map(str::to_string).collect();
            return Some(Ok(Verdict {
                mention: m,
                canonical: key_of(&words),
                shown: expected.clone(),
                basis: Basis::Gloss {
                    mention: m,
                    toned: toned.clone(),
                },
            }));
        }
        // A variant a rule lists.
        if let Some(&(rule, false)) = self.rule_forms.get(key)
            && !reference_prints(key)
        {
            let canonical = &a.rules[rule].canonical.text;
            let words: Vec<String> = canonical.split_whitespace().map(str::to_string).collect();
            return Some(Ok(Verdict {
                mention: m,
                canonical: key_of(&words),
                shown: canonical.clone(),
                basis: Basis::Rule(rule),
            }));
        }
        // Unaligned: counts count; at a site where all agree, only strong
        // evidence does.
        let strong_only = mention.site.is_some();
        let neighbours = self.edges.get(key)?;
        let mut best: Option<((u8, usize), &String, Basis)> = None;
        let mut tie: Option<&String> = None;
        for other in neighbours {
            match self.beats(a, other, key, strong_only) {
                Some(basis) => {
                    let rank = match &basis {
                        Basis::Reference => (0, 0),
                        Basis::Rule(_) => (1, 0),
                        Basis::Gloss { .. } => (2, 0),
                        Basis::Count { right, .. } => (3, usize::MAX - right),
                    };
                    if best.as_ref().is_none_or(|b| rank < b.0) {
                        best = Some((rank, other, basis));
                    }
                }
                None => {
                    if !strong_only && tie.is_none() && self.beats(a, key, other, false).is_none() {
                        tie = Some(other);
                    }
                }
            }
        }
        match best {
            Some((_, canonical, basis)) => Some(Ok(Verdict {
                mention: m,
                canonical: canonical.clone(),
                shown: self
                    .shown(a, canonical)
                    .unwrap_or_else(|| canonical.clone()),
                basis,
            })),
            None => tie.map(|t| Err(t.clone())),
        }
    }

    /// Evidence from the whole piece for a site whose versions disagree.
    fn decide_site(&self, a: &Analysis, s: &Site) -> SiteDecision {
        if s.by_reference {
            return SiteDecision::Vote;
        }
        let keyed: Vec<(usize, &String)> = s
            .items
            .iter()
            .filter_map(|&i| self.by_item.get(&i).map(|&m| (i, &self.mentions[m].key)))
            .collect();
        // Readings that disagree with another one here.
        let competing: Vec<(usize, &String)> = keyed
            .iter()
            .copied()
            .filter(|(_, k)| keyed.iter().any(|(_, o)| !self.agree(k, o)))
            .collect();
        let pick = |f: &dyn Fn(&str) -> Option<Basis>| -> Option<(usize, Basis)> {
            let hits: Vec<(usize, &String, Basis)> = competing
                .iter()
                .filter_map(|&(i, k)| f(k).map(|b| (i, k, b)))
                .collect();
            let (i, k, b) = hits.first()?.clone();
            hits.iter()
                .all(|(_, o, _)| self.agree(k, o))
                .then_some((i, b))
        };
        let decided = pick(&|k| self.ruled_right(k).map(Basis::Rule)).or_else(|| {
            let (i, basis) = pick(&|k| {
                self.confirmed.get(k).map(|(m, toned)| Basis::Gloss {
                    mention: *m,
                    toned: toned.clone(),
                })
            })?;
            // The gloss judges only readings that are romanisations of it
            // gone wrong ("Wang Li" for 王毅, not "Wang Huning").
            let Basis::Gloss { mention, .. } = &basis else {
                return None;
            };
            let winner = &self.mentions[self.by_item[&i]].key;
            competing
                .iter()
                .filter(|(_, k)| !self.agree(k, winner))
                .all(|(_, k)| self.gloss_contradicts(a, *mention, k))
                .then_some((i, basis))
        });
        if let Some((i, b)) = decided {
            return SiteDecision::Evidence(i, b);
        }
        // The piece's counts, between readings that are not two names.
        let count = |k: &str| self.readings.get(k).map_or(0, |r| r.versions.len());
        let mut by_count: Vec<(usize, usize, &String)> =
            competing.iter().map(|&(i, k)| (count(k), i, k)).collect();
        by_count.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        if let Some(&(top, i, k)) = by_count.first() {
            let losers: Vec<&(usize, usize, &String)> = by_count
                .iter()
                .filter(|(_, _, o)| !self.agree(k, o))
                .collect();
            let clear = losers
                .iter()
                .all(|(n, _, o)| *n < top && !self.distinct(k, o));
            if clear && !losers.is_empty() {
                let majority_agrees = !s.tie
                    && self
                        .by_item
                        .get(&s.majority)
                        .is_some_and(|&m| self.agree(&self.mentions[m].key, k));
                if majority_agrees {
                    return SiteDecision::Vote;
                }
                let wrong = losers.iter().map(|l| l.0).max().unwrap_or(0);
                return SiteDecision::Evidence(i, Basis::Count { right: top, wrong });
            }
        }
        SiteDecision::Vote
    }
}

/// The roles a name is said in: its titles (and the title words right
/// before it, across "Mr."), and the title words of an appositive after it
/// ("Wang Yi, China's foreign minister,"), honorifics and nationalities
/// dropped.
fn roles_of(v: &Version, tokens: &Range<usize>) -> Vec<String> {
    let mut roles = Vec::new();
    let mut before: Vec<&str> = Vec::new();
    let mut t = tokens.start;
    while t > 0 && before.len() < 4 {
        let prev = &v.tokens[t - 1];
        if !is_title(&prev.key) || v.tokens[t].sentence_start {
            break;
        }
        before.push(&prev.key);
        t -= 1;
    }
    before.reverse();
    let phrase: Vec<&str> = before.into_iter().filter(|k| !honorific(k)).collect();
    if !phrase.is_empty() {
        roles.push(phrase.join(" "));
    }
    // An appositive: ", China's foreign minister,".
    let text = &v.source.text;
    let end = v.tokens[tokens.end - 1].span.end;
    if let Some(next) = v.tokens.get(tokens.end)
        && text[end..next.span.start].trim() == ","
    {
        let mut words: Vec<&str> = Vec::new();
        let mut last = end;
        for tok in v.tokens[tokens.end..].iter().take(6) {
            let gap = &text[last..tok.span.start];
            if last != end
                && !gap
                    .chars()
                    .all(|c| c.is_whitespace() || c == '’' || c == '\'')
            {
                break;
            }
            if is_title(&tok.key) && !honorific(&tok.key) {
                words.push(&tok.key);
            }
            last = tok.span.end;
        }
        if !words.is_empty() {
            roles.push(words.join(" "));
        }
    }
    roles
}

impl Analysis<'_> {
    /// The findings on names: the aligned sites (their vote, or evidence
    /// from the whole piece) and the mentions judged across the piece.
    pub(super) fn name_findings(&self, out: &mut Vec<Finding>) {
        for (si, s) in self.sites.iter().enumerate() {
            if s.kind != Kind::Name {
                continue;
            }
            match self.names.sites.get(&si) {
                None => {}
                Some(SiteDecision::Vote) => self.site_findings(s, out),
                Some(SiteDecision::Evidence(winner, basis)) => {
                    self.evidence_site_findings(s, *winner, basis, out)
                }
            }
        }
        for v in &self.names.verdicts {
            out.push(self.verdict_finding(v));
        }
        for (m, other) in &self.names.ties {
            out.push(self.tie_finding(*m, other));
        }
    }

    /// The finding's tail and help for a basis, and labels for it.
    fn basis_words(&self, basis: &Basis, expected: &str) -> (String, String, Vec<RelatedSpan>) {
        match basis {
            Basis::Reference => {
                let r = self
                    .reference
                    .map_or("", |r| self.versions[r].source.path.as_str());
                (
                    format!("the reference version ({r}) writes “{expected}”"),
                    "as the reference version does".into(),
                    Vec::new(),
                )
            }
            Basis::Rule(rule) => {
                let r = &self.rules[*rule];
                (
                    format!("the rule `{}` gives “{}”", r.id, r.canonical.text),
                    "as the rule says".into(),
                    vec![r.canonical.origin.label("the canonical name")],
                )
            }
            Basis::Gloss { mention, toned } => {
                let g = &self.names.mentions[*mention];
                let Some((span, _)) = &g.gloss else {
                    return (format!("“{expected}”"), String::new(), Vec::new());
                };
                let v = &self.versions[g.version];
                let han = &v.source.text[span.clone()];
                (
                    format!("the gloss “{han}” reads {toned}: “{expected}”"),
                    "as the gloss reads".into(),
                    vec![RelatedSpan {
                        path: v.source.path.clone(),
                        span: span.clone(),
                        message: format!("“{han}” reads {toned}"),
                    }],
                )
            }
            Basis::Count { right, .. } => (
                format!(
                    "{right} of {} versions write “{expected}” in this piece",
                    self.versions.len()
                ),
                "as most versions do".into(),
                Vec::new(),
            ),
        }
    }

    fn evidence_site_findings(
        &self,
        s: &Site,
        winner: usize,
        basis: &Basis,
        out: &mut Vec<Finding>,
    ) {
        let winner_key = self.item_key(winner);
        for &d in &s.items {
            if d == winner || self.item_agrees(d, &winner_key) {
                continue;
            }
            let (span, found, expected) = super::narrow(self, d, winner, 1);
            let (tail, help, mut related) = self.basis_words(basis, &expected);
            let agreeing = s
                .items
                .iter()
                .filter(|&&i| self.item_agrees(i, &winner_key))
                .count();
            for &i in &s.items {
                if i == d {
                    continue;
                }
                let (rspan, text) = super::narrow::narrow_other(self, i, d, Kind::Name, 1);
                related.push(RelatedSpan {
                    path: path(self, i).to_string(),
                    span: rspan,
                    message: format!("“{text}” here"),
                });
            }
            out.push(Finding {
                path: path(self, d).to_string(),
                check: Check::CompareName,
                rule: Check::CompareName.code().to_string(),
                severity: Severity::Error,
                message: format!("“{found}” here, while {tail}"),
                suggestion: Some(Suggestion {
                    span: span.clone(),
                    replacement: expected.clone(),
                    applicability: Applicability::Unsafe,
                }),
                span,
                label: format!("“{found}” here"),
                found,
                expected: Some(expected.clone()),
                help: Some(format!("write “{expected}” {help}")),
                notes: vec![format!(
                    "{agreeing} of {} versions write “{expected}” here",
                    s.items.len()
                )],
                related,
            });
        }
    }

    fn item_key(&self, item: usize) -> String {
        self.names.item_key(item)
    }

    fn item_agrees(&self, item: usize, key: &str) -> bool {
        self.names.agree(&self.item_key(item), key)
    }

    /// The part of mention `m` that differs from the reading `canonical`
    /// (as its first mention writes it), and that part of it.
    pub(crate) fn narrow_mention(
        &self,
        m: usize,
        canonical: &str,
        shown: &str,
    ) -> (Range<usize>, String, String) {
        let dm = &self.names.mentions[m];
        let dv = &self.versions[dm.version];
        let dt: Vec<usize> = dm.tokens.clone().collect();
        let whole = (
            dm.span.clone(),
            compact_text(&dv.source.text[dm.span.clone()]),
            shown.to_string(),
        );
        let Some(&c) = self
            .names
            .readings
            .get(canonical)
            .and_then(|r| r.mentions.first())
        else {
            return whole;
        };
        let cm = &self.names.mentions[c];
        let cv = &self.versions[cm.version];
        let ct: Vec<usize> = cm.tokens.clone().collect();
        match name_ranges(dv, &dt, cv, &ct, 1) {
            Some((dr, cr)) => {
                let dspan = dv.tokens[dt[dr.start]].span.start..dv.tokens[dt[dr.end - 1]].span.end;
                let cspan = cv.tokens[ct[cr.start]].span.start..cv.tokens[ct[cr.end - 1]].span.end;
                (
                    dspan.clone(),
                    compact_text(&dv.source.text[dspan]),
                    compact_text(&cv.source.text[cspan]),
                )
            }
            None => whole,
        }
    }

    /// Labels at one mention of `key` in each version that prints it (not
    /// `except`'s mention).
    fn reading_labels(
        &self,
        key: &str,
        except: usize,
        tag: &dyn Fn(usize) -> &'static str,
    ) -> Vec<RelatedSpan> {
        let Some(info) = self.names.readings.get(key) else {
            return Vec::new();
        };
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for &m in &info.mentions {
            let mention = &self.names.mentions[m];
            if m == except || !seen.insert(mention.version) {
                continue;
            }
            let v = &self.versions[mention.version];
            out.push(RelatedSpan {
                path: v.source.path.clone(),
                span: mention.span.clone(),
                message: format!(
                    "“{}” here{}",
                    compact_text(&v.source.text[mention.span.clone()]),
                    tag(mention.version)
                ),
            });
        }
        out
    }

    fn verdict_finding(&self, v: &Verdict) -> Finding {
        let m = &self.names.mentions[v.mention];
        let (span, found, expected) = self.narrow_mention(v.mention, &v.canonical, &v.shown);
        let (tail, help, mut related) = self.basis_words(&v.basis, &expected);
        let reference = self.reference;
        let own = m.version;
        related.extend(self.reading_labels(&v.canonical, v.mention, &|ver| {
            if Some(ver) == reference {
                " (reference)"
            } else if ver == own {
                " (this version, elsewhere)"
            } else {
                ""
            }
        }));
        let safe = matches!(v.basis, Basis::Rule(_));
        Finding {
            path: self.versions[m.version].source.path.clone(),
            check: Check::CompareName,
            rule: Check::CompareName.code().to_string(),
            severity: Severity::Error,
            message: format!("“{found}” here, while {tail}"),
            suggestion: Some(Suggestion {
                span: span.clone(),
                replacement: expected.clone(),
                applicability: if safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            }),
            span,
            label: format!("“{found}” here"),
            found,
            expected: Some(expected.clone()),
            help: Some(format!("write “{expected}” {help}")),
            notes: Vec::new(),
            related,
        }
    }

    fn tie_finding(&self, m: usize, other: &str) -> Finding {
        let mention = &self.names.mentions[m];
        let v = &self.versions[mention.version];
        let found = compact_text(&v.source.text[mention.span.clone()]);
        let count = |k: &str| self.names.readings.get(k).map_or(0, |r| r.versions.len());
        let other_shown = self
            .names
            .shown(self, other)
            .unwrap_or_else(|| other.to_string());
        let (a, b) = (count(&mention.key), count(other));
        let word = |n: usize| if n == 1 { "version" } else { "versions" };
        Finding {
            path: v.source.path.clone(),
            check: Check::CompareName,
            rule: Check::CompareName.code().to_string(),
            severity: Severity::Error,
            message: format!(
                "the versions disagree with no majority: “{found}” in {a} {}, “{other_shown}” in {b} {}",
                word(a),
                word(b)
            ),
            span: mention.span.clone(),
            label: format!("“{found}” here"),
            found,
            expected: None,
            help: Some(
                "check the name at its source; no reading has a majority (name the original with `--reference`)"
                    .into(),
            ),
            notes: Vec::new(),
            related: self.reading_labels(other, m, &|_| ""),
            suggestion: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Options, compare_with};
    use crate::codes::Check;
    use crate::finding::{Applicability, Finding};
    use crate::source::SourceFile;

    fn files(texts: &[&str]) -> Vec<SourceFile> {
        super::super::test_versions(texts.iter().copied())
    }

    fn run_with(texts: &[&str], options: &Options) -> Vec<Finding> {
        compare_with(&files(texts), options)
            .into_iter()
            .filter(|f| f.check == Check::CompareName)
            .collect()
    }

    fn run(texts: &[&str]) -> Vec<Finding> {
        run_with(texts, &Options::default())
    }

    fn at(f: &[Finding]) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = f
            .iter()
            .map(|x| (x.path.clone(), x.found.clone()))
            .collect();
        v.sort();
        v
    }

    const SITE_YI: &str = "Foreign Minister Wang Yi has raised the issue of the radar repeatedly with Seoul and Tokyo.";
    const SITE_LI: &str = "Foreign Minister Wang Li has raised the issue of the radar repeatedly with Seoul and Tokyo.";

    #[test]
    fn two_against_two_with_a_gloss_elsewhere_flags_both_wrong_versions() {
        let gloss =
            "Chinese Foreign Minister Wang Yi (王毅) urged restraint on all sides of the dispute.";
        let yi = format!("Title\n\n{gloss}\n\n{SITE_YI}\n");
        let li = format!("Title\n\n{gloss}\n\n{SITE_LI}\n");
        let f = run(&[&yi, &li, &yi, &li]);
        assert_eq!(
            at(&f),
            [
                ("v1.txt".to_string(), "Wang Li".to_string()),
                ("v3.txt".to_string(), "Wang Li".to_string())
            ],
            "{f:#?}"
        );
        for x in &f {
            assert!(
                x.message.contains("the gloss “王毅” reads Wáng Yì"),
                "{}",
                x.message
            );
            assert_eq!(x.expected.as_deref(), Some("Wang Yi"));
            // The gloss is a related location.
            assert!(x.related.iter().any(|r| r.message.contains("“王毅” reads")));
        }
    }

    #[test]
    fn two_against_two_with_no_evidence_gives_every_side_a_finding() {
        let yi = format!("Title\n\n{SITE_YI}\n");
        let li = format!("Title\n\n{SITE_LI}\n");
        let f = run(&[&yi, &li, &yi, &li]);
        assert_eq!(f.len(), 4, "{f:#?}");
        for x in &f {
            assert!(x.message.contains("no majority"), "{}", x.message);
            assert_eq!(x.related.len(), 3, "{:?}", x.related);
        }
    }

    #[test]
    fn the_piece_count_breaks_a_tie_at_a_site() {
        // Every version writes "Wang Yi" elsewhere: 4 versions against 2.
        let other = "Later Wang Yi told reporters in Beijing that talks would resume within weeks.";
        let yi = format!("Title\n\n{other}\n\n{SITE_YI}\n");
        let li = format!("Title\n\n{other}\n\n{SITE_LI}\n");
        let f = run(&[&yi, &li, &yi, &li]);
        assert_eq!(
            at(&f),
            [
                ("v1.txt".to_string(), "Wang Li".to_string()),
                ("v3.txt".to_string(), "Wang Li".to_string())
            ],
            "{f:#?}"
        );
        assert!(
            f[0].message
                .contains("4 of 4 versions write “Wang Yi” in this piece"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_gloss_judges_only_romanisations_of_it() {
        // At this place the versions disagree on two people of one family
        // name; the gloss of Wang Yi elsewhere says nothing of Wang Huning.
        let gloss =
            "Chinese Foreign Minister Wang Yi (王毅) urged restraint on all sides of the dispute.";
        let a = format!(
            "Title\n\n{gloss}\n\nThe congress promoted Wang Huning, a party theorist, to its top body in October.\n"
        );
        let b = a.replace("promoted Wang Huning", "promoted Wang Yi");
        let f = run(&[&a, &a, &b]);
        assert_eq!(
            at(&f),
            [("v2.txt".to_string(), "Wang Yi".to_string())],
            "{f:#?}"
        );
        assert!(f[0].message.contains("2 of 3 versions"), "{}", f[0].message);
    }

    #[test]
    fn near_misses_in_sentences_that_align_with_nothing() {
        let a = "Title\n\nThe council approved the desalination plant after a long debate on Friday.\n\nStefan Ivanov agrees.\n\nVarna is thirsty.\n";
        let b = a.replace("Stefan", "Stefen").replace("Varna", "Vanra");
        let f = run(&[a, a, &b]);
        assert_eq!(
            at(&f),
            [
                ("v2.txt".to_string(), "Stefen Ivanov".to_string()),
                ("v2.txt".to_string(), "Vanra".to_string())
            ],
            "{f:#?}"
        );
        let stefen = f.iter().find(|x| x.found == "Stefen Ivanov").unwrap();
        assert_eq!(stefen.expected.as_deref(), Some("Stefan Ivanov"));
        assert!(
            stefen.message.contains("2 of 3 versions"),
            "{}",
            stefen.message
        );
        assert_eq!(stefen.related.len(), 2);
        // One against one: each side its own finding.
        let f = run(&[a, &b]);
        assert_eq!(f.len(), 4, "{f:#?}");
        assert!(f.iter().all(|x| x.message.contains("no majority")));
    }

    #[test]
    fn near_misses_where_the_sentences_align() {
        let a = "Title\n\nMayor Stefan Ivanov opened the plant in Varna on Friday after a long debate.\n";
        let b = "Title\n\nMayor Stefen Ivanov opened the plant in Vanra on Friday after a long debate.\n";
        let f = run(&[a, a, b]);
        assert_eq!(
            at(&f),
            [
                ("v2.txt".to_string(), "Stefen Ivanov".to_string()),
                ("v2.txt".to_string(), "Vanra".to_string())
            ],
            "{f:#?}"
        );
    }

    #[test]
    fn titles_adjectives_and_other_people_are_quiet() {
        let a = "Title\n\nMayor Stefan Ivanov said Russia and North Korea would talk. Wang Yi met Wang Huning on Friday in the capital.\n\nThe Korean talks went on.\n";
        let b = "Title\n\nStefan Ivanov said the Russian and North Korean sides would talk. Wang Yi met Wang Huning on Friday in the capital.\n\nThe North Korea talks went on.\n";
        let f = run(&[a, b, a]);
        assert!(f.is_empty(), "{f:#?}");
        // Two people of one family name, printed side by side: two names.
        let c = "Title\n\nWang Yi spoke first. Then Wang Huning replied at length.\n";
        assert!(run(&[c, c, c]).is_empty());
    }

    #[test]
    fn a_plural_of_one_word_is_not_another_name() {
        // Sentences that align with nothing: only the piece-wide links.
        let a = "Title\n\nTrade across the Americas slowed sharply this spring.\n";
        let b = "Title\n\nExporters in America lost orders to rivals abroad.\n";
        assert!(run(&[a, a, b]).is_empty(), "{:#?}", run(&[a, a, b]));
        // Where a letter changes, the link is made.
        let c = "Title\n\nExporters in Amerika lost orders to rivals abroad.\n";
        let d = "Title\n\nTrade in America slowed sharply this spring.\n";
        let f = run(&[d, d, c]);
        assert_eq!(
            at(&f),
            [("v2.txt".to_string(), "Amerika".to_string())],
            "{f:#?}"
        );
    }

    #[test]
    fn the_reference_decides_across_the_piece() {
        let a = "Title\n\nThe council approved the desalination plant after a long debate on Friday.\n\nStefan Ivanov agrees.\n";
        let b = a.replace("Stefan", "Stefen");
        let options = Options {
            reference: Some(0),
            ..Options::default()
        };
        let f = run_with(&[a, &b, &b], &options);
        assert_eq!(
            at(&f),
            [
                ("v1.txt".to_string(), "Stefen Ivanov".to_string()),
                ("v2.txt".to_string(), "Stefen Ivanov".to_string())
            ],
            "{f:#?}"
        );
        assert!(
            f[0].message.contains("the reference version (v0.txt)"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_rule_decides_a_name() {
        let rules =
            "[[entity]]\nid = \"wang-yi\"\ncanonical = \"Wang Yi\"\nvariants = [\"Wang Li\"]\n";
        let mut set = crate::rules::RuleSet::default();
        let mut errors = Vec::new();
        set.add_file(SourceFile::new("r.toml", rules), &mut errors);
        assert!(errors.is_empty());
        let options = Options {
            entities: set.entities.clone(),
            ..Options::default()
        };
        let yi = format!("Title\n\n{SITE_YI}\n");
        let li = format!("Title\n\n{SITE_LI}\n");
        let f = run_with(&[&yi, &li, &li], &options);
        assert_eq!(f.len(), 2, "{f:#?}");
        for x in &f {
            assert_eq!(x.found, "Wang Li");
            assert!(x.message.contains("the rule `wang-yi`"), "{}", x.message);
            assert!(x.related.iter().any(|r| r.path == "r.toml"));
        }
        // A variant the rule lists, where no other version disagrees.
        let f = run_with(&[&li, &li], &options);
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(
            f[0].suggestion.as_ref().map(|s| s.applicability),
            Some(Applicability::Safe)
        );
    }

    #[test]
    fn a_name_its_own_gloss_contradicts_is_wrong_in_every_version() {
        let a = "Title\n\nChinese Foreign Minister Wang Li (王毅) urged restraint on all sides of the dispute.\n";
        let f = run(&[a, a, a]);
        assert_eq!(f.len(), 3, "{f:#?}");
        assert!(f.iter().all(|x| x.expected.as_deref() == Some("Wang Yi")));
        let ok = "Title\n\nChinese Foreign Minister Wang Yi (王毅) and President Xi Jinping (习近平) spoke.\n";
        assert!(run(&[ok, ok]).is_empty());
    }

    #[test]
    fn a_help_on_a_surname_replaces_only_the_surname() {
        let a = "Title\n\nTomasz Kowalczyk runs the port. Mr Kowalczyk said the new cranes would arrive in spring next year.\n";
        let b = "Title\n\nTomasz Kowalczyk runs the port. Mr. Kowalczik said the new cranes would arrive in spring next year.\n";
        let f = run(&[a, a, b]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let x = &f[0];
        assert_eq!(&b[x.span.clone()], "Kowalczik");
        assert_eq!(x.expected.as_deref(), Some("Kowalczyk"));
        assert!(
            x.help.as_deref().unwrap().contains("“Kowalczyk”"),
            "{:?}",
            x.help
        );
        assert!(!x.help.as_deref().unwrap().contains("Mr"), "{:?}", x.help);
    }
}
