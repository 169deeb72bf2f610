//! What a page says about itself: `<meta>` tags, JSON-LD, `<time>`, `<html
//! lang>`; and JSON-LD's `articleBody` with a map into the JSON string's
//! bytes, for pages whose DOM holds no article.
//!
//! Sources, strongest first: publication date from `article:published_time`,
//! JSON-LD `datePublished`, `itemprop="datePublished"`, then the first
//! `<time datetime>` of the article (else of the page); outlet from
//! `og:site_name`, then JSON-LD `publisher.name` (as a lowercase slug);
//! locale from `<html lang>`, `og:locale`, JSON-LD `inLanguage`; byline from
//! `<meta name="author">`, JSON-LD `author`, then an element marked as the
//! byline. Every value is noted with where it was read.

use super::tokens::{Event, Page};
use crate::metadata::Provenance;
use crate::read::FileMetadata;
use crate::values::{normalize_locale, parse_date};
use serde_json::Value;
use std::ops::Range;

/// A decoded string and its (text, source) segments.
pub type Decoded = (String, Vec<(Range<usize>, Range<usize>)>);

/// JSON-LD objects of the page, with their script's source range.
pub struct JsonLd {
    /// The parsed object (the article's, when one says it is an article).
    pub value: Value,
    /// The script's text range in the file.
    pub source: Range<usize>,
}

/// Every `<script type="application/ld+json">` that parses, its article
/// object first.
pub fn json_ld(page: &Page, src: &str) -> Vec<JsonLd> {
    let mut out = Vec::new();
    for e in &page.elements {
        if e.name != "script"
            || !e
                .attr("type")
                .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
        {
            continue;
        }
        let mut range: Option<Range<usize>> = None;
        for ev in &page.events[e.open..e.close] {
            if let Event::Text(c) = ev {
                let r = range.get_or_insert(c.source.clone());
                r.end = c.source.end;
            }
        }
        let Some(range) = range else { continue };
        let Some(raw) = src.get(range.clone()) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        let mut objects = Vec::new();
        flatten(value, &mut objects, 0);
        for v in objects {
            out.push(JsonLd {
                value: v,
                source: range.clone(),
            });
        }
    }
    // Articles first, stable otherwise.
    out.sort_by_key(|j| !is_article(&j.value));
    out
}

fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                flatten(i, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn is_article(v: &Value) -> bool {
    let ty = |t: &str| t.ends_with("Article") || t == "BlogPosting" || t == "Report";
    match v.get("@type") {
        Some(Value::String(t)) => ty(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(ty),
        _ => v.get("articleBody").is_some(),
    }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => m.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// The article object's `articleBody`, decoded, with (text, source)
/// segments into the file: found as the first `"articleBody"` key of its
/// script whose string decodes to the parsed value.
pub fn article_body(page: &Page, src: &str) -> Option<Decoded> {
    let lds = json_ld(page, src);
    let ld = lds.first().filter(|j| is_article(&j.value))?;
    let want = ld.value.get("articleBody")?.as_str()?;
    let raw = &src[ld.source.clone()];
    let key = "\"articleBody\"";
    let mut from = 0;
    while let Some(k) = raw[from..].find(key) {
        let mut i = from + k + key.len();
        from = i;
        let b = raw.as_bytes();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b':') {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'"') {
            continue;
        }
        if let Some((text, segs)) = decode_json_string(raw, i + 1, ld.source.start)
            && text == want
        {
            return Some((text, segs));
        }
    }
    None
}

/// Decode the JSON string whose contents start at `start` of `raw` (after
/// the opening quote); segments are offset by `base`. `None` if it does
/// not end.
fn decode_json_string(raw: &str, start: usize, base: usize) -> Option<Decoded> {
    let b = raw.as_bytes();
    let mut text = String::new();
    let mut segs = Vec::new();
    let mut i = start;
    let mut run = start;
    let flush = |text: &mut String, segs: &mut Vec<_>, from: usize, to: usize| {
        if from < to {
            let t = text.len();
            text.push_str(&raw[from..to]);
            segs.push((t..text.len(), base + from..base + to));
        }
    };
    let hex4 = |at: usize| {
        raw.get(at..at + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    while i < b.len() {
        match b[i] {
            b'"' => {
                flush(&mut text, &mut segs, run, i);
                return Some((text, segs));
            }
            b'\\' => {
                flush(&mut text, &mut segs, run, i);
                let (c, len) = match b.get(i + 1)? {
                    b'n' => ('\n', 2),
                    b't' => ('\t', 2),
                    b'r' => ('\r', 2),
                    b'b' => ('\u{8}', 2),
                    b'f' => ('\u{c}', 2),
                    b'u' => {
                        let hi = hex4(i + 2)?;
                        if (0xD800..0xDC00).contains(&hi)
                            && raw.get(i + 6..i + 8) == Some("\\u")
                            && let Some(lo) = hex4(i + 8).filter(|l| (0xDC00..0xE000).contains(l))
                        {
                            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            (char::from_u32(c).unwrap_or('\u{fffd}'), 12)
                        } else {
                            (char::from_u32(hi).unwrap_or('\u{fffd}'), 6)
                        }
                    }
                    &other => (other as char, 2),
                };
                let t = text.len();
                text.push(c);
                segs.push((t..text.len(), base + i..base + i + len));
                i += len;
                run = i;
            }
            _ => i += 1,
        }
    }
    None
}

/// A lowercase slug of a name: "The Harbour Gazette!" is "the-harbour-gazette".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `s` with every run of white space one space, none at either end.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn meta<'p>(page: &'p Page, key: &str) -> Option<&'p str> {
    page.elements.iter().find_map(|e| {
        (e.name == "meta"
            && ["property", "name", "itemprop"]
                .iter()
                .any(|a| e.attr(a).is_some_and(|v| v.eq_ignore_ascii_case(key))))
        .then(|| e.attr("content"))
        .flatten()
        .filter(|c| !c.trim().is_empty())
    })
}

/// Gather the page's metadata; `scope` is the element the article was
/// read from (its `<time>` is preferred), `headline` the article's `<h1>`
/// text.
pub fn gather(
    page: &Page,
    src: &str,
    scope: Option<usize>,
    headline: Option<String>,
) -> FileMetadata {
    let mut fm = FileMetadata::default();
    let lds = json_ld(page, src);
    let ld = lds.iter().find(|j| is_article(&j.value)).map(|j| &j.value);
    let ld_str = |k: &str| ld.and_then(|v| v.get(k)).and_then(Value::as_str);

    // Publication date.
    let in_scope = |i: usize| {
        scope.is_some_and(|s| {
            let s = &page.elements[s];
            (s.open..s.close).contains(&page.elements[i].open)
        })
    };
    let times: Vec<usize> = (0..page.elements.len())
        .filter(|&i| page.elements[i].name == "time" && page.elements[i].attr("datetime").is_some())
        .collect();
    let time = times
        .iter()
        .find(|&&i| in_scope(i))
        .or(times.first())
        .and_then(|&i| page.elements[i].attr("datetime"));
    let itemprop_date = page.elements.iter().find_map(|e| {
        (e.attr("itemprop") == Some("datePublished"))
            .then(|| e.attr("content").or(e.attr("datetime")))
            .flatten()
    });
    let dates = [
        (
            meta(page, "article:published_time"),
            "<meta property=\"article:published_time\">",
        ),
        (ld_str("datePublished"), "JSON-LD datePublished"),
        (itemprop_date, "itemprop=\"datePublished\""),
        (time, "<time datetime>"),
    ];
    for (value, from) in dates {
        if let Some(d) = value.and_then(|v| parse_date(v).ok()) {
            fm.metadata.published = Some(d);
            fm.metadata.published_from = Provenance::File;
            fm.notes
                .push(format!("published {d} from the page's {from}"));
            break;
        }
    }

    // Outlet.
    let publisher = ld.and_then(|v| v.get("publisher")).and_then(name_of);
    let outlets = [
        (
            meta(page, "og:site_name").map(str::to_string),
            "og:site_name",
        ),
        (publisher, "JSON-LD publisher"),
    ];
    for (value, from) in outlets {
        if let Some(v) = value {
            let s = slug(&v);
            if !s.is_empty() {
                fm.notes.push(format!(
                    "outlet {s} from the page's {from} (“{}”)",
                    collapse(&v)
                ));
                fm.metadata.outlet = Some(s);
                break;
            }
        }
    }

    // Locale.
    let lang = page
        .elements
        .iter()
        .find(|e| e.name == "html")
        .and_then(|e| e.attr("lang"));
    let locales = [
        (lang, "<html lang>"),
        (meta(page, "og:locale"), "og:locale"),
        (ld_str("inLanguage"), "JSON-LD inLanguage"),
    ];
    for (value, from) in locales {
        if let Some(l) = value.and_then(|v| normalize_locale(v).ok()) {
            fm.notes.push(format!("locale {l} from the page's {from}"));
            fm.metadata.locale = Some(l);
            break;
        }
    }

    // Headline.
    let heads = [
        (headline, "the article's <h1>"),
        (meta(page, "og:title").map(str::to_string), "og:title"),
        (ld_str("headline").map(str::to_string), "JSON-LD headline"),
    ];
    for (value, from) in heads {
        if let Some(h) = value.map(|h| collapse(&h)).filter(|h| !h.is_empty()) {
            fm.notes.push(format!("headline “{h}” from {from}"));
            fm.headline = Some(h);
            break;
        }
    }

    // Byline.
    let marked = page.elements.iter().enumerate().find_map(|(i, e)| {
        let is = e.attr("rel") == Some("author")
            || e.attr("itemprop") == Some("author")
            || e.attr("class").is_some_and(|c| {
                c.split_whitespace()
                    .any(|w| w.to_ascii_lowercase().contains("byline"))
            });
        is.then(|| page.inner_text(i))
    });
    let author = ld.and_then(|v| v.get("author")).and_then(name_of);
    let bylines = [
        (
            meta(page, "author").map(str::to_string),
            "<meta name=\"author\">",
        ),
        (author, "JSON-LD author"),
        (marked, "the byline element"),
    ];
    for (value, from) in bylines {
        if let Some(b) = value.map(|b| collapse(&b)).filter(|b| !b.is_empty()) {
            fm.notes
                .push(format!("byline “{b}” from the page's {from}"));
            fm.byline = Some(b);
            break;
        }
    }
    fm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_map_escapes_to_their_source() {
        let raw = r#""Wang\u00a0Yi said \"no\"\n😀\ud83d\ude00 end""#;
        let (text, segs) = decode_json_string(raw, 1, 100).unwrap();
        assert_eq!(text, "Wang\u{a0}Yi said \"no\"\n😀😀 end");
        for (t, s) in &segs {
            let src = &raw[s.start - 100..s.end - 100];
            if t.len() == s.len() {
                assert_eq!(&text[t.clone()], src);
            } else {
                assert!(src.starts_with('\\'), "{src}");
            }
        }
        assert!(decode_json_string("\"unterminated", 1, 0).is_none());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("The Harbour Gazette!"), "the-harbour-gazette");
    }
}
