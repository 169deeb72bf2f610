//! A deterministic synthetic corpus for benchmarks and the recall test.
//!
//! Shared by `benches/check.rs`, `tests/recall.rs` and
//! `examples/gen_corpus.rs` (which writes it to disk for `scripts/bench.sh`),
//! so that every measurement runs without anything outside the repository.
//!
//! The model: a universe of canonical names, each with one to three wrong
//! variants (one letter swapped, dropped, doubled or a vowel changed). Rule
//! set K is the first K names. Articles are paragraphs of filler prose that
//! mention names, most often the first ones (a Zipf-like draw); one mention
//! in twenty is a variant, and its byte offset goes into the ground truth.
//! Variants are checked to be distinct from every canonical name and every
//! other variant, so the truth is exact for a whole-word matcher.

#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;

/// SplitMix64: a tiny, well-known deterministic generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ONSETS: &[&str] = &[
    "b", "ch", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "qu", "r", "s", "sh", "t", "v",
    "w", "x", "y", "z", "zh", "br", "dr", "kr", "st", "tr",
];
const NUCLEI: &[&str] = &[
    "a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "ua", "ao", "ie",
];
const CODAS: &[&str] = &["", "", "", "n", "ng", "r", "l", "s", "k", "m", "v", "sh"];
const VOWELS: &[u8] = b"aeiou";

const NOUNS: &[&str] = &[
    "economy",
    "policy",
    "summit",
    "treaty",
    "market",
    "border",
    "pipeline",
    "corridor",
    "ministry",
    "delegation",
    "agreement",
    "dispute",
    "partnership",
    "budget",
    "harbour",
    "province",
    "alliance",
    "council",
    "parliament",
    "election",
    "strategy",
    "framework",
    "sanction",
    "tariff",
    "currency",
    "investment",
    "network",
    "industry",
    "reservoir",
    "university",
    "newspaper",
    "editorial",
    "consensus",
    "proposal",
    "deadline",
    "forecast",
    "crisis",
    "recovery",
    "inflation",
    "pension",
    "diplomat",
    "envoy",
    "coalition",
    "verdict",
    "statement",
    "inquiry",
    "narrative",
    "argument",
    "precedent",
    "frontier",
    "peninsula",
    "fleet",
    "dialogue",
    "forum",
];
const VERBS: &[&str] = &[
    "questioned",
    "defended",
    "revised",
    "welcomed",
    "criticised",
    "delayed",
    "endorsed",
    "examined",
    "rejected",
    "praised",
    "proposed",
    "reviewed",
    "challenged",
    "supported",
    "announced",
    "postponed",
];
const ADJECTIVES: &[&str] = &[
    "cautious",
    "bold",
    "uncertain",
    "steady",
    "fragile",
    "modest",
    "ambitious",
    "pragmatic",
    "regional",
    "urgent",
    "quiet",
    "costly",
    "narrow",
    "broad",
    "lasting",
    "tentative",
];
const OPENERS: &[&str] = &[
    "On Tuesday",
    "Last year",
    "In a statement",
    "Meanwhile",
    "For now",
    "By contrast",
];

fn syllable(rng: &mut Rng) -> String {
    format!(
        "{}{}{}",
        rng.pick(ONSETS),
        rng.pick(NUCLEI),
        rng.pick(CODAS)
    )
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn name_word(rng: &mut Rng, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(&syllable(rng));
    }
    capitalised(&w)
}

/// One wrong spelling of `name`: a letter swapped with its neighbour,
/// dropped, doubled, or a vowel changed. Never touches a word's first letter.
fn misspell(rng: &mut Rng, name: &str) -> String {
    let mut bytes = name.as_bytes().to_vec();
    // Letters that are not the first of a word and not a space.
    let inner: Vec<usize> = (1..bytes.len())
        .filter(|&i| bytes[i] != b' ' && bytes[i - 1] != b' ')
        .collect();
    let i = inner[rng.below(inner.len())];
    match rng.below(4) {
        0 if i + 1 < bytes.len() && bytes[i + 1] != b' ' => bytes.swap(i, i + 1),
        1 => {
            bytes.remove(i);
        }
        2 => bytes.insert(i, bytes[i]),
        _ => {
            let v = VOWELS[rng.below(VOWELS.len())];
            if VOWELS.contains(&bytes[i]) && bytes[i] != v {
                bytes[i] = v;
            } else {
                bytes.insert(i, v);
            }
        }
    }
    String::from_utf8(bytes).expect("ASCII stays UTF-8")
}

/// A canonical name and its wrong variants.
#[derive(Debug, Clone)]
pub struct Canon {
    pub canonical: String,
    pub variants: Vec<String>,
}

/// `n` canonical names with variants, deterministic in `seed`.
pub fn universe(seed: u64, n: usize) -> Vec<Canon> {
    let mut rng = Rng::new(seed);
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let given_len = 1 + rng.below(2);
        let given = name_word(&mut rng, given_len);
        let family_len = 2 + rng.below(2);
        let family = name_word(&mut rng, family_len);
        let canonical = format!("{given} {family}");
        if !taken.insert(canonical.to_lowercase()) {
            continue;
        }
        let mut variants = Vec::new();
        let wanted = 1 + rng.below(3);
        for _ in 0..wanted * 4 {
            if variants.len() == wanted {
                break;
            }
            let v = misspell(&mut rng, &canonical);
            if taken.insert(v.to_lowercase()) {
                variants.push(v);
            }
        }
        out.push(Canon {
            canonical,
            variants,
        });
    }
    out
}

/// An injected variant: where it is and which rule it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Truth {
    pub article: usize,
    pub offset: usize,
    pub variant: String,
    pub rule: usize,
}

/// Article `index` (about 6 KB, paragraph-long lines, no trailing newline)
/// and the variants injected into it.
pub fn article(seed: u64, index: usize, universe: &[Canon]) -> (String, Vec<Truth>) {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut text = String::with_capacity(6500);
    let mut truth = Vec::new();
    let mut paragraph = 0;
    while text.len() < 6000 {
        if paragraph > 0 {
            text.push_str("\n\n");
        }
        paragraph += 1;
        for s in 0..(4 + rng.below(4)) {
            if s > 0 {
                text.push(' ');
            }
            // Zipf-like: rule r with probability ~ 1/(r+1).
            let r = ((universe.len() as f64).powf(rng.unit()) as usize).saturating_sub(1);
            let canon = &universe[r.min(universe.len() - 1)];
            let wrong = rng.below(20) == 0 && !canon.variants.is_empty();
            let name = if wrong {
                let v = &canon.variants[rng.below(canon.variants.len())];
                v.clone()
            } else {
                canon.canonical.clone()
            };
            let opener = rng.pick(OPENERS);
            let adj = rng.pick(ADJECTIVES);
            let noun = rng.pick(NOUNS);
            let verb = rng.pick(VERBS);
            let noun2 = rng.pick(NOUNS);
            let _ = write!(text, "{opener}, the {adj} {noun} was {verb} by ");
            if wrong {
                truth.push(Truth {
                    article: index,
                    offset: text.len(),
                    variant: name.clone(),
                    rule: r.min(universe.len() - 1),
                });
            }
            let _ = write!(text, "{name}, who called it a {noun2} worth watching.");
        }
    }
    (text, truth)
}

/// A copydesk rule file for the first `k` names of `universe`.
pub fn rules_toml(universe: &[Canon], k: usize) -> String {
    let mut out = String::with_capacity(k * 80);
    for (i, c) in universe.iter().take(k).enumerate() {
        let _ = write!(
            out,
            "[[entity]]\nid = \"canon-{i}\"\ncanonical = {:?}\n",
            c.canonical
        );
        if !c.variants.is_empty() {
            let list: Vec<String> = c.variants.iter().map(|v| format!("{v:?}")).collect();
            let _ = writeln!(out, "variants = [{}]", list.join(", "));
        }
        out.push('\n');
    }
    out
}

/// The variants of the first `k` names, one per line (for `rg -F -f`).
pub fn patterns(universe: &[Canon], k: usize) -> String {
    let mut out = String::new();
    for c in universe.iter().take(k) {
        for v in &c.variants {
            out.push_str(v);
            out.push('\n');
        }
    }
    out
}
