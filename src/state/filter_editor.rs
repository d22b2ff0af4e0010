//! The reactive side of the «Фильтр» panel: the [`DraftFilter`] being edited and when it is
//! applied to the page — at once for clicks and choices, after a short pause for typing.
//!
//! It follows the applied filter when that changes from elsewhere (a stored filter arriving at
//! start-up), and never evaluates anything: applying sets [`AppState`]'s filter, whose matches
//! the core computes.

use std::time::Duration;

use contacts_core::model::Base;
use leptos::prelude::*;

use super::AppState;
use super::filter_draft::DraftFilter;

/// How long typing must pause before the filter is applied.
pub const TYPING_PAUSE: Duration = Duration::from_millis(150);

/// When an edit reaches the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apply {
    /// Right away: ticks, selects, added or removed rows.
    Now,
    /// After [`TYPING_PAUSE`] without further edits: typed values.
    AfterTyping,
}

/// The filter panel's editing state; `Copy`, so every row captures it.
#[derive(Debug, Clone, Copy)]
pub struct FilterEditor {
    state: AppState,
    draft: RwSignal<DraftFilter>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl FilterEditor {
    /// An editor of the state's current filter. Call it inside a component.
    pub fn new(state: AppState) -> Self {
        let draft = RwSignal::new(DraftFilter::from_filter(&state.filter.get_untracked()));
        let editor = Self {
            state,
            draft,
            pending: StoredValue::new(None),
        };
        Effect::new(move || {
            let applied = state.filter.get();
            if draft.with_untracked(|d| d.to_filter() != applied) {
                draft.set(DraftFilter::from_filter(&applied));
            }
        });
        editor
    }

    /// Reads the draft (tracked).
    pub fn read<R>(&self, read: impl FnOnce(&DraftFilter) -> R) -> R {
        self.draft.with(read)
    }

    /// Changes the draft with `change` (given the base, for groups and custom fields) and
    /// applies it as `when` says.
    pub fn edit(&self, when: Apply, change: impl FnOnce(&mut DraftFilter, &Base)) {
        self.state
            .base
            .with_value(|index| self.draft.update(|d| change(d, index.base())));
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
            self.pending.set_value(None);
        }
        match when {
            Apply::Now => self.apply(),
            Apply::AfterTyping => {
                let editor = *self;
                let handle = set_timeout_with_handle(move || editor.apply(), TYPING_PAUSE).ok();
                self.pending.set_value(handle);
            }
        }
    }

    /// Applies the draft; does nothing once the panel is gone (a late typing timer).
    fn apply(&self) {
        let Some(filter) = self.draft.try_with_untracked(DraftFilter::to_filter) else {
            return;
        };
        self.pending.try_set_value(None);
        self.state.clear_filter_notice();
        self.state.set_filter(filter);
    }
}
