//! The HTML reader (`.html`, `.htm`): the article of a published page as
//! its reader would read it, with every byte mapped back to the page's
//! source.
//!
//! # Why html5gum
//!
//! The text must map back to the source byte by byte, character
//! references to their whole `&…;` range. Of the candidates:
//! - **html5gum** is a WHATWG-compliant tokenizer (html5lib's tokenizer
//!   tests pass) whose [`html5gum::Emitter`] trait we implement ourselves:
//!   the tokenizer reports every byte it consumes (`move_position`) and
//!   every string it emits, so copied data and each decoded reference get
//!   their exact source range ([`tokens`]). It is linear, safe Rust and
//!   small. It builds no tree; the few tree-construction rules reading
//!   needs are in [`tokens`], and script/style/title contents are switched
//!   to their raw-text states by `naive_next_state`.
//! - **html5ever** builds the real tree but reports line numbers, not byte
//!   offsets, and decodes references out of sight.
//! - **lol_html** is a streaming rewriter: text chunks carry no source
//!   offsets and references are not decoded for us.
//! - **tl** gives slices into the input but is not an HTML5 tokenizer
//!   (script contents, unquoted attributes and references are its own
//!   approximations) and does not decode references.
//!
//! # What is read
//!
//! [`extract`] picks the article (itemprop, class names, `<article>`,
//! paragraph density; JSON-LD `articleBody` only when the DOM offers no
//! candidate) and leaves page furniture out; the article's `<h1>` is the
//! first line when it comes before the body (text stays in source order). Inline markup does not split words; block elements and
//! `<br>` end lines ("\n", in no segment of the map); white space runs with
//! a line break in them become one space. [`metadata`] reads the date,
//! outlet, locale, headline and byline, each with a note of its source.

pub mod extract;
pub mod metadata;
pub mod tokens;

use crate::read::Prepared;

/// Read the HTML page `src`.
pub fn prepare(src: &str) -> Prepared {
    let page = tokens::parse(src);
    let st = extract::stats(&page);
    let mut out = extract::Out::default();
    let mut scope = None;
    let mut headline = None;
    let note = if let Some((root, found)) = extract::choose(&page, &st) {
        scope = Some(root);
        let h1 = extract::headline(&page, root);
        headline = h1.map(|h| page.inner_text(h));
        // A headline before the body (in its <header>, say) is read first;
        // one inside the body where it stands. The text stays in source
        // order, so no span of it can run backwards in the file.
        let before = h1.filter(|&h| page.elements[h].close < page.elements[root].open);
        if let Some(h) = before {
            extract::emit(&page, &st, h, &mut out);
        }
        extract::emit(&page, &st, root, &mut out);
        format!("article text from {}", found.describe())
    } else if let Some((text, segments)) = metadata::article_body(&page, src) {
        for (t, s) in segments {
            out.push(&text[t], s);
        }
        "article text from the page's JSON-LD articleBody".to_string()
    } else if let Some(body) = extract::body(&page) {
        scope = Some(body);
        extract::emit(&page, &st, body, &mut out);
        format!("article text from {}", extract::Found::Body.describe())
    } else {
        extract::emit_range(&page, &st, 0..page.events.len(), &mut out);
        "article text from the whole page".to_string()
    };
    let (text, map) = out.finish();
    let mut file_metadata = metadata::gather(&page, src, scope, headline);
    file_metadata.notes.push(note);
    Prepared {
        text,
        map: Some(map),
        file_metadata,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::ops::Range;

    /// A piece of a generated page.
    #[derive(Debug, Clone)]
    enum Piece {
        /// Character data (prose, spaces, line breaks).
        Data(&'static str),
        /// A character reference and what it decodes to.
        Ref(&'static str),
        /// A tag, comment or element whose content is never read.
        Markup(&'static str),
    }

    fn piece() -> impl Strategy<Value = Piece> {
        prop_oneof![
            4 => prop::sample::select(vec![
                "Wang", "Yi", "Li", "said", "the", "peninsula", "2,400km", "pipeline", "Sergei",
                "Lavrov", " ", " ", "  ", "\n", "\n    ", "\t", ".", "“", "é", "外长",
            ])
            .prop_map(Piece::Data),
            1 => prop::sample::select(vec![
                "&nbsp;", "&ldquo;", "&rdquo;", "&#x2C;", "&#44;", "&amp;", "&lt;", "&eacute;",
                "&#x1F600;", "&copy",
            ])
            .prop_map(Piece::Ref),
            2 => prop::sample::select(vec![
                "<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<br>", "<br/>", "<div class=\"x\">",
                "</div>", "<span title=\"Wang &amp; Li\">", "</span>", "<a href=\"/peninsular\">",
                "</a>", "<!-- Wang Li 300km -->", "<script>var s = '<p>Wang Li</p>';</script>",
                "<style>p > b { }</style>", "<nav>Menu Wang Li</nav>", "<article>", "</article>",
                "<h1>", "</h1>", "<li>", "<ul>", "</ul>", "<figure>", "</figure>", "</nope>",
                "<img alt=\"Wang Li\">",
            ])
            .prop_map(Piece::Markup),
        ]
    }

    fn page(pieces: &[Piece]) -> (String, Vec<Range<usize>>, Vec<Range<usize>>) {
        let mut src = String::new();
        let (mut data, mut refs): (Vec<Range<usize>>, Vec<Range<usize>>) = (Vec::new(), Vec::new());
        for p in pieces {
            let at = src.len();
            match p {
                Piece::Data(s) => {
                    src.push_str(s);
                    match data.last_mut() {
                        Some(r) if r.end == at => r.end = src.len(),
                        _ => data.push(at..src.len()),
                    }
                }
                Piece::Ref(s) => {
                    src.push_str(s);
                    refs.push(at..src.len());
                }
                Piece::Markup(s) => src.push_str(s),
            }
        }
        (src, data, refs)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn every_text_byte_maps_to_character_data_or_a_whole_reference(
            pieces in prop::collection::vec(piece(), 0..80),
            cuts in prop::collection::vec((0usize..400, 0usize..400), 8),
        ) {
            let (src, data, refs) = page(&pieces);
            let prepared = prepare(&src);
            let map = prepared.map.as_ref().unwrap();
            let text = &prepared.text;
            let within = |r: &Range<usize>| data.iter().any(|d| d.start <= r.start && r.end <= d.end);
            let mut last = 0;
            for seg in map.segments() {
                let (t, s) = (&seg.text, &seg.source);
                prop_assert!(s.start <= s.end && s.end <= src.len());
                prop_assert!(s.start >= last, "segments out of order: {:?}", map.segments());
                last = s.end;
                if t.len() == s.len() {
                    prop_assert!(within(s), "copy {s:?} not on character data in {src:?}");
                    // Byte for byte, but a line break or tab read as a space.
                    let same = text.as_bytes()[t.clone()]
                        .iter()
                        .zip(&src.as_bytes()[s.clone()])
                        .all(|(a, b)| a == b || (*a == b' ' && b.is_ascii_whitespace()));
                    prop_assert!(same, "{:?} from {:?}", &text[t.clone()], &src[s.clone()]);
                } else {
                    let whole_ref = refs.contains(s);
                    let run = within(s) && src[s.clone()].trim().is_empty();
                    prop_assert!(whole_ref || run, "{s:?} ({:?}) in {src:?}", &src[s.clone()]);
                }
            }
            for (a, b) in cuts {
                let (a, b) = (a.min(text.len()), b.min(text.len()));
                let (a, b) = (a.min(b), a.max(b));
                if text.is_char_boundary(a) && text.is_char_boundary(b) {
                    let span = map.span(&(a..b));
                    prop_assert!(span.start <= span.end && span.end <= src.len());
                }
            }
        }
    }

    fn read(src: &str) -> String {
        prepare(src).text
    }

    #[test]
    fn inline_markup_joins_and_blocks_end_lines() {
        assert_eq!(
            read("<p><b>Wang</b> Li said</p><p>Two<br>three</p>"),
            "Wang Li said\nTwo\nthree"
        );
        assert_eq!(read("<div>\n   one\n   two  </div>"), "one two");
    }

    #[test]
    fn the_article_wins_over_the_page() {
        let long =
            "The pipeline will carry gas to the cities of the north for thirty years. ".repeat(4);
        let src = format!(
            "<html lang=\"en_gb\"><body><nav>Home News</nav><div class=\"menu\">Wang Li</div>\
             <article><h1>The headline</h1><p>{long}</p><figure><figcaption>A caption</figcaption></figure>\
             <ul><li><a href=\"/1\">Related one</a></li><li><a href=\"/2\">Related two</a></li></ul>\
             <p class=\"disclaimer\">Views are the writer's own.</p></article>\
             <aside>More stories</aside><footer>Copyright</footer></body></html>"
        );
        let p = prepare(&src);
        assert_eq!(p.text, format!("The headline\n{}", long.trim_end()));
        assert_eq!(p.file_metadata.metadata.locale.as_deref(), Some("en-GB"));
        assert_eq!(p.file_metadata.headline.as_deref(), Some("The headline"));
        assert!(
            p.file_metadata
                .notes
                .iter()
                .any(|n| n == "locale en-GB from the page's <html lang>")
        );
    }

    #[test]
    fn json_ld_article_body_when_the_dom_has_none() {
        let src = r#"<html><head><script type="application/ld+json">
            {"@type": "NewsArticle", "datePublished": "2017-10-30T04:24:00+08:00",
             "publisher": {"name": "Harbour Gazette"}, "author": [{"name": "A. Writer"}],
             "articleBody": "Wang\u00a0Yi spoke.\nThe pipeline is 3,200km long."}
            </script></head><body><div id="app"></div></body></html>"#;
        let p = prepare(src);
        assert_eq!(p.text, "Wang\u{a0}Yi spoke.\nThe pipeline is 3,200km long.");
        let map = p.map.unwrap();
        let at = p.text.find("3,200km").unwrap();
        let span = map.span(&(at..at + "3,200km".len()));
        assert_eq!(&src[span], "3,200km");
        let nbsp = map.span(&(4..6));
        assert_eq!(&src[nbsp], "\\u00a0");
        let m = &p.file_metadata;
        assert_eq!(m.metadata.published.unwrap().to_string(), "2017-10-30");
        assert_eq!(m.metadata.published_from, crate::metadata::Provenance::File);
        assert_eq!(m.metadata.outlet.as_deref(), Some("harbour-gazette"));
        assert_eq!(m.byline.as_deref(), Some("A. Writer"));
        assert!(m.notes.iter().any(|n| n.contains("JSON-LD articleBody")));
    }

    #[test]
    fn malformed_pages_do_not_panic() {
        for src in [
            "",
            "<",
            "&",
            "<p",
            "<p class=\"",
            "<!--",
            "<script>",
            "&#x110000;",
            "&#0;",
            "<p>a\0b</p>",
            "</p></p><br/></div>",
            "<svg/><math><mi>x",
            "<![CDATA[x]]>",
            "<table><tr><td>a<td>b<tr><td>c",
            "<a href=x>&amp",
            "\u{feff}<p>é</p>",
        ] {
            let _ = prepare(src);
        }
    }

    #[test]
    fn pathological_nesting_stays_linear() {
        // 100,000 unclosed elements and as many stray end tags.
        let n = 100_000;
        let src = format!("{}{}text", "<div><span>".repeat(n), "</b>".repeat(n));
        let t = std::time::Instant::now();
        let p = prepare(&src);
        assert!(p.text.ends_with("text"));
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }
}
