//! The contacts data model: contacts with every field of SPEC §2, categories, groups, memberships.
//!
//! Plain data with serde derives and a few invariant-keeping setters. No IO, no clock: every
//! timestamp is given by the caller. Empty text means "no value" throughout.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::normalize::{normalize_email, phone_to_e164};

/// Milliseconds since the Unix epoch, UTC. The core never reads a clock: callers pass it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

/// Identifies a contact within an account.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct ContactId(pub u64);

/// Identifies a group (mailing list) within an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct GroupId(pub u64);

/// Identifies a category (folder of groups) within an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CategoryId(pub u64);

/// A category of groups, shown as a blue folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Its id.
    pub id: CategoryId,
    /// Its name, unique per account case-insensitively.
    pub name: String,
}

/// A group (mailing list) inside one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Its id.
    pub id: GroupId,
    /// The category it lives in.
    pub category: CategoryId,
    /// Its name, unique per account case-insensitively.
    pub name: String,
}

/// The global e-mail status of a contact («Статус @»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailStatus {
    /// Receives e-mail.
    Active,
    /// Has not confirmed the subscription yet.
    #[default]
    Unconfirmed,
    /// Unsubscribed from all e-mail.
    Unsubscribed,
    /// The address bounced.
    Bounced,
    /// The person marked a message as spam.
    Complained,
    /// The address does not exist, or the person was erased («не существует»).
    DoesNotExist,
}

/// Whether SMS or calls may be sent to a contact («Статус sms», «Статус звонков»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelStatus {
    /// Messages are allowed.
    Allowed,
    /// The person opted out.
    OptedOut,
    /// Delivery failed.
    Failed,
    /// Nothing is known yet.
    #[default]
    Unknown,
}

/// How a contact came into the base («Источник»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A subscription form with double opt-in.
    Form,
    /// Added by hand.
    #[default]
    Manual,
    /// Imported from a file by the user.
    Import,
    /// An approved migration from another service.
    Migration,
    /// Arrived from another device through sync.
    Sync,
}

/// How e-mail consent was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentSource {
    /// Double opt-in confirmed through a form.
    DoubleOptIn,
    /// An approved migration request from another service.
    Migration,
}

/// A contact's consent to receive e-mail («Согласие»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// When the consent was confirmed.
    pub confirmed_at: Timestamp,
    /// How it was obtained.
    pub source: ConsentSource,
    /// What proves it (confirmation request id, migration request id, …).
    pub evidence: String,
}

/// An amount of money in minor units (kopecks) with its ISO 4217 currency code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// The amount in minor units: 150050 is 1 500,50.
    pub minor: i64,
    /// ISO 4217 code, e.g. `RUB`.
    pub currency: String,
}

/// A UTC offset in whole or half hours, from −12 to +14 («Часовой пояс (UTC)»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UtcOffset(i8);

impl UtcOffset {
    /// The offset of `half_hours` half hours, or `None` outside −12…+14 hours.
    pub fn from_half_hours(half_hours: i8) -> Option<Self> {
        (-24..=28).contains(&half_hours).then_some(Self(half_hours))
    }

    /// The offset in half hours (UTC+5:30 is 11).
    pub fn half_hours(self) -> i8 {
        self.0
    }
}

impl std::fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let half = self.0.unsigned_abs();
        if half.is_multiple_of(2) {
            write!(f, "{sign}{}", half / 2)
        } else {
            write!(f, "{sign}{}:30", half / 2)
        }
    }
}

/// A postal address in six parts, as the original's billing and shipping addresses.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    /// Street («улица»; export «Адрес 1»).
    pub street: String,
    /// House and apartment («дом, квартира»; export «Адрес 2»).
    pub house: String,
    /// City («город»).
    pub city: String,
    /// Region («область, край»).
    pub region: String,
    /// Postcode («почтовый индекс»).
    pub postcode: String,
    /// Country as ISO 3166-1 alpha-2, upper case («страна»).
    pub country: String,
}

/// The five UTM parameters of a click.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Utm {
    /// utm_source.
    pub source: String,
    /// utm_medium.
    pub medium: String,
    /// utm_campaign.
    pub campaign: String,
    /// utm_content.
    pub content: String,
    /// utm_term.
    pub term: String,
}

/// Messenger handles.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Messengers {
    /// Facebook.
    pub facebook: String,
    /// Instagram.
    pub instagram: String,
    /// WhatsApp.
    pub whatsapp: String,
    /// Telegram.
    pub telegram: String,
    /// Viber.
    pub viber: String,
    /// Вконтакте.
    pub vk: String,
}

/// The status of one group membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// Subscribed and active.
    #[default]
    Active,
    /// Waiting for confirmation.
    Unconfirmed,
    /// Left the group.
    Unsubscribed,
}

/// A contact's membership of one group, with its own subscription date and status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The group.
    pub group: GroupId,
    /// When the contact joined this group («дата подписки в группу»).
    pub subscribed_at: Timestamp,
    /// The membership's status.
    pub status: MembershipStatus,
}

/// The type of an account-defined custom field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomKind {
    /// Free text.
    Text,
    /// A whole number.
    Integer,
    /// A date-time.
    Date,
    /// Yes or no.
    Bool,
}

/// The definition of an account-defined custom field («доп. поле»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomFieldDef {
    /// Stable key used in contacts, filters and URLs.
    pub key: String,
    /// The name the user gave it.
    pub label: String,
    /// Its type.
    pub kind: CustomKind,
}

/// A value of a custom field.
///
/// Externally tagged (serde's default, `{"text": "…"}`) so that binary formats which are not
/// self-describing, such as the browser storage's postcard, read it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomValue {
    /// Free text.
    Text(String),
    /// A whole number.
    Integer(i64),
    /// A date-time.
    Date(Timestamp),
    /// Yes or no.
    Bool(bool),
}

/// One entry of a contact's history («История»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEvent {
    /// When it happened.
    pub at: Timestamp,
    /// What happened.
    pub kind: HistoryKind,
}

/// What a history entry records.
///
/// Externally tagged (serde's default, `{"created": {"source": "manual"}}`) so that binary formats
/// which are not self-describing, such as the browser storage's postcard, read it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    /// The contact was created.
    Created {
        /// How it came in.
        source: Source,
    },
    /// One field changed from `old` to `new` (display text).
    FieldChanged {
        /// The field's catalogue key.
        field: String,
        /// The value before.
        old: String,
        /// The value after.
        new: String,
    },
    /// The contact joined a group.
    GroupJoined {
        /// The group.
        group: GroupId,
    },
    /// The contact left a group.
    GroupLeft {
        /// The group.
        group: GroupId,
    },
    /// A message was queued for the contact.
    MessageQueued {
        /// `email` or `sms`.
        channel: String,
    },
    /// Another contact was merged into this one.
    Merged {
        /// The merged contact.
        from: ContactId,
    },
    /// The contact's personal data was erased (the only event an erased contact keeps, at the
    /// time of erasure), with keyed hashes of its e-mail and phone for "asked to be erased"
    /// warnings; see [`crate::change::ErasureHash`].
    Erased {
        /// Keyed hash of the erased e-mail, if there was one.
        email_hash: Option<[u8; 32]>,
        /// Keyed hash of the erased phone in E.164, if there was one.
        phone_hash: Option<[u8; 32]>,
    },
}

/// A contact with every field of SPEC §2. Empty text means "no value".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    /// Its id.
    pub id: ContactId,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: String,
    /// E-mail, normalised by [`Contact::set_email`].
    pub email: String,
    /// Phone as entered.
    pub phone: String,
    /// The phone in E.164 (`+78121234567`), derived from `phone`; empty when it does not parse.
    pub phone_e164: String,
    /// Описание.
    pub description: String,
    /// Информация о клиенте.
    pub client_info: String,
    /// Существует e-mail: the address was verified deliverable; `None` when unknown.
    pub email_exists: Option<bool>,
    /// Статус @.
    pub status: EmailStatus,
    /// Статус sms.
    pub sms_status: ChannelStatus,
    /// Статус звонков.
    pub call_status: ChannelStatus,
    /// Оплатил на сумму.
    pub paid_total: Option<Money>,
    /// Дата первой регистрации.
    pub registered_at: Option<Timestamp>,
    /// Теги: a set, kept sorted and without duplicates by [`Contact::set_tags`].
    pub tags: Vec<String>,
    /// Личный менеджер.
    pub manager: String,
    /// Часовой пояс (UTC).
    pub utc_offset: Option<UtcOffset>,
    /// Баллы.
    pub points: Option<i64>,
    /// Billing address.
    pub billing: Address,
    /// Shipping address («адрес доставки»).
    pub shipping: Address,
    /// Первый клик UTM.
    pub utm_first: Utm,
    /// Последний UTM.
    pub utm_last: Utm,
    /// Messenger handles.
    pub messengers: Messengers,
    /// Custom field values by [`CustomFieldDef::key`].
    pub custom: BTreeMap<String, CustomValue>,
    /// Источник.
    pub source: Source,
    /// Согласие: only a contact with consent is a subscriber who may get e-mail.
    pub consent: Option<Consent>,
    /// Group memberships, at most one per group.
    pub memberships: Vec<Membership>,
    /// История.
    pub history: Vec<HistoryEvent>,
}

impl Contact {
    /// Sets the e-mail, normalised (trimmed, domain lower-cased).
    pub fn set_email(&mut self, raw: &str) {
        self.email = normalize_email(raw);
    }

    /// Sets the phone as entered and its E.164 form (default region RU).
    pub fn set_phone(&mut self, raw: &str) {
        self.phone = raw.trim().to_owned();
        self.phone_e164 = phone_to_e164(raw).unwrap_or_default();
    }

    /// Sets the tags as a set: trimmed, empty ones dropped, sorted, duplicates removed.
    pub fn set_tags<I: IntoIterator<Item = S>, S: AsRef<str>>(&mut self, tags: I) {
        let mut tags: Vec<String> = tags
            .into_iter()
            .map(|t| t.as_ref().trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort();
        tags.dedup();
        self.tags = tags;
    }

    /// Whether the contact is a subscriber: it has e-mail consent.
    pub fn is_subscriber(&self) -> bool {
        self.consent.is_some()
    }

    /// The display name: «Фамилия Имя Отчество», or the e-mail or phone when there is no name.
    pub fn display_name(&self) -> String {
        let name = [&self.last_name, &self.first_name, &self.middle_name]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if !name.is_empty() {
            name
        } else if !self.email.is_empty() {
            self.email.clone()
        } else {
            self.phone.clone()
        }
    }
}

/// One account's whole base: categories, groups, custom field definitions and contacts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Base {
    /// Categories of groups.
    pub categories: Vec<Category>,
    /// Groups, each in one category.
    pub groups: Vec<Group>,
    /// The account's custom fields.
    pub custom_fields: Vec<CustomFieldDef>,
    /// All contacts.
    pub contacts: Vec<Contact>,
}

impl Base {
    /// The groups of `category`, in base order.
    pub fn groups_of(&self, category: CategoryId) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(move |g| g.category == category)
    }
}
