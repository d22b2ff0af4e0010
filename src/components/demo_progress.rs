//! The progress of writing the demo base: a `<progress>` bar with the percentage and counts.

use leptos::prelude::*;

/// A progress bar for `done` of `total` demo contacts written.
#[component]
pub fn DemoProgress(
    /// Contacts written so far.
    done: usize,
    /// Contacts to write.
    total: usize,
) -> impl IntoView {
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    view! {
        <section class="demo-progress" aria-live="polite">
            <p>"Загружаем демо-данные: " {done} " из " {total}</p>
            <progress max=total value=done aria-label="Загрузка демо-данных"></progress>
            <span class="demo-progress__percent">{percent} " %"</span>
        </section>
    }
}
