//! The root component: creates the app state, starts loading the base, and routes
//! `/` (contacts), `/contacts/new` («Создать контакт»), `/contacts/:id` (card), `/groups`
//! («Группы») and `/groups/:id` («Подписчики») under one top bar.
//!
//! Routes are plain paths; the server and the service worker answer every path with
//! `index.html`, so a copied link opens the same screen.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::top_bar::TopBar;
use crate::pages::contact_card::ContactCardPage;
use crate::pages::contacts::ContactsPage;
use crate::pages::group_members::GroupMembersPage;
use crate::pages::groups::GroupsPage;
use crate::pages::import::ImportPage;
use crate::pages::new_contact::NewContactPage;
use crate::pages::not_found::NotFoundPage;
use crate::state::{AppState, loader};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(browser_utc_offset_minutes());
    state.provide();
    loader::start(state, &window().location().search().unwrap_or_default());
    view! {
        <Router>
            <TopBar />
            <main class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=ContactsPage />
                    <Route path=path!("/contacts/new") view=NewContactPage />
                    <Route path=path!("/contacts/:id") view=ContactCardPage />
                    <Route path=path!("/groups") view=GroupsPage />
                    <Route path=path!("/groups/:id") view=GroupMembersPage />
                    <Route path=path!("/import") view=ImportPage />
                </Routes>
            </main>
        </Router>
    }
}

/// The browser's time zone now, in minutes east of UTC (Moscow: 180).
fn browser_utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}
