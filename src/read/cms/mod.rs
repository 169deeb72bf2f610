//! The CMS-export reader (`.json`): a WordPress REST post or an Arc XP ANS
//! story, read as its published page would be, with every byte mapped back
//! to the JSON file.
//!
//! Which of the two a file is, its fields say: a WordPress post has
//! `content.rendered` ([`wordpress`]), an ANS story `content_elements`
//! ([`ans`]); anything else is an error, as is malformed JSON (with its
//! line and column, from serde_json). A saved REST listing holding one
//! post (`[{…}]`) is that post.
//!
//! The article's strings are found by [`json`], which keeps each string's
//! place in the file and decodes it with a map to the file (an escape such
//! as `\u00a0` or `\"` stands for its whole source). The HTML inside them
//! (WordPress's rendered title and content, ANS text elements' inline
//! HTML) goes through the HTML reader's tokenizer and furniture filter
//! ([`fragment`]; a fragment is all article, so no article is chosen in
//! it), whose map into the decoded string is composed with the string's
//! map into the file ([`ByteMap::compose`]). The headline is the first
//! line; every block element and every content element ends a line (the
//! line breaks belong to no file byte).
//!
//! The date, outlet, locale, headline and byline are read from their
//! fields, each noted with the field's name, and are weaker than flags,
//! front matter and manifests, as a page's are.

pub mod ans;
pub mod json;
pub mod wordpress;

use super::html::{extract, metadata::collapse, metadata::slug, tokens};
use super::{ByteMap, FileMetadata, Prepared};
use crate::metadata::Provenance;
use crate::values::{normalize_locale, parse_date};
use json::Node;

/// Read the CMS export `src`.
pub fn prepare(src: &str) -> Result<Prepared, String> {
    build(src).map(Builder::finish)
}

/// The strings of the CMS export `src` that are read as HTML (the raw
/// ranges of their contents in the file, quotes excluded), in the order
/// read: where HTML comments, suppression directives among them, can be
/// ([`crate::suppress`] decodes them with [`json::decode`]).
pub fn html_strings(src: &str) -> Result<Vec<std::ops::Range<usize>>, String> {
    build(src).map(|b| b.html)
}

/// Read `src` into a [`Builder`].
fn build(src: &str) -> Result<Builder<'_>, String> {
    let root = json::parse(src)?;
    let root = match &root {
        Node::Array(items) if items.len() == 1 => &items[0],
        Node::Array(items) if items.iter().any(wordpress::is_post) => {
            return Err(format!(
                "holds {} WordPress posts: save one post per file",
                items.len()
            ));
        }
        other => other,
    };
    let mut out = Builder::new(src);
    if wordpress::is_post(root) {
        wordpress::read(root, &mut out);
    } else if ans::is_story(root) {
        ans::read(root, &mut out);
    } else {
        return Err(
            "not a WordPress post or an ANS story (a WordPress REST post has \
                    `content.rendered`, an Arc XP ANS story `content_elements`)"
                .to_string(),
        );
    }
    Ok(out)
}

/// The text of an HTML fragment and its map into the fragment: the HTML
/// reader's tokenizer and furniture filter, over the whole fragment.
pub fn fragment(html: &str) -> (String, ByteMap) {
    let page = tokens::parse(html);
    let st = extract::stats(&page);
    let mut out = extract::Out::default();
    extract::emit_range(&page, &st, 0..page.events.len(), &mut out);
    out.finish()
}

/// Plain text (an ANS headline, a byline) as the HTML reader reads
/// character data: runs of white space one space, none at either end.
fn plain(s: &str) -> (String, ByteMap) {
    let mut out = extract::Out::default();
    out.push_copied(s, 0);
    out.finish()
}

/// The prepared text being built from the strings of the file.
pub struct Builder<'a> {
    src: &'a str,
    text: String,
    map: ByteMap,
    /// Metadata found so far.
    pub meta: FileMetadata,
    /// Where the article text came from, for the notes.
    from: Vec<&'static str>,
    /// The raw ranges of the strings read as HTML.
    html: Vec<std::ops::Range<usize>>,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Self {
        Builder {
            src,
            text: String::new(),
            map: ByteMap::new(),
            meta: FileMetadata::default(),
            from: Vec::new(),
            html: Vec::new(),
        }
    }

    /// The decoded string `node`, if it is one.
    pub fn string(&self, node: Option<&Node>) -> Option<String> {
        node.and_then(Node::as_str)
            .map(|r| json::decode(self.src, r.clone()).0)
    }

    /// Append the string `node` as lines of text: its HTML read when
    /// `html`, else its text as it is. `field` names it in the notes.
    /// Returns whether any text was added.
    pub fn lines(&mut self, node: Option<&Node>, html: bool, field: &'static str) -> bool {
        let Some(raw) = node.and_then(Node::as_str) else {
            return false;
        };
        if html {
            self.html.push(raw.clone());
        }
        let (decoded, to_file) = json::decode(self.src, raw.clone());
        let (text, to_decoded) = if html {
            fragment(&decoded)
        } else {
            plain(&decoded)
        };
        if text.is_empty() {
            return false;
        }
        let map = to_decoded.compose(&to_file);
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        let base = self.text.len();
        self.text.push_str(&text);
        for s in map.segments() {
            self.map
                .push(base + s.text.start..base + s.text.end, s.source.clone());
        }
        if !self.from.contains(&field) {
            self.from.push(field);
        }
        true
    }

    /// The headline (its text, not a line of the article: see
    /// [`Builder::lines`]), noted as read from `field`.
    pub fn headline(&mut self, text: Option<String>, field: &str) {
        if let Some(h) = text.map(|h| collapse(&h)).filter(|h| !h.is_empty()) {
            self.meta.notes.push(format!("headline “{h}” from {field}"));
            self.meta.headline = Some(h);
        }
    }

    /// The first of `dates` (value, field) that reads as a date.
    pub fn published(&mut self, dates: &[(Option<String>, &str)]) {
        for (value, field) in dates {
            if let Some(d) = value.as_deref().and_then(|v| parse_date(v).ok()) {
                self.meta.metadata.published = Some(d);
                self.meta.metadata.published_from = Provenance::File;
                self.meta.notes.push(format!("published {d} from {field}"));
                return;
            }
        }
    }

    /// The first of `outlets` (name, field) that makes a slug.
    pub fn outlet(&mut self, outlets: &[(Option<String>, &str)]) {
        for (value, field) in outlets {
            let Some(v) = value else { continue };
            let s = slug(v);
            if !s.is_empty() {
                self.meta
                    .notes
                    .push(format!("outlet {s} from {field} (“{}”)", collapse(v)));
                self.meta.metadata.outlet = Some(s);
                return;
            }
        }
    }

    /// The first of `locales` (value, field) that is a locale.
    pub fn locale(&mut self, locales: &[(Option<String>, &str)]) {
        for (value, field) in locales {
            if let Some(l) = value.as_deref().and_then(|v| normalize_locale(v).ok()) {
                self.meta.notes.push(format!("locale {l} from {field}"));
                self.meta.metadata.locale = Some(l);
                return;
            }
        }
    }

    /// The byline: the first of `bylines` (names, field) with a name.
    pub fn byline(&mut self, bylines: &[(Vec<String>, &str)]) {
        for (names, field) in bylines {
            let names: Vec<String> = names
                .iter()
                .map(|n| collapse(n))
                .filter(|n| !n.is_empty())
                .collect();
            if !names.is_empty() {
                let b = names.join(", ");
                self.meta.notes.push(format!("byline “{b}” from {field}"));
                self.meta.byline = Some(b);
                return;
            }
        }
    }

    /// The prepared text.
    fn finish(mut self) -> Prepared {
        if !self.from.is_empty() {
            let fields = self
                .from
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.meta.notes.push(format!("article text from {fields}"));
        }
        Prepared {
            text: self.text,
            map: Some(self.map),
            file_metadata: self.meta,
        }
    }
}

/// The outlet a site's address names: `https://www.harbour-gazette.com/…`
/// is "harbour-gazette" (the label before the top-level domain, and
/// before a second-level one such as `co.uk`).
pub fn site_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let mut labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.first() == Some(&"www") {
        labels.remove(0);
    }
    if labels.len() < 2 {
        return None;
    }
    labels.pop();
    if labels.len() >= 2
        && matches!(
            *labels.last()?,
            "co" | "com" | "org" | "net" | "ac" | "gov" | "edu"
        )
    {
        labels.pop();
    }
    labels.last().map(|l| l.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_from_addresses() {
        let site = |u: &str| site_of(u);
        assert_eq!(
            site("https://www.harbour-gazette.com/2017/11/x/").as_deref(),
            Some("harbour-gazette")
        );
        assert_eq!(
            site("http://news.gazette.co.uk/a").as_deref(),
            Some("gazette")
        );
        assert_eq!(site("https://localhost:8080/").as_deref(), None);
        assert_eq!(site("").as_deref(), None);
    }

    #[test]
    fn neither_shape_is_an_error() {
        for src in ["{}", "[]", "3", "\"x\"", "{\"content\": \"x\"}", "[{}, {}]"] {
            let e = prepare(src).unwrap_err();
            assert!(
                e.contains("not a WordPress post or an ANS story"),
                "{src}: {e}"
            );
        }
        let two = r#"[{"content": {"rendered": "<p>a</p>"}}, {"content": {"rendered": "b"}}]"#;
        assert!(prepare(two).unwrap_err().contains("2 WordPress posts"));
    }

    #[test]
    fn a_huge_post_on_one_line_stays_linear() {
        // Some 9 MB of content: paragraphs with escapes, one JSON line.
        let para =
            r#"<p>Foreign Minister Wang\u00a0Li said \"apply the break\" on the peninsular.<\/p>"#;
        let src = format!(
            r#"{{"title": {{"rendered": "A"}}, "content": {{"rendered": "{}"}}}}"#,
            para.repeat(100_000)
        );
        let t = std::time::Instant::now();
        let p = prepare(&src).unwrap();
        assert!(
            p.text
                .ends_with("said \"apply the break\" on the peninsular.")
        );
        let map = p.map.unwrap();
        let at = p.text.rfind("Wang").unwrap();
        assert_eq!(
            &src[map.span(&(at..at + "Wang\u{a0}Li".len()))],
            r"Wang\u00a0Li"
        );
        assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
    }

    #[test]
    fn ans_elements_are_read_in_order_and_furniture_is_not() {
        let src = r#"{"type": "story", "headlines": {"basic": "Head\u2013line"},
            "canonical_website": "The Gazette", "language": "en_gb",
            "first_publish_date": "2017-11-20T08:00:00Z",
            "credits": {"by": [{"name": "A. Writer"}, {"name": "B. Writer"}]},
            "content_elements": [
              {"type": "text", "content": "One <b>two</b>."},
              {"type": "image", "caption": "Not read."},
              {"type": "header", "content": "Three"},
              {"type": "quote", "content_elements": [{"type": "text", "content": "Four."}],
               "citation": {"type": "text", "content": "Five"}},
              {"type": "quote", "subtype": "pullquote",
               "content_elements": [{"type": "text", "content": "Not read."}]},
              {"type": "list", "items": [{"type": "text", "content": "Six"}]},
              {"type": "raw_html", "content": "<p>Not read.</p>"}]}"#;
        let p = prepare(src).unwrap();
        assert_eq!(
            p.text,
            "Head\u{2013}line\nOne two.\nThree\nFour.\nFive\nSix"
        );
        let m = &p.file_metadata;
        assert_eq!(m.headline.as_deref(), Some("Head\u{2013}line"));
        assert_eq!(m.byline.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(m.metadata.outlet.as_deref(), Some("the-gazette"));
        assert_eq!(m.metadata.locale.as_deref(), Some("en-GB"));
        assert_eq!(m.metadata.published.unwrap().to_string(), "2017-11-20");
        assert!(
            m.notes.iter().any(
                |n| n == "published 2017-11-20 from the ANS story's `first_publish_date` (UTC)"
            ),
            "{:?}",
            m.notes
        );
        let map = p.map.unwrap();
        let at = p.text.find('\u{2013}').unwrap();
        assert_eq!(&src[map.span(&(at..at + 3))], r"\u2013");
    }

    #[test]
    fn wordpress_fields_and_a_one_post_listing() {
        let src = r#"[{"date": "2017-11-20T16:00:00", "date_gmt": "2017-11-20T08:00:00",
            "link": "https:\/\/www.harbour-gazette.com\/x\/",
            "title": {"rendered": "It&#8217;s <em>a</em> title"},
            "content": {"rendered": "<p>One.<\/p>\n<figure><figcaption>Not read<\/figcaption><\/figure><p>Two.<\/p>"},
            "excerpt": {"rendered": "<p>Not read.<\/p>"},
            "_embedded": {"author": [{"name": "A. Writer"}]}}]"#;
        let p = prepare(src).unwrap();
        assert_eq!(p.text, "It\u{2019}s a title\nOne.\nTwo.");
        let m = &p.file_metadata;
        assert_eq!(m.headline.as_deref(), Some("It\u{2019}s a title"));
        assert_eq!(m.metadata.outlet.as_deref(), Some("harbour-gazette"));
        assert_eq!(m.byline.as_deref(), Some("A. Writer"));
        assert!(
            m.notes.iter().any(|n| n.contains("`link`")),
            "{:?}",
            m.notes
        );
        assert!(
            m.notes
                .iter()
                .any(|n| n == "article text from `title.rendered`, `content.rendered`"),
            "{:?}",
            m.notes
        );
        let map = p.map.unwrap();
        assert_eq!(&src[map.span(&(2..5))], "&#8217;");
    }

    #[test]
    fn odd_but_valid_exports_do_not_panic() {
        for src in [
            r#"{"content": {"rendered": ""}}"#,
            r#"{"content": {"rendered": "<"}, "title": {"rendered": 3}}"#,
            r#"{"content": {"rendered": "\ud800 &amp"}, "date": "x", "link": 5}"#,
            r#"{"type": "story", "content_elements": []}"#,
            r#"{"type": "story", "content_elements": [1, "x", {"type": "text"},
               {"type": "quote", "content_elements": "x", "citation": 4},
               {"type": "list", "items": [{"type": "text", "content": "<p>é"}]}]}"#,
            r#"{"headlines": {"basic": "\n\t "}, "content_elements": [{"type": "header", "content": "<"}]}"#,
        ] {
            let p = prepare(src).unwrap();
            let map = p.map.unwrap();
            let span = map.span(&(0..p.text.len()));
            assert!(span.start <= span.end && span.end <= src.len(), "{src}");
        }
    }
}
