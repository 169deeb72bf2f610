//! Front matter at the top of a file: TOML between `+++` lines, or flat
//! `key: value` lines between `---` lines. Keys `outlet`, `published` (or
//! `date`) and `locale` (or `lang`, `language`); other keys are ignored.

use super::{Metadata, Provenance};
use crate::values::{normalize_locale, parse_date};
use std::collections::BTreeMap;
use toml::Spanned;

/// Front matter at the top of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// What it says (provenance `FrontMatter`).
    pub metadata: Metadata,
    /// Byte offset where the article text begins (after the closing line).
    pub end: usize,
    /// Values that could not be read.
    pub errors: Vec<String>,
}

/// The front matter of `text`, if it opens with a `+++` or `---` line that
/// is closed by the same line later.
///
/// A fence that is never closed is front matter gone wrong, not article
/// text, when the line after it looks like front matter (`key: value` after
/// `---`, `key = value` after `+++`): then the file is still read whole as
/// article text, but an error names the opening fence's line, so that the
/// date it meant to give is not silently dropped. A file that merely begins
/// with a `---` rule followed by prose is plain text, as before.
///
/// Every error names its line in the file (1-based, counting the fence).
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let first_end = body.find('\n')?;
    let fence = body[..first_end].trim_end_matches('\r');
    if fence != "+++" && fence != "---" {
        return None;
    }
    let inner_start = first_end + 1;
    let mut at = inner_start;
    let (inner, end) = loop {
        let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
        if body[at..line_end].trim_end_matches('\r') == fence {
            let end = (line_end + 1).min(body.len());
            break (&body[inner_start..at], end);
        }
        if line_end >= body.len() {
            return unterminated(&body[inner_start..], fence, bom);
        }
        at = line_end + 1;
    };
    let mut fm = FrontMatter {
        end: bom + end,
        ..FrontMatter::default()
    };
    // Line numbers in the file: the fence is line 1, the first key line 2.
    let line_of = |offset: usize| 2 + inner[..offset.min(inner.len())].matches('\n').count();
    let set = |key: &str, value: &str, line: usize, fm: &mut FrontMatter| match key {
        "outlet" => fm.metadata.outlet = Some(value.to_string()),
        "published" | "date" => match parse_date(value) {
            Ok(d) => {
                fm.metadata.published = Some(d);
                fm.metadata.published_from = Provenance::FrontMatter;
            }
            Err(e) => fm
                .errors
                .push(format!("front matter `{key}` on line {line}: {e}")),
        },
        "locale" | "lang" | "language" => match normalize_locale(value) {
            Ok(l) => fm.metadata.locale = Some(l),
            Err(e) => fm
                .errors
                .push(format!("front matter `{key}` on line {line}: {e}")),
        },
        _ => {}
    };
    if fence == "+++" {
        match toml::from_str::<BTreeMap<String, Spanned<toml::Value>>>(inner) {
            Ok(table) => {
                let mut entries: Vec<_> = table.iter().collect();
                entries.sort_by_key(|(_, v)| v.span().start);
                for (key, value) in entries {
                    let text = match value.get_ref() {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Datetime(d) => d.to_string(),
                        _ => continue,
                    };
                    set(key.as_str(), &text, line_of(value.span().start), &mut fm);
                }
            }
            Err(e) => {
                let line = e.span().map_or(2, |s| line_of(s.start));
                fm.errors.push(format!(
                    "front matter is not valid TOML on line {line}: {}",
                    e.message().trim()
                ))
            }
        }
    } else {
        for (i, line) in inner.lines().enumerate() {
            if let Some((key, value)) = line.split_once(':') {
                let value = value.trim().trim_matches(['"', '\'']);
                set(key.trim(), value, i + 2, &mut fm);
            }
        }
    }
    Some(fm)
}

/// A `fence` line with no closing line, `rest` the text after it: an error
/// when `rest` begins as front matter, else no front matter at all.
fn unterminated(rest: &str, fence: &str, bom: usize) -> Option<FrontMatter> {
    let first = rest.lines().map(str::trim).find(|l| !l.is_empty())?;
    let separator = if fence == "+++" { '=' } else { ':' };
    let (key, _) = first.split_once(separator)?;
    let key = key.trim();
    let looks_like_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    looks_like_key.then(|| FrontMatter {
        end: bom,
        errors: vec![format!(
            "front matter opened by `{fence}` on line 1 is never closed: \
             no `{fence}` line ends it, so its values (a publication date) are not read"
        )],
        ..FrontMatter::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::Metadata;
    use jiff::civil::date;

    #[test]
    fn toml_front_matter() {
        let text = "+++\noutlet = \"scmp\"\npublished = 2017-11-20\nlocale = \"en_us\"\n+++\nBody";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.metadata.outlet.as_deref(), Some("scmp"));
        assert_eq!(fm.metadata.published, Some(date(2017, 11, 20)));
        assert_eq!(fm.metadata.locale.as_deref(), Some("en-US"));
        assert_eq!(&text[fm.end..], "Body");
        assert!(fm.errors.is_empty());
    }

    #[test]
    fn yaml_front_matter_and_bad_values() {
        let text = "---\noutlet: taipei\npublished: \"2017-10-30\"\nlocale: english\n---\r\nBody";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.metadata.published, Some(date(2017, 10, 30)));
        assert_eq!(&text[fm.end..], "Body");
        assert_eq!(fm.errors.len(), 1, "{:?}", fm.errors);
        assert!(front_matter("Plain text").is_none());
    }

    #[test]
    fn an_unclosed_fence_before_keys_is_an_error_naming_line_1() {
        for text in [
            "---\npublished: 2017-10-30\noutlet: taipei\n\nBody text.\n",
            "+++\npublished = 2017-10-30\n\nBody text.\n",
            "\u{feff}---\r\nunclosed: yes\r\n",
        ] {
            let fm = front_matter(text).expect(text);
            assert_eq!(fm.errors.len(), 1, "{text:?}: {:?}", fm.errors);
            assert!(
                fm.errors[0].contains("on line 1 is never closed"),
                "{:?}",
                fm.errors
            );
            assert_eq!(fm.metadata, Metadata::default());
            // The text stays article text.
            assert_eq!(
                fm.end,
                text.len() - text.trim_start_matches('\u{feff}').len()
            );
        }
    }

    #[test]
    fn a_rule_line_before_prose_is_no_front_matter() {
        for text in [
            "---\nThe council met on Monday. It said: no.\n",
            "---\n\nBy Jane Doe\n",
            "+++\nA note: nothing here.\n",
            "---\n",
        ] {
            assert!(front_matter(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn bad_values_name_their_line() {
        let text = "---\noutlet: taipei\npublished: 2017-13-45\nlocale: english\n---\nBody";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.errors.len(), 2, "{:?}", fm.errors);
        assert!(
            fm.errors[0].starts_with("front matter `published` on line 3:"),
            "{:?}",
            fm.errors
        );
        assert!(
            fm.errors[1].starts_with("front matter `locale` on line 4:"),
            "{:?}",
            fm.errors
        );
        let text =
            "+++\noutlet = \"scmp\"\n\nlocale = \"xx-nowhere-1\"\npublished = \"soon\"\n+++\nBody";
        let fm = front_matter(text).unwrap();
        assert_eq!(fm.errors.len(), 2, "{:?}", fm.errors);
        assert!(
            fm.errors[0].starts_with("front matter `locale` on line 4:"),
            "{:?}",
            fm.errors
        );
        assert!(
            fm.errors[1].starts_with("front matter `published` on line 5:"),
            "{:?}",
            fm.errors
        );
        let fm = front_matter("+++\noutlet = \"scmp\"\npublished = = 3\n+++\n").unwrap();
        assert!(
            fm.errors[0].contains("not valid TOML on line 3"),
            "{:?}",
            fm.errors
        );
    }
}
