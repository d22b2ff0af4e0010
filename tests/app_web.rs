//! Browser tests of the mounted app, run by `wasm-bindgen-test-runner` in headless Chromium.
//!
//! They cover only what needs a real DOM; pure logic is tested natively.
#![cfg(target_arch = "wasm32")]

use contacts::App;
use leptos::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn shows_total_of_default_demo_base() {
    let body = document().body().expect("document has a body");
    let handle = leptos::mount::mount_to(body.clone(), App);
    leptos::task::tick().await;

    let text = body.text_content().unwrap_or_default();
    assert!(text.contains("Контакты"), "page text: {text}");
    assert!(text.contains("Всего: 1000"), "page text: {text}");

    let total = document()
        .query_selector("[data-testid=total]")
        .expect("valid selector")
        .expect("total element is rendered");
    assert_eq!(total.text_content().as_deref(), Some("Всего: 1000"));

    drop(handle);
    assert!(
        document()
            .query_selector("[data-testid=total]")
            .expect("valid selector")
            .is_none(),
        "unmounting removes the page"
    );
}
