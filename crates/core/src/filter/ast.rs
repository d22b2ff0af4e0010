//! The filter as the user built it: a group selection and a list of conditions whose values are
//! kept exactly as typed. Plain serde data; it never parses values nor looks at a base — that is
//! [`super::compile`]'s job.

use serde::{Deserialize, Serialize};

use crate::fields::{FieldRef, MatchType};
use crate::model::{CategoryId, GroupId};

/// A filter of the Contacts page (SPEC §4): a group selection AND-ed with every condition.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Filter {
    /// The ticked categories and groups; nothing ticked means no group constraint.
    pub groups: GroupSelection,
    /// The conditions, all of which must hold.
    pub conditions: Vec<Condition>,
}

/// The ticked boxes of the group tree. A ticked category stands for all of its groups; a contact
/// matches when it is a member of any selected group.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GroupSelection {
    /// Ticked categories.
    pub categories: Vec<CategoryId>,
    /// Ticked groups.
    pub groups: Vec<GroupId>,
}

/// One condition row: field, match type and the values as the user typed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// The field it tests.
    pub field: FieldRef,
    /// How it compares.
    pub match_type: MatchType,
    /// The values, OR-ed (for «не соответствует»: none of them); empty for «пусто» / «не пусто».
    pub values: Vec<String>,
}

impl Filter {
    /// Whether nothing is selected and there are no conditions: every contact matches.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.conditions.is_empty()
    }
}

impl GroupSelection {
    /// Whether no category and no group is ticked.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.groups.is_empty()
    }
}

impl Condition {
    /// A condition on `field` with `match_type` and `values` as typed.
    pub fn new<I, S>(field: FieldRef, match_type: MatchType, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            field,
            match_type,
            values: values.into_iter().map(Into::into).collect(),
        }
    }
}
