//! «Импорт» at `/import` (SPEC §7): a file (.csv, .txt, .xlsx) or pasted text, read with the
//! encoding and delimiter detected or chosen; the columns mapped to fields (guessed from the
//! headers, editable); a target group and what to do with duplicates; the dry run — how many
//! will be created, updated, skipped and rejected, the first rows as they will be stored, each
//! rejected row with its line and reason, downloadable as a CSV; then the import itself as one
//! change (all or nothing), undone by «Отменить импорт» on the Contacts page.

use std::sync::Arc;

use contacts_core::import::{
    self, ImportPlan, OnDuplicate, PlanOptions, ReadOptions, Table, Target,
};
use contacts_core::model::{ContactId, GroupId, Timestamp};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::download;
use crate::state::AppState;
use crate::state::import::{
    AUTO, count_lines, delimiter_from_value, describe_kind, encoding_from_value, target_choices,
    target_from_value, target_value,
};
use crate::storage::browser::now_ms;

/// Rows shown in the dry run's preview.
const PREVIEW_ROWS: usize = 5;

/// Rejected rows listed on the page (all are in the downloadable report).
const LISTED_REJECTS: usize = 20;

/// A table read from the user's file or text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Read {
    source: String,
    table: Arc<Table>,
    described: String,
}

/// The import page.
#[component]
pub fn ImportPage() -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let file = StoredValue::new(None::<(String, Vec<u8>)>);
    let pasted = RwSignal::new(String::new());
    let encoding = RwSignal::new(AUTO.to_owned());
    let delimiter = RwSignal::new(AUTO.to_owned());
    let read = RwSignal::new(None::<Read>);
    let targets = RwSignal::new(Vec::<Target>::new());
    let group = RwSignal::new(String::new());
    let on_duplicate = RwSignal::new(OnDuplicate::Skip);
    let plan = RwSignal::new(None::<Arc<ImportPlan>>);
    let error = RwSignal::new(None::<String>);

    let read_now = move || {
        plan.set(None);
        let options = ReadOptions {
            encoding: encoding_from_value(&encoding.get_untracked()),
            delimiter: delimiter_from_value(&delimiter.get_untracked()),
        };
        let result = match file.get_value() {
            Some((name, bytes)) => import::read(&bytes, options).map(|(t, kind)| (name, t, kind)),
            None => {
                let text = pasted.get_untracked();
                import::read(text.as_bytes(), options)
                    .map(|(t, kind)| ("вставленный текст".to_owned(), t, kind))
            }
        };
        match result {
            Ok((source, table, kind)) => {
                let described = describe_kind(kind, table.rows.len());
                targets.set(import::guess(
                    &table,
                    &state.with_base_now(|b| b.base().custom_fields.clone()),
                ));
                read.set(Some(Read {
                    source,
                    table: Arc::new(table),
                    described,
                }));
                error.set(None);
            }
            Err(why) => {
                read.set(None);
                error.set(Some(why.to_string()));
            }
        }
    };
    let choose_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(chosen) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        spawn_local(async move {
            match JsFuture::from(chosen.array_buffer()).await {
                Ok(buffer) => {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    file.set_value(Some((chosen.name(), bytes)));
                    read_now();
                }
                Err(_) => error.set(Some("Файл не прочитан: браузер не отдал его".to_owned())),
            }
        });
    };
    let dry_run = move |_| {
        let Some(current) = read.get_untracked() else {
            return;
        };
        let Some(key) = state.erasure_key() else {
            error.set(Some(
                "Хранилище ещё не открыто, попробуйте через секунду".to_owned(),
            ));
            return;
        };
        let groups: Vec<GroupId> = group
            .get_untracked()
            .parse()
            .map(GroupId)
            .into_iter()
            .collect();
        let result = state.with_base_now(|index| {
            let first_id = ContactId(
                index
                    .base()
                    .contacts
                    .iter()
                    .map(|c| c.id.0)
                    .max()
                    .unwrap_or(0)
                    + 1,
            );
            import::plan(
                &current.table,
                index,
                PlanOptions {
                    targets: targets.get_untracked(),
                    groups,
                    on_duplicate: on_duplicate.get_untracked(),
                    erasure_key: key,
                    first_id,
                    now: Timestamp(now_ms()),
                },
            )
        });
        plan.set(Some(Arc::new(result)));
    };
    let download_rejected = move || {
        let (Some(current), Some(done)) = (read.get_untracked(), plan.get_untracked()) else {
            return;
        };
        let bytes = import::rejected_report(&current.table, &done.rejected);
        if let Err(why) = download::save(&bytes, "otkloneno.csv", "text/csv;charset=utf-8") {
            error.set(Some(why));
        }
    };
    let run_import = move |_| {
        let (Some(current), Some(done)) = (read.get_untracked(), plan.get_untracked()) else {
            return;
        };
        let counts = done.counts();
        let label = format!(
            "Импорт «{}» ({} новых, {} обновлено)",
            current.source, counts.create, counts.update
        );
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = state
                .run_with_undo(&label, move |base| {
                    let ops = done.ops_in_chunks(10_000).into_iter().flatten().collect();
                    (ops, done.undo(base))
                })
                .await;
            match result {
                Ok(_) => navigate("/", Default::default()),
                Err(why) => error.set(Some(why)),
            }
        });
    };

    let groups = move || {
        state.with_base(|b| {
            b.base()
                .groups
                .iter()
                .map(|g| (g.id.0.to_string(), g.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <nav class="back">
            <a href="/">"← Все контакты"</a>
        </nav>
        <h1 class="page-title">"Импорт"</h1>
        <section class="import__source" aria-label="Источник">
            <label class="dialog__field">
                "Файл (.csv, .txt, .xlsx)"
                <input type="file" accept=".csv,.txt,.xlsx,.xls,.ods" on:change=choose_file />
            </label>
            <label class="dialog__field">
                "Или вставьте текст"
                <textarea
                    rows="5"
                    prop:value=move || pasted.get()
                    on:input=move |ev| {
                        file.set_value(None);
                        pasted.set(event_target_value(&ev));
                    }
                ></textarea>
            </label>
            <label class="dialog__field">
                "Кодировка"
                <select on:change=move |ev| encoding.set(event_target_value(&ev))>
                    <option value=AUTO>"Определить автоматически"</option>
                    {import::Encoding::ALL
                        .into_iter()
                        .map(|e| view! { <option value=e.label()>{e.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="dialog__field">
                "Разделитель"
                <select on:change=move |ev| delimiter.set(event_target_value(&ev))>
                    <option value=AUTO>"Определить автоматически"</option>
                    {import::Delimiter::ALL
                        .into_iter()
                        .map(|d| view! { <option value=d.label()>{d.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="button" on:click=move |_| read_now()>
                "Прочитать"
            </button>
        </section>
        {move || {
            error
                .get()
                .map(|message| {
                    view! {
                        <p class="error" role="alert">
                            {message}
                        </p>
                    }
                })
        }}
        {move || {
            read.get()
                .map(|current| {
                    view! {
                        <p data-testid="import-read">{current.described.clone()}</p>
                        <Mapping table=current.table.clone() targets />
                        <section class="import__options" aria-label="Параметры">
                            <label class="dialog__field">
                                "Добавить в группу"
                                <select on:change=move |ev| group.set(event_target_value(&ev))>
                                    <option value="">"Не добавлять"</option>
                                    {groups()
                                        .into_iter()
                                        .map(|(id, name)| view! { <option value=id>{name}</option> })
                                        .collect_view()}
                                </select>
                            </label>
                            <fieldset>
                                <legend>"Дубликаты (по e-mail, затем по телефону)"</legend>
                                {[
                                    (OnDuplicate::Skip, "Пропустить"),
                                    (OnDuplicate::Update, "Обновить"),
                                    (OnDuplicate::CreateNew, "Создать новый"),
                                ]
                                    .into_iter()
                                    .map(|(choice, label)| {
                                        view! {
                                            <label>
                                                <input
                                                    type="radio"
                                                    name="on-duplicate"
                                                    prop:checked=move || on_duplicate.get() == choice
                                                    on:change=move |_| on_duplicate.set(choice)
                                                />
                                                {label}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <button type="button" class="primary" on:click=dry_run>
                                "Проверить"
                            </button>
                        </section>
                    }
                })
        }}
        {move || {
            plan.get()
                .map(|done| {
                    view! {
                        <DryRun plan=done on_download=Callback::new(move |()| download_rejected()) />
                    }
                })
        }}
        <Show when=move || plan.with(Option::is_some)>
            <button
                type="button"
                class="primary"
                disabled=move || state.busy().is_some()
                on:click=run_import.clone()
            >
                "Импортировать"
            </button>
        </Show>
    }
}

/// The mapping step: a row per column with its header, first values and target select.
#[component]
fn Mapping(table: Arc<Table>, targets: RwSignal<Vec<Target>>) -> impl IntoView {
    let state = AppState::expect();
    let choices = target_choices(&state.with_base_now(|b| b.base().custom_fields.clone()));
    let columns: Vec<(usize, String, String)> = (0..table.width())
        .map(|column| {
            let sample: Vec<&str> = table
                .rows
                .iter()
                .take(3)
                .filter_map(|row| row.cells.get(column).map(String::as_str))
                .collect();
            (column, table.header(column).to_owned(), sample.join(", "))
        })
        .collect();
    view! {
        <table class="import__mapping" aria-label="Соответствие столбцов">
            <thead>
                <tr>
                    <th>"Столбец"</th>
                    <th>"Первые значения"</th>
                    <th>"Поле"</th>
                </tr>
            </thead>
            <tbody>
                {columns
                    .into_iter()
                    .map(|(column, header, sample)| {
                        let choices = choices.clone();
                        let name = if header.is_empty() {
                            format!("Столбец {}", column + 1)
                        } else {
                            header.clone()
                        };
                        let current = move || {
                            targets.with(|t| t.get(column).map(target_value).unwrap_or_default())
                        };
                        let label = format!("Поле для столбца «{name}»");
                        view! {
                            <tr>
                                <td>{name}</td>
                                <td>{sample}</td>
                                <td>
                                    <select
                                        aria-label=label
                                        on:change=move |ev| {
                                            let target = target_from_value(
                                                &event_target_value(&ev),
                                                &header,
                                                column,
                                            );
                                            targets
                                                .update(|t| {
                                                    if let Some(slot) = t.get_mut(column) {
                                                        *slot = target;
                                                    }
                                                });
                                        }
                                    >
                                        {choices
                                            .into_iter()
                                            .map(|(value, text)| {
                                                let selected = value.clone();
                                                view! {
                                                    <option
                                                        value=value
                                                        selected=move || current() == selected
                                                    >
                                                        {text}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The dry run: the four numbers, a preview, and the rejected rows with their reasons.
#[component]
fn DryRun(plan: Arc<ImportPlan>, on_download: Callback<()>) -> impl IntoView {
    let state = AppState::expect();
    let preview = state.with_base_now(|index| plan.preview(index, PREVIEW_ROWS));
    let rejected: Vec<String> = plan
        .rejected
        .iter()
        .take(LISTED_REJECTS)
        .map(|r| format!("Строка {}: {}", r.line, r.reason))
        .collect();
    let has_rejects = !plan.rejected.is_empty();
    view! {
        <section class="import__dry-run" aria-label="Проверка">
            <ul data-testid="import-counts">
                {count_lines(plan.counts())
                    .into_iter()
                    .map(|(label, n)| view! { <li>{format!("{label}: {n}")}</li> })
                    .collect_view()}
            </ul>
            <table class="import__preview" aria-label="Как будут сохранены первые строки">
                <tbody>
                    {preview
                        .into_iter()
                        .map(|p| {
                            view! {
                                <tr>
                                    <td>{p.line}</td>
                                    <td>{p.contact.display_name()}</td>
                                    <td>{p.contact.email.clone()}</td>
                                    <td>{p.contact.phone.clone()}</td>
                                    <td>{if p.updates { "обновление" } else { "новый" }}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <Show when=move || has_rejects>
                <ul class="import__rejected" aria-label="Отклонённые строки">
                    {rejected.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}
                </ul>
                <button type="button" on:click=move |_| on_download.run(())>
                    "Скачать отклонённые строки"
                </button>
            </Show>
        </section>
    }
}
