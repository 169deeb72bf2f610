//! What a finding shows of an item: its text as written, and the part of
//! it that differs from another version's reading.

use super::words::fold_spelling;
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
    let (dt, mt) = (unit_tokens(d), unit_tokens(m));
    let (dv, mv) = (&a.versions[d.version], &a.versions[m.version]);
    let dk: Vec<String> = dt
        .iter()
        .map(|&t| fold_spelling(&dv.tokens[t].key))
        .collect();
    let mk: Vec<String> = mt
        .iter()
        .map(|&t| fold_spelling(&mv.tokens[t].key))
        .collect();
    let ops = capture_diff_slices(Algorithm::Myers, &mk, &dk);
    let changed: Vec<(Range<usize>, Range<usize>)> = ops
        .iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| (op.old_range(), op.new_range()))
        .collect();
    let whole = (d.span.clone(), shown(a, dev), shown(a, maj));
    let (Some(first), Some(last)) = (changed.first(), changed.last()) else {
        return whole;
    };
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
    if dr.is_empty() || mr.is_empty() {
        return whole;
    }
    let dspan = dv.tokens[dt[dr.start]].span.start..dv.tokens[dt[dr.end - 1]].span.end;
    let mspan = mv.tokens[mt[mr.start]].span.start..mv.tokens[mt[mr.end - 1]].span.end;
    (
        dspan.clone(),
        compact_text(&dv.source.text[dspan]),
        compact_text(&mv.source.text[mspan]),
    )
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
