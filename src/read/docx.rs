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
//! Comments (`word/comments.xml`) are not text of the draft, but a
//! comment that is a copydesk directive (`copydesk-disable CODES -- why`)
//! accepts findings in the text it is anchored on: [`read_draft`] gives
//! each comment's text and the range of the draft's text between its
//! `<w:commentRangeStart>` and `<w:commentRangeEnd>` (a comment with no
//! range: an empty range where its `<w:commentReference>` is), and
//! [`crate::suppress`] reads them. The comments part is opened only when it
//! holds the word `copydesk-`, so a draft whose comments are ordinary
//! review notes reads as it always did.
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

/// The part that holds the draft's comments.
pub const COMMENTS_PART: &str = "word/comments.xml";

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
    read_draft(bytes).map(|d| d.text)
}

/// A Word draft as read: its text and the comments that may be copydesk
/// directives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The paragraphs, joined by `"\n"` (what [`read`] returns).
    pub text: String,
    /// The comments whose text holds `copydesk-`, in the order of
    /// `word/comments.xml`, each with the range of `text` it is anchored on.
    pub comments: Vec<crate::source::DraftComment>,
}

/// The Word draft `bytes`: its text, and its comments when any of them
/// mentions copydesk. The error says, without the path, why it cannot be
/// read.
pub fn read_draft(bytes: &[u8]) -> Result<Draft, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("not a Word draft: cannot read it as a zip archive ({e}); save it again as .docx")
    })?;
    let xml = part_xml(&mut archive, DOCUMENT_PART)?
        .ok_or_else(|| format!("not a Word draft: a zip archive without {DOCUMENT_PART}"))?;
    let body = read_body(&xml)?;
    let text = body.paragraphs.join("\n");
    let comments = match part_xml(&mut archive, COMMENTS_PART)? {
        Some(xml) if xml.contains("copydesk-") => anchor(&body, &comment_texts(&xml)?),
        _ => Vec::new(),
    };
    Ok(Draft { text, comments })
}

/// The comments of `texts` (id, text) that mention copydesk, with the
/// ranges of the draft's text their marks in `body` give.
fn anchor(body: &Body, texts: &[(String, String)]) -> Vec<crate::source::DraftComment> {
    // Where each paragraph begins in the joined text.
    let mut starts = Vec::with_capacity(body.paragraphs.len() + 1);
    let mut at = 0;
    for p in &body.paragraphs {
        starts.push(at);
        at += p.len() + 1;
    }
    let total = at.saturating_sub(1);
    let offset =
        |(para, within): (usize, usize)| starts.get(para).map_or(total, |s| s + within).min(total);
    let find = |id: &str, mark: Mark| {
        body.marks
            .iter()
            .find(|(m, i, _)| *m == mark && i == id)
            .map(|&(_, _, place)| offset(place))
    };
    texts
        .iter()
        .filter(|(_, text)| text.contains("copydesk-"))
        .map(|(id, text)| {
            let start = find(id, Mark::Start).or_else(|| find(id, Mark::Reference));
            let end = find(id, Mark::End);
            let range = match (start, end) {
                (Some(s), Some(e)) if s <= e => s..e,
                (Some(s), _) => s..s,
                (None, Some(e)) => e..e,
                (None, None) => total..total,
            };
            crate::source::DraftComment {
                text: text.clone(),
                range,
            }
        })
        .collect()
}

/// The part `name` of the archive as text, read at most to
/// [`MAX_DOCUMENT_XML`]; `None` when the archive has no such part.
fn part_xml(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let mut part = match archive.by_name(name) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name}: {e}")),
    };
    let mib = MAX_DOCUMENT_XML / (1024 * 1024);
    let too_big = || {
        format!(
            "{name} decompresses to more than {mib} MiB (a zip bomb?), \
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
        .map_err(|e| format!("cannot read {name}: {e} (the archive is corrupt)"))?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(too_big());
    }
    String::from_utf8(xml).map(Some).map_err(|e| {
        format!(
            "{name} is not UTF-8 (offset {} of the part)",
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
    /// `<w:commentRangeStart>`, `<w:commentRangeEnd>`, `<w:commentReference>`.
    Comment(Mark),
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
            "commentRangeStart" => Element::Comment(Mark::Start),
            "commentRangeEnd" => Element::Comment(Mark::End),
            "commentReference" => Element::Comment(Mark::Reference),
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

/// Which mark of a comment's place an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Where the commented text begins.
    Start,
    /// Where it ends.
    End,
    /// Where the comment is referred to (a comment on no range has only this).
    Reference,
}

/// What `word/document.xml` holds: the paragraphs, and where each comment
/// mark stands (the mark, the comment's id, the paragraph and the byte
/// offset within it).
#[derive(Debug, Default)]
struct Body {
    paragraphs: Vec<String>,
    marks: Vec<(Mark, String, (usize, usize))>,
}

/// The `w:id` attribute of a comment mark or a comment.
fn comment_id(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == "id").then(|| a.value.to_string()))
}

/// The paragraphs of `xml`, each as one line of text.
#[cfg(test)]
fn paragraphs(xml: &str) -> Result<Vec<String>, String> {
    read_body(xml).map(|b| b.paragraphs)
}

/// The paragraphs of `xml` and its comment marks.
fn read_body(xml: &str) -> Result<Body, String> {
    let mut reader = NsReader::from_str(xml);
    let mut out = Vec::new();
    let mut marks = Vec::new();
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
                    Element::Comment(m) if skipped == 0 => {
                        let place = (out.len(), para.as_ref().map_or(0, String::len));
                        marks.extend(comment_id(&e).map(|id| (m, id, place)));
                    }
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
                    Element::Comment(m) => {
                        let place = (out.len(), para.as_ref().map_or(0, String::len));
                        marks.extend(comment_id(&e).map(|id| (m, id, place)));
                    }
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
    Ok(Body {
        paragraphs: out,
        marks,
    })
}

/// Each comment of `word/comments.xml` as (its id, its text): the text of
/// its paragraphs joined by a space.
fn comment_texts(xml: &str) -> Result<Vec<(String, String)>, String> {
    let mut reader = NsReader::from_str(xml);
    let mut out: Vec<(String, String)> = Vec::new();
    // Depth inside the current `<w:comment>`, and inside `<w:t>` in it.
    let (mut depth, mut texts) = (0usize, 0usize);
    let malformed = |reader: &NsReader<&[u8]>, e: &dyn std::fmt::Display| {
        format!(
            "{COMMENTS_PART} is not well-formed XML at offset {} of the part: {e}",
            reader.error_position()
        )
    };
    let wml =
        |ns: &ResolveResult| matches!(ns, ResolveResult::Bound(Namespace(n)) if WML.contains(n));
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok(r) => r,
            Err(e) => return Err(malformed(&reader, &e)),
        };
        match event {
            Event::Start(e) => {
                let local = e.local_name();
                if depth > 0 {
                    depth += 1;
                    if wml(&ns) && local.as_ref() == "t" {
                        texts += 1;
                    }
                    if wml(&ns)
                        && local.as_ref() == "p"
                        && let Some((_, t)) = out.last_mut()
                        && !t.is_empty()
                    {
                        t.push(' ');
                    }
                } else if wml(&ns) && local.as_ref() == "comment" {
                    depth = 1;
                    out.push((comment_id(&e).unwrap_or_default(), String::new()));
                }
            }
            Event::End(e) if depth > 0 => {
                depth -= 1;
                if wml(&ns) && e.local_name().as_ref() == "t" {
                    texts = texts.saturating_sub(1);
                }
            }
            Event::Text(t) if depth > 0 && texts > 0 => {
                if let Some((_, s)) = out.last_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if depth > 0 && texts > 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .unwrap_or("")
                        .to_string(),
                };
                if let Some((_, s)) = out.last_mut() {
                    s.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out
        .into_iter()
        .map(|(id, t)| (id, t.trim().to_string()))
        .collect())
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
    fn copydesk_comments_are_anchored_on_their_range() {
        let body = read_body(&format!(
            "{HEAD}{}{TAIL}",
            r#"<w:p><w:r><w:t>One.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Said </w:t></w:r><w:commentRangeStart w:id="7"/><w:r><w:t>Wang</w:t></w:r>
<w:r><w:t xml:space="preserve"> Li</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>
<w:r><w:commentReference w:id="8"/></w:r><w:r><w:t xml:space="preserve"> then.</w:t></w:r></w:p>"#
        ))
        .unwrap();
        let comments = comment_texts(
            r#"<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:comment w:id="7" w:author="desk"><w:p><w:r><w:t>copydesk-disable entity-near-miss</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">-- house </w:t></w:r><w:r><w:t>spelling &amp; all</w:t></w:r></w:p></w:comment>
<w:comment w:id="8"><w:p><w:r><w:t>copydesk-disable-next-line</w:t></w:r></w:p></w:comment>
<w:comment w:id="9"><w:p><w:r><w:t>an ordinary note</w:t></w:r></w:p></w:comment></w:comments>"#,
        )
        .unwrap();
        assert_eq!(comments.len(), 3);
        let text = body.paragraphs.join("\n");
        let anchored = anchor(&body, &comments);
        assert_eq!(anchored.len(), 2, "the ordinary note is left out");
        assert_eq!(
            anchored[0].text,
            "copydesk-disable entity-near-miss -- house spelling & all"
        );
        assert_eq!(&text[anchored[0].range.clone()], "Wang Li");
        // A comment on no range: an empty range where it is referred to.
        assert_eq!(anchored[1].range, text.find(" then").map(|i| i..i).unwrap());
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
