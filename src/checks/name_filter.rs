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
}

impl NameFilter {
    /// A filter holding `keys` (already lowercase, compared byte for byte),
    /// about 16 bits per key.
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Self {
        let keys: Vec<&str> = keys.into_iter().collect();
        let nbits = (keys.len() * 16)
            .next_power_of_two()
            .clamp(1 << 12, 1 << 26);
        let mut filter = NameFilter {
            bits: vec![0; nbits / 64],
            mask: nbits as u64 - 1,
        };
        for k in keys {
            let h = poly(k.as_bytes());
            for bit in filter.positions(h) {
                filter.bits[(bit / 64) as usize] |= 1 << (bit % 64);
            }
        }
        filter
    }

    /// Two bit positions per key, from a well-mixed copy of its hash.
    fn positions(&self, h: u64) -> [u64; 2] {
        let m = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let m = m ^ (m >> 32);
        [m & self.mask, m.rotate_left(39) & self.mask]
    }

    /// Whether a key whose [`poly`] hash is `h` may be in the filter.
    #[inline]
    pub(super) fn holds_hash(&self, h: u64) -> bool {
        self.positions(h)
            .iter()
            .all(|&bit| self.bits[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }

    /// Whether the lowercase form of `word`, or (with `deletions`) the word
    /// with any one character deleted, may be a key. `false` is certain.
    pub fn may_hold(&self, word: &str, deletions: bool) -> bool {
        if word.is_ascii() {
            // Lowercase on the fly: no copy of the word.
            self.may_hold_bytes(word.bytes().map(|b| b.to_ascii_lowercase()), deletions)
        } else {
            self.may_hold_bytes(word.to_lowercase().bytes(), deletions)
        }
    }

    /// [`NameFilter::may_hold`] for the bytes of a lowercase word.
    ///
    /// With `H` the hash of the word, `P(i)` the hash of its first `i`
    /// bytes and `n` its length, the word less the character at bytes
    /// `i..j` hashes to `H + (P(i) - P(j)) * BASE^(n - j)`; `BASE^(n - j)`
    /// is `BASE^n` times the inverse of `BASE` `j` times. So one pass gives
    /// every deletion, with nothing stored.
    fn may_hold_bytes(&self, bytes: impl Iterator<Item = u8> + Clone, deletions: bool) -> bool {
        if !deletions {
            return self.holds_hash(bytes.fold(0, push_byte));
        }
        let (whole, pow_n) = bytes.clone().fold((0u64, 1u64), |(h, p), b| {
            (push_byte(h, b), p.wrapping_mul(BASE))
        });
        if self.holds_hash(whole) {
            return true;
        }
        // At the start of each character: P(i); inside it, P and the power
        // move on byte by byte to P(j) and BASE^(n - j).
        let mut p_i = 0u64;
        let mut p = 0u64;
        let mut pow = pow_n;
        let mut first = true;
        for b in bytes {
            if first || b & 0xC0 != 0x80 {
                if !first && self.holds_hash(deletion(whole, p_i, p, pow)) {
                    return true;
                }
                p_i = p;
                first = false;
            }
            p = push_byte(p, b);
            pow = pow.wrapping_mul(BASE_INVERSE);
        }
        !first && self.holds_hash(deletion(whole, p_i, p, pow))
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

    #[test]
    fn deletion_hashes_equal_hashes_of_the_shorter_words() {
        let word = "zaospao";
        let filter = NameFilter::new(["zospao", "unrelated"]);
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
        // "prez" is "perez" less one letter, and "pérez" less its "é".
        let filter = NameFilter::new(["prez", "łódź"]);
        assert!(filter.may_hold("Pérez", true));
        assert!(filter.may_hold("Łódź", false));
        assert!(filter.may_hold("Łódźa", true));
    }

    proptest::proptest! {
        /// No false negatives: every key, and every word one deletion from a
        /// key, is "maybe".
        #[test]
        fn never_misses_a_key(
            keys in proptest::collection::vec("[a-zéł]{1,12}", 1..40),
            pick in 0usize..40,
            at in 0usize..13,
            extra in "[a-zéł]",
        ) {
            let filter = NameFilter::new(keys.iter().map(String::as_str));
            let key = &keys[pick % keys.len()];
            proptest::prop_assert!(filter.may_hold(key, false));
            let mut chars: Vec<char> = key.chars().collect();
            chars.insert(at % (chars.len() + 1), extra.chars().next().unwrap());
            let longer: String = chars.into_iter().collect();
            proptest::prop_assert!(filter.may_hold(&longer, true));
        }
    }
}
