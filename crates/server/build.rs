//! Build script: makes cargo rebuild the crate when a file under `migrations/` is added or changed,
//! so `sqlx::migrate!` always embeds the current migrations. It generates nothing.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
