//! Finding and reading the articles to check.

use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// A file that could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct InputError {
    /// The path as given.
    pub path: String,
    /// What went wrong, with the line where it can be told.
    pub message: String,
}

/// Extensions checked when walking a directory.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

/// The files `paths` stand for: files as given, directories walked for
/// `.txt` and `.md` files (hidden entries skipped); sorted by path, once each.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut files, &mut errors),
            Ok(_) => files.push(path.clone()),
            Err(e) => errors.push(InputError {
                path: path.display().to_string(),
                message: format!("cannot read: {e}"),
            }),
        }
    }
    // One order for every run, whatever order the paths were given in:
    // output is sorted by path, and files are checked once.
    files.sort_by_cached_key(|p| p.display().to_string());
    files.dedup();
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError {
                path: dir.display().to_string(),
                message: format!("cannot list directory: {e}"),
            });
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

/// Read one article. Non-UTF-8 files are refused with the line of the first bad byte.
pub fn read(path: &Path) -> Result<SourceFile, InputError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| InputError {
        path: shown.clone(),
        message: format!("cannot read: {e}"),
    })?;
    from_bytes(shown, bytes)
}

/// Make a source file of `bytes` read from `path`.
pub fn from_bytes(path: String, bytes: Vec<u8>) -> Result<SourceFile, InputError> {
    if bytes.len() > u32::MAX as usize {
        return Err(InputError {
            path,
            message: "file is larger than 4 GiB".into(),
        });
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
    }
}
