//! The sync protocol's messages and the server's rules for taking in a push, shared by the
//! browser's sync client and the sync server so both read and write the same JSON.
//!
//! - `POST /api/push` sends a [`PushRequest`]: one client's mutations in sequence order. The
//!   server checks the whole push first ([`check_push`]) and applies none of it when any
//!   mutation is invalid or its HLC is more than [`MAX_CLOCK_AHEAD_MS`] ahead of the server's
//!   clock. It skips mutations at or below the client's last applied sequence number (a retried
//!   push never applies twice), stores the others as [`stored_form`] gives them, and stamps each
//!   with the account's next sequence number; the answer is a [`PushResponse`].
//! - `GET /api/pull?cursor=n` answers a [`PullResponse`]: the stored mutations after `n` in
//!   sequence order, a page at a time, with the contacts erased after `n`. A cursor older than
//!   the log the server keeps gets `reset`, and the client starts again from a
//!   [`Snapshot`] (`GET /api/snapshot`).
//!
//! Applying the pulled mutations to a [`Replica`] (with the client's own, in whatever order they
//! come) converges on the server's base; see `merge.rs`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::hlc::ClientId;
use super::merge::Replica;
use super::mutation::{Mutation, Op};
use super::redact::Redacted;
use crate::model::{ContactId, Timestamp};

/// How far ahead of the server's clock a mutation's HLC may be: 60 s.
pub const MAX_CLOCK_AHEAD_MS: i64 = 60_000;

/// The body of `POST /api/push`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    /// The client pushing; every mutation must be its own.
    pub client_id: ClientId,
    /// Its mutations, in increasing sequence number.
    pub mutations: Vec<Mutation>,
}

/// The answer to a push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// The client's last mutation the server has applied (its outbox may drop everything up to
    /// it).
    pub last_mutation_seq: u64,
    /// How many mutations of this push were new (the rest had been applied before).
    pub applied: u64,
    /// The account's sequence number after this push.
    pub cursor: u64,
}

/// One stored mutation, stamped with the account's sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The account's sequence number of this change.
    pub seq: u64,
    /// The mutation as the server keeps it.
    pub mutation: Mutation,
}

/// What the server keeps of an erased contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasedContact {
    /// The contact.
    pub id: ContactId,
    /// When it was erased (its erasure's HLC wall time).
    pub erased_at: Timestamp,
    /// The account's sequence number of the erasure.
    pub seq: u64,
}

/// The answer to `GET /api/pull?cursor=n`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    /// `true` when `n` is older than the log the server keeps: nothing else is given; get a
    /// [`Snapshot`] and pull from its cursor.
    pub reset: bool,
    /// The changes after `n`, in sequence order.
    pub changes: Vec<Change>,
    /// Contacts erased after `n` (up to `cursor`).
    pub erased: Vec<ErasedContact>,
    /// Where the next pull starts.
    pub cursor: u64,
    /// Whether more changes follow `cursor`.
    pub has_more: bool,
}

/// The answer to `GET /api/snapshot`: the server's merged state up to `cursor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The sequence number the replica includes everything up to.
    pub cursor: u64,
    /// The merged state.
    pub replica: Replica,
}

/// Why a push is refused whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushError {
    /// A mutation is malformed or not the pushing client's.
    Invalid(String),
    /// A mutation's HLC is too far ahead of the server's clock.
    FromTheFuture(String),
}

impl std::fmt::Display for PushError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PushError::Invalid(reason) | PushError::FromTheFuture(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for PushError {}

/// Checks a whole push at the server's wall time `now_ms`: every mutation is the client's (its
/// id and its HLC), sequence numbers start at 1 and strictly increase, no HLC is more than
/// [`MAX_CLOCK_AHEAD_MS`] ahead, and every op passes [`Op::validate`].
pub fn check_push(push: &PushRequest, now_ms: i64) -> Result<(), PushError> {
    let mut previous = 0;
    for (index, m) in push.mutations.iter().enumerate() {
        let at = |what: String| format!("mutation {index} (seq {}): {what}", m.id.seq);
        if m.id.client != push.client_id || m.hlc.client() != push.client_id {
            return Err(PushError::Invalid(at(format!(
                "its id and clock must be client {}'s",
                push.client_id
            ))));
        }
        if m.id.seq == 0 || m.id.seq <= previous {
            return Err(PushError::Invalid(at(
                "sequence numbers must start at 1 and increase".to_owned(),
            )));
        }
        previous = m.id.seq;
        let ahead = m.hlc.wall_ms() - now_ms;
        if ahead > MAX_CLOCK_AHEAD_MS {
            return Err(PushError::FromTheFuture(at(format!(
                "its clock is {ahead} ms ahead of the server's (at most {MAX_CLOCK_AHEAD_MS} ms)"
            ))));
        }
        m.op.validate()
            .map_err(|e| PushError::Invalid(at(e.to_string())))?;
    }
    Ok(())
}

/// The form in which the server stores `mutation`, given the contacts already erased: without
/// any value of an erased contact and without erasure hashes; `None` when nothing is left.
pub fn stored_form(mutation: &Mutation, erased: &BTreeSet<ContactId>) -> Option<Mutation> {
    let op = match mutation.op.redact(erased) {
        Redacted::Unchanged => mutation.op.without_erasure_hashes(),
        Redacted::Changed(op) => op,
        Redacted::Empty => return None,
    };
    Some(Mutation {
        id: mutation.id,
        hlc: mutation.hlc,
        op,
    })
}

/// Whether `op` names any of `ids` (so a log entry holding it must be redacted once they are
/// erased).
pub fn mentions(op: &Op, ids: &BTreeSet<ContactId>) -> bool {
    !matches!(op.redact(ids), Redacted::Unchanged)
}
