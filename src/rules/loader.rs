//! Loading rule files: the paths given, the directories walked for
//! `*.toml`, each file parsed and every rule in it compiled by its kind's
//! module, then the checks that need every file at once.

use super::schema::RuleFileSchema;
use super::{RuleError, RuleOrigin, RuleSet};
use super::{entity, event, quantity, quote, rate, style, term};
use crate::source::SourceFile;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

impl RuleSet {
    /// Load every rule file under `paths` (files, or directories of `*.toml`).
    /// Broken files and rules are returned as errors; the rest is kept.
    pub fn load(paths: &[PathBuf]) -> (RuleSet, Vec<RuleError>) {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        // Each rule file is loaded once, however often and by whatever
        // spelling (`R`, `./R`, a link to it) the paths reach it: loading it
        // twice would report each of its rules as a duplicate of itself.
        let mut loaded: HashSet<PathBuf> = HashSet::new();
        for path in paths {
            match rule_files_under(path) {
                Ok(files) => {
                    for file in files {
                        if !loaded.insert(canonical(&file)) {
                            continue;
                        }
                        let shown = file.display().to_string();
                        match std::fs::read(&file) {
                            Ok(bytes) => match String::from_utf8(bytes) {
                                Ok(text) => set.add_file(SourceFile::new(shown, text), &mut errors),
                                Err(e) => errors.push(RuleError::whole(
                                    &shown,
                                    format!(
                                        "not valid UTF-8 (byte {})",
                                        e.utf8_error().valid_up_to()
                                    ),
                                )),
                            },
                            Err(e) => {
                                errors.push(RuleError::whole(&shown, format!("cannot read: {e}")))
                            }
                        }
                    }
                }
                Err(e) => errors.push(*e),
            }
        }
        set.check_across_files(&mut errors);
        (set, errors)
    }

    /// What no file alone can tell: duplicate ids, a rate for every currency
    /// used, the speaker of every quote. Call after every file is added.
    pub(super) fn check_across_files(&mut self, errors: &mut Vec<RuleError>) {
        self.check_duplicate_ids(errors);
        self.check_rates(errors);
        self.check_speakers(errors);
    }

    /// Parse one rule file from a string (used by `load` and by tests).
    pub fn add_file(&mut self, file: SourceFile, errors: &mut Vec<RuleError>) {
        let path = file.path.clone();
        match toml::from_str::<RuleFileSchema>(&file.text) {
            Ok(schema) => {
                self.pieces.extend(schema.piece);
                for entity in schema.entity {
                    match entity::compile(&path, entity) {
                        Ok(rule) => self.entities.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for term in schema.term {
                    match term::compile(&path, term) {
                        Ok(rule) => self.terms.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for quantity in schema.quantity {
                    match quantity::compile(&path, quantity) {
                        Ok(rule) => self.quantities.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for rate in schema.rate {
                    match rate::compile(&path, rate) {
                        Ok(rate) => self.rates.push(rate),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for quote in schema.quote {
                    match quote::compile(&path, quote) {
                        Ok(rule) => self.quotes.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for event in schema.event {
                    match event::compile(&path, event) {
                        Ok(rule) => self.events.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                for style in schema.style {
                    match style::compile(&path, style) {
                        Ok(rule) => self.styles.push(rule),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
            }
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                errors.push(RuleError::at(
                    &path,
                    span,
                    e.message().trim().to_string(),
                    "here",
                ));
            }
        }
        self.files.push(file);
    }

    /// Every rule id with where it is declared, in load order.
    pub(super) fn ids(&self) -> Vec<(&str, RuleOrigin)> {
        let mut ids: Vec<(&str, RuleOrigin)> = Vec::new();
        ids.extend(
            self.entities
                .iter()
                .map(|r| (r.id.as_str(), r.id_origin.clone())),
        );
        ids.extend(
            self.terms
                .iter()
                .map(|r| (r.id.as_str(), r.id_origin.clone())),
        );
        ids.extend(
            self.quantities
                .iter()
                .map(|r| (r.id.as_str(), r.value_origin.clone())),
        );
        ids.extend(
            self.quotes
                .iter()
                .map(|r| (r.id.as_str(), r.text.origin.clone())),
        );
        ids.extend(
            self.events
                .iter()
                .map(|r| (r.id.as_str(), r.id_origin.clone())),
        );
        ids.extend(
            self.styles
                .iter()
                .map(|r| (r.id.as_str(), r.id_origin.clone())),
        );
        ids
    }

    /// Every rule id, of every kind and file, is declared once.
    fn check_duplicate_ids(&self, errors: &mut Vec<RuleError>) {
        let mut seen: HashMap<&str, RuleOrigin> = HashMap::new();
        let mut ids = self.ids();
        ids.sort_by(|a, b| (&a.1.path, a.1.span.start).cmp(&(&b.1.path, b.1.span.start)));
        for (id, origin) in ids {
            if let Some(first) = seen.get(id) {
                let mut e = RuleError::at(
                    &origin.path,
                    origin.span.clone(),
                    format!("duplicate rule id `{id}`"),
                    "this rule reuses the id",
                )
                .with_help("give every rule its own id: findings and suppressions refer to it");
                e.related.push(first.label("first declared here"));
                errors.push(e);
            } else {
                seen.insert(id, origin);
            }
        }
    }
}

/// `path` with links and `.`/`..` resolved, or as given when it cannot be.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The rule files a `--rules` path stands for, sorted. Symbolic links are
/// followed, but a directory already walked (a link back to a parent, a
/// loop) is not walked again, and only regular files are read: a FIFO,
/// socket or device named `*.toml` is never opened.
fn rule_files_under(path: &Path) -> Result<Vec<PathBuf>, Box<RuleError>> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| RuleError::whole(&shown, format!("rules path cannot be read: {e}")))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut walked: HashSet<PathBuf> = HashSet::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if !walked.insert(canonical(&dir)) {
            continue;
        }
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            RuleError::whole(
                &dir.display().to_string(),
                format!("cannot list rules directory: {e}"),
            )
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            // `metadata` follows links; a dangling link is left out.
            let Ok(meta) = std::fs::metadata(&p) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() && p.extension().is_some_and(|e| e == "toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}
