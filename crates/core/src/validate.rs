//! Field-level validation for forms and import: what is wrong with a typed value, said in
//! Russian next to the field ([`FieldError`]).
//!
//! E-mail syntax is RFC 5322's addr-spec as the `email_address` crate checks it, narrowed to what
//! mail is really sent to: no display name («Имя <a@b.ru>»), no IP-literal domain and at least
//! two domain labels (`a@b` is refused). Phones must parse to E.164 with default region RU;
//! dates, UTC offsets, money and points use the same readers as the filter ([`crate::values`]).

use std::fmt;

use email_address::{EmailAddress, Options};
use time::Date;

use crate::fields::FieldId;
use crate::model::UtcOffset;
use crate::normalize::{normalize_email, phone_to_e164};
use crate::values::{parse_date, parse_integer, parse_money_minor, parse_utc_offset};

/// What is wrong with a field's typed value; each carries the value as typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldError {
    /// Not a valid e-mail address.
    Email(String),
    /// Not a phone number that reads as E.164 (default region RU).
    Phone(String),
    /// Not a date дд.мм.гггг, or no such day.
    Date(String),
    /// Not a UTC offset from −12 to +14 in whole or half hours.
    UtcOffset(String),
    /// Not an amount of money.
    Money(String),
    /// Not a whole number of points.
    Points(String),
    /// Not a whole number.
    Integer(String),
    /// Not one of the field's values.
    Choice(String),
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Email(v) => write!(f, "«{v}» — неверный адрес e-mail"),
            Self::Phone(v) => write!(f, "«{v}» — не номер телефона"),
            Self::Date(v) => write!(f, "«{v}» — не дата в формате дд.мм.гггг"),
            Self::UtcOffset(v) => write!(
                f,
                "«{v}» — не часовой пояс: от −12 до +14, целые или половины часа"
            ),
            Self::Money(v) => write!(f, "«{v}» — не сумма денег"),
            Self::Points(v) => write!(f, "«{v}» — баллы должны быть целым числом"),
            Self::Integer(v) => write!(f, "«{v}» — не целое число"),
            Self::Choice(v) => write!(f, "«{v}» — нет такого значения"),
        }
    }
}

impl std::error::Error for FieldError {}

/// Checks an e-mail address and gives it back normalised (trimmed, domain lower-cased).
pub fn email(raw: &str) -> Result<String, FieldError> {
    let options = Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
        ..Options::default()
    };
    let normalised = normalize_email(raw);
    EmailAddress::parse_with_options(&normalised, options)
        .map(|_| normalised)
        .map_err(|_| FieldError::Email(raw.trim().to_owned()))
}

/// Checks a phone and gives back its E.164 form (default region RU).
pub fn phone(raw: &str) -> Result<String, FieldError> {
    phone_to_e164(raw).ok_or_else(|| FieldError::Phone(raw.trim().to_owned()))
}

/// Checks a date typed as дд.мм.гггг.
pub fn date(raw: &str) -> Result<Date, FieldError> {
    parse_date(raw).map_err(|_| FieldError::Date(raw.trim().to_owned()))
}

/// Checks a UTC offset («+3», «-3:30», «UTC+5:30»).
pub fn utc_offset(raw: &str) -> Result<UtcOffset, FieldError> {
    parse_utc_offset(raw).map_err(|_| FieldError::UtcOffset(raw.trim().to_owned()))
}

/// Checks an amount of money and gives it back in minor units.
pub fn money(raw: &str) -> Result<i64, FieldError> {
    parse_money_minor(raw).map_err(|_| FieldError::Money(raw.trim().to_owned()))
}

/// Checks a whole number of points.
pub fn points(raw: &str) -> Result<i64, FieldError> {
    parse_integer(raw).map_err(|_| FieldError::Points(raw.trim().to_owned()))
}

/// Checks the typed value of a form field: blank is always fine (no value); e-mail, phone,
/// first-registration date, UTC offset, money and points are checked as above; other fields
/// take any text.
pub fn check(field: FieldId, raw: &str) -> Result<(), FieldError> {
    if raw.trim().is_empty() {
        return Ok(());
    }
    match field {
        FieldId::Email => email(raw).map(drop),
        FieldId::Phone => phone(raw).map(drop),
        FieldId::RegisteredAt => date(raw).map(drop),
        FieldId::UtcOffset => utc_offset(raw).map(drop),
        FieldId::PaidTotal => money(raw).map(drop),
        FieldId::Points => points(raw).map(drop),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_and_normalised() {
        assert_eq!(
            email(" Ivan.Petrov@Mail.RU ").unwrap(),
            "Ivan.Petrov@mail.ru"
        );
        assert!(email("a.b-c+tag@sub.example.com").is_ok());
        for bad in [
            "ivan",
            "ivan@",
            "@mail.ru",
            "ivan@mail",
            "ivan@@mail.ru",
            "iv an@mail.ru",
            "Иван <ivan@mail.ru>",
            "ivan@[127.0.0.1]",
            "ivan@mail..ru",
        ] {
            assert_eq!(email(bad), Err(FieldError::Email(bad.to_owned())), "{bad}");
        }
    }

    #[test]
    fn russian_phone_formats_are_accepted_and_junk_rejected() {
        assert_eq!(phone("8 (812) 123-45-67").unwrap(), "+78121234567");
        assert_eq!(phone("+7 812 123 45 67").unwrap(), "+78121234567");
        assert_eq!(phone("8 843 212-34-56").unwrap(), "+78432123456");
        assert_eq!(phone("8-800-555-35-35").unwrap(), "+78005553535");
        assert_eq!(phone("+7 916 123-45-67").unwrap(), "+79161234567");
        for bad in ["12", "abc", "8 812 12", "+7 000 000 00 00", "телефон"] {
            assert!(matches!(phone(bad), Err(FieldError::Phone(_))), "{bad}");
        }
    }

    #[test]
    fn dates_offsets_money_and_points() {
        assert!(date("29.02.2024").is_ok());
        assert_eq!(
            date("29.02.2023"),
            Err(FieldError::Date("29.02.2023".into()))
        );
        assert!(date("2024-02-01x").is_err());
        assert_eq!(utc_offset("+5:30").unwrap().half_hours(), 11);
        assert!(utc_offset("-12").is_ok() && utc_offset("+14").is_ok());
        assert!(utc_offset("+15").is_err() && utc_offset("-12:30").is_err());
        assert_eq!(money("1 500,50"), Ok(150_050));
        assert!(money("дорого").is_err());
        assert_eq!(points("1 200"), Ok(1200));
        assert!(points("1.5").is_err());
    }

    #[test]
    fn check_dispatches_by_field_and_says_what_is_wrong_in_russian() {
        assert_eq!(check(FieldId::Email, "  "), Ok(()));
        assert_eq!(check(FieldId::LastName, "что угодно"), Ok(()));
        assert!(check(FieldId::Phone, "8 812 123-45-67").is_ok());
        let error = check(FieldId::Email, "ivan@").unwrap_err();
        assert_eq!(error.to_string(), "«ivan@» — неверный адрес e-mail");
        let error = check(FieldId::Points, "много").unwrap_err();
        assert_eq!(
            error.to_string(),
            "«много» — баллы должны быть целым числом"
        );
        assert!(check(FieldId::RegisteredAt, "31.04.2024").is_err());
        assert!(check(FieldId::UtcOffset, "+20").is_err());
        assert!(check(FieldId::PaidTotal, "abc").is_err());
    }
}
