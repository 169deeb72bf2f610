//! Entity engine: canonical names of people, organisations and things.
//!
//! ## What it does
//! - Listed wrong forms (`variants`) found by the shared literal automaton
//!   are reported as `entity-variant`.
//! - For `official = true` names, every UK/US re-spelling of the canonical
//!   name is a wrong form too (`entity-official-spelling`).
//! - Names no rule lists are compared with the canonical names: a run of
//!   capitalised words one or two letters away is an `entity-near-miss`; the
//!   canonical family name with another given name, in a sentence that names
//!   the person's role, is an `entity-role` finding.
//!
//! Near-miss candidates come from two indexes built once per run: an exact
//! word index over multi-word names (a multi-word near-miss keeps at least
//! one word right, which anchors it) and a deletion-neighbourhood index over
//! one-word names. A text word is compared only with the names it can be a
//! near-miss of, never with every rule.

use super::Document;
use super::engine::{Engine, Output, Scan};
use super::index::ContextOwner;
use super::literals::{CaseMode, EntityForm, Hit, Literal, Owner};
use super::name_filter::{NameFilter, Probe};
use crate::codes::{Check, CheckDoc};
use crate::finding::{Applicability, Finding, RelatedSpan, Severity, Suggestion};
use crate::rules::{EntityRule, RuleSet};
use crate::text::{
    Word, capitalised_words_at, compact_text, normalize_phrase, spelling::localised_names,
};
// FxHash: the keys are short words from rule files and articles, hashed
// once per capitalised word; SipHash's DoS resistance buys nothing here.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

/// A canonical name or multi-word alias that near-misses are measured against.
#[derive(Debug)]
struct NameForm {
    rule: usize,
    /// The form as the rule writes it.
    text: String,
    /// Its words, lowercase.
    words: Vec<String>,
}

/// The compiled entity engine.
pub struct EntityEngine {
    /// UK/US spellings of official names, with the rule they belong to.
    localised: Vec<(usize, String)>,
    forms: Vec<NameForm>,
    /// Words of multi-word forms → (form, word position). A multi-word
    /// near-miss keeps at least one word exactly, so an exact word anchors it.
    exact: HashMap<String, Vec<(u32, u16)>>,
    /// Deletion neighbourhood of one-word forms (a word and each of its
    /// one-letter deletions → form), for words long enough to be judged.
    fuzzy: HashMap<String, Vec<u32>>,
    /// Every form any entity rule writes (lowercase), never a near-miss.
    known: HashSet<String>,
    /// Rules with a role, by lowercase family name.
    by_family: HashMap<String, Vec<usize>>,
    /// Every key of `exact`, `fuzzy` and `by_family`: a word it rules out
    /// (with its one-letter deletions) finds nothing in them.
    filter: NameFilter,
}

/// Shortest length of a one-word name (or alias) that near-misses are looked
/// for; a sentence-initial word needs `MIN_SINGLE_WORD_AT_START`.
const MIN_SINGLE_WORD: usize = 5;
const MIN_SINGLE_WORD_AT_START: usize = 7;

/// The edit distance between two words if it is 0 or 1 (one substitution,
/// insertion, deletion, or swap of neighbours), else `None`. Allocation-free
/// for ASCII, which most names are.
/// An article's word as the rules' words are written: composed (NFC), so
/// that a name in decomposed form (an "é" written as "e" and a combining
/// accent, as some file systems and CMSes store it) is looked up and
/// measured like the same name composed. Spans stay those of the file.
fn composed(word: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if word.is_ascii() || is_nfc_quick(word.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.nfc().collect())
    }
}

fn within_one_edit(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    if a.is_ascii() && b.is_ascii() {
        one_edit(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        one_edit(&a, &b)
    }
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return None;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        // One substitution, or one swap of neighbours.
        let rest = prefix + 1;
        if short[rest..] == long[rest..] {
            return Some(1);
        }
        let swapped = rest < short.len()
            && short[prefix] == long[prefix + 1]
            && short[prefix + 1] == long[prefix]
            && short[prefix + 2..] == long[prefix + 2..];
        return swapped.then_some(1);
    }
    // One insertion into the shorter word.
    (short[prefix..] == long[prefix + 1..]).then_some(1)
}

fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(word.len());
        s.push_str(&word[..i]);
        s.push_str(&word[i + c.len_utf8()..]);
        s
    })
}

/// The checks this engine emits, with their `explain` texts.
pub const CHECKS: &[CheckDoc] = &[
    CheckDoc {
        check: Check::EntityVariant,
        explain: include_str!("docs/entity-variant.md"),
    },
    CheckDoc {
        check: Check::EntityNearMiss,
        explain: include_str!("docs/entity-near-miss.md"),
    },
    CheckDoc {
        check: Check::EntityRole,
        explain: include_str!("docs/entity-role.md"),
    },
    CheckDoc {
        check: Check::EntityOfficialSpelling,
        explain: include_str!("docs/entity-official-spelling.md"),
    },
];

impl Engine for EntityEngine {
    fn checks(&self) -> &'static [CheckDoc] {
        CHECKS
    }

    fn run(&self, scan: &Scan, out: &mut Output) {
        for hit in &scan.hits.forms {
            if let Owner::Entity { rule, form } = hit.owner {
                out.findings
                    .extend(self.on_hit(scan.doc, scan.rules, hit, rule, form));
            }
        }
        let covered = scan.entity_spans();
        out.findings.extend(self.unlisted_names(scan, covered));
    }
}

impl EntityEngine {
    /// Compile the engine for `rules`.
    pub fn new(rules: &RuleSet) -> Self {
        let mut engine = EntityEngine {
            localised: Vec::new(),
            forms: Vec::new(),
            exact: HashMap::default(),
            fuzzy: HashMap::default(),
            known: HashSet::default(),
            by_family: HashMap::default(),
            filter: NameFilter::new([], []),
        };
        engine.localised = localised_forms(rules);
        let forms: usize = rules
            .entities
            .iter()
            .map(|r| 2 + r.aliases.len() + r.variants.len() + r.distinct.len())
            .sum();
        engine.known.reserve(forms);
        engine.exact.reserve(2 * rules.entities.len());
        engine.forms.reserve(rules.entities.len());
        for (i, rule) in rules.entities.iter().enumerate() {
            let all = std::iter::once(&rule.canonical)
                .chain(&rule.aliases)
                .chain(&rule.variants)
                .chain(&rule.distinct);
            for f in all {
                engine.known.insert(normalize_phrase(&f.text, true));
            }
            engine.known.insert(rule.family_name.to_lowercase());
            if !rule.roles.is_empty() {
                engine
                    .by_family
                    .entry(rule.family_name.to_lowercase())
                    .or_default()
                    .push(i);
            }
            for f in std::iter::once(&rule.canonical).chain(&rule.aliases) {
                let words: Vec<String> = crate::text::words(&f.text)
                    .iter()
                    .map(|w| f.text[w.span.clone()].to_lowercase())
                    .collect();
                if words.is_empty() || words.iter().any(|w| w.chars().any(|c| !c.is_alphabetic())) {
                    continue;
                }
                let form_id = engine.forms.len() as u32;
                if words.len() > 1 {
                    for (pos, w) in words.iter().enumerate() {
                        engine
                            .exact
                            .entry(w.clone())
                            .or_default()
                            .push((form_id, pos as u16));
                    }
                } else if words[0].chars().count() >= MIN_SINGLE_WORD {
                    let mut keys: Vec<String> = deletions(&words[0]).collect();
                    keys.push(words[0].clone());
                    keys.sort();
                    keys.dedup();
                    for k in keys {
                        engine.fuzzy.entry(k).or_default().push(form_id);
                    }
                }
                engine.forms.push(NameForm {
                    rule: i,
                    text: f.text.clone(),
                    words,
                });
            }
        }
        let one_word_forms = engine
            .forms
            .iter()
            .filter_map(|f| match f.words.as_slice() {
                [word] if word.chars().count() >= MIN_SINGLE_WORD => Some(word.as_str()),
                _ => None,
            });
        engine.filter = NameFilter::new(
            engine
                .exact
                .keys()
                .chain(engine.fuzzy.keys())
                .chain(engine.by_family.keys())
                .map(String::as_str),
            one_word_forms,
        );
        engine
    }

    /// The literal forms this engine needs found.
    pub fn literals(rules: &RuleSet) -> Vec<Literal> {
        let mut out = Vec::new();
        for (i, rule) in rules.entities.iter().enumerate() {
            let case = if rule.case_sensitive {
                CaseMode::Exact
            } else {
                CaseMode::Proper
            };
            let lit = |text: &str, form| Literal {
                text: text.to_string(),
                case,
                owner: Owner::Entity { rule: i, form },
            };
            out.push(lit(&rule.canonical.text, EntityForm::Canonical));
            out.extend(
                rule.aliases
                    .iter()
                    .enumerate()
                    .map(|(k, a)| lit(&a.text, EntityForm::Alias(k))),
            );
            out.extend(
                rule.variants
                    .iter()
                    .enumerate()
                    .map(|(k, a)| lit(&a.text, EntityForm::Variant(k))),
            );
            out.extend(
                rule.distinct
                    .iter()
                    .enumerate()
                    .map(|(k, a)| lit(&a.text, EntityForm::Distinct(k))),
            );
        }
        for (k, (rule, name)) in localised_forms(rules).into_iter().enumerate() {
            // Official names are matched with their exact case: "defence"
            // in running text is not the system's name.
            out.push(Literal {
                text: name,
                case: CaseMode::Exact,
                owner: Owner::Entity {
                    rule,
                    form: EntityForm::Localised(k),
                },
            });
        }
        out
    }

    /// Findings for literal hits of entity forms.
    pub fn on_hit(
        &self,
        doc: &Document,
        rules: &RuleSet,
        hit: &Hit,
        rule: usize,
        form: EntityForm,
    ) -> Option<Finding> {
        if !matches!(form, EntityForm::Variant(_) | EntityForm::Localised(_)) {
            // The canonical name, an alias, a distinct person: nothing to say.
            return None;
        }
        let r = &rules.entities[rule];
        let found = compact_text(&doc.text()[hit.span.clone()]);
        let (check, message) = match form {
            EntityForm::Variant(_) => (
                Check::EntityVariant,
                format!("“{found}” is a wrong form of “{}”", r.canonical.text),
            ),
            EntityForm::Localised(_) => (
                Check::EntityOfficialSpelling,
                format!(
                    "“{found}” re-spells the official name “{}”; official names keep their spelling in every locale",
                    r.canonical.text
                ),
            ),
            _ => return None,
        };
        Some(self.finding(
            doc,
            r,
            check,
            r.severity,
            hit.span.clone(),
            message,
            found,
            Vec::new(),
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn finding(
        &self,
        doc: &Document,
        r: &EntityRule,
        check: Check,
        severity: Severity,
        span: Range<usize>,
        message: String,
        found: String,
        mut related: Vec<RelatedSpan>,
    ) -> Finding {
        related.insert(
            0,
            r.canonical
                .origin
                .label(format!("canonical name declared here (rule `{}`)", r.id)),
        );
        // A listed wrong form: the rule says what to write. A near-miss or a
        // name in someone's role: a guess that a person must confirm.
        let applicability = if matches!(check, Check::EntityVariant | Check::EntityOfficialSpelling)
        {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        // A suggestion replaces exactly the words it covers: a one-word
        // wrong form of a longer name ("Mr. Kowalczik") becomes the family
        // name ("Kowalczyk"), not the whole name after the title.
        let one_word = |t: &str| t.split_whitespace().count() == 1;
        let replacement =
            if one_word(&found) && !one_word(&r.canonical.text) && !r.family_name.is_empty() {
                r.family_name.clone()
            } else {
                r.canonical.text.clone()
            };
        let help = if replacement == r.canonical.text {
            format!("write “{}”", r.canonical.text)
        } else {
            format!("write “{replacement}” (“{}”)", r.canonical.text)
        };
        Finding {
            suggestion: Some(Suggestion {
                span: span.clone(),
                replacement,
                applicability,
            }),
            path: doc.source.path.clone(),
            check,
            rule: r.id.clone(),
            severity,
            message,
            span,
            label: format!("found “{found}”"),
            found,
            expected: Some(r.canonical.text.clone()),
            help: Some(help),
            notes: Vec::new(),
            related,
        }
    }

    /// Near-miss and role findings among the words that no literal hit covers.
    pub fn unlisted_names(&self, scan: &Scan, covered: &[Range<usize>]) -> Vec<Finding> {
        let (doc, rules) = (scan.doc, scan.rules);
        if rules.entities.is_empty() {
            return Vec::new();
        }
        let text = doc.text();
        let words = capitalised_words_at(text, doc.capitals());
        // A window is taken when a known form covers it or straddles its edge;
        // a shorter known form inside it ("Wang" in "Wang Jun") does not count.
        // `covered` comes sorted and non-overlapping from the automaton.
        let overlapping = |span: &Range<usize>| {
            let (start, end) = (span.start, span.end);
            let from = covered.partition_point(|c| c.end <= start);
            covered[from..].iter().take_while(move |c| c.start < end)
        };
        let is_covered = |span: &Range<usize>| {
            overlapping(span).any(|c| !(c.start >= span.start && c.end <= span.end && c != span))
        };
        let mut findings = Vec::new();
        let mut claimed: Vec<Range<usize>> = Vec::new();
        // Runs come in text order: the hits before a run are never needed
        // again, so one cursor walks `covered` alongside.
        let mut cursor = 0;
        let mut probes: Vec<Probe> = Vec::new();
        let mut lower: Vec<String> = Vec::new();
        let mut found_forms: Vec<(usize, usize)> = Vec::new();
        for run in capitalised_runs(&words) {
            // Most capitalised runs are names the rules know, every word of
            // them inside a literal hit: nothing to look for there.
            let known_words = run.iter().all(|w| {
                while covered.get(cursor).is_some_and(|c| c.end <= w.span.start) {
                    cursor += 1;
                }
                covered[cursor..]
                    .iter()
                    .take_while(|c| c.start < w.span.end)
                    .any(|c| c.start <= w.span.start && w.span.end <= c.end)
            });
            if known_words {
                continue;
            }
            // A single word can only be a near-miss of a one-word form (the
            // other indexes need two words or more), and only if it is long
            // enough to be judged: most sentence openers ("The", "But") are
            // not looked up at all.
            if let [w] = run {
                let word = &composed(&text[w.span.clone()]);
                let min = if w.sentence_start {
                    MIN_SINGLE_WORD_AT_START
                } else {
                    MIN_SINGLE_WORD
                };
                let chars = if word.is_ascii() {
                    word.len()
                } else {
                    word.to_lowercase().chars().count()
                };
                if self.fuzzy.is_empty() || chars < min {
                    continue;
                }
            }
            // Most of the rest are names nowhere near any rule's: a word the
            // filter rules out has no entry in any index.
            // One-letter deletions only matter to the one-word index, which
            // only words of `MIN_SINGLE_WORD` characters are looked up in.
            let probe = |w: &Word| {
                let word = &composed(&text[w.span.clone()]);
                let deletions = !self.fuzzy.is_empty() && word.len() >= MIN_SINGLE_WORD;
                self.filter.probe(word, deletions)
            };
            probes.clear();
            probes.extend(run.iter().map(probe));
            if !probes.iter().any(|p| p.near) {
                continue;
            }
            // The run's words in lowercase, in strings kept from run to run.
            if lower.len() < run.len() {
                lower.resize_with(run.len(), String::new);
            }
            for (l, w) in lower.iter_mut().zip(run) {
                l.clear();
                let word = &composed(&text[w.span.clone()]);
                if word.is_ascii() {
                    l.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    l.push_str(&word.to_lowercase());
                }
            }
            let lower = &lower[..run.len()];
            let window_span = |a: usize, b: usize| run[a].span.start..run[b - 1].span.end;
            // 1. Family name kept, other words changed, role named nearby.
            for (i, word) in lower.iter().enumerate() {
                if !probes[i].whole {
                    continue;
                }
                let Some(family_rules) = self.by_family.get(word) else {
                    continue;
                };
                for (r_index, r) in family_rules.iter().map(|&ri| (ri, &rules.entities[ri])) {
                    let n = r.canonical.text.split_whitespace().count();
                    if n < 2 || i < r.family_index || i - r.family_index + n > run.len() {
                        continue;
                    }
                    let a = i - r.family_index;
                    let span = window_span(a, a + n);
                    let window = normalize_phrase(&text[span.clone()], true);
                    if is_covered(&span) || self.known.contains(&window) {
                        continue;
                    }
                    let role_span = scan
                        .context_near(&span, |o| o == ContextOwner::Role(r_index))
                        .map(|h| h.span.clone())
                        .next();
                    let Some(role_span) = role_span else {
                        continue;
                    };
                    let found = compact_text(&text[span.clone()]);
                    let role = compact_text(&text[role_span.clone()]);
                    let related = vec![RelatedSpan {
                        path: doc.source.path.clone(),
                        span: role_span,
                        message: format!("the role “{role}” is named here"),
                    }];
                    let message = format!(
                        "“{found}” in the role of {}: the family name is right but the name is “{}”",
                        role.to_lowercase(),
                        r.canonical.text
                    );
                    findings.push(self.finding(
                        doc,
                        r,
                        Check::EntityRole,
                        r.severity,
                        span.clone(),
                        message,
                        found,
                        related,
                    ));
                }
            }
            // 2. Near-misses of canonical names and aliases.
            let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new(); // (start, len, distance, form)
            for (i, word) in lower.iter().enumerate() {
                if !probes[i].near {
                    continue;
                }
                self.lookup(word, probes[i], &mut found_forms);
                for &(form_id, pos) in &found_forms {
                    let form = &self.forms[form_id];
                    let n = form.words.len();
                    if i < pos || i - pos + n > run.len() {
                        continue;
                    }
                    let a = i - pos;
                    if is_covered(&window_span(a, a + n)) {
                        continue;
                    }
                    if let Some(d) = self.window_distance(&lower[a..a + n], form, &run[a]) {
                        candidates.push((a, n, d, form_id));
                    }
                }
            }
            candidates.sort_by(|x, y| {
                (x.0, std::cmp::Reverse(x.1), x.2, x.3).cmp(&(
                    y.0,
                    std::cmp::Reverse(y.1),
                    y.2,
                    y.3,
                ))
            });
            candidates.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
            // Prefer the longest window, then the closest form.
            candidates.sort_by(|x, y| {
                (std::cmp::Reverse(x.1), x.2, x.0, x.3).cmp(&(
                    std::cmp::Reverse(y.1),
                    y.2,
                    y.0,
                    y.3,
                ))
            });
            for (a, n, d, form_id) in candidates {
                let span = window_span(a, a + n);
                let window = normalize_phrase(&text[span.clone()], true);
                if is_covered(&span)
                    || self.known.contains(&window)
                    || claimed
                        .iter()
                        .any(|c| c.start < span.end && span.start < c.end)
                {
                    continue;
                }
                let form = &self.forms[form_id];
                let r = &rules.entities[form.rule];
                let found = compact_text(&text[span.clone()]);
                let message = format!(
                    "“{found}” looks like a misspelling of “{}” ({d} letter{} apart)",
                    form.text,
                    if d == 1 { "" } else { "s" }
                );
                let mut f = self.finding(
                    doc,
                    r,
                    Check::EntityNearMiss,
                    Severity::Warning,
                    span.clone(),
                    message,
                    found,
                    Vec::new(),
                );
                f.expected = Some(form.text.clone());
                if let Some(s) = &mut f.suggestion {
                    s.replacement = form.text.clone();
                }
                f.help = Some(format!(
                    "write “{}”; if this is someone else, list the name under `distinct` in rule `{}`",
                    form.text, r.id
                ));
                findings.push(f);
                claimed.push(span);
            }
        }
        findings
    }

    /// Candidate (form, word position) pairs for a text word, into `out`:
    /// multi-word forms that have the word exactly, one-word forms one edit
    /// away (only those the filter's `probe` leaves possible).
    fn lookup(&self, word: &str, probe: Probe, out: &mut Vec<(usize, usize)>) {
        out.clear();
        if probe.whole
            && let Some(list) = self.exact.get(word)
        {
            out.extend(list.iter().map(|&(f, p)| (f as usize, p as usize)));
        }
        if probe.near && !self.fuzzy.is_empty() && word.chars().count() >= MIN_SINGLE_WORD {
            let mut look_up = |key: &str| {
                if let Some(list) = self.fuzzy.get(key) {
                    out.extend(list.iter().map(|&f| (f as usize, 0)));
                }
            };
            if probe.whole {
                look_up(word);
            }
            let mut key = String::with_capacity(word.len());
            for (j, (i, c)) in word.char_indices().enumerate() {
                if !probe.deletion(j) {
                    continue;
                }
                key.clear();
                key.push_str(&word[..i]);
                key.push_str(&word[i + c.len_utf8()..]);
                look_up(&key);
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Total distance of a window from a form, if the window is a near-miss:
    /// every word at most one edit away, one or two edits in all, and for
    /// multi-word names at least one word exactly right. A one-word window
    /// must be long enough that one edit is unlikely to make another word.
    fn window_distance(&self, window: &[String], form: &NameForm, first: &Word) -> Option<usize> {
        let mut total = 0;
        let mut exact = 0;
        for (w, f) in window.iter().zip(&form.words) {
            let d = within_one_edit(w, f)?;
            total += d;
            exact += usize::from(d == 0);
        }
        if total == 0 || total > 2 {
            return None;
        }
        if window.len() == 1 {
            let len = window[0].chars().count();
            let min = if first.sentence_start {
                MIN_SINGLE_WORD_AT_START
            } else {
                MIN_SINGLE_WORD
            };
            (len >= min).then_some(total)
        } else {
            (exact >= 1).then_some(total)
        }
    }
}

/// UK/US re-spellings of the canonical names of official entities, with
/// their rules, in rule order (numbered like `EntityForm::Localised`).
fn localised_forms(rules: &RuleSet) -> Vec<(usize, String)> {
    rules
        .entities
        .iter()
        .enumerate()
        .filter(|(_, r)| r.official)
        .flat_map(|(i, r)| {
            localised_names(&r.canonical.text)
                .into_iter()
                .map(move |name| (i, name))
        })
        .collect()
}

/// Maximal runs of capitalised words separated only by white space.
fn capitalised_runs(words: &[Word]) -> Vec<&[Word]> {
    let mut runs = Vec::with_capacity(words.len());
    let mut start = None;
    for (i, w) in words.iter().enumerate() {
        let continues = w.capitalized && w.joined_to_previous && start.is_some();
        if continues {
            continue;
        }
        if let Some(s) = start.take() {
            runs.push(&words[s..i]);
        }
        if w.capitalized {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        runs.push(&words[s..]);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::within_one_edit;
    use crate::codes::Check;

    const RULES: &str = r#"
[[entity]]
id = "wang-yi"
canonical = "Wang Yi"
aliases = ["Wang"]
family_name = "Wang"
role = ["foreign minister"]
variants = ["Wang Li"]

[[entity]]
id = "sergei-lavrov"
canonical = "Sergei Lavrov"
aliases = ["Lavrov"]
role = ["foreign minister"]

[[entity]]
id = "xi-jinping"
canonical = "Xi Jinping"
aliases = ["Xi"]
family_name = "Xi"
"#;

    fn found(text: &str) -> Vec<(Check, String)> {
        crate::checks::test_support::found(RULES, text)
    }

    #[test]
    fn one_edit_is_substitution_insertion_deletion_or_swap() {
        assert_eq!(within_one_edit("lavrov", "lavrov"), Some(0));
        assert_eq!(within_one_edit("lavrov", "lavrow"), Some(1));
        assert_eq!(within_one_edit("medvedev", "medevdev"), Some(1));
        assert_eq!(within_one_edit("medvedev", "medvdev"), Some(1));
        assert_eq!(within_one_edit("putin", "puttin"), Some(1));
        assert_eq!(within_one_edit("lavrov", "lavorw"), None);
        assert_eq!(within_one_edit("yi", "li"), Some(1));
        assert_eq!(within_one_edit("wang", "wan"), Some(1));
        assert_eq!(within_one_edit("pérez", "perez"), Some(1));
        assert_eq!(within_one_edit("ab", "abcd"), None);
        assert_eq!(within_one_edit("abcd", "badc"), None);
    }

    #[test]
    fn unlisted_misspellings_are_near_misses() {
        assert_eq!(
            found("Sergei Lavrow spoke."),
            [(Check::EntityNearMiss, "Sergei Lavrow".into())]
        );
        assert_eq!(
            found("Then Lavorv spoke."),
            [(Check::EntityNearMiss, "Lavorv".into())]
        );
        assert_eq!(
            found("Xi Jinpign arrived."),
            [(Check::EntityNearMiss, "Xi Jinpign".into())]
        );
    }

    #[test]
    fn look_alikes_stay_quiet() {
        // Shares the given name of a listed variant, the surname of nobody.
        assert!(found("Premier Li Keqiang met Wang Yi.").is_empty());
        // Same family name, no role nearby: another person.
        assert!(found("Wang Huning, a party theorist, spoke.").is_empty());
        // Short words one letter from a short name or alias.
        assert!(found("Wong Kar-wai and Xu Bing went to Xian.").is_empty());
        // An ordinary capitalised word at a sentence start.
        assert!(found("Lavish praise followed. Laurel wreaths too.").is_empty());
        // Two edits in one word is not a near-miss.
        assert!(found("Sergei Lavrenko spoke.").is_empty());
    }

    #[test]
    fn role_context_catches_another_given_name() {
        assert_eq!(
            found("Foreign Minister Wang Jun spoke."),
            [(Check::EntityRole, "Wang Jun".into())]
        );
        // The listed variant wins over the role check.
        assert_eq!(
            found("Foreign Minister Wang Li spoke."),
            [(Check::EntityVariant, "Wang Li".into())]
        );
    }

    #[test]
    fn names_survive_no_break_spaces_and_line_breaks() {
        assert!(found("Wang\u{a0}Yi and Sergei\nLavrov met.").is_empty());
        assert_eq!(
            found("Wang\u{a0}Li spoke."),
            [(Check::EntityVariant, "Wang\u{a0}Li".into())]
        );
    }
}

#[cfg(test)]
mod suggestion_tests {
    use crate::checks::Checker;
    use crate::rules::RuleSet;
    use crate::source::SourceFile;

    #[test]
    fn a_one_word_wrong_form_is_replaced_by_the_family_name_alone() {
        let rules = "[[entity]]\nid = \"kowalczyk\"\ncanonical = \"Tomasz Kowalczyk\"\naliases = [\"Kowalczyk\"]\nvariants = [\"Kowalczik\", \"Tomasz Kowalczik\"]\n";
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        set.add_file(SourceFile::new("r.toml", rules), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let text = "Mr. Kowalczik said so, and Tomasz Kowalczik agreed.\n";
        let findings = Checker::new(&set).check(&SourceFile::new("a.txt", text));
        let fixes: Vec<(&str, &str)> = findings
            .iter()
            .filter_map(|f| f.suggestion.as_ref())
            .map(|s| (&text[s.span.clone()], s.replacement.as_str()))
            .collect();
        assert_eq!(
            fixes,
            [
                ("Kowalczik", "Kowalczyk"),
                ("Tomasz Kowalczik", "Tomasz Kowalczyk")
            ],
            "{findings:#?}"
        );
    }
}
