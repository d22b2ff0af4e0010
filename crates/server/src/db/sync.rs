//! The sync log of each account: push (one transaction per push), pull in pages, the snapshot
//! older changes fold into, and the erasure purge.
//!
//! The rules come from `contacts_core::change::sync` (what is stored of a mutation, what a push
//! must satisfy) and `contacts_core::change::Replica` (the merge); this file only stores. Every
//! query names the account, so one account's rows are never read or written for another.

use std::collections::BTreeSet;

use contacts_core::change::sync::{
    self, Change, ErasedContact, PullResponse, PushRequest, PushResponse,
};
use contacts_core::change::{Mutation, Op, Replica};
use contacts_core::model::{ContactId, Timestamp};
use sqlx::any::Any;
use sqlx::{Row, Transaction};

use super::{Db, DbError};

/// The serialised form of a stored mutation.
fn to_json(value: &impl serde::Serialize) -> Result<String, DbError> {
    serde_json::to_string(value).map_err(|e| DbError::Corrupt(e.to_string()))
}

/// A stored mutation read back.
fn mutation_of(text: &str) -> Result<Mutation, DbError> {
    serde_json::from_str(text).map_err(|e| DbError::Corrupt(format!("a stored change: {e}")))
}

/// An account sequence number as stored (sequence numbers and ids are u64 in the protocol and
/// BIGINT in the database; ids keep their bits).
fn stored(n: u64) -> i64 {
    n as i64
}

impl Db {
    /// Applies a checked push of `account` in one transaction: mutations at or below the
    /// client's last applied one are skipped, the others stored in their stored form, each
    /// with the account's next sequence number. An erasure also purges the erased contacts from
    /// every stored change and from the snapshot. When more than `2 × log_keep` changes are
    /// kept, all but the last `log_keep` fold into the snapshot.
    pub(crate) async fn push(
        &self,
        account: i64,
        push: &PushRequest,
        log_keep: u64,
    ) -> Result<PushResponse, DbError> {
        let mut tx = self.pool.begin().await?;
        // A write first: it takes the account's row lock (PostgreSQL) or the write lock
        // (SQLite), so pushes of one account are applied one at a time.
        let row = sqlx::query(
            "UPDATE accounts SET last_seq = last_seq WHERE id = $1 RETURNING last_seq, snapshot_seq",
        )
        .bind(account)
        .fetch_one(&mut *tx)
        .await?;
        let mut seq = row.try_get::<i64, _>(0)? as u64;
        let snapshot_seq = row.try_get::<i64, _>(1)? as u64;
        let start_seq = seq;
        let client = push.client_id.to_string();
        let last: Option<i64> = sqlx::query(
            "SELECT last_mutation_seq FROM sync_clients WHERE account_id = $1 AND client_id = $2",
        )
        .bind(account)
        .bind(&client)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.try_get(0))
        .transpose()?;
        let mut last = last.unwrap_or(0) as u64;
        let mut erased: BTreeSet<ContactId> =
            sqlx::query("SELECT contact_id FROM erasures WHERE account_id = $1")
                .bind(account)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|row| row.try_get::<i64, _>(0).map(|id| ContactId(id as u64)))
                .collect::<Result<_, _>>()?;
        let mut newly_erased = BTreeSet::new();
        let mut erasures = Vec::new();
        let mut applied = 0;
        for mutation in &push.mutations {
            if mutation.id.seq <= last {
                continue;
            }
            last = mutation.id.seq;
            applied += 1;
            let Some(kept) = sync::stored_form(mutation, &erased) else {
                continue;
            };
            seq += 1;
            sqlx::query("INSERT INTO changes (account_id, seq, mutation) VALUES ($1, $2, $3)")
                .bind(account)
                .bind(stored(seq))
                .bind(to_json(&kept)?)
                .execute(&mut *tx)
                .await?;
            let ids = kept.op.erased();
            if !ids.is_empty() {
                for id in ids {
                    if erased.insert(id) {
                        newly_erased.insert(id);
                        sqlx::query(
                            "INSERT INTO erasures (account_id, contact_id, erased_at, seq) \
                             VALUES ($1, $2, $3, $4)",
                        )
                        .bind(account)
                        .bind(id.0 as i64)
                        .bind(kept.hlc.wall_ms())
                        .bind(stored(seq))
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                erasures.push(kept);
            }
        }
        if !newly_erased.is_empty() {
            purge(&mut tx, account, &newly_erased, &erasures).await?;
        }
        if applied > 0 {
            sqlx::query(
                "INSERT INTO sync_clients (account_id, client_id, last_mutation_seq) \
                 VALUES ($1, $2, $3) ON CONFLICT (account_id, client_id) \
                 DO UPDATE SET last_mutation_seq = excluded.last_mutation_seq",
            )
            .bind(account)
            .bind(&client)
            .bind(stored(last))
            .execute(&mut *tx)
            .await?;
        }
        if seq != start_seq {
            sqlx::query("UPDATE accounts SET last_seq = $2 WHERE id = $1")
                .bind(account)
                .bind(stored(seq))
                .execute(&mut *tx)
                .await?;
        }
        let keep = log_keep.max(1);
        if seq - snapshot_seq > keep.saturating_mul(2) {
            compact(&mut tx, account, snapshot_seq, seq - keep).await?;
        }
        tx.commit().await?;
        Ok(PushResponse {
            last_mutation_seq: last,
            applied,
            cursor: seq,
        })
    }

    /// The changes of `account` after `cursor`, at most `limit` of them, with the contacts erased
    /// after `cursor` up to the new cursor; `reset` when `cursor` is older than the kept log or
    /// beyond the account's last change.
    pub(crate) async fn pull(
        &self,
        account: i64,
        cursor: u64,
        limit: u64,
    ) -> Result<PullResponse, DbError> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query("SELECT last_seq, snapshot_seq FROM accounts WHERE id = $1")
            .bind(account)
            .fetch_one(&mut *tx)
            .await?;
        let last_seq = row.try_get::<i64, _>(0)? as u64;
        let snapshot_seq = row.try_get::<i64, _>(1)? as u64;
        if cursor < snapshot_seq || cursor > last_seq {
            return Ok(PullResponse {
                reset: true,
                changes: Vec::new(),
                erased: Vec::new(),
                cursor: snapshot_seq,
                has_more: true,
            });
        }
        let rows = sqlx::query(
            "SELECT seq, mutation FROM changes WHERE account_id = $1 AND seq > $2 \
             ORDER BY seq LIMIT $3",
        )
        .bind(account)
        .bind(stored(cursor))
        .bind(stored(limit))
        .fetch_all(&mut *tx)
        .await?;
        let mut changes = Vec::with_capacity(rows.len());
        for row in rows {
            let seq = row.try_get::<i64, _>(0)? as u64;
            let text: String = row.try_get(1)?;
            changes.push(Change {
                seq,
                mutation: mutation_of(&text)?,
            });
        }
        let new_cursor = changes.last().map_or(cursor, |c| c.seq);
        let erased = sqlx::query(
            "SELECT contact_id, erased_at, seq FROM erasures \
             WHERE account_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq, contact_id",
        )
        .bind(account)
        .bind(stored(cursor))
        .bind(stored(new_cursor))
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|row| {
            Ok(ErasedContact {
                id: ContactId(row.try_get::<i64, _>(0)? as u64),
                erased_at: Timestamp(row.try_get(1)?),
                seq: row.try_get::<i64, _>(2)? as u64,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        tx.commit().await?;
        Ok(PullResponse {
            reset: false,
            changes,
            erased,
            cursor: new_cursor,
            has_more: new_cursor < last_seq,
        })
    }

    /// The snapshot of `account`: the sequence number it includes everything up to, and the
    /// merged state as JSON.
    pub(crate) async fn snapshot(&self, account: i64) -> Result<(u64, String), DbError> {
        let mut tx = self.pool.begin().await?;
        let seq: i64 = sqlx::query("SELECT snapshot_seq FROM accounts WHERE id = $1")
            .bind(account)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        let replica = match load_replica_text(&mut tx, account).await? {
            Some(text) => text,
            None => to_json(&Replica::new())?,
        };
        tx.commit().await?;
        Ok((seq as u64, replica))
    }
}

/// The stored snapshot of `account`, as JSON.
async fn load_replica_text(
    tx: &mut Transaction<'static, Any>,
    account: i64,
) -> Result<Option<String>, DbError> {
    let row = sqlx::query("SELECT replica FROM snapshots WHERE account_id = $1")
        .bind(account)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match row {
        Some(row) => Some(row.try_get(0)?),
        None => None,
    })
}

/// The stored snapshot of `account`, or an empty replica.
async fn load_replica(
    tx: &mut Transaction<'static, Any>,
    account: i64,
) -> Result<(Replica, bool), DbError> {
    match load_replica_text(tx, account).await? {
        Some(text) => serde_json::from_str(&text)
            .map(|replica| (replica, true))
            .map_err(|e| DbError::Corrupt(format!("a snapshot: {e}"))),
        None => Ok((Replica::new(), false)),
    }
}

/// Writes the snapshot of `account`.
async fn save_replica(
    tx: &mut Transaction<'static, Any>,
    account: i64,
    replica: &Replica,
    existed: bool,
) -> Result<(), DbError> {
    let sql = if existed {
        "UPDATE snapshots SET replica = $2 WHERE account_id = $1"
    } else {
        "INSERT INTO snapshots (account_id, replica) VALUES ($1, $2)"
    };
    sqlx::query(sql)
        .bind(account)
        .bind(to_json(replica)?)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Removes every value of the `erased` contacts from the stored changes of `account` (a change
/// left with nothing keeps its sequence number and an op that changes nothing) and applies
/// their `erasures` to the snapshot, which drops everything else it held of them.
async fn purge(
    tx: &mut Transaction<'static, Any>,
    account: i64,
    erased: &BTreeSet<ContactId>,
    erasures: &[Mutation],
) -> Result<(), DbError> {
    let rows = sqlx::query("SELECT seq, mutation FROM changes WHERE account_id = $1")
        .bind(account)
        .fetch_all(&mut **tx)
        .await?;
    for row in rows {
        let seq: i64 = row.try_get(0)?;
        let text: String = row.try_get(1)?;
        let mutation = mutation_of(&text)?;
        if !sync::mentions(&mutation.op, erased) {
            continue;
        }
        let kept = sync::stored_form(&mutation, erased).unwrap_or(Mutation {
            op: Op::DeleteContacts(Vec::new()),
            ..mutation
        });
        sqlx::query("UPDATE changes SET mutation = $3 WHERE account_id = $1 AND seq = $2")
            .bind(account)
            .bind(seq)
            .bind(to_json(&kept)?)
            .execute(&mut **tx)
            .await?;
    }
    let (mut replica, existed) = load_replica(tx, account).await?;
    if existed {
        for erasure in erasures {
            replica.apply(erasure);
        }
        save_replica(tx, account, &replica, true).await?;
    }
    Ok(())
}

/// Folds the changes of `account` after `from` up to `to` into its snapshot and deletes them.
async fn compact(
    tx: &mut Transaction<'static, Any>,
    account: i64,
    from: u64,
    to: u64,
) -> Result<(), DbError> {
    let (mut replica, existed) = load_replica(tx, account).await?;
    let rows = sqlx::query(
        "SELECT mutation FROM changes WHERE account_id = $1 AND seq > $2 AND seq <= $3 \
         ORDER BY seq",
    )
    .bind(account)
    .bind(stored(from))
    .bind(stored(to))
    .fetch_all(&mut **tx)
    .await?;
    for row in rows {
        let text: String = row.try_get(0)?;
        replica.apply(&mutation_of(&text)?);
    }
    save_replica(tx, account, &replica, existed).await?;
    sqlx::query("DELETE FROM changes WHERE account_id = $1 AND seq <= $2")
        .bind(account)
        .bind(stored(to))
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE accounts SET snapshot_seq = $2 WHERE id = $1")
        .bind(account)
        .bind(stored(to))
        .execute(&mut **tx)
        .await?;
    Ok(())
}
