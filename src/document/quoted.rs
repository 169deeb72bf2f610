//! "Is this quoted?": the union of a document's quotations' spans.

use crate::text::quotes::Quotations;
use std::ops::Range;

/// The merged spans of every quotation (single and double marks), sorted,
/// for lookups in logarithmic time (a file can hold thousands of them).
#[derive(Debug, Clone, Default)]
pub struct QuotedSpans {
    merged: Vec<Range<usize>>,
}

impl QuotedSpans {
    /// Merge the spans of `found`'s quotations.
    pub fn new(found: &Quotations) -> Self {
        let mut spans: Vec<Range<usize>> = found.quotes.iter().map(|q| q.span.clone()).collect();
        spans.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in spans {
            match merged.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        QuotedSpans { merged }
    }

    /// The merged spans, sorted and disjoint.
    pub fn spans(&self) -> &[Range<usize>] {
        &self.merged
    }

    /// The merged span that starts at or before `at`, if any.
    fn around(&self, at: usize) -> Option<&Range<usize>> {
        let i = self.merged.partition_point(|r| r.start <= at);
        i.checked_sub(1).map(|i| &self.merged[i])
    }

    /// `r` lies within a quotation.
    pub fn contains(&self, r: &Range<usize>) -> bool {
        self.around(r.start).is_some_and(|m| r.end <= m.end)
    }

    /// `at` lies strictly inside a quotation (not on its marks' outer edges).
    pub fn strictly_inside(&self, at: usize) -> bool {
        self.around(at.saturating_sub(1))
            .is_some_and(|m| m.start < at && at < m.end)
    }
}
