//! «Всего: N» and «Найдено: M»: all contacts and those matching the filter, always visible and
//! live, plus the note when the filter has errors and the table shows an earlier result.

use leptos::prelude::*;

use crate::state::AppState;

/// The counters of the Contacts page. Both show «…» until the base is loaded.
#[component]
pub fn Totals() -> impl IntoView {
    let state = AppState::expect();
    let total = move || {
        state
            .total()
            .map_or_else(|| "…".to_owned(), |n| n.to_string())
    };
    let matched = move || {
        state
            .total()
            .map(|_| state.matches().rows.len().to_string())
            .unwrap_or_else(|| "…".to_owned())
    };
    let stale = move || state.is_ready() && state.matches().stale;
    view! {
        <section class="totals" aria-label="Количество контактов">
            <span class="totals__total" data-testid="total">
                "Всего: "
                {total}
            </span>
            <span class="totals__matched" data-testid="matched">
                "Найдено: "
                {matched}
            </span>
            <Show when=stale>
                <span class="totals__stale">
                    "Фильтр не применён: исправьте ошибки в условиях. Показан прежний результат."
                </span>
            </Show>
        </section>
    }
}
