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

/// Longest word (in bytes) whose deletions are hashed on the stack; longer
/// words are always "maybe".
const MAX_WORD: usize = 64;

/// Polynomial hash of `bytes`: `H(a ++ b) = H(a) * BASE^|b| + H(b)`.
fn poly(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |h, &b| {
        h.wrapping_mul(BASE).wrapping_add(u64::from(b) + 1)
    })
}

/// A set of lowercase keys that answers membership with no false negatives.
#[derive(Debug, Clone)]
pub struct NameFilter {
    bits: Vec<u64>,
    /// Number of bits minus one (a power of two minus one).
    mask: u64,
}

impl NameFilter {
    /// A filter holding `keys` (already lowercase), about 16 bits per key.
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Self {
        let keys: Vec<&str> = keys.into_iter().collect();
        let nbits = (keys.len() * 16).next_power_of_two().clamp(1 << 12, 1 << 26);
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
        [m & self.mask, (m >> 32 | m << 32).rotate_left(7) & self.mask]
    }

    fn holds_hash(&self, h: u64) -> bool {
        self.positions(h)
            .iter()
            .all(|&bit| self.bits[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }

    /// Whether the lowercase form of `word`, or (with `deletions`) the word
    /// with any one character deleted, may be a key. `false` is certain.
    pub fn may_hold(&self, word: &str, deletions: bool) -> bool {
        let mut buf = [0u8; MAX_WORD];
        let owned;
        let bytes: &[u8] = if word.is_ascii() {
            if word.len() > MAX_WORD {
                return true;
            }
            let buf = &mut buf[..word.len()];
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            buf
        } else {
            owned = word.to_lowercase();
            owned.as_bytes()
        };
        let n = bytes.len();
        if n > MAX_WORD {
            return true;
        }
        // prefix[i] = H(bytes[..i]), suffix[i] = H(bytes[i..]), pow[k] = BASE^k.
        let mut prefix = [0u64; MAX_WORD + 1];
        let mut suffix = [0u64; MAX_WORD + 1];
        let mut pow = [1u64; MAX_WORD + 1];
        for i in 0..n {
            prefix[i + 1] = prefix[i]
                .wrapping_mul(BASE)
                .wrapping_add(u64::from(bytes[i]) + 1);
            pow[i + 1] = pow[i].wrapping_mul(BASE);
        }
        if self.holds_hash(prefix[n]) {
            return true;
        }
        if !deletions {
            return false;
        }
        for i in (0..n).rev() {
            suffix[i] = pow[n - 1 - i]
                .wrapping_mul(u64::from(bytes[i]) + 1)
                .wrapping_add(suffix[i + 1]);
        }
        // Delete each character (all its UTF-8 bytes).
        let mut i = 0;
        while i < n {
            let len = utf8_len(bytes[i]);
            let j = (i + len).min(n);
            let h = prefix[i].wrapping_mul(pow[n - j]).wrapping_add(suffix[j]);
            if self.holds_hash(h) {
                return true;
            }
            i = j;
        }
        false
    }
}

/// Length of the UTF-8 sequence that `first` opens.
fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletion_hashes_equal_hashes_of_the_shorter_words() {
        let word = "zaospao";
        let filter = NameFilter::new(["zospao", "unrelated"]);
        assert!(filter.may_hold("Zaospao", true), "one deletion away");
        assert!(!filter.may_hold("Zaospao", false), "deletions not asked for");
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
