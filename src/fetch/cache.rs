//! The `--cache DIR` of fetched pages: a rerun is offline and reproducible.
//!
//! Each URL, exactly as given, is kept as two files named by a hash of it
//! (64-bit FNV-1a, in hex: stable across builds and machines, unlike std's
//! hasher): `KEY.body`, the body as fetched, and `KEY.json`, what else a
//! run needs (`url`, `final_url`, `content_type`; `fetched`, when, for
//! people). The body is written first and each file atomically (a
//! temporary file, then a rename), so an entry whose `KEY.json` exists is
//! whole. An entry is used only if its `url` is the URL asked for (two URLs
//! of one hash replace each other). Only pages fetched without error are
//! kept. To refresh: delete the directory (or the entry's two files), or
//! run with `--refresh`.

use super::Fetched;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What the cache keeps of one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The URL as given.
    pub url: String,
    /// Where the page was found after redirects.
    pub final_url: String,
    /// The `Content-Type` header, as sent.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Entry {
    /// The page as a fetch would give it, with a note when it was
    /// redirected.
    pub fn into_fetched(self) -> Fetched {
        let notes = if self.final_url != self.url {
            vec![format!("redirected to {}", self.final_url)]
        } else {
            Vec::new()
        };
        Fetched {
            body: self.body,
            content_type: self.content_type,
            final_url: self.final_url,
            notes,
        }
    }
}

/// `KEY.json`.
#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    url: String,
    final_url: String,
    content_type: Option<String>,
    /// When it was fetched (RFC 3339), for people; not read.
    #[serde(default)]
    fetched: Option<String>,
}

impl Cache {
    /// The cache in `dir` (created when first written).
    pub fn new(dir: PathBuf) -> Self {
        Cache { dir }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file name stem of `url`'s entry.
    pub fn key(url: &str) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in url.bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{hash:016x}")
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = Self::key(url);
        (
            self.dir.join(format!("{key}.json")),
            self.dir.join(format!("{key}.body")),
        )
    }

    /// The entry kept for `url`, if whole and for this very URL.
    pub fn get(&self, url: &str) -> Option<Entry> {
        let (meta_path, body_path) = self.paths(url);
        let meta: Meta = serde_json::from_slice(&std::fs::read(meta_path).ok()?).ok()?;
        if meta.url != url {
            return None;
        }
        let body = std::fs::read(body_path).ok()?;
        Some(Entry {
            url: meta.url,
            final_url: meta.final_url,
            content_type: meta.content_type,
            body,
        })
    }

    /// Keep `entry`, replacing what was kept for its URL.
    pub fn put(&self, entry: &Entry) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let (meta_path, body_path) = self.paths(&entry.url);
        let meta = Meta {
            url: entry.url.clone(),
            final_url: entry.final_url.clone(),
            content_type: entry.content_type.clone(),
            fetched: Some(jiff::Timestamp::now().to_string()),
        };
        let meta = serde_json::to_vec_pretty(&meta).map_err(std::io::Error::other)?;
        write_atomically(&body_path, &entry.body)?;
        write_atomically(&meta_path, &meta)
    }
}

/// Write `bytes` to a temporary file beside `path`, then rename it there.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("entry");
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_stable_and_hex() {
        // FNV-1a of the empty string is its offset basis.
        assert_eq!(Cache::key(""), "cbf29ce484222325");
        assert_eq!(Cache::key("a"), "af63dc4c8601ec8c");
        assert_ne!(Cache::key("http://h/a"), Cache::key("http://h/b"));
    }

    #[test]
    fn an_entry_is_kept_and_read_back_only_for_its_url() {
        let dir = std::env::temp_dir().join(format!("copydesk-cache-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cache = Cache::new(dir.join("nested"));
        let entry = Entry {
            url: "http://h/a".into(),
            final_url: "http://h/b".into(),
            content_type: Some("text/html".into()),
            body: b"<p>Wang Li</p>".to_vec(),
        };
        assert_eq!(cache.get(&entry.url), None);
        cache.put(&entry).unwrap();
        assert_eq!(cache.get(&entry.url), Some(entry.clone()));
        assert_eq!(cache.get("http://h/b"), None);
        let fetched = entry.into_fetched();
        assert_eq!(fetched.notes, ["redirected to http://h/b"]);
        // An entry of another URL under the same key is not used.
        let (meta, _) = cache.paths("http://h/a");
        let text = std::fs::read_to_string(&meta)
            .unwrap()
            .replace("http://h/a", "http://h/z");
        std::fs::write(&meta, text).unwrap();
        assert_eq!(cache.get("http://h/a"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
