//! Where forms that begin with a capital can be: found by hashing, not by
//! scanning.
//!
//! A proper noun written with an ASCII capital ("Wang Yi") can only be
//! accepted where the text has a capital letter. At each such place the
//! view's next word (its run of ASCII letters and digits) is looked up in a
//! table of the forms' first words, and only the forms listed under it are
//! compared with the text, longest first: a few hash lookups per sentence
//! instead of an automaton step per byte, and no automaton to keep in the
//! cache however large the canon.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// The forms, grouped by first word.
pub(super) struct CapitalIndex {
    /// First word → range of `entries`, longest form first.
    groups: HashMap<Box<[u8]>, Range<u32>>,
    entries: Vec<Entry>,
    /// The forms' text, one after the other.
    texts: String,
    openings: Openings,
}

/// One form of a group.
struct Entry {
    /// The matcher's pattern number.
    pattern: u32,
    /// The form in `CapitalIndex::texts`.
    text: Range<u32>,
}

/// The first word of `bytes` from `at`: its run of ASCII letters and digits.
/// A form that matches at `at` has the same first word as the text there,
/// unless the form is one ASCII word and the text's word goes on past it
/// ("qui" in "quiet"), which no word boundary allows.
fn first_word(bytes: &[u8], at: usize) -> &[u8] {
    let rest = &bytes[at..];
    let len = rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..len]
}

impl CapitalIndex {
    /// Index `patterns` (the matcher's pattern number and lowercase form).
    pub(super) fn new(patterns: Vec<(usize, &str)>) -> Option<Self> {
        if patterns.is_empty() {
            return None;
        }
        // Grouped by first word, each group longest form first: one sort.
        // (Sorted by the word's hash first: groups need only be together,
        // and comparing hashes is cheaper than comparing words.)
        let hash = |w: &[u8]| {
            use std::hash::BuildHasher;
            rustc_hash::FxBuildHasher.hash_one(w)
        };
        let mut sorted: Vec<(u64, &[u8], usize, &str)> = patterns
            .iter()
            .map(|&(n, p)| {
                let word = first_word(p.as_bytes(), 0);
                (hash(word), word, n, p)
            })
            .collect();
        sorted.sort_unstable_by_key(|&(h, word, n, p)| (h, word, std::cmp::Reverse(p.len()), n));
        let total_bytes = patterns.iter().map(|(_, p)| p.len()).sum();
        let mut index = CapitalIndex {
            groups: HashMap::with_capacity_and_hasher(patterns.len(), Default::default()),
            entries: Vec::with_capacity(patterns.len()),
            texts: String::with_capacity(total_bytes),
            openings: Openings::new(patterns.iter().map(|&(_, p)| p)),
        };
        for group in sorted.chunk_by(|a, b| a.1 == b.1) {
            let from = index.entries.len() as u32;
            for &(_, _, n, p) in group {
                let at = index.texts.len() as u32;
                index.texts.push_str(p);
                index.entries.push(Entry {
                    pattern: n as u32,
                    text: at..index.texts.len() as u32,
                });
            }
            index
                .groups
                .insert(group[0].1.into(), from..index.entries.len() as u32);
        }
        Some(index)
    }

    /// The forms that may match at view offset `at`, as a range to pass to
    /// [`CapitalIndex::next_match`].
    pub(super) fn candidates(&self, text: &[u8], at: usize) -> Range<usize> {
        if !self.openings.may_open(text, at) {
            return 0..0;
        }
        self.groups
            .get(first_word(text, at))
            .map_or(0..0, |r| r.start as usize..r.end as usize)
    }

    /// The longest of `candidates` that matches at `at`, and the candidates
    /// left to try after it.
    pub(super) fn next_match(
        &self,
        text: &[u8],
        at: usize,
        candidates: Range<usize>,
    ) -> Option<(Found, Range<usize>)> {
        let end = candidates.end;
        for i in candidates {
            let e = &self.entries[i];
            let form = &self.texts.as_bytes()[e.text.start as usize..e.text.end as usize];
            if text[at..].starts_with(form) {
                let found = Found {
                    start: at,
                    end: at + form.len(),
                    pattern: e.pattern as usize,
                };
                return Some((found, i + 1..end));
            }
        }
        None
    }
}

/// A match of a capitalised form: where it begins and ends in the view, and
/// the matcher's pattern number.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// A set of the patterns' first (up to) four bytes, kept as bits of a table
/// indexed by their hash: a place whose next bytes are not in the set
/// begins no pattern; one that is may (a hash may collide). About one bit in
/// eight is set, so seven places in eight that begin no pattern are ruled
/// out by reading one word of a table that fits in the cache, before the
/// first word is hashed whole and looked up in the larger table of groups
/// (measured: the literal matcher at K = 100 takes 19 ms per 2,000 articles
/// with it, 30 ms without).
struct Openings {
    bits: Vec<u64>,
    /// `64 - log2(number of bits)`.
    shift: u32,
    /// Bit `k` set when some pattern opens with exactly `k` bytes (shorter
    /// than four).
    short: u8,
}

impl Openings {
    fn new<'p>(patterns: impl Iterator<Item = &'p str> + Clone) -> Self {
        let count = patterns.clone().count();
        let size = (count * 8).next_power_of_two().clamp(1 << 12, 1 << 20);
        let mut openings = Openings {
            bits: vec![0; size / 64],
            shift: 64 - size.trailing_zeros(),
            short: 0,
        };
        for p in patterns {
            let k = p.len().min(4);
            if k < 4 {
                openings.short |= 1 << k;
            }
            let slot = openings.slot(&p.as_bytes()[..k]);
            openings.bits[slot / 64] |= 1 << (slot % 64);
        }
        openings
    }

    /// The table's bit for an opening of up to four bytes.
    fn slot(&self, opening: &[u8]) -> usize {
        let mut word = [0u8; 4];
        word[..opening.len()].copy_from_slice(opening);
        let key = u64::from(u32::from_le_bytes(word)) | (opening.len() as u64) << 32;
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn has(&self, opening: &[u8]) -> bool {
        let slot = self.slot(opening);
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }

    /// Whether some pattern may begin at `at` in `text`.
    fn may_open(&self, text: &[u8], at: usize) -> bool {
        let rest = &text[at..];
        (rest.len() >= 4 && self.has(&rest[..4]))
            || (self.short != 0
                && (1..4)
                    .any(|k| self.short & (1 << k) != 0 && rest.len() >= k && self.has(&rest[..k])))
    }
}
