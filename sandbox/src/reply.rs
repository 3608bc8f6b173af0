//! Answers and the error shapes of the gateway, BSS and IAM.

use http::StatusCode;
use serde_json::{json, Value};

/// An answer before it is written: status, JSON body and extra headers.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) body: Value,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Pre-serialised body, used instead of `body` by hot list operations.
    pub(crate) raw: Option<Vec<u8>>,
}

/// Handlers return `Err` for error answers so `?` works; both sides are sent the same way.
pub(crate) type Outcome = Result<Reply, Reply>;

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl Reply {
    /// A 200 answer.
    pub(crate) fn ok(body: Value) -> Self {
        Self {
            status: StatusCode::OK,
            body,
            headers: Vec::new(),
            raw: None,
        }
    }

    /// A 200 answer serialised from any `Serialize` value (no intermediate `Value`).
    pub(crate) fn ok_serialized(body: &impl serde::Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(raw) => Self {
                raw: Some(raw),
                ..Self::ok(Value::Null)
            },
            Err(e) => Self::code(500, "CBC.0999", format!("cannot encode the answer: {e}")),
        }
    }

    /// Adds a response header.
    pub(crate) fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The BSS/CBC and gateway shape `{"error_code", "error_msg"}`.
    pub(crate) fn code(http: u16, code: &str, msg: impl Into<String>) -> Self {
        Self {
            status: status(http),
            body: json!({ "error_code": code, "error_msg": msg.into() }),
            headers: Vec::new(),
            raw: None,
        }
    }

    /// `CBC.0100`: a missing or malformed parameter (HTTP 400).
    pub(crate) fn bad_param(msg: impl Into<String>) -> Self {
        Self::code(400, "CBC.0100", msg)
    }

    /// `CBC.0101`: a well-formed but invalid parameter value (HTTP 400).
    pub(crate) fn invalid_param(msg: impl Into<String>) -> Self {
        Self::code(400, "CBC.0101", msg)
    }

    /// `APIG.0301`: the gateway rejected the credential (HTTP 401).
    pub(crate) fn unauthorized(msg: &str) -> Self {
        Self::code(
            401,
            "APIG.0301",
            format!("Incorrect IAM authentication information: {msg}"),
        )
    }

    /// `CBC.0151`: the credential type may not call this operation (HTTP 403).
    pub(crate) fn denied(msg: &str) -> Self {
        Self::code(403, "CBC.0151", format!("Access denied. {msg}"))
    }

    /// Keystone style `{"error": {"code", "message", "title"}}`.
    pub(crate) fn keystone(http: u16, msg: &str) -> Self {
        let title = match http {
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            _ => "Error",
        };
        Self {
            status: status(http),
            body: json!({ "error": { "code": http, "message": msg, "title": title } }),
            headers: Vec::new(),
            raw: None,
        }
    }
}
