//! "Did you mean …?": the nearest of a list of known names to a mistyped
//! one (a check code, a `copydesk.toml` key, a rule id).

/// The candidate nearest to `word`, when it is near enough to be what was
/// meant: at most a third of its letters (and at least one) edited away,
/// or `word` a prefix of exactly one candidate (`entity-near` for
/// `entity-near-miss`). Ties go to the first candidate listed.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.trim().to_lowercase();
    if word.is_empty() {
        return None;
    }
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    let mut prefixed: Vec<&'a str> = Vec::new();
    for c in candidates {
        let lower = c.to_lowercase();
        if lower == word {
            return Some(c);
        }
        if word.len() >= 3 && lower.starts_with(&word) {
            prefixed.push(c);
        }
        let d = strsim::osa_distance(&word, &lower);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
        .or_else(|| (prefixed.len() == 1).then(|| prefixed[0]))
}

/// `word`'s "did you mean" as a help line, when there is one.
pub fn help<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_known_name() {
        let keys = ["rules", "format", "fail_on", "select"];
        assert_eq!(did_you_mean("formt", keys), Some("format"));
        assert_eq!(did_you_mean("fail-on", keys), Some("fail_on"));
        assert_eq!(did_you_mean("rule", keys), Some("rules"));
        assert_eq!(did_you_mean("sel", keys), Some("select"));
        assert_eq!(did_you_mean("outlet", keys), None);
        assert_eq!(did_you_mean("", keys), None);
    }

    #[test]
    fn mistyped_check_codes() {
        let codes = ["entity-near-miss", "entity-variant", "term"];
        assert_eq!(
            did_you_mean("entity-near-mis", codes),
            Some("entity-near-miss")
        );
        assert_eq!(
            did_you_mean("entity-varient", codes),
            Some("entity-variant")
        );
        assert_eq!(did_you_mean("trem", codes), Some("term"));
        assert_eq!(did_you_mean("quantity", codes), None);
    }
}
