//! Finding and reading the articles to check.
//!
//! Directories are walked with the `ignore` crate (the walker of ripgrep):
//! ignore files honoured, hidden entries and non-regular files skipped,
//! symbolic links followed with loops detected; each file is listed once
//! however it is spelt. A Word draft (`.docx`, or any zip archive) is
//! handed to [`crate::read::docx`] before anything else. Reading refuses
//! what is not text, with an error naming the file: more than
//! [`MAX_FILE_SIZE`] bytes, binary files, UTF-16 without a byte-order mark,
//! bytes that are not UTF-8, a Word draft its reader cannot read.
//!
//! The path `-` stands for standard input: it is listed as given, shown as
//! [`STDIN_PATH`], and read once (see [`read_stdin`]); whoever needs its text
//! again must keep the [`SourceFile`], since standard input cannot be re-read.
//!
//! A URL (`http://…`, `https://…`) is listed as given and read by fetching
//! it (see [`crate::fetch`]): shown as given, read by the reader its content
//! type picks, and, like standard input, read once: whoever needs its text
//! again must keep the [`SourceFile`].

use crate::fetch::{self, Fetcher};
use crate::read::Format;
use crate::source::{SourceFile, SourceKind};
use ignore::WalkBuilder;
use ignore::overrides::{Override, OverrideBuilder};
use std::collections::HashSet;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How standard input is named in output.
pub const STDIN_PATH: &str = "<stdin>";

/// Whether `path` is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How a listed path is shown in output: as given, or [`STDIN_PATH`] for `-`.
pub fn shown(path: &Path) -> String {
    if is_stdin(path) {
        STDIN_PATH.to_string()
    } else {
        path.display().to_string()
    }
}

/// A file that could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct InputError {
    /// The path as given.
    pub path: String,
    /// What went wrong, with the line where it can be told.
    pub message: String,
    /// Byte span in the file, when the problem has a place (the first byte
    /// that is not UTF-8).
    pub span: Option<Range<usize>>,
}

impl InputError {
    /// An error about the whole of `path`.
    pub fn whole(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            message: message.into(),
            span: None,
        }
    }
}

/// The most bytes one article may have. An op-ed is some ten kilobytes; a
/// file above this is not an article, and `/dev/zero` named by mistake must
/// end with an error, not with the memory.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The file, in any directory walked, whose lines exclude paths as a
/// `.gitignore` does (and wins over it).
pub const IGNORE_FILE: &str = ".copydeskignore";

/// What a list of paths stands for.
#[derive(Debug, Default)]
pub struct Listing {
    /// The files, sorted by how they are shown, once each.
    pub files: Vec<PathBuf>,
    /// Paths that could not be read or listed.
    pub errors: Vec<InputError>,
    /// Directories given that hold no file copydesk reads (not an error
    /// by itself: a run is only in error when no path matched anything).
    pub unmatched: Vec<PathBuf>,
    /// What the walk passed over that a user may want to know (a symbolic
    /// link back to a folder being walked), one line each, path first.
    pub notes: Vec<String>,
}

/// What makes two paths one file: on Unix the device and inode the path
/// leads to (one `stat`, where resolving the whole path would cost one per
/// component), elsewhere the canonical path; standard input and URLs are
/// themselves.
#[derive(Debug, PartialEq, Eq, Hash)]
enum FileKey {
    /// A path as given (stdin, a URL, a path that cannot be resolved).
    Given(PathBuf),
    /// Where a path leads.
    #[cfg(unix)]
    Inode(u64, u64),
    /// Where a path leads.
    #[cfg(not(unix))]
    Canonical(PathBuf),
}

impl FileKey {
    fn of(path: &Path) -> FileKey {
        if is_stdin(path) || fetch::is_url(path) {
            return FileKey::Given(path.to_path_buf());
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match std::fs::metadata(path) {
                Ok(m) => FileKey::Inode(m.dev(), m.ino()),
                Err(_) => FileKey::Given(path.to_path_buf()),
            }
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path)
                .map_or_else(|_| FileKey::Given(path.to_path_buf()), FileKey::Canonical)
        }
    }
}

/// A file read: its text, and what a user should know about how it was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The text, named as it is shown.
    pub source: SourceFile,
    /// A line about the reading (decoded from UTF-16), without the path.
    pub note: Option<String>,
}

/// How paths are listed and read: the command line's `--exclude` and
/// `--stdin-filename`, validated once before any file is touched.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// `--exclude` globs, as given.
    excludes: Vec<String>,
    /// `--stdin-filename`: the name standard input is shown as.
    stdin_name: Option<String>,
    /// How URLs are fetched (`--timeout`, `--cache`, `--refresh`).
    fetcher: Fetcher,
}

impl Inputs {
    /// Paths listed and read with no exclusion, standard input shown as
    /// [`STDIN_PATH`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Also leave out, while walking, every path matching one of `globs`
    /// (each read as a line of a `.gitignore` at the top of each directory
    /// walked). A glob that does not parse is an error naming it.
    pub fn excluding(mut self, globs: &[String]) -> Result<Self, String> {
        self.excludes = globs.to_vec();
        self.overrides(Path::new("."))?;
        Ok(self)
    }

    /// Show standard input as `name`, and read it with the reader `name`'s
    /// extension picks.
    pub fn stdin_named(mut self, name: Option<String>) -> Self {
        self.stdin_name = name.filter(|n| !n.is_empty());
        self
    }

    /// Fetch URLs with `fetcher` (its timeout and cache).
    pub fn fetching(mut self, fetcher: Fetcher) -> Self {
        self.fetcher = fetcher;
        self
    }

    /// How a listed path is shown in output: as given, or standard input's
    /// name for `-`.
    pub fn shown(&self, path: &Path) -> String {
        match &self.stdin_name {
            Some(name) if is_stdin(path) => name.clone(),
            _ => shown(path),
        }
    }

    /// The `--exclude` globs as an ignore-crate override rooted at `root`.
    fn overrides(&self, root: &Path) -> Result<Override, String> {
        let mut builder = OverrideBuilder::new(root);
        for glob in &self.excludes {
            // An override is a whitelist unless it begins with `!`.
            builder.add(&format!("!{glob}")).map_err(|e| match e {
                ignore::Error::Glob { err, .. } => format!("--exclude {glob}: not a glob: {err}"),
                e => format!("--exclude {glob}: {e}"),
            })?;
        }
        builder.build().map_err(|e| format!("--exclude: {e}"))
    }

    /// The files `paths` stand for: files as given, whatever their
    /// extension; directories walked for the names [`Format::walked`]
    /// accepts, honouring `.gitignore`, `.ignore` and [`IGNORE_FILE`] (in a
    /// git repository or not), `--exclude`, skipping hidden entries and
    /// anything that is not a regular file; `-` for standard input. Each
    /// file is listed once, by the first spelling met (`a.txt`, `./a.txt`
    /// and a symbolic link to it are one file), and the list is sorted by
    /// how files are shown.
    pub fn list(&self, paths: &[PathBuf]) -> Listing {
        let mut out = Listing::default();
        let mut found: Vec<PathBuf> = Vec::new();
        for path in paths {
            if is_stdin(path) || fetch::is_url(path) {
                found.push(path.clone());
                continue;
            }
            match std::fs::metadata(path) {
                Ok(m) if m.is_dir() => {
                    let before = found.len();
                    let errors_before = out.errors.len();
                    self.walk(path, &mut found, &mut out);
                    if found.len() == before && out.errors.len() == errors_before {
                        out.unmatched.push(path.clone());
                    }
                }
                // Named explicitly, anything is read: a FIFO or a process
                // substitution (`<(…)`) is what the user means to check.
                Ok(_) => found.push(path.clone()),
                Err(e) => out
                    .errors
                    .push(InputError::whole(shown(path), format!("cannot read: {e}"))),
            }
        }
        // Once each, by where the path leads, keeping the first spelling.
        let mut seen: HashSet<FileKey> = HashSet::with_capacity(found.len());
        for path in found {
            if seen.insert(FileKey::of(&path)) {
                out.files.push(path);
            }
        }
        // One order for every run, whatever order the paths were given in:
        // output is sorted by path (as shown).
        out.files.sort_by_cached_key(|p| self.shown(p));
        out
    }

    fn walk(&self, root: &Path, files: &mut Vec<PathBuf>, out: &mut Listing) {
        let overrides = match self.overrides(root) {
            Ok(o) => o,
            // Validated in `excluding`; a root that changes nothing.
            Err(e) => {
                out.errors.push(InputError::whole(shown(root), e));
                return;
            }
        };
        let walk = WalkBuilder::new(root)
            .hidden(true)
            .ignore(true)
            .git_ignore(true)
            .git_exclude(true)
            // The same files on every machine: not the user's global
            // excludes file, which CI does not have.
            .git_global(false)
            .require_git(false)
            .parents(true)
            .add_custom_ignore_filename(IGNORE_FILE)
            .overrides(overrides)
            .follow_links(true)
            // Names sorted, so that "the first spelling met" of a file
            // reached twice is the same on every run.
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walk {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.walk_error(e, out);
                    continue;
                }
            };
            // Neither a directory (the walk goes into it) nor a FIFO, a
            // socket or a device: opening a FIFO waits for a writer.
            if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            if Format::walked(entry.path()) {
                files.push(entry.into_path());
            }
        }
    }

    fn walk_error(&self, e: ignore::Error, out: &mut Listing) {
        let mut path = None;
        let mut err = &e;
        loop {
            match err {
                ignore::Error::WithPath {
                    path: p,
                    err: inner,
                } => {
                    path.get_or_insert(p.clone());
                    err = inner;
                }
                ignore::Error::WithDepth { err: inner, .. }
                | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
                _ => break,
            }
        }
        match err {
            // Nothing is lost: the folder linked to is walked already.
            ignore::Error::Loop { ancestor, child } => out.notes.push(format!(
                "{}: a symbolic link back to {}, which is being walked: not followed",
                child.display(),
                ancestor.display()
            )),
            // A symbolic link that leads nowhere (or round to itself)
            // matters only if a file of its name would have been read.
            ignore::Error::Io(io) if path.as_deref().is_some_and(is_symlink) => {
                let path = path.expect("checked");
                if Format::walked(&path) {
                    out.errors.push(InputError::whole(
                        path.display().to_string(),
                        format!("cannot read: a symbolic link that leads to no file ({io})"),
                    ));
                }
            }
            _ => {
                let shown = path.map_or_else(String::new, |p| p.display().to_string());
                out.errors
                    .push(InputError::whole(shown, format!("cannot list: {err}")));
            }
        }
    }

    /// Read one article (`-`: standard input, which can be read only once).
    pub fn read(&self, path: &Path) -> Result<Loaded, InputError> {
        if is_stdin(path) {
            return self.read_stdin();
        }
        if let Some(url) = path.to_str().filter(|p| fetch::is_url_str(p)) {
            return self.read_url(url);
        }
        let shown = path.display().to_string();
        let cannot =
            |e: std::io::Error| InputError::whole(shown.clone(), format!("cannot read: {e}"));
        let file = std::fs::File::open(path).map_err(cannot)?;
        // A regular file says its size: refuse a big one before reading it,
        // and read one that fits into a buffer of its size at once.
        let mut size_hint = 0;
        if let Ok(m) = file.metadata()
            && m.is_file()
        {
            if m.len() > MAX_FILE_SIZE {
                return Err(too_big(shown, Some(m.len())));
            }
            size_hint = m.len() as usize;
        }
        let bytes = read_limited(file, size_hint).map_err(cannot)?;
        decode(shown, bytes)
    }

    /// Fetch the page at `url` (or take it from the cache) and read it as
    /// its content type says; every error names the URL as given.
    fn read_url(&self, url: &str) -> Result<Loaded, InputError> {
        let fetched = self
            .fetcher
            .fetch(url)
            .map_err(|m| InputError::whole(url, m))?;
        let charset = fetched.charset();
        let read_as = fetch::reader_name(fetched.content_type.as_deref(), &fetched.final_url);
        let mut loaded = decode(url.to_string(), fetched.body).map_err(|mut e| {
            if let Some(cs) = charset.filter(|c| c != "utf-8" && c != "utf8") {
                e.message = format!("{} (served as charset={cs})", e.message);
            }
            e
        })?;
        loaded.source.read_as = Some(read_as);
        let notes: Vec<String> = fetched.notes.into_iter().chain(loaded.note).collect();
        loaded.note = (!notes.is_empty()).then(|| notes.join("; "));
        Ok(loaded)
    }

    /// Read all of standard input, named as `--stdin-filename` says (else
    /// [`STDIN_PATH`]).
    pub fn read_stdin(&self) -> Result<Loaded, InputError> {
        let name = self.shown(Path::new("-"));
        let bytes = read_limited(std::io::stdin().lock(), 0)
            .map_err(|e| InputError::whole(name.clone(), format!("cannot read: {e}")))?;
        decode(name, bytes)
    }
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// The files `paths` stand for, with no exclusion (see [`Inputs::list`]),
/// and the paths that could not be listed.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let listing = list(paths);
    (listing.files, listing.errors)
}

/// [`Inputs::list`] with no exclusion.
pub fn list(paths: &[PathBuf]) -> Listing {
    Inputs::new().list(paths)
}

/// Read one article (`-`: standard input, which can be read only once).
/// See [`decode`] for what is refused.
pub fn read(path: &Path) -> Result<SourceFile, InputError> {
    Inputs::new().read(path).map(|l| l.source)
}

/// Read all of standard input as an article named [`STDIN_PATH`].
pub fn read_stdin() -> Result<SourceFile, InputError> {
    Inputs::new().read_stdin().map(|l| l.source)
}

/// At most [`MAX_FILE_SIZE`] bytes and one more, so that a larger input
/// (`/dev/zero`, a pipe that never ends) is told from one that fits.
fn read_limited(r: impl Read, size_hint: usize) -> std::io::Result<Vec<u8>> {
    // One byte more than the size, so that the end is seen without a
    // second, growing read.
    let mut bytes = Vec::with_capacity(size_hint.saturating_add(1));
    r.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The error for a file of `size` bytes (`None`: read to the limit, all a
/// stream can say is that there was more).
fn too_big(path: String, size: Option<u64>) -> InputError {
    let mib = MAX_FILE_SIZE / (1024 * 1024);
    let what = match size {
        Some(size) => format!("{size} bytes, more than {mib} MiB"),
        None => format!("more than {mib} MiB"),
    };
    InputError::whole(
        path,
        format!("too large: {what} (the limit for one article)"),
    )
}

/// Make an article of `bytes` read from `path`: a Word draft (named
/// `.docx`, or a zip archive) as the paragraphs [`crate::read::docx`]
/// extracts; else UTF-8 (a byte-order mark is
/// kept in the text: spans stay true and front matter and engines skip it),
/// or UTF-16 with a byte-order mark, decoded with a note. Refused, with an
/// error naming the file: more than [`MAX_FILE_SIZE`] bytes, a binary file
/// (a NUL byte), UTF-16 without a byte-order mark, and bytes that are not
/// UTF-8 (the error gives the line).
pub fn decode(path: String, bytes: Vec<u8>) -> Result<Loaded, InputError> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_big(path, None));
    }
    // A Word draft is a zip archive: binary, read by its own reader.
    if crate::read::docx::claims(Path::new(&path), &bytes) {
        return match crate::read::docx::read_draft(&bytes) {
            Ok(draft) => Ok(Loaded {
                source: SourceFile::new(path, draft.text)
                    .with_kind(SourceKind::WordDraft)
                    .with_comments(draft.comments),
                note: None,
            }),
            Err(message) => Err(InputError::whole(path, message)),
        };
    }
    if let Some(order) = Utf16::of_bom(&bytes) {
        let source = order.decode(path, &bytes[2..])?;
        let note = format!(
            "decoded from {}: lines and columns are the file's; byte offsets \
             (JSON start/end) count in the text as UTF-8, without the byte-order mark",
            order.name()
        );
        return Ok(Loaded {
            source,
            note: Some(note),
        });
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(match Utf16::without_bom(&bytes) {
            Some(order) => InputError::whole(
                path,
                format!(
                    "looks like {} text without a byte-order mark; convert the file to UTF-8",
                    order.name()
                ),
            ),
            None => InputError {
                message: format!(
                    "a binary file (a NUL byte at offset {at}), not text; copydesk reads \
                     UTF-8 text, Markdown, HTML and Word drafts (.docx)"
                ),
                path,
                span: None,
            },
        });
    }
    let note = unknown_extension_note(&path);
    from_bytes(path, bytes).map(|source| Loaded { source, note })
}

/// A note for a file named explicitly whose extension no reader claims: it
/// is read as plain text, and the user should know that no reader for its
/// format was applied. Standard input and URLs pick their reader otherwise.
fn unknown_extension_note(path: &str) -> Option<String> {
    use crate::read::Format;
    let p = Path::new(path);
    if path == STDIN_PATH
        || crate::fetch::is_url_str(path)
        || Format::walked(p)
        || Format::of(p) != Format::Plain
    {
        return None;
    }
    Some(
        "no reader for this file's extension (.txt, .md, .html, .docx, .json): read as plain text"
            .to_string(),
    )
}

/// The two byte orders of UTF-16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    Le,
    Be,
}

impl Utf16 {
    fn name(self) -> &'static str {
        match self {
            Utf16::Le => "UTF-16LE",
            Utf16::Be => "UTF-16BE",
        }
    }

    fn of_bom(bytes: &[u8]) -> Option<Utf16> {
        match bytes {
            [0xFF, 0xFE, ..] => Some(Utf16::Le),
            [0xFE, 0xFF, ..] => Some(Utf16::Be),
            _ => None,
        }
    }

    /// Text in UTF-16 without a mark: in its first kilobytes, NUL bytes at
    /// one parity in at least a quarter of the pairs (ASCII letters) and
    /// hardly ever at the other.
    fn without_bom(bytes: &[u8]) -> Option<Utf16> {
        let head = &bytes[..bytes.len().min(4096) & !1];
        let pairs = head.len() / 2;
        if pairs == 0 {
            return None;
        }
        let (mut even, mut odd) = (0, 0);
        for pair in head.chunks_exact(2) {
            even += usize::from(pair[0] == 0);
            odd += usize::from(pair[1] == 0);
        }
        if odd * 4 >= pairs && even * 20 <= pairs {
            Some(Utf16::Le)
        } else if even * 4 >= pairs && odd * 20 <= pairs {
            Some(Utf16::Be)
        } else {
            None
        }
    }

    /// Decode the bytes after the mark.
    fn decode(self, path: String, bytes: &[u8]) -> Result<SourceFile, InputError> {
        let units = bytes.chunks_exact(2).map(|p| match self {
            Utf16::Le => u16::from_le_bytes([p[0], p[1]]),
            Utf16::Be => u16::from_be_bytes([p[0], p[1]]),
        });
        let mut text = String::with_capacity(bytes.len());
        let mut unit = 0usize;
        for c in char::decode_utf16(units) {
            match c {
                Ok('\0') => {
                    return Err(InputError::whole(
                        path,
                        format!(
                            "{}, but a binary file (a NUL character at offset {}), not text",
                            self.name(),
                            2 + 2 * unit
                        ),
                    ));
                }
                Ok(c) => {
                    unit += c.len_utf16();
                    text.push(c);
                }
                Err(_) => {
                    let line = text.matches('\n').count() + 1;
                    return Err(InputError::whole(
                        path,
                        format!(
                            "not valid {} at line {line} (an unpaired surrogate at offset {}); \
                             convert the file to UTF-8",
                            self.name(),
                            2 + 2 * unit
                        ),
                    ));
                }
            }
        }
        if bytes.len() % 2 == 1 {
            return Err(InputError::whole(
                path,
                format!(
                    "{} with an odd number of bytes: the file is cut short",
                    self.name()
                ),
            ));
        }
        Ok(SourceFile::new(path, text))
    }
}

/// Make a source file of UTF-8 `bytes` read from `path`; bytes that are not
/// UTF-8 are refused with the line of the first bad one.
pub fn from_bytes(path: String, bytes: Vec<u8>) -> Result<SourceFile, InputError> {
    if bytes.len() > u32::MAX as usize {
        return Err(InputError::whole(path, "file is larger than 4 GiB"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            Err(InputError {
                path,
                message: format!(
                    "not valid UTF-8 at line {line}, byte {} of the line (offset {at}); convert the file to UTF-8",
                    at - line_start + 1
                ),
                span: Some(at..at + 1),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_line() {
        let e = from_bytes("a.txt".into(), b"ok\nbad \xff here".to_vec()).unwrap_err();
        assert!(e.message.contains("line 2"), "{}", e.message);
        assert!(e.message.contains("byte 5"), "{}", e.message);
        assert_eq!(e.span, Some(7..8));
    }

    #[test]
    fn dash_is_standard_input_and_listed_as_given() {
        let listing = list(&[PathBuf::from("-")]);
        assert_eq!(listing.files, [PathBuf::from("-")]);
        assert!(listing.errors.is_empty() && listing.unmatched.is_empty());
        assert_eq!(shown(Path::new("-")), STDIN_PATH);
    }

    #[test]
    fn a_directory_without_articles_is_unmatched() {
        let dir = std::env::temp_dir().join(format!("copydesk-unit-{}-empty", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("page.json"), "x").unwrap();
        let listing = list(std::slice::from_ref(&dir));
        assert!(listing.files.is_empty() && listing.errors.is_empty());
        assert_eq!(listing.unmatched, std::slice::from_ref(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn utf16_is_told_from_binary_by_where_its_nuls_are() {
        let le: Vec<u8> = "Wang Li said so."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Wang Li said so."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(Utf16::without_bom(&le), Some(Utf16::Le));
        assert_eq!(Utf16::without_bom(&be), Some(Utf16::Be));
        // Text with a stray NUL, and bytes with NULs everywhere, are binary.
        assert_eq!(Utf16::without_bom(b"Wang Li\0 said so, at length."), None);
        assert_eq!(Utf16::without_bom(&[0; 64]), None);
        let e = decode("a.bin".into(), b"Wang Li\0 said".to_vec()).unwrap_err();
        assert!(e.message.contains("binary file"), "{}", e.message);
        assert_eq!(e.path, "a.bin");
    }

    #[test]
    fn utf16_errors_name_the_place() {
        // An unpaired high surrogate on line 2.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("a\nb".encode_utf16().flat_map(u16::to_le_bytes));
        bytes.extend(0xD800u16.to_le_bytes());
        bytes.extend(u16::from(b'c').to_le_bytes());
        let e = decode("a.txt".into(), bytes).unwrap_err();
        assert!(e.message.contains("line 2"), "{}", e.message);
        assert!(e.message.contains("offset 8"), "{}", e.message);
    }

    #[test]
    fn stdin_is_shown_by_its_given_name() {
        let inputs = Inputs::new().stdin_named(Some("web/a.html".into()));
        assert_eq!(inputs.shown(Path::new("-")), "web/a.html");
        assert_eq!(inputs.shown(Path::new("b.txt")), "b.txt");
        let unnamed = Inputs::new().stdin_named(Some(String::new()));
        assert_eq!(unnamed.shown(Path::new("-")), STDIN_PATH);
    }
}
