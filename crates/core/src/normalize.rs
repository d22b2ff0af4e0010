//! Normalisation of e-mails, phones and text for storage and matching.
//!
//! Text folding is Unicode lower-casing plus ё → е, so «Ёлкин» and «елкин» are equal. Phones are
//! parsed with a libphonenumber port (default region RU) and compared in E.164.

use rlibphonenumber::{PhoneNumber, PhoneNumberFormat, Region};

/// Folds text for case-insensitive matching: trims, lower-cases (Unicode) and maps ё to е.
pub fn fold(text: &str) -> String {
    let trimmed = text.trim();
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        match c {
            'ё' | 'Ё' => out.push('е'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Normalises an e-mail address: trims it and lower-cases the domain; the local part is kept.
pub fn normalize_email(raw: &str) -> String {
    let trimmed = raw.trim();
    match trimmed.rsplit_once('@') {
        Some((local, domain)) => format!("{local}@{}", domain.to_lowercase()),
        None => trimmed.to_owned(),
    }
}

/// Parses a phone number (default region RU) to E.164, or `None` when it is not a valid number.
pub fn phone_to_e164(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let number = PhoneNumber::parse(raw, Some(Region::RU)).ok()?;
    number
        .is_valid()
        .then(|| number.format_as(PhoneNumberFormat::E164).into_owned())
}

/// The digits of a phone number, without any other character.
pub fn phone_digits(raw: &str) -> String {
    raw.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_and_yo() {
        assert_eq!(fold("  ЁЛКИН Пётр "), "елкин петр");
        assert_eq!(fold("Straße"), "straße");
        assert_eq!(fold("Ångström"), "ångström");
    }

    #[test]
    fn email_domain_is_lower_cased_local_part_kept() {
        assert_eq!(
            normalize_email("  Ivan.Petrov@Mail.RU "),
            "Ivan.Petrov@mail.ru"
        );
        assert_eq!(normalize_email("no-at-sign"), "no-at-sign");
    }

    /// Regression guard: the `phonenumber` crate mangles Russian area codes starting with 8
    /// (whisperfish/rust-phonenumber#76); every format of 812, 843 and 800 must survive.
    #[test]
    fn russian_numbers_with_area_code_8_parse_in_every_format() {
        for raw in [
            "8 (812) 123-45-67",
            "+7 (812) 123-45-67",
            "88121234567",
            "8121234567",
            "+78121234567",
            "7 812 123 45 67",
        ] {
            assert_eq!(phone_to_e164(raw).as_deref(), Some("+78121234567"), "{raw}");
        }
        assert_eq!(
            phone_to_e164("8 (843) 200-00-00").as_deref(),
            Some("+78432000000")
        );
        assert_eq!(
            phone_to_e164("8 800 555 35 35").as_deref(),
            Some("+78005553535")
        );
        assert_eq!(
            phone_to_e164("+7 916 123-45-67").as_deref(),
            Some("+79161234567")
        );
        assert_eq!(
            phone_to_e164("89161234567").as_deref(),
            Some("+79161234567")
        );
    }

    #[test]
    fn junk_phones_are_rejected() {
        for raw in ["", "12345", "abc", "+7", "8 (812) 123"] {
            assert_eq!(phone_to_e164(raw), None, "{raw}");
        }
    }

    #[test]
    fn foreign_numbers_keep_their_country() {
        assert_eq!(
            phone_to_e164("+44 20 7946 0958").as_deref(),
            Some("+442079460958")
        );
        assert_eq!(
            phone_to_e164("+375 29 123-45-67").as_deref(),
            Some("+375291234567")
        );
    }

    #[test]
    fn digits_only() {
        assert_eq!(phone_digits("+7 (812) 123-45-67"), "78121234567");
    }
}
