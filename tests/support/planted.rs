//! Reading the planted-drift tables in `tests/planted/*.md`, shared by the
//! planted-vs-found tests of `check` and `compare`.

/// One row: the file, the text as it stands in the file (between backticks
/// in the table), and the category cell.
pub struct Row {
    pub file: String,
    pub text: String,
    pub category: String,
}

/// The rows of the section headed `heading` in the Markdown file `md`;
/// `category_cell` is the 0-based column of the category.
pub fn table(md: &str, heading: &str, category_cell: usize) -> Vec<Row> {
    let text = std::fs::read_to_string(md).unwrap();
    let section = text
        .split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("{md}: no {heading}"))
        .split("\n## ")
        .next()
        .unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains('`'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            Row {
                file: cells[0].to_string(),
                text: cells[1].trim_matches('`').to_string(),
                category: cells
                    .get(category_cell)
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
            }
        })
        .collect()
}
