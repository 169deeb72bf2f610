//! A WordPress REST post (`/wp-json/wp/v2/posts/<id>`, saved as JSON).
//!
//! Read: `title.rendered` (HTML) as the headline line, then
//! `content.rendered` (HTML) as the article. Metadata: the publication date
//! from `date` (the site's local time, as the page shows it), else
//! `date_gmt`; the outlet from `yoast_head_json.og_site_name` (the Yoast
//! plugin's copy of the page's `og:site_name`), else the site named by
//! `link`; the locale from `yoast_head_json.og_locale`; the byline from
//! `_embedded.author[].name` (a post fetched with `?_embed`), else
//! `yoast_head_json.author`. The excerpt is not read: it repeats the
//! article.

use super::Builder;
use super::json::Node;

/// Whether `node` is a WordPress post: it has `content.rendered`.
pub fn is_post(node: &Node) -> bool {
    node.at(&["content", "rendered"])
        .and_then(Node::as_str)
        .is_some()
}

/// Read the post `post` into `out`.
pub fn read(post: &Node, out: &mut Builder) {
    let title = post.at(&["title", "rendered"]);
    if out.lines(title, true, "title.rendered") {
        // The headline as the reader reads it (references decoded, tags
        // dropped): the text of its line.
        let text = out.string(title).map(|t| super::fragment(&t).0);
        out.headline(text, "the WordPress post's `title.rendered`");
    }
    out.lines(post.at(&["content", "rendered"]), true, "content.rendered");

    let s = |path: &[&str]| out.string(post.at(path));
    let dates = [
        (s(&["date"]), "the WordPress post's `date`"),
        (s(&["date_gmt"]), "the WordPress post's `date_gmt` (UTC)"),
    ];
    let outlets = [
        (
            s(&["yoast_head_json", "og_site_name"]),
            "the WordPress post's `yoast_head_json.og_site_name`",
        ),
        (
            s(&["link"]).as_deref().and_then(super::site_of),
            "the WordPress post's `link`",
        ),
    ];
    let locales = [(
        s(&["yoast_head_json", "og_locale"]),
        "the WordPress post's `yoast_head_json.og_locale`",
    )];
    let embedded: Vec<String> = post
        .at(&["_embedded", "author"])
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|a| out.string(a.get("name")))
        .collect();
    let bylines = [
        (embedded, "the WordPress post's `_embedded.author[].name`"),
        (
            s(&["yoast_head_json", "author"]).into_iter().collect(),
            "the WordPress post's `yoast_head_json.author`",
        ),
    ];
    out.published(&dates);
    out.outlet(&outlets);
    out.locale(&locales);
    out.byline(&bylines);
}
