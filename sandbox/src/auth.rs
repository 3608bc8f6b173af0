//! Gateway authentication: AK/SK signatures (with temporary keys and security tokens) and
//! `X-Auth-Token` tokens the sandbox issued.
//!
//! The signature window is checked against the wall clock (15 minutes either way), so that
//! shifting the sandbox clock to expire tokens does not also reject every signed request.

use chrono::Utc;
use http::HeaderMap;
use huaweicloud_partner::signer::{self, AuthorizationHeader, SignError};

use crate::reply::Reply;
use crate::state::{Ctx, Principal, Token};

/// Allowed difference between `X-Sdk-Date` and the server time.
pub(crate) const MAX_SKEW_SECS: i64 = 15 * 60;

/// A request as the authenticator needs it.
#[derive(Debug)]
pub(crate) struct Signed<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: &'a [(String, String)],
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
}

fn header_list(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// Identifies the caller or answers the gateway's 401.
pub(crate) fn authenticate(ctx: &Ctx, req: &Signed<'_>) -> Result<Principal, Reply> {
    if let Some(auth) = req.headers.get(http::header::AUTHORIZATION) {
        return check_signature(ctx, req, auth.to_str().unwrap_or(""));
    }
    if let Some(token) = req.headers.get("x-auth-token") {
        return check_token(ctx, token.to_str().unwrap_or("")).map(|t| t.principal);
    }
    Err(Reply::unauthorized(
        "the request carries neither Authorization nor X-Auth-Token",
    ))
}

/// Looks up a token the sandbox issued, rejecting unknown and expired ones.
pub(crate) fn check_token(ctx: &Ctx, token: &str) -> Result<Token, Reply> {
    let found = ctx.state().tokens.get(token).cloned();
    match found {
        None => Err(Reply::unauthorized("x_auth_token is invalid")),
        Some(t) if ctx.now() >= t.expires => Err(Reply::unauthorized("x_auth_token is expired")),
        Some(t) => Ok(t),
    }
}

fn check_signature(ctx: &Ctx, req: &Signed<'_>, value: &str) -> Result<Principal, Reply> {
    let auth = AuthorizationHeader::parse(value)
        .map_err(|_| Reply::unauthorized("the Authorization header is malformed"))?;

    let (secret, principal) = if auth.access_key == ctx.config.access_key {
        (ctx.config.secret_key.clone(), Principal::Partner)
    } else {
        let key = ctx.state().temp_keys.get(&auth.access_key).cloned();
        let key = key.ok_or_else(|| Reply::unauthorized("the access key does not exist"))?;
        let sent = req
            .headers
            .get("x-security-token")
            .and_then(|v| v.to_str().ok());
        if sent != Some(key.security_token.as_str()) {
            return Err(Reply::unauthorized(
                "the security token is missing or invalid",
            ));
        }
        if ctx.now() >= key.expires {
            return Err(Reply::unauthorized("the temporary access key is expired"));
        }
        (key.secret, key.principal)
    };

    let headers = header_list(req.headers);
    let when = signer::verify(
        &auth,
        secret.as_bytes(),
        req.method,
        req.path,
        req.query,
        &headers,
        req.body,
    )
    .map_err(|e| match e {
        SignError::BadDate => Reply::unauthorized("X-Sdk-Date is missing or malformed"),
        SignError::MissingSignedHeader(h) => {
            Reply::unauthorized(&format!("signed header {h} is missing"))
        }
        _ => Reply::unauthorized("verify aksk signature fail"),
    })?;
    if (Utc::now() - when).num_seconds().abs() > MAX_SKEW_SECS {
        return Err(Reply::unauthorized(
            "the request is expired: X-Sdk-Date differs from the server time by over 15 minutes",
        ));
    }
    Ok(principal)
}

/// A key for rate limiting: the access key or token, else `anonymous`.
pub(crate) fn caller_key(headers: &HeaderMap) -> String {
    if let Some(a) = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        if let Ok(auth) = AuthorizationHeader::parse(a) {
            return auth.access_key;
        }
    }
    headers
        .get("x-auth-token")
        .and_then(|v| v.to_str().ok())
        .map_or_else(|| "anonymous".to_owned(), |t| t.chars().take(48).collect())
}
