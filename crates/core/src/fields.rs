//! The field catalogue: one table that names every contact field's key, Russian and English
//! label, type, allowed match types and export column. The filter, the card, import and export all
//! read it, so a new field is one line here plus its accessor in [`Contact::get`].

use serde::{Deserialize, Serialize};

use crate::model::{
    ChannelStatus, Consent, Contact, CustomKind, EmailStatus, Membership, Money, Source, Timestamp,
    UtcOffset,
};

/// What kind of value a field holds; decides parsing, comparison and the allowed match types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// Free text, compared case-insensitively with ё = е.
    Text,
    /// An e-mail address.
    Email,
    /// A phone, compared on its E.164 digits.
    Phone,
    /// Money, compared numerically in minor units.
    Money,
    /// A date-time, compared by calendar day (entered as дд.мм.гггг).
    Date,
    /// A whole number.
    Integer,
    /// Yes or no (or unknown).
    Bool,
    /// A UTC offset in half hours.
    UtcOffset,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// A set of tags.
    Tags,
    /// The global e-mail status.
    EmailStatus,
    /// An SMS or call status.
    ChannelStatus,
    /// Where the contact came from.
    Source,
    /// E-mail consent: present or not, and how it was given.
    Consent,
    /// The subscription dates of the contact's group memberships.
    SubscriptionDate,
}

/// A match type of a filter condition (SPEC §4), plus «пусто» / «не пусто».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchType {
    /// «соответствует»: equals one of the values.
    Eq,
    /// «не соответствует»: equals none of the values.
    Ne,
    /// «больше».
    Gt,
    /// «меньше».
    Lt,
    /// «больше или равно».
    Ge,
    /// «меньше или равно».
    Le,
    /// «содержит»: contains one of the values.
    Contains,
    /// «пусто»: has no value.
    Empty,
    /// «не пусто»: has a value.
    NotEmpty,
}

impl MatchType {
    /// Every match type, in the order the filter builder offers them.
    pub const ALL: [MatchType; 9] = [
        Self::Eq,
        Self::Ne,
        Self::Gt,
        Self::Lt,
        Self::Ge,
        Self::Le,
        Self::Contains,
        Self::Empty,
        Self::NotEmpty,
    ];

    /// The stable code used in the URL form of a filter.
    pub fn code(self) -> &'static str {
        match self {
            Self::Eq => "eq",
            Self::Ne => "ne",
            Self::Gt => "gt",
            Self::Lt => "lt",
            Self::Ge => "ge",
            Self::Le => "le",
            Self::Contains => "contains",
            Self::Empty => "empty",
            Self::NotEmpty => "notempty",
        }
    }

    /// The match type with this code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The Russian label, exactly as SPEC §4.
    pub fn label_ru(self) -> &'static str {
        match self {
            Self::Eq => "соответствует",
            Self::Ne => "не соответствует",
            Self::Gt => "больше",
            Self::Lt => "меньше",
            Self::Ge => "больше или равно",
            Self::Le => "меньше или равно",
            Self::Contains => "содержит",
            Self::Empty => "пусто",
            Self::NotEmpty => "не пусто",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Eq => "equals",
            Self::Ne => "does not equal",
            Self::Gt => "greater than",
            Self::Lt => "less than",
            Self::Ge => "greater than or equal",
            Self::Le => "less than or equal",
            Self::Contains => "contains",
            Self::Empty => "is empty",
            Self::NotEmpty => "is not empty",
        }
    }

    /// Whether a condition with this match type takes values (all but «пусто» / «не пусто»).
    pub fn takes_values(self) -> bool {
        !matches!(self, Self::Empty | Self::NotEmpty)
    }
}

impl FieldKind {
    /// The match types that make sense for this kind; the filter rejects any other.
    pub fn match_types(self) -> &'static [MatchType] {
        use MatchType::*;
        match self {
            Self::Text | Self::Email | Self::Phone | Self::Tags => {
                &[Eq, Ne, Contains, Empty, NotEmpty]
            }
            Self::Money | Self::Date | Self::Integer | Self::UtcOffset | Self::SubscriptionDate => {
                &[Eq, Ne, Gt, Lt, Ge, Le, Empty, NotEmpty]
            }
            Self::Bool | Self::Country | Self::Consent => &[Eq, Ne, Empty, NotEmpty],
            Self::EmailStatus | Self::ChannelStatus | Self::Source => &[Eq, Ne],
        }
    }

    /// The kind of a custom field of type `kind`.
    pub fn of_custom(kind: CustomKind) -> Self {
        match kind {
            CustomKind::Text => Self::Text,
            CustomKind::Integer => Self::Integer,
            CustomKind::Date => Self::Date,
            CustomKind::Bool => Self::Bool,
        }
    }
}

macro_rules! catalogue {
    ($($id:ident, $key:literal, $ru:literal, $en:literal, $kind:ident, $export:expr;)+) => {
        /// Every built-in field of a contact.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FieldId {
            $(
                #[doc = $en]
                $id,
            )+
        }

        /// The catalogue, one entry per [`FieldId`], in card and filter-menu order.
        pub static CATALOGUE: &[FieldDef] = &[
            $(FieldDef {
                id: FieldId::$id,
                key: $key,
                label_ru: $ru,
                label_en: $en,
                kind: FieldKind::$kind,
                export_column: $export,
            },)+
        ];
    };
}

/// One field's entry in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    /// Which field.
    pub id: FieldId,
    /// Stable key used in URLs, files and history.
    pub key: &'static str,
    /// Russian label (SPEC §4's name, capitalised).
    pub label_ru: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Its kind.
    pub kind: FieldKind,
    /// Its export column header (SPEC §8), if it is exported.
    pub export_column: Option<&'static str>,
}

catalogue! {
    LastName, "last_name", "Фамилия", "Last name", Text, Some("Фамилия");
    FirstName, "first_name", "Имя", "First name", Text, Some("Имя");
    MiddleName, "middle_name", "Отчество", "Middle name", Text, Some("Отчество");
    Email, "email", "E-mail", "E-mail", Email, Some("Email");
    Phone, "phone", "Телефон", "Phone", Phone, Some("Телефон");
    Description, "description", "Описание", "Description", Text, Some("Описание");
    ClientInfo, "client_info", "Информация о клиенте", "Client information", Text, None;
    EmailExists, "email_exists", "Существует e-mail", "E-mail exists", Bool, None;
    Status, "status", "Статус @", "E-mail status", EmailStatus, Some("Статус");
    SmsStatus, "sms_status", "Статус sms", "SMS status", ChannelStatus, Some("Статус sms");
    CallStatus, "call_status", "Статус звонков", "Call status", ChannelStatus, Some("Статус звонков");
    PaidTotal, "paid_total", "Оплатил на сумму", "Paid in total", Money, None;
    RegisteredAt, "registered_at", "Дата первой регистрации", "First registered", Date, None;
    Tags, "tags", "Теги", "Tags", Tags, Some("Тег");
    GroupSubscribedAt, "group_subscribed_at", "Дата подписки в группу", "Subscribed to group", SubscriptionDate, None;
    Manager, "manager", "Личный менеджер", "Account manager", Text, Some("Личный менеджер");
    UtcOffset, "utc_offset", "Часовой пояс (UTC)", "Time zone (UTC)", UtcOffset, Some("UTC часовой пояс");
    Points, "points", "Баллы", "Points", Integer, Some("Баллы");
    BillingStreet, "billing.street", "Улица", "Street", Text, Some("Адрес выставления счета 1");
    BillingHouse, "billing.house", "Дом, квартира", "House, apartment", Text, Some("Адрес выставления счета 2");
    BillingCity, "billing.city", "Город", "City", Text, Some("Город выставления счета");
    BillingRegion, "billing.region", "Область, край", "Region", Text, Some("Регион выставления счета");
    BillingPostcode, "billing.postcode", "Почтовый индекс", "Postcode", Text, Some("Индекс выставления счета");
    BillingCountry, "billing.country", "Страна", "Country", Country, Some("Код страны выставления счета");
    ShippingStreet, "shipping.street", "Адрес доставки/улица", "Shipping street", Text, Some("Адрес доставки 1");
    ShippingHouse, "shipping.house", "Адрес доставки/дом, квартира", "Shipping house, apartment", Text, Some("Адрес доставки 2");
    ShippingCity, "shipping.city", "Адрес доставки/город", "Shipping city", Text, Some("Город доставки");
    ShippingRegion, "shipping.region", "Адрес доставки/регион", "Shipping region", Text, Some("Регион доставки");
    ShippingPostcode, "shipping.postcode", "Адрес доставки/почтовый индекс", "Shipping postcode", Text, Some("Индекс доставки");
    ShippingCountry, "shipping.country", "Адрес доставки/страна", "Shipping country", Country, Some("Код страны доставки");
    UtmFirstSource, "utm_first.source", "Первый клик UTM/utm_source", "First click utm_source", Text, Some("Первый клик UTM (utm_source)");
    UtmFirstMedium, "utm_first.medium", "Первый клик UTM/utm_medium", "First click utm_medium", Text, Some("Первый клик UTM (utm_medium)");
    UtmFirstCampaign, "utm_first.campaign", "Первый клик UTM/utm_campaign", "First click utm_campaign", Text, Some("Первый клик UTM (utm_campaign)");
    UtmFirstContent, "utm_first.content", "Первый клик UTM/utm_content", "First click utm_content", Text, Some("Первый клик UTM (utm_content)");
    UtmFirstTerm, "utm_first.term", "Первый клик UTM/utm_term", "First click utm_term", Text, Some("Первый клик UTM (utm_term)");
    UtmLastSource, "utm_last.source", "Последний UTM/utm_source", "Last utm_source", Text, Some("Последний UTM (utm_source)");
    UtmLastMedium, "utm_last.medium", "Последний UTM/utm_medium", "Last utm_medium", Text, Some("Последний UTM (utm_medium)");
    UtmLastCampaign, "utm_last.campaign", "Последний UTM/utm_campaign", "Last utm_campaign", Text, Some("Последний UTM (utm_campaign)");
    UtmLastContent, "utm_last.content", "Последний UTM/utm_content", "Last utm_content", Text, Some("Последний UTM (utm_content)");
    UtmLastTerm, "utm_last.term", "Последний UTM/utm_term", "Last utm_term", Text, Some("Последний UTM (utm_term)");
    Facebook, "facebook", "Facebook", "Facebook", Text, Some("Facebook");
    Instagram, "instagram", "Instagram", "Instagram", Text, Some("Instagram");
    WhatsApp, "whatsapp", "WhatsApp", "WhatsApp", Text, Some("WhatsApp");
    Telegram, "telegram", "Telegram", "Telegram", Text, Some("Telegram");
    Viber, "viber", "Viber", "Viber", Text, Some("Viber");
    Vk, "vk", "Вконтакте", "VK", Text, Some("Вконтакте");
    Source, "source", "Источник", "Source", Source, None;
    Consent, "consent", "Согласие", "Consent", Consent, None;
}

/// The export columns of SPEC §8, in order (custom fields follow them).
pub const EXPORT_ORDER: [FieldId; 41] = {
    use FieldId::*;
    [
        LastName,
        FirstName,
        MiddleName,
        Phone,
        Email,
        Description,
        Manager,
        UtcOffset,
        BillingStreet,
        BillingHouse,
        BillingCity,
        BillingRegion,
        BillingPostcode,
        BillingCountry,
        ShippingStreet,
        ShippingHouse,
        ShippingCity,
        ShippingRegion,
        ShippingPostcode,
        ShippingCountry,
        UtmFirstSource,
        UtmFirstMedium,
        UtmFirstCampaign,
        UtmFirstContent,
        UtmFirstTerm,
        UtmLastSource,
        UtmLastMedium,
        UtmLastCampaign,
        UtmLastContent,
        UtmLastTerm,
        Facebook,
        Instagram,
        WhatsApp,
        Telegram,
        Viber,
        Vk,
        Points,
        Status,
        SmsStatus,
        CallStatus,
        Tags,
    ]
};

impl FieldId {
    /// This field's catalogue entry.
    pub fn def(self) -> &'static FieldDef {
        &CATALOGUE[self as usize]
    }

    /// The field with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        CATALOGUE.iter().find(|d| d.key == key).map(|d| d.id)
    }
}

impl Serialize for FieldId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.def().key)
    }
}

impl<'de> Deserialize<'de> for FieldId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = String::deserialize(deserializer)?;
        Self::from_key(&key)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown field key `{key}`")))
    }
}

/// A field of a filter condition: built-in, or an account-defined custom field by its key.
///
/// Serialised as `{"builtin": "<catalogue key>"}` or `{"custom": "<custom field key>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldRef {
    /// A catalogue field.
    Builtin(FieldId),
    /// A custom field, by [`crate::model::CustomFieldDef::key`].
    Custom(String),
}

/// A field's value in one contact, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    /// Text, e-mail, phone as entered, or country code; empty means no value.
    Text(&'a str),
    /// Money.
    Money(Option<&'a Money>),
    /// A date-time.
    Date(Option<Timestamp>),
    /// A whole number.
    Integer(Option<i64>),
    /// Yes, no, or unknown.
    Bool(Option<bool>),
    /// A UTC offset.
    UtcOffset(Option<UtcOffset>),
    /// A set of tags.
    Tags(&'a [String]),
    /// The global e-mail status.
    EmailStatus(EmailStatus),
    /// An SMS or call status.
    ChannelStatus(ChannelStatus),
    /// Where the contact came from.
    Source(Source),
    /// E-mail consent.
    Consent(Option<&'a Consent>),
    /// Group memberships with their subscription dates.
    Memberships(&'a [Membership]),
}

impl Contact {
    /// The value of a built-in field.
    pub fn get(&self, field: FieldId) -> FieldValue<'_> {
        use FieldId as F;
        use FieldValue as V;
        match field {
            F::LastName => V::Text(&self.last_name),
            F::FirstName => V::Text(&self.first_name),
            F::MiddleName => V::Text(&self.middle_name),
            F::Email => V::Text(&self.email),
            F::Phone => V::Text(&self.phone),
            F::Description => V::Text(&self.description),
            F::ClientInfo => V::Text(&self.client_info),
            F::EmailExists => V::Bool(self.email_exists),
            F::Status => V::EmailStatus(self.status),
            F::SmsStatus => V::ChannelStatus(self.sms_status),
            F::CallStatus => V::ChannelStatus(self.call_status),
            F::PaidTotal => V::Money(self.paid_total.as_ref()),
            F::RegisteredAt => V::Date(self.registered_at),
            F::Tags => V::Tags(&self.tags),
            F::GroupSubscribedAt => V::Memberships(&self.memberships),
            F::Manager => V::Text(&self.manager),
            F::UtcOffset => V::UtcOffset(self.utc_offset),
            F::Points => V::Integer(self.points),
            F::BillingStreet => V::Text(&self.billing.street),
            F::BillingHouse => V::Text(&self.billing.house),
            F::BillingCity => V::Text(&self.billing.city),
            F::BillingRegion => V::Text(&self.billing.region),
            F::BillingPostcode => V::Text(&self.billing.postcode),
            F::BillingCountry => V::Text(&self.billing.country),
            F::ShippingStreet => V::Text(&self.shipping.street),
            F::ShippingHouse => V::Text(&self.shipping.house),
            F::ShippingCity => V::Text(&self.shipping.city),
            F::ShippingRegion => V::Text(&self.shipping.region),
            F::ShippingPostcode => V::Text(&self.shipping.postcode),
            F::ShippingCountry => V::Text(&self.shipping.country),
            F::UtmFirstSource => V::Text(&self.utm_first.source),
            F::UtmFirstMedium => V::Text(&self.utm_first.medium),
            F::UtmFirstCampaign => V::Text(&self.utm_first.campaign),
            F::UtmFirstContent => V::Text(&self.utm_first.content),
            F::UtmFirstTerm => V::Text(&self.utm_first.term),
            F::UtmLastSource => V::Text(&self.utm_last.source),
            F::UtmLastMedium => V::Text(&self.utm_last.medium),
            F::UtmLastCampaign => V::Text(&self.utm_last.campaign),
            F::UtmLastContent => V::Text(&self.utm_last.content),
            F::UtmLastTerm => V::Text(&self.utm_last.term),
            F::Facebook => V::Text(&self.messengers.facebook),
            F::Instagram => V::Text(&self.messengers.instagram),
            F::WhatsApp => V::Text(&self.messengers.whatsapp),
            F::Telegram => V::Text(&self.messengers.telegram),
            F::Viber => V::Text(&self.messengers.viber),
            F::Vk => V::Text(&self.messengers.vk),
            F::Source => V::Source(self.source),
            F::Consent => V::Consent(self.consent.as_ref()),
        }
    }

    /// The plain text field `id`, to write (not e-mail or phone, which are normalised by
    /// [`Contact::set_email`] and [`Contact::set_phone`]); `None` for any other field.
    pub fn text_mut(&mut self, id: FieldId) -> Option<&mut String> {
        use FieldId as F;
        let c = self;
        Some(match id {
            F::LastName => &mut c.last_name,
            F::FirstName => &mut c.first_name,
            F::MiddleName => &mut c.middle_name,
            F::Description => &mut c.description,
            F::ClientInfo => &mut c.client_info,
            F::Manager => &mut c.manager,
            F::BillingStreet => &mut c.billing.street,
            F::BillingHouse => &mut c.billing.house,
            F::BillingCity => &mut c.billing.city,
            F::BillingRegion => &mut c.billing.region,
            F::BillingPostcode => &mut c.billing.postcode,
            F::BillingCountry => &mut c.billing.country,
            F::ShippingStreet => &mut c.shipping.street,
            F::ShippingHouse => &mut c.shipping.house,
            F::ShippingCity => &mut c.shipping.city,
            F::ShippingRegion => &mut c.shipping.region,
            F::ShippingPostcode => &mut c.shipping.postcode,
            F::ShippingCountry => &mut c.shipping.country,
            F::UtmFirstSource => &mut c.utm_first.source,
            F::UtmFirstMedium => &mut c.utm_first.medium,
            F::UtmFirstCampaign => &mut c.utm_first.campaign,
            F::UtmFirstContent => &mut c.utm_first.content,
            F::UtmFirstTerm => &mut c.utm_first.term,
            F::UtmLastSource => &mut c.utm_last.source,
            F::UtmLastMedium => &mut c.utm_last.medium,
            F::UtmLastCampaign => &mut c.utm_last.campaign,
            F::UtmLastContent => &mut c.utm_last.content,
            F::UtmLastTerm => &mut c.utm_last.term,
            F::Facebook => &mut c.messengers.facebook,
            F::Instagram => &mut c.messengers.instagram,
            F::WhatsApp => &mut c.messengers.whatsapp,
            F::Telegram => &mut c.messengers.telegram,
            F::Viber => &mut c.messengers.viber,
            F::Vk => &mut c.messengers.vk,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_indexed_by_field_id_and_keys_are_unique() {
        for (i, def) in CATALOGUE.iter().enumerate() {
            assert_eq!(def.id as usize, i, "{}", def.key);
            assert_eq!(FieldId::from_key(def.key), Some(def.id));
            assert!(!def.kind.match_types().is_empty());
        }
    }

    #[test]
    fn export_order_lists_every_exported_field_once() {
        let exported: Vec<FieldId> = CATALOGUE
            .iter()
            .filter(|d| d.export_column.is_some())
            .map(|d| d.id)
            .collect();
        let mut ordered = EXPORT_ORDER.to_vec();
        ordered.sort();
        assert_eq!(ordered, exported);
        assert_eq!(EXPORT_ORDER[0].def().export_column, Some("Фамилия"));
        assert_eq!(EXPORT_ORDER[40].def().export_column, Some("Тег"));
    }

    #[test]
    fn spec_section_4_fields_are_all_in_the_catalogue() {
        let spec = [
            "E-mail",
            "Телефон",
            "Оплатил на сумму",
            "Фамилия",
            "Имя",
            "Отчество",
            "Существует e-mail",
            "Информация о клиенте",
            "Статус @",
            "Дата первой регистрации",
            "Теги",
            "Дата подписки в группу",
            "Личный менеджер",
            "Часовой пояс (UTC)",
            "Баллы",
            "Улица",
            "Дом, квартира",
            "Город",
            "Область, край",
            "Почтовый индекс",
            "Страна",
            "Адрес доставки/улица",
            "Адрес доставки/дом, квартира",
            "Адрес доставки/город",
            "Адрес доставки/регион",
            "Адрес доставки/почтовый индекс",
            "Адрес доставки/страна",
        ];
        assert_eq!(spec.len(), 27);
        for label in spec {
            assert!(CATALOGUE.iter().any(|d| d.label_ru == label), "{label}");
        }
    }

    #[test]
    fn match_types_round_trip_their_codes() {
        for m in MatchType::ALL {
            assert_eq!(MatchType::from_code(m.code()), Some(m));
        }
    }
}
