//! Parsing of values as users type them: money, whole numbers, dates (дд.мм.гггг), UTC offsets,
//! yes/no and enum codes. Shared by the filter, forms and import, so all accept the same input.

use std::fmt;

use time::{Date, Month};

use crate::model::{
    ChannelStatus, ConsentSource, EmailStatus, MembershipStatus, Source, Timestamp, UtcOffset,
};
use crate::normalize::fold;

/// Why a typed value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueError {
    /// Not a number (money, points, custom integers).
    NotANumber(String),
    /// Not a date in the form дд.мм.гггг, or no such day.
    NotADate(String),
    /// Not a UTC offset from −12 to +14 in whole or half hours.
    NotAnOffset(String),
    /// Not yes or no.
    NotABool(String),
    /// Not one of the field's values.
    UnknownOption(String),
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotANumber(v) => write!(f, "«{v}» — не число"),
            Self::NotADate(v) => write!(f, "«{v}» — не дата в формате дд.мм.гггг"),
            Self::NotAnOffset(v) => {
                write!(
                    f,
                    "«{v}» — не часовой пояс: от −12 до +14, целые или половины часа"
                )
            }
            Self::NotABool(v) => write!(f, "«{v}» — ожидается «да» или «нет»"),
            Self::UnknownOption(v) => write!(f, "«{v}» — нет такого значения"),
        }
    }
}

impl std::error::Error for ValueError {}

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Reads an amount of money in major units («1 500,50», «1500.5», «-20») as minor units (kopecks).
pub fn parse_money_minor(raw: &str) -> Result<i64, ValueError> {
    let err = || ValueError::NotANumber(raw.trim().to_owned());
    let cleaned: String = raw
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let (negative, digits) = match cleaned.strip_prefix('-').or(cleaned.strip_prefix('−')) {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && frac.is_empty() || !all_digits(whole) || !all_digits(frac) {
        return Err(err());
    }
    if frac.len() > 2 {
        return Err(err());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| err())?
    };
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| err())?;
    let minor = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac))
        .ok_or_else(err)?;
    Ok(if negative { -minor } else { minor })
}

/// Formats minor units as major units with a comma: 150050 → «1500,50», 1500 → «15».
pub fn format_money_minor(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    match abs % 100 {
        0 => format!("{sign}{}", abs / 100),
        cents => format!("{sign}{},{cents:02}", abs / 100),
    }
}

/// Reads a whole number, allowing spaces as thousands separators.
pub fn parse_integer(raw: &str) -> Result<i64, ValueError> {
    let cleaned: String = raw.trim().chars().filter(|c| !c.is_whitespace()).collect();
    let cleaned = cleaned.replace('−', "-");
    cleaned
        .parse()
        .map_err(|_| ValueError::NotANumber(raw.trim().to_owned()))
}

/// Reads a date typed as дд.мм.гггг (also д.м.гггг, with `/` or `-` as separators).
pub fn parse_date(raw: &str) -> Result<Date, ValueError> {
    let err = || ValueError::NotADate(raw.trim().to_owned());
    let parts: Vec<&str> = raw.trim().split(['.', '/', '-']).collect();
    let [day, month, year] = parts.as_slice() else {
        return Err(err());
    };
    let number = |s: &str, max_len: usize| -> Result<u32, ValueError> {
        if s.is_empty() || s.len() > max_len || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        s.parse().map_err(|_| err())
    };
    let (day, month, year) = (number(day, 2)?, number(month, 2)?, number(year, 4)?);
    if year < 1000 {
        return Err(err());
    }
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(err)?;
    let day = u8::try_from(day).map_err(|_| err())?;
    Date::from_calendar_date(year as i32, month, day).map_err(|_| err())
}

/// Formats a date as дд.мм.гггг.
pub fn format_date(date: Date) -> String {
    format!(
        "{:02}.{:02}.{:04}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// The first millisecond of `date` in a time zone `offset_minutes` east of UTC.
pub fn day_start(date: Date, offset_minutes: i32) -> Timestamp {
    let unix_day = i64::from(date.to_julian_day()) - 2_440_588;
    Timestamp(unix_day * DAY_MS - i64::from(offset_minutes) * 60_000)
}

/// The calendar date of `at` in a time zone `offset_minutes` east of UTC.
pub fn date_of(at: Timestamp, offset_minutes: i32) -> Date {
    let local = at.0 + i64::from(offset_minutes) * 60_000;
    let julian = local.div_euclid(DAY_MS) + 2_440_588;
    let julian = julian.clamp(
        i64::from(Date::MIN.to_julian_day()),
        i64::from(Date::MAX.to_julian_day()),
    );
    Date::from_julian_day(julian as i32).unwrap_or(Date::MIN)
}

/// Reads a UTC offset: «3», «+3», «-3:30», «5.5», «+05:30», «UTC+3».
pub fn parse_utc_offset(raw: &str) -> Result<UtcOffset, ValueError> {
    let err = || ValueError::NotAnOffset(raw.trim().to_owned());
    let text = fold(raw).replace('−', "-");
    let text = text
        .strip_prefix("utc")
        .or(text.strip_prefix("gmt"))
        .unwrap_or(&text)
        .trim();
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (hours, half) = if let Some((h, m)) = rest.split_once(':') {
        match m {
            "00" | "0" => (h, false),
            "30" => (h, true),
            _ => return Err(err()),
        }
    } else if let Some((h, f)) = rest.split_once(['.', ',']) {
        match f {
            "0" => (h, false),
            "5" => (h, true),
            _ => return Err(err()),
        }
    } else {
        (rest, false)
    };
    if hours.is_empty() || hours.len() > 2 || !hours.chars().all(|c| c.is_ascii_digit()) {
        return Err(err());
    }
    let hours: i8 = hours.parse().map_err(|_| err())?;
    let half_hours = hours * 2 + i8::from(half);
    UtcOffset::from_half_hours(if negative { -half_hours } else { half_hours }).ok_or_else(err)
}

/// Reads yes or no: «да»/«нет», «yes»/«no», «true»/«false», «1»/«0».
pub fn parse_bool(raw: &str) -> Result<bool, ValueError> {
    match fold(raw).as_str() {
        "да" | "yes" | "true" | "1" | "+" => Ok(true),
        "нет" | "no" | "false" | "0" | "-" => Ok(false),
        _ => Err(ValueError::NotABool(raw.trim().to_owned())),
    }
}

/// An enum whose values have a stable code and Russian and English labels.
pub trait Labelled: Sized + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// The stable code used in URLs and files.
    fn code(self) -> &'static str;
    /// The Russian label.
    fn label_ru(self) -> &'static str;
    /// The English label.
    fn label_en(self) -> &'static str;

    /// Reads a value from its code or either label, case-insensitively.
    fn parse_option(raw: &str) -> Result<Self, ValueError> {
        let folded = fold(raw);
        Self::ALL
            .iter()
            .copied()
            .find(|v| {
                folded == v.code() || folded == fold(v.label_ru()) || folded == fold(v.label_en())
            })
            .ok_or_else(|| ValueError::UnknownOption(raw.trim().to_owned()))
    }
}

macro_rules! labelled {
    ($ty:ty { $($variant:ident => $code:literal, $ru:literal, $en:literal;)+ }) => {
        impl Labelled for $ty {
            const ALL: &'static [Self] = &[$(<$ty>::$variant),+];
            fn code(self) -> &'static str {
                match self { $(<$ty>::$variant => $code),+ }
            }
            fn label_ru(self) -> &'static str {
                match self { $(<$ty>::$variant => $ru),+ }
            }
            fn label_en(self) -> &'static str {
                match self { $(<$ty>::$variant => $en),+ }
            }
        }
    };
}

labelled!(EmailStatus {
    Active => "active", "активен", "active";
    Unconfirmed => "unconfirmed", "не подтверждён", "unconfirmed";
    Unsubscribed => "unsubscribed", "отписан", "unsubscribed";
    Bounced => "bounced", "недоставляемый", "bounced";
    Complained => "complained", "жалоба на спам", "complained";
    DoesNotExist => "does_not_exist", "не существует", "does not exist";
});

labelled!(ChannelStatus {
    Allowed => "allowed", "разрешено", "allowed";
    OptedOut => "opted_out", "отказался", "opted out";
    Failed => "failed", "ошибка доставки", "failed";
    Unknown => "unknown", "неизвестно", "unknown";
});

labelled!(Source {
    Form => "form", "форма подписки", "subscription form";
    Manual => "manual", "вручную", "manual";
    Import => "import", "импорт", "import";
    Migration => "migration", "перенос", "migration";
    Sync => "sync", "синхронизация", "sync";
});

labelled!(ConsentSource {
    DoubleOptIn => "double_opt_in", "двойное подтверждение", "double opt-in";
    Migration => "migration", "перенос", "migration";
});

labelled!(MembershipStatus {
    Active => "active", "подписан", "subscribed";
    Unconfirmed => "unconfirmed", "не подтверждён", "unconfirmed";
    Unsubscribed => "unsubscribed", "отписан", "unsubscribed";
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_russian_and_english_notation() {
        assert_eq!(parse_money_minor("1 500,50"), Ok(150_050));
        assert_eq!(parse_money_minor("1500.5"), Ok(150_050));
        assert_eq!(parse_money_minor("15"), Ok(1_500));
        assert_eq!(parse_money_minor("-20"), Ok(-2_000));
        assert_eq!(parse_money_minor("0,05"), Ok(5));
        for bad in ["", "abc", "1,234,5", "1.005", "1e5", ".", "--1"] {
            assert!(parse_money_minor(bad).is_err(), "{bad}");
        }
        assert_eq!(format_money_minor(150_050), "1500,50");
        assert_eq!(format_money_minor(-2_000), "-20");
    }

    #[test]
    fn dates_are_day_month_year() {
        let d = parse_date("01.02.2024").unwrap();
        assert_eq!((d.day(), u8::from(d.month()), d.year()), (1, 2, 2024));
        assert_eq!(format_date(parse_date("1.2.2024").unwrap()), "01.02.2024");
        for bad in [
            "31.02.2024",
            "2024-02-01",
            "01.13.2024",
            "1.2.24",
            "",
            "aa.bb.cccc",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn day_boundaries_follow_the_offset() {
        let d = parse_date("01.01.1970").unwrap();
        assert_eq!(day_start(d, 0), Timestamp(0));
        assert_eq!(day_start(d, 180), Timestamp(-3 * 3_600_000));
        assert_eq!(date_of(Timestamp(-1), 0), parse_date("31.12.1969").unwrap());
        assert_eq!(
            date_of(Timestamp(22 * 3_600_000), 180),
            parse_date("02.01.1970").unwrap()
        );
    }

    #[test]
    fn utc_offsets_whole_and_half_hours() {
        let half = |raw| parse_utc_offset(raw).map(UtcOffset::half_hours);
        assert_eq!(half("3"), Ok(6));
        assert_eq!(half("+5:30"), Ok(11));
        assert_eq!(half("-3.5"), Ok(-7));
        assert_eq!(half("UTC+14"), Ok(28));
        assert_eq!(half("−12"), Ok(-24));
        for bad in ["15", "-13", "5:15", "", "abc", "+"] {
            assert!(parse_utc_offset(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_utc_offset("5:30").unwrap().to_string(), "+5:30");
    }

    #[test]
    fn enums_by_code_or_label() {
        assert_eq!(
            EmailStatus::parse_option("Не существует"),
            Ok(EmailStatus::DoesNotExist)
        );
        assert_eq!(
            EmailStatus::parse_option("bounced"),
            Ok(EmailStatus::Bounced)
        );
        assert_eq!(
            EmailStatus::parse_option("не подтвержден"),
            Ok(EmailStatus::Unconfirmed)
        );
        assert!(EmailStatus::parse_option("zzz").is_err());
        assert_eq!(parse_bool("Да"), Ok(true));
        assert!(parse_bool("может быть").is_err());
    }
}
