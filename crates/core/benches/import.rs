//! Import and export benchmark on 100 000 generated contacts: parsing our own CSV export into a
//! table and planning its import into an empty base, and writing CSV and XLSX exports. Prints only
//! `name: value unit` lines; it asserts nothing beyond the work having been done.

use std::hint::black_box;
use std::time::Instant;

use contacts_core::export::{CsvExport, XlsxExport};
use contacts_core::filter::IndexedBase;
use contacts_core::fixtures::generate;
use contacts_core::import::{self, OnDuplicate, PlanOptions, ReadOptions};
use contacts_core::model::{Base, ContactId, Timestamp};

const NOW: Timestamp = Timestamp(1_780_000_000_000);

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn print(name: &str, value: f64, unit: &str) {
    println!("{name}: {value:.3} {unit}");
}

fn main() {
    let base = generate(100_000, 42);

    let start = Instant::now();
    let mut csv = CsvExport::new(&base.custom_fields);
    for chunk in base.contacts.chunks(5_000) {
        csv.write(chunk);
    }
    let csv = black_box(csv.finish());
    print("export_csv_100k_ms", ms(start), "ms");
    print("export_csv_100k_bytes", csv.len() as f64, "B");

    let start = Instant::now();
    let mut xlsx = XlsxExport::new(&base.custom_fields, NOW).expect("the workbook starts");
    for chunk in base.contacts.chunks(5_000) {
        xlsx.write(chunk).expect("the rows are written");
    }
    let xlsx = black_box(xlsx.finish().expect("the workbook is saved"));
    print("export_xlsx_100k_ms", ms(start), "ms");
    print("export_xlsx_100k_bytes", xlsx.len() as f64, "B");

    let start = Instant::now();
    let (table, _) = import::read(&csv, ReadOptions::default()).expect("our export reads");
    print("import_parse_100k_ms", ms(start), "ms");

    let empty = IndexedBase::new(Base {
        custom_fields: base.custom_fields.clone(),
        ..Base::default()
    });
    let start = Instant::now();
    let options = PlanOptions {
        targets: import::guess(&table, &empty.base().custom_fields),
        groups: Vec::new(),
        on_duplicate: OnDuplicate::Skip,
        erasure_key: b"bench".to_vec(),
        first_id: ContactId(1),
        now: NOW,
    };
    let plan = black_box(import::plan(&table, &empty, options));
    print("import_plan_100k_ms", ms(start), "ms");
    print(
        "import_plan_100k_created",
        plan.counts().create as f64,
        "contacts",
    );

    let start = Instant::now();
    let (sheet, _) = import::read(&xlsx, ReadOptions::default()).expect("our xlsx reads");
    black_box(sheet);
    print("import_xlsx_parse_100k_ms", ms(start), "ms");
}
