//! The generated demo base: its size from the URL query and the count of its contacts.
//!
//! The query parsing is pure so it is tested natively; the base itself comes from the core's
//! seeded fixture generator, so the same URL always shows the same base.

/// Contacts in the demo base when the URL has no usable `demo` parameter.
pub const DEFAULT_COUNT: usize = 1000;

/// Largest demo base the URL may ask for.
pub const MAX_COUNT: usize = 1_000_000;

/// Seed of the demo base: fixed, so a given size always yields the same contacts.
const SEED: u64 = 1;

/// Reads the demo base size from a URL query string such as `?demo=5000`.
///
/// The leading `?` is optional. A missing or non-numeric `demo` value gives [`DEFAULT_COUNT`];
/// a numeric one is clamped to `1..=MAX_COUNT` (so `0`, `-5` give 1 and huge values give the max).
/// The first `demo` parameter wins.
pub fn count_from_query(search: &str) -> usize {
    let query = search.strip_prefix('?').unwrap_or(search);
    let Some(value) = query.split('&').find_map(|pair| pair.strip_prefix("demo=")) else {
        return DEFAULT_COUNT;
    };
    match value.parse::<i64>() {
        Ok(n) => usize::try_from(n).map_or(1, |n| n.clamp(1, MAX_COUNT)),
        Err(err) => match err.kind() {
            std::num::IntErrorKind::PosOverflow => MAX_COUNT,
            std::num::IntErrorKind::NegOverflow => 1,
            _ => DEFAULT_COUNT,
        },
    }
}

/// Generates the demo base of `count` contacts and returns how many contacts it holds.
pub fn base_total(count: usize) -> usize {
    contacts_core::fixtures::generate(count, SEED)
        .contacts
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(search: &str, expected: usize) {
        assert_eq!(count_from_query(search), expected, "query {search:?}");
    }

    #[test]
    fn missing_or_unusable_parameter_gives_default() {
        check("", DEFAULT_COUNT);
        check("?", DEFAULT_COUNT);
        check("?lang=ru", DEFAULT_COUNT);
        check("?demo=", DEFAULT_COUNT);
        check("?demo=abc", DEFAULT_COUNT);
        check("?demo=12x", DEFAULT_COUNT);
        check("?xdemo=5", DEFAULT_COUNT);
    }

    #[test]
    fn numeric_parameter_is_read_and_clamped() {
        check("?demo=5000", 5000);
        check("demo=2500", 2500);
        check("?lang=ru&demo=7", 7);
        check("?demo=3&demo=9", 3);
        check("?demo=0", 1);
        check("?demo=-5", 1);
        check("?demo=-99999999999999999999999", 1);
        check("?demo=1000000", MAX_COUNT);
        check("?demo=1000001", MAX_COUNT);
        check("?demo=99999999999999999999999", MAX_COUNT);
    }

    #[test]
    fn base_has_the_requested_size() {
        assert_eq!(base_total(1), 1);
        assert_eq!(base_total(25), 25);
    }
}
