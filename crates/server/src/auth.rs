//! Passwords, bearer tokens and the [`Authed`] extractor.
//!
//! Passwords are kept as argon2id PHC strings (the `argon2` crate's defaults, with a random
//! salt); hashing runs on the blocking pool. A session token is 32 random bytes in hex, given to
//! the client once; only its SHA-256 is stored, so a leaked database signs nobody in. Sessions
//! last [`SESSION_MS`]. A request with no, a wrong, a revoked or an expired token gets 401 with
//! the reason.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use sha2::{Digest, Sha256};

use crate::db::now_ms;
use crate::error::AppError;
use crate::state::AppState;

/// How long a session lasts: 30 days.
pub const SESSION_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// A request signed in to an account.
#[derive(Debug, Clone)]
pub struct Authed {
    /// The account.
    pub account: i64,
    /// The SHA-256 of the request's token (to revoke it).
    pub token_hash: String,
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let unauthorized = |reason: &str| AppError::client(StatusCode::UNAUTHORIZED, reason);
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .ok_or_else(|| unauthorized("missing `Authorization: Bearer <token>`; sign in"))?;
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| unauthorized("the Authorization header must be `Bearer <token>`"))?;
        let token_hash = hash_token(token);
        let session = state
            .db()
            .session(&token_hash)
            .await?
            .ok_or_else(|| unauthorized("unknown or revoked token; sign in again"))?;
        if session.expires_at <= now_ms() {
            state.db().delete_session(&token_hash).await?;
            return Err(unauthorized("the session has expired; sign in again"));
        }
        Ok(Self {
            account: session.account,
            token_hash,
        })
    }
}

/// `n` random bytes from the operating system.
fn random_bytes<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0; N];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(bytes)
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new session token.
pub fn new_token() -> Result<String, AppError> {
    Ok(hex(&random_bytes::<32>()?))
}

/// A new account id: random, positive, fits BIGINT.
pub fn new_account_id() -> Result<i64, AppError> {
    Ok((u64::from_le_bytes(random_bytes::<8>()?) >> 1) as i64)
}

/// What is stored of a token.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The argon2id PHC string of `password` with a fresh salt (on the blocking pool).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    let salt = random_bytes::<16>()?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(AppError::Internal)
}

/// Whether `password` matches `stored`; with no stored hash it checks against a dummy one, so
/// an unknown e-mail takes as long as a wrong password.
pub async fn verify_password(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let known = stored.is_some();
    let stored = match stored {
        Some(hash) => hash,
        None => dummy_hash().await?,
    };
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|hash| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &hash)
                    .is_ok()
            })
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(AppError::Internal)?;
    Ok(known && matches)
}

/// A hash of a random password, made once.
async fn dummy_hash() -> Result<String, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash.clone());
    }
    let hash = hash_password(new_token()?).await?;
    Ok(DUMMY.get_or_init(|| hash).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(
            verify_password("correct horse".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify_password("wrong horse".into(), Some(hash))
                .await
                .unwrap()
        );
        assert!(!verify_password("correct horse".into(), None).await.unwrap());
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
        assert!(new_account_id().unwrap() >= 0);
    }
}
