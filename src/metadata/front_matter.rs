//! Front matter at the top of a file: TOML between `+++` lines, or flat
//! `key: value` lines between `---` lines. Keys `outlet`, `published` (or
//! `date`) and `locale` (or `lang`, `language`); other keys are ignored.

use super::{Metadata, Provenance};
use crate::values::{normalize_locale, parse_date};

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
            return None;
        }
        at = line_end + 1;
    };
    let mut fm = FrontMatter {
        end: bom + end,
        ..FrontMatter::default()
    };
    let set = |key: &str, value: &str, fm: &mut FrontMatter| match key {
        "outlet" => fm.metadata.outlet = Some(value.to_string()),
        "published" | "date" => match parse_date(value) {
            Ok(d) => {
                fm.metadata.published = Some(d);
                fm.metadata.published_from = Provenance::FrontMatter;
            }
            Err(e) => fm.errors.push(format!("front matter `{key}`: {e}")),
        },
        "locale" | "lang" | "language" => match normalize_locale(value) {
            Ok(l) => fm.metadata.locale = Some(l),
            Err(e) => fm.errors.push(format!("front matter `{key}`: {e}")),
        },
        _ => {}
    };
    if fence == "+++" {
        match inner.parse::<toml::Table>() {
            Ok(table) => {
                for (key, value) in &table {
                    let text = match value {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Datetime(d) => d.to_string(),
                        _ => continue,
                    };
                    set(key.as_str(), &text, &mut fm);
                }
            }
            Err(e) => fm.errors.push(format!(
                "front matter is not valid TOML: {}",
                e.message().trim()
            )),
        }
    } else {
        for line in inner.lines() {
            if let Some((key, value)) = line.split_once(':') {
                let value = value.trim().trim_matches(['"', '\'']);
                set(key.trim(), value, &mut fm);
            }
        }
    }
    Some(fm)
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(front_matter("---\nunclosed: yes\n").is_none());
        assert!(front_matter("Plain text").is_none());
    }
}
