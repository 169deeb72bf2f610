//! A JSON document with the place of every string in the file, and
//! strings decoded with a map from every decoded byte back to the file.
//!
//! serde_json reads JSON well but keeps no offsets. So the file is first
//! validated by serde_json (into [`serde::de::IgnoredAny`], which builds
//! nothing), whose errors give the line and column of malformed JSON; then
//! this small scanner, which only has to walk JSON already known to be
//! well formed, records the tree with each string's raw range. A string is
//! decoded only when a reader asks for it ([`decode`]): plain bytes map one
//! to one, each escape (`\"`, `\\`, `\n`, `\u00a0`, a surrogate pair
//! `\ud83d\ude00`) to its whole source. Both passes are linear in the file
//! (runs of plain bytes are found with memchr), whatever the length of a
//! string.
//!
//! Why not a crate: `json-spanned-value` gives the span of a value but
//! decodes strings out of sight, so the escapes inside would still need
//! this decoder; `jsonc-parser` gives ranges too but brings a second JSON
//! dialect (comments, trailing commas) and its own error messages. What we
//! need beyond serde_json is the string scanner, some sixty lines.

use crate::read::ByteMap;
use std::ops::Range;

/// How deeply arrays and objects may nest (serde_json stops at 128).
const MAX_DEPTH: usize = 256;

/// A JSON value, strings kept as ranges of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An object: its keys (decoded) and values, in file order.
    Object(Vec<(String, Node)>),
    /// An array.
    Array(Vec<Node>),
    /// A string: the range of its contents in the file, quotes excluded.
    Str(Range<usize>),
    /// A number, `true`, `false` or `null`.
    Other,
}

impl Node {
    /// The value of `key` (the last one, as serde_json reads duplicates).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(fields) => fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value at a path of keys.
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |n, k| n.get(k))
    }

    /// The raw range of a string.
    pub fn as_str(&self) -> Option<&Range<usize>> {
        match self {
            Node::Str(r) => Some(r),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }
}

/// Parse `src`: malformed JSON is an error with its line and column.
/// A UTF-8 byte-order mark at the start (kept in the text, so that offsets
/// are the file's) is skipped.
pub fn parse(src: &str) -> Result<Node, String> {
    let body = src.strip_prefix('\u{feff}').unwrap_or(src);
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(body) {
        let full = e.to_string();
        let place = format!(" at line {} column {}", e.line(), e.column());
        let what = full.strip_suffix(&place).unwrap_or(&full);
        return Err(match (e.line(), e.column()) {
            (0, _) => format!("malformed JSON: {what}"),
            // serde_json's column 0: the error is at the end of the line before.
            (line, 0) => format!("malformed JSON at line {line}: {what}"),
            (line, column) => format!("malformed JSON at line {line}, column {column}: {what}"),
        });
    }
    let mut s = Scanner {
        src,
        b: src.as_bytes(),
        at: src.len() - body.len(),
    };
    let node = s.value(0)?;
    Ok(node)
}

struct Scanner<'a> {
    src: &'a str,
    b: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.b.get(self.at).is_some_and(|c| c.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.at).copied()
    }

    /// What serde_json accepted and we cannot read: a bug, never a panic.
    fn lost(&self) -> String {
        format!("cannot read the JSON at byte {}", self.at)
    }

    fn expect(&mut self, c: u8) -> Result<(), String> {
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.lost())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, String> {
        if depth > MAX_DEPTH {
            return Err(format!("JSON nested more than {MAX_DEPTH} levels deep"));
        }
        match self.peek() {
            Some(b'{') => {
                self.at += 1;
                let mut fields = Vec::new();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Node::Object(fields));
                }
                loop {
                    if self.peek() != Some(b'"') {
                        return Err(self.lost());
                    }
                    let key = self.string()?;
                    let key = decode(self.src, key).0;
                    self.expect(b':')?;
                    let v = self.value(depth + 1)?;
                    fields.push((key, v));
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Node::Object(fields));
                        }
                        _ => return Err(self.lost()),
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Node::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Node::Array(items));
                        }
                        _ => return Err(self.lost()),
                    }
                }
            }
            Some(b'"') => Ok(Node::Str(self.string()?)),
            Some(_) => {
                let start = self.at;
                while self
                    .b
                    .get(self.at)
                    .is_some_and(|c| !matches!(c, b',' | b']' | b'}') && !c.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                if self.at == start {
                    return Err(self.lost());
                }
                Ok(Node::Other)
            }
            None => Err(self.lost()),
        }
    }

    /// The string at the cursor (on its opening quote): its contents' range.
    fn string(&mut self) -> Result<Range<usize>, String> {
        let start = self.at + 1;
        let mut i = start;
        loop {
            let Some(k) = memchr::memchr2(b'"', b'\\', &self.b[i.min(self.b.len())..]) else {
                return Err(self.lost());
            };
            i += k;
            if self.b[i] == b'"' {
                self.at = i + 1;
                return Ok(start..i);
            }
            // An escape: skip the backslash and the character it escapes
            // (the four hex digits of `\u` are plain bytes).
            i += 2;
        }
    }
}

/// Decode the string whose contents are `src[raw]`: the text, and a map
/// from its bytes to the file's. A malformed escape (never in JSON that
/// serde_json accepted, but `src` may be anything) and a lone surrogate
/// are read as U+FFFD standing for what there is of the escape.
pub fn decode(src: &str, raw: Range<usize>) -> (String, ByteMap) {
    let raw = raw.start.min(src.len())..raw.end.min(src.len());
    let b = src.as_bytes();
    let mut text = String::with_capacity(raw.len());
    let mut map = ByteMap::new();
    let mut i = raw.start;
    while i < raw.end {
        let run_end = memchr::memchr(b'\\', &b[i..raw.end]).map_or(raw.end, |k| i + k);
        if run_end > i {
            // A run of plain bytes: the escape found is ASCII, so both ends
            // are character boundaries unless `raw` itself is not.
            let Some(run) = src.get(i..run_end) else {
                break;
            };
            let t = text.len();
            text.push_str(run);
            map.push(t..text.len(), i..run_end);
        }
        if run_end >= raw.end {
            break;
        }
        let (c, len) = escape(&b[..raw.end], run_end);
        let t = text.len();
        text.push(c);
        map.push(t..text.len(), run_end..run_end + len);
        i = run_end + len;
    }
    (text, map)
}

/// The character the escape at `b[at..]` (a backslash) stands for, and
/// the escape's length in bytes.
fn escape(b: &[u8], at: usize) -> (char, usize) {
    let hex4 = |from: usize| {
        let h = b.get(from..from + 4)?;
        h.iter().all(u8::is_ascii_hexdigit).then(|| {
            h.iter()
                .fold(0, |n, &c| n * 16 + (c as char).to_digit(16).unwrap_or(0))
        })
    };
    let Some(&e) = b.get(at + 1) else {
        return ('\u{fffd}', 1);
    };
    let c = match e {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let Some(hi) = hex4(at + 2) else {
                return ('\u{fffd}', 2);
            };
            if (0xD800..0xDC00).contains(&hi)
                && b.get(at + 6..at + 8) == Some(b"\\u")
                && let Some(lo) = hex4(at + 8).filter(|l| (0xDC00..0xE000).contains(l))
            {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return (char::from_u32(c).unwrap_or('\u{fffd}'), 12);
            }
            return (char::from_u32(hi).unwrap_or('\u{fffd}'), 6);
        }
        // Not JSON: the backslash alone, the character after it read as
        // plain text next.
        _ => return ('\u{fffd}', 1),
    };
    (c, 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decoded(json: &str) -> (String, ByteMap) {
        let node = parse(json).unwrap();
        decode(json, node.as_str().unwrap().clone())
    }

    #[test]
    fn escapes_map_to_their_whole_source() {
        let json = r#""Wang\u00a0Li: \"apply the break\"\n\\ \/ 😀\ud83d\ude00 \u00e9""#;
        let (text, map) = decoded(json);
        assert_eq!(text, "Wang\u{a0}Li: \"apply the break\"\n\\ / 😀😀 é");
        let slice = |t: &str| {
            let at = text.find(t).unwrap();
            &json[map.span(&(at..at + t.len()))]
        };
        assert_eq!(slice("Wang\u{a0}Li"), r"Wang\u00a0Li");
        assert_eq!(slice("\u{a0}"), r"\u00a0");
        assert_eq!(slice("\"apply the break\""), r#"\"apply the break\""#);
        assert_eq!(slice("apply the break"), "apply the break");
        assert_eq!(slice("\n"), r"\n");
        assert_eq!(slice("\\"), r"\\");
        assert_eq!(slice("/"), r"\/");
        assert_eq!(slice("😀"), "😀");
        assert_eq!(slice("😀😀"), r"😀\ud83d\ude00");
        assert_eq!(slice("é"), r"\u00e9");
    }

    #[test]
    fn the_tree_keeps_every_string_in_place() {
        let json = r#" {"title": {"rendered": "A \"B\""}, "n": [1, -2.5e3, true, null, "x"],
                      "k\u0065y": "v", "title": {"rendered": "last"}} "#;
        let root = parse(json).unwrap();
        let r = root.at(&["title", "rendered"]).unwrap().as_str().unwrap();
        assert_eq!(&json[r.clone()], "last");
        let items = root.get("n").unwrap().as_array().unwrap();
        assert_eq!(items.len(), 5);
        assert_eq!(&json[items[4].as_str().unwrap().clone()], "x");
        assert_eq!(
            &json[root.get("key").unwrap().as_str().unwrap().clone()],
            "v"
        );
        assert_eq!(parse("[]").unwrap(), Node::Array(vec![]));
        assert_eq!(parse("{}").unwrap(), Node::Object(vec![]));
        assert_eq!(parse("3").unwrap(), Node::Other);
        let bom = "\u{feff}{\"a\": \"b\"}";
        let r = parse(bom)
            .unwrap()
            .get("a")
            .unwrap()
            .as_str()
            .unwrap()
            .clone();
        assert_eq!(&bom[r], "b");
    }

    #[test]
    fn malformed_json_names_the_line() {
        let e = parse("{\n  \"title\": \"a\",\n  \"content\": \n}").unwrap_err();
        assert!(e.starts_with("malformed JSON at line 4, column 1: "), "{e}");
        assert!(!e.contains(" at line 4 column"), "{e}");
        let e = parse("").unwrap_err();
        assert!(e.contains("malformed JSON"), "{e}");
        for bad in ["{\"a\": \"b", "[1,]", "\"\\x\"", "{} {}", "\"a\u{1}\""] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn anything_decodes_without_panicking() {
        for raw in [
            "\\",
            "\\u",
            "\\u12",
            "\\uzzzz",
            "\\ud800",
            "\\ud800\\u0041",
            "\\q",
            "é\\",
        ] {
            let (text, map) = decode(raw, 0..raw.len());
            let span = map.span(&(0..text.len()));
            assert!(span.end <= raw.len(), "{raw}");
        }
        assert_eq!(decode("\\ud800\\u0041", 0..12).0, "\u{fffd}A");
        // A range past the end, or not on a character boundary.
        let _ = decode("é", 1..5);
        let _ = decode("ab", 3..9);
    }

    #[test]
    fn a_huge_string_decodes_in_linear_time() {
        let body = "Wang\\u00a0Li said \\\"no\\\". ".repeat(200_000);
        let json = format!("{{\"content\": \"{body}\"}}");
        let t = std::time::Instant::now();
        let root = parse(&json).unwrap();
        let (text, _) = decode(
            &json,
            root.get("content").unwrap().as_str().unwrap().clone(),
        );
        assert!(text.ends_with("said \"no\". "));
        assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
    }

    /// A piece of a generated JSON string: its source and what it decodes to.
    fn piece() -> impl Strategy<Value = (String, String)> {
        prop_oneof![
            4 => "[a-zA-Z ,.é外😀]{1,6}".prop_map(|s| (s.clone(), s)),
            1 => prop::sample::select(vec![
                ("\\\"", "\""), ("\\\\", "\\"), ("\\/", "/"), ("\\n", "\n"), ("\\t", "\t"),
                ("\\r", "\r"), ("\\b", "\u{8}"), ("\\f", "\u{c}"), ("\\u00a0", "\u{a0}"),
                ("\\u00E9", "é"), ("\\u2019", "’"), ("\\u0041", "A"), ("\\ud83d\\ude00", "😀"),
                ("\\uD834\\uDD1E", "𝄞"),
            ])
            .prop_map(|(s, d)| (s.to_string(), d.to_string())),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn decoded_bytes_map_back_inside_their_escapes(
            pieces in prop::collection::vec(piece(), 0..40),
            cuts in prop::collection::vec((0usize..200, 0usize..200), 8),
        ) {
            let mut json = String::from("{\"s\": \"");
            let mut want = String::new();
            // Each piece's (decoded range, source range).
            let mut spans = Vec::new();
            for (src, dec) in &pieces {
                let (t, s) = (want.len(), json.len());
                json.push_str(src);
                want.push_str(dec);
                spans.push((t..want.len(), s..json.len(), src != dec));
            }
            json.push_str("\"}");
            // serde_json agrees on the text.
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(value["s"].as_str().unwrap(), want.as_str());
            let root = parse(&json).unwrap();
            let (text, map) = decode(&json, root.get("s").unwrap().as_str().unwrap().clone());
            prop_assert_eq!(&text, &want);
            // Every decoded byte maps into its piece: an escape's byte to
            // the whole escape, a plain byte to itself.
            for (t, s, escaped) in &spans {
                for at in t.clone() {
                    let got = map.span(&(at..at + 1));
                    if *escaped {
                        prop_assert_eq!(got, s.clone());
                    } else {
                        let k = at - t.start;
                        prop_assert_eq!(got, s.start + k..s.start + k + 1);
                    }
                }
            }
            // Any span: in order, within the string, never inverted, and
            // sliced on character boundaries of the file.
            let string = root.get("s").unwrap().as_str().unwrap().clone();
            for (a, b) in cuts {
                let (a, b) = (a.min(text.len()), b.min(text.len()));
                let (a, b) = (a.min(b), a.max(b));
                if !text.is_empty() && text.is_char_boundary(a) && text.is_char_boundary(b) {
                    let span = map.span(&(a..b));
                    prop_assert!(span.start <= span.end);
                    prop_assert!(string.start <= span.start && span.end <= string.end);
                    prop_assert!(json.is_char_boundary(span.start) && json.is_char_boundary(span.end));
                    if a < b {
                        let seen: serde_json::Value =
                            serde_json::from_str(&format!("\"{}\"", &json[span])).unwrap();
                        prop_assert!(seen.as_str().unwrap().contains(&text[a..b]));
                    }
                }
            }
        }
    }
}
