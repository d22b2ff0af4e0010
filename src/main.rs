//! Browser entry point: installs the panic hook and mounts [`contacts::App`] to `<body>`.
//!
//! Nothing else lives here; everything the page does starts in the library crate.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(contacts::App);
}
