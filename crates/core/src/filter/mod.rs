//! The filter engine of the Contacts page (SPEC §4).
//!
//! A [`Filter`] is what the user built: ticked groups and categories plus conditions whose values
//! are kept as typed; it has a compact URL text ([`Filter::to_url_text`],
//! [`Filter::from_url_text`]). [`Filter::compile`] checks it against a base and parses its values
//! once into a [`CompiledFilter`]; [`IndexedBase::filter`] evaluates that over lazily built scan
//! columns and gives the matching rows in base order. [`naive`] is the slow reference evaluator
//! the engine is tested and benchmarked against.
//!
//! Semantics: conditions are AND-ed; one condition's values are OR-ed, except «не соответствует»,
//! which holds when the value equals none of them (it is exactly the negation of
//! «соответствует»). A contact without a value matches only «не соответствует» and «пусто».
//! A contact is in the group selection when it is a member (any membership status) of a ticked
//! group or of any group of a ticked category. This module does no IO and reads no clock.

mod ast;
mod columns;
mod compile;
mod error;
mod index;
mod interner;
pub mod naive;
mod scan;
mod url_text;

pub use ast::{Condition, Filter, GroupSelection};
pub use compile::{CompileOptions, CompiledFilter};
pub use error::{CompileError, CompileErrors, FilterParseError, FilterParseErrorKind};
pub use index::IndexedBase;
pub use scan::Matches;
