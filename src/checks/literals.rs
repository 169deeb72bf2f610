//! One automaton over every literal form of every rule.
//!
//! Whatever the number of rules, a text is scanned once: the forms are
//! normalised and lowercased like the text's view and compiled into a single
//! Aho-Corasick automaton. Matches are kept only at word boundaries and, for
//! case-sensitive rules, when the original text has the rule's case.

use super::capital_index::{CapitalIndex, Found};
use crate::text::normalize::OriginalSpans;
use crate::text::words::capital_starts;
use crate::text::{NormalizedText, normalize_phrase};
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, Match, MatchKind, StartKind,
};

/// Up to this many bytes of patterns, the automaton is a full DFA.
const DFA_MAX_PATTERN_BYTES: usize = 10_000;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// Who a literal pattern belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// An entity rule's form.
    Entity {
        /// Index into `RuleSet::entities`.
        rule: usize,
        /// Which of the rule's forms the pattern is.
        form: EntityForm,
    },
    /// A term rule's `wrong` form number `form`.
    Term {
        /// Index into `RuleSet::terms`.
        rule: usize,
        /// Index into the rule's `wrong` forms.
        form: usize,
    },
}

/// Which form of an entity rule a pattern is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityForm {
    /// The rule's `canonical` name.
    Canonical,
    /// The rule's alias at this index of `aliases`.
    Alias(usize),
    /// The listed wrong form at this index of `variants`.
    Variant(usize),
    /// A UK/US localisation of an official canonical name (index into the
    /// engine's list of generated spellings).
    Localised(usize),
    /// Someone else's name, listed so it is never taken for a near-miss.
    Distinct(usize),
}

/// How the case of the text must agree with the case of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    /// Any case ("Peninsular" and "peninsular" alike).
    Insensitive,
    /// A proper noun: the form's own case, or all capitals as in a headline.
    /// "nor Fai" is not the name "Nor Fai".
    Proper,
    /// Exactly the form's case.
    Exact,
}

/// A literal to look for.
#[derive(Debug, Clone)]
pub struct Literal {
    /// The form as written in the rule.
    pub text: String,
    /// How the text's case must agree with the form's.
    pub case: CaseMode,
    /// The rule and form the literal stands for.
    pub owner: Owner,
}

/// A kept match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The rule and form whose literal matched.
    pub owner: Owner,
    /// Range in the lowercase view.
    pub view: Range<usize>,
    /// Byte span in the original text.
    pub span: Range<usize>,
}

/// The compiled matcher.
///
/// Forms split in two by where a match can begin. A proper noun whose form
/// begins with an ASCII capital ("Wang Yi", case `Proper` or `Exact`) can
/// only be accepted where the text has a capital letter: those forms are
/// looked up only there, by their first word ([`CapitalIndex`]), instead
/// of by a scan of every byte. Every other form (lowercase terms,
/// case-insensitive forms, CJK names, names that begin with a non-ASCII
/// letter) is found by one unanchored automaton scan. The two kinds of
/// match are merged as one leftmost-longest search over all forms would
/// find them (a proptest holds the two to the same result).
///
/// What a match must be checked against is laid out for a canon of tens of
/// thousands of forms, where each hit would otherwise chase several pointers
/// into cold memory: the literals of pattern `p` are `entries[first[p] ..
/// first[p + 1]]`, and their cased forms are slices of one string.
pub struct LiteralMatcher {
    /// Forms that may begin anywhere.
    anywhere: Option<Part>,
    /// Forms that begin with a capital.
    capital: Option<CapitalIndex>,
    first: Vec<u32>,
    entries: Vec<Entry>,
    cased: String,
}

/// One automaton over some of the patterns.
struct Part {
    automaton: AhoCorasick,
    /// The matcher's pattern number of each of this automaton's patterns.
    patterns: Vec<u32>,
}

impl Part {
    fn new(patterns: Vec<(usize, &str)>, start: StartKind) -> Option<Self> {
        if patterns.is_empty() {
            return None;
        }
        // A full DFA is the fastest automaton but costs memory per state
        // (about 160 bytes per byte of patterns). Beyond a modest canon it
        // stops paying: at K = 1,000 (35 KB of patterns, 5.7 MB) repeated
        // A/B runs gave no clear gain, at K = 10,000 it would take 50 MB and,
        // out of cache, scan no faster. The builder's own choice there (a
        // contiguous NFA) keeps a large canon inside its memory budget.
        let pattern_bytes: usize = patterns.iter().map(|(_, p)| p.len()).sum();
        let kind = (pattern_bytes <= DFA_MAX_PATTERN_BYTES).then_some(AhoCorasickKind::DFA);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(start)
            .kind(kind)
            .build(patterns.iter().map(|(_, p)| p))
            .expect("literal patterns always compile");
        Some(Part {
            automaton,
            patterns: patterns.iter().map(|&(n, _)| n as u32).collect(),
        })
    }

    /// The longest match that begins at `at` and ends by `end`.
    fn anchored(&self, text: &str, at: usize, end: usize) -> Option<Match> {
        self.automaton
            .find(Input::new(text).span(at..end).anchored(Anchored::Yes))
    }

    /// The matcher's pattern number of `m`.
    fn pattern(&self, m: &Match) -> usize {
        self.patterns[m.pattern().as_usize()] as usize
    }
}

/// One literal of a pattern.
#[derive(Debug, Clone)]
struct Entry {
    owner: Owner,
    case: CaseMode,
    /// The form, normalised but with its case, in `LiteralMatcher::cased`.
    cased: Range<u32>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// CJK scripts are written without spaces: no word boundary is required there.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

impl LiteralMatcher {
    /// Compile `literals`. Empty forms are skipped (rule loading rejects them).
    pub fn new(literals: Vec<Literal>) -> Self {
        Self::build(literals, true)
    }

    /// Compile `literals`, with forms that begin with a capital looked for
    /// only at capitals when `gate` is set (else all by one scan: the plain
    /// search the gated one is tested against).
    fn build(literals: Vec<Literal>, gate: bool) -> Self {
        // One pattern per distinct lowercase form; several rules may share
        // it. The literals are numbered by pattern, then laid out in
        // pattern order with one stable sort.
        let mut index: HashMap<String, usize> =
            HashMap::with_capacity_and_hasher(literals.len(), Default::default());
        let mut numbered: Vec<(usize, Entry)> = Vec::with_capacity(literals.len());
        let mut cased = String::new();
        for l in &literals {
            let form = normalize_phrase(&l.text, false);
            // An ASCII form's lowercase view is its ASCII lowercase (the
            // view changes nothing else by case); only others are
            // normalised again.
            let p = if form.is_ascii() {
                form.to_ascii_lowercase()
            } else {
                normalize_phrase(&l.text, true)
            };
            if p.is_empty() {
                continue;
            }
            let next = index.len();
            let slot = *index.entry(p).or_insert(next);
            let from = cased.len() as u32;
            cased.push_str(&form);
            numbered.push((
                slot,
                Entry {
                    owner: l.owner,
                    case: l.case,
                    cased: from..cased.len() as u32,
                },
            ));
        }
        let mut patterns = vec![String::new(); index.len()];
        for (p, slot) in index {
            patterns[slot] = p;
        }
        numbered.sort_by_key(|&(slot, _)| slot);
        let mut by_pattern: Vec<&[(usize, Entry)]> = numbered.chunk_by(|a, b| a.0 == b.0).collect();
        debug_assert_eq!(by_pattern.len(), patterns.len());
        // A pattern is looked for at capitals only if every literal sharing
        // it must begin with one.
        let capital_only = |list: &[(usize, Entry)]| {
            list.iter().all(|(_, e)| {
                e.case != CaseMode::Insensitive
                    && cased.as_bytes()[e.cased.start as usize].is_ascii_uppercase()
            })
        };
        let (mut anywhere, mut capital) = (Vec::new(), Vec::new());
        let mut first = Vec::with_capacity(patterns.len() + 1);
        let mut entries = Vec::with_capacity(numbered.len());
        for (n, list) in by_pattern.drain(..).enumerate() {
            if gate && capital_only(list) {
                capital.push((n, patterns[n].as_str()));
            } else {
                anywhere.push((n, patterns[n].as_str()));
            }
            first.push(entries.len() as u32);
            entries.extend(list.iter().map(|(_, e)| e.clone()));
        }
        first.push(entries.len() as u32);
        let (anywhere, capital) = (
            Part::new(anywhere, StartKind::Both),
            CapitalIndex::new(capital),
        );
        LiteralMatcher {
            anywhere,
            capital,
            first,
            entries,
            cased,
        }
    }

    /// Keep the rules' literals that accept the automaton's match of
    /// `pattern` at view `range` (word boundaries, then each literal's case
    /// mode against the original text), as hits in `kept`; whether any did.
    fn accept(
        &self,
        original: &str,
        view: &NormalizedText,
        spans: &mut OriginalSpans,
        range: &Range<usize>,
        pattern: usize,
        kept: &mut Vec<Hit>,
    ) -> bool {
        if !at_word_boundaries(&view.text, range) {
            return false;
        }
        let span = spans.span(range.clone());
        let raw = &original[span.clone()];
        let mut normalised: Option<String> = None;
        let before = kept.len();
        let (from, to) = (
            self.first[pattern] as usize,
            self.first[pattern + 1] as usize,
        );
        for entry in &self.entries[from..to] {
            let form = &self.cased[entry.cased.start as usize..entry.cased.end as usize];
            // Most hits are the form exactly as the rule writes it: no need
            // to normalise the text to see that.
            let ok = entry.case == CaseMode::Insensitive || raw == form || {
                let normalised = normalised.get_or_insert_with(|| normalize_phrase(raw, false));
                normalised == form
                    || (entry.case == CaseMode::Proper
                        && !normalised.chars().any(char::is_lowercase))
            };
            if ok {
                kept.push(Hit {
                    owner: entry.owner,
                    span: span.clone(),
                    view: range.clone(),
                });
            }
        }
        kept.len() > before
    }

    /// Every accepted match in `view`, leftmost first, the longest accepted
    /// one at each start, none overlapping.
    pub fn find(&self, original: &str, view: &NormalizedText) -> Vec<Hit> {
        self.find_at(original, view, &capital_starts(original))
    }

    /// [`LiteralMatcher::find`], given the [`capital_starts`] of `original`.
    pub fn find_at(&self, original: &str, view: &NormalizedText, capitals: &[usize]) -> Vec<Hit> {
        let text = view.text.as_str();
        // In prose with many names, about one capital in four opens a known form.
        let mut kept: Vec<Hit> = Vec::with_capacity(capitals.len() / 4);
        let bytes = text.as_bytes();
        // The next match of each part at or after `pos`, once looked for;
        // for the capitals, with the forms left to try at the same place.
        let mut next_anywhere: Option<Match> = None;
        let mut anywhere_done = self.anywhere.is_none();
        let mut next_capital: Option<(Found, Range<usize>)> = None;
        let mut capital_done = self.capital.is_none();
        let mut capitals = capitals.iter().copied();
        let mut offsets = view.view_offsets();
        let mut spans = view.original_spans();
        let mut pos = 0;
        while pos < text.len() {
            if let Some(part) = &self.anywhere
                && !anywhere_done
                && next_anywhere.is_none_or(|m| m.start() < pos)
            {
                next_anywhere = part.automaton.find(Input::new(text).span(pos..text.len()));
                anywhere_done = next_anywhere.is_none();
            }
            if let Some(index) = &self.capital
                && !capital_done
                && next_capital.as_ref().is_none_or(|(f, _)| f.start < pos)
            {
                next_capital = None;
                for at in capitals.by_ref() {
                    let at = offsets.view_offset(at);
                    if at < pos {
                        continue;
                    }
                    next_capital = index.next_match(bytes, at, index.candidates(bytes, at));
                    if next_capital.is_some() {
                        break;
                    }
                }
                capital_done = next_capital.is_none();
            }
            let start = match (next_anywhere, &next_capital) {
                (Some(a), Some((c, _))) => a.start().min(c.start),
                (Some(m), None) => m.start(),
                (None, Some((c, _))) => c.start,
                (None, None) => break,
            };
            // Both parts' matches at `start`, longest first, each part
            // offering its shorter matches there in turn.
            let mut a = next_anywhere.filter(|m| m.start() == start).map(|m| {
                let part = self.anywhere.as_ref().expect("a part with a match");
                (m, part.pattern(&m))
            });
            let mut c = next_capital.clone().filter(|(f, _)| f.start == start);
            let mut end = None;
            loop {
                let from_anywhere = match (&a, &c) {
                    (Some((x, _)), Some((y, _))) => x.end() >= y.end,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                let (range, pattern) = if from_anywhere {
                    let (m, p) = a.expect("chosen");
                    (m.start()..m.end(), p)
                } else {
                    let (f, _) = c.as_ref().expect("chosen");
                    (f.start..f.end, f.pattern)
                };
                if self.accept(original, view, &mut spans, &range, pattern, &mut kept) {
                    end = Some(range.end);
                    break;
                }
                if from_anywhere {
                    let part = self.anywhere.as_ref().expect("a part with a match");
                    a = (range.len() > 1)
                        .then(|| part.anchored(text, range.start, range.end - 1))
                        .flatten()
                        .map(|m| (m, part.pattern(&m)));
                } else {
                    let index = self.capital.as_ref().expect("an index with a match");
                    let rest = c.take().expect("chosen").1;
                    c = index.next_match(bytes, start, rest);
                }
            }
            pos = match end {
                Some(end) => end,
                None => start + text[start..].chars().next().map_or(1, char::len_utf8),
            };
        }
        kept
    }
}

fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let inner_first = text[range.clone()].chars().next();
    let inner_last = text[range.clone()].chars().next_back();
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let edge_ok = |inner: Option<char>, outer: Option<char>| match (inner, outer) {
        (Some(i), Some(o)) => {
            !(is_word_char(i) && is_word_char(o)) || is_unspaced_script(i) || is_unspaced_script(o)
        }
        _ => true,
    };
    edge_ok(inner_first, before) && edge_ok(inner_last, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str, case_sensitive: bool, rule: usize) -> Literal {
        Literal {
            text: text.into(),
            case: if case_sensitive {
                CaseMode::Exact
            } else {
                CaseMode::Insensitive
            },
            owner: Owner::Term { rule, form: 0 },
        }
    }

    fn found(m: &LiteralMatcher, original: &str) -> Vec<String> {
        let view = NormalizedText::new(original, true);
        m.find(original, &view)
            .iter()
            .map(|h| original[h.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn respects_word_boundaries() {
        let m = LiteralMatcher::new(vec![lit("peninsular", false, 0)]);
        assert_eq!(found(&m, "the peninsular could"), ["peninsular"]);
        assert!(found(&m, "the peninsularity").is_empty());
    }

    #[test]
    fn matches_across_no_break_space_line_break_and_curly_apostrophe() {
        let m = LiteralMatcher::new(vec![
            lit("London School of Economics", false, 0),
            lit("Moscow's plan", false, 1),
        ]);
        assert_eq!(
            found(&m, "the\u{a0}London School of\nEconomics and Moscow’s plan"),
            ["London School of\nEconomics", "Moscow’s plan"]
        );
    }

    #[test]
    fn case_sensitive_forms_need_the_exact_case() {
        let m = LiteralMatcher::new(vec![lit("NDB", true, 0)]);
        assert_eq!(found(&m, "the NDB and the ndb"), ["NDB"]);
    }

    #[test]
    fn proper_nouns_match_their_case_or_capitals_only() {
        let m = LiteralMatcher::new(vec![Literal {
            text: "Nor Fai".into(),
            case: CaseMode::Proper,
            owner: Owner::Term { rule: 0, form: 0 },
        }]);
        assert_eq!(
            found(&m, "Nor Fai and NOR FAI, neither nor Fai"),
            ["Nor Fai", "NOR FAI"]
        );
    }

    #[test]
    fn a_refused_match_does_not_hide_the_next_or_a_shorter_one() {
        let proper = |text: &str, rule| Literal {
            text: text.into(),
            case: CaseMode::Proper,
            owner: Owner::Term { rule, form: 0 },
        };
        // "nor Fai" is not the name "Nor Fai"; "Fai Chai" right after it is.
        let m = LiteralMatcher::new(vec![proper("Nor Fai", 0), proper("Fai Chai", 1)]);
        assert_eq!(found(&m, "Neither Qui nor Fai Chai spoke"), ["Fai Chai"]);
        // The longest form at a position is refused, a shorter one is taken.
        let m = LiteralMatcher::new(vec![proper("Li Wei Ming", 0), lit("li wei", false, 1)]);
        assert_eq!(found(&m, "said li wei ming"), ["li wei"]);
        // Two rules sharing one form both hit.
        let m = LiteralMatcher::new(vec![lit("Wang", false, 0), lit("wang", false, 1)]);
        let view = NormalizedText::new("Wang", true);
        assert_eq!(m.find("Wang", &view).len(), 2);
    }

    #[test]
    fn longest_match_wins_and_cjk_needs_no_spaces() {
        let m = LiteralMatcher::new(vec![
            lit("Wang", false, 0),
            lit("Wang Yi", false, 1),
            lit("王毅", false, 2),
        ]);
        assert_eq!(
            found(&m, "Wang Yi (王毅) and 外长王毅说"),
            ["Wang Yi", "王毅", "王毅"]
        );
    }

    #[test]
    fn nfd_text_matches_nfc_rule() {
        let m = LiteralMatcher::new(vec![lit("Pérez", false, 0)]);
        assert_eq!(found(&m, "Pe\u{301}rez said"), ["Pe\u{301}rez"]);
    }
    proptest::proptest! {
        /// Looking for capitalised forms only at capitals finds exactly what
        /// one scan of every byte for every form finds: same hits, same
        /// order, same owners, whatever the case modes, the spacing, the
        /// invisible characters, the combining marks or the scripts around.
        #[test]
        fn gated_search_finds_what_the_plain_search_finds(
            forms in proptest::collection::vec(
                ("(Qu|qu|Q|K|\u{212a}|İ|i|É|Li|li|王)[a-z ]{0,5}", 0usize..3), 1..8),
            pieces in proptest::collection::vec(
                ("(Qu|QU|qu|Q|K|\u{212a}|İ|I\u{307}|E\u{301}|É|Li|LI|li|王|a|i| |\u{a0}|\n|\u{200b}|\u{ad}|-|'|’|\\.|x|\u{301})",
                 0usize..8, 0usize..4),
                0..40),
        ) {
            let literals: Vec<Literal> = forms
                .iter()
                .enumerate()
                .map(|(rule, (text, mode))| Literal {
                    text: text.clone(),
                    case: [CaseMode::Insensitive, CaseMode::Proper, CaseMode::Exact][*mode],
                    owner: Owner::Term { rule, form: 0 },
                })
                .collect();
            // Pieces of noise, and the forms themselves as written, in
            // capitals or in lowercase.
            let text: String = pieces
                .iter()
                .map(|(noise, form, how)| {
                    let form = &forms[form % forms.len()].0;
                    match how {
                        0 => noise.clone(),
                        1 => form.clone(),
                        2 => form.to_uppercase(),
                        _ => form.to_lowercase(),
                    }
                })
                .collect();
            let view = NormalizedText::new(&text, true);
            let gated = LiteralMatcher::build(literals.clone(), true);
            let plain = LiteralMatcher::build(literals, false);
            proptest::prop_assert_eq!(gated.find(&text, &view), plain.find(&text, &view));
        }
    }
}
