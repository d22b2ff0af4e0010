//! Export golden files — CSV, XLSX (read back with calamine) and text — and the XLSX sheet's
//! frozen header and autofilter.

mod common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use common::{NOW, custom_defs, golden, golden_contacts};
use contacts_core::export::{ExportFormat, Exporter};

fn export(format: ExportFormat) -> Vec<u8> {
    let mut exporter = Exporter::new(format, &custom_defs(), NOW).unwrap();
    for contact in golden_contacts() {
        exporter.write(std::slice::from_ref(&contact)).unwrap();
    }
    exporter.finish().unwrap()
}

#[test]
fn csv_is_utf8_with_bom_semicolons_and_neutralised_text() {
    let csv = export(ExportFormat::Csv);
    assert!(csv.starts_with("\u{feff}Фамилия;Имя;Отчество;Телефон;Email;".as_bytes()));
    golden("export.csv", &csv);
}

#[test]
fn text_has_one_readable_line_per_contact() {
    let text = export(ExportFormat::Text);
    assert_eq!(text.iter().filter(|&&b| b == b'\n').count(), 2);
    golden("export.txt", &text);
}

/// Every cell of the first sheet, a row per line: `s:` text, `n:` number, `d:` date, `-` empty.
fn xlsx_cells(bytes: &[u8]) -> String {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Контакты"]);
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let mut out = String::new();
    for row in range.rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Data::Empty => "-".to_owned(),
                Data::String(s) => format!("s:{}", s.replace('\n', "\\n")),
                Data::Float(f) => format!("n:{f}"),
                Data::Int(n) => format!("n:{n}"),
                Data::DateTime(d) => {
                    let (y, m, day, ..) = d.to_ymd_hms_milli();
                    format!("d:{day:02}.{m:02}.{y}")
                }
                other => format!("?:{other:?}"),
            })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

#[test]
fn xlsx_has_typed_cells_a_frozen_header_and_an_autofilter() {
    let xlsx = export(ExportFormat::Xlsx);
    golden("export_xlsx_cells.tsv", xlsx_cells(&xlsx).as_bytes());
    let mut zip = zip::ZipArchive::new(Cursor::new(&xlsx)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(sheet.contains(r#"state="frozen""#), "{sheet}");
    assert!(sheet.contains(r#"<autoFilter ref="A1:AS3"/>"#), "{sheet}");
    assert_eq!(
        xlsx,
        export(ExportFormat::Xlsx),
        "the same contacts give the same file"
    );
}
