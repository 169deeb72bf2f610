//! Who a quotation is attributed to: the entity the nearest attribution in
//! its sentence names ("X said", "according to X", "X has asserted that").

use super::Mention;
use crate::document::{Document, sentences};
use crate::lexicon::speech::speech_verb;
use crate::text::Word;
use crate::text::quotes::Quotation;
use std::ops::Range;

/// The entity the nearest attribution in the passage's sentence names.
pub(super) fn attribution(doc: &Document, mentions: &[Mention], q: &Quotation) -> Option<Mention> {
    let (text, words) = (doc.text(), doc.words());
    let window = attribution_window(doc, q);
    let quoted = |r: &Range<usize>| doc.quoted().contains(r);
    // Words and mentions are sorted: only those in the window are looked at.
    let first_word = words.partition_point(|w| w.span.start < window.start);
    let in_window: Vec<&Word> = words[first_word..]
        .iter()
        .take_while(|w| w.span.start < window.end)
        .filter(|w| w.span.end <= window.end && !quoted(&w.span))
        .collect();
    let lower = |w: &Word| text[w.span.clone()].to_lowercase();
    let words_between = |from: usize, to: usize| {
        in_window
            .iter()
            .filter(|w| w.span.start >= from && w.span.end <= to)
            .count()
    };
    let first_mention = mentions.partition_point(|m| m.span.start < window.start);
    let mentions: Vec<&Mention> = mentions[first_mention..]
        .iter()
        .take_while(|m| m.span.start < window.end)
        .filter(|m| m.span.end <= window.end && !quoted(&m.span))
        .collect();
    let mut best: Option<(usize, Mention)> = None;
    for (i, verb) in in_window.iter().enumerate() {
        let Some(speech) = speech_verb(&lower(verb)) else {
            continue;
        };
        let next = in_window.get(i + 1).map(|w| lower(w));
        if !speech.attributes(next.as_deref()) {
            continue;
        }
        let subject_after_only = speech.speaker_after_only;
        let before = (!subject_after_only)
            .then(|| {
                mentions
                    .iter()
                    .filter(|m| {
                        m.span.end <= verb.span.start
                            && words_between(m.span.end, verb.span.start) <= 5
                    })
                    .max_by_key(|m| (m.span.end, std::cmp::Reverse(m.span.start)))
            })
            .flatten();
        let after = || {
            let from = if subject_after_only {
                in_window.get(i + 1).map_or(verb.span.end, |w| w.span.end)
            } else {
                verb.span.end
            };
            mentions
                .iter()
                .filter(|m| m.span.start >= from && words_between(from, m.span.start) <= 4)
                .min_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)))
        };
        let Some(subject) = before.or_else(after) else {
            continue;
        };
        let attribution =
            subject.span.start.min(verb.span.start)..subject.span.end.max(verb.span.end);
        let distance = if attribution.end <= q.span.start {
            q.span.start - attribution.end
        } else {
            attribution.start.saturating_sub(q.span.end)
        };
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, (*subject).clone()));
        }
    }
    best.map(|(_, m)| m)
}

/// The sentence a quotation stands in: the sentences from the one that
/// holds its opening mark to the one that holds its closing mark, widened
/// over every sentence end that lies inside a quotation ("“Soon. Very
/// soon,” she said" is one sentence for its attribution).
fn attribution_window(doc: &Document, q: &Quotation) -> Range<usize> {
    let sentences = doc.sentences();
    let quoted = doc.quoted();
    let Some(mut first) = sentences::index_at(sentences, q.span.start) else {
        return doc.sentence_around(&q.span);
    };
    let mut last = sentences::index_at(sentences, q.span.end.saturating_sub(1)).unwrap_or(first);
    while first > 0 && quoted.strictly_inside(sentences[first].start) {
        first -= 1;
    }
    while last + 1 < sentences.len() && quoted.strictly_inside(sentences[last].end) {
        last += 1;
    }
    sentences[first].start.min(q.span.start)..sentences[last].end.max(q.span.end)
}
