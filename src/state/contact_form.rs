//! The «Создать контакт» and card-edit forms as data: which inputs they show (the core's
//! `form_fields` plus the account's custom fields, each with its Russian label and an HTML id),
//! the texts they start with, and what pressing «Создать» decides — errors next to fields, a
//! duplicate or an erased person to warn about, or a contact ready to save. The rules themselves
//! are the core's (`contacts_core::form`); this module only puts them together for the views.

use contacts_core::change::erased_matches;
use contacts_core::fields::FieldRef;
use contacts_core::form::{
    Duplicate, DuplicateOn, FormErrors, InputKind, duplicates, form_fields, input_kind,
    new_contact, text_of,
};
use contacts_core::model::{Base, Contact, ContactId, CustomFieldDef, Timestamp};

/// One input of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// The field it writes.
    pub field: FieldRef,
    /// The HTML id of its input (`field-<key>`), which its `<label for>` names.
    pub input_id: String,
    /// Its Russian label.
    pub label: String,
    /// What kind of input it is.
    pub input: InputKind,
}

impl FormField {
    /// The HTML id of the error shown under this field.
    pub fn error_id(&self) -> String {
        format!("{}-error", self.input_id)
    }
}

/// The inputs of the form for an account with these custom fields, in catalogue order and
/// then the custom fields.
pub fn fields(defs: &[CustomFieldDef]) -> Vec<FormField> {
    let builtin = form_fields().map(|id| {
        let def = id.def();
        FormField {
            field: FieldRef::Builtin(id),
            input_id: format!("field-{}", def.key),
            label: def.label_ru.to_owned(),
            input: input_kind(defs, &FieldRef::Builtin(id)),
        }
    });
    let custom = defs.iter().enumerate().map(|(n, def)| {
        let field = FieldRef::Custom(def.key.clone());
        FormField {
            input: input_kind(defs, &field),
            field,
            input_id: format!("field-custom-{n}"),
            label: def.label.clone(),
        }
    });
    builtin.chain(custom).collect()
}

/// The texts the inputs start with: the contact's values, or blanks for a new contact (a
/// choice starts at its first option).
pub fn initial_texts(fields: &[FormField], contact: Option<&Contact>) -> Vec<String> {
    fields
        .iter()
        .map(|f| match (contact, &f.input) {
            (Some(c), _) => text_of(c, &f.field),
            (None, InputKind::Choice(options)) => {
                options.first().map(|o| o.0.to_owned()).unwrap_or_default()
            }
            (None, _) => String::new(),
        })
        .collect()
}

/// The fields paired with what the user typed, as the core's form functions take them.
pub fn typed(fields: &[FormField], texts: &[String]) -> Vec<(FieldRef, String)> {
    fields
        .iter()
        .zip(texts)
        .map(|(f, t)| (f.field.clone(), t.clone()))
        .collect()
}

/// The id a new contact gets: one past the largest.
pub fn next_contact_id(base: &Base) -> ContactId {
    ContactId(base.contacts.iter().map(|c| c.id.0 + 1).max().unwrap_or(1))
}

/// What pressing «Создать» decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Some fields are wrong; nothing is saved.
    Invalid(FormErrors),
    /// The contact is valid but looks like someone already known; the user chooses.
    Doubtful {
        /// The contact that would be saved.
        contact: Box<Contact>,
        /// What to warn about.
        warnings: Vec<Warning>,
    },
    /// Save this contact.
    Ready(Box<Contact>),
}

/// A reason to ask before saving a new contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The sentence shown.
    pub text: String,
    /// The card to link to, if the contact is still there to see.
    pub link: Option<(String, String)>,
}

/// Decides what «Создать» does with `typed` in `base`: errors, warnings (same e-mail or phone as
/// an existing contact; an erased person's e-mail or phone, hashed under `key`) unless `force`,
/// or the contact to save with id `id`.
pub fn decide(
    base: &Base,
    key: &[u8],
    id: ContactId,
    now: Timestamp,
    typed: &[(FieldRef, String)],
    force: bool,
) -> Decision {
    let contact = match new_contact(&base.custom_fields, id, now, typed) {
        Ok(c) => c,
        Err(errors) => return Decision::Invalid(errors),
    };
    if force {
        return Decision::Ready(Box::new(contact));
    }
    let mut warnings: Vec<Warning> =
        duplicates(&base.contacts, &contact.email, &contact.phone, None)
            .iter()
            .map(duplicate_warning)
            .collect();
    if !erased_matches(base, key, &contact.email, &contact.phone).is_empty() {
        warnings.push(Warning {
            text: "Этот человек просил удалить его персональные данные.".to_owned(),
            link: None,
        });
    }
    if warnings.is_empty() {
        Decision::Ready(Box::new(contact))
    } else {
        Decision::Doubtful {
            contact: Box::new(contact),
            warnings,
        }
    }
}

/// The warning about one duplicate, with a link to its card.
fn duplicate_warning(d: &Duplicate) -> Warning {
    let on = match d.on {
        DuplicateOn::Email => "таким e-mail",
        DuplicateOn::Phone => "таким телефоном",
    };
    let name = if d.name.trim().is_empty() {
        format!("контакт № {}", d.id.0)
    } else {
        d.name.clone()
    };
    Warning {
        text: format!("Контакт с {on} уже есть:"),
        link: Some((format!("/contacts/{}", d.id.0), name)),
    }
}

#[cfg(test)]
mod tests {
    use contacts_core::change::Op;
    use contacts_core::fields::FieldId;
    use contacts_core::filter::IndexedBase;
    use contacts_core::fixtures;
    use contacts_core::model::Source;

    use super::*;

    fn typed_with(fields: &[FormField], set: &[(FieldId, &str)]) -> Vec<(FieldRef, String)> {
        let mut texts = initial_texts(fields, None);
        for (id, text) in set {
            let at = fields
                .iter()
                .position(|f| f.field == FieldRef::Builtin(*id))
                .unwrap();
            texts[at] = (*text).to_owned();
        }
        typed(fields, &texts)
    }

    #[test]
    fn every_input_has_a_label_and_a_unique_id() {
        let base = fixtures::generate(3, 1);
        let fields = fields(&base.custom_fields);
        assert!(fields.iter().any(|f| f.label == "E-mail"));
        let mut ids: Vec<&str> = fields.iter().map(|f| f.input_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), fields.len());
    }

    #[test]
    fn a_blank_new_form_asks_for_an_email_or_phone() {
        let base = fixtures::generate(3, 1);
        let fields = fields(&base.custom_fields);
        let typed = typed_with(&fields, &[]);
        let Decision::Invalid(errors) =
            decide(&base, b"k", ContactId(9), Timestamp(0), &typed, false)
        else {
            panic!("a blank form is invalid");
        };
        assert_eq!(
            errors.0[&FieldRef::Builtin(FieldId::Email)],
            "Укажите e-mail или телефон"
        );
    }

    #[test]
    fn a_known_email_asks_first_and_force_saves() {
        let base = fixtures::generate(20, 1);
        let known = base.contacts.iter().find(|c| !c.email.is_empty()).unwrap();
        let fields = fields(&base.custom_fields);
        let typed = typed_with(&fields, &[(FieldId::Email, &known.email)]);
        let id = next_contact_id(&base);
        match decide(&base, b"k", id, Timestamp(0), &typed, false) {
            Decision::Doubtful { warnings, .. } => {
                let link = warnings[0].link.clone().unwrap();
                assert_eq!(link.0, format!("/contacts/{}", known.id.0));
            }
            other => panic!("expected a warning, got {other:?}"),
        }
        let Decision::Ready(contact) = decide(&base, b"k", id, Timestamp(0), &typed, true) else {
            panic!("force saves");
        };
        assert_eq!(contact.id, id);
        assert_eq!(contact.source, Source::Manual);
    }

    #[test]
    fn an_erased_persons_email_asks_first() {
        let base = fixtures::generate(20, 1);
        let erased = base.contacts.iter().find(|c| !c.email.is_empty()).unwrap();
        let (id, email) = (erased.id, erased.email.clone());
        let mut index = IndexedBase::new(base);
        let op = Op::erase(&index, &[id], b"key");
        op.apply(&mut index, Timestamp(1));
        let fields = fields(&index.base().custom_fields);
        let typed = typed_with(&fields, &[(FieldId::Email, &email)]);
        let next = next_contact_id(index.base());
        match decide(index.base(), b"key", next, Timestamp(2), &typed, false) {
            Decision::Doubtful { warnings, .. } => {
                assert_eq!(
                    warnings[0].text,
                    "Этот человек просил удалить его персональные данные."
                );
                assert_eq!(warnings[0].link, None);
            }
            other => panic!("expected a warning, got {other:?}"),
        }
    }

    #[test]
    fn an_edit_form_starts_with_the_contacts_values() {
        let contact = fixtures::every_field(ContactId(1));
        let fields = fields(&[]);
        let texts = initial_texts(&fields, Some(&contact));
        let at = fields
            .iter()
            .position(|f| f.field == FieldRef::Builtin(FieldId::Email))
            .unwrap();
        assert_eq!(texts[at], contact.email);
    }

    #[test]
    fn new_ids_follow_the_largest() {
        let base = fixtures::generate(5, 1);
        let max = base.contacts.iter().map(|c| c.id.0).max().unwrap();
        assert_eq!(next_contact_id(&base), ContactId(max + 1));
        assert_eq!(next_contact_id(&Base::default()), ContactId(1));
    }
}
