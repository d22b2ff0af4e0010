//! Evaluation of a [`CompiledFilter`] over an [`IndexedBase`]: binds each condition to its column
//! (text values become dictionary-id tables, days become millisecond ranges), orders conditions
//! cheapest and most selective first, and narrows a candidate row list column by column, starting
//! from the selected groups' members. It never edits the base.

use time::Date;

use crate::model::{ContactId, GroupId};
use crate::values::{DAY_MS, day_start};

use super::columns::{CodeColumn, Column, GroupMembers, Lists, NO_NUMBER, StringColumn, TagColumn};
use super::compile::{Cmp, CompiledFilter, Test, Typed};
use super::index::IndexedBase;
use super::interner::Interner;

/// The rows a filter matched, in base order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matches {
    rows: Vec<u32>,
}

impl Matches {
    /// The matching rows (positions in [`crate::model::Base::contacts`]), ascending.
    pub fn rows(&self) -> &[u32] {
        &self.rows
    }

    /// How many contacts matched.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no contact matched.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The ids of the matching contacts of `index`, in base order.
    pub fn ids<'a>(&'a self, index: &'a IndexedBase) -> impl Iterator<Item = ContactId> + 'a {
        self.rows
            .iter()
            .map(|&row| index.base().contacts[row as usize].id)
    }

    /// The matching rows.
    pub fn into_rows(self) -> Vec<u32> {
        self.rows
    }
}

impl IndexedBase {
    /// The rows matching `filter`, in base order. Builds the columns it needs on first use.
    pub fn filter(&self, filter: &CompiledFilter) -> Matches {
        let n = self.len();
        let mut rows = filter
            .groups
            .as_ref()
            .map(|groups| candidates(self.members(), groups, n));
        let mut plans: Vec<Plan<'_>> = filter
            .conditions
            .iter()
            .map(|c| self.plan(c, filter.groups.as_deref(), filter.utc_offset_minutes))
            .collect();
        plans.sort_by(|a, b| a.rank().total_cmp(&b.rank()));
        for plan in &plans {
            if rows.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
            rows = Some(plan.apply(rows, n));
        }
        Matches {
            rows: rows.unwrap_or_else(|| (0..n as u32).collect()),
        }
    }

    fn plan<'a>(
        &'a self,
        typed: &'a Typed,
        groups: Option<&'a [GroupId]>,
        offset: i32,
    ) -> Plan<'a> {
        let rows = self.len().max(1) as f64;
        let test = &typed.test;
        let (pred, pass, cost) = match self.column(&typed.target) {
            Some(Column::Strings(c)) => strings_pred(c, test, rows),
            Some(Column::Codes(c)) => codes_pred(c, test, rows),
            Some(Column::Numbers(values)) => numbers_pred(values, test, offset),
            Some(Column::Tags(c)) => tags_pred(c, test),
            Some(Column::Memberships(lists)) => subscribed_pred(lists, groups, test, offset),
            None => (Pred::Const(matches!(test, Test::Empty)), 0.0, 0.0),
        };
        let pass = if typed.negate { 1.0 - pass } else { pass };
        Plan {
            pred,
            negate: typed.negate,
            pass,
            cost,
        }
    }
}

/// A bound test with the estimated share of rows that pass it and its relative cost per row.
type Bound<'a> = (Pred<'a>, f64, f64);

/// What a test that does not fit its column (never built so by compilation) gives: no value.
fn misfit<'a>() -> Bound<'a> {
    (Pred::Const(false), 0.0, 0.0)
}

/// The share of rows whose dictionary id or code is wanted, from the per-id row counts.
fn wanted_share(wanted: &[bool], counts: &[u32], rows: f64) -> f64 {
    let hits: u64 = wanted
        .iter()
        .zip(counts)
        .filter(|(w, _)| **w)
        .map(|(_, &k)| u64::from(k))
        .sum();
    hits as f64 / rows
}

fn strings_pred<'a>(c: &'a StringColumn, test: &Test, rows: f64) -> Bound<'a> {
    let wanted = match test {
        Test::Empty => one_hot(c.dict.len(), 0),
        Test::Text { contains, values } | Test::Phone { contains, values } => {
            wanted_strings(&c.dict, Some(&c.counts), *contains, values)
        }
        _ => return misfit(),
    };
    let share = wanted_share(&wanted, &c.counts, rows);
    (
        Pred::Ids {
            ids: &c.ids,
            wanted,
        },
        share,
        1.0,
    )
}

fn codes_pred<'a>(c: &'a CodeColumn, test: &Test, rows: f64) -> Bound<'a> {
    let mut wanted = vec![false; c.counts.len()];
    match test {
        Test::Empty => wanted[0] = true,
        Test::Code(codes) => codes.iter().for_each(|&code| wanted[code as usize] = true),
        _ => return misfit(),
    }
    let share = wanted_share(&wanted, &c.counts, rows);
    (
        Pred::Codes {
            codes: &c.codes,
            wanted,
        },
        share,
        1.0,
    )
}

fn numbers_pred<'a>(values: &'a [i64], test: &Test, offset: i32) -> Bound<'a> {
    let (ranges, pass) = match test {
        Test::Empty => (vec![(NO_NUMBER, NO_NUMBER)], 0.1),
        Test::Number { cmp, values } => (value_ranges(values.iter().map(|&v| point(*cmp, v))), 0.5),
        Test::Day { cmp, days } => (day_ranges(*cmp, days, offset), 0.5),
        _ => return misfit(),
    };
    (Pred::Ranges { values, ranges }, pass, 1.0)
}

fn tags_pred<'a>(c: &'a TagColumn, test: &Test) -> Bound<'a> {
    match test {
        Test::Empty => (Pred::NoTags { lists: &c.lists }, 0.3, 1.5),
        Test::Tags { contains, values } => {
            let wanted = wanted_strings(&c.dict, None, *contains, values);
            (
                Pred::AnyTag {
                    lists: &c.lists,
                    wanted,
                },
                0.3,
                2.0,
            )
        }
        _ => misfit(),
    }
}

fn subscribed_pred<'a>(
    lists: &'a Lists<(GroupId, i64)>,
    groups: Option<&'a [GroupId]>,
    test: &Test,
    offset: i32,
) -> Bound<'a> {
    let ranges = match test {
        Test::Empty => None,
        Test::Day { cmp, days } => Some(day_ranges(*cmp, days, offset)),
        _ => return misfit(),
    };
    (
        Pred::Subscribed {
            lists,
            groups,
            ranges,
        },
        0.5,
        3.0,
    )
}

/// One condition bound to its column.
struct Plan<'a> {
    pred: Pred<'a>,
    negate: bool,
    /// The estimated share of rows that pass.
    pass: f64,
    /// The relative cost of testing a row.
    cost: f64,
}

/// A row test over one column; the plan's `negate` flips it.
enum Pred<'a> {
    /// Every row gives the same answer (the field is gone from the base: no row has a value).
    Const(bool),
    /// The row's dictionary id is wanted.
    Ids { ids: &'a [u32], wanted: Vec<bool> },
    /// The row's option code is wanted.
    Codes { codes: &'a [u8], wanted: Vec<bool> },
    /// The row's number lies in one of the inclusive ranges.
    Ranges {
        values: &'a [i64],
        ranges: Vec<(i64, i64)>,
    },
    /// Some tag of the row is wanted.
    AnyTag {
        lists: &'a Lists<u32>,
        wanted: Vec<bool>,
    },
    /// The row has no tag.
    NoTags { lists: &'a Lists<u32> },
    /// Some membership in the relevant groups (all when `groups` is `None`) has its date in one
    /// of the ranges; with `ranges` `None`: the row has no relevant membership.
    Subscribed {
        lists: &'a Lists<(GroupId, i64)>,
        groups: Option<&'a [GroupId]>,
        ranges: Option<Vec<(i64, i64)>>,
    },
}

impl Plan<'_> {
    /// The expected cost per row this condition removes: cheap, selective tests rank first.
    fn rank(&self) -> f64 {
        self.cost / (1.0 - self.pass).max(1e-9)
    }

    /// Narrows `rows` (all `n` rows when `None`) to those passing this condition.
    fn apply(&self, rows: Option<Vec<u32>>, n: usize) -> Vec<u32> {
        let neg = self.negate;
        match &self.pred {
            Pred::Const(answer) => {
                if *answer != neg {
                    rows.unwrap_or_else(|| (0..n as u32).collect())
                } else {
                    Vec::new()
                }
            }
            Pred::Ids { ids, wanted } => keep(rows, n, |r| wanted[ids[r as usize] as usize] != neg),
            Pred::Codes { codes, wanted } => {
                keep(rows, n, |r| wanted[codes[r as usize] as usize] != neg)
            }
            Pred::Ranges { values, ranges } => match ranges.as_slice() {
                [] => keep(rows, n, |_| neg),
                &[(lo, hi)] => keep(rows, n, |r| (lo..=hi).contains(&values[r as usize]) != neg),
                ranges => keep(rows, n, |r| in_ranges(ranges, values[r as usize]) != neg),
            },
            Pred::AnyTag { lists, wanted } => keep(rows, n, |r| {
                lists.get(r).iter().any(|&t| wanted[t as usize]) != neg
            }),
            Pred::NoTags { lists } => keep(rows, n, |r| lists.get(r).is_empty() != neg),
            Pred::Subscribed {
                lists,
                groups,
                ranges,
            } => keep(rows, n, |r| {
                let mut relevant = lists
                    .get(r)
                    .iter()
                    .filter(|(g, _)| groups.is_none_or(|gs| gs.binary_search(g).is_ok()));
                let hit = match ranges {
                    Some(ranges) => relevant.any(|&(_, at)| in_ranges(ranges, at)),
                    None => relevant.next().is_none(),
                };
                hit != neg
            }),
        }
    }
}

/// The rows of `rows` (all `n` rows when `None`) for which `test` holds, in order.
fn keep(rows: Option<Vec<u32>>, n: usize, test: impl Fn(u32) -> bool) -> Vec<u32> {
    match rows {
        Some(mut rows) => {
            rows.retain(|&r| test(r));
            rows
        }
        None => (0..n as u32).filter(|&r| test(r)).collect(),
    }
}

fn in_ranges(ranges: &[(i64, i64)], value: i64) -> bool {
    ranges.iter().any(|&(lo, hi)| lo <= value && value <= hi)
}

/// The members of any of `groups`, ascending.
fn candidates(members: &GroupMembers, groups: &[GroupId], n: usize) -> Vec<u32> {
    if let [group] = groups {
        return members.of(*group).to_vec();
    }
    let mut bits = vec![0u64; n.div_ceil(64)];
    for &group in groups {
        for &row in members.of(group) {
            bits[row as usize / 64] |= 1 << (row % 64);
        }
    }
    let mut rows = Vec::new();
    for (w, &word) in bits.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            rows.push(w as u32 * 64 + word.trailing_zeros());
            word &= word - 1;
        }
    }
    rows
}

/// A table over a dictionary's ids: true for entries equal to (or containing) a value. The empty
/// entry 0 is never wanted, nor, when `counts` are known, entries no row uses any more.
fn wanted_strings(
    dict: &Interner,
    counts: Option<&[u32]>,
    contains: bool,
    values: &[String],
) -> Vec<bool> {
    let mut wanted = vec![false; dict.len()];
    if contains {
        for id in 1..dict.len() as u32 {
            let used = counts.is_none_or(|counts| counts[id as usize] > 0);
            wanted[id as usize] = used && values.iter().any(|v| dict.get(id).contains(v.as_str()));
        }
    } else {
        for id in values.iter().filter_map(|v| dict.find(v)) {
            wanted[id as usize] = true;
        }
    }
    wanted[0] = false;
    wanted
}

fn one_hot(len: usize, at: usize) -> Vec<bool> {
    let mut table = vec![false; len];
    table[at] = true;
    table
}

/// The inclusive range of numbers that compare so with `value`.
fn point(cmp: Cmp, value: i64) -> Option<(i64, i64)> {
    match cmp {
        Cmp::Eq => Some((value, value)),
        Cmp::Gt => Some((value.checked_add(1)?, i64::MAX)),
        Cmp::Ge => Some((value, i64::MAX)),
        Cmp::Lt => Some((i64::MIN, value.checked_sub(1)?)),
        Cmp::Le => Some((i64::MIN, value)),
    }
}

/// The inclusive range of instants whose day compares so with the day `[start, end]`.
fn day_range(cmp: Cmp, start: i64, end: i64) -> Option<(i64, i64)> {
    match cmp {
        Cmp::Eq => Some((start, end)),
        Cmp::Gt => Some((end + 1, i64::MAX)),
        Cmp::Ge => Some((start, i64::MAX)),
        Cmp::Lt => Some((i64::MIN, start - 1)),
        Cmp::Le => Some((i64::MIN, end)),
    }
}

/// The inclusive instant ranges whose day, in a zone `offset` minutes east of UTC, compares so
/// with one of `days`.
fn day_ranges(cmp: Cmp, days: &[Date], offset: i32) -> Vec<(i64, i64)> {
    value_ranges(days.iter().map(|&d| {
        let start = day_start(d, offset).0;
        day_range(cmp, start, start + DAY_MS - 1)
    }))
}

/// The ranges, never including the no-value sentinel, empty ones dropped.
fn value_ranges(ranges: impl Iterator<Item = Option<(i64, i64)>>) -> Vec<(i64, i64)> {
    ranges
        .flatten()
        .map(|(lo, hi)| (lo.max(NO_NUMBER + 1), hi))
        .filter(|(lo, hi)| lo <= hi)
        .collect()
}
