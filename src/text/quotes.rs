//! Quoted passages of a text, with byte spans, and unbalanced quotation marks.
//!
//! Handles curly (“…”, ‘…’) and straight ("…", '…') marks, nested quotations,
//! apostrophes that look like single closing marks (don’t, Moscow’s, the ’90s,
//! rock ’n’ roll, the leaders’ summit), and the newspaper convention for a
//! quotation that runs over several paragraphs: no closing mark at the end of
//! a paragraph, an opening mark at the start of the next one. A paragraph
//! break is a blank line; a single line break (hard-wrapped text) never ends a
//! quotation.

use std::ops::Range;

/// One quoted passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to the end of the closing mark.
    pub span: Range<usize>,
    /// The content between the marks: one range per paragraph the quotation
    /// runs over (continuation marks excluded).
    pub parts: Vec<Range<usize>>,
    /// 0 for a top-level quotation, 1 for a quotation inside it, …
    pub depth: usize,
    /// Single quotation marks (‘…’ or '…').
    pub single: bool,
}

impl Quotation {
    /// The span of the content, from just after the opening mark to just
    /// before the closing one.
    pub fn content(&self) -> Range<usize> {
        let start = self.parts.first().map_or(self.span.start, |p| p.start);
        let end = self.parts.last().map_or(self.span.end, |p| p.end);
        start..end
    }

    /// The content split into fragments at each ellipsis (`…`, `...`,
    /// `. . .`). A fragment may run over several paragraphs, so it is a list
    /// of ranges. Fragments without a letter or digit are dropped.
    pub fn fragments(&self, text: &str) -> Vec<Vec<Range<usize>>> {
        let mut out: Vec<Vec<Range<usize>>> = vec![Vec::new()];
        for part in &self.parts {
            let mut start = part.start;
            let mut i = part.start;
            // An ellipsis starts with `.` or with the lead byte 0xE2 of `…`,
            // both char boundaries: jump from one to the next.
            while let Some(at) = memchr::memchr2(b'.', 0xE2, &text.as_bytes()[i..part.end]) {
                i += at;
                let rest = &text[i..part.end];
                let len = ellipsis_len(rest);
                if len > 0 {
                    if let Some(current) = out.last_mut() {
                        current.push(start..i);
                    }
                    out.push(Vec::new());
                    i += len;
                    start = i;
                } else {
                    i += rest.chars().next().map_or(1, char::len_utf8);
                }
            }
            if let Some(current) = out.last_mut() {
                current.push(start..part.end);
            }
        }
        out.retain(|f| {
            f.iter()
                .any(|r| text[r.clone()].chars().any(char::is_alphanumeric))
        });
        out
    }
}

/// Byte length of an ellipsis at the start of `s`, or 0.
fn ellipsis_len(s: &str) -> usize {
    if s.starts_with('…') {
        return '…'.len_utf8();
    }
    if s.starts_with(". . .") {
        return 5;
    }
    let dots = s.bytes().take_while(|&b| b == b'.').count();
    if dots >= 3 { dots } else { 0 }
}

/// What is wrong with an unbalanced mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imbalance {
    /// A closing mark with no opening mark before it.
    UnmatchedClose,
    /// An opening mark that is never closed (not even by the paragraph
    /// continuation convention).
    NeverClosed,
}

/// A quotation mark without its partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnbalancedMark {
    /// The mark itself.
    pub span: Range<usize>,
    /// The mark character.
    pub mark: char,
    /// A closing mark with no opening one, or an opening mark never closed.
    pub kind: Imbalance,
}

/// Every quotation of a text, in order of their opening marks, and every
/// unbalanced mark, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quotations {
    /// The quotations, in order of their opening marks.
    pub quotes: Vec<Quotation>,
    /// The unbalanced marks, in text order.
    pub unbalanced: Vec<UnbalancedMark>,
}

#[derive(Debug)]
struct Open {
    mark: char,
    mark_span: Range<usize>,
    single: bool,
    /// A straight single mark: too often an elision ('em, 'tis) to report
    /// when it is never closed.
    straight_single: bool,
    parts: Vec<Range<usize>>,
    part_start: usize,
}

fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\''
            )
    })
}

fn closes_before(next: Option<char>) -> bool {
    next.is_none_or(|n| !n.is_alphanumeric())
}

/// `’n’` / `'n'` as in "rock ’n’ roll": two apostrophes, not a quotation.
#[cfg(test)]
fn is_n_elision(chars: &[(usize, char)], i: usize) -> bool {
    let is_mark = |c: char| matches!(c, '’' | '\'' | '‘');
    matches!(
        (chars.get(i + 1), chars.get(i + 2)),
        (Some(&(_, 'n' | 'N')), Some(&(_, c))) if is_mark(c)
    ) && chars.get(i + 3).is_none_or(|&(_, c)| !c.is_alphanumeric())
}

/// Extract the quotations of `text`.
///
/// Only line breaks and quotation marks do anything, so the scan jumps from
/// one to the next with `memchr` and decodes the characters around each; the
/// plain char-by-char walk it must agree with is `quotations_by_char` in the
/// tests. What each mark does is decided in one place, [`on_mark`], for
/// both.
pub fn quotations(text: &str) -> Quotations {
    let mut out = Quotations::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut marks = MarkFinder::new(text);
    let mut pos = 0;
    while let Some(at) = marks.next_from(pos) {
        let Some(c) = char_at(text, at) else { break };
        let end = at + c.len_utf8();
        let prev = char_before(text, at);
        let next = char_at(text, end);
        match c {
            '\n' => {
                // A blank line ends the paragraph.
                let mut k = end;
                let mut newlines = 1;
                for n in text[end..].chars() {
                    if !n.is_whitespace() {
                        break;
                    }
                    newlines += usize::from(n == '\n');
                    k += n.len_utf8();
                }
                if newlines >= 2 && !stack.is_empty() {
                    let para_end = trim_end(text, at);
                    let next_mark = char_at(text, k);
                    let continues =
                        stack[0].mark != '\'' && next_mark.is_some_and(|n| n == stack[0].mark);
                    // Nested quotations never run over a paragraph break.
                    while stack.len() > 1 {
                        if let Some(open) = stack.pop() {
                            never_closed(&mut out, open);
                        }
                    }
                    if let (true, Some(mark)) = (continues, next_mark) {
                        let open = &mut stack[0];
                        open.parts.push(open.part_start..para_end);
                        open.part_start = k + mark.len_utf8();
                        pos = k + mark.len_utf8();
                        continue;
                    }
                    if let Some(open) = stack.pop() {
                        never_closed(&mut out, open);
                    }
                }
                pos = k;
                continue;
            }
            '“' | '”' | '"' | '‘' | '\'' | '’' => {
                if matches!(c, '‘' | '\'')
                    && let Some(after) = n_elision_end(text, end)
                {
                    pos = after;
                    continue;
                }
                on_mark(&mut out, &mut stack, c, at..end, prev, next);
            }
            _ => {}
        }
        pos = end;
    }
    while let Some(open) = stack.pop() {
        never_closed(&mut out, open);
    }
    out.quotes.sort_by_key(|q| (q.span.start, q.span.end));
    out.unbalanced.sort_by_key(|u| u.span.start);
    out
}

/// What a quotation mark at `span` does, given the characters around it:
/// opens or closes a quotation, is reported as unbalanced, or is an
/// apostrophe (or an inch mark) and does nothing. Line breaks and "’n’" are
/// the caller's.
fn on_mark(
    out: &mut Quotations,
    stack: &mut Vec<Open>,
    c: char,
    span: Range<usize>,
    prev: Option<char>,
    next: Option<char>,
) {
    match c {
        '“' => push(stack, c, span, false, false),
        '”' => close_double(out, stack, c, span),
        '"' => {
            let has_open = stack.iter().any(|o| !o.single);
            let close_ctx = prev.is_some_and(|p| !p.is_whitespace()) && closes_before(next);
            let open_ctx = opens_after(prev) && next.is_some_and(|n| !n.is_whitespace());
            if has_open && close_ctx {
                close_double(out, stack, c, span);
            } else if open_ctx {
                push(stack, c, span, false, false);
            } else if prev.is_some_and(|p| p.is_ascii_digit()) {
                // 5'10": an inch mark.
            } else if has_open {
                close_double(out, stack, c, span);
            } else {
                out.unbalanced.push(UnbalancedMark {
                    span,
                    mark: c,
                    kind: Imbalance::UnmatchedClose,
                });
            }
        }
        '‘' | '\'' | '’' => {
            let after_word = prev.is_some_and(|p| !p.is_whitespace() && !opens_after(Some(p)));
            let may_close = after_word && closes_before(next);
            let top_single = stack.last().is_some_and(|o| o.single);
            if c != '‘' && may_close && top_single {
                if let Some(open) = stack.pop() {
                    finish(out, stack, open, span);
                }
            } else if c != '’'
                && opens_after(prev)
                && next.is_some_and(|n| n.is_alphabetic() || matches!(n, '“' | '"'))
            {
                push(stack, '‘', span, true, c == '\'');
            } else if c == '‘'
                && opens_after(prev)
                && next.is_some_and(|n| !n.is_whitespace() && !n.is_ascii_digit())
            {
                push(stack, '‘', span, true, false);
            }
            // Anything else is an apostrophe.
        }
        _ => {}
    }
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

/// `’n’` / `'n'` as in "rock ’n’ roll" right after a mark ending at `end`:
/// the offset after the second apostrophe.
fn n_elision_end(text: &str, end: usize) -> Option<usize> {
    let mut chars = text[end..].chars();
    let (Some('n' | 'N'), Some(mark @ ('’' | '\'' | '‘'))) = (chars.next(), chars.next())
    else {
        return None;
    };
    chars
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
        .then_some(end + 1 + mark.len_utf8())
}

/// The next byte at or after an offset that may start a line break or a
/// quotation mark: `\n`, `"`, `'`, or the lead byte 0xE2 of the curly marks
/// (U+2018, U+2019, U+201C, U+201D), which the caller decodes. The next
/// apostrophe is cached apart, so each search runs over the text once.
struct MarkFinder<'a> {
    bytes: &'a [u8],
    /// Next `\n`, `"` or 0xE2 at or after the offset it was searched from.
    other: Option<Option<usize>>,
    apostrophe: Option<Option<usize>>,
}

impl<'a> MarkFinder<'a> {
    fn new(text: &'a str) -> Self {
        MarkFinder {
            bytes: text.as_bytes(),
            other: None,
            apostrophe: None,
        }
    }

    fn next_from(&mut self, from: usize) -> Option<usize> {
        let bytes = self.bytes;
        let hay = bytes.get(from..).unwrap_or_default();
        let refresh = |cached: &mut Option<Option<usize>>, find: &dyn Fn() -> Option<usize>| {
            match cached {
                Some(Some(at)) if *at >= from => {}
                Some(None) => {}
                _ => *cached = Some(find().map(|i| from + i)),
            }
            cached.flatten()
        };
        let other = refresh(&mut self.other, &|| memchr::memchr3(b'\n', b'"', 0xE2, hay));
        let apostrophe = refresh(&mut self.apostrophe, &|| memchr::memchr(b'\'', hay));
        match (other, apostrophe) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

fn trim_end(text: &str, mut at: usize) -> usize {
    while at > 0 {
        let Some(c) = text[..at].chars().next_back() else {
            break;
        };
        if !c.is_whitespace() {
            break;
        }
        at -= c.len_utf8();
    }
    at
}

fn push(stack: &mut Vec<Open>, mark: char, span: Range<usize>, single: bool, straight: bool) {
    let mark = if mark == '\'' { '‘' } else { mark };
    stack.push(Open {
        mark,
        part_start: span.end,
        mark_span: span,
        single,
        straight_single: straight,
        parts: Vec::new(),
    });
}

fn never_closed(out: &mut Quotations, open: Open) {
    if open.straight_single {
        return;
    }
    let mark = open.mark;
    out.unbalanced.push(UnbalancedMark {
        span: open.mark_span,
        mark,
        kind: Imbalance::NeverClosed,
    });
}

fn finish(out: &mut Quotations, stack: &[Open], mut open: Open, close: Range<usize>) {
    open.parts.push(open.part_start..close.start);
    out.quotes.push(Quotation {
        span: open.mark_span.start..close.end,
        parts: open.parts,
        depth: stack.len(),
        single: open.single,
    });
}

fn close_double(out: &mut Quotations, stack: &mut Vec<Open>, mark: char, span: Range<usize>) {
    if !stack.iter().any(|o| !o.single) {
        out.unbalanced.push(UnbalancedMark {
            span,
            mark,
            kind: Imbalance::UnmatchedClose,
        });
        return;
    }
    while let Some(open) = stack.pop() {
        if open.single {
            never_closed(out, open);
        } else {
            finish(out, stack, open, span);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain char-by-char walk that [`quotations`] must agree with.
    fn quotations_by_char(text: &str) -> Quotations {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Quotations::default();
        let mut stack: Vec<Open> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            let end = at + c.len_utf8();
            let prev = i.checked_sub(1).map(|k| chars[k].1);
            let next = chars.get(i + 1).map(|&(_, n)| n);
            match c {
                '\n' => {
                    // A blank line ends the paragraph.
                    let mut k = i + 1;
                    let mut newlines = 1;
                    while let Some(&(_, n)) = chars.get(k) {
                        if !n.is_whitespace() {
                            break;
                        }
                        newlines += usize::from(n == '\n');
                        k += 1;
                    }
                    if newlines >= 2 && !stack.is_empty() {
                        let para_end = trim_end(text, at);
                        let next_mark = chars.get(k).map(|&(_, n)| n);
                        let continues =
                            stack[0].mark != '\'' && next_mark.is_some_and(|n| n == stack[0].mark);
                        // Nested quotations never run over a paragraph break.
                        while stack.len() > 1 {
                            if let Some(open) = stack.pop() {
                                never_closed(&mut out, open);
                            }
                        }
                        if continues {
                            let (mark_at, mark) = chars[k];
                            let open = &mut stack[0];
                            open.parts.push(open.part_start..para_end);
                            open.part_start = mark_at + mark.len_utf8();
                            i = k + 1;
                            continue;
                        }
                        if let Some(open) = stack.pop() {
                            never_closed(&mut out, open);
                        }
                    }
                    i = k;
                    continue;
                }
                '“' | '”' | '"' | '‘' | '\'' | '’' => {
                    if matches!(c, '‘' | '\'') && is_n_elision(&chars, i) {
                        i += 3;
                        continue;
                    }
                    on_mark(&mut out, &mut stack, c, at..end, prev, next);
                }
                _ => {}
            }
            i += 1;
        }
        while let Some(open) = stack.pop() {
            never_closed(&mut out, open);
        }
        out.quotes.sort_by_key(|q| (q.span.start, q.span.end));
        out.unbalanced.sort_by_key(|u| u.span.start);
        out
    }

    proptest::proptest! {
        #[test]
        fn mark_skipping_agrees_with_char_walk(
            text in "[a-zA-Z0-9 .,;:!?()\\[\\]/5\n\t\u{a0}\u{2003}\u{2026}\u{2013}\u{2014}\u{2018}\u{2019}\u{201c}\u{201d}\u{2022}\u{2032}'\"nN—é王]{0,80}",
        ) {
            proptest::prop_assert_eq!(quotations(&text), quotations_by_char(&text));
        }
    }

    /// The char-by-char fragment split that `Quotation::fragments` must
    /// agree with.
    fn fragments_by_char(q: &Quotation, text: &str) -> Vec<Vec<Range<usize>>> {
        let mut out: Vec<Vec<Range<usize>>> = vec![Vec::new()];
        for part in &q.parts {
            let mut start = part.start;
            let mut i = part.start;
            while i < part.end {
                let rest = &text[i..part.end];
                let len = ellipsis_len(rest);
                if len > 0 {
                    if let Some(current) = out.last_mut() {
                        current.push(start..i);
                    }
                    out.push(Vec::new());
                    i += len;
                    start = i;
                } else {
                    i += rest.chars().next().map_or(1, char::len_utf8);
                }
            }
            if let Some(current) = out.last_mut() {
                current.push(start..part.end);
            }
        }
        out.retain(|f| {
            f.iter()
                .any(|r| text[r.clone()].chars().any(char::is_alphanumeric))
        });
        out
    }

    proptest::proptest! {
        #[test]
        fn fragment_skipping_agrees_with_char_walk(
            text in "[a-z .\u{2026}\u{2018}\u{2019}\u{201c}\u{201d}\u{2013}\u{2022}é\n\"]{0,60}",
        ) {
            for q in quotations(&text).quotes {
                proptest::prop_assert_eq!(q.fragments(&text), fragments_by_char(&q, &text));
            }
        }
    }

    fn contents(text: &str) -> Vec<String> {
        quotations(text)
            .quotes
            .iter()
            .map(|q| {
                q.parts
                    .iter()
                    .map(|p| &text[p.clone()])
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn curly_and_straight_double_quotes() {
        let text = "He said “apply the brakes” and then \"all options\" twice.";
        let q = quotations(text);
        assert_eq!(contents(text), ["apply the brakes", "all options"]);
        assert!(q.unbalanced.is_empty());
        assert_eq!(&text[q.quotes[0].span.clone()], "“apply the brakes”");
        assert_eq!(&text[q.quotes[1].content()], "all options");
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        let text = "Moscow’s view didn’t change through the ’90s; rock ’n’ roll and rock 'n' roll, the leaders’ summit, it's 'em.";
        let q = quotations(text);
        assert!(q.quotes.is_empty(), "{:?}", q.quotes);
        assert!(q.unbalanced.is_empty(), "{:?}", q.unbalanced);
    }

    #[test]
    fn single_quotes_are_quotations() {
        let text = "a joint ‘double freeze’ proposal and a 'dual track' plan, Moscow’s ‘red line’.";
        assert_eq!(contents(text), ["double freeze", "dual track", "red line"]);
    }

    #[test]
    fn nested_quotes() {
        let text = "“We reject the ‘double freeze’ idea,” he said.";
        let q = quotations(text);
        assert_eq!(q.quotes.len(), 2);
        assert_eq!(q.quotes[0].depth, 0);
        assert_eq!(
            &text[q.quotes[0].content()],
            "We reject the ‘double freeze’ idea,"
        );
        assert_eq!(q.quotes[1].depth, 1);
        assert!(q.quotes[1].single);
        assert_eq!(&text[q.quotes[1].content()], "double freeze");
    }

    #[test]
    fn apostrophe_inside_single_quote_does_not_close_it() {
        let text = "the ‘world’s worst deal’ indeed";
        assert_eq!(contents(text), ["world’s worst deal"]);
    }

    #[test]
    fn quotation_continued_over_a_paragraph_break() {
        let text = "He said: “The first part.\n\n“The second part.” Done.";
        let q = quotations(text);
        assert!(q.unbalanced.is_empty(), "{:?}", q.unbalanced);
        assert_eq!(contents(text), ["The first part.|The second part."]);
        assert_eq!(
            &text[q.quotes[0].span.clone()],
            &text[text.find('“').unwrap()..text.rfind('”').unwrap() + '”'.len_utf8()]
        );
    }

    #[test]
    fn a_hard_line_break_does_not_end_a_quotation() {
        let text = "“one line\nand the next” end";
        assert_eq!(contents(text), ["one line\nand the next"]);
    }

    #[test]
    fn closing_mark_without_opening_mark() {
        let text = "the era of “strategic patience” is over and that all options” are on the table";
        let q = quotations(text);
        assert_eq!(contents(text), ["strategic patience"]);
        assert_eq!(q.unbalanced.len(), 1);
        assert_eq!(q.unbalanced[0].kind, Imbalance::UnmatchedClose);
        assert_eq!(&text[q.unbalanced[0].span.clone()], "”");
    }

    #[test]
    fn opening_mark_never_closed() {
        let text = "He said “we will act.\n\nNext paragraph without a mark.";
        let q = quotations(text);
        assert!(q.quotes.is_empty());
        assert_eq!(q.unbalanced.len(), 1);
        assert_eq!(q.unbalanced[0].kind, Imbalance::NeverClosed);
        assert_eq!(q.unbalanced[0].span.start, text.find('“').unwrap());
        let q = quotations("at the end “open");
        assert_eq!(q.unbalanced[0].kind, Imbalance::NeverClosed);
    }

    #[test]
    fn unclosed_single_inside_double_is_reported() {
        let text = "“the ‘double freeze idea” he said";
        let q = quotations(text);
        assert_eq!(q.quotes.len(), 1);
        assert_eq!(q.unbalanced.len(), 1);
        assert_eq!(q.unbalanced[0].mark, '‘');
    }

    #[test]
    fn straight_closing_mark_alone_is_unbalanced_but_inches_are_not() {
        let q = quotations("he is 5'10\" tall");
        assert!(q.unbalanced.is_empty() && q.quotes.is_empty());
        let q = quotations("and all options\" are on");
        assert_eq!(q.unbalanced.len(), 1);
    }

    #[test]
    fn ellipsis_fragments() {
        for text in [
            "“destabilising factor … in line with the logic”",
            "“destabilising factor ... in line with the logic”",
            "“destabilising factor . . . in line with the logic”",
        ] {
            let q = quotations(text);
            let frags: Vec<String> = q.quotes[0]
                .fragments(text)
                .iter()
                .map(|f| {
                    f.iter()
                        .map(|r| text[r.clone()].trim())
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .collect();
            assert_eq!(
                frags,
                ["destabilising factor", "in line with the logic"],
                "{text}"
            );
        }
        let text = "“… dealt with rapidly”";
        let q = quotations(text);
        assert_eq!(q.quotes[0].fragments(text).len(), 1);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "”",
            "“",
            "'",
            "’",
            "\"",
            "‘",
            "\n\n“",
            "“\n\n“",
            "a'\n\n'b",
            "…",
            "“…”",
            "“x\n\n",
        ] {
            let q = quotations(text);
            for quote in &q.quotes {
                let _ = quote.fragments(text);
            }
        }
        let q = quotations("“\n\n“");
        assert_eq!(q.unbalanced.len(), 1);
    }
}
