//! Eight bytes at a time in a `u64` ("SIMD within a register").
//!
//! The word splitter and the normaliser spend their time asking the same
//! question of every byte of running prose: is it a plain ASCII letter, or
//! printable ASCII? These masks ask it of eight bytes at once. Each returns
//! a `u64` with the high bit of byte `k` set when byte `k` (in memory order)
//! answers yes; no carry ever crosses from one byte to the next, so the
//! answers are exact.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes from `at` (there must be eight).
#[inline]
pub fn load(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// High bit set in bytes of `v` (each below 0x80) that lie in `lo..=hi`.
#[inline]
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = v.wrapping_add(ONES * u64::from(0x80 - lo));
    let above_hi = v.wrapping_add(ONES * u64::from(0x7F - hi));
    at_least_lo & !above_hi & HIGH
}

/// High bit set in every byte that is not an ASCII letter or digit
/// (non-ASCII bytes included).
#[inline]
pub fn not_alphanumeric(x: u64) -> u64 {
    let low = x & !HIGH;
    let letters = in_range(low | (ONES * 0x20), b'a', b'z');
    let digits = in_range(low, b'0', b'9');
    !((letters | digits) & !x) & HIGH
}

/// High bit set in every ASCII capital letter and every byte that is not
/// ASCII.
#[inline]
pub fn capital_or_not_ascii(x: u64) -> u64 {
    in_range(x & !HIGH, b'A', b'Z') & !x | x & HIGH
}

/// High bit set in every byte outside printable ASCII and the space
/// (`0x20..=0x7E`).
#[inline]
pub fn not_printable(x: u64) -> u64 {
    let low = x & !HIGH;
    !in_range(low, 0x20, 0x7E) & HIGH | x & HIGH
}

/// High bit set in every byte equal to `byte` (below 0x80).
#[inline]
pub fn equal_to(x: u64, byte: u8) -> u64 {
    let y = x ^ (ONES * u64::from(byte));
    // A byte of `y` is zero when neither its low seven bits nor its high bit are set.
    !(((y & !HIGH) + !HIGH) | y) & HIGH
}

/// Index of the first byte whose high bit `mask` sets (`mask` non-zero).
#[inline]
pub fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytewise(x: u64, f: impl Fn(u8) -> bool) -> u64 {
        x.to_le_bytes()
            .iter()
            .enumerate()
            .filter(|(_, b)| f(**b))
            .map(|(k, _)| 0x80u64 << (8 * k))
            .sum()
    }

    proptest::proptest! {
        #[test]
        fn masks_agree_with_bytewise_tests(x: u64, byte in 0u8..0x80) {
            proptest::prop_assert_eq!(not_alphanumeric(x), bytewise(x, |b| !b.is_ascii_alphanumeric()));
            proptest::prop_assert_eq!(not_printable(x), bytewise(x, |b| !(0x20..=0x7E).contains(&b)));
            proptest::prop_assert_eq!(equal_to(x, byte), bytewise(x, |b| b == byte));
            proptest::prop_assert_eq!(capital_or_not_ascii(x), bytewise(x, |b| b.is_ascii_uppercase() || b >= 0x80));
        }

        #[test]
        fn masks_agree_on_text_like_bytes(bytes in proptest::collection::vec(
            proptest::prop_oneof![0x1Fu8..0x22, 0x2Fu8..0x3B, 0x40u8..0x5C, 0x60u8..0x7C, 0x7Du8..=0xFF],
            8,
        )) {
            let x = load(&bytes, 0);
            proptest::prop_assert_eq!(not_alphanumeric(x), bytewise(x, |b| !b.is_ascii_alphanumeric()));
            proptest::prop_assert_eq!(not_printable(x), bytewise(x, |b| !(0x20..=0x7E).contains(&b)));
            proptest::prop_assert_eq!(equal_to(x, b' '), bytewise(x, |b| b == b' '));
            if let Some(k) = bytes.iter().position(|b| !b.is_ascii_alphanumeric()) {
                proptest::prop_assert_eq!(first(not_alphanumeric(x)), k);
            }
        }
    }
}
