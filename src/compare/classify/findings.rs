//! The findings of `compare`: for each site, the versions that disagree with
//! the majority (names, numbers, quotations, time expressions, look-alike
//! words), or one finding for a tie that points at every side.

use super::narrow::{narrow_other, path};
use super::numbers::number_note;
use super::vote::agree;
use super::words::fold_spelling;
use super::{Analysis, Kind, Reading, Site};
use crate::codes::Check;
use crate::finding::{Applicability, Finding, RelatedSpan, Severity, Suggestion, sort_findings};
use std::collections::HashSet;

/// "say" → "says", "quote" → "quotes".
fn third_person(verb: &str) -> String {
    format!("{verb}s")
}

fn versions_word(n: usize) -> &'static str {
    if n == 1 { "version" } else { "versions" }
}

impl Analysis<'_> {
    /// The findings of `compare`, sorted.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        for site in &self.sites {
            match site.kind {
                Kind::Word => self.word_findings(site, &mut out),
                // Names are judged across the whole piece (names.rs).
                Kind::Name => {}
                _ => self.site_findings(site, &mut out),
            }
            if site.kind == Kind::Quote {
                self.speaker_findings(site, &mut out);
            }
        }
        self.name_findings(&mut out);
        self.conversion_findings(&mut out);
        self.weekday_findings(&mut out);
        self.unquoted_findings(&mut out);
        self.spelling_notes(&mut out);
        // A speaker swapped for another name is one drift: the quotation's
        // finding (which labels the name) says it; the name's would repeat it.
        let speakers: HashSet<(String, usize, usize)> = out
            .iter()
            .filter(|f| f.check == Check::CompareQuote && f.label.starts_with("attributed to"))
            .flat_map(|f| {
                f.related
                    .iter()
                    .filter(|r| r.path == f.path)
                    .map(|r| (r.path.clone(), r.span.start, r.span.end))
            })
            .collect();
        out.retain(|f| {
            f.check != Check::CompareName
                || !speakers.contains(&(f.path.clone(), f.span.start, f.span.end))
        });
        sort_findings(&mut out);
        out
    }

    fn check_of(&self, site: &Site, dev: usize) -> (Check, Severity, &'static str) {
        match site.kind {
            Kind::Name => (Check::CompareName, Severity::Error, "say"),
            Kind::Quote => (Check::CompareQuote, Severity::Error, "quote"),
            Kind::Word => (Check::CompareWord, Severity::Warning, "say"),
            Kind::Number => (Check::CompareNumber, Severity::Error, "say"),
            Kind::Time => (
                Check::CompareTime,
                super::time::severity_of(
                    &self.items[dev].reading,
                    &self.items[site.majority].reading,
                ),
                "say",
            ),
        }
    }

    /// Findings for names, numbers, quotes and time expressions.
    pub(super) fn site_findings(&self, site: &Site, out: &mut Vec<Finding>) {
        let n = site.items.len();
        let context = usize::from(site.kind == Kind::Name);
        if site.kind == Kind::Number {
            self.presentation_findings(site, out);
        }
        if site.deviants.is_empty() {
            return;
        }
        let maj = self.representative(site);
        if site.tie {
            self.tie_findings(site, maj, context, out);
            return;
        }
        for &dev in &site.deviants {
            let (check, mut severity, verb) = self.check_of(site, dev);
            let (span, found, expected) = self.narrowed(site, dev, maj, context);
            let mut notes = Vec::new();
            if let Some(earlier) = self.update_of(site, dev) {
                // A wire's later update brings figures up to date: the
                // editor decides which one is current, nothing is wrong yet.
                // An update that brings news rewrites the sentence around
                // the figure ("rose to", "still", "on Wednesday") or states
                // a running tally; a figure swapped in a sentence otherwise
                // word for word the earlier one, and no tally, is a
                // judgement call CI should see: a warning. (A tally's
                // words say nothing of a time beside it: "rescued 57
                // people since Monday night" keeps its Monday.)
                let swapped = self.only_this_changed(dev, earlier)
                    && !(site.kind == Kind::Number && self.is_tally(dev));
                severity = severity.min(if swapped {
                    Severity::Warning
                } else {
                    Severity::Note
                });
                notes.push(format!(
                    "{} is a later version from the same outlet as {}: an update may change this on purpose",
                    path(self, dev),
                    path(self, earlier)
                ));
                if swapped {
                    notes.push(format!(
                        "the rest of the sentence is word for word as in {}: an update bringing news usually rewrites it",
                        path(self, earlier)
                    ));
                }
            }
            let extra = match (&self.items[dev].reading, &self.items[maj].reading) {
                (Reading::Number(d), Reading::Number(m)) => number_note(d, m),
                (Reading::Time { .. }, _) => self.time_note(dev, maj),
                _ => None,
            };
            // A person confirms it: the reference or the majority may be
            // the wrong one, and the words around may need to agree.
            let suggestion = (check != Check::CompareTime).then(|| Suggestion {
                span: span.clone(),
                replacement: expected.clone(),
                applicability: Applicability::Unsafe,
            });
            out.push(Finding {
                suggestion,
                path: path(self, dev).to_string(),
                check,
                rule: check.code().to_string(),
                severity,
                message: format!(
                    "“{found}” here, while {} “{expected}”",
                    self.basis(site, verb, n)
                ),
                span,
                label: format!("“{found}” here"),
                found,
                expected: Some(expected.clone()),
                help: Some(format!("write “{expected}” as {}", self.basis_help(site))),
                notes: extra.into_iter().chain(notes).collect(),
                related: self.labels(site, dev, maj, context),
            });
        }
    }

    /// The item of an earlier version from the same outlet that agrees with
    /// the site's decision, when `dev` is in a later update of it (the same
    /// outlet, a later publication date), for numbers and times.
    fn update_of(&self, site: &Site, dev: usize) -> Option<usize> {
        // An update revises figures and times; it does not respell a name
        // or reword a quotation.
        if !matches!(site.kind, Kind::Number | Kind::Time) {
            return None;
        }
        let d = &self.versions[self.items[dev].version].metadata;
        let (outlet, published) = (d.outlet.as_ref()?, d.published?);
        site.items.iter().copied().find(|&i| {
            let m = &self.versions[self.items[i].version].metadata;
            !site.deviants.contains(&i)
                && m.outlet.as_ref() == Some(outlet)
                && m.published.is_some_and(|p| p < published)
        })
    }

    /// The keys of the words of the item's sentence before and after it.
    fn sentence_around(&self, i: usize) -> Option<(Vec<&str>, Vec<&str>)> {
        let it = &self.items[i];
        let v = &self.versions[it.version];
        let tokens = &self.groups[it.group].units[it.version].as_ref()?.tokens;
        let opens = |p: usize| v.tokens[tokens[p]].sentence_start;
        let (mut start, mut end) = (it.pos.start.min(tokens.len()), it.pos.end.min(tokens.len()));
        while start > 0 && !opens(start) {
            start -= 1;
        }
        while end < tokens.len() && !opens(end) {
            end += 1;
        }
        let keys = |r: std::ops::Range<usize>| -> Vec<&str> {
            tokens[r]
                .iter()
                .map(|&t| v.tokens[t].key.as_str())
                .collect()
        };
        Some((keys(start..it.pos.start), keys(it.pos.end..end)))
    }

    /// Do items `a` and `b` stand in sentences that are otherwise word for
    /// word the same?
    fn only_this_changed(&self, a: usize, b: usize) -> bool {
        match (self.sentence_around(a), self.sentence_around(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
    }

    /// Does the item's sentence state a running tally, which a later update
    /// brings up to date without rewording it ("killed at least 12",
    /// "burned 4,000 acres", "30% contained", "without power")?
    fn is_tally(&self, i: usize) -> bool {
        const TALLY: &[&str] = &[
            "killed",
            "dead",
            "deaths",
            "died",
            "toll",
            "injured",
            "injuries",
            "wounded",
            "hurt",
            "missing",
            "evacuated",
            "evacuations",
            "rescued",
            "displaced",
            "homeless",
            "arrested",
            "detained",
            "outages",
            "contained",
            "containment",
            "acres",
            "hectares",
            "burned",
            "burnt",
            "destroyed",
            "damaged",
            "cases",
            "infected",
            "confirmed",
            "casualties",
            "victims",
            "survivors",
            "bodies",
            "least",
            "far",
        ];
        let Some((before, after)) = self.sentence_around(i) else {
            return false;
        };
        let words: Vec<&str> = before.iter().chain(after.iter()).copied().collect();
        words.iter().any(|w| TALLY.contains(w))
            || words.windows(2).any(|w| w == ["without", "power"])
    }

    /// Who decides a site, for a message: "the reference version (wire.txt)
    /// says" or "3 of 5 versions say".
    pub(super) fn basis(&self, site: &Site, verb: &str, n: usize) -> String {
        if site.by_reference {
            let r = &self.versions[self.items[site.majority].version].source.path;
            format!("the reference version ({r}) {}", third_person(verb))
        } else {
            format!("{} of {n} versions {verb}", site.support)
        }
    }

    /// Who decides a site, for a help: "the reference version does".
    pub(super) fn basis_help(&self, site: &Site) -> &'static str {
        if site.by_reference {
            "the reference version does"
        } else {
            "most versions do"
        }
    }

    /// No reading has a majority: every version involved gets its own
    /// finding (CI sees each file that may be wrong), naming the others.
    fn tie_findings(&self, site: &Site, maj: usize, context: usize, out: &mut Vec<Finding>) {
        let mut sides: Vec<(String, usize, usize)> = Vec::new(); // reading, count, item
        for &i in &site.items {
            let text = self.reading_text(site, i, maj, context);
            match sides
                .iter_mut()
                .find(|s| agree(site.kind, &self.items[s.2].reading, &self.items[i].reading))
            {
                Some(s) => s.1 += 1,
                None => sides.push((text, 1, i)),
            }
        }
        let list: Vec<String> = sides
            .iter()
            .map(|(t, c, _)| format!("“{t}” in {c} {}", versions_word(*c)))
            .collect();
        for &i in &site.items {
            // Each version's finding shows what differs from another side.
            let against = site
                .items
                .iter()
                .copied()
                .find(|&o| !agree(site.kind, &self.items[o].reading, &self.items[i].reading))
                .unwrap_or(maj);
            let (check, severity, _) = self.check_of(site, if i == maj { against } else { i });
            let (span, found, _) = self.narrowed(site, i, against, context);
            out.push(Finding {
                suggestion: None,
                path: path(self, i).to_string(),
                check,
                rule: check.code().to_string(),
                severity,
                message: format!(
                    "the versions disagree with no majority: {}",
                    list.join(", ")
                ),
                span,
                label: format!("“{found}” here"),
                found,
                expected: None,
                help: Some(
                    "check the fact at its source; no reading has a majority (name the original with `--reference`)"
                        .into(),
                ),
                notes: Vec::new(),
                related: self.labels(site, i, against, context),
            });
        }
    }

    fn reading_text(&self, site: &Site, i: usize, maj: usize, context: usize) -> String {
        if i == maj {
            let other = site.deviants.first().copied().unwrap_or(maj);
            return self.narrowed(site, other, maj, context).2;
        }
        self.narrowed(site, i, maj, context).1
    }

    /// A label in every other version of the site.
    fn labels(&self, site: &Site, dev: usize, maj: usize, context: usize) -> Vec<RelatedSpan> {
        site.items
            .iter()
            .filter(|&&i| i != dev)
            .map(|&i| {
                let agrees = agree(site.kind, &self.items[i].reading, &self.items[maj].reading);
                let against = if i == maj || agrees { dev } else { maj };
                let (span, text) = narrow_other(self, i, against, site.kind, context);
                RelatedSpan {
                    path: path(self, i).to_string(),
                    span,
                    message: format!(
                        "“{text}” here{}",
                        if site.by_reference && i == site.majority {
                            " (reference)"
                        } else if agrees && !site.tie && !site.by_reference {
                            " (majority)"
                        } else {
                            ""
                        }
                    ),
                }
            })
            .collect()
    }

    /// Look-alike words (error-prone): one warning per deviating version.
    fn word_findings(&self, site: &Site, out: &mut Vec<Finding>) {
        let keys: Vec<String> = site
            .items
            .iter()
            .map(|&i| match &self.items[i].reading {
                Reading::Words(w) => w.join(" "),
                _ => String::new(),
            })
            .collect();
        let folded: HashSet<String> = keys.iter().map(|k| fold_spelling(k)).collect();
        if folded.len() < 2 {
            return; // spelling only: see spelling_notes
        }
        self.site_findings(site, out);
    }
}
