//! Helpers shared by the import and export tests: test data files, golden-file comparison, the
//! custom fields of [`every_field`], and a plan's options.

#![allow(dead_code)]

use std::path::PathBuf;

use contacts_core::fixtures::every_field;
use contacts_core::import::{OnDuplicate, PlanOptions, Target};
use contacts_core::model::{Contact, ContactId, CustomFieldDef, CustomKind, Timestamp};

/// The time of the imports and exports under test.
pub const NOW: Timestamp = Timestamp(1_780_000_000_000);

/// The erasure key of the bases under test.
pub const KEY: &[u8] = b"test-account-key";

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The bytes of test data file `name`.
pub fn data(name: &str) -> Vec<u8> {
    std::fs::read(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Checks `actual` against golden file `name`; with `UPDATE_GOLDEN=1` rewrites the file instead.
pub fn golden(name: &str, actual: &[u8]) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path(name), actual).expect("the golden file is written");
        return;
    }
    let expected = data(name);
    if expected != actual {
        panic!(
            "{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it):\n{}",
            String::from_utf8_lossy(actual)
        );
    }
}

/// The custom fields [`every_field`] fills.
pub fn custom_defs() -> Vec<CustomFieldDef> {
    let def = |key: &str, label: &str, kind| CustomFieldDef {
        key: key.into(),
        label: label.into(),
        kind,
    };
    vec![
        def("birthday", "Дата рождения", CustomKind::Date),
        def("clothing_size", "Размер одежды", CustomKind::Text),
        def("orders_count", "Количество заказов", CustomKind::Integer),
        def("vip", "VIP", CustomKind::Bool),
    ]
}

/// The golden contacts: [`every_field`], and one whose text would be a formula in a spreadsheet.
pub fn golden_contacts() -> Vec<Contact> {
    let mut evil = Contact {
        id: ContactId(2),
        last_name: "=HYPERLINK(\"http://x\")".into(),
        first_name: "-Олег".into(),
        description: "строка 1\nстрока 2; «кавычки» \"двойные\"".into(),
        ..Contact::default()
    };
    evil.messengers.telegram = "@oleg".into();
    evil.set_phone("+7 916 123-45-68");
    vec![every_field(ContactId(1)), evil]
}

/// Plan options for `targets` with `on_duplicate`, no groups, ids from 10.
pub fn options(targets: &[Target], on_duplicate: OnDuplicate) -> PlanOptions {
    PlanOptions {
        targets: targets.to_vec(),
        groups: Vec::new(),
        on_duplicate,
        erasure_key: KEY.to_vec(),
        first_id: ContactId(10),
        now: NOW,
    }
}
