//! Values that rule files, front matter, manifests and the command line
//! share: publication dates and locales, read and normalised one way.
//!
//! A leaf: it imports nothing of the crate, so `metadata` and `rules` can
//! both use it without importing each other.

use jiff::civil::Date;

/// An ISO date ("2017-10-30"; a time after it is ignored).
pub fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim().trim_matches(['"', '\'']);
    let day = s
        .get(..10)
        .filter(|_| s.len() == 10 || s[10..].starts_with(['T', 't', ' ']));
    day.and_then(|d| d.parse::<Date>().ok())
        .ok_or_else(|| format!("{s:?} is not a date like 2017-10-30"))
}

/// "en-GB" for "en_gb", "EN-gb"; "en" stays "en".
pub fn normalize_locale(s: &str) -> Result<String, String> {
    let s = s.trim().trim_matches(['"', '\'']).replace('_', "-");
    let mut parts = s.split('-');
    let lang = parts.next().unwrap_or_default();
    let region = parts.next();
    let ok = (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_alphabetic())
        && region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
        && parts.next().is_none();
    if !ok {
        return Err(format!("{s:?} is not a locale like en-GB or en-US"));
    }
    Ok(match region {
        Some(r) => format!("{}-{}", lang.to_ascii_lowercase(), r.to_ascii_uppercase()),
        None => lang.to_ascii_lowercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_and_locales() {
        assert_eq!(parse_date("2017-10-30T09:05"), Ok(date(2017, 10, 30)));
        assert_eq!(parse_date("\"2017-10-30\""), Ok(date(2017, 10, 30)));
        assert!(parse_date("30/10/2017").is_err());
        assert!(parse_date("2017-10-301").is_err());
        assert_eq!(normalize_locale("en_gb").as_deref(), Ok("en-GB"));
        assert_eq!(normalize_locale("EN").as_deref(), Ok("en"));
        assert!(normalize_locale("english").is_err());
    }
}
