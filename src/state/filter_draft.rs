//! The filter being edited in the «Фильтр» panel: the ticked group tree and the condition rows,
//! each row and value with a stable id so the panel can keep its inputs while the user types.
//!
//! It converts to and from the core's [`Filter`] exactly (same conditions, same order, values as
//! typed), so compile errors point at the right row. It offers only what the core allows: the
//! match types of [`FieldKind::match_types`], enum values by their codes. Pure and tested
//! natively; nothing here evaluates a filter.

use contacts_core::fields::{CATALOGUE, FieldId, FieldKind, FieldRef, MatchType};
use contacts_core::filter::{Condition, Filter, GroupSelection};
use contacts_core::model::{
    Base, CategoryId, ChannelStatus, ConsentSource, EmailStatus, GroupId, Source,
};
use contacts_core::values::Labelled;

/// A filter being edited.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftFilter {
    /// The ticked categories and groups.
    pub groups: GroupSelection,
    /// The condition rows, in order.
    pub conditions: Vec<DraftCondition>,
    /// The next id to hand out to a row or value.
    next_id: u32,
}

/// One condition row being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftCondition {
    /// Stable id of the row.
    pub id: u32,
    /// The field it tests.
    pub field: FieldRef,
    /// How it compares.
    pub match_type: MatchType,
    /// Its values; none for «пусто» / «не пусто».
    pub values: Vec<DraftValue>,
}

/// One value of a condition row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftValue {
    /// Stable id of the value.
    pub id: u32,
    /// The value as typed (or an option's code).
    pub text: String,
}

/// How a category's checkbox looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// All its groups are selected.
    Checked,
    /// Some of its groups are selected.
    Partial,
    /// None is.
    Unchecked,
}

/// A field the condition row's first select offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldOption {
    /// The option's value: [`field_key`].
    pub key: String,
    /// The catalogue or custom field label.
    pub label: String,
}

/// How a condition's value is entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueInput {
    /// A text box with a hint, e.g. «дд.мм.гггг».
    Text {
        /// The placeholder.
        placeholder: &'static str,
    },
    /// A choice of `(code, Russian label)` options.
    Select(Vec<(&'static str, &'static str)>),
}

/// The key of a field in selects: the catalogue key, or `*` and the custom field key.
pub fn field_key(field: &FieldRef) -> String {
    match field {
        FieldRef::Builtin(id) => id.def().key.to_owned(),
        FieldRef::Custom(key) => format!("*{key}"),
    }
}

/// The field with this [`field_key`].
pub fn field_from_key(key: &str) -> Option<FieldRef> {
    match key.strip_prefix('*') {
        Some(custom) if !custom.is_empty() => Some(FieldRef::Custom(custom.to_owned())),
        Some(_) => None,
        None => FieldId::from_key(key).map(FieldRef::Builtin),
    }
}

/// Every field a condition can test: the catalogue, then the base's custom fields.
pub fn field_options(base: &Base) -> Vec<FieldOption> {
    CATALOGUE
        .iter()
        .map(|def| FieldOption {
            key: def.key.to_owned(),
            label: def.label_ru.to_owned(),
        })
        .chain(base.custom_fields.iter().map(|def| FieldOption {
            key: field_key(&FieldRef::Custom(def.key.clone())),
            label: def.label.clone(),
        }))
        .collect()
}

/// The kind of `field` in `base`; `None` for a custom field the base does not have.
pub fn field_kind(base: &Base, field: &FieldRef) -> Option<FieldKind> {
    match field {
        FieldRef::Builtin(id) => Some(id.def().kind),
        FieldRef::Custom(key) => base
            .custom_fields
            .iter()
            .find(|d| d.key == *key)
            .map(|d| FieldKind::of_custom(d.kind)),
    }
}

/// The match types a condition on `field` may use (all of them for an unknown custom field, so
/// the row can still show what it has; compilation reports the field).
pub fn match_types(base: &Base, field: &FieldRef) -> &'static [MatchType] {
    field_kind(base, field).map_or(&MatchType::ALL, FieldKind::match_types)
}

fn options<T: Labelled>() -> Vec<(&'static str, &'static str)> {
    T::ALL.iter().map(|v| (v.code(), v.label_ru())).collect()
}

/// How a value of a field of `kind` is entered.
pub fn value_input(kind: Option<FieldKind>) -> ValueInput {
    let text = |placeholder| ValueInput::Text { placeholder };
    match kind {
        Some(FieldKind::EmailStatus) => ValueInput::Select(options::<EmailStatus>()),
        Some(FieldKind::ChannelStatus) => ValueInput::Select(options::<ChannelStatus>()),
        Some(FieldKind::Source) => ValueInput::Select(options::<Source>()),
        Some(FieldKind::Consent) => ValueInput::Select(options::<ConsentSource>()),
        Some(FieldKind::Bool) => ValueInput::Select(vec![("да", "да"), ("нет", "нет")]),
        Some(FieldKind::Date | FieldKind::SubscriptionDate) => text("дд.мм.гггг"),
        Some(FieldKind::Money) => text("сумма, например 1 500,50"),
        Some(FieldKind::Integer) => text("число"),
        Some(FieldKind::UtcOffset) => text("например +3"),
        Some(FieldKind::Country) => text("код страны, например RU"),
        Some(FieldKind::Phone) => text("телефон"),
        Some(FieldKind::Text | FieldKind::Email | FieldKind::Tags) | None => text("значение"),
    }
}

/// The value a new value box starts with: the first option of a select, else empty.
fn default_value(kind: Option<FieldKind>) -> String {
    match value_input(kind) {
        ValueInput::Select(options) => options
            .first()
            .map(|(code, _)| (*code).to_owned())
            .unwrap_or_default(),
        ValueInput::Text { .. } => String::new(),
    }
}

impl DraftFilter {
    /// The draft of an existing filter.
    pub fn from_filter(filter: &Filter) -> Self {
        let mut draft = Self {
            groups: filter.groups.clone(),
            ..Self::default()
        };
        for condition in &filter.conditions {
            let id = draft.fresh_id();
            let values = condition
                .values
                .iter()
                .map(|text| DraftValue {
                    id: draft.fresh_id(),
                    text: text.clone(),
                })
                .collect();
            draft.conditions.push(DraftCondition {
                id,
                field: condition.field.clone(),
                match_type: condition.match_type,
                values,
            });
        }
        draft
    }

    /// The filter this draft stands for.
    pub fn to_filter(&self) -> Filter {
        Filter {
            groups: self.groups.clone(),
            conditions: self
                .conditions
                .iter()
                .map(|c| {
                    Condition::new(
                        c.field.clone(),
                        c.match_type,
                        c.values.iter().map(|v| v.text.clone()),
                    )
                })
                .collect(),
        }
    }

    fn fresh_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// The row with this id.
    pub fn condition(&self, id: u32) -> Option<&DraftCondition> {
        self.conditions.iter().find(|c| c.id == id)
    }

    /// The position of the row with this id (what compile errors call the condition's index).
    pub fn index_of(&self, id: u32) -> Option<usize> {
        self.conditions.iter().position(|c| c.id == id)
    }

    fn condition_mut(&mut self, id: u32) -> Option<&mut DraftCondition> {
        self.conditions.iter_mut().find(|c| c.id == id)
    }

    /// Adds a row on «Фамилия», «соответствует», with one empty value; gives its id.
    pub fn add_condition(&mut self) -> u32 {
        let id = self.fresh_id();
        let value = DraftValue {
            id: self.fresh_id(),
            text: String::new(),
        };
        let field = FieldRef::Builtin(FieldId::LastName);
        self.conditions.push(DraftCondition {
            id,
            match_type: FieldId::LastName.def().kind.match_types()[0],
            field,
            values: vec![value],
        });
        id
    }

    /// Removes a row.
    pub fn remove_condition(&mut self, id: u32) {
        self.conditions.retain(|c| c.id != id);
    }

    /// Points a row at another field. The match type is kept when the field allows it, else it
    /// becomes the field's first; values are kept when the kind is the same, else the row gets
    /// one fresh value (or none for «пусто» / «не пусто»).
    pub fn set_field(&mut self, base: &Base, id: u32, field: FieldRef) {
        let Some(old) = self.condition(id) else {
            return;
        };
        let same_kind = field_kind(base, &old.field) == field_kind(base, &field);
        let allowed = match_types(base, &field);
        let match_type = if allowed.contains(&old.match_type) {
            old.match_type
        } else {
            allowed[0]
        };
        let fresh = (!same_kind && match_type.takes_values()).then(|| DraftValue {
            id: self.fresh_id(),
            text: default_value(field_kind(base, &field)),
        });
        if let Some(row) = self.condition_mut(id) {
            row.field = field;
            row.match_type = match_type;
            if !same_kind {
                row.values = fresh.into_iter().collect();
            }
        }
    }

    /// Changes a row's match type; «пусто» / «не пусто» drop the values, the others get one
    /// value when the row had none.
    pub fn set_match_type(&mut self, base: &Base, id: u32, match_type: MatchType) {
        let Some(old) = self.condition(id) else {
            return;
        };
        let needs_value = match_type.takes_values() && old.values.is_empty();
        let fresh = needs_value.then(|| default_value(field_kind(base, &old.field)));
        let fresh = fresh.map(|text| DraftValue {
            id: self.fresh_id(),
            text,
        });
        if let Some(row) = self.condition_mut(id) {
            row.match_type = match_type;
            if !match_type.takes_values() {
                row.values.clear();
            }
            row.values.extend(fresh);
        }
    }

    /// Adds another value to a row («+»).
    pub fn add_value(&mut self, base: &Base, id: u32) {
        let Some(row) = self.condition(id) else {
            return;
        };
        if !row.match_type.takes_values() {
            return;
        }
        let value = DraftValue {
            text: default_value(field_kind(base, &row.field)),
            id: self.fresh_id(),
        };
        if let Some(row) = self.condition_mut(id) {
            row.values.push(value);
        }
    }

    /// Removes one value of a row; the last value of a row stays (remove the row instead).
    pub fn remove_value(&mut self, id: u32, value: u32) {
        if let Some(row) = self.condition_mut(id)
            && row.values.len() > 1
        {
            row.values.retain(|v| v.id != value);
        }
    }

    /// Sets the text of one value.
    pub fn set_value(&mut self, id: u32, value: u32, text: String) {
        if let Some(v) = self
            .condition_mut(id)
            .and_then(|row| row.values.iter_mut().find(|v| v.id == value))
        {
            v.text = text;
        }
    }

    /// How the checkbox of `category` looks.
    pub fn category_tick(&self, base: &Base, category: CategoryId) -> Tick {
        if self.groups.categories.contains(&category) {
            return Tick::Checked;
        }
        let (mut ticked, mut total) = (0, 0);
        for group in base.groups_of(category) {
            total += 1;
            ticked += usize::from(self.groups.groups.contains(&group.id));
        }
        match ticked {
            0 => Tick::Unchecked,
            n if n == total => Tick::Checked,
            _ => Tick::Partial,
        }
    }

    /// Whether `group` is selected, itself or through its ticked category.
    pub fn group_ticked(&self, base: &Base, group: GroupId) -> bool {
        self.groups.groups.contains(&group)
            || base
                .groups
                .iter()
                .find(|g| g.id == group)
                .is_some_and(|g| self.groups.categories.contains(&g.category))
    }

    /// Clicks a category's checkbox: a fully ticked category is cleared, any other is ticked
    /// whole (standing for all its groups, its single group ticks folded into it).
    pub fn toggle_category(&mut self, base: &Base, category: CategoryId) {
        let members: Vec<GroupId> = base.groups_of(category).map(|g| g.id).collect();
        let tick = self.category_tick(base, category);
        self.groups.groups.retain(|g| !members.contains(g));
        self.groups.categories.retain(|c| *c != category);
        if tick != Tick::Checked {
            self.groups.categories.push(category);
        }
    }

    /// Clicks a group's checkbox. Unticking a group of a ticked category leaves its other groups
    /// ticked; ticking the last unticked group of a category ticks the category.
    pub fn toggle_group(&mut self, base: &Base, group: GroupId) {
        let Some(category) = base
            .groups
            .iter()
            .find(|g| g.id == group)
            .map(|g| g.category)
        else {
            self.groups.groups.retain(|g| *g != group);
            return;
        };
        if self.group_ticked(base, group) {
            if self.groups.categories.contains(&category) {
                self.groups.categories.retain(|c| *c != category);
                self.groups
                    .groups
                    .extend(base.groups_of(category).map(|g| g.id));
            }
            self.groups.groups.retain(|g| *g != group);
        } else {
            self.groups.groups.push(group);
            if self.category_tick(base, category) == Tick::Checked {
                let members: Vec<GroupId> = base.groups_of(category).map(|g| g.id).collect();
                self.groups.groups.retain(|g| !members.contains(g));
                self.groups.categories.push(category);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use contacts_core::fixtures::generate;

    use super::*;

    fn base() -> Base {
        generate(1, 1)
    }

    #[test]
    fn round_trips_a_filter_exactly() {
        let text = "1~c:2~g:3,7~billing.city:eq:Москва,Казань~points:gt:100~*birthday:empty";
        let filter = Filter::from_url_text(text).unwrap();
        let draft = DraftFilter::from_filter(&filter);
        assert_eq!(draft.to_filter(), filter);
        assert_eq!(draft.to_filter().to_url_text(), text);
        let ids: Vec<u32> = draft
            .conditions
            .iter()
            .flat_map(|c| std::iter::once(c.id).chain(c.values.iter().map(|v| v.id)))
            .collect();
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(ids, unique);
    }

    #[test]
    fn a_new_row_offers_only_the_fields_match_types() {
        let base = base();
        let mut draft = DraftFilter::default();
        let id = draft.add_condition();
        assert_eq!(draft.conditions[0].match_type, MatchType::Eq);
        assert_eq!(draft.conditions[0].values.len(), 1);

        draft.set_match_type(&base, id, MatchType::Contains);
        draft.set_field(&base, id, FieldRef::Builtin(FieldId::Points));
        let row = draft.condition(id).unwrap();
        assert_eq!(
            row.match_type,
            MatchType::Eq,
            "«содержит» is not offered for numbers"
        );
        assert!(match_types(&base, &row.field).contains(&MatchType::Gt));

        draft.set_field(&base, id, FieldRef::Builtin(FieldId::Status));
        let row = draft.condition(id).unwrap();
        assert_eq!(row.values.len(), 1);
        assert_eq!(
            row.values[0].text, "active",
            "a select starts on its first option"
        );
        assert_eq!(
            value_input(field_kind(&base, &row.field)),
            ValueInput::Select(options::<EmailStatus>())
        );
    }

    #[test]
    fn values_are_added_removed_and_cleared_by_empty_match_types() {
        let base = base();
        let mut draft = DraftFilter::default();
        let id = draft.add_condition();
        let first = draft.condition(id).unwrap().values[0].id;
        draft.set_value(id, first, "Иванов".into());
        draft.add_value(&base, id);
        let second = draft.condition(id).unwrap().values[1].id;
        draft.set_value(id, second, "Петров".into());
        assert_eq!(
            draft.to_filter().to_url_text(),
            "1~last_name:eq:Иванов,Петров"
        );

        draft.remove_value(id, first);
        draft.remove_value(id, second);
        assert_eq!(draft.to_filter().to_url_text(), "1~last_name:eq:Петров");

        draft.set_match_type(&base, id, MatchType::Empty);
        assert_eq!(draft.to_filter().to_url_text(), "1~last_name:empty");
        draft.add_value(&base, id);
        assert!(draft.condition(id).unwrap().values.is_empty());
        draft.set_match_type(&base, id, MatchType::Ne);
        assert_eq!(draft.condition(id).unwrap().values.len(), 1);

        draft.set_field(&base, id, FieldRef::Builtin(FieldId::FirstName));
        assert_eq!(
            draft.condition(id).unwrap().values.len(),
            1,
            "same kind keeps values"
        );
        draft.remove_condition(id);
        assert!(draft.to_filter().is_empty());
    }

    #[test]
    fn the_group_tree_ticks_categories_whole_and_shows_partial_ones() {
        let base = base();
        let category = base.categories[0].id;
        let groups: Vec<GroupId> = base.groups_of(category).map(|g| g.id).collect();
        let mut draft = DraftFilter::default();

        draft.toggle_group(&base, groups[0]);
        assert_eq!(draft.category_tick(&base, category), Tick::Partial);
        draft.toggle_category(&base, category);
        assert_eq!(draft.groups.categories, vec![category]);
        assert!(draft.groups.groups.is_empty());
        assert!(groups.iter().all(|&g| draft.group_ticked(&base, g)));

        draft.toggle_group(&base, groups[1]);
        assert_eq!(draft.category_tick(&base, category), Tick::Partial);
        assert!(draft.groups.categories.is_empty());
        assert!(!draft.group_ticked(&base, groups[1]));
        assert!(draft.group_ticked(&base, groups[0]));

        draft.toggle_group(&base, groups[1]);
        assert_eq!(draft.groups.categories, vec![category]);
        assert!(draft.groups.groups.is_empty());

        draft.toggle_category(&base, category);
        assert!(draft.groups.is_empty());
        assert_eq!(draft.category_tick(&base, category), Tick::Unchecked);
    }

    #[test]
    fn field_keys_cover_catalogue_and_custom_fields() {
        let base = base();
        let options = field_options(&base);
        assert_eq!(options.len(), CATALOGUE.len() + base.custom_fields.len());
        for option in &options {
            let field = field_from_key(&option.key).expect("known key");
            assert_eq!(field_key(&field), option.key);
            assert!(field_kind(&base, &field).is_some());
        }
        assert_eq!(field_from_key("*"), None);
        assert_eq!(
            match_types(&base, &FieldRef::Custom("gone".into())),
            &MatchType::ALL
        );
    }
}
