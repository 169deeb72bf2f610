//! The engines, one per rule kind, and the checker that runs them over a file.
//!
//! Everything that depends only on the rules (the literal automaton, the
//! name index) is compiled once per run in [`Checker::new`]; [`Checker::check`]
//! then prepares each file once (metadata, normalised view, words) and hands
//! it to the engines. Front matter is not article text: findings in it are
//! dropped, and spans stay byte offsets into the whole file.

mod capital_index;
pub mod dates;
pub mod entity;
pub mod literals;
mod name_filter;
pub mod quantity;
pub mod quotation;
pub mod style;
pub mod term;

use crate::codes::{Check, Selection};
use crate::finding::{Finding, sort_findings};
use crate::metadata::{Metadata, Provenance, Stamp, find_stamps, front_matter, may_hold_stamp};
use crate::rules::RuleSet;
use crate::source::SourceFile;
use crate::text::{NormalizedText, Word, capital_starts, words};
use dates::DatesEngine;
use entity::EntityEngine;
use literals::{EntityForm, LiteralMatcher, Owner};
use quantity::{QuantityEngine, Reading};
use quotation::{Mention, QuotationEngine};
use style::StyleEngine;
use term::TermEngine;

/// A file prepared for the engines.
pub struct Document<'a> {
    /// The file as read.
    pub source: &'a SourceFile,
    /// Lowercase normalised view with a map back to the original bytes.
    pub view: NormalizedText,
    /// Words of the original text, split on first use (an entity/term
    /// check never needs them all).
    words: std::cell::OnceCell<Vec<Word>>,
    capitals: std::cell::OnceCell<Vec<usize>>,
    /// What is known about this version (outlet, publication date, locale).
    pub metadata: Metadata,
    /// Byte offset where the article text begins (after any front matter).
    pub body: usize,
    /// CMS publication stamps in the article text.
    pub stamps: Vec<Stamp>,
    /// Front-matter values that could not be read.
    pub front_matter_errors: Vec<String>,
}

impl<'a> Document<'a> {
    /// Words of the original text.
    pub fn words(&self) -> &[Word] {
        self.words.get_or_init(|| words(&self.source.text))
    }

    /// Where capitalised words and proper nouns can begin in the original
    /// text ([`capital_starts`]), found once for the literal matcher and
    /// the near-miss search.
    pub fn capitals(&self) -> &[usize] {
        self.capitals
            .get_or_init(|| capital_starts(&self.source.text))
    }

    /// Prepare `source` with no metadata but its own.
    pub fn new(source: &'a SourceFile) -> Self {
        Self::with_metadata(source, &Metadata::default(), &Metadata::default())
    }

    /// Prepare `source`: metadata from the command line wins over the front
    /// matter, which wins over the manifest; a CMS stamp gives the
    /// publication date when nothing else does.
    pub fn with_metadata(
        source: &'a SourceFile,
        command_line: &Metadata,
        manifest: &Metadata,
    ) -> Self {
        let fm = front_matter(&source.text).unwrap_or_default();
        let body = fm.end;
        let mut metadata = command_line.over(&fm.metadata.over(manifest));
        let view = NormalizedText::new(&source.text, true);
        let stamps = if may_hold_stamp(&view.text) {
            find_stamps(&source.text, body)
        } else {
            Vec::new()
        };
        if metadata.published.is_none()
            && let Some(first) = stamps.first()
        {
            metadata.published = Some(first.date);
            metadata.published_from = Provenance::Stamp;
        }
        Document {
            view,
            words: std::cell::OnceCell::new(),
            capitals: std::cell::OnceCell::new(),
            source,
            metadata,
            body,
            stamps,
            front_matter_errors: fm.errors,
        }
    }
}

/// All engines, compiled for one rule set.
pub struct Checker<'r> {
    rules: &'r RuleSet,
    selection: Selection,
    literals: LiteralMatcher,
    entity: EntityEngine,
    quantity: QuantityEngine,
    quotation: QuotationEngine,
}

impl<'r> Checker<'r> {
    /// Compile the engines for `rules`, every check selected.
    pub fn new(rules: &'r RuleSet) -> Self {
        Self::with_selection(rules, Selection::all())
    }

    /// Compile the engines for `rules`; only `selection`'s checks run.
    pub fn with_selection(rules: &'r RuleSet, selection: Selection) -> Self {
        // The automaton and the name indexes are the bulk of the work for a
        // large canon, and independent: build them side by side.
        let (entity, literals) = rayon::join(
            || EntityEngine::new(rules),
            || {
                let mut literals = EntityEngine::literals(rules);
                literals.extend(TermEngine::literals(rules));
                LiteralMatcher::new(literals)
            },
        );
        Checker {
            rules,
            selection,
            literals,
            entity,
            quantity: QuantityEngine::new(rules),
            quotation: QuotationEngine::new(rules),
        }
    }

    /// Every finding in `source`, sorted, with only its own metadata.
    pub fn check(&self, source: &SourceFile) -> Vec<Finding> {
        self.check_file(source, &Metadata::default(), &Metadata::default())
            .findings
    }

    /// Every finding in `source`, sorted, and the facts that cross-version
    /// checks compare (small: the text itself is not kept). Metadata from the
    /// command line and a manifest complete the file's own.
    pub fn check_file(
        &self,
        source: &SourceFile,
        command_line: &Metadata,
        manifest: &Metadata,
    ) -> FileReport {
        let doc = Document::with_metadata(source, command_line, manifest);
        let mut findings = Vec::new();
        let hits = self
            .literals
            .find_at(&source.text, &doc.view, doc.capitals());
        let mut covered = Vec::with_capacity(hits.len());
        let mut mentions = Vec::with_capacity(hits.len());
        for hit in &hits {
            match hit.owner {
                Owner::Entity { rule, form } => {
                    covered.push(hit.span.clone());
                    if matches!(
                        form,
                        EntityForm::Canonical | EntityForm::Alias(_) | EntityForm::Variant(_)
                    ) {
                        mentions.push(Mention {
                            span: hit.span.clone(),
                            entity: rule,
                        });
                    }
                    findings.extend(self.entity.on_hit(&doc, self.rules, hit, rule, form));
                }
                Owner::Term { rule, .. } => {
                    findings.extend(TermEngine::on_hit(&doc, self.rules, rule, hit.span.clone()));
                }
            }
        }
        let on = |kind: &str| self.selection.allows_kind(kind);
        if on("entity") {
            findings.extend(self.entity.unlisted_names(&doc, self.rules, &covered));
        }
        if on("term") {
            findings.extend(TermEngine::regex_findings(&doc, self.rules));
        }
        let mut readings = Vec::new();
        if on("quantity") {
            let (quantity_findings, r) = self.quantity.check(&doc, self.rules);
            findings.extend(quantity_findings);
            readings = r;
        }
        if on("date") {
            findings.extend(DatesEngine::findings(&doc, self.rules));
        }
        if on("style") {
            findings.extend(StyleEngine::findings(&doc, self.rules, &covered));
        }
        findings.retain(|f| f.span.start >= doc.body);
        drop_nested_terms(&mut findings);
        if on("quote") {
            findings.extend(self.quotation.check(&doc, self.rules, &mentions));
        }
        merge_quote_words_into_terms(&mut findings);
        findings.retain(|f| self.selection.allows(f.check));
        sort_findings(&mut findings);
        FileReport {
            findings,
            front_matter_errors: doc.front_matter_errors,
            facts: FileFacts {
                path: source.path.clone(),
                quantities: readings,
            },
        }
    }
}

impl Checker<'_> {
    /// Whether [`Checker::check_across`] can report anything, so that the
    /// caller must gather every file's facts before writing any output.
    pub fn needs_across(&self) -> bool {
        !self.rules.quantities.is_empty() && self.selection.allows(Check::QuantityRounding)
    }

    /// Findings that need every file of a run at once (the same fact rounded
    /// differently across versions), from the facts [`Checker::check_file`]
    /// gathered; sorted.
    pub fn check_across(&self, files: &[FileFacts]) -> Vec<Finding> {
        let mut findings = self.quantity.across(files, self.rules);
        findings.retain(|f| self.selection.allows(f.check));
        sort_findings(&mut findings);
        findings
    }
}

/// What checking one file yields.
#[derive(Debug)]
pub struct FileReport {
    /// The file's findings, sorted.
    pub findings: Vec<Finding>,
    /// Front-matter values that could not be read (input errors).
    pub front_matter_errors: Vec<String>,
    /// What cross-version checks need of the file.
    pub facts: FileFacts,
}

/// The facts of one file that cross-version checks compare.
#[derive(Debug, Clone)]
pub struct FileFacts {
    /// The file's path.
    pub path: String,
    /// How the file writes each quantity fact.
    pub quantities: Vec<Reading>,
}

/// A term finding inside a longer term finding ("Peninsular" inside "Korean
/// Peninsular") says the same thing twice: keep the longer one.
fn drop_nested_terms(findings: &mut Vec<Finding>) {
    let terms: Vec<std::ops::Range<usize>> = findings
        .iter()
        .filter(|f| f.check == Check::Term)
        .map(|f| f.span.clone())
        .collect();
    findings.retain(|f| {
        f.check != Check::Term
            || !terms
                .iter()
                .any(|t| t.start <= f.span.start && f.span.end <= t.end && *t != f.span)
    });
}

/// A quoted word that a term rule already reports ("apply the break" inside
/// Wang Yi's quotation) is one mistake, not two: the term finding is kept (its
/// rule says what is wrong everywhere, quoted or not) and learns from the
/// quotation finding what the speaker said and where the quotation is
/// declared.
fn merge_quote_words_into_terms(findings: &mut Vec<Finding>) {
    let mut merged: Vec<(usize, Finding)> = Vec::new();
    let mut keep = Vec::with_capacity(findings.len());
    for f in findings.drain(..) {
        if matches!(f.check, Check::QuoteWord | Check::QuoteHomophone) {
            let term = keep.iter().position(|t: &Finding| {
                t.check == Check::Term && t.span.start <= f.span.start && f.span.end <= t.span.end
            });
            if let Some(t) = term {
                merged.push((t, f));
                continue;
            }
        }
        keep.push(f);
    }
    for (t, q) in merged {
        let term = &mut keep[t];
        term.notes.push(format!(
            "inside a quotation (rule `{}`, check `{}`): {}",
            q.rule,
            q.check.code(),
            q.label
        ));
        term.notes.extend(q.notes);
        term.related.extend(q.related.into_iter().take(1));
    }
    *findings = keep;
}

/// What engine unit tests share: check a text against rules given as TOML.
#[cfg(test)]
pub(crate) mod test_support {
    use super::Checker;
    use crate::codes::Check;
    use crate::rules::RuleSet;
    use crate::source::SourceFile;

    /// The findings of `text` under `rules` as (check, the words it points at).
    pub fn found(rules: &str, text: &str) -> Vec<(Check, String)> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        set.add_file(SourceFile::new("r.toml", rules), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let checker = Checker::new(&set);
        let src = SourceFile::new("a.txt", text);
        checker
            .check(&src)
            .into_iter()
            .map(|f| (f.check, text[f.span].to_string()))
            .collect()
    }
}
