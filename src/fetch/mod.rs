//! Articles named by URL: fetched over HTTP(S), or taken from a cache.
//!
//! A path that begins with `http://` or `https://` (any case) is a URL
//! ([`is_url`]). It is fetched once per run with ureq (blocking, rustls for
//! https, the proxy of the usual environment variables), with a timeout on
//! connecting and on the whole exchange, redirects followed (at most
//! [`MAX_REDIRECTS`]) and reported, and at most [`MAX_BODY_SIZE`] bytes of
//! body: a server that announces more is refused before the body is read,
//! one that sends more is cut off at the limit. A status other than 2xx is
//! an error. The reader is picked by the content type ([`reader_name`]),
//! not by the URL's look.
//!
//! With a cache directory ([`Fetcher::caching`]), what was fetched is kept
//! there (see [`cache`]) and a later run takes it from there without any
//! network access, unless told to refresh.
//!
//! Errors are plain messages; the caller names the URL.

pub mod cache;

use cache::{Cache, Entry};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;
use ureq::ResponseExt;

/// The most bytes of body one page may have: a published op-ed page,
/// furniture and scripts included, is some hundreds of kilobytes.
pub const MAX_BODY_SIZE: u64 = 16 * 1024 * 1024;

/// The timeout when none is given, on connecting and on the whole exchange.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// The most redirects followed for one URL.
pub const MAX_REDIRECTS: u32 = 10;

/// Whether `path` is a URL copydesk fetches (`http://…`, `https://…`).
pub fn is_url(path: &Path) -> bool {
    path.to_str().is_some_and(is_url_str)
}

/// [`is_url`] for a string.
pub fn is_url_str(s: &str) -> bool {
    let lower = |n: usize| s.get(..n).map(str::to_ascii_lowercase);
    lower(7).as_deref() == Some("http://") || lower(8).as_deref() == Some("https://")
}

fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
}

/// A page as fetched (or as kept in the cache).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The body, as the server sent it (decompressed).
    pub body: Vec<u8>,
    /// The `Content-Type` header, as sent.
    pub content_type: Option<String>,
    /// Where the page was found after redirects.
    pub final_url: String,
    /// Lines a user should know about how it was fetched (a redirect, the
    /// cache), without the URL.
    pub notes: Vec<String>,
}

impl Fetched {
    /// The `charset` parameter of the content type, lowercased.
    pub fn charset(&self) -> Option<String> {
        let ct = self.content_type.as_deref()?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches('"').to_ascii_lowercase())
        })
    }
}

/// A name whose extension picks the reader of a page of content type
/// `content_type` fetched from `final_url`, in the table of `crate::read`:
/// `text/html` and XHTML are read as HTML, `text/markdown` as Markdown,
/// `text/plain` as text, JSON as `.json` (a CMS export); any other type,
/// or none, leaves it to the URL's path (`…/piece.md`), else plain text.
pub fn reader_name(content_type: Option<&str>, final_url: &str) -> String {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let ext = match mime.as_str() {
        "text/html" | "application/xhtml+xml" => "html",
        "text/markdown" | "text/x-markdown" => "md",
        "text/plain" => "txt",
        m if m == "application/json" || m.ends_with("+json") => "json",
        _ => {
            // The last segment of the URL's path, without query or fragment.
            let rest = final_url.split_once("://").map_or(final_url, |(_, r)| r);
            let path = rest.split(['?', '#']).next().unwrap_or("");
            let last = path.split_once('/').map_or("", |(_, p)| p);
            let last = last.rsplit('/').next().unwrap_or("");
            return match last.rsplit_once('.') {
                Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => {
                    format!("page.{ext}")
                }
                _ => "page.txt".to_string(),
            };
        }
    };
    format!("page.{ext}")
}

/// How URLs are fetched in one run: the timeout and the cache.
#[derive(Debug, Clone)]
pub struct Fetcher {
    timeout: Duration,
    cache: Option<Cache>,
    /// Fetch anew even what the cache holds (and keep the new copy).
    refresh: bool,
    /// Built when the first URL is fetched: a run of files only, or one
    /// whose pages all come from the cache, builds none.
    agent: OnceLock<ureq::Agent>,
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::new(DEFAULT_TIMEOUT)
    }
}

impl Fetcher {
    /// Fetch with `timeout` on connecting and on the whole exchange
    /// (redirects and body included), with no cache.
    pub fn new(timeout: Duration) -> Self {
        Fetcher {
            timeout,
            cache: None,
            refresh: false,
            agent: OnceLock::new(),
        }
    }

    /// Keep what is fetched in `dir` (created when first written), and take
    /// what it holds from there without network access; with `refresh`,
    /// fetch every URL anew and replace what is kept.
    pub fn caching(mut self, dir: Option<PathBuf>, refresh: bool) -> Self {
        self.cache = dir.map(Cache::new);
        self.refresh = refresh;
        self
    }

    fn agent(&self) -> &ureq::Agent {
        self.agent.get_or_init(|| {
            ureq::Agent::config_builder()
                .timeout_global(Some(self.timeout))
                .timeout_connect(Some(self.timeout))
                .max_redirects(MAX_REDIRECTS)
                .save_redirect_history(true)
                // A 404 is read as a status, to be reported with its reason.
                .http_status_as_error(false)
                .user_agent(concat!("copydesk/", env!("CARGO_PKG_VERSION")))
                .accept(
                    "text/html, application/xhtml+xml, text/markdown;q=0.9, \
                     text/plain;q=0.8, application/json;q=0.7, */*;q=0.1",
                )
                .build()
                .into()
        })
    }

    /// The page at `url`: from the cache when it holds it (and no refresh
    /// was asked), else fetched (and then kept in the cache).
    pub fn fetch(&self, url: &str) -> Result<Fetched, String> {
        if let Some(cache) = &self.cache
            && !self.refresh
            && let Some(entry) = cache.get(url)
        {
            let mut fetched = entry.into_fetched();
            fetched.notes.push(format!(
                "taken from the cache in {} (no network access; --refresh fetches it again)",
                cache.dir().display()
            ));
            return Ok(fetched);
        }
        let mut fetched = self.fetch_from_network(url)?;
        if let Some(cache) = &self.cache {
            let entry = Entry {
                url: url.to_string(),
                final_url: fetched.final_url.clone(),
                content_type: fetched.content_type.clone(),
                body: fetched.body.clone(),
            };
            if let Err(e) = cache.put(&entry) {
                fetched.notes.push(format!(
                    "not kept in the cache in {}: {e}",
                    cache.dir().display()
                ));
            }
        }
        Ok(fetched)
    }

    fn fetch_from_network(&self, url: &str) -> Result<Fetched, String> {
        // A fragment (`#comments`) is the reader's, never sent.
        let request = url.split_once('#').map_or(url, |(u, _)| u);
        let mut response = self
            .agent()
            .get(request)
            .call()
            .map_err(|e| self.describe(e, url))?;
        let final_url = response.get_uri().to_string();
        let redirected = response.get_redirect_history().is_some_and(|h| h.len() > 1);
        let status = response.status();
        let from = if redirected {
            format!(" (at {final_url}, after redirects)")
        } else {
            String::new()
        };
        if !status.is_success() {
            return Err(format!(
                "cannot fetch: the server answered HTTP {}{}{from}",
                status.as_u16(),
                status
                    .canonical_reason()
                    .map_or_else(String::new, |r| format!(" {r}")),
            ));
        }
        let content_type = response
            .headers()
            .get(ureq::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let announced = response
            .headers()
            .get(ureq::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if let Some(size) = announced
            && size > MAX_BODY_SIZE
        {
            return Err(too_large(Some(size)));
        }
        let mut body = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(MAX_BODY_SIZE + 1)
            .read_to_end(&mut body)
            .map_err(|e| self.describe_io(e, url))?;
        if body.len() as u64 > MAX_BODY_SIZE {
            return Err(too_large(None));
        }
        let mut notes = Vec::new();
        if redirected {
            notes.push(format!("redirected to {final_url}"));
        }
        Ok(Fetched {
            body,
            content_type,
            final_url,
            notes,
        })
    }

    fn timed_out(&self) -> String {
        format!(
            "timed out after {} s (--timeout SECS sets the limit)",
            self.timeout.as_secs_f64()
        )
    }

    /// A ureq error as a user reads it.
    fn describe(&self, e: ureq::Error, url: &str) -> String {
        match e {
            ureq::Error::Io(io) => self.describe_io(io, url),
            e => self.describe_ref(&e),
        }
    }

    fn describe_ref(&self, e: &ureq::Error) -> String {
        let what = match e {
            ureq::Error::Timeout(_) => self.timed_out(),
            ureq::Error::HostNotFound => "host not found (the name does not resolve)".to_string(),
            ureq::Error::ConnectionFailed => "the connection failed".to_string(),
            ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
            ureq::Error::BodyExceedsLimit(_) => return too_large(None),
            ureq::Error::Rustls(e) => format!("the TLS connection failed: {e}"),
            ureq::Error::Tls(e) => format!("the TLS connection failed: {e}"),
            e => e.to_string(),
        };
        format!("cannot fetch: {what}")
    }

    fn describe_io(&self, e: std::io::Error, url: &str) -> String {
        use std::io::ErrorKind;
        // ureq reports errors met while reading the body as I/O errors
        // wrapping its own.
        if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>()) {
            return self.describe_ref(inner);
        }
        let what = match e.kind() {
            ErrorKind::ConnectionRefused => "connection refused".to_string(),
            ErrorKind::TimedOut | ErrorKind::WouldBlock => self.timed_out(),
            // rustls reports a failed handshake as invalid data.
            ErrorKind::InvalidData if is_https(url) => format!("the TLS connection failed: {e}"),
            _ => e.to_string(),
        };
        format!("cannot fetch: {what}")
    }
}

/// The error for a body above [`MAX_BODY_SIZE`] (`size`: as announced).
fn too_large(size: Option<u64>) -> String {
    let mib = MAX_BODY_SIZE / (1024 * 1024);
    match size {
        Some(size) => format!(
            "too large: the server announces {size} bytes, more than {mib} MiB \
             (the limit for one page); not read"
        ),
        None => {
            format!("too large: more than {mib} MiB (the limit for one page); not read further")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_by_their_scheme_in_any_case() {
        assert!(is_url(Path::new("https://example.org/a")));
        assert!(is_url(Path::new("HTTP://example.org")));
        assert!(!is_url(Path::new("ftp://example.org/a")));
        assert!(!is_url(Path::new("http:/a.txt")));
        assert!(!is_url(Path::new("https")));
        assert!(!is_url(Path::new("fixtures/https.txt")));
    }

    #[test]
    fn the_content_type_picks_the_reader_before_the_url() {
        let r = |ct, url| reader_name(ct, url);
        assert_eq!(
            r(Some("text/html; charset=utf-8"), "http://h/a.txt"),
            "page.html"
        );
        assert_eq!(r(Some("TEXT/HTML"), "http://h/"), "page.html");
        assert_eq!(r(Some("application/xhtml+xml"), "http://h/"), "page.html");
        assert_eq!(r(Some("text/markdown"), "http://h/a"), "page.md");
        assert_eq!(r(Some("text/plain"), "http://h/a.html"), "page.txt");
        assert_eq!(
            r(Some("application/json"), "http://h/wp/v2/posts/1"),
            "page.json"
        );
        assert_eq!(r(Some("application/ld+json"), "http://h/"), "page.json");
        // Unknown or missing: the URL's path, else text.
        assert_eq!(
            r(Some("application/octet-stream"), "http://h/p/a.md?x=1"),
            "page.md"
        );
        assert_eq!(r(None, "http://h/p/a.HTML#top"), "page.HTML");
        assert_eq!(r(None, "http://h.example.org"), "page.txt");
        assert_eq!(r(None, "http://h/p.d/a"), "page.txt");
    }

    #[test]
    fn charset_is_read_from_the_content_type() {
        let f = |ct: &str| Fetched {
            body: Vec::new(),
            content_type: Some(ct.to_string()),
            final_url: String::new(),
            notes: Vec::new(),
        };
        assert_eq!(
            f("text/html; Charset=\"ISO-8859-1\"").charset().as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(f("text/html").charset(), None);
    }
}
