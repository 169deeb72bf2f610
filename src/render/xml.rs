//! Text for XML documents (checkstyle, JUnit): escaped, and without the
//! characters XML 1.0 cannot carry at all, even escaped (most C0 controls,
//! U+FFFE, U+FFFF), which are shown as `<U+XXXX>` instead.

/// Whether XML 1.0 allows `c` in a document.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` as the value of an attribute in double quotes: markup characters
/// escaped, and line breaks and tabs as character references, so that a
/// parser does not turn them into spaces. Control and bidi characters are
/// made visible as in a terminal (`render::terminal_safe`).
pub fn attr(s: &str) -> String {
    escape(s, true)
}

/// `s` as character data between tags.
pub fn text(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let s = super::terminal_safe(s, false);
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\'' if in_attribute => out.push_str("&apos;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            c if allowed(c) => out.push(c),
            c => out.push_str(&format!("&lt;U+{:04X}&gt;", c as u32)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_breaks_and_forbidden_characters_are_escaped() {
        assert_eq!(attr("a<b>&\"c'\nd"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;d");
        assert_eq!(text("a<b>\"c\"\nd"), "a&lt;b&gt;\"c\"\nd");
        assert_eq!(text("x\u{1b}y\u{FFFE}"), "x&lt;U+001B&gt;y&lt;U+FFFE&gt;");
        assert_eq!(attr("“Wang Li” 王毅"), "“Wang Li” 王毅");
    }
}
