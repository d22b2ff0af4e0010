//! The contact card's content (SPEC §5, reading part): every field of SPEC §2 in titled sections,
//! the groups with subscription dates and statuses, the tags and the history in Russian, newest
//! first. Labels come from the core's catalogue; this module only arranges and formats them.

use contacts_core::fields::FieldId;
use contacts_core::model::{Base, Contact, HistoryEvent, HistoryKind};
use contacts_core::values::Labelled;

use super::cells::group_name;
use super::format;

/// One titled block of label–value lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The block's title, e.g. «Адрес доставки».
    pub title: &'static str,
    /// Its lines, in catalogue order.
    pub lines: Vec<Line>,
}

/// One label and its value as text; an empty value means the contact has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The field's label.
    pub label: String,
    /// The value as text.
    pub value: String,
}

/// A group the contact is in, as the card lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardGroup {
    /// The group's «Подписчики» page.
    pub path: String,
    /// The group's name.
    pub name: String,
    /// The name of its category, empty when unknown.
    pub category: String,
    /// The subscription date, дд.мм.гггг.
    pub subscribed: String,
    /// The membership status in Russian.
    pub status: &'static str,
}

/// One history entry: when, and what happened in Russian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// дд.мм.гггг чч:мм.
    pub at: String,
    /// What happened.
    pub text: String,
}

/// Everything the card shows about one contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The heading: the display name.
    pub title: String,
    /// The field sections, each with at least one line.
    pub sections: Vec<Section>,
    /// The groups in membership order.
    pub groups: Vec<CardGroup>,
    /// The tags.
    pub tags: Vec<String>,
    /// The history, newest first.
    pub history: Vec<HistoryLine>,
}

/// The card sections and the catalogue fields each shows; the consent and custom fields follow.
const SECTIONS: &[(&str, &[FieldId])] = {
    use FieldId::*;
    &[
        (
            "Основное",
            &[
                LastName,
                FirstName,
                MiddleName,
                Email,
                Phone,
                Description,
                ClientInfo,
                Manager,
                UtcOffset,
                RegisteredAt,
                Points,
                PaidTotal,
            ],
        ),
        ("Статусы", &[Status, EmailExists, SmsStatus, CallStatus]),
        (
            "Адрес",
            &[
                BillingStreet,
                BillingHouse,
                BillingCity,
                BillingRegion,
                BillingPostcode,
                BillingCountry,
            ],
        ),
        (
            "Адрес доставки",
            &[
                ShippingStreet,
                ShippingHouse,
                ShippingCity,
                ShippingRegion,
                ShippingPostcode,
                ShippingCountry,
            ],
        ),
        (
            "Первый клик UTM",
            &[
                UtmFirstSource,
                UtmFirstMedium,
                UtmFirstCampaign,
                UtmFirstContent,
                UtmFirstTerm,
            ],
        ),
        (
            "Последний UTM",
            &[
                UtmLastSource,
                UtmLastMedium,
                UtmLastCampaign,
                UtmLastContent,
                UtmLastTerm,
            ],
        ),
        (
            "Мессенджеры",
            &[Facebook, Instagram, WhatsApp, Telegram, Viber, Vk],
        ),
        ("Источник", &[Source]),
    ]
};

/// Builds the card of `contact` from `base`, with dates in a time zone `offset_minutes` east of
/// UTC.
pub fn card(base: &Base, contact: &Contact, offset_minutes: i32) -> Card {
    let mut sections: Vec<Section> = SECTIONS
        .iter()
        .map(|(title, fields)| Section {
            title,
            lines: fields
                .iter()
                .map(|&id| Line {
                    label: short_label(id),
                    value: format::field_text(contact.get(id), offset_minutes),
                })
                .collect(),
        })
        .collect();
    sections.push(Section {
        title: "Согласие",
        lines: consent_lines(contact, offset_minutes),
    });
    if !base.custom_fields.is_empty() {
        sections.push(Section {
            title: "Доп. поля",
            lines: base
                .custom_fields
                .iter()
                .map(|def| Line {
                    label: def.label.clone(),
                    value: contact
                        .custom
                        .get(&def.key)
                        .map(|v| format::custom_text(v, offset_minutes))
                        .unwrap_or_default(),
                })
                .collect(),
        });
    }
    let groups = contact
        .memberships
        .iter()
        .map(|m| {
            let category = base
                .groups
                .iter()
                .find(|g| g.id == m.group)
                .and_then(|g| base.categories.iter().find(|c| c.id == g.category))
                .map(|c| c.name.clone())
                .unwrap_or_default();
            CardGroup {
                path: super::cells::group_path(m.group),
                name: group_name(base, m.group),
                category,
                subscribed: format::date(m.subscribed_at, offset_minutes),
                status: m.status.label_ru(),
            }
        })
        .collect();
    // Newest first; of events at the same instant, the one recorded later first.
    let mut events: Vec<&HistoryEvent> = contact.history.iter().rev().collect();
    events.sort_by_key(|e| std::cmp::Reverse(e.at));
    Card {
        title: contact.display_name(),
        sections,
        groups,
        tags: contact.tags.clone(),
        history: events
            .into_iter()
            .map(|e| HistoryLine {
                at: format::date_time(e.at, offset_minutes),
                text: history_text(base, &e.kind),
            })
            .collect(),
    }
}

/// A field's label inside its titled section, without the section's name: «Адрес
/// доставки/город» becomes «Город», «Первый клик UTM/utm_source» becomes «utm_source».
fn short_label(id: FieldId) -> String {
    let label = id.def().label_ru;
    let Some((_, rest)) = label.split_once('/') else {
        return label.to_owned();
    };
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) if !first.is_ascii() => first.to_uppercase().chain(chars).collect(),
        _ => rest.to_owned(),
    }
}

fn consent_lines(contact: &Contact, offset_minutes: i32) -> Vec<Line> {
    let line = |label: &str, value: String| Line {
        label: label.to_owned(),
        value,
    };
    match &contact.consent {
        None => vec![line(
            "Согласие на e-mail",
            "нет: контакт не подписчик, письма ему не отправляются".to_owned(),
        )],
        Some(consent) => vec![
            line("Согласие на e-mail", "есть".to_owned()),
            line(
                "Подтверждено",
                format::date_time(consent.confirmed_at, offset_minutes),
            ),
            line("Как получено", consent.source.label_ru().to_owned()),
            line("Подтверждение", consent.evidence.clone()),
        ],
    }
}

/// A history event in Russian.
pub fn history_text(base: &Base, kind: &HistoryKind) -> String {
    match kind {
        HistoryKind::Created { source } => {
            format!("Контакт создан (источник: {})", source.label_ru())
        }
        HistoryKind::FieldChanged { field, old, new } => {
            let label = FieldId::from_key(field)
                .map(|id| id.def().label_ru.to_owned())
                .or_else(|| {
                    base.custom_fields
                        .iter()
                        .find(|d| d.key == *field)
                        .map(|d| d.label.clone())
                })
                .unwrap_or_else(|| field.clone());
            let shown = |v: &str| {
                if v.is_empty() {
                    "пусто".to_owned()
                } else {
                    format!("«{v}»")
                }
            };
            format!("Изменено поле «{label}»: {} → {}", shown(old), shown(new))
        }
        HistoryKind::GroupJoined { group } => {
            format!("Добавлен в группу «{}»", group_name(base, *group))
        }
        HistoryKind::GroupLeft { group } => {
            format!("Удалён из группы «{}»", group_name(base, *group))
        }
        HistoryKind::MessageQueued { channel } => match channel.as_str() {
            "email" => "Письмо поставлено в очередь на отправку".to_owned(),
            "sms" => "SMS поставлено в очередь на отправку".to_owned(),
            other => format!("Сообщение ({other}) поставлено в очередь на отправку"),
        },
        HistoryKind::Merged { from } => format!("Объединён с контактом №{}", from.0),
        HistoryKind::Erased { .. } => "Персональные данные удалены".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use contacts_core::fields::CATALOGUE;
    use contacts_core::fixtures::generate;
    use contacts_core::model::{ContactId, GroupId, Source, Timestamp};

    use super::*;

    #[test]
    fn every_catalogue_field_but_the_group_dates_and_tags_has_a_line() {
        let base = generate(1, 3);
        let c = &base.contacts[0];
        let card = card(&base, c, 180);
        let shown: Vec<&str> = card
            .sections
            .iter()
            .flat_map(|s| s.lines.iter().map(|l| l.label.as_str()))
            .collect();
        for def in CATALOGUE {
            let special = matches!(
                def.id,
                FieldId::GroupSubscribedAt | FieldId::Tags | FieldId::Consent
            );
            let short = short_label(def.id);
            assert!(
                special || shown.contains(&short.as_str()),
                "{} is missing from the card",
                def.label_ru
            );
        }
        let titles: Vec<&str> = card.sections.iter().map(|s| s.title).collect();
        assert_eq!(
            titles,
            [
                "Основное",
                "Статусы",
                "Адрес",
                "Адрес доставки",
                "Первый клик UTM",
                "Последний UTM",
                "Мессенджеры",
                "Источник",
                "Согласие",
                "Доп. поля"
            ]
        );
    }

    #[test]
    fn groups_tags_and_history_of_a_generated_contact() {
        let base = generate(200, 1);
        let c = base
            .contacts
            .iter()
            .find(|c| c.memberships.len() > 1 && !c.tags.is_empty() && c.history.len() > 2)
            .expect("the demo base has such a contact");
        let card = card(&base, c, 0);
        assert_eq!(card.title, c.display_name());
        assert_eq!(card.groups.len(), c.memberships.len());
        assert!(card.groups.iter().all(|g| !g.category.is_empty()));
        assert_eq!(
            card.groups[0].path,
            format!("/groups/{}", c.memberships[0].group.0)
        );
        assert_eq!(card.tags, c.tags);
        assert_eq!(card.history.len(), c.history.len());
    }

    #[test]
    fn history_reads_as_russian_sentences() {
        let base = generate(1, 1);
        let group = base.groups[0].clone();
        assert_eq!(
            history_text(&base, &HistoryKind::GroupJoined { group: group.id }),
            format!("Добавлен в группу «{}»", group.name)
        );
        assert_eq!(
            history_text(
                &base,
                &HistoryKind::GroupLeft {
                    group: GroupId(999)
                }
            ),
            "Удалён из группы «Группа №999»"
        );
        assert_eq!(
            history_text(
                &base,
                &HistoryKind::FieldChanged {
                    field: "billing.city".into(),
                    old: String::new(),
                    new: "Казань".into()
                }
            ),
            "Изменено поле «Город»: пусто → «Казань»"
        );
        assert_eq!(
            history_text(
                &base,
                &HistoryKind::Created {
                    source: Source::Form
                }
            ),
            "Контакт создан (источник: форма подписки)"
        );
        assert_eq!(
            history_text(&base, &HistoryKind::Merged { from: ContactId(5) }),
            "Объединён с контактом №5"
        );
    }

    #[test]
    fn history_is_newest_first_and_consent_is_explained() {
        let mut base = generate(1, 1);
        let c = &mut base.contacts[0];
        c.consent = None;
        c.history = vec![
            HistoryEvent {
                at: Timestamp(0),
                kind: HistoryKind::Created {
                    source: Source::Manual,
                },
            },
            HistoryEvent {
                at: Timestamp(86_400_000),
                kind: HistoryKind::MessageQueued {
                    channel: "sms".into(),
                },
            },
            HistoryEvent {
                at: Timestamp(0),
                kind: HistoryKind::GroupJoined { group: GroupId(1) },
            },
        ];
        let c = base.contacts[0].clone();
        let card = card(&base, &c, 0);
        assert_eq!(card.history[0].at, "02.01.1970 00:00");
        assert_eq!(card.history[0].text, "SMS поставлено в очередь на отправку");
        assert!(card.history[1].text.starts_with("Добавлен в группу"));
        assert!(card.history[2].text.starts_with("Контакт создан"));
        let consent = card
            .sections
            .iter()
            .find(|s| s.title == "Согласие")
            .unwrap();
        assert!(consent.lines[0].value.starts_with("нет"));
        assert_eq!(short_label(FieldId::ShippingCity), "Город");
        assert_eq!(short_label(FieldId::UtmLastTerm), "utm_term");
    }
}
