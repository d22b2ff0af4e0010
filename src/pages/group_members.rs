//! «Подписчики» at `/groups/:id`: the group's name and category, how many members it has, and
//! its members in the same virtual table as the list (sortable, names open the card), with the
//! subscription date and status in this group. An unknown group gets a clear message.

use std::sync::Arc;

use contacts_core::filter::{CompileOptions, Filter, GroupSelection};
use contacts_core::model::GroupId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::list_path;
use crate::components::virtual_table::VirtualTable;
use crate::state::{AppState, columns};

/// The group shown: its id, name and category name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    id: GroupId,
    name: String,
    category: String,
}

/// The «Подписчики» screen.
#[component]
pub fn GroupMembersPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let group = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<u64>().ok()))?;
        state.with_base(|index| {
            let base = index.base();
            let group = base.groups.iter().find(|g| g.id == GroupId(id))?;
            let category = base
                .categories
                .iter()
                .find(|c| c.id == group.category)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            Some(Shown {
                id: group.id,
                name: group.name.clone(),
                category,
            })
        })
    });
    let offset = state.utc_offset_minutes();
    let members = Memo::new(move |_| {
        let Some(id) = group.with(|g| g.as_ref().map(|g| g.id)) else {
            return Arc::new(Vec::new());
        };
        let filter = Filter {
            groups: GroupSelection {
                categories: Vec::new(),
                groups: vec![id],
            },
            conditions: Vec::new(),
        };
        state.with_base(|index| {
            let options = CompileOptions {
                utc_offset_minutes: offset,
            };
            filter
                .compile(index.base(), &options)
                .map(|compiled| Arc::new(index.filter(&compiled).into_rows()))
                .unwrap_or_default()
        })
    });
    view! {
        <nav class="back">
            <a href=move || list_path(state)>"← Все контакты"</a>
        </nav>
        <h1 class="page-title">"Подписчики"</h1>
        {move || {
            if !state.is_ready() {
                return view! { <p class="loading">"Загрузка базы…"</p> }.into_any();
            }
            match group.get() {
                None => {
                    view! {
                        <p class="notice" role="alert">
                            "Группа не найдена: возможно, она удалена или ссылка неверна."
                        </p>
                    }
                        .into_any()
                }
                Some(shown) => {
                    let columns = columns::subscribers(shown.id);
                    view! {
                        <p class="group-head">
                            <span class="folder" aria-hidden="true"></span>
                            <span class="group-head__category">{shown.category}</span>
                            " / "
                            <strong class="group-head__name">{shown.name}</strong>
                        </p>
                        <section class="totals" aria-label="Количество подписчиков">
                            <span data-testid="members">
                                "Подписчиков: " {move || members.with(|m| m.len())}
                            </span>
                        </section>
                        <VirtualTable
                            rows=members
                            columns=Signal::stored(columns)
                            label="Подписчики"
                            empty_text="В группе нет подписчиков"
                        />
                    }
                        .into_any()
                }
            }
        }}
    }
}
