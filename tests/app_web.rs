//! Browser tests of mounted views, run by `wasm-bindgen-test-runner` in headless Chromium.
//!
//! They cover what needs a real DOM: contact values are rendered as text (a name that looks like
//! HTML stays text in the table and the card), the table renders a window of rows rather than
//! all of them, «+N» expands a contact's groups, and the whole app starts on an empty base.
//! Pure logic is tested natively.
#![cfg(target_arch = "wasm32")]

use contacts::App;
use contacts::components::contact_card::ContactCard;
use contacts::components::virtual_table::VirtualTable;
use contacts::state::{AppState, card, columns};
use contacts_core::fixtures::generate;
use contacts_core::model::{Base, ContactId};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A name an attacker might type.
const HTML_NAME: &str = "<img src=x onerror=alert(1)>";

/// Waits `ms` milliseconds, letting the browser run timers, effects and IndexedDB callbacks.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("a timer is set");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the timer fires");
}

/// The app's stylesheet, which sizes the table's scroll area.
const STYLE: &str = include_str!("../style/main.css");

/// Adds the app's stylesheet to the page once.
fn add_stylesheet() {
    if document().get_element_by_id("app-style").is_none() {
        let style = document().create_element("style").expect("a style element");
        style.set_id("app-style");
        style.set_text_content(Some(STYLE));
        document()
            .head()
            .expect("a head")
            .append_child(&style)
            .expect("appended");
    }
}

/// Mounts `view`, with the app's stylesheet, into a fresh `<div>` and gives the div.
fn mount_in_div<V: IntoView + 'static>(
    view: impl FnOnce() -> V + 'static,
) -> (web_sys::HtmlElement, UnmountHandle<impl Mountable>) {
    add_stylesheet();
    let div: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("a div")
        .unchecked_into();
    div.style().set_property("height", "600px").expect("style");
    document()
        .body()
        .expect("a body")
        .append_child(&div)
        .expect("appended");
    let handle = leptos::mount::mount_to(div.clone(), view);
    (div, handle)
}

/// A demo base of `count` contacts whose first contact has an HTML-looking name.
fn base_with_html_name(count: usize) -> Base {
    let mut base = generate(count, 1);
    base.contacts[0].last_name = HTML_NAME.to_owned();
    base.contacts[0].first_name.clear();
    base.contacts[0].middle_name.clear();
    base
}

#[wasm_bindgen_test]
async fn an_html_looking_name_is_text_in_the_table_and_the_card() {
    let base = base_with_html_name(50);
    let card = card::card(&base, &base.contacts[0], 0);
    let (div, handle) = mount_in_div(move || {
        let state = AppState::new(0);
        state.provide();
        state.set_base(base);
        view! {
            <VirtualTable
                rows=Signal::derive(move || state.matches().rows)
                columns=Signal::stored(columns::default_visible())
                label="Контакты"
                empty_text="Нет контактов"
            />
            <ContactCard card />
        }
    });
    sleep(50).await;

    assert!(
        div.query_selector("img").expect("valid selector").is_none(),
        "no element was made from the name"
    );
    let link = div
        .query_selector("a[href='/contacts/1']")
        .expect("valid selector")
        .expect("the name links to the card");
    assert_eq!(link.text_content().as_deref(), Some(HTML_NAME));
    let heading = div
        .query_selector("h1")
        .expect("valid selector")
        .expect("the card has a heading");
    assert_eq!(heading.text_content().as_deref(), Some(HTML_NAME));
    drop(handle);
    div.remove();
}

#[wasm_bindgen_test]
async fn only_a_window_of_rows_is_rendered_and_plus_n_expands_the_groups() {
    let base = generate(5_000, 1);
    let with_more = base
        .contacts
        .iter()
        .take(10)
        .find(|c| c.memberships.len() > 1)
        .map(|c| (c.id, c.memberships.len()))
        .expect("one of the first contacts is in several groups");
    let (div, handle) = mount_in_div(move || {
        let state = AppState::new(0);
        state.provide();
        state.set_base(base);
        view! {
            <VirtualTable
                rows=Signal::derive(move || state.matches().rows)
                columns=Signal::stored(columns::default_visible())
                label="Контакты"
                empty_text="Нет контактов"
            />
        }
    });
    sleep(50).await;

    let rows = div
        .query_selector_all(".vtable__body [role=row]")
        .expect("valid selector")
        .length();
    assert!(
        rows > 5 && rows < 60,
        "{rows} rows rendered for 5000 contacts"
    );

    let (ContactId(id), groups) = with_more;
    let row = div
        .query_selector(&format!("a[href='/contacts/{id}']"))
        .expect("valid selector")
        .and_then(|a| a.closest("[role=row]").expect("valid selector"))
        .expect("the contact's row is rendered");
    let more: web_sys::HtmlElement = row
        .query_selector("button.more")
        .expect("valid selector")
        .expect("«+N» is shown")
        .unchecked_into();
    assert_eq!(more.text_content(), Some(format!("+{}", groups - 1)));
    more.click();
    sleep(20).await;
    let links = row
        .query_selector_all(".groups-cell__all a")
        .expect("valid selector")
        .length();
    assert_eq!(links as usize, groups);
    drop(handle);
    div.remove();
}

#[wasm_bindgen_test]
async fn the_app_starts_on_an_empty_base_with_its_counters() {
    let (div, handle) = mount_in_div(App);
    let mut text = String::new();
    for _ in 0..100 {
        sleep(50).await;
        text = div.text_content().unwrap_or_default();
        if text.contains("Всего: 0") {
            break;
        }
    }
    assert!(text.contains("Контакты"), "page text: {text}");
    assert!(text.contains("Всего: 0"), "page text: {text}");
    assert!(text.contains("Загрузить демо-данные"), "page text: {text}");
    drop(handle);
    div.remove();
}
