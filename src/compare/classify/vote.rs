//! The vote at each site: when two readings agree (names as runs of each
//! other's words, numbers within precision after unit conversion,
//! quotations as contiguous parts, dates alike), and which reading has the
//! majority.

use super::narrow::shown;
use super::words::{fold_spelling, is_title};
use super::{Analysis, Item, Kind, Reading, Site};
use crate::compare::find;
use crate::text::numbers::{Family, Mention, Unit};
use std::collections::BTreeMap;

/// Words of a name, lowercased and spelling-folded, without the titles
/// before it ("President Putin" and "Vladimir Putin" are one man).
pub(super) fn name_keys(words: &[String]) -> Vec<String> {
    let keys: Vec<String> = words
        .iter()
        .map(|w| fold_spelling(&without_marks(&crate::text::normalize_phrase(w, true))))
        .collect();
    let first = keys
        .iter()
        .position(|k| !is_title(k))
        .unwrap_or(keys.len().saturating_sub(1));
    keys[first..].to_vec()
}

/// `word` without its diacritics ("Kōwhai" → "Kowhai", "Pérez" →
/// "Perez"): a CMS that drops them, or a desk that cannot type them, does
/// not change the name. Letters that do not decompose ("ł") stay.
pub(super) fn without_marks(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if word.is_ascii() {
        return word.to_string();
    }
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .nfc()
        .collect()
}

/// Is `small` a contiguous run of `big`?
fn contains_run(big: &[String], small: &[String]) -> bool {
    !small.is_empty() && big.windows(small.len()).any(|w| w == small)
}

fn words_agree(a: &[String], b: &[String]) -> bool {
    a == b || contains_run(a, b) || contains_run(b, a)
}

/// Is `people` the word for the people or the adjective of the place
/// `place` ("Korea" → "Korean", "Russia" → "Russian", "Italy" → "Italian",
/// "Iraq" → "Iraqi", "Japan" → "Japanese")?
fn demonym_of(place: &str, people: &str) -> bool {
    if place.chars().count() < 4 || !place.chars().all(char::is_alphabetic) {
        return false;
    }
    if let Some(suffix) = people.strip_prefix(place) {
        return match suffix {
            "n" => place.ends_with(['a', 'e']),
            "an" | "ian" | "ese" | "i" | "ish" => true,
            _ => false,
        };
    }
    place
        .strip_suffix('y')
        .is_some_and(|stem| people.strip_prefix(stem) == Some("ian"))
}

/// Two words of names that name one thing: the same word, or a place and
/// the adjective of its people ("North Korea" and "North Korean" are not
/// names in disagreement).
pub(super) fn same_name_word(a: &str, b: &str) -> bool {
    a == b || demonym_of(a, b) || demonym_of(b, a)
}

/// Is `small` a contiguous run of `big`, word for word as names?
fn contains_name_run(big: &[String], small: &[String]) -> bool {
    !small.is_empty()
        && big.len() >= small.len()
        && big
            .windows(small.len())
            .any(|w| w.iter().zip(small).all(|(x, y)| same_name_word(x, y)))
}

/// Do two names (their [`name_keys`]) agree: one is a run of the other's
/// words ("Foreign Minister Wang Yi" and "Wang Yi"), a place and its
/// adjective aside?
pub(super) fn names_agree(a: &[String], b: &[String]) -> bool {
    contains_name_run(a, b) || contains_name_run(b, a)
}

/// The value of a quantity in its family's base unit, and half its printed precision there.
pub(super) fn base_value(m: &Mention) -> (f64, f64) {
    let f = m.unit.as_ref().and_then(Unit::base_factor).unwrap_or(1.0);
    (m.centre() * f, m.precision() * f / 2.0)
}

/// Can two numbers be compared at all?
pub(super) fn comparable(a: &Mention, b: &Mention) -> bool {
    if a.converts.is_some() != b.converts.is_some() {
        return false;
    }
    match (&a.unit, &b.unit) {
        (None, None) => true,
        (Some(Unit::Currency(x)), Some(Unit::Currency(y))) => x == y,
        (Some(x), Some(y)) => x.family() == y.family() && x.family() != Family::Currency,
        _ => false,
    }
}

fn numbers_agree(a: &Mention, b: &Mention) -> bool {
    let (va, pa) = base_value(a);
    let (vb, pb) = base_value(b);
    (va - vb).abs() <= 0.01 * va.abs().max(vb.abs()) + pa.max(pb)
}

/// Do two readings of one kind agree?
pub(super) fn agree(kind: Kind, a: &Reading, b: &Reading) -> bool {
    match (a, b) {
        (Reading::Number(x), Reading::Number(y)) => numbers_agree(x, y),
        (Reading::Words(x), Reading::Words(y)) => match kind {
            Kind::Name => names_agree(&name_keys(x), &name_keys(y)),
            Kind::Quote => words_agree(x, y),
            _ => fold_spelling(&x.join(" ")) == fold_spelling(&y.join(" ")),
        },
        (
            Reading::Time {
                words: x,
                absolute: ax,
            },
            Reading::Time {
                words: y,
                absolute: ay,
            },
        ) => x == y || (*ax && *ay && (contains_run(x, y) || contains_run(y, x))),
        _ => false,
    }
}

/// Form the sites and put their readings to the vote; where the
/// `reference` version has the item, its reading decides.
pub(super) fn vote(items: &[Item], parent: &mut [usize], reference: Option<usize>) -> Vec<Site> {
    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        let r = find(parent, i);
        comps.entry(r).or_default().push(i);
    }
    let mut sites = Vec::new();
    for (_, mut members) in comps {
        // One item per version: the first.
        members.sort_by_key(|&i| (items[i].version, items[i].span.start));
        members.dedup_by_key(|i| items[*i].version);
        if members.len() < 2 {
            continue;
        }
        let kind = items[members[0].min(items.len() - 1)].kind;
        let support = |m: usize| {
            members
                .iter()
                .filter(|&&o| agree(kind, &items[o].reading, &items[m].reading))
                .count()
        };
        // The reading with the most versions; among equals, the one written
        // by the most versions exactly, then the earliest.
        let mut best = members[0];
        let mut best_support = 0;
        let mut best_exact = 0;
        for &m in &members {
            let s = support(m);
            let exact = members
                .iter()
                .filter(|&&o| items[o].reading == items[m].reading)
                .count();
            if s > best_support || (s == best_support && exact > best_exact) {
                best = m;
                best_support = s;
                best_exact = exact;
            }
        }
        let by_reference =
            reference.and_then(|r| members.iter().copied().find(|&m| items[m].version == r));
        if let Some(r) = by_reference {
            best = r;
            best_support = support(r);
        }
        let deviants: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&o| !agree(kind, &items[o].reading, &items[best].reading))
            .collect();
        let tie = by_reference.is_none() && deviants.iter().any(|&d| support(d) >= best_support);
        sites.push(Site {
            kind,
            items: members,
            majority: best,
            support: best_support,
            tie,
            deviants,
            by_reference: by_reference.is_some(),
        });
    }
    sites
}

impl Analysis<'_> {
    /// Among the items with the majority reading, the one whose text most
    /// versions write (the earliest among equals).
    pub(crate) fn representative(&self, site: &Site) -> usize {
        let agreeing: Vec<usize> = site
            .items
            .iter()
            .copied()
            .filter(|&i| {
                agree(
                    site.kind,
                    &self.items[i].reading,
                    &self.items[site.majority].reading,
                )
            })
            .collect();
        let texts: Vec<String> = agreeing.iter().map(|&i| shown(self, i)).collect();
        let mut best = site.majority;
        let mut best_n = 0;
        for (k, &i) in agreeing.iter().enumerate() {
            let n = texts.iter().filter(|t| **t == texts[k]).count();
            if n > best_n {
                best = i;
                best_n = n;
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        name_keys(&s.split(' ').map(str::to_string).collect::<Vec<_>>())
    }

    #[test]
    fn a_place_and_its_adjective_are_one_name() {
        for (a, b) in [
            ("Russia", "Russian"),
            ("North Korea", "North Korean"),
            ("Korean", "North Korea"),
            ("Italy", "Italian"),
            ("Iraq", "Iraqi"),
            ("Japan", "Japanese"),
            ("Foreign Minister Wang Yi", "Wang Yi"),
            // Diacritics dropped by a CMS.
            ("Kōwhai Gorge", "Kowhai Gorge"),
            ("José Pérez", "Jose Perez"),
        ] {
            assert!(names_agree(&keys(a), &keys(b)), "{a} / {b}");
        }
        for (a, b) in [
            ("Wang Yi", "Wang Li"),
            ("Helga Brand", "Helga Brandt"),
            ("Sofia Castellano", "Sofia Castellanos"),
            ("Stefan Ivanov", "Stefen Ivanov"),
            ("Varna", "Vanra"),
            ("North Korea", "South Korea"),
        ] {
            assert!(!names_agree(&keys(a), &keys(b)), "{a} / {b}");
        }
    }
}
