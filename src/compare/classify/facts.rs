//! Numbers as facts: what each number of a version states, so that only
//! the same fact is compared across versions.
//!
//! Every number is read once per version ([`scan_facts`]): the scanner's
//! quantities and calendar years ([`crate::text::numbers::scan`]), the
//! ordinals and hyphenated counts it leaves out ("fifth", "World War II",
//! "four-nation"), and for a number without a unit what it counts ("four
//! people", "two terms", "150 million litres") or ranks ("Category 4").
//! Two numbers are one fact only when they are of one kind: the same
//! unit family (a speed is no distance), the same currency family, both
//! ordinals, or counts of the same noun (one of them may leave the noun
//! out: "injuring four people" and "injuring five").
//!
//! A parenthetical conversion is checked inside its own version
//! ([`conversion_misses`], the rule `check` applies, with no rules): "20
//! miles (32 kilometres)" is right and "(23 kilometres)" an error there. A
//! conversion that arithmetic checks is not compared across versions
//! (a metric edition's rounding is its own), only its quantity is.

use crate::text::numbers::{
    Mention, Unit, conversion_miss, hyphenated_counts, ordinals, scan, singular,
};
use std::ops::Range;

/// Words after a number that name nothing it counts.
const FUNCTION_WORDS: &[&str] = &[
    "of", "to", "and", "or", "nor", "in", "on", "at", "by", "for", "with", "from", "than", "the",
    "a", "an", "that", "which", "who", "whom", "whose", "were", "was", "are", "is", "be", "been",
    "being", "have", "has", "had", "will", "would", "could", "should", "may", "might", "can",
    "must", "do", "did", "does", "per", "as", "so", "but", "if", "when", "while", "after",
    "before", "into", "over", "under", "about", "around", "across", "since", "until", "its",
    "their", "his", "her", "our", "your", "my", "this", "these", "those", "out", "up", "down",
    "off", "less", "fewer", "said", "says", "say", "each", "apiece", "there", "then", "now", "ago",
    "later", "earlier", "percent", "times", "all", "both", "among", "between", "also",
];

/// Words between a number and its noun ("three more games", "two other ships").
const QUALIFIERS: &[&str] = &[
    "more",
    "other",
    "new",
    "additional",
    "further",
    "extra",
    "separate",
    "consecutive",
    "straight",
    "successive",
    "previous",
    "full",
    "whole",
    "different",
    "major",
    "key",
    "main",
    "big",
    "small",
    "large",
];

/// Nouns ending in "-ed" (any other such word after a number is a verb:
/// "four died", "five injured").
const ED_NOUNS: &[&str] = &[
    "bed", "beds", "seed", "seeds", "speed", "speeds", "breed", "breeds", "creed", "creeds",
    "need", "needs", "feed", "feeds", "shed", "sheds", "reed", "reeds", "weed", "weeds", "deed",
    "deeds", "steed", "steeds", "hundred", "hundreds",
];

/// Words before a number that make it a rank: "Category 4", "level 3", "Phase 2".
const RANK_WORDS: &[&str] = &[
    "category",
    "level",
    "grade",
    "stage",
    "phase",
    "tier",
    "class",
    "division",
    "article",
    "section",
    "chapter",
    "clause",
    "paragraph",
    "flight",
    "route",
    "gate",
    "platform",
    "terminal",
    "highway",
    "interstate",
    "channel",
    "round",
    "game",
    "leg",
    "row",
    "seat",
    "room",
    "block",
    "zone",
    "sector",
    "resolution",
    "amendment",
    "number",
];

/// Words before a four-digit number that make it a year ("in 2000",
/// "the 2000 election"), not a count ("2000 troops").
const YEAR_WORDS: &[&str] = &[
    "in",
    "since",
    "from",
    "until",
    "till",
    "by",
    "of",
    "before",
    "after",
    "during",
    "year",
    "early",
    "late",
    "mid",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "circa",
    "around",
    "between",
    "and",
    "to",
    "the",
    "a",
    "an",
    "through",
    "throughout",
    "’s",
    "'s",
];

/// The ASCII word (letters, an inner hyphen or apostrophe) starting at
/// `at` after inline spaces, and its end.
fn word_after(text: &str, at: usize) -> Option<(&str, usize)> {
    let rest = text.get(at..)?;
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}', '\u{2009}']);
    if trimmed.len() == rest.len() && at > 0 {
        return None;
    }
    let start = at + rest.len() - trimmed.len();
    let len = trimmed
        .char_indices()
        .find(|&(i, c)| !(c.is_alphabetic() || (i > 0 && matches!(c, '-' | '\u{2011}'))))
        .map_or(trimmed.len(), |(i, _)| i);
    (len > 0).then(|| (&text[start..start + len], start + len))
}

/// The word right before `at` (spaces between), lowercased, and where it
/// starts.
fn word_before(text: &str, at: usize) -> Option<(String, usize)> {
    let before = text.get(..at)?;
    let trimmed = before.trim_end_matches([' ', '\u{a0}', '\u{202f}', '\u{2009}']);
    if trimmed.len() == before.len() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || matches!(c, '’' | '\''))
        .last()
        .map(|(i, _)| i)?;
    Some((trimmed[start..].to_lowercase(), start))
}

/// The noun a number counts and the end of its word: the next word (past
/// one qualifier such as "more"), lowercase, no function word and no verb
/// ("four died"), in the singular.
fn noun_after(text: &str, end: usize) -> Option<(String, usize)> {
    let (mut word, mut next) = word_after(text, end)?;
    if QUALIFIERS.contains(&word) {
        (word, next) = word_after(text, next)?;
    }
    let lower = word.to_lowercase();
    if word.chars().next().is_some_and(char::is_uppercase)
        || FUNCTION_WORDS.contains(&lower.as_str())
        || (lower.ends_with("ed") && lower.len() >= 4 && !ED_NOUNS.contains(&lower.as_str()))
        || lower.ends_with("ly")
    {
        return None;
    }
    Some((count_noun(&lower), next))
}

/// Count nouns that name one thing: "a four-nation tour" and "a
/// three-country tour" count the same.
const SAME_NOUN: &[(&str, &str)] = &[
    ("nation", "country"),
    ("individual", "person"),
    ("kid", "child"),
];

/// A counted noun as compared: in the singular, synonyms folded.
fn count_noun(word: &str) -> String {
    let one = singular(word);
    SAME_NOUN
        .iter()
        .find(|(a, _)| *a == one)
        .map_or(one, |(_, b)| (*b).to_string())
}

/// What a number without a unit counts or ranks (see the module doc), and
/// the span that then states the fact: the number with its noun ("four
/// people") or its rank word ("Category 4").
fn counted(text: &str, m: &Mention) -> (Option<String>, Range<usize>) {
    let span = m.span.clone();
    if let Some(c) = &m.counted {
        return (Some(count_noun(c)), span);
    }
    if m.unit.as_ref().is_some_and(|u| *u != Unit::CalendarYear) {
        return (None, span);
    }
    if let Some((w, start)) = word_before(text, m.span.start)
        && RANK_WORDS.contains(&w.as_str())
    {
        return (Some(w), start..span.end);
    }
    if m.ordinal {
        return (None, span);
    }
    match noun_after(text, m.span.end) {
        Some((noun, end)) => (Some(noun), span.start..end),
        None => (None, span),
    }
}

/// Every number of `text` that `compare` reads, in text order, with its
/// conversion links and what each unitless one counts. The scanner runs
/// line by line (a quantity never spans a paragraph), which keeps the time
/// linear in the length of the file.
pub(super) fn scan_facts(text: &str) -> Vec<Mention> {
    let mut scanned: Vec<Mention> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let base = scanned.len();
        let shift = |r: &Range<usize>| r.start + offset..r.end + offset;
        for mut m in scan(line) {
            m.span = shift(&m.span);
            m.number = shift(&m.number);
            m.magnitude_span = m.magnitude_span.as_ref().map(shift);
            m.converts = m.converts.map(|i| i + base);
            scanned.push(m);
        }
        offset += line.len();
    }
    // Ordinals and hyphenated counts, merged in text order (the scanner
    // reads none of them); conversion links follow their quantities.
    let mut extra: Vec<Mention> = ordinals(text);
    extra.extend(hyphenated_counts(text));
    extra.sort_by_key(|m| m.span.start);
    let mut out: Vec<Mention> = Vec::with_capacity(scanned.len() + extra.len());
    let mut new_index = vec![0; scanned.len()];
    let mut extra = extra.into_iter().peekable();
    for (i, m) in scanned.into_iter().enumerate() {
        while let Some(e) = extra.next_if(|e| e.span.start < m.span.start) {
            if out.last().is_none_or(|l| l.span.end <= e.span.start) && e.span.end <= m.span.start {
                out.push(e);
            }
        }
        new_index[i] = out.len();
        out.push(m);
    }
    for e in extra {
        if out.last().is_none_or(|l| l.span.end <= e.span.start) {
            out.push(e);
        }
    }
    for m in &mut out {
        m.converts = m.converts.map(|i| new_index[i]);
    }
    // Each fact's words: a span grows over its noun or rank word only when
    // no other number is there (a year stays a year: its noun is kept for
    // `year_is_count`, its span is not widened).
    for i in 0..out.len() {
        let (c, span) = counted(text, &out[i]);
        let before = i.checked_sub(1).map_or(0, |p| out[p].span.end);
        let after = out.get(i + 1).map_or(text.len(), |n| n.span.start);
        if span.start >= before && span.end <= after && !out[i].is_calendar_year() {
            out[i].span = span;
        }
        out[i].counted = c;
    }
    out
}

/// A calendar year that is a count ("2000 troops"): a noun follows and no
/// word of time precedes.
pub(super) fn year_is_count(text: &str, m: &Mention) -> bool {
    m.is_calendar_year()
        && m.counted.is_some()
        && word_before(text, m.span.start).is_none_or(|(w, _)| !YEAR_WORDS.contains(&w.as_str()))
}

/// Whether a mention states a fact worth comparing: a number in words
/// needs a unit, a noun or a value of two or more ("one of them" is no
/// fact), and a capitalised number word inside a sentence is part of a
/// name ("Formula One").
pub(super) fn is_fact(text: &str, m: &Mention, sentence_start: bool) -> bool {
    if !m.in_words || m.unit.is_some() || m.ordinal {
        return true;
    }
    let capital = text[m.span.clone()]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if capital && !sentence_start {
        return false;
    }
    // A fraction in words ("a third of", "two-thirds", "half") states a share.
    let fraction = m.decimals > 0 && m.value > 0.0 && m.value < 1.0;
    m.counted.is_some() || fraction || (m.value >= 2.0 && m.decimals == 0)
}

/// A conversion whose arithmetic needs no rate (lengths, speeds, areas…):
/// checked in its own version, not compared across versions.
pub(super) fn checkable(outer: &Mention, inner: &Mention) -> bool {
    match (&outer.unit, &inner.unit) {
        (Some(a), Some(b)) => a.convert(1.0, b).is_some() && a != b,
        _ => false,
    }
}

/// A parenthetical conversion that misses its quantity, in one version.
#[derive(Debug, Clone, PartialEq)]
pub struct ConversionMiss {
    /// Index of the version.
    pub version: usize,
    /// The quantity converted ("20 miles").
    pub outer: Mention,
    /// The conversion in parentheses ("23 kilometres").
    pub inner: Mention,
    /// What the conversion should be, in its own unit.
    pub expected: f64,
}

/// The parenthetical conversions of `mentions` (a version's, in text
/// order) that miss the quantity they convert, among those starting in
/// `article` (the byte ranges of its article text, sorted).
pub(super) fn conversion_misses(
    version: usize,
    mentions: &[Mention],
    article: &[Range<usize>],
) -> Vec<ConversionMiss> {
    let in_article = |at: usize| {
        let i = article.partition_point(|r| r.end <= at);
        article.get(i).is_some_and(|r| r.start <= at)
    };
    mentions
        .iter()
        .filter_map(|inner| {
            let outer = mentions.get(inner.converts?)?;
            if !checkable(outer, inner) || !in_article(inner.span.start) {
                return None;
            }
            let expected = conversion_miss(outer, inner, |v, a, b| a.convert(v, b))?;
            Some(ConversionMiss {
                version,
                outer: outer.clone(),
                inner: inner.clone(),
                expected,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Option<String>)> {
        scan_facts(text)
            .iter()
            .map(|m| (text[m.span.clone()].to_string(), m.counted.clone()))
            .collect()
    }

    #[test]
    fn counts_carry_their_noun_and_ranks_their_word() {
        let got = read(
            "It killed four people and two more soldiers; 150 million litres a day; a Category 4 storm; three died; a four-nation tour.",
        );
        assert_eq!(
            got,
            [
                ("four people".to_string(), Some("person".to_string())),
                ("two more soldiers".into(), Some("soldier".into())),
                ("150 million litres".into(), Some("litre".into())),
                ("Category 4".into(), Some("category".into())),
                ("three".into(), None),
                ("four-nation".into(), Some("country".into())),
            ]
        );
    }

    #[test]
    fn ordinals_merge_in_text_order_and_conversions_keep_their_links() {
        let text = "The fifth ship sailed 20 miles (32 kilometres) in World War II.";
        let all = scan_facts(text);
        let shown: Vec<&str> = all.iter().map(|m| &text[m.span.clone()]).collect();
        assert_eq!(shown, ["fifth", "20 miles", "32 kilometres", "II"]);
        assert_eq!(all[2].converts, Some(1));
        assert!(all[0].ordinal && all[3].ordinal);
    }

    #[test]
    fn wrong_conversions_are_found_in_their_version() {
        let check = |text: &str| {
            let m = scan_facts(text);
            conversion_misses(0, &m, std::slice::from_ref(&(0..text.len())))
        };
        assert!(check("a walk of 20 miles (32 kilometers) today").is_empty());
        let miss = check("a walk of 20 miles (23 kilometers) today");
        assert_eq!(miss.len(), 1);
        assert!((miss[0].expected - 32.187).abs() < 0.01);
        assert!(check("winds of 80 mph (129km/h) hit").is_empty());
        assert_eq!(check("winds of 80 mph (192km/h) hit").len(), 1);
        assert!(check("gusts of 120 miles (193 kilometres) per hour").is_empty());
        // Currencies need a rate: not checked here.
        assert!(check("$100 billion (Dh467.3 billion)").is_empty());
        // Outside the article text (a caption line): not checked.
        let text = "a walk of 20 miles (23 kilometers) today";
        let m = scan_facts(text);
        assert!(conversion_misses(0, &m, &[]).is_empty());
    }

    #[test]
    fn years_that_count_and_words_that_state_nothing() {
        let text = "In 2000 troops landed; the 2000 election; 2000 troops landed.";
        let all = scan_facts(text);
        let counts: Vec<bool> = all.iter().map(|m| year_is_count(text, m)).collect();
        assert_eq!(counts, [false, false, true]);
        let text = "one of them and Formula One, but two of them";
        let all = scan_facts(text);
        let facts: Vec<&str> = all
            .iter()
            .filter(|m| is_fact(text, m, false))
            .map(|m| &text[m.span.clone()])
            .collect();
        assert_eq!(facts, ["two"]);
    }
}

/// [`conversion_misses`] for every version, in its article text (the
/// sentences `compare` aligns: CMS residue and captions left out).
pub(super) fn version_conversion_misses(
    versions: &[crate::compare::Version],
    mentions: &[Vec<Mention>],
) -> Vec<ConversionMiss> {
    versions
        .iter()
        .zip(mentions)
        .enumerate()
        .flat_map(|(vi, (v, m))| {
            let article: Vec<Range<usize>> = v.sentences.iter().map(|s| s.span.clone()).collect();
            conversion_misses(vi, m, &article)
        })
        .collect()
}

/// End to end through `compare`: each behaviour with a case that must flag
/// and one that must stay quiet.
#[cfg(test)]
mod compared {
    use crate::codes::Check;
    use crate::compare::classify::compare;
    use crate::finding::{Finding, Severity};

    fn run(texts: &[&str]) -> Vec<Finding> {
        compare(&crate::compare::classify::test_versions(
            texts.iter().copied(),
        ))
    }

    /// (path, found, severity) of every finding.
    fn got(texts: &[&str]) -> Vec<(String, String, Severity)> {
        run(texts)
            .into_iter()
            .map(|f| {
                assert_eq!(f.check, Check::CompareNumber, "{f:#?}");
                (f.path, f.found, f.severity)
            })
            .collect()
    }

    fn flags(texts: &[&str], path: &str, found: &str, severity: Severity) {
        let g = got(texts);
        assert_eq!(
            g,
            [(path.to_string(), found.to_string(), severity)],
            "{texts:#?}"
        );
    }

    fn quiet(texts: &[&str]) {
        let f = run(texts);
        assert!(f.is_empty(), "{texts:#?}\n{f:#?}");
    }

    const PEOPLE: &str =
        "The storm flattened the harbour wall near the old fish market, injuring four people.\n";

    #[test]
    fn counts_in_words_and_figures() {
        let five = PEOPLE.replace("four", "five");
        flags(
            &[PEOPLE, PEOPLE, &five],
            "v2.txt",
            "five people",
            Severity::Error,
        );
        // "two" is "2"; a noun dropped is the same count.
        quiet(&[PEOPLE, &PEOPLE.replace("four", "4"), PEOPLE]);
        let dropped = PEOPLE.replace("four people", "five");
        flags(
            &[PEOPLE, PEOPLE, &dropped],
            "v2.txt",
            "five",
            Severity::Error,
        );
    }

    #[test]
    fn counts_with_their_noun() {
        let a = "The senator has served two terms in the chamber and won three games of chess against the governor.\n";
        let b = a.replace("two terms", "three terms");
        flags(&[a, a, &b], "v2.txt", "three terms", Severity::Error);
        quiet(&[a, a, a]);
        // "a dozen" is twelve.
        let c =
            "A dozen envoys gathered in the old palace hall for the signing ceremony at dawn.\n";
        let d = c.replace("A dozen", "12");
        let e = c.replace("A dozen", "13");
        quiet(&[c, &d]);
        flags(&[c, &d, &e], "v2.txt", "13 envoys", Severity::Error);
    }

    #[test]
    fn fractions_in_words() {
        let a = "Nearly a third of the provincial budget now goes on servicing the debt of the railway.\n";
        flags(
            &[a, a, &a.replace("a third", "a quarter")],
            "v2.txt",
            "a quarter",
            Severity::Error,
        );
        let b = "The council said two-thirds of the new flats would be let at social rents next year.\n";
        flags(
            &[b, &b.replace("two-thirds", "three-quarters"), b],
            "v1.txt",
            "three-quarters",
            Severity::Error,
        );
        // Words and a figure that say the same share agree; an ordinal is no fraction.
        quiet(&[a, a, &a.replace("a third", "one-third")]);
        let c = "She is seeking a third term in office after two terms marked by a long feud with the unions.\n";
        quiet(&[c, c, c]);
    }

    #[test]
    fn temperatures_and_their_conversions() {
        let a =
            "By noon the thermometer on the quay read 35C (95F) and the fish market shut early.\n";
        flags(
            &[a, a, &a.replace("35C (95F)", "37C (99F)")],
            "v2.txt",
            "37C",
            Severity::Error,
        );
        // A Fahrenheit edition says the same temperature: a note at most.
        for same in ["95F (35C)", "95 degrees Fahrenheit"] {
            let b = a.replace("35C (95F)", same);
            let f = run(&[a, a, &b]);
            assert!(f.iter().all(|f| f.severity == Severity::Note), "{f:#?}");
        }
    }

    #[test]
    fn hyphenated_counts() {
        let a = "The prime minister began a four-nation tour of the region with a stop in the capital.\n";
        let b = a.replace("four-nation", "three-country");
        flags(&[a, a, &b], "v2.txt", "three-country", Severity::Error);
        quiet(&[a, &a.replace("four-nation", "four-country"), a]);
    }

    #[test]
    fn ordinals_and_roman_numerals() {
        let a = "It was the fifth nuclear test since the regime of the young leader began in the north.\n";
        flags(
            &[a, a, &a.replace("fifth", "sixth")],
            "v2.txt",
            "sixth",
            Severity::Error,
        );
        quiet(&[a, &a.replace("fifth", "5th"), a]);
        let w = "The cemetery holds the graves of sailors who died in World War II off the northern cape.\n";
        flags(
            &[w, w, &w.replace("War II", "War I")],
            "v2.txt",
            "I",
            Severity::Error,
        );
        quiet(&[w, w]);
    }

    #[test]
    fn percentages_compare_by_their_printed_digits() {
        let a =
            "Support for the plan among the coastal voters has reached 51% in the latest survey.\n";
        flags(
            &[a, a, &a.replace("51%", "52%")],
            "v2.txt",
            "52%",
            Severity::Error,
        );
        quiet(&[a, &a.replace("51%", "51 per cent"), a]);
    }

    #[test]
    fn ranks() {
        let a = "Forecasters said a Category 4 storm would reach the low-lying coast before the weekend.\n";
        flags(
            &[a, a, &a.replace("Category 4", "Category 3")],
            "v2.txt",
            "Category 3",
            Severity::Error,
        );
        quiet(&[a, a, a]);
    }

    #[test]
    fn money_keeps_its_currency() {
        let a =
            "The regional council approved a grant of €400 million for the new coastal railway.\n";
        let b = a.replace("€400", "$400");
        flags(&[a, a, &b], "v2.txt", "$400 million", Severity::Error);
        quiet(&[a, &a.replace("€400 million", "€400m"), a]);
        // Another currency with another number: a conversion compare cannot check, a note.
        let c = a.replace("€400 million", "£340 million");
        flags(&[a, a, &c], "v2.txt", "£340 million", Severity::Note);
    }

    #[test]
    fn speeds_and_their_conversions() {
        let a = "Gusts of 80 mph tore the roofs off the sheds along the northern quay overnight.\n";
        // A metric edition: the same speed converted, or with the conversion added.
        let metric = a.replace("80 mph", "129km/h");
        flags(&[a, a, &metric], "v2.txt", "129km/h", Severity::Note);
        quiet(&[a, a, &a.replace("80 mph", "80 mph (129km/h)")]);
        quiet(&[a, &a.replace("80 mph", "80 miles per hour")]);
        // Another speed is a contradiction; a wrong conversion an error in its version.
        flags(
            &[a, a, &a.replace("80 mph", "192km/h")],
            "v2.txt",
            "192km/h",
            Severity::Error,
        );
        let f = run(&[a, a, &a.replace("80 mph", "80 mph (192km/h)")]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].path.as_str(), f[0].found.as_str()),
            ("v2.txt", "192km/h")
        );
        assert!(
            f[0].message.contains("does not convert"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].severity, Severity::Error);
        // A speed is no distance.
        quiet(&[a, &a.replace("80 mph", "80 miles")]);
    }

    #[test]
    fn conversions_inside_each_version() {
        let a = "The pilgrims walked 20 miles (32 kilometers) across the moor before nightfall.\n";
        quiet(&[a, a]);
        quiet(&[a]);
        let wrong = a.replace("(32", "(23");
        let f = run(&[&wrong]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].found, "23 kilometers");
        assert_eq!(f[0].expected.as_deref(), Some("32.2 km"));
        assert_eq!(f[0].related.len(), 1);
        // Rounded otherwise in a metric edition ("32" and "32.2"): no drift.
        quiet(&[a, &a.replace("(32 kilometers)", "(32.2 kilometres)")]);
        // A rounded figure alone in a metric edition is the same distance.
        let metric = a.replace("20 miles (32 kilometers)", "30km");
        flags(&[a, a, &metric], "v2.txt", "30km", Severity::Note);
    }

    #[test]
    fn unrelated_numbers_are_never_lumped() {
        // The same sentence, its numbers of other things in another order.
        let a = "The 4 trawlers carried 20 crew between them when the gale struck the bay.\n";
        let b = "The 20 crew were aboard 4 trawlers between them when the gale struck the bay.\n";
        quiet(&[a, b]);
        let c = "The 3 trawlers carried 20 crew between them when the gale struck the bay.\n";
        let g = got(&[a, a, c]);
        assert_eq!(
            g,
            [(
                "v2.txt".to_string(),
                "3 trawlers".to_string(),
                Severity::Error
            )]
        );
        // Two different nouns in the aligned place are two facts.
        let d = "The 4 trawlers carried 20 nets between them when the gale struck the bay.\n";
        quiet(&[a, d]);
    }

    #[test]
    fn years_that_count() {
        let a = "Officials said 2000 troops landed on the island at dawn to secure the airfield.\n";
        flags(
            &[a, a, &a.replace("2000", "2500")],
            "v2.txt",
            "2500",
            Severity::Error,
        );
        quiet(&[a, a]);
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use crate::compare::classify::compare;
    use crate::source::SourceFile;
    use proptest::strategy::Strategy;

    /// Pieces that trip the readers of numbers and times: case folding
    /// beyond ASCII (ſ, K, İ), other digits, hyphens, ordinals, dates,
    /// clock times, speeds, conversions.
    fn piece() -> impl Strategy<Value = String> {
        let parts = proptest::sample::select(vec![
            "ſecond",
            "Second",
            "second",
            "fifth",
            "twenty-first",
            "21st",
            "2nd",
            "War II",
            "World War I",
            "four-nation",
            "12-member",
            "two",
            "people",
            "a dozen",
            "Category 4",
            "Level",
            "ＫＭ",
            "Kelvin",
            "İstanbul",
            "٣",
            "4:10 a.m.",
            "16:10 GMT",
            "noon",
            "at",
            "on",
            "Tuesday",
            "last Monday",
            "yesterday",
            "two days ago",
            "March 3",
            "3 March",
            "Oct.",
            "May 2014",
            "in",
            "November",
            "2014",
            "2000 troops",
            "80 mph",
            "(129km/h)",
            "20 miles",
            "(23 kilometers)",
            "per hour",
            "-",
            "‑",
            "’s",
            ",",
            ".",
            "\u{a0}",
            "\n",
            "€400 million",
            "$400",
            "51%",
            "the",
            "of",
        ]);
        proptest::collection::vec(parts, 0..40).prop_map(|v| v.join(" "))
    }

    proptest::proptest! {
        #[test]
        fn spans_lie_on_char_boundaries(text in piece()) {
            for m in scan_facts(&text) {
                for r in [&m.span, &m.number] {
                    proptest::prop_assert!(r.start <= r.end && r.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                }
            }
            for f in crate::compare::classify::time::find(&text, 0, "2017-11-06".parse().ok()) {
                proptest::prop_assert!(f.span.start <= f.span.end && f.span.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            }
        }

        #[test]
        fn compare_never_panics_on_numbers_and_times(a in piece(), b in piece(), c in piece()) {
            let files = vec![
                SourceFile::new("a.txt", a.clone()),
                SourceFile::new("b.txt", b),
                SourceFile::new("c.txt", format!("{a} {c}")),
            ];
            let _ = compare(&files);
        }
    }
}
