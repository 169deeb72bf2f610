//! Aligning a quoted passage with a canonical text, fragment by fragment
//! (a word diff, `similar`'s patience algorithm), into the differences the
//! findings report.

use super::Canonical;
use super::tokens::Item;
use super::words::{SubKind, classify, is_function_word};
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::ops::Range;

/// One difference between a passage and a canonical text. Indices are into
/// the passage's items (`found`) and the canonical items (`canonical`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Diff {
    Substituted {
        found: usize,
        canonical: usize,
        kind: SubKind,
    },
    Inserted {
        found: usize,
    },
    /// Canonical words replaced by a different number of other words.
    Replaced {
        found: Range<usize>,
        canonical: Range<usize>,
    },
    /// Canonical words missing between two passage words (either may be
    /// absent at an edge).
    Dropped {
        canonical: Range<usize>,
        before: Option<usize>,
        after: Option<usize>,
    },
    Gloss {
        found: usize,
        canonical: usize,
    },
    /// A fragment that aligns with nothing in the canonical text.
    Foreign {
        found: Range<usize>,
    },
    /// Fragment `later` (passage order) stands before fragment `earlier` in
    /// the canonical text.
    Order {
        earlier: Range<usize>,
        later: Range<usize>,
    },
}

/// How one passage aligns with one canonical text.
#[derive(Debug, Default)]
pub(super) struct Alignment {
    pub(super) matched: usize,
    pub(super) near: usize,
    pub(super) content: usize,
    pub(super) dropped: usize,
    pub(super) diffs: Vec<Diff>,
}

impl Alignment {
    pub(super) fn effective(&self) -> usize {
        self.matched + self.near
    }
}

/// Canonical words used, (canonical, found) pairs, inserted and dropped words.
type Split = (Vec<usize>, Vec<(usize, usize)>, Vec<usize>, Vec<usize>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    Leading,
    Inner,
    Trailing,
}

/// The canonical text of `canonicals` that the passage (`items`, split into
/// `fragments`, with `total` words) aligns with best, if any accepts it.
pub(super) fn best_match<'c>(
    canonicals: impl Iterator<Item = &'c Canonical>,
    items: &[Item],
    fragments: &[Range<usize>],
    total: usize,
) -> Option<(&'c Canonical, Alignment)> {
    canonicals
        .filter_map(|c| {
            let a = align(c, items, fragments);
            accepts(&a, total, c.words).then_some((c, a))
        })
        .max_by(|(c1, a1), (c2, a2)| {
            (
                a1.effective(),
                a1.matched,
                std::cmp::Reverse(a1.diffs.len()),
            )
                .cmp(&(
                    a2.effective(),
                    a2.matched,
                    std::cmp::Reverse(a2.diffs.len()),
                ))
                // Earlier rules win ties.
                .then(c2.rule.cmp(&c1.rule))
        })
}

pub(super) fn accepts(a: &Alignment, total: usize, canonical_words: usize) -> bool {
    let eff = a.effective();
    a.matched >= 1
        && eff >= 2
        && eff * 5 >= total * 3
        && (a.content >= 2 || eff >= canonical_words)
        && a.dropped <= eff
}

/// Align every fragment of a passage with a canonical text.
pub(super) fn align(c: &Canonical, items: &[Item], fragments: &[Range<usize>]) -> Alignment {
    let mut a = Alignment::default();
    let mut windows: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for frag in fragments {
        let Some((part, window)) = best_fragment_alignment(c, items, frag) else {
            a.diffs.push(Diff::Foreign {
                found: frag.clone(),
            });
            continue;
        };
        a.matched += part.matched;
        a.near += part.near;
        a.content += part.content;
        a.dropped += part.dropped;
        a.diffs.extend(part.diffs);
        windows.push((window, frag.clone()));
    }
    for pair in windows.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        if next.0.start < prev.0.end {
            a.diffs.push(Diff::Order {
                earlier: prev.1.clone(),
                later: next.1.clone(),
            });
        }
    }
    a
}

/// A diff of a fragment with the whole canonical text may tie a function
/// word at its start ("the") to an earlier "the" and report every word in
/// between as dropped. The fragment is therefore also aligned with the
/// canonical text cut to start or end at each word equal to one of its first
/// or last three words. The alignment with the most equal words and the
/// fewest differences wins; on a tie, the one covering more of the canonical
/// text (a changed last word is a substitution, not an insertion).
fn best_fragment_alignment(
    c: &Canonical,
    items: &[Item],
    frag: &Range<usize>,
) -> Option<(Alignment, Range<usize>)> {
    let n = c.keys.len();
    let keys = &items[frag.clone()];
    let head: Vec<&str> = keys.iter().take(3).map(|it| it.key.as_str()).collect();
    let tail: Vec<&str> = keys
        .iter()
        .rev()
        .take(3)
        .map(|it| it.key.as_str())
        .collect();
    let mut starts = vec![0];
    starts.extend((0..n).filter(|&s| head.contains(&c.keys[s].as_str())));
    let mut ends = vec![n];
    ends.extend((1..=n).filter(|&e| tail.contains(&c.keys[e - 1].as_str())));
    starts.sort_unstable();
    starts.dedup();
    ends.sort_unstable();
    ends.dedup();
    let mut best: Option<(i64, usize, Alignment, Range<usize>)> = None;
    for &s in &starts {
        for &e in ends.iter().filter(|&&e| e > s) {
            let Some((a, window)) = align_fragment(c, items, frag, s..e) else {
                continue;
            };
            let score = 2 * a.matched as i64 + a.near as i64 - (a.diffs.len() + a.dropped) as i64;
            let span = window.len();
            if best
                .as_ref()
                .is_none_or(|(bs, bl, ..)| score > *bs || (score == *bs && span > *bl))
            {
                best = Some((score, span, a, window));
            }
        }
    }
    best.map(|(_, _, a, w)| (a, w))
}

/// Align one fragment with `bounds` of the canonical text; `None` when no
/// word is equal. Returns the alignment and the canonical window it covers.
fn align_fragment(
    c: &Canonical,
    items: &[Item],
    frag: &Range<usize>,
    bounds: Range<usize>,
) -> Option<(Alignment, Range<usize>)> {
    let mut a = Alignment::default();
    let keys: Vec<String> = items[frag.clone()]
        .iter()
        .map(|it| it.key.clone())
        .collect();
    let ops = capture_diff_slices(Algorithm::Patience, &c.keys[bounds.clone()], &keys);
    let first = ops.iter().position(|o| o.tag() == DiffTag::Equal)?;
    let last = ops
        .iter()
        .rposition(|o| o.tag() == DiffTag::Equal)
        .unwrap_or(first);
    let mut window: Option<Range<usize>> = None;
    let mut widen = |r: &Range<usize>| {
        if r.is_empty() {
            return;
        }
        window = Some(match &window {
            Some(w) => w.start.min(r.start)..w.end.max(r.end),
            None => r.clone(),
        });
    };
    for (k, op) in ops.iter().enumerate() {
        let (tag, old, new) = op.as_tag_tuple();
        let old = bounds.start + old.start..bounds.start + old.end;
        let new = frag.start + new.start..frag.start + new.end;
        if tag == DiffTag::Equal {
            widen(&old);
            for i in new {
                if !items[i].bracket {
                    a.matched += 1;
                    a.content += usize::from(!is_function_word(&items[i].key));
                }
            }
            continue;
        }
        let edge = if k < first {
            Edge::Leading
        } else if k > last {
            Edge::Trailing
        } else {
            Edge::Inner
        };
        if let Some(used) = pair_up(c, items, old, new, edge, frag, &mut a) {
            widen(&used);
        }
    }
    window.map(|w| (a, w))
}

/// Record the differences of one non-equal diff op; returns the canonical
/// range it accounts for.
fn pair_up(
    c: &Canonical,
    items: &[Item],
    old: Range<usize>,
    new: Range<usize>,
    edge: Edge,
    frag: &Range<usize>,
    a: &mut Alignment,
) -> Option<Range<usize>> {
    let old_glosses: Vec<usize> = old.clone().filter(|&i| c.items[i].bracket).collect();
    let new_glosses: Vec<usize> = new.clone().filter(|&i| items[i].bracket).collect();
    for (&o, &n) in old_glosses.iter().zip(&new_glosses) {
        if c.items[o].key != items[n].key {
            a.diffs.push(Diff::Gloss {
                found: n,
                canonical: o,
            });
        }
    }
    if !new_glosses.is_empty() {
        // A gloss of the outlet's stands in for whatever words are here.
        return (edge == Edge::Inner).then_some(old);
    }
    let old_words: Vec<usize> = old.filter(|&i| !c.items[i].bracket).collect();
    let new_words: Vec<usize> = new.clone().collect();
    let k = old_words.len().min(new_words.len());
    let (old_used, pairs, inserted, dropped): Split = match edge {
        Edge::Leading => {
            let o = old_words[old_words.len() - k..].to_vec();
            let n = &new_words[new_words.len() - k..];
            let pairs = o.iter().copied().zip(n.iter().copied()).collect();
            (
                o,
                pairs,
                new_words[..new_words.len() - k].to_vec(),
                Vec::new(),
            )
        }
        Edge::Trailing => {
            let o = old_words[..k].to_vec();
            let pairs = o
                .iter()
                .copied()
                .zip(new_words[..k].iter().copied())
                .collect();
            (o, pairs, new_words[k..].to_vec(), Vec::new())
        }
        Edge::Inner => {
            let pairs = old_words[..k]
                .iter()
                .copied()
                .zip(new_words[..k].iter().copied())
                .collect();
            (
                old_words.clone(),
                pairs,
                new_words[k..].to_vec(),
                old_words[k..].to_vec(),
            )
        }
    };
    let kinds: Vec<SubKind> = pairs
        .iter()
        .map(|&(o, n)| classify(&items[n].key, &c.items[o].key))
        .collect();
    if edge == Edge::Inner
        && !new_words.is_empty()
        && !old_words.is_empty()
        && old_words.len() != new_words.len()
        && kinds.iter().all(|k| *k == SubKind::Word)
    {
        let (first, last) = (old_words[0], old_words[old_words.len() - 1]);
        a.diffs.push(Diff::Replaced {
            found: new.clone(),
            canonical: first..last + 1,
        });
        return Some(first..last + 1);
    }
    for (o, n) in pairs {
        let kind = classify(&items[n].key, &c.items[o].key);
        if kind != SubKind::Word {
            a.near += 1;
            a.content += usize::from(!is_function_word(&c.items[o].key));
        }
        a.diffs.push(Diff::Substituted {
            found: n,
            canonical: o,
            kind,
        });
    }
    for n in inserted {
        a.diffs.push(Diff::Inserted { found: n });
    }
    if let (Some(&first), Some(&last)) = (dropped.first(), dropped.last()) {
        a.dropped += dropped.len();
        let before_gap = new.start.checked_sub(1).filter(|&i| i >= frag.start);
        let before_gap = if k > 0 {
            Some(new.start + k - 1)
        } else {
            before_gap
        };
        let after_gap = Some(new.start + k).filter(|&i| i < frag.end);
        a.diffs.push(Diff::Dropped {
            canonical: first..last + 1,
            before: before_gap,
            after: after_gap,
        });
    }
    let first = old_used.first().copied()?;
    let last = old_used.last().copied()?;
    Some(first..last + 1)
}
