//! Finding and reading the articles to check.
//!
//! The path `-` stands for standard input: it is listed as given, shown as
//! [`STDIN_PATH`], and read once (see [`read_stdin`]); whoever needs its text
//! again must keep the [`SourceFile`], since standard input cannot be re-read.

use crate::source::SourceFile;
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

/// What a list of paths stands for.
#[derive(Debug, Default)]
pub struct Listing {
    /// The files, sorted by how they are shown, once each.
    pub files: Vec<PathBuf>,
    /// Paths that could not be read or listed.
    pub errors: Vec<InputError>,
    /// Directories given that hold no `.txt` or `.md` file (not an error
    /// by itself: a run is only in error when no path matched anything).
    pub unmatched: Vec<PathBuf>,
}

/// Extensions checked when walking a directory.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

/// The files `paths` stand for: files as given, directories walked for
/// `.txt` and `.md` files (hidden entries skipped), `-` for standard input;
/// sorted by path, once each.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let listing = list(paths);
    (listing.files, listing.errors)
}

/// [`collect`], also telling which directories held no article.
pub fn list(paths: &[PathBuf]) -> Listing {
    let mut out = Listing::default();
    for path in paths {
        if is_stdin(path) {
            out.files.push(path.clone());
            continue;
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let before = out.files.len();
                let errors_before = out.errors.len();
                walk(path, &mut out.files, &mut out.errors);
                if out.files.len() == before && out.errors.len() == errors_before {
                    out.unmatched.push(path.clone());
                }
            }
            Ok(_) => out.files.push(path.clone()),
            Err(e) => out
                .errors
                .push(InputError::whole(shown(path), format!("cannot read: {e}"))),
        }
    }
    // One order for every run, whatever order the paths were given in:
    // output is sorted by path (as shown), and files are checked once.
    out.files.sort_by_cached_key(|p| shown(p));
    out.files.dedup();
    out
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError::whole(
                dir.display().to_string(),
                format!("cannot list directory: {e}"),
            ));
            return;
        }
    };
    // The entry's own type says whether it is a directory without a stat
    // per file; a symbolic link is followed to see what it points at.
    let paths: Vec<(PathBuf, bool)> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let path = e.path();
            let is_dir = match e.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => path.is_dir(),
            };
            (path, is_dir)
        })
        .collect();
    // No sort here: `collect` sorts every file found by its shown path.
    for (p, is_dir) in paths {
        if is_dir {
            walk(&p, files, errors);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT_EXTENSIONS.contains(&e))
        {
            files.push(p);
        }
    }
}

/// Read one article (`-`: standard input, which can be read only once).
/// Non-UTF-8 files are refused with the line of the first bad byte.
pub fn read(path: &Path) -> Result<SourceFile, InputError> {
    if is_stdin(path) {
        return read_stdin();
    }
    let shown = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::whole(shown.clone(), format!("cannot read: {e}")))?;
    from_bytes(shown, bytes)
}

/// Read all of standard input as an article named [`STDIN_PATH`].
pub fn read_stdin() -> Result<SourceFile, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::whole(STDIN_PATH, format!("cannot read: {e}")))?;
    from_bytes(STDIN_PATH.to_string(), bytes)
}

/// Make a source file of `bytes` read from `path`.
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
        std::fs::write(dir.join("page.html"), "x").unwrap();
        let listing = list(std::slice::from_ref(&dir));
        assert!(listing.files.is_empty() && listing.errors.is_empty());
        assert_eq!(listing.unmatched, std::slice::from_ref(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
