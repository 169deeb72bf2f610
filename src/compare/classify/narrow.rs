//! What a finding shows of an item: its text as written, and the part of
//! it that differs from another version's reading.

use super::words::{fold_spelling, is_title};
use super::{Analysis, Item, Kind, Site};
use crate::text::compact_text;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::ops::Range;

/// The text of an item as written, for messages.
pub(crate) fn shown(a: &Analysis, i: usize) -> String {
    let it = &a.items[i];
    compact_text(&a.versions[it.version].source.text[it.span.clone()])
}

pub(super) fn path<'b>(a: &'b Analysis<'_>, i: usize) -> &'b str {
    &a.versions[a.items[i].version].source.path
}

/// For two differing word sequences, the byte span and text of the part of
/// `dev` that differs from `maj` (with one agreeing word either side for a
/// name), and the matching part of `maj`.
pub(crate) fn narrow(
    a: &Analysis,
    dev: usize,
    maj: usize,
    context: usize,
) -> (Range<usize>, String, String) {
    let (d, m) = (&a.items[dev], &a.items[maj]);
    let unit_tokens = |it: &Item| {
        a.groups[it.group].units[it.version]
            .as_ref()
            .map(|u| u.tokens[it.pos.clone()].to_vec())
            .unwrap_or_default()
    };
    let (dv, mv) = (&a.versions[d.version], &a.versions[m.version]);
    let (dt, mt) = (unit_tokens(d), unit_tokens(m));
    // A name is shown without the titles before it, on both sides: what a
    // finding suggests replaces exactly the words it points at (never
    // "Mr Kowalczyk" for a span that holds only "Kowalczik").
    let (dt, mt) = if d.kind == Kind::Name && m.kind == Kind::Name {
        (without_titles(dv, dt), without_titles(mv, mt))
    } else {
        (dt, mt)
    };
    let text_of = |v: &crate::compare::Version, t: &[usize], fallback: &Range<usize>| match (
        t.first(),
        t.last(),
    ) {
        (Some(&f), Some(&l)) => v.tokens[f].span.start..v.tokens[l].span.end,
        _ => fallback.clone(),
    };
    let whole = || {
        let (dwhole, mwhole) = (text_of(dv, &dt, &d.span), text_of(mv, &mt, &m.span));
        (
            dwhole.clone(),
            compact_text(&dv.source.text[dwhole]),
            compact_text(&mv.source.text[mwhole]),
        )
    };
    let ranges = if d.kind == Kind::Name {
        name_ranges(dv, &dt, mv, &mt, context)
    } else {
        changed_ranges(dv, &dt, mv, &mt, context)
    };
    let Some((dr, mr)) = ranges else {
        return whole();
    };
    let dspan = dv.tokens[dt[dr.start]].span.start..dv.tokens[dt[dr.end - 1]].span.end;
    let mspan = mv.tokens[mt[mr.start]].span.start..mv.tokens[mt[mr.end - 1]].span.end;
    (
        dspan.clone(),
        compact_text(&dv.source.text[dspan]),
        compact_text(&mv.source.text[mspan]),
    )
}

fn keys_of(v: &crate::compare::Version, t: &[usize]) -> Vec<String> {
    t.iter().map(|&t| fold_spelling(&v.tokens[t].key)).collect()
}

/// The positions of `dt` that differ from `mt` and the matching positions
/// of `mt`, widened by `context` words either side (at least one around a
/// dropped or added word); `None` when nothing differs.
fn changed_ranges(
    dv: &crate::compare::Version,
    dt: &[usize],
    mv: &crate::compare::Version,
    mt: &[usize],
    context: usize,
) -> Option<(Range<usize>, Range<usize>)> {
    let (dk, mk) = (keys_of(dv, dt), keys_of(mv, mt));
    let ops = capture_diff_slices(Algorithm::Myers, &mk, &dk);
    let changed: Vec<(Range<usize>, Range<usize>)> = ops
        .iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| (op.old_range(), op.new_range()))
        .collect();
    let (first, last) = (changed.first()?, changed.last()?);
    let (dr, mr) = (first.1.start..last.1.end, first.0.start..last.0.end);
    // A dropped or added word is shown with the words around it.
    let context = if dr.is_empty() || mr.is_empty() {
        context.max(1)
    } else {
        context
    };
    let widen =
        |r: Range<usize>, len: usize| r.start.saturating_sub(context)..(r.end + context).min(len);
    let dr = widen(dr, dt.len());
    let mr = widen(mr, mt.len());
    (!dr.is_empty() && !mr.is_empty()).then_some((dr, mr))
}

/// [`changed_ranges`] for two names: the words of the other name that
/// stand where the deviant's words stand (a one-word "Kowalczik" against
/// "Tomasz Kowalczyk" is "Kowalczyk", the nearest in spelling), widened
/// only by words both names share, so that the other side's text replaces
/// exactly the deviant's span.
pub(super) fn name_ranges(
    dv: &crate::compare::Version,
    dt: &[usize],
    mv: &crate::compare::Version,
    mt: &[usize],
    context: usize,
) -> Option<(Range<usize>, Range<usize>)> {
    let (dk, mk) = (keys_of(dv, dt), keys_of(mv, mt));
    let ops = capture_diff_slices(Algorithm::Myers, &mk, &dk);
    let changed: Vec<usize> = (0..ops.len())
        .filter(|&i| !matches!(ops[i], DiffOp::Equal { .. }))
        .collect();
    let (&first, &last) = (changed.first()?, changed.last()?);
    let mut dr = ops[first].new_range().start..ops[last].new_range().end;
    let mut mr = ops[first].old_range().start..ops[last].old_range().end;
    // One side has more words in the changed stretch: keep the run of
    // them nearest in spelling to the other side's words.
    let nearest = |long: &[String], short: &[String]| -> usize {
        (0..=long.len() - short.len())
            .min_by_key(|&o| {
                short
                    .iter()
                    .enumerate()
                    .map(|(k, w)| strsim::osa_distance(&long[o + k], w))
                    .sum::<usize>()
            })
            .unwrap_or(0)
    };
    if !dr.is_empty() && mr.len() > dr.len() {
        let o = nearest(&mk[mr.clone()], &dk[dr.clone()]);
        mr = mr.start + o..mr.start + o + dr.len();
    } else if !mr.is_empty() && dr.len() > mr.len() {
        let o = nearest(&dk[dr.clone()], &mk[mr.clone()]);
        dr = dr.start + o..dr.start + o + mr.len();
    }
    let context = if dr.is_empty() || mr.is_empty() {
        context.max(1)
    } else {
        context
    };
    // Widen by words equal on both sides only.
    for _ in 0..context {
        if dr.start > 0 && mr.start > 0 && dk[dr.start - 1] == mk[mr.start - 1] {
            dr.start -= 1;
            mr.start -= 1;
        }
        if dr.end < dk.len() && mr.end < mk.len() && dk[dr.end] == mk[mr.end] {
            dr.end += 1;
            mr.end += 1;
        }
    }
    (!dr.is_empty() && !mr.is_empty()).then_some((dr, mr))
}

/// The tokens of a name less the titles before it ("Mr", "Foreign
/// Minister"), keeping one at least.
fn without_titles(v: &crate::compare::Version, tokens: Vec<usize>) -> Vec<usize> {
    let first = tokens
        .iter()
        .position(|&t| !is_title(&v.tokens[t].key))
        .unwrap_or(tokens.len().saturating_sub(1));
    tokens[first..].to_vec()
}

/// The span and text of item `i` narrowed against `other`.
pub(super) fn narrow_other(
    a: &Analysis,
    i: usize,
    other: usize,
    kind: Kind,
    context: usize,
) -> (Range<usize>, String) {
    match kind {
        Kind::Name | Kind::Quote => {
            let (span, text, _) = narrow(a, i, other, context);
            (span, text)
        }
        _ => (a.items[i].span.clone(), shown(a, i)),
    }
}

impl Analysis<'_> {
    pub(super) fn narrowed(
        &self,
        site: &Site,
        dev: usize,
        maj: usize,
        context: usize,
    ) -> (Range<usize>, String, String) {
        match site.kind {
            Kind::Quote => {
                // A quotation reworded wholesale shows whole, both wordings.
                let (span, found, expected) = narrow(self, dev, maj, context);
                let words = |t: &str| t.split_whitespace().count();
                if words(&found) * 2 > words(&shown(self, dev)) {
                    (
                        self.items[dev].span.clone(),
                        shown(self, dev),
                        shown(self, maj),
                    )
                } else {
                    (span, found, expected)
                }
            }
            Kind::Name => narrow(self, dev, maj, context),
            _ => (
                self.items[dev].span.clone(),
                shown(self, dev),
                shown(self, maj),
            ),
        }
    }
}
