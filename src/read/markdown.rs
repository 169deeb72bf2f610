//! The Markdown reader (`.md`, `.markdown`): the prose of a CommonMark
//! document, mapped back to the Markdown source byte by byte.
//!
//! pulldown-cmark parses the file and its offset iterator gives every event
//! its source range. Only what a reader of the rendered piece reads as its
//! prose is kept:
//!
//! - text of paragraphs, headings, list items, block quotes and table cells,
//!   with emphasis, strong and strikethrough markers dropped, so that
//!   `**Wang** Li` reads "Wang Li";
//! - a link's text (`[the talks](https://…)` reads "the talks"), never its
//!   URL or title;
//! - a character reference or escape as the character it stands for
//!   (`&amp;` is "&", mapped to the whole `&amp;`).
//!
//! Not read: front matter (the document parses it from the file; parsing
//! here starts after it, offsets stay file offsets), code spans, code
//! blocks, raw HTML blocks and inline HTML tags (the text between inline
//! tags is read), HTML comments, autolinks (their text is the URL),
//! reference definitions, footnote references and footnote definitions (as
//! the Word reader does not check footnotes), and images: neither path nor
//! title nor alt text. Alt text describes a picture; rendered, it is an
//! attribute of `<img>`, which the HTML reader does not check either, and it
//! plays the part of the photo caption, page furniture in every reader.
//!
//! A soft line break reads as a space (a name broken across two source
//! lines is one name); a hard break, and the end of every block, as a line
//! break, which ends a sentence. The line breaks put between blocks belong
//! to no source byte ([`ByteMap`]).

use super::{ByteMap, FileMetadata, Prepared};
use crate::metadata::front_matter;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The extensions read: GFM tables and strikethrough (common in newsroom
/// Markdown), footnotes (so that `[^1]` is a reference, not text) and
/// heading attributes (so that `{#id}` is not text).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The prepared text being built.
#[derive(Default)]
struct Builder {
    text: String,
    map: ByteMap,
}

impl Builder {
    /// Append `s`, read from `source[range]`: one to one when it is that
    /// slice, else (a decoded entity) standing for the whole range.
    fn read(&mut self, s: &str, range: Range<usize>) {
        if s.is_empty() {
            return;
        }
        let at = self.text.len();
        self.text.push_str(s);
        self.map.push(at..self.text.len(), range);
    }

    /// End the line, unless the text is empty or already ends one: what
    /// goes between blocks, in no segment.
    fn end_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }
}

/// Whether the contents of `tag` are not prose.
fn skipped(tag: &Tag) -> bool {
    match tag {
        Tag::CodeBlock(_)
        | Tag::HtmlBlock
        | Tag::Image { .. }
        | Tag::FootnoteDefinition(_)
        | Tag::MetadataBlock(_) => true,
        Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => false,
    }
}

/// Whether the end of `tag` closes a skipped one ([`skipped`]).
fn skipped_end(tag: &TagEnd, link_skipped: &mut Vec<bool>) -> bool {
    match tag {
        TagEnd::CodeBlock
        | TagEnd::HtmlBlock
        | TagEnd::Image
        | TagEnd::FootnoteDefinition
        | TagEnd::MetadataBlock(_) => true,
        TagEnd::Link => link_skipped.pop().unwrap_or(false),
        _ => false,
    }
}

/// Whether `tag` is inline (its start and end do not end a line).
fn inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Where the Markdown of `source` begins: after its front matter and a
/// byte-order mark.
fn body_start(source: &str) -> usize {
    front_matter(source).map_or_else(
        || source.len() - source.trim_start_matches('\u{feff}').len(),
        |fm| fm.end,
    )
}

/// The file ranges of `source` that are code (code spans, fenced and
/// indented code blocks), where `<!-- … -->` is text shown, not a
/// comment; in file order.
pub fn code_ranges(source: &str) -> Vec<Range<usize>> {
    let body = body_start(source);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(&source[body..], options()).into_offset_iter() {
        let range = range.start + body..range.end + body;
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                if depth == 0 {
                    out.push(range);
                }
                depth += 1;
            }
            Event::End(TagEnd::CodeBlock) => depth = depth.saturating_sub(1),
            Event::Code(_) if depth == 0 => out.push(range),
            _ => {}
        }
    }
    out
}

/// Read the Markdown file `source`.
pub fn read(source: &str) -> Prepared {
    let body = body_start(source);
    let markdown = &source[body..];
    let mut out = Builder::default();
    // Depth of skipped tags around the current event, and for each open
    // link whether it is skipped (an autolink), since `TagEnd::Link` does
    // not say.
    let mut skip = 0usize;
    let mut links = Vec::new();
    let mut headline: Option<String> = None;
    let mut in_first_h1 = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let range = range.start + body..range.end + body;
        match event {
            Event::Start(tag) => {
                if let Tag::Link { .. } = tag {
                    links.push(skipped(&tag));
                }
                if skipped(&tag) {
                    skip += 1;
                }
                if !inline(&tag.to_end()) {
                    out.end_line();
                }
                if let Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                } = tag
                    && headline.is_none()
                    && skip == 0
                {
                    in_first_h1 = Some(out.text.len());
                }
            }
            Event::End(tag) => {
                if skipped_end(&tag, &mut links) {
                    skip = skip.saturating_sub(1);
                }
                if let TagEnd::Heading(_) = tag
                    && let Some(from) = in_first_h1.take()
                {
                    headline = Some(out.text[from..].trim().to_string());
                }
                if !inline(&tag) {
                    out.end_line();
                }
            }
            Event::Text(s) if skip == 0 => out.read(&s, range),
            Event::SoftBreak if skip == 0 => out.read(" ", range),
            Event::HardBreak if skip == 0 => out.read("\n", range),
            Event::Rule => out.end_line(),
            // Code, raw HTML, footnote references, task markers, math and
            // anything inside a skipped tag.
            _ => {}
        }
    }
    Prepared {
        text: out.text,
        map: Some(out.map),
        file_metadata: FileMetadata {
            headline: headline.filter(|h| !h.is_empty()),
            ..FileMetadata::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prepared text and, for each of `words`, the source slice its
    /// first occurrence in the text maps back to.
    fn mapped<'a>(md: &'a str, words: &[&str]) -> (String, Vec<&'a str>) {
        let p = read(md);
        let map = p.map.as_ref().unwrap();
        let slices = words
            .iter()
            .map(|w| {
                let at = p
                    .text
                    .find(w)
                    .unwrap_or_else(|| panic!("{w:?} in {:?}", p.text));
                &md[map.span(&(at..at + w.len()))]
            })
            .collect();
        (p.text, slices)
    }

    #[test]
    fn emphasis_does_not_split_a_name() {
        let md = "Foreign Minister **Wang** Li said *so*.";
        let (text, slices) = mapped(md, &["Wang Li", "so"]);
        assert_eq!(text, "Foreign Minister Wang Li said so.\n");
        assert_eq!(slices, ["Wang** Li", "so"]);
    }

    #[test]
    fn code_links_images_html_and_comments_are_not_prose() {
        let md = "See [the talks](https://x.example/peninsular \"peninsular\") and \
                  ![peninsular](img/peninsular.jpg \"peninsular\") or `peninsular` \
                  <span class=\"peninsular\">here</span> <!-- 300km peninsular --> \
                  <https://x.example/peninsular>.\n\n```\npeninsular\n```\n\n    peninsular\n\n\
                  <div>\npeninsular\n</div>\n\n[ref]: https://x.example/peninsular \"peninsular\"\n";
        let p = read(md);
        assert!(!p.text.contains("peninsular"), "{:?}", p.text);
        assert!(!p.text.contains("300"), "{:?}", p.text);
        assert!(p.text.contains("the talks"), "{:?}", p.text);
        assert!(p.text.contains("here"), "{:?}", p.text);
    }

    #[test]
    fn entities_map_to_their_whole_source_and_escapes_to_their_character() {
        let md = "Wang&nbsp;Li \\*said\\* 2&#x2C;400km";
        let (text, slices) = mapped(md, &["\u{a0}", "*said*", "2,400km"]);
        assert_eq!(text, "Wang\u{a0}Li *said* 2,400km\n");
        assert_eq!(slices, ["&nbsp;", "*said\\*", "2&#x2C;400km"]);
    }

    #[test]
    fn soft_breaks_are_spaces_and_blocks_end_lines() {
        let md = "# The head\n\nWang\nLi spoke  \nthen.\n\n- one\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| c | d |\n";
        let p = read(md);
        assert_eq!(
            p.text,
            "The head\nWang Li spoke\nthen.\none\ntwo\nquoted\na\nb\nc\nd\n"
        );
        assert_eq!(p.file_metadata.headline.as_deref(), Some("The head"));
        let map = p.map.unwrap();
        let at = p.text.find("Wang Li").unwrap();
        assert_eq!(&md[map.span(&(at..at + 7))], "Wang\nLi");
    }

    #[test]
    fn front_matter_is_skipped_and_offsets_stay_file_offsets() {
        for md in [
            "---\ntitle: peninsular\noutlet: x\n---\nBody **text**.\n",
            "+++\ntitle = \"peninsular\"\n+++\nBody **text**.\n",
        ] {
            let (text, slices) = mapped(md, &["Body", "text"]);
            assert_eq!(text, "Body text.\n");
            assert_eq!(slices, ["Body", "text"]);
        }
        // A thematic break that opens a file is no front matter.
        let (text, _) = mapped("---\n\nBody.\n", &["Body"]);
        assert_eq!(text, "Body.\n");
    }

    #[test]
    fn an_empty_file_reads_as_nothing() {
        let p = read("");
        assert_eq!(p.text, "");
        assert_eq!(p.map.unwrap().span(&(0..0)), 0..0);
    }

    mod generated {
        //! Generated Markdown around generated prose: plain words are
        //! lowercase `a`–`p`, words that must never be read (URLs, titles,
        //! code, comments, alt text, front matter) are made of `q`–`y`.
        use super::*;
        use proptest::prelude::*;

        #[derive(Debug, Clone)]
        enum Piece {
            Plain(String),
            Emphasis(String),
            Strong(String),
            /// `**ab**cd`: strong inside a word.
            StrongPrefix(String, String),
            Link(String, String, String),
            Image(String, String),
            Code(String),
            Comment(String),
            Html(String, String),
            Autolink(String),
            Entity,
            Escape,
        }

        #[derive(Debug, Clone)]
        enum Block {
            /// Lines joined by soft (`false`) or hard (`true`) breaks.
            Paragraph(Vec<(Vec<Piece>, bool)>),
            Heading(usize, Vec<Piece>),
            List(Vec<Vec<Piece>>),
            Quote(Vec<Piece>),
            Code(String),
            Comment(String),
        }

        fn plain() -> impl Strategy<Value = String> {
            "[a-p]{1,8}"
        }

        fn hidden() -> impl Strategy<Value = String> {
            "[q-y]{1,8}"
        }

        fn piece() -> impl Strategy<Value = Piece> {
            prop_oneof![
                4 => plain().prop_map(Piece::Plain),
                1 => plain().prop_map(Piece::Emphasis),
                1 => plain().prop_map(Piece::Strong),
                1 => (plain(), plain()).prop_map(|(a, b)| Piece::StrongPrefix(a, b)),
                1 => (plain(), hidden(), hidden()).prop_map(|(t, u, h)| Piece::Link(t, u, h)),
                1 => (hidden(), hidden()).prop_map(|(a, p)| Piece::Image(a, p)),
                1 => hidden().prop_map(Piece::Code),
                1 => hidden().prop_map(Piece::Comment),
                1 => (hidden(), plain()).prop_map(|(h, w)| Piece::Html(h, w)),
                1 => hidden().prop_map(Piece::Autolink),
                1 => Just(Piece::Entity),
                1 => Just(Piece::Escape),
            ]
        }

        /// A line of pieces; it opens with a plain word, so that no line
        /// starts a block of its own (`<!--` would open an HTML block).
        fn line() -> impl Strategy<Value = Vec<Piece>> {
            (plain(), prop::collection::vec(piece(), 0..6)).prop_map(|(first, mut rest)| {
                rest.insert(0, Piece::Plain(first));
                rest
            })
        }

        fn block() -> impl Strategy<Value = Block> {
            prop_oneof![
                4 => prop::collection::vec((line(), any::<bool>()), 1..4).prop_map(Block::Paragraph),
                1 => (1..4usize, line()).prop_map(|(l, p)| Block::Heading(l, p)),
                1 => prop::collection::vec(line(), 1..4).prop_map(Block::List),
                1 => line().prop_map(Block::Quote),
                1 => hidden().prop_map(Block::Code),
                1 => hidden().prop_map(Block::Comment),
            ]
        }

        /// The Markdown source and where each plain word is in it.
        #[derive(Default)]
        struct Source {
            md: String,
            words: Vec<(String, Range<usize>)>,
        }

        impl Source {
            fn raw(&mut self, s: &str) {
                self.md.push_str(s);
            }

            fn word(&mut self, w: &str) {
                let at = self.md.len();
                self.md.push_str(w);
                self.words.push((w.to_string(), at..self.md.len()));
            }

            fn pieces(&mut self, pieces: &[Piece]) {
                for (i, p) in pieces.iter().enumerate() {
                    if i > 0 {
                        self.raw(" ");
                    }
                    match p {
                        Piece::Plain(w) => self.word(w),
                        Piece::Emphasis(w) => {
                            self.raw("*");
                            self.word(w);
                            self.raw("*");
                        }
                        Piece::Strong(w) => {
                            self.raw("**");
                            self.word(w);
                            self.raw("**");
                        }
                        Piece::StrongPrefix(a, b) => {
                            self.raw("**");
                            self.word(a);
                            self.raw("**");
                            self.word(b);
                        }
                        Piece::Link(t, u, h) => {
                            self.raw("[");
                            self.word(t);
                            self.raw(&format!("](/{u}/{h} \"{h} {u}\")"));
                        }
                        Piece::Image(a, p) => self.raw(&format!("![{a}]({p}.{a} \"{p}\")")),
                        Piece::Code(c) => self.raw(&format!("`{c}`")),
                        Piece::Comment(c) => self.raw(&format!("<!-- {c} -->")),
                        Piece::Html(h, w) => {
                            self.raw(&format!("<span title=\"{h}\">"));
                            self.word(w);
                            self.raw("</span>");
                        }
                        Piece::Autolink(u) => self.raw(&format!("<https://{u}.{u}/{u}>")),
                        Piece::Entity => self.raw("&amp;"),
                        Piece::Escape => self.raw("\\*"),
                    }
                }
            }

            fn block(&mut self, b: &Block) {
                match b {
                    Block::Paragraph(lines) => {
                        for (i, (l, hard)) in lines.iter().enumerate() {
                            if i > 0 {
                                self.raw(if *hard { "  \n" } else { "\n" });
                            }
                            self.pieces(l);
                        }
                    }
                    Block::Heading(level, l) => {
                        self.raw(&"#".repeat(*level));
                        self.raw(" ");
                        self.pieces(l);
                    }
                    Block::List(items) => {
                        for (i, l) in items.iter().enumerate() {
                            if i > 0 {
                                self.raw("\n");
                            }
                            self.raw("- ");
                            self.pieces(l);
                        }
                    }
                    Block::Quote(l) => {
                        self.raw("> ");
                        self.pieces(l);
                    }
                    Block::Code(c) => self.raw(&format!("```\n{c}\n{c}\n```")),
                    Block::Comment(c) => self.raw(&format!("<!--\n{c}\n-->")),
                }
                self.raw("\n\n");
            }
        }

        fn document() -> impl Strategy<Value = (Option<String>, Vec<Block>)> {
            (
                prop::option::of(hidden()),
                prop::collection::vec(block(), 1..6),
            )
        }

        proptest! {
            #[test]
            fn text_maps_into_the_file_and_plain_words_map_to_themselves(
                (front, blocks) in document()
            ) {
                let mut src = Source::default();
                if let Some(f) = &front {
                    src.raw(&format!("---\ntitle: {f}\n---\n"));
                }
                let body = src.md.len();
                for b in &blocks {
                    src.block(b);
                }
                let md = &src.md;
                let p = read(md);
                let map = p.map.as_ref().unwrap();
                let text = &p.text;

                // Nothing that is not prose is read.
                prop_assert!(!text.contains(|c: char| ('q'..='y').contains(&c)), "{text:?}");

                // Every span maps inside the file, after the front matter
                // (an empty text has no segment: its one empty span maps to
                // 0), never inverted, and later spans never map earlier.
                let body = if map.segments().is_empty() { 0 } else { body };
                let bounds: Vec<usize> =
                    (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
                let mut last = (0, 0);
                for &a in &bounds {
                    let (s, e) = (map.start(a), map.end(a));
                    prop_assert!(s >= body && s <= md.len() && e <= md.len(), "{a}: {s}..{e}");
                    prop_assert!(s >= last.0 && e >= last.1, "{a}: {s}..{e} after {last:?}");
                    last = (s, e);
                    for &b in bounds.iter().filter(|&&b| b >= a).take(12) {
                        let r = map.span(&(a..b));
                        prop_assert!(r.start <= r.end && r.end <= md.len(), "{a}..{b}: {r:?}");
                        prop_assert!(r.start >= body, "{a}..{b}: {r:?}");
                    }
                }

                // Every plain word of the source is in the text and maps
                // back to exactly itself.
                for (word, range) in &src.words {
                    let seg = map
                        .segments()
                        .iter()
                        .find(|s| s.source.start <= range.start && range.end <= s.source.end);
                    prop_assert!(seg.is_some(), "{word:?} at {range:?} is not read: {text:?}");
                    let seg = seg.unwrap();
                    prop_assert_eq!(seg.text.len(), seg.source.len());
                    let at = seg.text.start + (range.start - seg.source.start);
                    let t = at..at + word.len();
                    prop_assert_eq!(&text[t.clone()], word.as_str());
                    prop_assert_eq!(map.span(&t), range.clone());
                }
            }
        }
    }
}
