//! `compare-spelling`: one note per version listing the words it spells in
//! the other UK/US convention than most versions (the outlet's style).

use super::narrow::{path, shown};
use super::words::{fold_spelling, is_uk};
use super::{Analysis, Item, Kind, Reading};
use crate::codes::Check;
use crate::finding::{Finding, RelatedSpan, Severity};
use std::collections::{BTreeMap, HashSet};

impl Analysis<'_> {
    /// UK/US spellings where most versions use the other one: one note per
    /// version, the outlet's style.
    pub(super) fn spelling_notes(&self, out: &mut Vec<Finding>) {
        // version → [(item, majority item)]
        let mut per: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        for site in self.sites.iter().filter(|s| s.kind == Kind::Word) {
            let key = |i: usize| match &self.items[i].reading {
                Reading::Words(w) => w.join(" "),
                _ => String::new(),
            };
            let folded: HashSet<String> =
                site.items.iter().map(|&i| fold_spelling(&key(i))).collect();
            if folded.len() != 1 {
                continue;
            }
            let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
            for &i in &site.items {
                let e = counts.entry(key(i)).or_insert((0, i));
                e.0 += 1;
            }
            let (_, &(top, model)) = counts
                .iter()
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(a.0)))
                .expect("non-empty site");
            if counts.values().filter(|c| c.0 == top).count() > 1 {
                continue;
            }
            let usual = key(model);
            for &i in &site.items {
                if key(i) != usual {
                    per.entry(self.items[i].version)
                        .or_default()
                        .push((i, model));
                }
            }
        }
        for (vi, mut list) in per {
            list.sort_by_key(|(i, _)| self.items[*i].span.start);
            let v = &self.versions[vi];
            let words: Vec<String> = list.iter().map(|(i, _)| shown(self, *i)).collect();
            let uk = list
                .iter()
                .filter(|(i, _)| is_uk(&fold_key(&self.items[*i])))
                .count();
            let style = if uk == list.len() {
                "UK spelling"
            } else if uk == 0 {
                "US spelling"
            } else {
                "mixed UK and US spelling"
            };
            let (first, model) = list[0];
            let mut related: Vec<RelatedSpan> = list[1..]
                .iter()
                .map(|(i, m)| RelatedSpan {
                    path: v.source.path.clone(),
                    span: self.items[*i].span.clone(),
                    message: format!("most versions write “{}”", shown(self, *m)),
                })
                .collect();
            related.push(RelatedSpan {
                path: path(self, model).to_string(),
                span: self.items[model].span.clone(),
                message: format!("“{}” here", shown(self, model)),
            });
            out.push(Finding {
                suggestion: None,
                path: v.source.path.clone(),
                check: Check::CompareSpelling,
                rule: Check::CompareSpelling.code().to_string(),
                severity: Severity::Note,
                message: format!(
                    "this version's style: {style} where most versions spell otherwise ({})",
                    words.join(", ")
                ),
                span: self.items[first].span.clone(),
                label: format!("most versions write “{}”", shown(self, model)),
                found: words.join(", "),
                expected: None,
                help: None,
                notes: vec![
                    "UK/US spelling is the outlet's choice; keep it consistent within the version"
                        .into(),
                ],
                related,
            });
        }
    }
}

fn fold_key(it: &Item) -> String {
    match &it.reading {
        Reading::Words(w) => w.join(" "),
        _ => String::new(),
    }
}
