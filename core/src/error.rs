//! The one error type of the SDK, with kinds a caller can match on.
//!
//! Every error keeps what the API said (HTTP status, `error_code`, `error_msg`, request id)
//! and whether sending the same request again is safe ([`Error::is_retryable`]). Messages
//! never contain secrets: credentials are held in [`crate::SecretString`] and response bodies
//! are only kept as bounded excerpts.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// The most characters of a response body kept in an error.
pub const BODY_EXCERPT_LIMIT: usize = 512;

/// What went wrong, in categories a caller can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The client is misconfigured (bad endpoint, unusable proxy, unreadable profile file).
    Config,
    /// A credential is missing or malformed, or the API rejected it (HTTP 401, `APIG.0301`,
    /// an expired token).
    Auth,
    /// The caller lacks permission for the operation or the customer (HTTP 403).
    PermissionDenied,
    /// The addressed object does not exist (HTTP 404).
    NotFound,
    /// The input was rejected before sending: nothing reached the server.
    InvalidInput,
    /// The API rejected the request (HTTP 4xx other than the cases above).
    Api,
    /// The API or gateway throttled the caller (HTTP 429, `CBC.0250`, `APIG.0308`).
    RateLimited,
    /// The server failed (HTTP 5xx).
    Server,
    /// No answer within the configured timeout.
    Timeout,
    /// The connection could not be made or broke.
    Connection,
    /// The response could not be decoded.
    Decode,
    /// A request that moves money may or may not have been applied: it reached (or may have
    /// reached) the server and no definite answer came back. It is never retried
    /// automatically; settle it from the records (see [`Error::pending`]).
    OutcomeUnknown,
    /// The operation is not available on the configured site or has no public API.
    Unsupported,
}

impl ErrorKind {
    /// A stable lower-case identifier, used by the bindings as an error code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Config => "config",
            Self::Auth => "auth",
            Self::PermissionDenied => "permission_denied",
            Self::NotFound => "not_found",
            Self::InvalidInput => "invalid_input",
            Self::Api => "api",
            Self::RateLimited => "rate_limited",
            Self::Server => "server",
            Self::Timeout => "timeout",
            Self::Connection => "connection",
            Self::Decode => "decode",
            Self::OutcomeUnknown => "outcome_unknown",
            Self::Unsupported => "unsupported",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is known of a request whose outcome is unknown, to settle it later.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingRequest {
    /// The operation name, e.g. `update_customer_account_amount`.
    pub operation: &'static str,
    /// When the (last) attempt was sent.
    pub sent_at: DateTime<Utc>,
    /// The JSON body that was sent (holds no secrets: credentials travel in headers).
    pub body: Option<serde_json::Value>,
}

/// An SDK error. See [`ErrorKind`] for the categories.
#[derive(Debug, thiserror::Error)]
pub struct Error {
    kind: ErrorKind,
    message: String,

    operation: Option<&'static str>,
    status: Option<u16>,
    code: Option<String>,
    request_id: Option<String>,
    body_excerpt: Option<String>,

    retryable: bool,
    retry_after: Option<Duration>,
    pending: Option<Box<PendingRequest>>,

    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// Result alias of the SDK.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind`. Retryability defaults to what the kind implies.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            operation: None,
            status: None,
            code: None,
            request_id: None,
            body_excerpt: None,
            retryable: matches!(
                kind,
                ErrorKind::RateLimited
                    | ErrorKind::Server
                    | ErrorKind::Timeout
                    | ErrorKind::Connection
            ),
            retry_after: None,
            pending: None,
            source: None,
        }
    }

    /// Invalid input, detected before anything was sent.
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, message)
    }

    /// A configuration problem.
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config, message)
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable message (the API's `error_msg` for API errors).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The operation that failed, when known.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The API's error code (`CBC.0100`, `APIG.0308`, `IAM.0007`, `401`...).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The `X-Request-Id` of the response (quote it to Huawei support).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The start of the response body, at most [`BODY_EXCERPT_LIMIT`] characters.
    pub fn body_excerpt(&self) -> Option<&str> {
        self.body_excerpt.as_deref()
    }

    /// Whether sending the same request again is safe and may succeed.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// The delay the server asked for (`Retry-After`), if any.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// For [`ErrorKind::OutcomeUnknown`]: what was sent and when.
    pub fn pending(&self) -> Option<&PendingRequest> {
        self.pending.as_deref()
    }

    /// Whether the API rejected the credential as an expired or invalid token.
    pub fn is_token_expired(&self) -> bool {
        if self.kind != ErrorKind::Auth || self.status.is_none() {
            return false;
        }
        let msg = self.message.to_ascii_lowercase();
        matches!(self.code.as_deref(), Some("CBC.0154"))
            || (msg.contains("token") && (msg.contains("expired") || msg.contains("invalid")))
    }

    pub(crate) fn with_operation(mut self, operation: &'static str) -> Self {
        self.operation = Some(operation);
        self
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub(crate) fn with_code(mut self, code: Option<String>) -> Self {
        self.code = code;
        self
    }

    pub(crate) fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }

    pub(crate) fn with_body_excerpt(mut self, body: &[u8]) -> Self {
        self.body_excerpt = Some(excerpt(body));
        self
    }

    pub(crate) fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    pub(crate) fn with_retry_after(mut self, after: Option<Duration>) -> Self {
        self.retry_after = after;
        self
    }

    pub(crate) fn with_pending(mut self, pending: PendingRequest) -> Self {
        self.pending = Some(Box::new(pending));
        self
    }

    /// Attaches the underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// Turns this error into "outcome unknown" for a request that may have been applied.
    pub(crate) fn into_outcome_unknown(self, pending: PendingRequest) -> Self {
        let message = format!(
            "{} may or may not have been applied ({}: {}); settle it from the records \
             before sending it again",
            pending.operation, self.kind, self.message
        );
        let mut e = Error::new(ErrorKind::OutcomeUnknown, message).with_pending(pending);
        e.operation = self.operation;
        e.status = self.status;
        e.code = self.code;
        e.request_id = self.request_id;
        e.body_excerpt = self.body_excerpt;
        e.retryable = false;
        e.source = self.source;
        e
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(op) = self.operation {
            write!(f, "{op}: ")?;
        }
        write!(f, "{}: {}", self.kind, self.message)?;
        let mut extra = Vec::new();
        if let Some(s) = self.status {
            extra.push(format!("status {s}"));
        }
        if let Some(c) = &self.code {
            extra.push(format!("code {c}"));
        }
        if let Some(r) = &self.request_id {
            extra.push(format!("request id {r}"));
        }
        if !extra.is_empty() {
            write!(f, " ({})", extra.join(", "))?;
        }
        Ok(())
    }
}

/// The first [`BODY_EXCERPT_LIMIT`] characters of a body, lossily decoded.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(BODY_EXCERPT_LIMIT).collect();
    if text.chars().nth(BODY_EXCERPT_LIMIT).is_some() {
        out.push('…');
    }
    out
}

/// The error code and message of an API error body, whatever its shape.
///
/// Accepts `error_code`/`error_msg`, `errorCode`/`errorMsg` and `code`/`message` at the top
/// level or one level down (Keystone's `{"error": {"code": 401, "message": ...}}`).
pub fn parse_error_body(body: &[u8]) -> Option<(Option<String>, Option<String>)> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let obj = value.as_object()?;
    if let Some(found) = code_and_message(obj) {
        return Some(found);
    }
    obj.values()
        .filter_map(|v| v.as_object())
        .find_map(code_and_message)
}

fn code_and_message(
    obj: &serde_json::Map<String, serde_json::Value>,
) -> Option<(Option<String>, Option<String>)> {
    const PAIRS: [(&str, &str); 3] = [
        ("error_code", "error_msg"),
        ("errorCode", "errorMsg"),
        ("code", "message"),
    ];
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    };
    PAIRS.iter().find_map(|(c, m)| {
        let code = obj.get(*c).and_then(text);
        let msg = obj.get(*m).and_then(text);
        (code.is_some() || msg.is_some()).then_some((code, msg))
    })
}

/// Maps an HTTP error status and API error code to a kind.
pub fn classify(status: u16, code: Option<&str>) -> ErrorKind {
    match code {
        Some("CBC.0250" | "APIG.0308") => return ErrorKind::RateLimited,
        Some("APIG.0301" | "CBC.0154") => return ErrorKind::Auth,
        Some("CBC.0151" | "CBC.0155" | "CBC.5001" | "CBC.99000000" | "CBC.99000035")
        | Some("CBC.99000037") => return ErrorKind::PermissionDenied,
        Some("CBC.5002") => return ErrorKind::NotFound,
        _ => {}
    }
    match status {
        401 => ErrorKind::Auth,
        403 => ErrorKind::PermissionDenied,
        404 => ErrorKind::NotFound,
        408 => ErrorKind::Timeout,
        429 => ErrorKind::RateLimited,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::Api,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_error_shape() {
        let cases: [(&str, Option<&str>, Option<&str>); 6] = [
            (
                r#"{"error_code":"CBC.0100","error_msg":"bad"}"#,
                Some("CBC.0100"),
                Some("bad"),
            ),
            (
                r#"{"errorCode":"X.1","errorMsg":"m"}"#,
                Some("X.1"),
                Some("m"),
            ),
            (
                r#"{"code":"APIG.0301","message":"m2"}"#,
                Some("APIG.0301"),
                Some("m2"),
            ),
            (
                r#"{"error":{"code":401,"message":"Authentication failed","title":"U"}}"#,
                Some("401"),
                Some("Authentication failed"),
            ),
            (
                r#"{"error_msg":"only message"}"#,
                None,
                Some("only message"),
            ),
            (
                r#"{"x":{"error_code":"IAM.0007","error_msg":"m"}}"#,
                Some("IAM.0007"),
                Some("m"),
            ),
        ];
        for (body, code, msg) in cases {
            let (c, m) = parse_error_body(body.as_bytes()).expect(body);
            assert_eq!(c.as_deref(), code, "{body}");
            assert_eq!(m.as_deref(), msg, "{body}");
        }
        assert!(parse_error_body(b"<html>502 Bad Gateway</html>").is_none());
        assert!(parse_error_body(b"[1,2]").is_none());
    }

    #[test]
    fn classifies_codes_before_status() {
        assert_eq!(classify(400, Some("CBC.0250")), ErrorKind::RateLimited);
        assert_eq!(classify(429, None), ErrorKind::RateLimited);
        assert_eq!(classify(401, Some("APIG.0301")), ErrorKind::Auth);
        assert_eq!(classify(403, Some("CBC.0151")), ErrorKind::PermissionDenied);
        assert_eq!(classify(400, Some("CBC.0100")), ErrorKind::Api);
        assert_eq!(classify(503, None), ErrorKind::Server);
        assert_eq!(classify(404, None), ErrorKind::NotFound);
    }

    #[test]
    fn excerpt_is_bounded() {
        let long = "x".repeat(5000);
        let e = excerpt(long.as_bytes());
        assert_eq!(e.chars().count(), BODY_EXCERPT_LIMIT + 1);
    }

    #[test]
    fn display_is_one_line_with_context() {
        let e = Error::new(ErrorKind::Api, "bad cycle")
            .with_operation("list_x")
            .with_status(400)
            .with_code(Some("CBC.0100".into()))
            .with_request_id(Some("req-1".into()));
        assert_eq!(
            e.to_string(),
            "list_x: api: bad cycle (status 400, code CBC.0100, request id req-1)"
        );
        assert!(!e.is_retryable());
    }
}
