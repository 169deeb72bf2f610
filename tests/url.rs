//! Articles named by URL: fetched from a server on 127.0.0.1 that each test
//! starts itself (a `TcpListener` thread answering fixed responses); no test
//! reaches any other address, and the proxy variables are removed so that
//! none is asked either. Every run has a timeout: a hang is a failure.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the server answers on one path.
#[derive(Clone)]
enum Reply {
    /// A status, a content type and a body (Content-Length set).
    Page(u16, &'static str, Vec<u8>),
    /// A redirect to another path of this server.
    Redirect(&'static str),
    /// Headers announcing `len` bytes, then a few, then the connection closes.
    Announces(u64),
    /// No Content-Length; bytes sent until the client hangs up.
    Endless,
    /// The connection accepted, the request read, and no answer.
    Silent,
}

/// A server on 127.0.0.1 that counts the requests of each path.
struct Server {
    port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(routes: &[(&str, Reply)]) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let routes: Arc<HashMap<String, Reply>> = Arc::new(
            routes
                .iter()
                .map(|(p, r)| (p.to_string(), r.clone()))
                .collect(),
        );
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (hits, stop) = (hits.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (routes, hits) = (routes.clone(), hits.clone());
                    std::thread::spawn(move || serve(stream, port, &routes, &hits));
                }
            })
        };
        Server {
            port,
            hits,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    /// Stop listening: the port refuses connections from now on.
    fn shut_down(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        self.thread.take().unwrap().join().unwrap();
    }
}

fn serve(
    mut stream: TcpStream,
    port: u16,
    routes: &HashMap<String, Reply>,
    hits: &Mutex<HashMap<String, usize>>,
) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
        // A TLS handshake record: answered in plain HTTP, as such a server does.
        if head == [0x16] {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            return;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split(' ').nth(1).unwrap_or("/").to_string();
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    let reply =
        routes
            .get(&path)
            .cloned()
            .unwrap_or(Reply::Page(404, "text/plain", b"not found".to_vec()));
    let _ = match reply {
        Reply::Page(status, content_type, body) => {
            let reason = match status {
                200 => "OK",
                404 => "Not Found",
                500 => "Internal Server Error",
                _ => "Other",
            };
            write!(
                stream,
                "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .and_then(|_| stream.write_all(&body))
        }
        Reply::Redirect(to) => write!(
            stream,
            "HTTP/1.1 301 Moved Permanently\r\nLocation: http://127.0.0.1:{port}{to}\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Reply::Announces(len) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len}\r\n\
             Connection: close\r\n\r\n<p>Wang Li"
        ),
        Reply::Endless => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
            );
            let chunk = vec![b'a'; 64 * 1024];
            // At most 64 MiB, whatever the client does.
            for _ in 0..1024 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
            Ok(())
        }
        Reply::Silent => {
            std::thread::sleep(Duration::from_secs(10));
            Ok(())
        }
    };
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap()
}

fn run(args: &[&str]) -> Run {
    let mut c = Command::cargo_bin("copydesk").unwrap();
    c.current_dir(root()).timeout(Duration::from_secs(30));
    for var in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        c.env_remove(var);
    }
    let out = c.args(args).output().unwrap();
    Run {
        code: out
            .status
            .code()
            .expect("exited, not killed by the timeout"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-url-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The error messages of a JSON run, by path.
fn errors(v: &Value) -> Vec<(String, String)> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const PAGE: &str = "/2017/11/20/china-russia";

fn drift_page() -> Reply {
    Reply::Page(
        200,
        "text/html; charset=utf-8",
        fixture("fixtures/html/drift.html"),
    )
}

#[test]
fn a_page_is_checked_by_its_content_type_and_findings_name_the_url() {
    let server = Server::start(&[(PAGE, drift_page())]);
    // Shown as given, fragment and all; the fragment is not sent.
    let url = server.url(PAGE) + "#comments";
    let r = run(&["check", "--rules", "rules", "--format", "json", &url]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json(&r);
    let body = fixture("fixtures/html/drift.html");
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!(f["path"], url.as_str());
    }
    // Read as HTML (the URL has no extension): the article's words, spans
    // into the page as served; the page's <title> is not checked.
    let wang = findings
        .iter()
        .find(|f| f["code"] == "entity-variant" && f["found"] == "Wang Li")
        .expect("Wang Li found in the article");
    let (start, end) = (
        wang["start"].as_u64().unwrap() as usize,
        wang["end"].as_u64().unwrap() as usize,
    );
    let title_end = String::from_utf8_lossy(&body).find("</title>").unwrap();
    assert!(start > title_end, "not in the <title>");
    let spanned = String::from_utf8_lossy(&body[start..end]).to_string();
    assert!(
        spanned.starts_with("Wang") && spanned.ends_with("Li"),
        "{spanned}"
    );
    assert_eq!(server.hits(PAGE), 1);
}

#[test]
fn a_url_is_fetched_once_per_run_in_every_output_path() {
    let server = Server::start(&[(PAGE, drift_page())]);
    let url = server.url(PAGE);
    // Human output of a run with the quantity engine renders after every
    // file is checked; one with only `entity` streams file by file. Neither
    // fetches the page again for its excerpts.
    let across = run(&["check", "--rules", "rules", "--color", "never", &url]);
    assert_eq!(across.code, 1, "{}", across.stderr);
    assert!(
        across.stdout.contains(&format!("{url}:")),
        "{}",
        across.stdout
    );
    assert!(across.stdout.contains("Wang Li"), "{}", across.stdout);
    assert_eq!(server.hits(PAGE), 1);
    let streamed = run(&[
        "check", "--rules", "rules", "--color", "never", "--select", "entity", &url,
    ]);
    assert_eq!(streamed.code, 1, "{}", streamed.stderr);
    assert!(streamed.stdout.contains("Wang Li"), "{}", streamed.stdout);
    assert_eq!(server.hits(PAGE), 2);
}

#[test]
fn a_redirect_is_followed_and_reported() {
    let server = Server::start(&[("/old", Reply::Redirect(PAGE)), (PAGE, drift_page())]);
    let url = server.url("/old");
    let r = run(&["check", "--rules", "rules", "--format", "json", &url]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The path is the URL as given; a note names where the page was.
    assert!(
        json(&r)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["path"] == url.as_str())
    );
    let note = format!("copydesk: note: {url}: redirected to {}", server.url(PAGE));
    assert!(r.stderr.contains(&note), "{}", r.stderr);
    assert_eq!((server.hits("/old"), server.hits(PAGE)), (1, 1));
}

#[test]
fn bad_urls_are_input_errors_naming_them_and_the_rest_is_checked() {
    let server = Server::start(&[
        (
            "/broken",
            Reply::Page(500, "text/html", b"<p>oops</p>".to_vec()),
        ),
        ("/huge", Reply::Announces(2 * 1024 * 1024 * 1024)),
        ("/endless", Reply::Endless),
        ("/silent", Reply::Silent),
        (
            "/latin1",
            Reply::Page(200, "text/plain; charset=iso-8859-1", b"Caf\xe9".to_vec()),
        ),
        (PAGE, drift_page()),
    ]);
    // A port nothing listens on: bound, then freed.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let refused = format!("http://127.0.0.1:{closed}/a");
    // https to a server that speaks plain HTTP: the TLS handshake fails.
    let not_tls = server.url(PAGE).replacen("http://", "https://", 1);
    let urls: Vec<String> = [
        "/missing", "/broken", "/huge", "/endless", "/silent", "/latin1",
    ]
    .iter()
    .map(|p| server.url(p))
    .collect();
    let good = server.url(PAGE);
    let started = std::time::Instant::now();
    let mut args = vec![
        "check",
        "--rules",
        "rules",
        "--format",
        "json",
        "--timeout",
        "1",
    ];
    args.extend(urls.iter().map(String::as_str));
    args.extend([
        refused.as_str(),
        not_tls.as_str(),
        good.as_str(),
        "fixtures/china-russia-2017/taipei.txt",
    ]);
    let r = run(&args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(started.elapsed() < Duration::from_secs(15));
    let v = json(&r);
    let errors = errors(&v);
    let message = |url: &str| {
        errors
            .iter()
            .find(|(p, _)| p == url)
            .unwrap_or_else(|| panic!("no error for {url}: {errors:?}"))
            .1
            .clone()
    };
    assert!(
        message(&urls[0]).contains("HTTP 404 Not Found"),
        "{errors:?}"
    );
    assert!(message(&urls[1]).contains("HTTP 500"), "{errors:?}");
    assert!(
        message(&urls[2]).contains("announces 2147483648 bytes, more than 16 MiB"),
        "{errors:?}"
    );
    assert!(message(&urls[3]).contains("more than 16 MiB"), "{errors:?}");
    assert!(
        message(&urls[4]).contains("timed out after 1 s"),
        "{errors:?}"
    );
    assert!(
        message(&urls[5]).contains("not valid UTF-8") && message(&urls[5]).contains("iso-8859-1"),
        "{errors:?}"
    );
    assert!(
        message(&refused).contains("connection refused"),
        "{errors:?}"
    );
    assert!(
        message(&not_tls).contains("the TLS connection failed"),
        "{errors:?}"
    );
    assert_eq!(errors.len(), 8, "{errors:?}");
    // Every error is also a diagnostic on standard error naming its URL.
    for url in urls.iter().chain([&refused]) {
        assert!(
            r.stderr.contains(&format!("error[input]: {url}: ")),
            "{}",
            r.stderr
        );
    }
    // The page and the file given beside them are checked.
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&good.as_str()), "{paths:?}");
    assert!(
        paths.contains(&"fixtures/china-russia-2017/taipei.txt"),
        "{paths:?}"
    );
    // Files checked: the two read.
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn the_cache_makes_a_rerun_offline_and_refresh_fetches_again() {
    let cache = temp_dir("cache");
    let cache_arg = cache.to_str().unwrap();
    let server = Server::start(&[("/old", Reply::Redirect(PAGE)), (PAGE, drift_page())]);
    let url = server.url("/old");
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check", "--rules", "rules", "--format", "json", "--cache", cache_arg,
        ];
        args.extend(extra);
        args.push(&url);
        run(&args)
    };
    let first = check(&[]);
    assert_eq!(first.code, 1, "{}", first.stderr);
    assert_eq!(server.hits("/old"), 1);
    // Refreshed: fetched again, and kept again.
    let refreshed = check(&["--refresh"]);
    assert_eq!(refreshed.stdout, first.stdout);
    assert_eq!(server.hits("/old"), 2);
    let final_url = server.url(PAGE);
    server.shut_down();
    // The server is gone: the page comes from the cache, with the same
    // findings, the redirect still reported.
    let second = check(&[]);
    assert_eq!(second.code, 1, "{}", second.stderr);
    assert_eq!(second.stdout, first.stdout);
    assert!(
        second
            .stderr
            .contains(&format!("redirected to {final_url}")),
        "{}",
        second.stderr
    );
    assert!(
        second.stderr.contains("taken from the cache"),
        "{}",
        second.stderr
    );
    // `compare` and `rules draft` read the same cache.
    let draft = run(&[
        "rules",
        "draft",
        "--cache",
        cache_arg,
        &url,
        "fixtures/html/clean.html",
    ]);
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    let compare = run(&[
        "compare",
        "--format",
        "json",
        "--cache",
        cache_arg,
        &url,
        "fixtures/html/clean.html",
    ]);
    assert!(
        json(&compare)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == url.as_str())
    );
    // Without the cache, the URL is refused (connection refused).
    let gone = run(&["check", "--rules", "rules", "--format", "json", &url]);
    assert_eq!(gone.code, 2);
    std::fs::remove_dir_all(&cache).unwrap();
}
