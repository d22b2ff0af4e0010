//! Display text of contact values: dates as дд.мм.гггг in the user's time zone, money with its
//! currency, yes/no, enum labels in Russian. Pure functions over core values, tested natively.
//! Empty means "no value"; the views decide how to show that.

use contacts_core::fields::FieldValue;
use contacts_core::model::{Consent, CustomValue, Money, Timestamp};
use contacts_core::values::{DAY_MS, Labelled, date_of, format_date, format_money_minor};

/// A date as дд.мм.гггг in a time zone `offset_minutes` east of UTC.
pub fn date(at: Timestamp, offset_minutes: i32) -> String {
    format_date(date_of(at, offset_minutes))
}

/// A date and time as дд.мм.гггг чч:мм in a time zone `offset_minutes` east of UTC.
pub fn date_time(at: Timestamp, offset_minutes: i32) -> String {
    let local = at.0 + i64::from(offset_minutes) * 60_000;
    let minutes = local.rem_euclid(DAY_MS) / 60_000;
    format!(
        "{} {:02}:{:02}",
        date(at, offset_minutes),
        minutes / 60,
        minutes % 60
    )
}

/// Money with its currency: «1500,50 ₽» for roubles, «20 USD» for others.
pub fn money(money: &Money) -> String {
    let amount = format_money_minor(money.minor);
    match money.currency.as_str() {
        "RUB" | "" => format!("{amount} ₽"),
        code => format!("{amount} {code}"),
    }
}

/// «да» or «нет».
pub fn yes_no(value: bool) -> &'static str {
    if value { "да" } else { "нет" }
}

/// E-mail consent in one line: «двойное подтверждение, 01.02.2024».
pub fn consent(consent: &Consent, offset_minutes: i32) -> String {
    format!(
        "{}, {}",
        consent.source.label_ru(),
        date(consent.confirmed_at, offset_minutes)
    )
}

/// The display text of a catalogue field's value; empty when it has none.
pub fn field_text(value: FieldValue<'_>, offset_minutes: i32) -> String {
    match value {
        FieldValue::Text(text) => text.to_owned(),
        FieldValue::Money(m) => m.map(money).unwrap_or_default(),
        FieldValue::Date(at) => at.map(|t| date(t, offset_minutes)).unwrap_or_default(),
        FieldValue::Integer(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        FieldValue::Bool(b) => b.map(yes_no).unwrap_or_default().to_owned(),
        FieldValue::UtcOffset(o) => o.map(|o| format!("UTC{o}")).unwrap_or_default(),
        FieldValue::Tags(tags) => tags.join(", "),
        FieldValue::EmailStatus(s) => s.label_ru().to_owned(),
        FieldValue::ChannelStatus(s) => s.label_ru().to_owned(),
        FieldValue::Source(s) => s.label_ru().to_owned(),
        FieldValue::Consent(c) => c.map(|c| consent(c, offset_minutes)).unwrap_or_default(),
        FieldValue::Memberships(ms) => ms
            .iter()
            .map(|m| m.subscribed_at)
            .min()
            .map(|t| date(t, offset_minutes))
            .unwrap_or_default(),
    }
}

/// The display text of a custom field's value.
pub fn custom_text(value: &CustomValue, offset_minutes: i32) -> String {
    match value {
        CustomValue::Text(text) => text.clone(),
        CustomValue::Integer(n) => n.to_string(),
        CustomValue::Date(at) => date(*at, offset_minutes),
        CustomValue::Bool(b) => yes_no(*b).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use contacts_core::model::{ConsentSource, EmailStatus, UtcOffset};

    use super::*;

    /// 2024-02-01 21:30 UTC.
    const LATE_EVENING: Timestamp = Timestamp(1_706_823_000_000);

    #[test]
    fn dates_follow_the_time_zone() {
        assert_eq!(date(LATE_EVENING, 0), "01.02.2024");
        assert_eq!(date(LATE_EVENING, 180), "02.02.2024");
        assert_eq!(date_time(LATE_EVENING, 0), "01.02.2024 21:30");
        assert_eq!(date_time(LATE_EVENING, 180), "02.02.2024 00:30");
        assert_eq!(date_time(Timestamp(-60_000), 0), "31.12.1969 23:59");
    }

    #[test]
    fn values_read_as_people_write_them() {
        let rub = Money {
            minor: 150_050,
            currency: "RUB".into(),
        };
        let usd = Money {
            minor: 2_000,
            currency: "USD".into(),
        };
        assert_eq!(field_text(FieldValue::Money(Some(&rub)), 0), "1500,50 ₽");
        assert_eq!(field_text(FieldValue::Money(Some(&usd)), 0), "20 USD");
        assert_eq!(field_text(FieldValue::Money(None), 0), "");
        assert_eq!(field_text(FieldValue::Bool(Some(false)), 0), "нет");
        assert_eq!(
            field_text(FieldValue::UtcOffset(UtcOffset::from_half_hours(11)), 0),
            "UTC+5:30"
        );
        assert_eq!(
            field_text(FieldValue::EmailStatus(EmailStatus::DoesNotExist), 0),
            "не существует"
        );
        let tags = ["vip".to_owned(), "опт".to_owned()];
        assert_eq!(field_text(FieldValue::Tags(&tags), 0), "vip, опт");
        let given = Consent {
            confirmed_at: LATE_EVENING,
            source: ConsentSource::DoubleOptIn,
            evidence: "req-1".into(),
        };
        assert_eq!(
            field_text(FieldValue::Consent(Some(&given)), 0),
            "двойное подтверждение, 01.02.2024"
        );
        assert_eq!(
            custom_text(&CustomValue::Date(LATE_EVENING), 0),
            "01.02.2024"
        );
        assert_eq!(custom_text(&CustomValue::Bool(true), 0), "да");
    }
}
