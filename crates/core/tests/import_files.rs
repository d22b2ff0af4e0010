//! Import of real-world files: encodings, delimiters, quoted multi-line cells, an e-mail-only
//! column, duplicates and bad rows with their exact reasons, empty and binary input.

mod common;

use common::{KEY, NOW, data, golden, options};
use contacts_core::change::Op;
use contacts_core::fields::{FieldId, FieldRef};
use contacts_core::filter::IndexedBase;
use contacts_core::import::{
    self, Delimiter, DuplicateOf, Encoding, FileKind, ImportPlan, OnDuplicate, ReadError,
    ReadOptions, Skipped, Table, Target,
};
use contacts_core::model::{Base, Contact, ContactId, GroupId, Source};

fn read(name: &str) -> (Table, FileKind) {
    import::read(&data(name), ReadOptions::default()).expect("the file reads")
}

fn plan_into(table: &Table, base: &IndexedBase, on_duplicate: OnDuplicate) -> ImportPlan {
    let targets = import::guess(table, &base.base().custom_fields);
    import::plan(table, base, options(&targets, on_duplicate))
}

fn empty() -> IndexedBase {
    IndexedBase::new(Base::default())
}

fn text_kind(encoding: Encoding, delimiter: Delimiter) -> FileKind {
    FileKind::Text {
        encoding,
        delimiter,
    }
}

#[test]
fn cp1251_semicolon_file_from_russian_excel() {
    let (table, kind) = read("cp1251_semicolon.csv");
    assert_eq!(kind, text_kind(Encoding::Windows1251, Delimiter::Semicolon));
    let targets = import::guess(&table, &[]);
    assert_eq!(
        targets,
        [
            Target::Field(FieldId::LastName),
            Target::Field(FieldId::FirstName),
            Target::Field(FieldId::MiddleName),
            Target::Field(FieldId::Email),
            Target::Field(FieldId::Phone),
            Target::Field(FieldId::BillingCity),
            Target::Skip,
        ]
    );
    let plan = plan_into(&table, &empty(), OnDuplicate::Skip);
    assert_eq!(plan.counts().create, 3);
    let sidorov = &plan.creates[2].contact;
    assert_eq!(sidorov.last_name, "Сидоров");
    assert_eq!(sidorov.first_name, "Пётр");
    assert_eq!(sidorov.phone_e164, "+78005553535");
    assert_eq!(plan.creates[1].contact.email, "Maria@yandex.ru");
    assert_eq!(plan.creates[1].contact.billing.city, "Санкт-Петербург");
}

#[test]
fn utf8_with_bom_and_commas() {
    let (table, kind) = read("utf8_bom_comma.csv");
    assert_eq!(kind, text_kind(Encoding::Utf8, Delimiter::Comma));
    assert_eq!(table.header(0), "First name");
    let plan = plan_into(&table, &empty(), OnDuplicate::Skip);
    assert_eq!(plan.counts().create, 2);
    assert_eq!(plan.creates[0].contact.phone_e164, "+442079460958");
    assert_eq!(plan.creates[1].contact.billing.city, "New York, NY");
}

#[test]
fn utf16_tab_separated_unicode_text() {
    let (table, kind) = read("utf16le_tab.txt");
    assert_eq!(kind, text_kind(Encoding::Utf16Le, Delimiter::Tab));
    let plan = plan_into(&table, &empty(), OnDuplicate::Skip);
    assert_eq!(plan.counts().create, 2);
    assert_eq!(plan.creates[0].contact.last_name, "Ёлкина");
    assert_eq!(plan.creates[0].contact.phone_e164, "+79161234567");
}

#[test]
fn quoted_cells_span_lines_and_rows_keep_their_first_line() {
    let (table, _) = read("multiline.csv");
    let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 5, 6]);
    let plan = plan_into(&table, &empty(), OnDuplicate::Skip);
    assert_eq!(
        plan.creates[0].contact.description,
        "Первая строка\nвторая строка; с точкой с запятой\nи \"кавычками\""
    );
    assert_eq!(plan.creates[2].contact.first_name, "Мария\nМарковна");
}

#[test]
fn a_column_of_emails_without_a_header() {
    let (table, _) = read("emails_only.txt");
    assert!(table.headers.is_none());
    let plan = plan_into(&table, &empty(), OnDuplicate::Skip);
    let emails: Vec<&str> = plan
        .creates
        .iter()
        .map(|c| c.contact.email.as_str())
        .collect();
    assert_eq!(
        emails,
        ["ivan@mail.ru", "maria@yandex.ru", "petr@example.com"]
    );
    assert_eq!(
        plan.skipped,
        [Skipped {
            line: 3,
            of: DuplicateOf::Line(1)
        }]
    );
    assert_eq!(plan.rejected.len(), 1);
    assert_eq!(
        (plan.rejected[0].line, plan.rejected[0].reason.as_str()),
        (4, "«not-an-email» — неверный адрес e-mail")
    );
}

/// A base with Ольга (olga@example.ru, +7 916 000-00-01) and an erased person whose e-mail was
/// erased@example.ru.
fn base_with_olga_and_an_erased_person() -> IndexedBase {
    let mut olga = Contact {
        id: ContactId(1),
        last_name: "Ольгина".into(),
        ..Contact::default()
    };
    olga.set_email("olga@example.ru");
    olga.set_phone("+7 916 000-00-01");
    let mut erased = Contact {
        id: ContactId(2),
        ..Contact::default()
    };
    erased.set_email("erased@example.ru");
    let mut base = IndexedBase::new(Base {
        contacts: vec![olga, erased],
        ..Base::default()
    });
    Op::erase(&base, &[ContactId(2)], KEY).apply(&mut base, NOW);
    base
}

#[test]
fn bad_rows_are_rejected_with_their_line_and_exact_reason() {
    let base = base_with_olga_and_an_erased_person();
    let (table, _) = read("bad_rows.csv");
    let plan = plan_into(&table, &base, OnDuplicate::Skip);
    let rejected: Vec<(usize, &str)> = plan
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (3, "«ivan@» — неверный адрес e-mail"),
            (4, "«12345» — не номер телефона"),
            (5, "«31.02.2024» — не дата в формате дд.мм.гггг"),
            (6, "нет ни e-mail, ни телефона"),
            (7, "этот человек просил удалить его данные"),
            (
                8,
                "«x@» — неверный адрес e-mail; «много» — баллы должны быть целым числом"
            ),
        ]
    );
    let skip = |line, of| Skipped { line, of };
    assert_eq!(
        plan.skipped,
        [
            skip(9, DuplicateOf::Contact(ContactId(1))),
            skip(10, DuplicateOf::Contact(ContactId(1))),
            skip(11, DuplicateOf::Line(2)),
        ]
    );
    let created: Vec<(usize, ContactId)> = plan
        .creates
        .iter()
        .map(|c| (c.line, c.contact.id))
        .collect();
    assert_eq!(created, [(2, ContactId(10)), (12, ContactId(11))]);
    golden(
        "rejected_report.csv",
        &import::rejected_report(&table, &plan.rejected),
    );
}

#[test]
fn the_rejected_report_reads_back_with_the_same_columns() {
    let base = base_with_olga_and_an_erased_person();
    let (table, _) = read("bad_rows.csv");
    let plan = plan_into(&table, &base, OnDuplicate::Skip);
    let report = import::rejected_report(&table, &plan.rejected);
    let (again, _) = import::read(&report, ReadOptions::default()).unwrap();
    let targets = import::guess(&again, &[]);
    assert_eq!(&targets[..5], &import::guess(&table, &[])[..]);
    assert_eq!(&targets[5..], [Target::Skip, Target::Skip]);
    assert_eq!(again.rows.len(), 6);
    assert_eq!(again.rows[0].cells[1], "ivan@");
}

#[test]
fn update_and_create_new_policies() {
    let base = base_with_olga_and_an_erased_person();
    let (table, _) = read("bad_rows.csv");
    let plan = plan_into(&table, &base, OnDuplicate::Update);
    assert_eq!(plan.counts().update, 2);
    assert_eq!(plan.updates[0].id, ContactId(1));
    let updated: Vec<&FieldRef> = plan.updates[0].fields.iter().map(|f| &f.field).collect();
    assert_eq!(
        updated,
        [
            &FieldRef::Builtin(FieldId::LastName),
            &FieldRef::Builtin(FieldId::Points)
        ],
        "the e-mail matched, whatever its case"
    );
    let preview = plan.preview(&base, 3);
    assert_eq!(preview.len(), 3);
    assert!(preview[1].updates);
    assert_eq!(preview[1].contact.last_name, "Существующий");
    assert_eq!(preview[1].contact.points, Some(7));
    let create_new = plan_into(&table, &base, OnDuplicate::CreateNew);
    assert_eq!(create_new.counts().create, 5);
    assert_eq!(create_new.counts().skip, 0);
}

#[test]
fn chunks_commit_the_import_into_groups_and_undo_restores_the_base() {
    let mut base = base_with_olga_and_an_erased_person();
    let before = IndexedBase::new(base.base().clone());
    let (table, _) = read("bad_rows.csv");
    let mut targets = import::guess(&table, &[]);
    targets[3] = Target::NewCustom("Регистрация".into());
    let mut opts = options(&targets, OnDuplicate::Update);
    opts.groups = vec![GroupId(5)];
    let plan = import::plan(&table, &base, opts);
    let undo = plan.undo(&before);
    let chunks = plan.ops_in_chunks(1);
    assert_eq!(chunks.len(), 5);
    assert!(matches!(chunks[0][0], Op::PutCustomFields(_)));
    for op in chunks.iter().flatten() {
        op.apply(&mut base, NOW);
    }
    let good = base.contact(ContactId(10)).unwrap();
    assert_eq!(
        (good.source, good.consent.is_none()),
        (Source::Import, true)
    );
    assert_eq!(good.memberships[0].group, GroupId(5));
    assert_eq!(good.custom.len(), 1);
    let olga = base.contact(ContactId(1)).unwrap();
    assert_eq!(olga.points, Some(7));
    assert_eq!(olga.memberships.len(), 1);
    undo.apply(&mut base, NOW);
    assert_eq!(base.base().contacts, before.base().contacts);
}

#[test]
fn empty_and_binary_files_are_clear_errors() {
    let read = |bytes: &[u8]| import::read(bytes, ReadOptions::default()).map(|_| ());
    assert_eq!(read(b""), Err(ReadError::Empty));
    assert_eq!(read(b"\r\n\r\n"), Err(ReadError::Empty));
    assert_eq!(read(b"\x00\x01\x02binary\x00"), Err(ReadError::Binary));
    assert_eq!(
        read(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]),
        Err(ReadError::Binary)
    );
    assert!(matches!(
        read(b"PK\x03\x04garbage"),
        Err(ReadError::Spreadsheet(_))
    ));
    assert_eq!(
        ReadError::TooManyRows.to_string(),
        "В файле больше 1000000 строк: разделите его на несколько файлов"
    );
}

#[test]
fn pasted_text_reads_like_a_file() {
    let (table, delimiter) = import::read_delimited("a@b.ru\tАнна\nc@d.ru\tОлег", None).unwrap();
    assert_eq!(delimiter, Delimiter::Tab);
    let plan = plan_into(&table, &empty(), OnDuplicate::Skip);
    assert_eq!(plan.counts().create, 2);
}

#[test]
fn spreadsheet_dates_numbers_and_phones_read_as_the_fields_expect() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (column, header) in ["Email", "Телефон", "Дата первой регистрации", "Баллы"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "anna@example.ru").unwrap();
    sheet.write_number(1, 1, 79_161_234_567.0).unwrap();
    let day = ExcelDateTime::from_ymd(2024, 2, 1).unwrap();
    sheet.write_datetime_with_format(1, 2, &day, &date).unwrap();
    sheet.write_number(1, 3, 10.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let (table, kind) = import::read(&bytes, ReadOptions::default()).unwrap();
    assert_eq!(kind, FileKind::Spreadsheet);
    assert_eq!(
        table.rows[0].cells,
        ["anna@example.ru", "79161234567", "01.02.2024", "10"]
    );
    let plan = plan_into(&table, &empty(), OnDuplicate::Skip);
    let anna = &plan.creates[0].contact;
    assert_eq!(anna.phone_e164, "+79161234567");
    assert_eq!(anna.points, Some(10));
    assert_eq!(
        anna.registered_at,
        Some(contacts_core::model::Timestamp(1_706_745_600_000))
    );
}

#[test]
fn a_planner_fed_slices_plans_as_the_whole_table() {
    let base = base_with_olga_and_an_erased_person();
    let (table, _) = read("bad_rows.csv");
    let targets = import::guess(&table, &[]);
    let whole = import::plan(&table, &base, options(&targets, OnDuplicate::Update));
    let mut planner = import::Planner::new(&base, options(&targets, OnDuplicate::Update));
    for rows in table.rows.chunks(4) {
        planner.add(&base, rows);
    }
    assert_eq!(planner.finish(), whole);
}
