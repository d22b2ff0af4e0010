//! The import path never panics: random bytes, and random text made of the characters CSV
//! parsing cares about, go through reading, mapping and planning.

use contacts_core::filter::IndexedBase;
use contacts_core::fixtures::generate;
use contacts_core::import::{self, OnDuplicate, PlanOptions, ReadOptions, Table};
use contacts_core::model::{ContactId, Timestamp};
use proptest::prelude::*;

fn plan(table: &Table, base: &IndexedBase) {
    let options = PlanOptions {
        targets: import::guess(table, &base.base().custom_fields),
        groups: Vec::new(),
        on_duplicate: OnDuplicate::Update,
        erasure_key: b"key".to_vec(),
        first_id: ContactId(1_000),
        now: Timestamp(0),
    };
    let plan = import::plan(table, base, options);
    import::rejected_report(table, &plan.rejected);
    plan.ops_in_chunks(3);
}

/// Text from the characters that matter to delimiters, quoting, headers and values.
fn csvish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        ";",
        ",",
        "\t",
        "|",
        "\"",
        "'",
        "\n",
        "\r\n",
        "\r",
        " ",
        "=",
        "+",
        "@",
        "a",
        "Я",
        "1",
        "Email",
        "Телефон",
        "Фамилия",
        "a@b.ru",
        "+7 916 123-45-67",
        "01.02.2024",
        "\u{feff}",
    ]);
    prop::collection::vec(pieces, 0..200).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        let base = IndexedBase::new(generate(5, 1));
        if let Ok((table, _)) = import::read(&bytes, ReadOptions::default()) {
            plan(&table, &base);
        }
    }

    #[test]
    fn random_csvish_text_never_panics(text in csvish()) {
        let base = IndexedBase::new(generate(5, 1));
        for bytes in [text.as_bytes().to_vec(), [b"PK\x03\x04".as_slice(), text.as_bytes()].concat()] {
            if let Ok((table, _)) = import::read(&bytes, ReadOptions::default()) {
                plan(&table, &base);
            }
        }
        if let Ok((table, _)) = import::read_delimited(&text, None) {
            plan(&table, &base);
        }
    }
}
