//! `compare` on the op-ed versions as published pages finds what it finds on
//! the plain-text versions, and no more (issue 14): each version is wrapped
//! in a page with its furniture (navigation, a related-links aside, a share
//! bar, a footer with a disclaimer), every line of the text a paragraph of
//! the article, and the two runs must report the same findings at the same
//! words.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const OPED: &str = "fixtures/china-russia-2017";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "copydesk-html-compare-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `text` as a published page: the first line the headline, every other
/// line a paragraph, and furniture around the article that carries drift of
/// its own ("peninsular", a wrong pipeline length) which must stay quiet.
fn page(text: &str) -> String {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let headline = lines.next().unwrap_or_default();
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Opinion | Example Daily</title>\
         <meta property=\"og:site_name\" content=\"Example Daily\"></head>\n<body>\n\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/opinion\">Opinion</a></nav>\n\
         <div class=\"share-bar\"><button>Share</button> <a href=\"#\">Follow</a></div>\n\
         <article>\n",
    );
    out.push_str(&format!("<h1>{}</h1>\n", escape(headline)));
    for line in lines {
        out.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
    out.push_str(
        "</article>\n<aside class=\"related\"><h3>Related</h3><ul>\
         <li><a href=\"/a\">Tensions on the peninsular</a></li>\
         <li><a href=\"/b\">A 9,000km pipeline?</a></li></ul></aside>\n\
         <footer><p>Disclaimer: the views are the author's own. A pipeline of 9,000km.</p></footer>\n\
         </body></html>\n",
    );
    out
}

/// The findings of `compare --format json` on `dir`, each as (code,
/// severity, the words it points at in its file), file names without their
/// extension, sorted.
fn compare(dir: &Path) -> Vec<(String, String, String, String)> {
    let out = Command::cargo_bin("copydesk")
        .unwrap()
        .args(["compare", "--format", "json", "--fail-on", "never"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<(String, String, String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let file = std::fs::read_to_string(path).unwrap();
            let (start, end) = (
                f["start"].as_u64().unwrap() as usize,
                f["end"].as_u64().unwrap() as usize,
            );
            let stem = Path::new(path)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .to_string();
            // The page escapes what the text writes raw.
            let words = file[start..end]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            (
                stem,
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                words,
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn compare_on_published_pages_finds_what_it_finds_on_the_text() {
    let pages = temp_dir("pages");
    let mut versions = 0;
    for entry in std::fs::read_dir(OPED).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            std::fs::write(pages.join(format!("{name}.html")), page(&text)).unwrap();
            versions += 1;
        }
    }
    assert_eq!(versions, 5);
    // The pages carry the versions' metadata too: the manifest, naming them.
    let manifest = std::fs::read_to_string(format!("{OPED}/copydesk.versions.toml")).unwrap();
    std::fs::write(
        pages.join("copydesk.versions.toml"),
        manifest.replace(".txt\"", ".html\""),
    )
    .unwrap();
    let from_text = compare(Path::new(OPED));
    let from_pages = compare(&pages);
    assert!(!from_text.is_empty());
    assert_eq!(from_pages, from_text);
}
