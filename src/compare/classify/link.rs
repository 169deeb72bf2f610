//! Linking items across versions: a word diff maps each unit's positions
//! onto another version's unit, and an item joins its counterpart there
//! (mutually the best overlap) in one site.

use super::items::Prepared;
use super::vote::{comparable, firmly_comparable, name_keys};
use super::words::{near_identical, spelling_pair};
use super::{Item, Kind, Reading};
use crate::compare::{Group, Version, union};
use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::collections::HashSet;
use std::ops::Range;

/// Position map from one unit to another under a word diff.
pub(super) struct PairMap {
    /// For each position of the first unit: the range it maps to in the second.
    to: Vec<Range<usize>>,
    /// The position maps through an equal run.
    equal: Vec<bool>,
    /// Positions replaced one for one.
    one_for_one: Vec<bool>,
}

/// The position maps from unit `a` to unit `b` and back, under one word diff.
pub(super) fn pair_maps(a: &[u32], b: &[u32]) -> (PairMap, PairMap) {
    let blank = |n: usize| PairMap {
        to: vec![0..0; n],
        equal: vec![false; n],
        one_for_one: vec![false; n],
    };
    let (mut fwd, mut back) = (blank(a.len()), blank(b.len()));
    if a == b {
        // Most units of a syndicated piece are word for word the same.
        for (p, r) in fwd.to.iter_mut().enumerate() {
            *r = p..p + 1;
        }
        fwd.equal.fill(true);
        back.to.clone_from(&fwd.to);
        back.equal.fill(true);
        return (fwd, back);
    }
    // One diff, read both ways: the map back is the inverse of the map
    // forward, never a second alignment that breaks ties otherwise.
    for op in capture_diff_slices(Algorithm::Myers, a, b) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    fwd.to[old_index + k] = new_index + k..new_index + k + 1;
                    fwd.equal[old_index + k] = true;
                    back.to[new_index + k] = old_index + k..old_index + k + 1;
                    back.equal[new_index + k] = true;
                }
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                for k in 0..old_len {
                    fwd.to[old_index + k] = new_index..new_index;
                }
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                for k in 0..new_len {
                    back.to[new_index + k] = old_index..old_index;
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let single = old_len == 1 && new_len == 1;
                for k in 0..old_len {
                    fwd.to[old_index + k] = new_index..new_index + new_len;
                    fwd.one_for_one[old_index + k] = single;
                }
                for k in 0..new_len {
                    back.to[new_index + k] = old_index..old_index + old_len;
                    back.one_for_one[new_index + k] = single;
                }
            }
        }
    }
    (fwd, back)
}

fn map_range(m: &PairMap, r: &Range<usize>) -> Range<usize> {
    let mut lo = usize::MAX;
    let mut hi = 0;
    for p in r.clone() {
        let t = &m.to[p];
        if !t.is_empty() {
            lo = lo.min(t.start);
            hi = hi.max(t.end);
        }
    }
    if lo == usize::MAX { 0..0 } else { lo..hi }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// May `a` and `b` be counterparts at all (before voting)?
fn related(items: &[Item], keys: &NameKeys, i: usize, j: usize) -> bool {
    let (a, b) = (&items[i], &items[j]);
    if a.kind != b.kind {
        return false;
    }
    match (&a.reading, &b.reading) {
        (Reading::Number(x), Reading::Number(y)) => comparable(x, y),
        (Reading::Words(_), Reading::Words(_)) if a.kind == Kind::Name => {
            let (kx, ky) = (keys.of(i), keys.of(j));
            kx.iter().any(|w| ky.contains(w))
                || kx
                    .iter()
                    .any(|w| w.len() >= 4 && ky.iter().any(|u| edits_up_to_two(w, u).is_some()))
        }
        (Reading::Words(x), Reading::Words(y)) if a.kind == Kind::Quote => {
            let sx: HashSet<&String> = x.iter().collect();
            let shared = y.iter().filter(|w| sx.contains(w)).count();
            shared * 2 >= x.len().min(y.len()) && shared >= 1
        }
        _ => true,
    }
}

/// The edit distance (optimal string alignment) of two words when it is at
/// most two, with the cheap tests first: two edits change the length by
/// at most two and bring in at most two letters the other word lacks.
pub(super) fn edits_up_to_two(a: &str, b: &str) -> Option<usize> {
    let ascii = a.is_ascii() && b.is_ascii();
    let length = |w: &str| if ascii { w.len() } else { w.chars().count() };
    if length(a).abs_diff(length(b)) > 2 {
        return None;
    }
    let letters = |w: &str| -> u32 {
        w.bytes()
            .map(|c| 1u32 << (c.to_ascii_lowercase() % 32))
            .fold(0, |m, bit| m | bit)
    };
    let (la, lb) = (letters(a), letters(b));
    // A non-ASCII byte lands on some bit too: the test only ever lets more through.
    if ascii && ((la & !lb).count_ones() > 2 || (lb & !la).count_ones() > 2) {
        return None;
    }
    Some(strsim::osa_distance(a, b)).filter(|&d| d <= 2)
}

/// The [`name_keys`] of every name item, computed once (linking asks for
/// them pair by pair).
pub(super) struct NameKeys(Vec<Vec<String>>);

impl NameKeys {
    pub(super) fn new(items: &[Item]) -> Self {
        NameKeys(
            items
                .iter()
                .map(|it| match (&it.kind, &it.reading) {
                    (Kind::Name, Reading::Words(w)) => name_keys(w),
                    _ => Vec::new(),
                })
                .collect(),
        )
    }

    fn of(&self, i: usize) -> &[String] {
        self.0.get(i).map_or(&[], Vec::as_slice)
    }
}

/// Union items of versions `vi` and `vj` that are each other's best counterpart.
#[allow(clippy::too_many_arguments)]
pub(super) fn link_items(
    items: &[Item],
    keys: &NameKeys,
    by_unit: &FxHashMap<(usize, usize), Vec<usize>>,
    gi: usize,
    vi: usize,
    vj: usize,
    fwd: &PairMap,
    back: &PairMap,
    parent: &mut [usize],
) {
    let empty = Vec::new();
    let a_items = by_unit.get(&(gi, vi)).unwrap_or(&empty);
    let b_items = by_unit.get(&(gi, vj)).unwrap_or(&empty);
    let best = |from: usize, map: &PairMap, cands: &[usize]| -> Option<usize> {
        let target = map_range(map, &items[from].pos);
        let mut best: Option<(usize, usize)> = None;
        for &c in cands {
            // Only a larger overlap than the best so far can win: the
            // overlap is cheap, `related` is not.
            let o = overlap(&target, &items[c].pos);
            if o == 0 || best.is_some_and(|b| o <= b.0) {
                continue;
            }
            // Another name in exactly the same place (the diff replaced the
            // one by the other, nothing else) is a counterpart however
            // unlike: "Thibodeaux, who toured the levee" for "Abernathy, …".
            let swapped = items[from].kind == Kind::Name
                && items[c].kind == Kind::Name
                && target == items[c].pos
                && map_range(
                    if std::ptr::eq(map, fwd) { back } else { fwd },
                    &items[c].pos,
                ) == items[from].pos;
            if !related(items, keys, from, c) && !swapped {
                continue;
            }
            best = Some((o, c));
        }
        best.map(|b| b.1)
    };
    let mut linked_a = HashSet::new();
    let mut linked_b = HashSet::new();
    for &a in a_items {
        if let Some(b) = best(a, fwd, b_items)
            && best(b, back, a_items) == Some(a)
        {
            union(parent, a, b);
            linked_a.insert(a);
            linked_b.insert(b);
        }
    }
    // A number moved within its sentence ("their 3,645km land border" and
    // "their land border, at 3,645 miles"): the only comparable number left
    // on each side is its counterpart.
    // A quotation moved within its sentence: the unlinked quotation sharing
    // the most words, each the other's best.
    let shared = |x: usize, y: usize| match (&items[x].reading, &items[y].reading) {
        (Reading::Words(p), Reading::Words(q)) => p.iter().filter(|w| q.contains(w)).count(),
        _ => 0,
    };
    for &a in a_items {
        if !matches!(items[a].kind, Kind::Number | Kind::Quote | Kind::Time)
            || linked_a.contains(&a)
        {
            continue;
        }
        let left = |from: usize, cands: &[usize], linked: &HashSet<usize>| -> Vec<usize> {
            let mut v: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|c| !linked.contains(c) && related(items, keys, from, *c))
                .filter(|&c| match (&items[from].reading, &items[c].reading) {
                    (Reading::Number(x), Reading::Number(y)) => firmly_comparable(x, y),
                    // A date moved within its sentence ("since November 1,
                    // 2020, Beijing had …" and "… since 1 November 2020"):
                    // a calendar date written to the same precision.
                    (
                        Reading::Time {
                            absolute: true,
                            when: x,
                            ..
                        },
                        Reading::Time {
                            absolute: true,
                            when: y,
                            ..
                        },
                    ) => {
                        let shape = |w: &super::time::When| {
                            (
                                w.year.is_some(),
                                w.month.is_some(),
                                w.day.is_some(),
                                w.clock.is_some(),
                            )
                        };
                        shape(x) == shape(y)
                    }
                    (Reading::Time { .. }, _) => false,
                    _ => true,
                })
                .collect();
            if items[from].kind == Kind::Quote {
                let top = v.iter().map(|&c| shared(from, c)).max().unwrap_or(0);
                v.retain(|&c| shared(from, c) == top);
            }
            v
        };
        let bs = left(a, b_items, &linked_b);
        if let [b] = bs[..]
            && left(b, a_items, &linked_a) == [a]
        {
            union(parent, a, b);
            linked_a.insert(a);
            linked_b.insert(b);
        }
    }
    // A quotation reworded wholesale (a translation back into English):
    // the only quotation left unlinked on each side of the aligned
    // sentences, by the same speaker, in the same place, is its counterpart;
    // the vote then finds most of its words differ.
    let unlinked = |cands: &[usize], linked: &HashSet<usize>| -> Vec<usize> {
        cands
            .iter()
            .copied()
            .filter(|c| items[*c].kind == Kind::Quote && !linked.contains(c))
            .collect()
    };
    if let ([a], [b]) = (
        &unlinked(a_items, &linked_a)[..],
        &unlinked(b_items, &linked_b)[..],
    ) && reworded_pair(&items[*a], &items[*b])
        && overlap(&map_range(fwd, &items[*a].pos), &items[*b].pos) > 0
        && overlap(&map_range(back, &items[*b].pos), &items[*a].pos) > 0
    {
        union(parent, *a, *b);
    }
}

/// May two quotations with few words in common be one passage reworded?
/// Both long enough to be a passage (four words at least) and attributed to
/// the same speaker, or both to none.
fn reworded_pair(a: &Item, b: &Item) -> bool {
    let words = |it: &Item| match &it.reading {
        Reading::Words(w) => w.len(),
        _ => 0,
    };
    let same_speaker = match (&a.speaker, &b.speaker) {
        (Some((x, _)), Some((y, _))) => super::quotes::same_speaker(x, y),
        (None, None) => true,
        _ => false,
    };
    words(a) >= 4 && words(b) >= 4 && same_speaker
}

/// Make word items of tokens replaced one for one by a look-alike or a UK/US
/// spelling, and of their equal counterparts, and link them.
#[allow(clippy::too_many_arguments)]
pub(super) fn link_words(
    versions: &[Version],
    groups: &[Group],
    gi: usize,
    (vi, vj): (usize, usize),
    (pi, pj): (&Prepared, &Prepared),
    (fwd, back): (&PairMap, &PairMap),
    items: &mut Vec<Item>,
    parent: &mut Vec<usize>,
    word_items: &mut FxHashMap<(usize, usize, usize), usize>,
) {
    let get = |items: &mut Vec<Item>,
               parent: &mut Vec<usize>,
               word_items: &mut FxHashMap<(usize, usize, usize), usize>,
               v: usize,
               p: usize|
     -> usize {
        *word_items.entry((gi, v, p)).or_insert_with(|| {
            let unit = groups[gi].units[v].as_ref().expect("present");
            let t = unit.tokens[p];
            let key = versions[v].tokens[t].key.clone();
            items.push(Item {
                version: v,
                group: gi,
                kind: Kind::Word,
                span: versions[v].tokens[t].span.clone(),
                pos: p..p + 1,
                reading: Reading::Words(vec![key]),
                speaker: None,
            });
            parent.push(parent.len());
            items.len() - 1
        })
    };
    for p in 0..pi.keys.len() {
        if !fwd.one_for_one[p] {
            continue;
        }
        let q = fwd.to[p].start;
        let (a, b) = (&pi.keys[p], &pj.keys[q]);
        let ua = groups[gi].units[vi].as_ref().expect("present").tokens[p];
        let ub = groups[gi].units[vj].as_ref().expect("present").tokens[q];
        let capital = versions[vi].tokens[ua].capitalized || versions[vj].tokens[ub].capitalized;
        let look_alike = !capital && !pi.in_quote[p] && !pj.in_quote[q] && near_identical(a, b);
        if spelling_pair(a, b) || look_alike {
            let x = get(items, parent, word_items, vi, p);
            let y = get(items, parent, word_items, vj, q);
            union(parent, x, y);
        }
    }
    // Versions that keep the word through an equal run vote for it too.
    for (v_from, v_to, map) in [(vi, vj, fwd), (vj, vi, back)] {
        for p in 0..map.to.len() {
            if map.equal[p] && word_items.contains_key(&(gi, v_from, p)) {
                let q = map.to[p].start;
                let x = get(items, parent, word_items, v_from, p);
                let y = get(items, parent, word_items, v_to, q);
                union(parent, x, y);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::edits_up_to_two;
    use proptest::prelude::*;

    #[test]
    fn two_edits_apart() {
        assert_eq!(edits_up_to_two("thibodeaux", "thibodaux"), Some(1));
        assert_eq!(edits_up_to_two("stefan", "stefen"), Some(1));
        assert_eq!(edits_up_to_two("marchand", "mrachand"), Some(1));
        assert_eq!(edits_up_to_two("marchand", "marchant"), Some(1));
        assert_eq!(edits_up_to_two("kowalczyk", "kowalzcik"), Some(2));
        assert_eq!(edits_up_to_two("marchand", "abernathy"), None);
        assert_eq!(edits_up_to_two("wang", "wangchuk"), None);
    }

    proptest! {
        /// The cheap tests never turn away a pair the edit distance lets through.
        #[test]
        fn agrees_with_the_edit_distance(a in "[a-eA-Cé0-2]{0,8}", b in "[a-eA-Cé0-2]{0,8}") {
            let d = strsim::osa_distance(&a, &b);
            prop_assert_eq!(edits_up_to_two(&a, &b), (d <= 2).then_some(d));
        }
    }
}
