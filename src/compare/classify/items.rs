//! The items of one version's unit: time expressions, numbers and
//! quantities, names, and quotations with the speaker they are attributed to.

use super::facts;
use super::words::{fold_spelling, is_common_opener, is_title, sentence_adverb};
use super::{Item, Kind, Reading};
use crate::compare::Version;
use crate::lexicon::speech::speech_verb;
use crate::text::numbers::Mention;
use std::ops::Range;

/// A unit's tokens, with what each one belongs to.
pub(super) struct Prepared<'v> {
    pub(super) keys: Vec<&'v str>,
    /// `keys` as word ids (one per distinct key in the analysis), for the
    /// word diffs; filled by [`Prepared::intern`].
    pub(super) ids: Vec<u32>,
    pub(super) in_quote: Vec<bool>,
}

impl<'v> Prepared<'v> {
    /// Give each key its word id in `ids` (new keys get the next id).
    pub(super) fn intern(&mut self, ids: &mut rustc_hash::FxHashMap<&'v str, u32>) {
        self.ids = self
            .keys
            .iter()
            .map(|&k| {
                let next = ids.len() as u32;
                *ids.entry(k).or_insert(next)
            })
            .collect();
    }
}

pub(super) fn prepare<'v>(v: &'v Version, unit_tokens: &[usize]) -> Prepared<'v> {
    let keys = unit_tokens
        .iter()
        .map(|&t| v.tokens[t].key.as_str())
        .collect();
    let in_quote = unit_tokens
        .iter()
        .map(|&t| v.in_quotation(&v.tokens[t].span))
        .collect();
    Prepared {
        keys,
        ids: Vec::new(),
        in_quote,
    }
}

/// Positions (in `unit_tokens`, which are in text order) of the tokens
/// inside `span`.
fn positions(v: &Version, unit_tokens: &[usize], span: &Range<usize>) -> Range<usize> {
    let lo = unit_tokens.partition_point(|&t| v.tokens[t].span.end <= span.start);
    let hi = unit_tokens.partition_point(|&t| v.tokens[t].span.start < span.end);
    if lo < hi { lo..hi } else { 0..0 }
}

/// Byte ranges inside [square brackets] within `range`.
fn bracketed(text: &str, range: &Range<usize>) -> Vec<Range<usize>> {
    enclosed(text, range, ('[', ']'))
}

/// Byte ranges between the marks `open` and `close` (both included), not
/// nested, within `range`.
fn enclosed(
    text: &str,
    range: &Range<usize>,
    (opening, closing): (char, char),
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in text[range.clone()].char_indices() {
        match c {
            c if c == opening => open = Some(range.start + i),
            c if c == closing => {
                if let Some(o) = open.take() {
                    out.push(o..range.start + i + 1);
                }
            }
            _ => {}
        }
    }
    out
}

/// The words that open a sentence capitalised and that the piece (any
/// version) also writes in lower case: "Port strike drags on", "Some 800
/// containers" are no names, though "Port Director Vroom" holds one.
#[derive(Debug, Default, Clone)]
pub struct Openers(rustc_hash::FxHashSet<String>);

impl Openers {
    /// The openers of `versions`: the sentences' first words, looked up
    /// among the lower-case words of every version.
    pub(super) fn of(versions: &[Version]) -> Openers {
        let first: rustc_hash::FxHashSet<&str> = versions
            .iter()
            .flat_map(|v| v.tokens.iter())
            .filter(|t| t.sentence_start && t.capitalized)
            .map(|t| t.key.as_str())
            .collect();
        let mut out = rustc_hash::FxHashSet::default();
        for t in versions.iter().flat_map(|v| v.tokens.iter()) {
            if !t.capitalized && first.contains(t.key.as_str()) && !out.contains(t.key.as_str()) {
                out.insert(t.key.clone());
            }
        }
        Openers(out)
    }

    /// Does the piece write `key`, a sentence's capitalised first word, in
    /// lower case too? At the start of a sentence it is then no part of a
    /// name ("Later Wang Yi said", "Port strike drags on").
    pub(super) fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    /// Is the unit's word `p` an opener alone, not the first of a name of
    /// several words ("Port Director Vroom" is read as a name)?
    fn is_common(&self, p: usize, unit_tokens: &[usize], v: &Version) -> bool {
        let tok = &v.tokens[unit_tokens[p]];
        let next_joins = unit_tokens.get(p + 1).is_some_and(|&n| {
            let n = &v.tokens[n];
            n.capitalized && n.joined && !n.sentence_start
        });
        // An acronym ("US officials said") is a name wherever it stands.
        let word = &v.source.text[tok.span.clone()];
        let acronym = word.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !word.chars().any(char::is_lowercase);
        !next_joins && !acronym && (self.0.contains(tok.key.as_str()) || adverbial_opener(v, tok))
    }
}

/// A sentence's first word that is an adverbial set off by a comma
/// ("Combined, their reservoirs …", "Together, they …", "Separately, …"):
/// an adverb or a participle, not a name.
fn adverbial_opener(v: &Version, tok: &crate::compare::Token) -> bool {
    let comma = v.source.text[tok.span.end..].starts_with(',');
    let k = tok.key.as_str();
    comma && (k.ends_with("ly") || k.ends_with("ed") || k.ends_with("ing") || sentence_adverb(k))
}

/// The items of one version's unit in one group.
pub(super) fn unit_items(
    v: &Version,
    vi: usize,
    gi: usize,
    unit_tokens: &[usize],
    sentences: &[usize],
    mentions: &[Mention],
    (prep, openers): (&Prepared, &Openers),
) -> Vec<Item> {
    let text = &v.source.text;
    let mut items = Vec::new();
    let spans: Vec<Range<usize>> = sentences
        .iter()
        .map(|&s| v.sentences[s].span.clone())
        .collect();
    let in_unit = |at: usize| spans.iter().any(|s| s.start <= at && at < s.end);
    let mut taken = vec![false; unit_tokens.len()];
    // Time expressions.
    for s in &spans {
        for f in super::time::find(&text[s.clone()], s.start, v.metadata.published) {
            let pos = positions(v, unit_tokens, &f.span);
            if pos.is_empty() || prep.in_quote[pos.start] || taken[pos.clone()].iter().any(|t| *t) {
                continue;
            }
            taken[pos.clone()].iter_mut().for_each(|t| *t = true);
            items.push(Item {
                version: vi,
                group: gi,
                kind: Kind::Time,
                reading: Reading::Time {
                    words: f.words,
                    absolute: f.absolute,
                    when: f.when,
                },
                span: f.span,
                pos,
                speaker: None,
            });
        }
    }
    // Numbers and quantities.
    // Mentions are in text order: only those inside the unit's sentences.
    let in_sentences = spans.iter().flat_map(|s| {
        let lo = mentions.partition_point(|m| m.span.start < s.start);
        let hi = mentions.partition_point(|m| m.span.start < s.end);
        lo..hi
    });
    for mi in in_sentences.collect::<Vec<usize>>() {
        let m = &mentions[mi];
        let own = positions(v, unit_tokens, &m.span);
        if own.is_empty() || taken[own.clone()].iter().any(|t| *t) || prep.in_quote[own.start] {
            continue;
        }
        let sentence_start = v.tokens[unit_tokens[own.start]].sentence_start;
        // A year ("signed in 2014") is a time expression; "2000 troops" a count.
        let counts = facts::year_is_count(text, m);
        if m.is_calendar_year() && !counts {
            taken[own.clone()].iter_mut().for_each(|t| *t = true);
            items.push(Item {
                version: vi,
                group: gi,
                kind: Kind::Time,
                span: m.span.clone(),
                pos: own,
                reading: Reading::Time {
                    words: vec![text[m.span.clone()].to_string()],
                    absolute: true,
                    when: super::time::year_when(m.value),
                },
                speaker: None,
            });
            continue;
        }
        if !facts::is_fact(text, m, sentence_start) {
            continue;
        }
        // A conversion that arithmetic checks is judged in its own version
        // (`facts::conversion_misses`); its quantity is compared.
        if let Some(o) = m.converts
            && facts::checkable(&mentions[o], m)
        {
            continue;
        }
        let mut reading = m.clone();
        if counts {
            reading.unit = None;
        }
        // A quantity and its conversion in parentheses are one statement:
        // the quantity's place covers both ("2,000 mile (3,218km)").
        let mut pos = own.clone();
        if let Some(c) = mentions[mi + 1..]
            .iter()
            .take(2)
            .find(|c| c.converts == Some(mi))
        {
            let conv = positions(v, unit_tokens, &c.span);
            if !conv.is_empty() {
                pos.end = pos.end.max(conv.end);
            }
        }
        taken[own].iter_mut().for_each(|t| *t = true);
        items.push(Item {
            version: vi,
            group: gi,
            kind: Kind::Number,
            span: m.span.clone(),
            pos,
            reading: Reading::Number(reading),
            speaker: None,
        });
    }
    // Names: runs of capitalised words joined by spaces.
    let mut names: Vec<Range<usize>> = Vec::new();
    let mut run: Option<Range<usize>> = None;
    for (p, &t) in unit_tokens.iter().enumerate() {
        let tok = &v.tokens[t];
        let usable = tok.capitalized && !prep.in_quote[p] && !taken[p];
        let continues = usable && run.is_some() && tok.joined && !tok.sentence_start;
        if continues {
            if let Some(r) = run.as_mut() {
                r.end = p + 1;
            }
            continue;
        }
        if let Some(r) = run.take() {
            names.push(r);
        }
        if usable
            && !(tok.sentence_start
                && (is_common_opener(&tok.key) || openers.is_common(p, unit_tokens, v)))
        {
            run = Some(p..p + 1);
        }
    }
    if let Some(r) = run.take() {
        names.push(r);
    }
    for r in names {
        let span =
            v.tokens[unit_tokens[r.start]].span.start..v.tokens[unit_tokens[r.end - 1]].span.end;
        items.push(Item {
            version: vi,
            group: gi,
            kind: Kind::Name,
            reading: Reading::Words(
                r.clone()
                    .map(|p| v.word(unit_tokens[p]).to_string())
                    .collect(),
            ),
            span,
            pos: r,
            speaker: None,
        });
    }
    // Quotations that start in this unit.
    let name_items: Vec<Item> = items
        .iter()
        .filter(|i| i.kind == Kind::Name)
        .cloned()
        .collect();
    let unit_range = spans.first().map_or(0, |s| s.start)..spans.last().map_or(0, |s| s.end);
    for q in v.quotes_near(&unit_range) {
        let mut content = q.content();
        if q.depth > 0 {
            continue;
        }
        // A quotation that began in an earlier sentence and runs on into
        // this unit: its words here are an item of this unit too.
        let continued = !in_unit(content.start)
            && spans
                .iter()
                .any(|s| content.start < s.start && s.start < content.end);
        if !in_unit(content.start) && !continued {
            continue;
        }
        let pos = positions(v, unit_tokens, &content);
        if pos.is_empty() {
            continue;
        }
        if continued {
            content.start = v.tokens[unit_tokens[pos.start]].span.start;
        }
        // An editor's insertion in [brackets], and a metric edition's
        // conversion in (parentheses), are not the speaker's words.
        let mut brackets = bracketed(text, &content);
        let lo = mentions.partition_point(|m| m.span.start < content.start);
        let hi = mentions.partition_point(|m| m.span.start < content.end);
        // A quantity alone in parentheses ("a mile (1.6 kilometres)") is
        // a conversion, whether or not the scanner linked it to "a mile".
        let quantities: Vec<&Range<usize>> = mentions[lo..hi]
            .iter()
            .filter(|m| m.unit.is_some())
            .map(|m| &m.span)
            .collect();
        brackets.extend(
            enclosed(text, &content, ('(', ')'))
                .into_iter()
                .filter(|p| {
                    let inner = text[p.start + 1..p.end - 1].trim();
                    let at = p.start
                        + 1
                        + (text[p.start + 1..p.end - 1].len()
                            - text[p.start + 1..p.end - 1].trim_start().len());
                    quantities
                        .iter()
                        .any(|q| q.start == at && q.end == at + inner.len())
                }),
        );
        let words: Vec<String> = pos
            .clone()
            .filter(|&p| {
                let s = &v.tokens[unit_tokens[p]].span;
                !brackets
                    .iter()
                    .any(|b| b.start <= s.start && s.end <= b.end)
            })
            .map(|p| fold_spelling(prep.keys[p]))
            .collect();
        if words.is_empty() {
            continue;
        }
        let quote_span = if continued {
            content.start..q.span.end
        } else {
            q.span.clone()
        };
        let speaker = attribution(v, unit_tokens, &name_items, &quote_span, &spans);
        items.push(Item {
            version: vi,
            group: gi,
            kind: Kind::Quote,
            span: content,
            pos,
            reading: Reading::Words(words),
            speaker,
        });
    }
    items
}

/// The speaker a quotation is attributed to in its sentence: the nearest
/// name followed (within two words) by a verb of saying, or after "said".
fn attribution(
    v: &Version,
    unit_tokens: &[usize],
    names: &[Item],
    quote: &Range<usize>,
    sentences: &[Range<usize>],
) -> Option<(String, Range<usize>)> {
    let sentence = sentences
        .iter()
        .find(|s| s.start <= quote.start && quote.start < s.end)?;
    let key = |p: usize| v.tokens[unit_tokens[p]].key.as_str();
    // A verb of saying (the lexicon's) within two words from token `from`.
    let verb_at = |from: usize| {
        (from..(from + 2).min(unit_tokens.len())).any(|p| {
            speech_verb(key(p)).is_some_and(|verb| {
                !verb.speaker_after_only
                    && verb.attributes((p + 1 < unit_tokens.len()).then(|| key(p + 1)))
            })
        })
    };
    // Names whose appositive stands between them and the verb ("Sen. Harlan
    // Brooks, D-Wash., said"; "Kittipong Saengthong, the chief executive of
    // Siam Riverworks, told"): the name speaks, not the words set off by
    // commas after it, whatever names those hold.
    let appositives: Vec<(usize, Range<usize>)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let gap = appositive(&v.source.text, &n.span, sentence)?;
            let next = unit_tokens.partition_point(|&t| v.tokens[t].span.start < gap.end);
            verb_at(next).then_some((i, gap))
        })
        .collect();
    let mut best: Option<(usize, String, Range<usize>)> = None;
    for (i, n) in names.iter().enumerate() {
        if !(sentence.start <= n.span.start && n.span.end <= sentence.end)
            || (quote.start <= n.span.start && n.span.end <= quote.end)
        {
            continue;
        }
        if appositives
            .iter()
            .any(|(_, g)| g.start <= n.span.start && n.span.end <= g.end)
        {
            continue;
        }
        let after = verb_at(n.pos.end) || appositives.iter().any(|(j, _)| *j == i);
        let key_at = |back: usize| {
            n.pos
                .start
                .checked_sub(back)
                .map(|p| v.tokens[unit_tokens[p]].key.as_str())
        };
        // "“…,” said Lupe Aranda": the name after "said" speaks when the
        // quotation came before it; "Saengthong said Pha Khao would be
        // “…”" makes "Pha Khao" the subject of what was said, not the speaker.
        let before = (matches!(key_at(1), Some("said" | "says")) && quote.end <= n.span.start)
            || (key_at(1) == Some("to") && key_at(2) == Some("according"));
        if !(after || before) {
            continue;
        }
        let distance = if n.span.end <= quote.start {
            quote.start - n.span.end
        } else {
            n.span.start.saturating_sub(quote.end)
        };
        let Reading::Words(w) = &n.reading else {
            continue;
        };
        // A title alone ("Mr." cut off from "Korolyov" by its point) is
        // nobody: the name after it speaks.
        if (n.pos.start..n.pos.end).all(|p| is_title(&v.tokens[unit_tokens[p]].key)) {
            continue;
        }
        let last = w.last()?.clone();
        // The name without the titles before it ("Secretary of State Rex Tillerson").
        let first = (n.pos.start..n.pos.end)
            .find(|&p| !is_title(&v.tokens[unit_tokens[p]].key))
            .unwrap_or(n.pos.end - 1);
        let span = v.tokens[unit_tokens[first]].span.start..n.span.end;
        if best.as_ref().is_none_or(|b| distance < b.0) {
            best = Some((distance, last, span));
        }
    }
    best.map(|(_, n, s)| (n, s))
}

/// The appositive set off by commas right after a name, up to and with its
/// closing comma ("Brooks`, D-Wash.,` said", "Saengthong`, the chief
/// executive of Siam Riverworks,` told"): at most ten words, within the
/// sentence, with no quotation mark or other clause mark in it.
fn appositive(text: &str, name: &Range<usize>, sentence: &Range<usize>) -> Option<Range<usize>> {
    let rest = text.get(name.end..sentence.end)?;
    // A gloss in parentheses may stand between ("Liu Shaoqing (刘少卿), the …").
    let gloss = match rest.strip_prefix(" (").and_then(|r| r.find(')')) {
        Some(close) if close <= 40 => 2 + close + 1,
        _ => 0,
    };
    let body = rest[gloss..].strip_prefix(',')?;
    let close = body.find(',')?;
    let inner = &body[..close];
    let words = inner.split_whitespace().count();
    if words == 0 || words > 12 || inner.contains(|c: char| "\"“”‘;:()—–".contains(c)) {
        return None;
    }
    Some(name.end..name.end + gloss + 1 + close + 1)
}

/// Every number of `text` that `compare` reads: see [`super::facts::scan_facts`].
pub(super) fn scan_by_line(text: &str) -> Vec<Mention> {
    super::facts::scan_facts(text)
}
