//! Changing the base: every change the user makes — a bulk action, a card edit, a new contact,
//! a group renamed — is a list of core [`Op`]s run here, the one place that applies ops in
//! memory and commits them to storage.
//!
//! [`AppState::run`] resolves the ops against the base at the moment the user confirms, keeps
//! their inverse as the one undo slot («Отменить»), applies them to the in-memory base, and
//! writes them with their outbox mutations in one transaction. If the write fails, the base is
//! read back from storage, so the screen shows exactly what is stored, and the user is told.
//! While a change runs, [`AppState::busy`] says which and how far it has got; no other change
//! can start.

use std::collections::HashSet;

use contacts_core::change::{Changes, Op};
use contacts_core::filter::IndexedBase;
use contacts_core::model::{ContactId, Timestamp};
use leptos::prelude::*;

use super::AppState;
use crate::storage::browser::{now_ms, yield_to_browser};

/// A long task (a change being applied and written, an export), for the progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    /// What runs, in Russian («Добавить в группу (120)»).
    pub label: String,
    /// What it is doing now, in Russian («Сохранение»).
    pub step_label: String,
    /// How much of it is done, out of `total`.
    pub done: u32,
    /// How much there is to do.
    pub total: u32,
}

/// How many steps a change counts in [`Busy`]: preparing, applying, saving.
const STEPS: u32 = 3;

/// The change «Отменить» undoes: the ops that put back what the last change altered.
#[derive(Debug, Clone)]
pub struct Undo {
    /// What it undoes, in Russian.
    pub label: String,
    ops: Vec<Op>,
}

/// Whether a change can be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undoable {
    /// Its inverse becomes the undo slot.
    Yes,
    /// It clears the undo slot (an erasure, a group deleted, an undo itself).
    No,
}

/// Where the undo slot of a change comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UndoFrom {
    /// Each op's inverse, computed before it is applied.
    Inverse,
    /// The ops the change gave.
    Given,
    /// Nowhere: the slot is cleared.
    Nothing,
}

/// The text of the undo button for a change labelled `label`: «Отменить импорт» for an import
/// (its label starts with «Импорт»), «Отменить» otherwise.
pub fn undo_button_text(label: &str) -> &'static str {
    if label.starts_with("Импорт") {
        "Отменить импорт"
    } else {
        "Отменить"
    }
}

impl AppState {
    /// The change being written, if any (tracked).
    pub fn busy(&self) -> Option<Busy> {
        self.busy.get()
    }

    /// What «Отменить» would undo, if anything (tracked).
    pub fn undo_label(&self) -> Option<String> {
        self.undo.with(|u| u.as_ref().map(|u| u.label.clone()))
    }

    /// Runs a change called `label`: `build` turns the base as it is now into the ops (so a
    /// selection is resolved at the moment of confirming), which are applied in memory and
    /// written in one transaction. Returns how many ops ran, or the Russian reason nothing was
    /// kept.
    pub async fn run(
        &self,
        label: &str,
        undoable: Undoable,
        build: impl FnOnce(&IndexedBase) -> Vec<Op>,
    ) -> Result<usize, String> {
        let from = match undoable {
            Undoable::Yes => UndoFrom::Inverse,
            Undoable::No => UndoFrom::Nothing,
        };
        self.execute(label, from, |base| (build(base), None)).await
    }

    /// As [`AppState::run`] for a change that knows its own undo (an import: one compact
    /// restore rather than an inverse per op): `build` gives the ops and the op that undoes them.
    pub async fn run_with_undo(
        &self,
        label: &str,
        build: impl FnOnce(&IndexedBase) -> (Vec<Op>, Op),
    ) -> Result<usize, String> {
        self.execute(label, UndoFrom::Given, |base| {
            let (ops, undo) = build(base);
            (ops, Some(vec![undo]))
        })
        .await
    }

    async fn execute(
        &self,
        label: &str,
        from: UndoFrom,
        build: impl FnOnce(&IndexedBase) -> (Vec<Op>, Option<Vec<Op>>),
    ) -> Result<usize, String> {
        let Some(storage) = self.storage.get_value() else {
            return Err("Хранилище ещё не открыто, попробуйте через секунду".to_owned());
        };
        if let Some(busy) = self.busy.get_untracked() {
            return Err(format!("Подождите: ещё выполняется «{}»", busy.label));
        }
        self.step(label, 1, "Подготовка");
        yield_to_browser().await;
        let (ops, given) = self.base.with_value(build);
        if ops.is_empty() {
            self.busy.set(None);
            return Ok(0);
        }
        self.step(label, 2, "Применение");
        yield_to_browser().await;
        let now = now_ms();
        let (changes, inverse) =
            self.apply_in_memory(&ops, Timestamp(now), from == UndoFrom::Inverse);
        self.step(label, 3, "Сохранение");
        yield_to_browser().await;
        let count = ops.len();
        let erases = ops.iter().any(|op| !op.erased().is_empty());
        let undo = match from {
            UndoFrom::Inverse => inverse,
            UndoFrom::Given => given,
            UndoFrom::Nothing => None,
        };
        let result = storage.commit_all(ops, now, &changes).await;
        let outcome = match result {
            Ok(_) => {
                self.undo.set(undo.filter(|_| !erases).map(|ops| Undo {
                    label: label.to_owned(),
                    ops,
                }));
                Ok(count)
            }
            Err(error) => {
                self.undo.set(None);
                let reason = format!("«{label}» не сохранено: {error}");
                match storage.load().await {
                    Ok(base) => self.replace_base(base),
                    Err(reload) => self.report_problem(format!(
                        "{reason} Перечитать базу тоже не удалось: {reload}. Обновите страницу."
                    )),
                }
                Err(reason)
            }
        };
        self.busy.set(None);
        outcome
    }

    /// The account's secret for erasure hashes ([`Op::erase`]); `None` until storage is open.
    pub fn erasure_key(&self) -> Option<Vec<u8>> {
        self.storage
            .with_value(|s| s.as_ref().map(|s| s.erasure_key().to_vec()))
    }

    /// Reads the base as it is now without tracking it (for resolving a change on confirm).
    pub fn with_base_now<R>(&self, read: impl FnOnce(&IndexedBase) -> R) -> R {
        self.base.with_value(read)
    }

    /// Undoes the last change, as a new change of its own (so it syncs too).
    pub async fn undo(&self) -> Result<usize, String> {
        if let Some(busy) = self.busy.get_untracked() {
            return Err(format!("Подождите: ещё выполняется «{}»", busy.label));
        }
        // Taken, not cloned: an undo of a bulk action holds every touched contact whole, and
        // the slot is empty after an undo whatever its outcome.
        let Some(undo) = self.undo.try_update(Option::take).flatten() else {
            return Err("Отменять нечего".to_owned());
        };
        self.run(
            &format!("Отмена: {}", undo.label),
            Undoable::No,
            |_| undo.ops,
        )
        .await
    }

    /// Applies `ops` in order to the in-memory base at `now`, and gives back what they wrote
    /// and, when asked for, the ops that undo them (newest first).
    fn apply_in_memory(
        &self,
        ops: &[Op],
        now: Timestamp,
        with_inverse: bool,
    ) -> (Changes, Option<Vec<Op>>) {
        let mut inverse = with_inverse.then(Vec::new);
        let mut changes = Changes::default();
        self.base.update_value(|base| {
            for op in ops {
                if let Some(undo) = inverse.as_mut()
                    && let Some(back) = op.inverse(base)
                {
                    undo.insert(0, back);
                }
                changes = std::mem::take(&mut changes).then(op.apply(base, now));
            }
        });
        if !changes.removed_contacts.is_empty() {
            let removed: HashSet<ContactId> = changes.removed_contacts.iter().copied().collect();
            self.selected
                .update(|s| s.retain(|id| !removed.contains(id)));
        }
        self.version.update(|v| *v += 1);
        (changes, inverse.filter(|ops| !ops.is_empty()))
    }

    fn step(&self, label: &str, step: u32, step_label: &str) {
        self.set_busy(Some(Busy {
            label: label.to_owned(),
            step_label: step_label.to_owned(),
            done: step - 1,
            total: STEPS,
        }));
    }

    /// Shows (or, with `None`, ends) a long task in the progress bar; while one is shown no
    /// change can start.
    pub fn set_busy(&self, busy: Option<Busy>) {
        self.busy.set(busy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_is_undone_by_its_own_button() {
        assert_eq!(
            undo_button_text("Импорт «база.csv» (120)"),
            "Отменить импорт"
        );
        assert_eq!(undo_button_text("Добавить в группу (3)"), "Отменить");
    }
}
