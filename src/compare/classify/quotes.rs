//! Findings on quotations beyond their words: the speaker a quotation is
//! attributed to, put to the vote, and a passage most versions quote that
//! stands without its marks in another.

use super::narrow::{path, shown};
use super::vote::without_marks;
use super::words::fold_spelling;
use super::{Analysis, Kind, Reading, Site};
use crate::codes::Check;
use crate::finding::{Finding, RelatedSpan, Severity};
use crate::text::compact_text;
use std::ops::Range;

/// Are `a` and `b` one speaker? A speaker's name misspelt is the name
/// check's business: names one or two letters apart (or differing only in
/// diacritics) are the same speaker here.
pub(super) fn same_speaker(a: &str, b: &str) -> bool {
    let key = |s: &str| without_marks(&s.to_lowercase());
    let (a, b) = (key(a), key(b));
    a == b || strsim::osa_distance(&a, &b) <= 2
}

impl Analysis<'_> {
    /// The speaker a quotation is attributed to, put to the vote.
    pub(super) fn speaker_findings(&self, site: &Site, out: &mut Vec<Finding>) {
        self.pronoun_findings(site, out);
        let with: Vec<(usize, &(String, Range<usize>))> = site
            .items
            .iter()
            .filter_map(|&i| self.items[i].speaker.as_ref().map(|s| (i, s)))
            .collect();
        if with.len() < 2 {
            return;
        }
        let same = same_speaker;
        let support = |name: &str| with.iter().filter(|(_, (n, _))| same(n, name)).count();
        let mut top_i = 0;
        let mut top_n = 0;
        for (k, (_, (name, _))) in with.iter().enumerate() {
            let s = support(name);
            if s > top_n {
                top_i = k;
                top_n = s;
            }
        }
        if let Some(r) = self.reference
            && site.by_reference
            && let Some(k) = with.iter().position(|(i, _)| self.items[*i].version == r)
        {
            top_i = k;
            top_n = support(&with[k].1.0);
        }
        let (top_item, (top_name, top_span)) = with[top_i];
        let top_text = compact_text(
            &self.versions[self.items[top_item].version].source.text[top_span.clone()],
        );
        let top = top_text.as_str();
        let by_reference =
            self.reference == Some(self.items[top_item].version) && site.by_reference;
        let tie = !by_reference
            && with
                .iter()
                .any(|(_, (n, _))| !same(n, top_name) && support(n) == top_n);
        let n = with.len();
        // Each side of a tie, once, with its count.
        let mut sides: Vec<(String, usize)> = Vec::new();
        for (_, (name, _)) in &with {
            if !sides.iter().any(|(s, _)| same(s, name)) {
                sides.push((name.clone(), support(name)));
            }
        }
        let sides_text: Vec<String> = sides
            .iter()
            .map(|(s, c)| format!("{s} in {c} of {n}"))
            .collect();
        for (i, (name, span)) in &with {
            // With no majority every side is reported.
            if same(name, top_name) && !tie {
                continue;
            }
            let text = &self.versions[self.items[*i].version].source.text;
            let found = compact_text(&text[span.clone()]);
            let quote = shown(self, *i);
            let message = if tie {
                format!(
                    "the versions disagree with no majority on who said “{quote}”: {}",
                    sides_text.join(", ")
                )
            } else if by_reference {
                format!(
                    "“{quote}” is attributed to {found} here, while the reference version ({}) attributes it to {top}",
                    path(self, top_item)
                )
            } else {
                format!(
                    "“{quote}” is attributed to {found} here, while {top_n} of {n} versions attribute it to {top}"
                )
            };
            out.push(Finding {
                suggestion: None,
                path: path(self, *i).to_string(),
                check: Check::CompareQuote,
                rule: Check::CompareQuote.code().to_string(),
                severity: Severity::Error,
                message,
                span: self.items[*i].span.clone(),
                label: format!("attributed to {found}"),
                found: found.clone(),
                expected: (!tie).then(|| top.to_string()),
                help: (!tie).then(|| format!("attribute the quotation to {top}")),
                notes: Vec::new(),
                related: std::iter::once(RelatedSpan {
                    path: path(self, *i).to_string(),
                    span: span.clone(),
                    message: format!("{found} here"),
                })
                .chain(
                    with.iter()
                        .filter(|(o, _)| o != i)
                        .map(|(o, (_, sp))| RelatedSpan {
                            path: path(self, *o).to_string(),
                            span: sp.clone(),
                            message: format!(
                                "attributed to {} here",
                                compact_text(
                                    &self.versions[self.items[*o].version].source.text[sp.clone()]
                                )
                            ),
                        }),
                )
                .collect(),
            });
        }
    }

    /// The pronoun a quotation of item `i` is attributed to ("“…,” she
    /// said", "said he"): its span.
    fn pronoun_attribution(&self, i: usize) -> Option<Range<usize>> {
        let it = &self.items[i];
        let v = &self.versions[it.version];
        // The two words after the quotation, in its sentence.
        let t = v.tokens.partition_point(|t| t.span.start < it.span.end);
        let (w1, w2) = (v.tokens.get(t)?, v.tokens.get(t + 1)?);
        if w1.sentence_start || w2.sentence_start {
            return None;
        }
        let pronoun = |k: &str| matches!(k, "he" | "she" | "they");
        let verb = |k: &str| crate::lexicon::speech::speech_verb(k).is_some();
        if pronoun(&w1.key) && verb(&w2.key) {
            Some(w1.span.clone())
        } else if verb(&w1.key) && pronoun(&w2.key) {
            Some(w2.span.clone())
        } else {
            None
        }
    }

    /// A quotation most versions attribute with a pronoun ("“…,” she
    /// said") that one version attributes to a name no version names in
    /// the sentences before it: the pronoun means someone just named, so
    /// the name is another speaker (a warning: a pronoun is read, not known).
    fn pronoun_findings(&self, site: &Site, out: &mut Vec<Finding>) {
        let pronouns: Vec<(usize, Range<usize>)> = site
            .items
            .iter()
            .filter(|&&i| self.items[i].speaker.is_none())
            .filter_map(|&i| self.pronoun_attribution(i).map(|p| (i, p)))
            .collect();
        let named: Vec<(usize, &(String, Range<usize>))> = site
            .items
            .iter()
            .filter_map(|&i| self.items[i].speaker.as_ref().map(|s| (i, s)))
            .collect();
        if pronouns.is_empty() || named.is_empty() || pronouns.len() <= named.len() {
            return;
        }
        if let Some(r) = self.reference
            && !pronouns.iter().any(|(i, _)| self.items[*i].version == r)
        {
            return;
        }
        // The last words of the names in the quotation's sentence and the
        // two before it, in each version that has the pronoun.
        let context = |i: usize| -> Vec<&str> {
            let it = &self.items[i];
            let v = &self.versions[it.version];
            let here = v
                .sentences
                .partition_point(|s| s.span.end <= it.span.start)
                .min(v.sentences.len().saturating_sub(1));
            let from = v
                .sentences
                .get(here.saturating_sub(2))
                .map_or(0, |s| s.span.start);
            // The mentions are in (version, text) order.
            let mentions = &self.names.mentions;
            debug_assert!(mentions.is_sorted_by_key(|m| (m.version, m.span.start)));
            let lo = mentions.partition_point(|m| (m.version, m.span.start) < (it.version, from));
            let hi = mentions
                .partition_point(|m| (m.version, m.span.start) < (it.version, it.span.start));
            mentions[lo..hi.max(lo)]
                .iter()
                .filter(|m| m.span.end <= it.span.start)
                .filter_map(|m| m.key.rsplit(' ').next())
                .collect()
        };
        let contexts: Vec<Vec<&str>> = pronouns.iter().map(|(i, _)| context(*i)).collect();
        if contexts.iter().any(Vec::is_empty) {
            return;
        }
        for (i, (name, span)) in &named {
            let key = fold_spelling(&without_marks(&name.to_lowercase()));
            if contexts
                .iter()
                .any(|c| c.iter().any(|w| same_speaker(w, &key)))
            {
                continue;
            }
            let text = &self.versions[self.items[*i].version].source.text;
            let found = compact_text(&text[span.clone()]);
            let quote = shown(self, *i);
            let (pi, pspan) = &pronouns[0];
            let ptext = &self.versions[self.items[*pi].version].source.text;
            let pronoun = compact_text(&ptext[pspan.clone()]);
            let n = pronouns.len() + named.len();
            out.push(Finding {
                suggestion: None,
                path: path(self, *i).to_string(),
                check: Check::CompareQuote,
                rule: Check::CompareQuote.code().to_string(),
                severity: Severity::Warning,
                message: format!(
                    "“{quote}” is attributed to {found} here, while {} of {n} versions attribute it to “{pronoun}”, someone named just before it, and none names {found} there",
                    pronouns.len()
                ),
                span: self.items[*i].span.clone(),
                label: format!("attributed to {found}"),
                found: found.clone(),
                expected: None,
                help: Some(format!(
                    "check who “{pronoun}” is in the other versions before attributing the quotation to {found}"
                )),
                notes: Vec::new(),
                related: std::iter::once(RelatedSpan {
                    path: path(self, *i).to_string(),
                    span: span.clone(),
                    message: format!("{found} here"),
                })
                .chain(pronouns.iter().map(|(o, sp)| RelatedSpan {
                    path: path(self, *o).to_string(),
                    span: sp.clone(),
                    message: format!(
                        "“{}” here",
                        compact_text(&self.versions[self.items[*o].version].source.text[sp.clone()])
                    ),
                }))
                .collect(),
            });
        }
    }

    /// A passage quoted by most versions that stands without its quotation
    /// marks in another version of the same sentence.
    pub(super) fn unquoted_findings(&self, out: &mut Vec<Finding>) {
        for site in self.sites.iter().filter(|s| s.kind == Kind::Quote) {
            let maj = &self.items[site.majority];
            let Reading::Words(words) = &maj.reading else {
                continue;
            };
            let g = &self.groups[maj.group];
            let quoted = site.items.len();
            if quoted * 2 <= g.present() {
                continue;
            }
            for (vi, u) in g.units.iter().enumerate() {
                let Some(u) = u else { continue };
                if site.items.iter().any(|&i| self.items[i].version == vi) {
                    continue;
                }
                let v = &self.versions[vi];
                let keys: Vec<String> = u
                    .tokens
                    .iter()
                    .map(|&t| fold_spelling(&v.tokens[t].key))
                    .collect();
                let Some(at) = keys
                    .windows(words.len())
                    .position(|w| w == words.as_slice())
                else {
                    continue;
                };
                let span = v.tokens[u.tokens[at]].span.start
                    ..v.tokens[u.tokens[at + words.len() - 1]].span.end;
                if v.in_quotation(&span) {
                    continue;
                }
                let found = compact_text(&v.source.text[span.clone()]);
                // A stray mark right before or after the words belongs to them.
                let text = &v.source.text;
                let is_mark = |c: char| matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'');
                let mut span = span;
                if let Some(c) = text[span.end..].chars().next().filter(|&c| is_mark(c)) {
                    span.end += c.len_utf8();
                }
                if let Some(c) = text[..span.start]
                    .chars()
                    .next_back()
                    .filter(|&c| is_mark(c))
                {
                    span.start -= c.len_utf8();
                }

                out.push(Finding {
                    suggestion: None,
                    path: v.source.path.clone(),
                    check: Check::CompareQuote,
                    rule: Check::CompareQuote.code().to_string(),
                    severity: Severity::Warning,
                    message: format!(
                        "“{found}” is not a quotation here, while {quoted} of {} versions quote it",
                        g.present()
                    ),
                    span,
                    label: "no quotation marks around these words".into(),
                    found,
                    expected: Some(format!("“{}”", shown(self, site.majority))),
                    help: Some("put the quoted words between quotation marks".into()),
                    notes: Vec::new(),
                    related: site
                        .items
                        .iter()
                        .map(|&o| RelatedSpan {
                            path: path(self, o).to_string(),
                            span: self.items[o].span.clone(),
                            message: "quoted here".into(),
                        })
                        .collect(),
                });
            }
        }
    }
}
