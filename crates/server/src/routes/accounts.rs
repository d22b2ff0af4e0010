//! `POST /api/signup`, `POST /api/signin`, `POST /api/signout`: accounts by e-mail and password,
//! and the sessions whose bearer tokens the other endpoints take.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::auth::{self, Authed, SESSION_MS};
use crate::db::now_ms;
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::state::AppState;

/// The shortest password accepted.
const MIN_PASSWORD: usize = 8;

/// The body of sign-up and sign-in.
#[derive(Debug, Deserialize)]
pub struct Credentials {
    email: String,
    password: String,
}

/// A new session.
#[derive(Debug, Serialize)]
pub struct SignedIn {
    /// The bearer token; the client keeps it and sends `Authorization: Bearer <token>`.
    token: String,
    /// When it expires (ms since the epoch).
    expires_at: i64,
}

/// An account's e-mail as compared: trimmed and lower-cased.
fn account_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Creates an account and signs it in: 201 with a token; 409 when the e-mail is taken; 422 for
/// an e-mail that is not one or a password shorter than 8 characters.
pub async fn signup(
    State(state): State<AppState>,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<(StatusCode, Json<SignedIn>), AppError> {
    let email = account_email(&credentials.email);
    let looks_like_email = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        && !email.chars().any(char::is_whitespace);
    if !looks_like_email {
        return Err(AppError::client(
            StatusCode::UNPROCESSABLE_ENTITY,
            "email: not an e-mail address",
        ));
    }
    if credentials.password.chars().count() < MIN_PASSWORD {
        return Err(AppError::client(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("password: at least {MIN_PASSWORD} characters"),
        ));
    }
    let hash = auth::hash_password(credentials.password).await?;
    let id = auth::new_account_id()?;
    if !state
        .db()
        .create_account(id, &email, &hash, now_ms())
        .await?
    {
        return Err(AppError::client(
            StatusCode::CONFLICT,
            "an account with this e-mail exists; sign in",
        ));
    }
    Ok((StatusCode::CREATED, Json(new_session(&state, id).await?)))
}

/// Signs in: 200 with a token, or 401 for a wrong e-mail or password (the same answer for
/// both).
pub async fn signin(
    State(state): State<AppState>,
    ApiJson(credentials): ApiJson<Credentials>,
) -> Result<Json<SignedIn>, AppError> {
    let found = state
        .db()
        .account_by_email(&account_email(&credentials.email))
        .await?;
    let (id, hash) = match found {
        Some((id, hash)) => (Some(id), Some(hash)),
        None => (None, None),
    };
    match (id, auth::verify_password(credentials.password, hash).await?) {
        (Some(id), true) => Ok(Json(new_session(&state, id).await?)),
        _ => Err(AppError::client(
            StatusCode::UNAUTHORIZED,
            "wrong e-mail or password",
        )),
    }
}

/// Revokes the request's token: 204.
pub async fn signout(
    State(state): State<AppState>,
    authed: Authed,
) -> Result<StatusCode, AppError> {
    state.db().delete_session(&authed.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn new_session(state: &AppState, account: i64) -> Result<SignedIn, AppError> {
    let token = auth::new_token()?;
    let now = now_ms();
    let expires_at = now + SESSION_MS;
    state
        .db()
        .create_session(&auth::hash_token(&token), account, now, expires_at)
        .await?;
    Ok(SignedIn { token, expires_at })
}
