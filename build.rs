//! Extracts the UK/US spelling pairs of VarCon (the `varcon` crate, the data
//! crate-ci/typos uses) into `$OUT_DIR/varcon_spelling.rs`, which
//! `src/lexicon/spelling.rs` includes.
//!
//! The whole VarCon table (36,000 variants with every Canadian and Australian
//! tag) is 12 MB of Rust source; embedding it would cost binary size and a
//! walk over all of it at start-up. Only what the spelling model needs is
//! written out, as one sorted table `WORDS` of every word of a pair with its
//! partners, its folded form and the flags below, so that nothing is built
//! at start-up:
//! - the pairs: (British form, American form) of every VarCon entry whose
//!   preferred British (`B`, -ise) spelling differs from its preferred
//!   American (`A`) one, taken from clusters up to SCOWL level 70 (the
//!   "large" dictionary; the levels above hold scientific and archaic
//!   forms such as "Alcidae"/"Alcide"), not archaic, all lowercase (entries
//!   with a capital are proper names: "Acre"/"Acer" would make the unit
//!   "acre" British);
//! - accepted: for every word of a pair, whether any VarCon entry, at any
//!   level, accepts it in American or in British spelling (preferred, equal
//!   or variant), so that "license" (a British verb) or "program" (British
//!   for software) never mark a variety.
//!
//! The policy (which word marks which variety) lives in the spelling module,
//! not here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use varcon::{Category, Tag, Type};

/// Highest SCOWL level whose clusters give pairs.
const MAX_LEVEL: usize = 70;

/// `accepted` flag bits: American, British.
const IN_US: u8 = 1;
const IN_UK: u8 = 2;

fn preferred(t: &Type) -> bool {
    matches!(t.tag, None | Some(Tag::Eq))
}

fn accepted(t: &Type) -> bool {
    matches!(t.tag, None | Some(Tag::Eq) | Some(Tag::Variant))
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut flags: BTreeMap<&str, u8> = BTreeMap::new();
    for cluster in varcon::VARCON {
        for entry in cluster.entries {
            for v in entry.variants {
                let mut bits = 0;
                for t in v.types.iter().filter(|t| accepted(t)) {
                    match t.category {
                        Category::American => bits |= IN_US,
                        Category::BritishIse => bits |= IN_UK,
                        _ => {}
                    }
                }
                *flags.entry(v.word).or_default() |= bits;
            }
            if cluster.level > MAX_LEVEL || entry.archaic {
                continue;
            }
            let forms = |category: Category| -> Vec<&str> {
                entry
                    .variants
                    .iter()
                    .filter(|v| {
                        v.types
                            .iter()
                            .any(|t| t.category == category && preferred(t))
                    })
                    .map(|v| v.word)
                    .collect()
            };
            let plain = |w: &str| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'');
            for uk in forms(Category::BritishIse) {
                for us in forms(Category::American) {
                    if uk != us && plain(uk) && plain(us) {
                        pairs.insert((uk, us));
                    }
                }
            }
        }
    }
    // Words linked by pairs fold to one American form: the smallest
    // American form of their connected group, so that a word that is the
    // American form of one pair and the British form of another folds with
    // both.
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    for &(uk, us) in &pairs {
        parent.entry(uk).or_insert(uk);
        parent.entry(us).or_insert(us);
    }
    fn root<'a>(parent: &BTreeMap<&'a str, &'a str>, mut w: &'a str) -> &'a str {
        while parent[w] != w {
            w = parent[w];
        }
        w
    }
    for &(uk, us) in &pairs {
        let (a, b) = (root(&parent, uk), root(&parent, us));
        if a != b {
            parent.insert(a.max(b), a.min(b));
        }
    }
    let mut fold: BTreeMap<&str, &str> = BTreeMap::new();
    for &(_, us) in &pairs {
        let f = fold.entry(root(&parent, us)).or_insert(us);
        *f = (*f).min(us);
    }
    let mut us_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut uk_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &(uk, us) in &pairs {
        us_of.entry(uk).or_default().push(us);
        uk_of.entry(us).or_default().push(uk);
    }
    // Words are written once, concatenated, and referred to by index, so
    // that the table needs no pointer (and the binary no relocation) per
    // word: 12,000 words take about 400 kB.
    let words: Vec<&str> = parent.keys().copied().collect();
    let index = |w: &str| words.binary_search(&w).expect("every partner is a word");
    assert!(words.len() < 1 << 16, "word indices are u16");
    let mut text = String::new();
    let mut partners: Vec<usize> = Vec::new();
    let mut entries = String::new();
    let none = Vec::new();
    for &w in &words {
        let (us, uk) = (us_of.get(w).unwrap_or(&none), uk_of.get(w).unwrap_or(&none));
        assert!(w.len() < 256 && text.len() < 1 << 24 && us.len() < 256 && uk.len() < 256);
        writeln!(
            entries,
            "    Entry {{ text: {}, fold: {}, partners: {}, us: {}, uk: {}, accepted: {} }},",
            (text.len() << 8) | w.len(),
            index(fold[root(&parent, w)]),
            partners.len(),
            us.len(),
            uk.len(),
            flags[w],
        )
        .unwrap();
        text.push_str(w);
        partners.extend(us.iter().chain(uk).map(|p| index(p)));
    }
    assert!(partners.len() < 1 << 16, "partner offsets are u16");
    let mut out = String::new();
    writeln!(out, "// @generated by build.rs from varcon; do not edit.").unwrap();
    writeln!(out, "/// The words of `WORDS`, concatenated.").unwrap();
    writeln!(out, "pub(super) static TEXT: &str = {text:?};").unwrap();
    writeln!(
        out,
        "/// Every word of a VarCon UK/US pair (level <= {MAX_LEVEL}), sorted."
    )
    .unwrap();
    writeln!(out, "pub(super) static WORDS: &[Entry] = &[\n{entries}];").unwrap();
    writeln!(out, "/// Indices into `WORDS` of each word's partners.").unwrap();
    writeln!(out, "pub(super) static PARTNERS: &[u16] = &{partners:?};").unwrap();
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("varcon_spelling.rs");
    std::fs::write(path, out).expect("OUT_DIR is writable");
}
