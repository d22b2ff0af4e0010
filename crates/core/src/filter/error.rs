//! The filter's errors: a malformed URL text ([`FilterParseError`]) and a filter that does not fit
//! the base ([`CompileError`]). Each Display is Russian text the UI shows as is; nothing here
//! decides whether something is an error.

use std::fmt;

use crate::fields::MatchType;
use crate::model::{CategoryId, GroupId};
use crate::values::ValueError;

/// A URL text that is not a filter, with where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterParseError {
    /// The character (counted from 1, in Unicode scalar values) where the problem was found.
    pub position: usize,
    /// What is wrong.
    pub kind: FilterParseErrorKind,
}

impl FilterParseError {
    /// The character (counted from 1) where the problem was found.
    pub fn position(&self) -> usize {
        self.position
    }
}

/// What is wrong with a URL text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FilterParseErrorKind {
    /// The text does not start with a format version this build reads (`1~`).
    UnsupportedVersion(String),
    /// `!` is followed by a character it does not escape (only `~ : , !` are escaped).
    BadEscape(char),
    /// The text ends right after the escape character `!`.
    DanglingEscape,
    /// Two `~` in a row, or a `~` at the very end: an empty part.
    EmptyItem,
    /// A field key that is not in the catalogue.
    UnknownField(String),
    /// A match type code that does not exist.
    UnknownMatchType(String),
    /// A condition without a match type.
    MissingMatchType,
    /// A group or category number that is not a whole number.
    BadId(String),
    /// Categories (`c`) or groups (`g`) listed a second time.
    DuplicateSection(char),
    /// A `:` more than the part takes.
    TooManyParts,
    /// A `,` where a single word (version, field, match type) is expected.
    UnexpectedComma,
}

impl fmt::Display for FilterParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Фильтр в адресе повреждён (символ {}): ", self.position)?;
        match &self.kind {
            FilterParseErrorKind::UnsupportedVersion(v) => {
                write!(f, "неизвестная версия формата «{v}»; ожидается «1»")
            }
            FilterParseErrorKind::BadEscape(c) => {
                write!(
                    f,
                    "после «!» может стоять только «~», «:», «,» или «!», а не «{c}»"
                )
            }
            FilterParseErrorKind::DanglingEscape => write!(f, "текст обрывается после «!»"),
            FilterParseErrorKind::EmptyItem => write!(f, "пустая часть между «~»"),
            FilterParseErrorKind::UnknownField(k) => write!(f, "нет поля «{k}»"),
            FilterParseErrorKind::UnknownMatchType(m) => write!(f, "нет типа сравнения «{m}»"),
            FilterParseErrorKind::MissingMatchType => write!(f, "у условия нет типа сравнения"),
            FilterParseErrorKind::BadId(v) => write!(f, "«{v}» — не номер группы или категории"),
            FilterParseErrorKind::DuplicateSection(c) => {
                let what = if *c == 'c' {
                    "категории"
                } else {
                    "группы"
                };
                write!(f, "{what} перечислены дважды")
            }
            FilterParseErrorKind::TooManyParts => write!(f, "лишнее «:»"),
            FilterParseErrorKind::UnexpectedComma => write!(f, "здесь не может быть «,»"),
        }?;
        write!(f, ". Сбросьте фильтр и задайте его заново.")
    }
}

impl std::error::Error for FilterParseError {}

/// Why a filter does not fit the base it is compiled against.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CompileError {
    /// A ticked category does not exist (any more).
    UnknownCategory(CategoryId),
    /// A ticked group does not exist (any more).
    UnknownGroup(GroupId),
    /// A condition names a custom field the account does not have.
    UnknownCustomField {
        /// The condition's index in [`super::Filter::conditions`], from 0.
        condition: usize,
        /// The custom field key.
        key: String,
    },
    /// The match type makes no sense for the field.
    MatchTypeNotAllowed {
        /// The condition's index, from 0.
        condition: usize,
        /// The field's label.
        field: String,
        /// The rejected match type.
        match_type: MatchType,
        /// The match types the field offers.
        allowed: &'static [MatchType],
    },
    /// The match type compares with values, but none were given.
    MissingValues {
        /// The condition's index, from 0.
        condition: usize,
        /// The field's label.
        field: String,
        /// The match type.
        match_type: MatchType,
    },
    /// «пусто» or «не пусто» was given values.
    UnexpectedValues {
        /// The condition's index, from 0.
        condition: usize,
        /// The field's label.
        field: String,
        /// The match type.
        match_type: MatchType,
    },
    /// A value is blank.
    BlankValue {
        /// The condition's index, from 0.
        condition: usize,
        /// The field's label.
        field: String,
    },
    /// A value cannot be read as the field's type.
    BadValue {
        /// The condition's index, from 0.
        condition: usize,
        /// The field's label.
        field: String,
        /// Why, with the value as typed.
        reason: ValueError,
        /// What the field expects, e.g. «дата дд.мм.гггг».
        expected: String,
    },
}

impl CompileError {
    /// The index of the condition at fault, from 0; `None` for the group selection.
    pub fn condition(&self) -> Option<usize> {
        match self {
            Self::UnknownCategory(_) | Self::UnknownGroup(_) => None,
            Self::UnknownCustomField { condition, .. }
            | Self::MatchTypeNotAllowed { condition, .. }
            | Self::MissingValues { condition, .. }
            | Self::UnexpectedValues { condition, .. }
            | Self::BlankValue { condition, .. }
            | Self::BadValue { condition, .. } => Some(*condition),
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = |condition: &usize, field: &str| format!("Условие {} («{field}»)", condition + 1);
        match self {
            Self::UnknownCategory(id) => {
                write!(
                    f,
                    "Категории №{} больше нет: снимите её отметку в фильтре",
                    id.0
                )
            }
            Self::UnknownGroup(id) => {
                write!(
                    f,
                    "Группы №{} больше нет: снимите её отметку в фильтре",
                    id.0
                )
            }
            Self::UnknownCustomField { condition, key } => write!(
                f,
                "{}: такого доп. поля нет, удалите условие или выберите другое поле",
                at(condition, key)
            ),
            Self::MatchTypeNotAllowed {
                condition,
                field,
                match_type,
                allowed,
            } => {
                let allowed: Vec<&str> = allowed.iter().map(|m| m.label_ru()).collect();
                write!(
                    f,
                    "{}: сравнение «{}» не подходит для этого поля; можно: {}",
                    at(condition, field),
                    match_type.label_ru(),
                    allowed.join(", ")
                )
            }
            Self::MissingValues {
                condition,
                field,
                match_type,
            } => write!(
                f,
                "{}: для сравнения «{}» введите хотя бы одно значение",
                at(condition, field),
                match_type.label_ru()
            ),
            Self::UnexpectedValues {
                condition,
                field,
                match_type,
            } => write!(
                f,
                "{}: сравнение «{}» не принимает значений, уберите их",
                at(condition, field),
                match_type.label_ru()
            ),
            Self::BlankValue { condition, field } => write!(
                f,
                "{}: пустое значение; чтобы найти контакты без значения, выберите «пусто»",
                at(condition, field)
            ),
            Self::BadValue {
                condition,
                field,
                reason,
                expected,
            } => {
                write!(
                    f,
                    "{}: {reason}; ожидается {expected}",
                    at(condition, field)
                )
            }
        }
    }
}

impl std::error::Error for CompileError {}

/// Every reason a filter does not fit the base, in the order of the filter's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileErrors(pub Vec<CompileError>);

impl fmt::Display for CompileErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CompileErrors {}
