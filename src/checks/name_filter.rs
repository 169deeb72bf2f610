//! A Bloom filter in front of the near-miss indexes.
//!
//! Most capitalised words of an article are names that no rule knows and
//! that are nowhere near one ("Painua", "Shiarru"): looking each of them and
//! each of its one-letter deletions up in the hash indexes costs a dozen
//! probes per word. The filter answers "certainly not in any index" for
//! almost all of them from one rolling hash per word: the hash of a word
//! with one character deleted comes from its prefix and suffix hashes, so
//! no deletion string is ever built. A "maybe" falls through to the real
//! indexes, so the filter changes what is computed, never what is found.

/// Multiplier of the polynomial hash (odd, so multiplication is invertible
/// modulo 2^64 and no bit is lost).
const BASE: u64 = 0x0000_0100_0000_01b3;

/// Polynomial hash of `bytes`: `H(a ++ b) = H(a) * BASE^|b| + H(b)`.
pub(super) fn poly(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |h, &b| push_byte(h, b))
}

/// The hash of the bytes hashed to `h` followed by `b`.
#[inline]
pub(super) fn push_byte(h: u64, b: u8) -> u64 {
    h.wrapping_mul(BASE).wrapping_add(u64::from(b) + 1)
}

/// A set of lowercase keys that answers membership with no false negatives.
#[derive(Debug, Clone)]
pub struct NameFilter {
    bits: Vec<u64>,
    /// Number of bits minus one (a power of two minus one).
    mask: u64,
    /// Shapes of the one-word forms, see [`NameFilter::add_one_word_form`].
    shapes: Vec<u64>,
}

/// The filter's answer for a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    /// The word may be a key.
    pub whole: bool,
    /// The word may be a key, or one edit from a one-word form (if
    /// deletions were asked for).
    pub near: bool,
    /// Which of the word's one-character deletions may be keys: bit `j` for
    /// the (lowercase) word less its character `j`; every bit from 63 on
    /// for longer words.
    pub deletions: u64,
}

impl Probe {
    /// Whether the deletion of character `j` may be a key.
    pub fn deletion(&self, j: usize) -> bool {
        self.deletions >> j.min(63) & 1 == 1
    }
}

/// Bits of the shape table (a power of two).
const SHAPE_BITS: u64 = 1 << 14;

/// The shape-table bit of a word of `len` characters that begins (`end`
/// 0) or ends (`end` 1) with the bytes `pair` (two characters).
fn shape_slot(len: usize, end: u64, pair: &[u8]) -> u64 {
    let h = pair
        .iter()
        .fold((len as u64) << 1 | end, |h, &b| push_byte(h, b));
    let m = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (m >> 40) & (SHAPE_BITS - 1)
}

impl NameFilter {
    /// A filter holding `keys` (already lowercase, compared byte for byte),
    /// about 16 bits per key, for words looked up in indexes of those keys
    /// and, with their deletions, in the deletion neighbourhoods of
    /// `one_word_forms` (lowercase, five characters or more; their
    /// neighbourhoods must be among the keys).
    pub fn new<'a>(
        keys: impl IntoIterator<Item = &'a str>,
        one_word_forms: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let keys: Vec<&str> = keys.into_iter().collect();
        let nbits = (keys.len() * 16)
            .next_power_of_two()
            .clamp(1 << 12, 1 << 26);
        let mut filter = NameFilter {
            bits: vec![0; nbits / 64],
            mask: nbits as u64 - 1,
            shapes: vec![0; (SHAPE_BITS / 64) as usize],
        };
        for k in keys {
            let h = poly(k.as_bytes());
            for bit in filter.positions(h) {
                filter.bits[(bit / 64) as usize] |= 1 << (bit % 64);
            }
        }
        for form in one_word_forms {
            filter.add_one_word_form(form);
        }
        filter
    }

    /// Two bit positions per key, from a well-mixed copy of its hash.
    fn positions(&self, h: u64) -> [u64; 2] {
        let m = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let m = m ^ (m >> 32);
        [m & self.mask, m.rotate_left(39) & self.mask]
    }

    /// Note a one-word form (lowercase, five characters or more) whose
    /// neighbours one edit away are looked for. One edit (a substitution,
    /// insertion, deletion or swap of neighbours) changes the length by at
    /// most one and, between words of five characters or more, leaves the
    /// first two characters or the last two as they were. So a word whose
    /// length and ends match no form's is no edit away from any, and its
    /// deletions need not be hashed (candidates further away, that the
    /// deletion neighbourhoods also meet, are refused by the edit distance
    /// check that follows the index lookup anyway).
    fn add_one_word_form(&mut self, form: &str) {
        let chars: Vec<(usize, char)> = form.char_indices().collect();
        let n = chars.len();
        if n < 4 {
            return;
        }
        let first = &form.as_bytes()[..chars[2].0];
        let last = &form.as_bytes()[chars[n - 2].0..];
        for len in n - 1..=n + 1 {
            for slot in [shape_slot(len, 0, first), shape_slot(len, 1, last)] {
                self.shapes[(slot / 64) as usize] |= 1 << (slot % 64);
            }
        }
    }

    /// Whether a lowercase ASCII word of four bytes or more may be one edit
    /// from a one-word form.
    fn may_be_one_edit_from_a_form(&self, lower: [u8; 4], len: usize) -> bool {
        [
            shape_slot(len, 0, &lower[..2]),
            shape_slot(len, 1, &lower[2..]),
        ]
        .iter()
        .any(|&slot| self.shapes[(slot / 64) as usize] & (1 << (slot % 64)) != 0)
    }

    /// Whether a key whose [`poly`] hash is `h` may be in the filter.
    #[inline]
    pub(super) fn holds_hash(&self, h: u64) -> bool {
        self.positions(h)
            .iter()
            .all(|&bit| self.bits[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }

    /// Whether the lowercase form of `word` may be a key or (with
    /// `deletions`) the word may be one edit from a one-word form, its
    /// deletion neighbourhood meeting the form's. `false` is certain.
    #[cfg(test)]
    pub fn may_hold(&self, word: &str, deletions: bool) -> bool {
        self.probe(word, deletions).near
    }

    /// What the filter says of `word`: whether it may be a key itself, and
    /// whether it may be a key or (with `deletions`) one edit from a
    /// one-word form. `false` is certain.
    pub fn probe(&self, word: &str, deletions: bool) -> Probe {
        if word.is_ascii() {
            let b = word.as_bytes();
            let n = b.len();
            let deletions = deletions
                && (n < 4
                    || self.may_be_one_edit_from_a_form(
                        [b[0], b[1], b[n - 2], b[n - 1]].map(|b| b.to_ascii_lowercase()),
                        n,
                    ));
            // Lowercase on the fly: no copy of the word.
            self.probe_bytes(word.bytes().map(|b| b.to_ascii_lowercase()), deletions)
        } else {
            self.probe_bytes(word.to_lowercase().bytes(), deletions)
        }
    }

    /// [`NameFilter::probe`] for the bytes of a lowercase word.
    ///
    /// With `H` the hash of the word, `P(i)` the hash of its first `i`
    /// bytes and `n` its length, the word less the character at bytes
    /// `i..j` hashes to `H + (P(i) - P(j)) * BASE^(n - j)`; `BASE^(n - j)`
    /// is `BASE^n` times the inverse of `BASE` `j` times. So one pass gives
    /// every deletion, with nothing stored.
    fn probe_bytes(&self, bytes: impl Iterator<Item = u8> + Clone, deletions: bool) -> Probe {
        if !deletions {
            let whole = self.holds_hash(bytes.fold(0, push_byte));
            return Probe {
                whole,
                near: whole,
                deletions: 0,
            };
        }
        let (whole, pow_n) = bytes.clone().fold((0u64, 1u64), |(h, p), b| {
            (push_byte(h, b), p.wrapping_mul(BASE))
        });
        let whole_held = self.holds_hash(whole);
        // At the start of each character: P(i); inside it, P and the power
        // move on byte by byte to P(j) and BASE^(n - j).
        let mut p_i = 0u64;
        let mut p = 0u64;
        let mut pow = pow_n;
        let mut j = 0usize;
        let mut held = 0u64;
        let mut first = true;
        for b in bytes {
            if first || b & 0xC0 != 0x80 {
                if !first {
                    if self.holds_hash(deletion(whole, p_i, p, pow)) {
                        held |= 1 << j.min(63);
                    }
                    j += 1;
                }
                p_i = p;
                first = false;
            }
            p = push_byte(p, b);
            pow = pow.wrapping_mul(BASE_INVERSE);
        }
        if !first && self.holds_hash(deletion(whole, p_i, p, pow)) {
            held |= 1 << j.min(63);
        }
        Probe {
            whole: whole_held,
            near: whole_held || held != 0,
            deletions: held,
        }
    }
}

/// The hash of a word of hash `whole` less the bytes between prefixes of
/// hashes `p_i` and `p_j`, where `pow` is `BASE` to the number of bytes
/// after them.
#[inline]
fn deletion(whole: u64, p_i: u64, p_j: u64, pow: u64) -> u64 {
    whole.wrapping_add(p_i.wrapping_sub(p_j).wrapping_mul(pow))
}

/// `BASE`'s inverse modulo 2^64 (Newton's iteration doubles the correct
/// low bits each step; 2^64 needs six steps from the three bits right at
/// the start).
const BASE_INVERSE: u64 = {
    let mut inv = BASE;
    let mut k = 0;
    while k < 6 {
        inv = inv.wrapping_mul(2u64.wrapping_sub(BASE.wrapping_mul(inv)));
        k += 1;
    }
    inv
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_inverse_is_the_inverse() {
        assert_eq!(BASE.wrapping_mul(BASE_INVERSE), 1);
    }

    /// A filter as the entity engine builds it: each form, and each
    /// one-word form's deletions, as keys.
    fn filter_of(multi_word_keys: &[&str], one_word_forms: &[&str]) -> NameFilter {
        let mut keys: Vec<String> = multi_word_keys.iter().map(|k| k.to_string()).collect();
        for f in one_word_forms {
            keys.push(f.to_string());
            for (i, c) in f.char_indices() {
                keys.push(format!("{}{}", &f[..i], &f[i + c.len_utf8()..]));
            }
        }
        NameFilter::new(
            keys.iter().map(String::as_str),
            one_word_forms.iter().copied(),
        )
    }

    #[test]
    fn deletion_hashes_equal_hashes_of_the_shorter_words() {
        let word = "zaospao";
        let filter = filter_of(&["unrelated"], &["zospao"]);
        assert!(filter.may_hold("Zaospao", true), "one deletion away");
        assert!(
            !filter.may_hold("Zaospao", false),
            "deletions not asked for"
        );
        assert!(filter.may_hold("UNRELATED", false), "case is folded");
        assert_eq!(poly(b"zospao"), {
            let (a, b) = word.split_at(1);
            let b = &b[1..];
            poly(a.as_bytes())
                .wrapping_mul(BASE.wrapping_pow(b.len() as u32))
                .wrapping_add(poly(b.as_bytes()))
        });
    }

    #[test]
    fn non_ascii_words_delete_whole_characters() {
        // "perez" is "pérez" with its "é" changed.
        let filter = filter_of(&["łódź"], &["perez"]);
        assert!(filter.may_hold("Pérez", true));
        assert!(filter.may_hold("Łódź", false));
    }

    #[test]
    fn words_of_another_shape_are_ruled_out_before_their_deletions() {
        let filter = filter_of(&[], &["zaospao"]);
        // Same ends, or a length one apart: may be one edit away.
        assert!(filter.may_hold("zaospeo", true));
        assert!(filter.may_hold("zaosao", true));
        // Neither end, or too long: cannot be.
        assert!(!filter.may_hold("xxospaq", true));
        assert!(!filter.may_hold("zaospaoxx", true));
    }

    /// `form` with one edit: `kind` 0 substitutes, 1 inserts, 2 deletes,
    /// 3 swaps neighbours, at character `at`.
    fn edited(form: &str, kind: usize, at: usize, extra: char) -> String {
        let mut chars: Vec<char> = form.chars().collect();
        let n = chars.len();
        match kind {
            0 => chars[at % n] = extra,
            1 => chars.insert(at % (n + 1), extra),
            2 => {
                chars.remove(at % n);
            }
            _ => chars.swap(at % (n - 1), at % (n - 1) + 1),
        }
        chars.into_iter().collect()
    }

    proptest::proptest! {
        /// Every deletion of a word that is a key has its bit set.
        #[test]
        fn deletion_bits_point_at_the_deletions_that_are_keys(
            word in "[a-zéł]{5,12}",
            picks in proptest::collection::vec(0usize..12, 1..4),
        ) {
            let chars: Vec<char> = word.chars().collect();
            let deleted = |j: usize| -> String {
                chars.iter().enumerate().filter(|&(k, _)| k != j).map(|(_, c)| c).collect()
            };
            let keys: Vec<String> = picks.iter().map(|&j| deleted(j % chars.len())).collect();
            // Each key is a one-word form's deletion, as the engine builds them.
            let forms: Vec<&str> = vec![word.as_str()];
            let filter = NameFilter::new(keys.iter().map(String::as_str), forms);
            let probe = filter.probe(&word, true);
            for &j in &picks {
                proptest::prop_assert!(probe.deletion(j % chars.len()), "deletion {} of {}", j, word);
            }
        }

        /// No false negatives: every key is "maybe", and so is every word
        /// one edit from a one-word form.
        #[test]
        fn never_misses_a_key_or_a_neighbour(
            keys in proptest::collection::vec("[a-zéł]{1,12}", 1..20),
            forms in proptest::collection::vec("[a-zéł]{5,12}", 1..20),
            pick in 0usize..40,
            kind in 0usize..4,
            at in 0usize..13,
            extra in "[a-zéł]",
        ) {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            let filter = filter_of(&keys, &forms);
            proptest::prop_assert!(filter.may_hold(keys[pick % keys.len()], false));
            let form = forms[pick % forms.len()];
            proptest::prop_assert!(filter.may_hold(form, true));
            let near = edited(form, kind, at, extra.chars().next().unwrap());
            proptest::prop_assert!(filter.may_hold(&near, true), "{} from {}", near, form);
        }
    }
}
