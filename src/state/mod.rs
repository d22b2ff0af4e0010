//! The app's reactive state, shared through Leptos context: the in-memory base (the core's
//! [`IndexedBase`] behind a version signal), how loading goes, the filter of the Contacts page
//! and what it matches, the visible columns and the ticked rows.
//!
//! Views read contacts only through [`AppState`]; every decision about them is made by the core
//! or by the pure modules here (cells, card, filter draft, columns). The base is loaded, and
//! settings are saved, in one place: [`loader`].

pub mod actions;
pub mod bulk;
pub mod card;
pub mod cells;
pub mod columns;
pub mod contact_form;
pub mod export;
pub mod filter_draft;
pub mod filter_editor;
pub mod format;
pub mod groups_admin;
pub mod import;
pub mod loader;
pub mod url;
pub mod window;

use std::collections::HashSet;
use std::sync::Arc;

use contacts_core::filter::{CompileError, CompileOptions, Filter, IndexedBase};
use contacts_core::model::{Base, ContactId, CustomFieldDef};
use contacts_core::sort::SortBy;
use leptos::prelude::*;

use crate::storage::Storage;

/// How far loading the base has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    /// Opening storage and reading the base.
    Loading,
    /// Writing a generated demo base: `done` of `total` contacts.
    Generating {
        /// Contacts written so far.
        done: usize,
        /// Contacts to write.
        total: usize,
    },
    /// The base is in memory (it may hold no contact).
    Ready,
    /// Storage failed; the Russian message says why.
    Failed(String),
}

/// What the filter of the Contacts page matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterOutcome {
    /// The matching rows (positions in the base), in base order.
    pub rows: Arc<Vec<u32>>,
    /// Why the current filter does not fit the base; empty when it does.
    pub errors: Arc<Vec<CompileError>>,
    /// Whether `rows` are those of an earlier filter, kept while the current one has errors.
    pub stale: bool,
}

/// The app's state; `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    base: StoredValue<IndexedBase>,
    version: RwSignal<u64>,
    load: RwSignal<LoadState>,
    filter: RwSignal<Filter>,
    filter_notice: RwSignal<Option<String>>,
    columns: RwSignal<Vec<SortBy>>,
    selected: RwSignal<HashSet<ContactId>>,
    problem: RwSignal<Option<String>>,
    busy: RwSignal<Option<actions::Busy>>,
    undo: RwSignal<Option<actions::Undo>>,
    matches: Memo<FilterOutcome>,
    storage: StoredValue<Option<Storage>, LocalStorage>,
    utc_offset_minutes: i32,
}

impl AppState {
    /// A state with an empty base, still [`LoadState::Loading`], whose dates are shown in a time
    /// zone `utc_offset_minutes` east of UTC. Call it inside a reactive owner (a component).
    pub fn new(utc_offset_minutes: i32) -> Self {
        let base = StoredValue::new(IndexedBase::new(Base::default()));
        let version = RwSignal::new(0_u64);
        let filter = RwSignal::new(Filter::default());
        let options = CompileOptions { utc_offset_minutes };
        let matches = Memo::new(move |previous: Option<&FilterOutcome>| {
            version.track();
            filter.with(|filter| {
                base.with_value(|index| match filter.compile(index.base(), &options) {
                    Ok(compiled) => FilterOutcome {
                        rows: Arc::new(index.filter(&compiled).into_rows()),
                        errors: Arc::default(),
                        stale: false,
                    },
                    Err(errors) => FilterOutcome {
                        rows: previous.map(|p| Arc::clone(&p.rows)).unwrap_or_default(),
                        errors: Arc::new(errors.0),
                        stale: true,
                    },
                })
            })
        });
        Self {
            base,
            version,
            load: RwSignal::new(LoadState::Loading),
            filter,
            filter_notice: RwSignal::new(None),
            columns: RwSignal::new(columns::default_visible()),
            selected: RwSignal::new(HashSet::new()),
            problem: RwSignal::new(None),
            busy: RwSignal::new(None),
            undo: RwSignal::new(None),
            matches,
            storage: StoredValue::new_local(None),
            utc_offset_minutes,
        }
    }

    /// The state provided by [`AppState::provide`] higher up; panics outside the app.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// Makes this state available to every view below the current owner.
    pub fn provide(self) {
        provide_context(self);
    }

    /// The user's time zone in minutes east of UTC, for dates.
    pub fn utc_offset_minutes(&self) -> i32 {
        self.utc_offset_minutes
    }

    /// How loading goes (tracked).
    pub fn load_state(&self) -> LoadState {
        self.load.get()
    }

    /// Sets how loading goes.
    pub fn set_load_state(&self, state: LoadState) {
        self.load.set(state);
    }

    /// Whether the base is in memory (tracked).
    pub fn is_ready(&self) -> bool {
        self.load.with(|l| *l == LoadState::Ready)
    }

    /// Reads the base (tracked: reruns when the base changes).
    pub fn with_base<R>(&self, read: impl FnOnce(&IndexedBase) -> R) -> R {
        self.version.track();
        self.base.with_value(read)
    }

    /// Replaces the base in memory and marks it [`LoadState::Ready`].
    pub fn set_base(&self, base: Base) {
        self.base.set_value(IndexedBase::new(base));
        self.selected.update(HashSet::clear);
        self.version.update(|v| *v += 1);
        self.load.set(LoadState::Ready);
    }

    /// Replaces the base in memory with the one read back from storage, keeping the ticks of
    /// contacts that still exist.
    pub fn replace_base(&self, base: Base) {
        let ids: HashSet<ContactId> = base.contacts.iter().map(|c| c.id).collect();
        self.base.set_value(IndexedBase::new(base));
        self.selected.update(|s| s.retain(|id| ids.contains(id)));
        self.version.update(|v| *v += 1);
    }

    /// All contacts, once the base is loaded (tracked).
    pub fn total(&self) -> Option<usize> {
        if self.is_ready() {
            Some(self.with_base(IndexedBase::len))
        } else {
            None
        }
    }

    /// The account's custom field definitions (tracked).
    pub fn custom_fields(&self) -> Vec<CustomFieldDef> {
        self.with_base(|b| b.base().custom_fields.clone())
    }

    /// Reads the filter (tracked).
    pub fn with_filter<R>(&self, read: impl FnOnce(&Filter) -> R) -> R {
        self.filter.with(read)
    }

    /// Applies a filter; does nothing when it is the current one.
    pub fn set_filter(&self, filter: Filter) {
        if self.filter.with_untracked(|f| *f != filter) {
            self.filter.set(filter);
        }
    }

    /// Applies a filter given in its URL text. A malformed text applies the empty filter and
    /// leaves the parse error's message in [`AppState::filter_notice`].
    pub fn apply_filter_text(&self, text: &str) {
        match Filter::from_url_text(text) {
            Ok(filter) => {
                self.filter_notice.set(None);
                self.set_filter(filter);
            }
            Err(error) => {
                self.filter_notice.set(Some(error.to_string()));
                self.set_filter(Filter::default());
            }
        }
    }

    /// Why the filter from the URL could not be read, if it could not (tracked).
    pub fn filter_notice(&self) -> Option<String> {
        self.filter_notice.get()
    }

    /// Forgets the notice about a malformed URL filter.
    pub fn clear_filter_notice(&self) {
        if self.filter_notice.with_untracked(Option::is_some) {
            self.filter_notice.set(None);
        }
    }

    /// What the filter matches (tracked).
    pub fn matches(&self) -> FilterOutcome {
        self.matches.get()
    }

    /// The visible columns of the contacts table in display order (tracked).
    pub fn visible_columns(&self) -> Vec<SortBy> {
        let custom = self.custom_fields();
        self.columns
            .with(|visible| columns::in_display_order(visible, &custom))
    }

    /// Whether `column` is visible (tracked).
    pub fn is_column_visible(&self, column: &SortBy) -> bool {
        *column == SortBy::Name || self.columns.with(|v| v.contains(column))
    }

    /// Shows or hides a column (the name column always stays).
    pub fn set_column_visible(&self, column: SortBy, visible: bool) {
        if !columns::can_hide(&column) {
            return;
        }
        self.columns.update(|v| {
            v.retain(|c| *c != column);
            if visible {
                v.push(column);
            }
        });
    }

    /// The keys of the visible columns, as saved (tracked).
    pub fn column_keys(&self) -> Vec<String> {
        self.columns
            .with(|v| v.iter().filter_map(columns::key).collect())
    }

    /// Shows exactly the columns saved under these keys; unknown keys are skipped.
    pub fn set_column_keys(&self, keys: &[String]) {
        self.columns
            .set(keys.iter().filter_map(|k| columns::from_key(k)).collect());
    }

    /// Whether the row of `id` is ticked (tracked).
    pub fn is_selected(&self, id: ContactId) -> bool {
        self.selected.with(|s| s.contains(&id))
    }

    /// Ticks or unticks the row of `id`.
    pub fn toggle_selected(&self, id: ContactId) {
        self.selected.update(|s| {
            if !s.remove(&id) {
                s.insert(id);
            }
        });
    }

    /// How many contacts are selected (tracked).
    pub fn selected_count(&self) -> usize {
        self.selected.with(HashSet::len)
    }

    /// The selected contacts in id order (tracked): the frozen set a bulk action runs on.
    pub fn selected_ids(&self) -> Vec<ContactId> {
        let mut ids: Vec<ContactId> = self.selected.with(|s| s.iter().copied().collect());
        ids.sort_unstable();
        ids
    }

    /// Ticks (`on`) or unticks all of `ids`.
    pub fn set_selected(&self, ids: &[ContactId], on: bool) {
        self.selected.update(|s| {
            if on {
                s.extend(ids.iter().copied());
            } else {
                for id in ids {
                    s.remove(id);
                }
            }
        });
    }

    /// Ticks every contact the filter matches now: their ids are resolved here, once, and do
    /// not follow later filter edits.
    pub fn select_all_matching(&self) {
        let rows = self.matches.get_untracked().rows;
        let ids: Vec<ContactId> = self.base.with_value(|index| {
            rows.iter()
                .map(|&row| index.base().contacts[row as usize].id)
                .collect()
        });
        self.set_selected(&ids, true);
    }

    /// Unticks everything.
    pub fn clear_selection(&self) {
        self.selected.update(HashSet::clear);
    }

    /// Ticks exactly those of `ids` that are in the base (a saved selection after a reload).
    pub fn restore_selection(&self, ids: &[ContactId]) {
        let kept: HashSet<ContactId> = self.base.with_value(|index| {
            ids.iter()
                .copied()
                .filter(|&id| index.contact(id).is_some())
                .collect()
        });
        self.selected.set(kept);
    }

    /// A storage problem to show the user, if any (tracked).
    pub fn problem(&self) -> Option<String> {
        self.problem.get()
    }

    /// Reports a storage problem to the user.
    pub fn report_problem(&self, message: String) {
        self.problem.set(Some(message));
    }
}
