//! Source texts and byte-offset to line/column conversion.
//!
//! Spans are byte ranges into the file exactly as it is on disk; lines and
//! columns are derived only when something is rendered. A line ends at `\n`
//! and nowhere else, so a U+2028 or a stray vertical tab inside a paragraph
//! never shifts the line numbers a reader sees in their editor.

use std::ops::Range;

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Start offsets of every line of a text, for offset to line/column lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// Characters before every [`CHUNK`]-th byte, counted on the first
    /// lookup far into a long line: a column is then counted from the nearest
    /// checkpoint, never from the start of a paragraph-long line, so a line
    /// of megabytes with thousands of findings stays linear.
    chars_before: std::sync::OnceLock<Vec<usize>>,
}

/// Bytes between two character-count checkpoints.
const CHUNK: usize = 4096;

/// Characters in `bytes`: the bytes that are not UTF-8 continuation bytes
/// (right even when `bytes` begins inside a character, whose lead byte is
/// then counted before it).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

impl LineIndex {
    /// Index the lines of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            len: text.len(),
            chars_before: std::sync::OnceLock::new(),
        }
    }

    /// Characters of `text` before byte `offset` (a character boundary).
    fn chars_up_to(&self, text: &str, offset: usize) -> usize {
        let checkpoints = self.chars_before.get_or_init(|| {
            let mut out = Vec::with_capacity(text.len() / CHUNK + 2);
            let mut total = 0;
            for chunk in text.as_bytes().chunks(CHUNK) {
                out.push(total);
                total += count_chars(chunk);
            }
            // For an offset at the very end of a text of whole chunks.
            out.push(total);
            out
        });
        let chunk = offset / CHUNK;
        checkpoints[chunk] + count_chars(&text.as_bytes()[chunk * CHUNK..offset])
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte range of 0-based line `line`, without its `\n` (nor a `\r` before it).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(self.len, |s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Number of lines (a text without any `\n` has one).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Line and column of byte `offset` in `text` (which must be the indexed text).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        // A short way into the line is counted directly; a long one from
        // the checkpoints: never more than about two chunks of counting.
        let column = if offset - start <= CHUNK {
            count_chars(&text.as_bytes()[start..offset])
        } else {
            self.chars_up_to(text, offset) - self.chars_up_to(text, start)
        } + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }
}

/// Line and column lookups for offsets that mostly increase (findings in
/// file order): the column is counted on from the previous offset when it is
/// on the same line, so a paragraph-long line with many findings is not
/// counted from its start again for each of them.
pub struct LineCursor<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    offset: usize,
    at: LineCol,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `file`.
    pub fn new(file: &'a SourceFile) -> Self {
        LineCursor {
            text: &file.text,
            lines: file.lines(),
            offset: 0,
            at: LineCol { line: 1, column: 1 },
        }
    }

    /// Line and column of byte `offset`.
    pub fn line_col(&mut self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.lines.line_of(offset) + 1;
        if offset >= self.offset && line == self.at.line {
            self.at.column += self.text[self.offset..offset].chars().count();
        } else {
            self.at = self.lines.line_col(self.text, offset);
        }
        self.offset = offset;
        self.at
    }
}

/// The largest character boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest character boundary at or after `offset`.
pub fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// What a [`SourceFile`]'s text is to the file on disk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SourceKind {
    /// The file itself (or decoded from UTF-16): offsets are the file's.
    #[default]
    Text,
    /// The paragraphs extracted from a Word draft (`.docx`), one a line:
    /// offsets count in that text, not in the zip on disk, so outputs give
    /// paragraph (line) and offset within it instead of byte offsets.
    WordDraft,
}

/// A comment of a Word draft that mentions copydesk (a suppression
/// directive, see [`crate::suppress`]), anchored on a range of the draft's
/// extracted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftComment {
    /// What the comment says (its paragraphs joined by a space).
    pub text: String,
    /// The commented range of [`SourceFile::text`]; empty for a comment
    /// anchored on no text (it stands where the comment is referred to).
    pub range: Range<usize>,
}

/// A text read from disk, with the path as the user gave it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given on the command line (or found while walking a directory).
    pub path: String,
    /// The whole file, or the text extracted from it (see [`SourceKind`]).
    pub text: String,
    /// Whether `text` is the file or extracted from it.
    pub kind: SourceKind,
    /// A name whose extension picks the reader when `path`'s does not (a
    /// page fetched by URL: the one its content type says, see
    /// `crate::fetch::reader_name`); `None`: `path` picks.
    pub read_as: Option<String>,
    /// A Word draft's comments that mention copydesk (none for other files).
    pub comments: Vec<DraftComment>,
    /// Line starts of `text`, found when first asked for (most files of an
    /// archive have no finding and are never asked).
    lines: std::sync::OnceLock<LineIndex>,
}

impl SourceFile {
    /// Wrap a text read from `path`.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            kind: SourceKind::Text,
            read_as: None,
            comments: Vec::new(),
            lines: std::sync::OnceLock::new(),
        }
    }

    /// The same text, marked as `kind`.
    pub fn with_kind(mut self, kind: SourceKind) -> Self {
        self.kind = kind;
        self
    }

    /// The same text, with a Word draft's comments.
    pub fn with_comments(mut self, comments: Vec<DraftComment>) -> Self {
        self.comments = comments;
        self
    }

    /// Whether spans into the text are not byte offsets into the file on
    /// disk (a Word draft's extracted paragraphs).
    pub fn is_extracted(&self) -> bool {
        self.kind != SourceKind::Text
    }

    /// The name whose extension picks the reader: `read_as`, else `path`.
    pub fn reader_name(&self) -> &str {
        self.read_as.as_deref().unwrap_or(&self.path)
    }

    /// Line starts of the text.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines().line_col(&self.text, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn checkpointed_columns_agree_with_counting_from_the_line_start(
            text in "[a-zé王\n“]{0,9000}|[a-zé王“]{4000,12000}",
            at in 0usize..9100,
        ) {
            let index = LineIndex::new(&text);
            let at = floor_char_boundary(&text, at.min(text.len()));
            let line = index.line_of(at);
            let naive = text[index.starts[line]..at].chars().count() + 1;
            proptest::prop_assert_eq!(index.line_col(&text, at).column, naive);
        }
    }

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let text = "“Wang\u{a0}Yi”\nsaid ‘no’";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        let yi = text.find("Yi").unwrap();
        assert_eq!(idx.line_col(text, yi), LineCol { line: 1, column: 7 });
        let no = text.find("no").unwrap();
        assert_eq!(idx.line_col(text, no), LineCol { line: 2, column: 7 });
    }

    #[test]
    fn cursor_agrees_with_direct_lookup() {
        let text = "“Wang\u{a0}Yi” said\nsecond line, 王毅 here\nthird";
        let file = SourceFile::new("a.txt", text);
        let mut cursor = LineCursor::new(&file);
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.extend([3, 0, text.len(), 10]);
        for o in offsets {
            assert_eq!(cursor.line_col(o), file.line_col(o), "offset {o}");
        }
    }

    #[test]
    fn only_line_feed_ends_a_line() {
        let text = "a\u{2028}b\x0Bc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 2);
        assert_eq!(idx.line_col(text, text.len()).line, 2);
    }

    #[test]
    fn line_range_drops_carriage_return() {
        let text = "one\r\ntwo";
        let idx = LineIndex::new(text);
        assert_eq!(&text[idx.line_range(text, 0)], "one");
        assert_eq!(&text[idx.line_range(text, 1)], "two");
    }

    #[test]
    fn offsets_inside_a_character_snap_back() {
        let text = "王毅";
        assert_eq!(floor_char_boundary(text, 1), 0);
        assert_eq!(ceil_char_boundary(text, 1), 3);
    }
}
