//! Line and column of a byte offset in the unit a format counts columns in:
//! characters (human, JSON, checkstyle, JUnit, concise, GitHub), UTF-16
//! code units (SARIF's default `columnKind`) or UTF-8 bytes (reviewdog).
//! Lines are 1-based and end at `\n`, as everywhere (see `crate::source`).

use crate::source::{LineCursor, SourceFile, floor_char_boundary};

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    /// Unicode scalar values.
    Chars,
    /// UTF-16 code units (a character beyond U+FFFF counts two).
    Utf16,
    /// UTF-8 bytes.
    Bytes,
}

/// A 1-based line and a 1-based column in some [`ColumnUnit`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// UTF-16 code units of `bytes` (whole UTF-8 characters, or a run that
/// begins and ends on character boundaries): one per lead byte, one more
/// per four-byte character.
fn utf16_units(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// Places of offsets that mostly increase (findings in file order): on the
/// same line a column is counted on from the previous offset, so that a
/// paragraph-long line with many findings is not counted again from its
/// start for each of them.
pub struct Cursor<'a> {
    file: &'a SourceFile,
    unit: ColumnUnit,
    chars: LineCursor<'a>,
    /// The last offset asked for, and its place (UTF-16 only).
    last: Option<(usize, Place)>,
}

impl<'a> Cursor<'a> {
    /// A cursor over `file` counting columns in `unit`.
    pub fn new(file: &'a SourceFile, unit: ColumnUnit) -> Self {
        Cursor {
            file,
            unit,
            chars: LineCursor::new(file),
            last: None,
        }
    }

    /// The place of byte `offset`.
    pub fn place(&mut self, offset: usize) -> Place {
        let text = &self.file.text;
        let offset = floor_char_boundary(text, offset);
        match self.unit {
            ColumnUnit::Chars => {
                let at = self.chars.line_col(offset);
                Place {
                    line: at.line,
                    column: at.column,
                }
            }
            ColumnUnit::Bytes => {
                let lines = self.file.lines();
                let line = lines.line_of(offset);
                let start = lines.line_range(text, line).start;
                Place {
                    line: line + 1,
                    column: offset - start + 1,
                }
            }
            ColumnUnit::Utf16 => {
                let lines = self.file.lines();
                let line = lines.line_of(offset);
                let at = match self.last {
                    Some((last, at)) if last <= offset && at.line == line + 1 => Place {
                        line: at.line,
                        column: at.column + utf16_units(&text.as_bytes()[last..offset]),
                    },
                    _ => {
                        let start = lines.line_range(text, line).start;
                        Place {
                            line: line + 1,
                            column: utf16_units(&text.as_bytes()[start..offset]) + 1,
                        }
                    }
                };
                self.last = Some((offset, at));
                at
            }
        }
    }
}

/// The place of byte `offset` of `file`, asked once.
pub fn place(file: &SourceFile, offset: usize, unit: ColumnUnit) -> Place {
    Cursor::new(file, unit).place(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_in_their_unit() {
        let f = SourceFile::new("a.txt", "first\nÉ😀 Wang\n");
        let at = f.text.find("Wang").unwrap();
        assert_eq!(
            place(&f, at, ColumnUnit::Chars),
            Place { line: 2, column: 4 }
        );
        assert_eq!(
            place(&f, at, ColumnUnit::Utf16),
            Place { line: 2, column: 5 }
        );
        assert_eq!(
            place(&f, at, ColumnUnit::Bytes),
            Place { line: 2, column: 8 }
        );
        assert_eq!(
            place(&f, 0, ColumnUnit::Utf16),
            Place { line: 1, column: 1 }
        );
    }

    #[test]
    fn a_cursor_agrees_with_one_off_lookups_in_any_order() {
        let f = SourceFile::new("a.txt", "a😀b\nccé😀d\n\n😀");
        let offsets: Vec<usize> = (0..=f.text.len())
            .filter(|&i| f.text.is_char_boundary(i))
            .collect();
        for unit in [ColumnUnit::Chars, ColumnUnit::Utf16, ColumnUnit::Bytes] {
            let mut c = Cursor::new(&f, unit);
            for &o in offsets.iter().chain(offsets.iter().rev()) {
                assert_eq!(c.place(o), place(&f, o, unit), "{unit:?} at {o}");
            }
        }
    }
}
