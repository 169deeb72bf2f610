//! Files written whole or not at all: `rules draft -o`, `--output`,
//! `--write-baseline`. The text goes to a temporary file in the same
//! folder, which is renamed over the target only when everything is
//! written, so a failure (or a kill) never leaves a truncated file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file being written: [`Write`] into it, then [`AtomicFile::commit`].
/// Dropped without a commit, it leaves the target as it was and removes
/// the temporary file (a `tempfile::NamedTempFile`, deleted when dropped);
/// only a process killed outright (SIGKILL) can leave one behind, never a
/// half-written target.
///
/// An existing target keeps its permission bits, and a symbolic link is
/// written through (its target replaced, the link kept).
pub struct AtomicFile {
    tmp: io::BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
    replace: bool,
}

impl AtomicFile {
    /// Begin writing `path`; with `replace` false, an existing file is an
    /// error (`already exists; use --force to replace it`).
    pub fn create(path: &Path, replace: bool) -> io::Result<AtomicFile> {
        if !replace && std::fs::symlink_metadata(path).is_ok() {
            return Err(already_exists());
        }
        let target = link_target(path)?;
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let existing = std::fs::metadata(&target).ok().filter(|m| m.is_file());
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".{name}.copydesk-");
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A new file gets the mode any new file gets (0666 less the
            // umask), not the temporary file's 0600.
            if existing.is_none() {
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
        }
        let tmp = builder.tempfile_in(dir)?;
        if let Some(meta) = &existing {
            // Set explicitly: the umask applies to a mode given at creation.
            tmp.as_file().set_permissions(meta.permissions())?;
        }
        Ok(AtomicFile {
            tmp: io::BufWriter::new(tmp),
            target,
            replace,
        })
    }

    /// Put the file in place.
    pub fn commit(self) -> io::Result<()> {
        let tmp = self.tmp.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        if self.replace {
            tmp.persist(&self.target).map_err(|e| e.error)?;
        } else {
            // Never replaces a file created since the check in `create`.
            tmp.persist_noclobber(&self.target).map_err(|e| {
                if e.error.kind() == io::ErrorKind::AlreadyExists {
                    already_exists()
                } else {
                    e.error
                }
            })?;
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

fn already_exists() -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        "already exists; use --force to replace it",
    )
}

/// The file `path` stands for: itself, or the end of its chain of
/// symbolic links (which need not exist yet).
fn link_target(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_in_place_until_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.sarif");
        std::fs::write(&path, "old").unwrap();
        let mut f = AtomicFile::create(&path, true).unwrap();
        f.write_all(b"new report").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new report");
        // Dropped without a commit: the old file stays, no temporary file is left.
        let mut f = AtomicFile::create(&path, true).unwrap();
        f.write_all(b"half").unwrap();
        drop(f);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new report");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
