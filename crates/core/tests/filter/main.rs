//! Tests of the filter engine (`contacts_core::filter`): explicit SPEC §4 cases, the URL text,
//! edits of an indexed base, and property tests against the naive evaluator.

mod cases;
mod common;
mod oracle;
mod updates;
mod url;
