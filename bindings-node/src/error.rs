//! Core errors as JavaScript errors.
//!
//! napi rejects with a status and a message only, so the fields the JavaScript
//! error classes need travel as JSON in the message, behind [`MARKER`]. `index.js` decodes
//! them and throws `PartnerError` subclasses; nobody sees the raw form. The core never puts
//! secrets in its errors, and nothing is added here.

use huaweicloud_partner::Error;
use serde_json::{json, Value};

/// Prefix of an encoded error message.
pub(crate) const MARKER: &str = "HCP_ERROR:";

/// The JSON fields of an SDK error.
pub(crate) fn error_fields(e: &Error) -> Value {
    let pending = e.pending().map(|p| {
        json!({
            "operation": p.operation,
            "sentAt": huaweicloud_partner::types::format_utc(&p.sent_at),
            "body": p.body,
        })
    });
    json!({
        "kind": e.kind().as_str(),
        "message": e.message(),
        "code": e.code(),
        "status": e.status(),
        "requestId": e.request_id(),
        "operation": e.operation(),
        "retryable": e.is_retryable(),
        "retryAfterMs": e.retry_after().map(|d| d.as_millis() as u64),
        "bodyExcerpt": e.body_excerpt(),
        "tokenExpired": e.is_token_expired(),
        "pending": pending,
    })
}

/// An SDK error as a napi error.
pub(crate) fn to_napi(e: &Error) -> napi::Error {
    napi::Error::new(
        napi::Status::GenericFailure,
        format!("{MARKER}{}", error_fields(e)),
    )
}

/// An input problem found in the binding itself (a bad option), as an SDK error.
pub(crate) fn invalid(message: impl Into<String>) -> napi::Error {
    to_napi(&Error::invalid_input(message))
}

/// A configuration problem found in the binding itself.
pub(crate) fn config(message: impl Into<String>) -> napi::Error {
    to_napi(&Error::config(message))
}
