//! Changes to an account's base as data: the hybrid logical clock ([`Hlc`], [`HlcClock`]) and
//! mutations ([`Op`], [`Mutation`], [`Stamper`], [`Changes`]) — shared by the browser, which
//! records every change in its outbox, and the sync server.
//!
//! The flow of one local change: the app builds an [`Op`]; storage stamps it with a
//! [`Stamper`] (next [`MutationId`] and an HLC tick) and writes the op's [`Changes`] together
//! with the [`Mutation`] in one transaction; [`Op::apply`] is the only definition of what an op
//! does, to the in-memory [`crate::filter::IndexedBase`] and hence to the stored records.
//!
//! Edits of fields, group membership, deletion and erasure are ops too, and every op but erasure
//! has an [`Op::inverse`] (a [`Op::Restore`] of the contacts as they were), so undo is one more
//! mutation that syncs. Every op names a target (categories, groups, custom fields, contacts by
//! id) and the values it sets, so the sync merge can compare HLCs per (target, field).
//!
//! Sync: a [`Replica`] merges mutations in any order to one base (per-field last-writer-wins by
//! HLC, erasure permanent); [`sync`] holds the push/pull messages and the server's push rules.
//!
//! Pure: no IO, no clock, no randomness; wall time and client ids are arguments.

mod edit;
mod hlc;
mod merge;
mod mutation;
mod redact;
pub mod sync;

#[cfg(test)]
mod merge_tests;
#[cfg(test)]
mod ops_tests;
#[cfg(test)]
mod tests;

pub(crate) use edit::write;
pub use edit::{ErasureHash, FieldSet, NewValue, email_hash, erased_matches, phone_hash};
pub use hlc::{ClientId, Hlc, HlcClock, HlcParseError, MAX_WALL_MS};
pub use merge::{InvalidOp, Replica, Touched};
pub use mutation::{Changes, Mutation, MutationId, Op, Stamper};
pub use redact::Redacted;
