//! `copydesk explain`: each check's long description, gathered from the
//! engines that emit the checks (each lists its checks with their texts),
//! `compare`, and the suppression stage (`unused-suppression`).

use crate::codes::{Check, CheckDoc};

/// Every documented check: the engines' lists, then `compare`'s, then the
/// suppression stage's.
pub fn documented() -> impl Iterator<Item = &'static CheckDoc> {
    crate::checks::ENGINES
        .iter()
        .flat_map(|(docs, _)| docs.iter())
        .chain(crate::compare::CHECKS)
        .chain(crate::suppress::CHECKS)
}

/// The long description of `check` (empty if no engine lists it: a test
/// keeps that from happening).
pub fn explanation(check: Check) -> &'static str {
    documented()
        .find(|d| d.check == check)
        .map_or("", |d| d.explain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::ALL_CHECKS;

    #[test]
    fn every_check_is_documented_once_with_the_fixed_headings() {
        for c in ALL_CHECKS {
            let docs: Vec<_> = documented().filter(|d| d.check == *c).collect();
            assert_eq!(docs.len(), 1, "{}", c.code());
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
            ] {
                assert!(docs[0].explain.contains(heading), "{}: {heading}", c.code());
            }
        }
        assert_eq!(documented().count(), ALL_CHECKS.len());
    }
}
