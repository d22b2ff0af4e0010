//! Import of our own export gives back the same contacts: every exported field of every contact
//! of generated bases (and of the every-field contact) survives CSV and XLSX.

mod common;

use common::{NOW, custom_defs, options};
use contacts_core::export::{ExportFormat, Exporter, columns};
use contacts_core::filter::IndexedBase;
use contacts_core::fixtures::{every_field, generate};
use contacts_core::import::{self, OnDuplicate, ReadOptions};
use contacts_core::model::{Base, Contact, ContactId};
use proptest::prelude::*;

/// The contacts of `generate(count, seed)` that can be imported (erased ones have neither
/// e-mail nor phone), and the every-field contact.
fn contacts(count: usize, seed: u64) -> Vec<Contact> {
    let mut contacts: Vec<Contact> = generate(count, seed)
        .contacts
        .into_iter()
        .filter(|c| !c.email.is_empty() || !c.phone.is_empty())
        .collect();
    contacts.push(every_field(ContactId(count as u64 + 1)));
    contacts
}

/// Exports `contacts` in `format` (in chunks of 7) and imports the file into an empty base with
/// the same custom fields.
fn export_then_import(contacts: &[Contact], format: ExportFormat) -> Vec<Contact> {
    let defs = custom_defs();
    let mut exporter = Exporter::new(format, &defs, NOW).unwrap();
    for chunk in contacts.chunks(7) {
        exporter.write(chunk).unwrap();
    }
    let bytes = exporter.finish().unwrap();
    let (table, _) = import::read(&bytes, ReadOptions::default()).unwrap();
    let base = IndexedBase::new(Base {
        custom_fields: defs,
        ..Base::default()
    });
    let targets = import::guess(&table, &base.base().custom_fields);
    let plan = import::plan(&table, &base, options(&targets, OnDuplicate::CreateNew));
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    plan.creates.into_iter().map(|c| c.contact).collect()
}

fn assert_same_exported_fields(before: &[Contact], after: &[Contact]) {
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(after) {
        for column in columns(&custom_defs()) {
            assert_eq!(
                column.text(b),
                column.text(a),
                "{} of {:?}",
                column.header,
                b.id
            );
        }
        assert_eq!(b.phone_e164, a.phone_e164);
    }
}

#[test]
fn every_field_survives_csv_and_xlsx() {
    let before = contacts(0, 0);
    for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
        assert_same_exported_fields(&before, &export_then_import(&before, format));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn generated_bases_survive_csv_and_xlsx(seed in any::<u64>(), count in 1usize..80) {
        let before = contacts(count, seed);
        for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
            assert_same_exported_fields(&before, &export_then_import(&before, format));
        }
    }
}
