//! The demo base: how many contacts «Загрузить демо-данные» and `?demo=N` ask for, and the seed.
//!
//! Pure parsing, tested natively. The base itself is the core's seeded fixture generator, written
//! by storage (see `state::loader`), so the same size always gives the same contacts.

/// Contacts the «Загрузить демо-данные» form offers by default.
pub const DEFAULT_COUNT: usize = 10_000;

/// Largest demo base that may be asked for.
pub const MAX_COUNT: usize = 1_000_000;

/// Seed of the demo base: fixed, so a given size always yields the same contacts.
pub const SEED: u64 = 1;

/// Reads the demo base size from a URL query string such as `?demo=5000`.
///
/// The leading `?` is optional. A missing `demo` parameter, or one that is not a whole number,
/// gives `None` (no demo is loaded); a number is clamped to `1..=MAX_COUNT`. The first `demo`
/// parameter wins.
pub fn count_from_query(search: &str) -> Option<usize> {
    let query = search.strip_prefix('?').unwrap_or(search);
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("demo="))?;
    parse_count(value)
}

/// Reads a demo size as typed in the form: a whole number clamped to `1..=MAX_COUNT`, or `None`
/// when it is not a whole number.
pub fn parse_count(raw: &str) -> Option<usize> {
    let digits: String = raw.trim().chars().filter(|c| !c.is_whitespace()).collect();
    match digits.parse::<i64>() {
        Ok(n) => Some(usize::try_from(n).map_or(1, |n| n.clamp(1, MAX_COUNT))),
        Err(err) => match err.kind() {
            std::num::IntErrorKind::PosOverflow => Some(MAX_COUNT),
            std::num::IntErrorKind::NegOverflow => Some(1),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(search: &str, expected: Option<usize>) {
        assert_eq!(count_from_query(search), expected, "query {search:?}");
    }

    #[test]
    fn missing_or_unusable_parameter_asks_for_no_demo() {
        check("", None);
        check("?", None);
        check("?lang=ru", None);
        check("?demo=", None);
        check("?demo=abc", None);
        check("?demo=12x", None);
        check("?xdemo=5", None);
    }

    #[test]
    fn numeric_parameter_is_read_and_clamped() {
        check("?demo=5000", Some(5000));
        check("demo=2500", Some(2500));
        check("?lang=ru&demo=7", Some(7));
        check("?demo=3&demo=9", Some(3));
        check("?demo=0", Some(1));
        check("?demo=-5", Some(1));
        check("?demo=-99999999999999999999999", Some(1));
        check("?demo=1000000", Some(MAX_COUNT));
        check("?demo=1000001", Some(MAX_COUNT));
        check("?demo=99999999999999999999999", Some(MAX_COUNT));
    }

    #[test]
    fn typed_counts_allow_thousands_spaces() {
        assert_eq!(parse_count("10 000"), Some(10_000));
        assert_eq!(parse_count(" 250 "), Some(250));
        assert_eq!(parse_count("десять"), None);
    }
}
