//! The engines, one per rule kind, and the checker that runs them over a file.
//!
//! Everything that depends only on the rules (the rule index, the engines'
//! tables, the resolver) is compiled once per run in [`Checker::new`];
//! [`Checker::check_file`] then prepares each file once ([`Document`]),
//! searches it once with the [`RuleIndex`], hands it to every engine whose
//! checks are selected ([`Engine`]) and lets the [`Resolver`] decide what
//! is reported.
//!
//! Adding a rule kind: its rules in `src/rules/`, one engine file here that
//! implements [`Engine`], one line in [`ENGINES`], one fixture folder per
//! check under `fixtures/checks/` (see the README's contributors' section).

mod capital_index;
pub mod dates;
pub mod engine;
pub mod entity;
pub mod gloss;
pub mod index;
pub mod literals;
mod name_filter;
pub mod quantity;
pub mod quotation;
pub mod resolve;
pub mod style;
pub mod term;

use crate::codes::{Check, CheckDoc, Selection};
pub use crate::document::Document;
use crate::finding::{Finding, sort_findings};
use crate::metadata::Metadata;
use crate::rules::RuleSet;
use crate::source::SourceFile;
use engine::Reading;
use engine::{Build, Engine, Output, Scan};
use index::RuleIndex;
use quantity::QuantityEngine;
use resolve::Resolver;

/// The registry: every engine, the checks it can emit and how it is built.
/// An engine none of whose checks is selected is never built.
pub const ENGINES: &[(&[CheckDoc], Build)] = &[
    (entity::CHECKS, |r| Box::new(entity::EntityEngine::new(r))),
    (term::CHECKS, |_| Box::new(term::TermEngine)),
    (quantity::CHECKS, |r| Box::new(QuantityEngine::new(r))),
    (dates::CHECKS, |_| Box::new(dates::DatesEngine)),
    (style::CHECKS, |_| Box::new(style::StyleEngine)),
    (gloss::CHECKS, |_| Box::new(gloss::GlossEngine)),
    (quotation::CHECKS, |r| {
        Box::new(quotation::QuotationEngine::new(r))
    }),
];

/// All engines, compiled for one rule set.
pub struct Checker<'r> {
    rules: &'r RuleSet,
    index: RuleIndex,
    engines: Vec<Box<dyn Engine>>,
    resolver: Resolver,
    /// For the checks that need every file at once.
    quantity: Option<QuantityEngine>,
}

impl<'r> Checker<'r> {
    /// Compile the engines for `rules`, every check selected.
    pub fn new(rules: &'r RuleSet) -> Self {
        Self::with_selection(rules, Selection::all())
    }

    /// Compile the engines for `rules`; only `selection`'s checks run.
    pub fn with_selection(rules: &'r RuleSet, selection: Selection) -> Self {
        let wanted = |checks: &[CheckDoc]| checks.iter().any(|c| selection.allows(c.check));
        // The index and the name tables are the bulk of the work for a
        // large canon, and independent: build them side by side.
        let (index, engines) = rayon::join(
            || {
                // The forms the engines look for, in one index.
                let mut forms = entity::EntityEngine::literals(rules);
                forms.extend(term::TermEngine::literals(rules));
                RuleIndex::new(rules, forms)
            },
            || {
                ENGINES
                    .iter()
                    .filter(|(checks, _)| wanted(checks))
                    .map(|(_, build)| build(rules))
                    .collect::<Vec<_>>()
            },
        );
        let quantity = (!rules.quantities.is_empty() && selection.allows(Check::QuantityRounding))
            .then(|| QuantityEngine::new(rules));
        Checker {
            rules,
            index,
            engines,
            resolver: Resolver::new(rules, selection),
            quantity,
        }
    }

    /// The same checker, reporting with `[severity]` overrides.
    pub fn with_severities(mut self, severities: crate::severity::Severities) -> Self {
        self.resolver = self.resolver.with_severities(severities);
        self
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
        let doc = Document::read(source, command_line, manifest);
        let hits = self.index.find(&doc);
        let scan = Scan {
            doc: &doc,
            rules: self.rules,
            hits: &hits,
        };
        let mut out = Output::default();
        for engine in &self.engines {
            engine.run(&scan, &mut out);
        }
        if doc.is_mapped() {
            for f in &mut out.findings {
                map_to_file(&doc, f);
            }
            // Readings become cross-version findings: file offsets too.
            for r in &mut out.readings {
                r.span = doc.to_file(&r.span);
            }
        }
        let findings = self.resolver.resolve(out.findings, doc.file_body);
        FileReport {
            findings,
            front_matter_errors: doc.front_matter_errors,
            facts: FileFacts {
                path: source.path.clone(),
                quantities: out.readings,
            },
        }
    }
}

/// Move `f`'s spans in `doc`'s text (its own, its suggestion's, its
/// related labels' in the same file) to the file's offsets. A suggestion
/// whose words are not written in the file as they read (markup or a
/// character reference among them: `**Wang** Li`, `Wang&nbsp;Li`) would
/// break the markup if applied blindly: it becomes unsafe.
fn map_to_file(doc: &Document, f: &mut Finding) {
    f.span = doc.to_file(&f.span);
    if let Some(s) = &mut f.suggestion {
        let read = doc.text().get(s.span.clone()).map(str::to_owned);
        s.span = doc.to_file(&s.span);
        if read.as_deref() != doc.source.text.get(s.span.clone()) {
            s.applicability = crate::finding::Applicability::Unsafe;
        }
    }
    for r in &mut f.related {
        if r.path == doc.source.path {
            r.span = doc.to_file(&r.span);
        }
    }
}

impl Checker<'_> {
    /// Whether [`Checker::check_across`] can report anything, so that the
    /// caller must gather every file's facts before writing any output.
    pub fn needs_across(&self) -> bool {
        self.quantity.is_some()
    }

    /// Findings that need every file of a run at once (the same fact rounded
    /// differently across versions), from the facts [`Checker::check_file`]
    /// gathered; resolved like any file's.
    pub fn check_across(&self, files: &[FileFacts]) -> Vec<Finding> {
        let Some(quantity) = &self.quantity else {
            return Vec::new();
        };
        let mut findings = self.resolver.resolve(quantity.across(files, self.rules), 0);
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
