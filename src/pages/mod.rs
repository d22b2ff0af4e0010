//! The app's screens, one per route: the contacts list (`/`), «Создать контакт»
//! (`/contacts/new`), a contact's card (`/contacts/:id`), «Группы» (`/groups`), «Импорт»
//! (`/import`), a group's
//! subscribers (`/groups/:id`) and the page for unknown paths.

pub mod contact_card;
pub mod contacts;
pub mod group_members;
pub mod groups;
pub mod import;
pub mod new_contact;
pub mod not_found;

use contacts_core::filter::Filter;

use crate::state::AppState;
use crate::state::url::{FILTER_PARAM, query_with};

/// The path of the contacts list with the current filter, for «← Все контакты» links (tracked).
pub fn list_path(state: AppState) -> String {
    let text = state.with_filter(Filter::to_url_text);
    let query = query_with(
        "",
        FILTER_PARAM,
        (!text.is_empty()).then_some(text.as_str()),
    );
    format!("/{query}")
}
