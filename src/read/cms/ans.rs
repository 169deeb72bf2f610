//! An Arc XP story in ANS (Arc Native Specification), as the Content API
//! returns it.
//!
//! Read: `headlines.basic` (plain text) as the headline line, then each of
//! `content_elements[]` in order, one line or more each:
//! - `text` and `header`: their `content` (inline HTML);
//! - `quote`: its own `content_elements` (read as above), then its
//!   `citation` (`{"type": "text", "content": …}`, inline HTML); a
//!   `pullquote` is not read: it repeats the article, as a pull quote in a
//!   page is furniture;
//! - `list`: its `items`, read as above;
//! - anything else (images, galleries, videos, raw HTML embeds, links to
//!   other stories, corrections, dividers) is not article text.
//!
//! Metadata: the publication date from `first_publish_date`, else
//! `publish_date` (both UTC); the outlet from `canonical_website`; the
//! locale from `language`; the byline from `credits.by[].name`.

use super::Builder;
use super::json::Node;

/// How deeply quotes and lists may nest in one another before the rest is
/// left unread (the JSON itself is already bounded).
const MAX_NESTING: usize = 16;

/// Whether `node` is an ANS story: it has `content_elements` and says it
/// is a story (`type`), or has `headlines`.
pub fn is_story(node: &Node) -> bool {
    let ty = node.get("type").and_then(Node::as_str).is_some();
    let elements = node
        .get("content_elements")
        .and_then(Node::as_array)
        .is_some();
    elements && (ty || node.get("headlines").is_some())
}

/// Read the story `story` into `out`.
pub fn read(story: &Node, out: &mut Builder) {
    let basic = story.at(&["headlines", "basic"]);
    if out.lines(basic, false, "headlines.basic") {
        let text = out.string(basic);
        out.headline(text, "the ANS story's `headlines.basic`");
    }
    if let Some(elements) = story.get("content_elements").and_then(Node::as_array) {
        for e in elements {
            element(e, out, 0);
        }
    }

    let s = |path: &[&str]| out.string(story.at(path));
    let dates = [
        (
            s(&["first_publish_date"]),
            "the ANS story's `first_publish_date` (UTC)",
        ),
        (s(&["publish_date"]), "the ANS story's `publish_date` (UTC)"),
    ];
    let outlets = [(
        s(&["canonical_website"]),
        "the ANS story's `canonical_website`",
    )];
    let locales = [(s(&["language"]), "the ANS story's `language`")];
    let by: Vec<String> = story
        .at(&["credits", "by"])
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|c| out.string(c.get("name")))
        .collect();
    let bylines = [(by, "the ANS story's `credits.by[].name`")];
    out.published(&dates);
    out.outlet(&outlets);
    out.locale(&locales);
    out.byline(&bylines);
}

/// Read one content element.
fn element(e: &Node, out: &mut Builder, depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    let ty = out.string(e.get("type"));
    match ty.as_deref() {
        Some("text") => {
            out.lines(e.get("content"), true, "content_elements[].content");
        }
        Some("header") => {
            out.lines(e.get("content"), true, "content_elements[].content");
        }
        Some("quote") => {
            if out.string(e.get("subtype")).as_deref() == Some("pullquote") {
                return;
            }
            for inner in e
                .get("content_elements")
                .and_then(Node::as_array)
                .unwrap_or_default()
            {
                element(inner, out, depth + 1);
            }
            match e.get("citation") {
                Some(c @ Node::Str(_)) => {
                    out.lines(Some(c), true, "citation");
                }
                Some(c) => {
                    out.lines(c.get("content"), true, "citation.content");
                }
                None => {}
            }
        }
        Some("list") => {
            for item in e.get("items").and_then(Node::as_array).unwrap_or_default() {
                element(item, out, depth + 1);
            }
        }
        _ => {}
    }
}
