//! Compilation: checks a [`Filter`] against a base's schema (groups, categories, custom fields)
//! and the catalogue's match types, parses every value once into its typed form, and expands
//! categories into groups. The result, [`CompiledFilter`], is evaluated by the index
//! ([`super::IndexedBase::filter`]) or the reference evaluator ([`super::naive`]); this module
//! never looks at contacts.

use time::Date;

use crate::fields::{FieldId, FieldKind, FieldRef, MatchType};
use crate::model::{Base, ChannelStatus, ConsentSource, CustomKind, EmailStatus, GroupId, Source};
use crate::normalize::{fold, phone_digits, phone_to_e164};
use crate::values::{
    Labelled, ValueError, parse_bool, parse_date, parse_integer, parse_money_minor,
    parse_utc_offset,
};

use super::ast::{Condition, Filter};
use super::error::{CompileError, CompileErrors};

/// What compilation needs besides the filter and the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompileOptions {
    /// The user's time zone, in minutes east of UTC: dates typed as дд.мм.гггг are calendar days
    /// there (Moscow is 180).
    pub utc_offset_minutes: i32,
}

/// A checked filter with typed values, ready to evaluate many times.
///
/// It holds no reference to the base: evaluate it again after contacts change. Compile again
/// after groups, categories or custom fields change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledFilter {
    /// The selected groups (categories expanded), sorted and without duplicates; `None` when
    /// nothing is ticked.
    pub(super) groups: Option<Vec<GroupId>>,
    /// The conditions, in the filter's order.
    pub(super) conditions: Vec<Typed>,
    /// The user's time zone in minutes east of UTC.
    pub(super) utc_offset_minutes: i32,
}

impl CompiledFilter {
    /// Whether every contact matches: no group ticked and no condition.
    pub fn is_empty(&self) -> bool {
        self.groups.is_none() && self.conditions.is_empty()
    }
}

/// The field a typed condition reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// A catalogue field.
    Builtin(FieldId),
    /// A custom field, by key, with its type at compile time.
    Custom {
        /// Its key.
        key: String,
        /// Its type.
        kind: CustomKind,
    },
}

/// A comparison of ordered values (numbers, money, offsets, days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cmp {
    /// Equal.
    Eq,
    /// Greater.
    Gt,
    /// Less.
    Lt,
    /// Greater or equal.
    Ge,
    /// Less or equal.
    Le,
}

impl Cmp {
    /// Whether `value` compares so with `query`.
    pub(super) fn holds<T: Ord>(self, value: T, query: T) -> bool {
        match self {
            Self::Eq => value == query,
            Self::Gt => value > query,
            Self::Lt => value < query,
            Self::Ge => value >= query,
            Self::Le => value <= query,
        }
    }
}

/// What a typed condition tests, values parsed; several values are OR-ed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Test {
    /// The field has no value.
    Empty,
    /// Folded text equals (or, with `contains`, contains) one of the folded values.
    Text {
        /// «содержит» rather than «соответствует».
        contains: bool,
        /// Folded values.
        values: Vec<String>,
    },
    /// Phone digits equal (or contain) one of the values' digits.
    Phone {
        /// «содержит» rather than «соответствует».
        contains: bool,
        /// Digit strings.
        values: Vec<String>,
    },
    /// Some folded tag equals (or contains) one of the folded values.
    Tags {
        /// «содержит» rather than «соответствует».
        contains: bool,
        /// Folded values.
        values: Vec<String>,
    },
    /// A number (money in minor units, offset in half hours) compares so with one of the values.
    Number {
        /// The comparison.
        cmp: Cmp,
        /// The values.
        values: Vec<i64>,
    },
    /// A date-time's calendar day (or, for the subscription date, some relevant membership's)
    /// compares so with one of the days.
    Day {
        /// The comparison.
        cmp: Cmp,
        /// The days.
        days: Vec<Date>,
    },
    /// An option's code is one of these (see [`option_code`]).
    Code(Vec<u8>),
}

/// One checked condition: it matches when `test` holds, or, with `negate`, when it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Typed {
    /// The field.
    pub(super) target: Target,
    /// The test.
    pub(super) test: Test,
    /// «не соответствует» and «не пусто» negate «соответствует» and «пусто».
    pub(super) negate: bool,
}

/// The code of an option value: 0 for no value, then 1 + the value's position among its kind's
/// options (for yes/no: 1 no, 2 yes). Columns store it; [`Test::Code`] lists the wanted ones.
pub(super) fn option_code<T: Labelled + PartialEq>(value: Option<T>) -> u8 {
    value
        .and_then(|v| T::ALL.iter().position(|o| *o == v))
        .map_or(0, |i| i as u8 + 1)
}

/// The code of a yes/no value, as [`option_code`].
pub(super) fn bool_code(value: Option<bool>) -> u8 {
    value.map_or(0, |v| u8::from(v) + 1)
}

/// The digits a phone is compared on: its E.164 form's when it is a valid number, else its own.
pub(super) fn phone_match_digits(raw: &str) -> String {
    phone_digits(&phone_to_e164(raw).unwrap_or_else(|| raw.to_owned()))
}

impl Filter {
    /// Checks the filter against `base`'s groups, categories and custom fields and the
    /// catalogue's match types, and parses every value. All problems are reported, not only the
    /// first.
    pub fn compile(
        &self,
        base: &Base,
        options: &CompileOptions,
    ) -> Result<CompiledFilter, CompileErrors> {
        let mut errors = Vec::new();
        let groups = select_groups(self, base, &mut errors);
        let conditions = self
            .conditions
            .iter()
            .enumerate()
            .filter_map(|(i, c)| compile_condition(i, c, base, &mut errors))
            .collect();
        if !errors.is_empty() {
            return Err(CompileErrors(errors));
        }
        Ok(CompiledFilter {
            groups,
            conditions,
            utc_offset_minutes: options.utc_offset_minutes,
        })
    }
}

fn select_groups(
    filter: &Filter,
    base: &Base,
    errors: &mut Vec<CompileError>,
) -> Option<Vec<GroupId>> {
    let selection = &filter.groups;
    if selection.is_empty() {
        return None;
    }
    let mut groups = Vec::new();
    for &category in &selection.categories {
        if base.categories.iter().any(|c| c.id == category) {
            groups.extend(base.groups_of(category).map(|g| g.id));
        } else {
            errors.push(CompileError::UnknownCategory(category));
        }
    }
    for &group in &selection.groups {
        if base.groups.iter().any(|g| g.id == group) {
            groups.push(group);
        } else {
            errors.push(CompileError::UnknownGroup(group));
        }
    }
    groups.sort_unstable();
    groups.dedup();
    Some(groups)
}

fn compile_condition(
    index: usize,
    condition: &Condition,
    base: &Base,
    errors: &mut Vec<CompileError>,
) -> Option<Typed> {
    let (target, label, kind) = match &condition.field {
        FieldRef::Builtin(id) => (Target::Builtin(*id), id.def().label_ru, id.def().kind),
        FieldRef::Custom(key) => match base.custom_fields.iter().find(|d| d.key == *key) {
            Some(def) => (
                Target::Custom {
                    key: key.clone(),
                    kind: def.kind,
                },
                def.label.as_str(),
                FieldKind::of_custom(def.kind),
            ),
            None => {
                errors.push(CompileError::UnknownCustomField {
                    condition: index,
                    key: key.clone(),
                });
                return None;
            }
        },
    };
    let match_type = condition.match_type;
    let field = || label.to_owned();
    if !kind.match_types().contains(&match_type) {
        errors.push(CompileError::MatchTypeNotAllowed {
            condition: index,
            field: field(),
            match_type,
            allowed: kind.match_types(),
        });
        return None;
    }
    if !match_type.takes_values() {
        if !condition.values.is_empty() {
            errors.push(CompileError::UnexpectedValues {
                condition: index,
                field: field(),
                match_type,
            });
            return None;
        }
        let negate = match_type == MatchType::NotEmpty;
        return Some(Typed {
            target,
            test: Test::Empty,
            negate,
        });
    }
    if condition.values.is_empty() {
        errors.push(CompileError::MissingValues {
            condition: index,
            field: field(),
            match_type,
        });
        return None;
    }
    let cmp = match match_type {
        MatchType::Gt => Cmp::Gt,
        MatchType::Lt => Cmp::Lt,
        MatchType::Ge => Cmp::Ge,
        MatchType::Le => Cmp::Le,
        _ => Cmp::Eq,
    };
    let contains = match_type == MatchType::Contains;
    let mut values = Values {
        index,
        label,
        kind,
        raw: &condition.values,
        errors,
    };
    let test = match kind {
        FieldKind::Text | FieldKind::Email => Test::Text {
            contains,
            values: values.parse(ok_fold)?,
        },
        FieldKind::Country => Test::Text {
            contains,
            values: values.parse(parse_country)?,
        },
        FieldKind::Phone => Test::Phone {
            contains,
            values: values.parse(parse_phone)?,
        },
        FieldKind::Tags => Test::Tags {
            contains,
            values: values.parse(ok_fold)?,
        },
        FieldKind::Money => Test::Number {
            cmp,
            values: values.parse(parse_money_minor)?,
        },
        FieldKind::Integer => Test::Number {
            cmp,
            values: values.parse(parse_integer)?,
        },
        FieldKind::UtcOffset => Test::Number {
            cmp,
            values: values.parse(|raw| Ok(i64::from(parse_utc_offset(raw)?.half_hours())))?,
        },
        FieldKind::Date | FieldKind::SubscriptionDate => Test::Day {
            cmp,
            days: values.parse(parse_date)?,
        },
        FieldKind::Bool => Test::Code(values.parse(|raw| Ok(bool_code(Some(parse_bool(raw)?))))?),
        FieldKind::EmailStatus => Test::Code(values.parse(parse_code::<EmailStatus>)?),
        FieldKind::ChannelStatus => Test::Code(values.parse(parse_code::<ChannelStatus>)?),
        FieldKind::Source => Test::Code(values.parse(parse_code::<Source>)?),
        FieldKind::Consent => Test::Code(values.parse(parse_code::<ConsentSource>)?),
    };
    Some(Typed {
        target,
        test,
        negate: match_type == MatchType::Ne,
    })
}

/// The values of one condition being parsed, and where their errors go.
struct Values<'a> {
    index: usize,
    label: &'a str,
    kind: FieldKind,
    raw: &'a [String],
    errors: &'a mut Vec<CompileError>,
}

impl Values<'_> {
    /// Parses every value with `parse`; on any failure records them all and gives `None`.
    fn parse<T>(&mut self, parse: impl Fn(&str) -> Result<T, ValueError>) -> Option<Vec<T>> {
        let before = self.errors.len();
        let mut out = Vec::with_capacity(self.raw.len());
        for raw in self.raw {
            let (condition, field) = (self.index, self.label.to_owned());
            if raw.trim().is_empty() {
                self.errors
                    .push(CompileError::BlankValue { condition, field });
                continue;
            }
            match parse(raw) {
                Ok(value) => out.push(value),
                Err(reason) => self.errors.push(CompileError::BadValue {
                    condition,
                    field,
                    reason,
                    expected: expected(self.kind),
                }),
            }
        }
        (self.errors.len() == before).then_some(out)
    }
}

fn ok_fold(raw: &str) -> Result<String, ValueError> {
    Ok(fold(raw))
}

fn parse_country(raw: &str) -> Result<String, ValueError> {
    let folded = fold(raw);
    if folded.len() != 2 || !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return Err(ValueError::UnknownOption(raw.trim().to_owned()));
    }
    Ok(folded)
}

fn parse_phone(raw: &str) -> Result<String, ValueError> {
    let digits = phone_match_digits(raw);
    if digits.is_empty() {
        return Err(ValueError::NotANumber(raw.trim().to_owned()));
    }
    Ok(digits)
}

fn parse_code<T: Labelled + PartialEq>(raw: &str) -> Result<u8, ValueError> {
    Ok(option_code(Some(T::parse_option(raw)?)))
}

/// What a field of `kind` expects, for error messages.
fn expected(kind: FieldKind) -> String {
    fn options<T: Labelled>() -> String {
        let labels: Vec<&str> = T::ALL.iter().map(|o| o.label_ru()).collect();
        format!("одно из: {}", labels.join(", "))
    }
    match kind {
        FieldKind::Text | FieldKind::Email | FieldKind::Tags => "текст".to_owned(),
        FieldKind::Country => "код страны из двух латинских букв, например RU".to_owned(),
        FieldKind::Phone => "номер телефона или его цифры, например 8 (812) 123-45-67".to_owned(),
        FieldKind::Money => "сумма, например 1 500,50".to_owned(),
        FieldKind::Integer => "целое число".to_owned(),
        FieldKind::UtcOffset => "часовой пояс от −12 до +14, например +3 или +5:30".to_owned(),
        FieldKind::Date | FieldKind::SubscriptionDate => "дата дд.мм.гггг".to_owned(),
        FieldKind::Bool => "«да» или «нет»".to_owned(),
        FieldKind::EmailStatus => options::<EmailStatus>(),
        FieldKind::ChannelStatus => options::<ChannelStatus>(),
        FieldKind::Source => options::<Source>(),
        FieldKind::Consent => options::<ConsentSource>(),
    }
}
