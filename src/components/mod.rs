//! Reusable view pieces, one component per file. They lay out what `crate::state` gives them
//! and send the user's clicks back to it; they hold no business rules.

pub mod bulk_dialog;
pub mod bulk_edit_fields;
pub mod bulk_menu;
pub mod busy_bar;
pub mod card_menu;
pub mod category_node;
pub mod columns_dialog;
pub mod condition_row;
pub mod condition_value;
pub mod contact_card;
pub mod contact_form;
pub mod contact_row;
pub mod demo_progress;
pub mod empty_base;
pub mod export_dialog;
pub mod filter_panel;
pub mod group_checklist;
pub mod group_choice;
pub mod group_tree;
pub mod groups_cell;
pub mod selection_bar;
pub mod sort_header;
pub mod top_bar;
pub mod totals;
pub mod undo_button;
pub mod virtual_table;
