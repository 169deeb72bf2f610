//! The Word-draft reader (`.docx`): the paragraphs of the draft's main
//! document part, `word/document.xml`, as a reader of the draft with its
//! tracked changes accepted would read them.
//!
//! A `.docx` is a zip archive of XML parts; the zip crate opens it and
//! quick-xml reads `word/document.xml` (elements matched by namespace, so
//! another prefix for WordprocessingML reads the same). What is read:
//!
//! - every paragraph (`<w:p>`, table cells' too, in document order) is one
//!   line of the text: paragraph N is line N, and the paragraphs are joined
//!   by `"\n"`;
//! - the runs of a paragraph joined: the pieces of `<w:t>` concatenated, so
//!   that a name split across two runs (`Wang` in one, ` Li` in the next)
//!   reads "Wang Li"; `<w:tab/>` reads as a space, `<w:br/>` and `<w:cr/>`
//!   as U+2028 LINE SEPARATOR (a line break that is not `"\n"`, so that
//!   paragraph N stays line N), a non-breaking hyphen as `-` and an optional
//!   hyphen as a soft hyphen;
//! - tracked insertions (`<w:ins>`, `<w:moveTo>`) as the text they insert.
//!
//! Not read: tracked deletions (`<w:del>`, `<w:delText>`) and the old place
//! of moved text (`<w:moveFrom>`), field instructions (`<w:instrText>`; a
//! field's displayed result is read), paragraph and run properties,
//! drawings, pictures, embedded objects and text boxes (page furniture, as
//! captions are in every reader), and the fallback copy of alternate
//! content. Footnotes, endnotes and comments are other parts of the zip
//! and are never opened; their references in the text (`<w:footnoteReference>`,
//! `<w:commentReference>`) give no text.
//!
//! A `.docx` has no byte offsets worth reporting: the text is the
//! extracted paragraphs, and outputs give paragraph numbers and offsets
//! within them (see [`crate::source::SourceKind::WordDraft`]).
//!
//! Refused, each with an error that says why: an archive that is no zip or
//! a corrupt one, one without `word/document.xml`, a `word/document.xml`
//! that decompresses to more than [`MAX_DOCUMENT_XML`] bytes (a zip bomb
//! stops at the limit: it is read through `take`), that is not UTF-8, or
//! that is not well-formed XML.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;
use std::io::{Cursor, Read};
use std::path::Path;

/// The most bytes `word/document.xml` may decompress to. An op-ed's is some
/// hundred kilobytes; the same limit as a whole article file
/// (`input::MAX_FILE_SIZE`), kept here so the reader imports nothing of the
/// input layer.
pub const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;

/// The part that holds the draft's text.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// The WordprocessingML namespaces: transitional (what Word writes) and
/// strict.
const WML: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// The markup-compatibility namespace (`mc:AlternateContent`).
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Whether a file named `path` holding `bytes` is read as a Word draft: its
/// extension says `.docx` (any case), or it begins as a zip archive does.
pub fn claims(path: &Path, bytes: &[u8]) -> bool {
    let docx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    docx || bytes.starts_with(b"PK\x03\x04")
}

/// The text of the Word draft `bytes`: its paragraphs joined by `"\n"`. The
/// error says, without the path, why it cannot be read.
pub fn read(bytes: &[u8]) -> Result<String, String> {
    let xml = document_xml(bytes)?;
    paragraphs(&xml).map(|p| p.join("\n"))
}

/// The text of `word/document.xml`, read at most to [`MAX_DOCUMENT_XML`].
fn document_xml(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("not a Word draft: cannot read it as a zip archive ({e}); save it again as .docx")
    })?;
    let mut part = match archive.by_name(DOCUMENT_PART) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(format!(
                "not a Word draft: a zip archive without {DOCUMENT_PART}"
            ));
        }
        Err(e) => return Err(format!("cannot read {DOCUMENT_PART}: {e}")),
    };
    let mib = MAX_DOCUMENT_XML / (1024 * 1024);
    let too_big = || {
        format!(
            "{DOCUMENT_PART} decompresses to more than {mib} MiB (a zip bomb?), \
             more than an article has"
        )
    };
    // What the archive says is only a claim: the limit holds whatever it says.
    if part.size() > MAX_DOCUMENT_XML {
        return Err(too_big());
    }
    let mut xml = Vec::new();
    (&mut part)
        .take(MAX_DOCUMENT_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("cannot read {DOCUMENT_PART}: {e} (the archive is corrupt)"))?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(too_big());
    }
    String::from_utf8(xml).map_err(|e| {
        format!(
            "{DOCUMENT_PART} is not UTF-8 (offset {} of the part)",
            e.utf8_error().valid_up_to()
        )
    })
}

/// What an element of `word/document.xml` is to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    /// `<w:p>`: a paragraph.
    Paragraph,
    /// `<w:t>`: text of a run.
    Text,
    /// What a reader does not read, with all it holds.
    Skipped,
    /// An element that stands for one character.
    Char(char),
    /// Anything else: read what it holds.
    Other,
}

fn element(ns: &ResolveResult, e: &BytesStart) -> Element {
    let name = e.local_name();
    let local: &str = name.as_ref();
    match ns {
        ResolveResult::Bound(Namespace(ns)) if WML.contains(ns) => match local {
            "p" => Element::Paragraph,
            "t" => Element::Text,
            "tab" | "ptab" => Element::Char(' '),
            "br" | "cr" => Element::Char('\u{2028}'),
            "noBreakHyphen" => Element::Char('-'),
            "softHyphen" => Element::Char('\u{ad}'),
            "del" | "delText" | "moveFrom" | "instrText" | "delInstrText" | "pPr" | "rPr"
            | "sdtPr" | "drawing" | "pict" | "object" | "txbxContent" | "fldData" => {
                Element::Skipped
            }
            _ => Element::Other,
        },
        ResolveResult::Bound(Namespace(ns)) if *ns == MC && local == "Fallback" => Element::Skipped,
        _ => Element::Other,
    }
}

/// The paragraphs of `xml`, each as one line of text.
fn paragraphs(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = NsReader::from_str(xml);
    let mut out = Vec::new();
    // Every open element, and how many of each kind are open.
    let mut stack: Vec<Element> = Vec::new();
    let (mut skipped, mut texts, mut paras) = (0usize, 0usize, 0usize);
    // The paragraph being read (a paragraph met inside another, or inside
    // something skipped, is no paragraph of its own).
    let mut para: Option<String> = None;
    let malformed = |reader: &NsReader<&[u8]>, e: &dyn std::fmt::Display| {
        format!(
            "{DOCUMENT_PART} is not well-formed XML at offset {} of the part: {e}",
            reader.error_position()
        )
    };
    let mut any = false;
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok(r) => r,
            Err(e) => return Err(malformed(&reader, &e)),
        };
        let reading = |skipped: usize, texts: usize| skipped == 0 && texts > 0;
        match event {
            Event::Start(e) => {
                any = true;
                let kind = element(&ns, &e);
                match kind {
                    Element::Skipped => skipped += 1,
                    Element::Text => texts += 1,
                    Element::Paragraph => {
                        if paras == 0 && skipped == 0 {
                            para = Some(String::new());
                        }
                        paras += 1;
                    }
                    Element::Char(c) if skipped == 0 => push(&mut para, c),
                    _ => {}
                }
                stack.push(kind);
            }
            Event::Empty(e) => {
                any = true;
                if skipped > 0 {
                    continue;
                }
                match element(&ns, &e) {
                    Element::Char(c) => push(&mut para, c),
                    // An empty paragraph is a paragraph: line numbers stay
                    // paragraph numbers.
                    Element::Paragraph if paras == 0 => out.push(String::new()),
                    _ => {}
                }
            }
            Event::End(_) => match stack.pop() {
                Some(Element::Skipped) => skipped -= 1,
                Some(Element::Text) => texts -= 1,
                Some(Element::Paragraph) => {
                    paras -= 1;
                    if paras == 0 {
                        out.extend(para.take());
                    }
                }
                _ => {}
            },
            Event::Text(t) if reading(skipped, texts) => push_str(&mut para, &t.xml10_content()),
            Event::CData(t) if reading(skipped, texts) => push_str(&mut para, &t.xml10_content()),
            Event::GeneralRef(r) if reading(skipped, texts) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(malformed(&reader, &format!("unknown entity &{};", &*r)));
                        }
                    },
                    Err(e) => return Err(malformed(&reader, &e)),
                };
                push_str(&mut para, &c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(format!(
            "{DOCUMENT_PART} is not well-formed XML: it ends with {} element(s) \
             still open (the part is cut short)",
            stack.len()
        ));
    }
    if !any {
        return Err(format!("{DOCUMENT_PART} holds no XML document"));
    }
    Ok(out)
}

/// Append `c` to the paragraph being read, if any.
fn push(para: &mut Option<String>, c: char) {
    if let Some(p) = para {
        p.push(c);
    }
}

/// Append text to the paragraph being read, if any; a line break in the
/// XML text is a space (paragraph N must stay line N).
fn push_str(para: &mut Option<String>, s: &str) {
    if let Some(p) = para {
        p.extend(
            s.chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>"#;
    const TAIL: &str = "</w:body></w:document>";

    fn text(body: &str) -> Result<String, String> {
        paragraphs(&format!("{HEAD}{body}{TAIL}")).map(|p| p.join("\n"))
    }

    #[test]
    fn runs_join_and_paragraphs_are_lines() {
        let t = text(
            r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Head</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Wang</w:t></w:r><w:r><w:t xml:space="preserve"> Li</w:t></w:r>
<w:r><w:tab/><w:t>said&amp;so</w:t><w:br/><w:t>next</w:t></w:r></w:p>
<w:p/><w:p><w:r><w:t>&#x2C;end</w:t></w:r></w:p>"#,
        )
        .unwrap();
        assert_eq!(t, "Head\nWang Li said&so\u{2028}next\n\n,end");
    }

    #[test]
    fn deletions_are_skipped_and_insertions_kept() {
        let t = text(
            r#"<w:p><w:r><w:t>on the </w:t></w:r>
<w:del w:id="1" w:author="a"><w:r><w:delText>peninsular</w:delText></w:r></w:del>
<w:ins w:id="2" w:author="a"><w:r><w:t>peninsula</w:t></w:r></w:ins>
<w:moveFrom><w:r><w:t>moved</w:t></w:r></w:moveFrom></w:p>"#,
        )
        .unwrap();
        assert_eq!(t, "on the peninsula");
    }

    #[test]
    fn references_fields_and_furniture_give_no_text() {
        let t = text(
            r#"<w:p><w:r><w:t>A</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>
<w:r><w:commentReference w:id="0"/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>
<w:r><w:instrText> HYPERLINK "peninsular" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>
<w:r><w:t>B</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
<mc:Fallback><w:pict><w:t>old box</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        )
        .unwrap();
        assert_eq!(t, "AB");
    }

    #[test]
    fn malformed_xml_is_an_error_with_its_offset() {
        let e = text("<w:p><w:r><w:t>a</w:r></w:p>").unwrap_err();
        assert!(e.contains("not well-formed"), "{e}");
        let e = paragraphs(&format!("{HEAD}<w:p><w:r><w:t>a")).unwrap_err();
        assert!(e.contains("cut short"), "{e}");
        let e = text("<w:p><w:r><w:t>&bogus;</w:t></w:r></w:p>").unwrap_err();
        assert!(e.contains("bogus"), "{e}");
        assert!(paragraphs("").is_err());
    }

    #[test]
    fn not_a_zip_is_an_error() {
        let e = read(b"PK\x03\x04 but nothing after").unwrap_err();
        assert!(e.contains("zip archive"), "{e}");
        assert!(claims(Path::new("a.DOCX"), b""));
        assert!(claims(Path::new("a"), b"PK\x03\x04"));
        assert!(!claims(Path::new("a.txt"), b"PK"));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_after_the_zip_magic_never_panic(tail in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let mut bytes = b"PK\x03\x04".to_vec();
            bytes.extend(tail);
            let _ = read(&bytes);
        }

        #[test]
        fn any_xml_like_text_never_panics(s in "[<>/a-z: =\"&;#x0-9w]{0,200}") {
            let _ = paragraphs(&s);
        }
    }
}
