//! Accounts and sessions: create an account, find one by e-mail, and keep, look up and revoke
//! sessions by the hash of their bearer token (the token itself is never stored).

use sqlx::Row;

use super::{Db, DbError};

/// A session found by its token hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    /// The account it signs in to.
    pub account: i64,
    /// When it stops being valid (ms since the epoch).
    pub expires_at: i64,
}

impl Db {
    /// Creates an account; `false` when the e-mail is taken.
    pub(crate) async fn create_account(
        &self,
        id: i64,
        email: &str,
        password_hash: &str,
        now_ms: i64,
    ) -> Result<bool, DbError> {
        let done = sqlx::query(
            "INSERT INTO accounts (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (email) DO NOTHING",
        )
        .bind(id)
        .bind(email)
        .bind(password_hash)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The id and password hash of the account with this e-mail.
    pub(crate) async fn account_by_email(
        &self,
        email: &str,
    ) -> Result<Option<(i64, String)>, DbError> {
        let row = sqlx::query("SELECT id, password_hash FROM accounts WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => Some((row.try_get(0)?, row.try_get(1)?)),
            None => None,
        })
    }

    /// Records a session of `account` under the hash of its token.
    pub(crate) async fn create_session(
        &self,
        token_hash: &str,
        account: i64,
        now_ms: i64,
        expires_at: i64,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(account)
        .bind(now_ms)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The session with this token hash, if it was not revoked.
    pub(crate) async fn session(&self, token_hash: &str) -> Result<Option<Session>, DbError> {
        let row = sqlx::query("SELECT account_id, expires_at FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => Some(Session {
                account: row.try_get(0)?,
                expires_at: row.try_get(1)?,
            }),
            None => None,
        })
    }

    /// Revokes the session with this token hash.
    pub(crate) async fn delete_session(&self, token_hash: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
