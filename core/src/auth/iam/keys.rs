//! Temporary access keys: `create_temporary_access_key_by_token` and
//! `create_temporary_access_key_by_agency` (`POST /v3.0/OS-CREDENTIAL/securitytokens`).
//!
//! The answer holds a secret key and a security token, so it is decoded here without the
//! body excerpt that other decode errors carry.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::model::{secret_opt, CustomerRef, TemporaryAccessKey};
use super::source::agency_error;
use super::tokens::IAM_JSON;
use crate::config::Service;
use crate::error::{Error, ErrorKind, Result};
use crate::macros::setters;
use crate::operation::{
    AuthMode, Idempotency, Operation, OperationSpec, RawResponse, RequestParts, SiteSupport,
};
use crate::secret::SecretString;
use crate::types::parse_utc;

pub(crate) static BY_TOKEN_SPEC: OperationSpec = OperationSpec {
    name: "create_temporary_access_key_by_token",
    service: Service::Iam,
    method: "POST",
    path: "/v3.0/OS-CREDENTIAL/securitytokens",
    // New temporary keys revoke nothing: asking again is harmless.
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Any,
};

pub(crate) static BY_AGENCY_SPEC: OperationSpec = OperationSpec {
    name: "create_temporary_access_key_by_agency",
    service: Service::Iam,
    method: "POST",
    path: "/v3.0/OS-CREDENTIAL/securitytokens",
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Any,
};

/// Shortest validity IAM grants, in seconds (15 minutes).
pub const MIN_DURATION_SECONDS: u32 = 900;
/// Longest validity IAM grants, in seconds (24 hours).
pub const MAX_DURATION_SECONDS: u32 = 86_400;

fn check_duration(d: Option<u32>) -> Result<()> {
    match d {
        Some(d) if !(MIN_DURATION_SECONDS..=MAX_DURATION_SECONDS).contains(&d) => {
            Err(Error::invalid_input(format!(
                "duration_seconds must be between {MIN_DURATION_SECONDS} and \
                 {MAX_DURATION_SECONDS}, got {d}"
            )))
        }
        _ => Ok(()),
    }
}

fn check_policy(p: Option<&Value>) -> Result<()> {
    match p {
        Some(v) if !v.is_object() => Err(Error::invalid_input(
            "policy must be a JSON object ({\"Version\": \"1.1\", \"Statement\": [...]})",
        )),
        _ => Ok(()),
    }
}

/// Decodes `{"credential": {...}}` without ever quoting the body.
fn parse_key(r: &RawResponse) -> Result<TemporaryAccessKey> {
    #[derive(Deserialize)]
    struct Wire {
        access: String,
        secret: String,
        securitytoken: String,
        #[serde(default)]
        expires_at: Option<String>,
    }
    #[derive(Deserialize)]
    struct Body {
        credential: Wire,
    }
    let fail = |what: String| {
        Error::new(ErrorKind::Decode, what)
            .with_status(r.status)
            .with_request_id(r.request_id.clone())
    };
    let de = &mut serde_json::Deserializer::from_slice(&r.body);
    let body: Body = serde_path_to_error::deserialize(de).map_err(|e| {
        // The message of a serde error names the field, never the value of a string.
        fail(format!("response field `{}`: unexpected shape", e.path()))
    })?;
    let c = body.credential;
    let expires_at = match c.expires_at.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(parse_utc(t).map_err(fail)?),
    };
    Ok(TemporaryAccessKey {
        access: c.access,
        secret: SecretString::new(c.secret),
        security_token: SecretString::new(c.securitytoken),
        expires_at,
    })
}

/// `create_temporary_access_key_by_token`: temporary AK/SK and security token for the
/// holder of a token.
///
/// Sent with the client's credentials (a token), or with `token` when set (then also named
/// in the body as `identity.token.id`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemporaryKeyByTokenRequest {
    /// The token to turn into keys (default: the client's token).
    #[serde(default, deserialize_with = "secret_opt")]
    pub token: Option<SecretString>,
    /// Validity in seconds, 900–86400 (IAM's default: 900).
    #[serde(default)]
    pub duration_seconds: Option<u32>,
    /// A policy narrowing what the keys may do (`{"Version": "1.1", "Statement": [...]}`).
    #[serde(default)]
    pub policy: Option<Value>,
}

setters!(TemporaryKeyByTokenRequest {
    /// Uses this token instead of the client's.
    token: SecretString,
    /// Sets the validity in seconds.
    duration_seconds: u32,
    /// Narrows the keys with a policy.
    policy: Value,
});

impl TemporaryKeyByTokenRequest {
    /// Keys for the client's own token, valid for IAM's default of 15 minutes.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Operation for TemporaryKeyByTokenRequest {
    type Output = TemporaryAccessKey;

    fn spec(&self) -> &'static OperationSpec {
        &BY_TOKEN_SPEC
    }

    fn validate(&self) -> Result<()> {
        if self.token.as_ref().is_some_and(SecretString::is_empty) {
            return Err(Error::invalid_input("the token is empty"));
        }
        check_duration(self.duration_seconds)?;
        check_policy(self.policy.as_ref())
    }

    fn to_parts(&self) -> Result<RequestParts> {
        let mut token = Map::new();
        if let Some(t) = &self.token {
            token.insert("id".to_owned(), Value::from(t.expose()));
        }
        if let Some(d) = self.duration_seconds {
            token.insert("duration_seconds".to_owned(), Value::from(d));
        }
        let mut identity = Map::new();
        identity.insert("methods".to_owned(), json!(["token"]));
        identity.insert("token".to_owned(), Value::Object(token));
        if let Some(p) = &self.policy {
            identity.insert("policy".to_owned(), p.clone());
        }
        let mut p = RequestParts {
            content_type: Some(IAM_JSON),
            auth_token: self.token.clone(),
            ..RequestParts::default()
        };
        p.json_body(&json!({"auth": {"identity": identity}}))?;
        Ok(p)
    }

    fn auth(&self) -> AuthMode {
        AuthMode::Client
    }

    fn parse(&self, response: &RawResponse) -> Result<TemporaryAccessKey> {
        parse_key(response)
    }
}

/// `create_temporary_access_key_by_agency`: temporary AK/SK and security token that act in
/// a customer's account through its agency. Sent with the client's credentials.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemporaryKeyByAgencyRequest {
    /// The customer account.
    pub customer: CustomerRef,
    /// The agency name: for partners, the platform id `xaccountType`.
    pub agency_name: String,
    /// Validity in seconds, 900–86400 (IAM's default: 900).
    #[serde(default)]
    pub duration_seconds: Option<u32>,
    /// A name recorded in the customer's audit trail for the acting user.
    #[serde(default)]
    pub session_user: Option<String>,
    /// A policy narrowing what the keys may do.
    #[serde(default)]
    pub policy: Option<Value>,
}

setters!(TemporaryKeyByAgencyRequest {
    /// Sets the validity in seconds.
    duration_seconds: u32,
    /// Names the acting user.
    session_user: String,
    /// Narrows the keys with a policy.
    policy: Value,
});

impl TemporaryKeyByAgencyRequest {
    /// Keys for `customer` through `agency_name`.
    pub fn new(customer: CustomerRef, agency_name: impl Into<String>) -> Self {
        Self {
            customer,
            agency_name: agency_name.into(),
            duration_seconds: None,
            session_user: None,
            policy: None,
        }
    }
}

impl Operation for TemporaryKeyByAgencyRequest {
    type Output = TemporaryAccessKey;

    fn spec(&self) -> &'static OperationSpec {
        &BY_AGENCY_SPEC
    }

    fn validate(&self) -> Result<()> {
        self.customer.check()?;
        if self.agency_name.trim().is_empty() {
            return Err(Error::invalid_input("the agency name is empty"));
        }
        check_duration(self.duration_seconds)?;
        check_policy(self.policy.as_ref())
    }

    fn to_parts(&self) -> Result<RequestParts> {
        let mut role = Map::new();
        role.insert(
            "agency_name".to_owned(),
            Value::from(self.agency_name.as_str()),
        );
        self.customer.write_into(&mut role);
        if let Some(d) = self.duration_seconds {
            role.insert("duration_seconds".to_owned(), Value::from(d));
        }
        if let Some(u) = &self.session_user {
            role.insert("session_user".to_owned(), json!({"name": u}));
        }
        let mut identity = Map::new();
        identity.insert("methods".to_owned(), json!(["assume_role"]));
        identity.insert("assume_role".to_owned(), Value::Object(role));
        if let Some(p) = &self.policy {
            identity.insert("policy".to_owned(), p.clone());
        }
        let mut p = RequestParts {
            content_type: Some(IAM_JSON),
            ..RequestParts::default()
        };
        p.json_body(&json!({"auth": {"identity": identity}}))?;
        Ok(p)
    }

    fn parse(&self, response: &RawResponse) -> Result<TemporaryAccessKey> {
        parse_key(response)
    }

    fn map_error(&self, error: Error) -> Error {
        agency_error(error, &self.agency_name, &self.customer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &str) -> RawResponse {
        RawResponse {
            status: 201,
            headers: http::HeaderMap::new(),
            body: bytes::Bytes::from(body.to_owned()),
            request_id: None,
        }
    }

    #[test]
    fn decode_errors_never_quote_the_secret() {
        let e = parse_key(&raw(
            r#"{"credential":{"access":"A","secret":"s3cr3t","securitytoken":7}}"#,
        ))
        .expect_err("bad shape");
        assert_eq!(e.kind(), ErrorKind::Decode);
        let text = format!("{e} {e:?}");
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(e.body_excerpt().is_none());
    }

    #[test]
    fn keys_decode() {
        let k = parse_key(&raw(
            r#"{"credential":{"access":"A","secret":"S","securitytoken":"T",
                "expires_at":"2024-06-04T08:30:12.416000Z"}}"#,
        ))
        .expect("ok");
        assert_eq!(k.access, "A");
        assert_eq!(k.secret.expose(), "S");
        assert!(k.expires_at.is_some());
    }

    #[test]
    fn durations_and_policies_are_checked() {
        assert!(TemporaryKeyByTokenRequest::new()
            .duration_seconds(60u32)
            .validate()
            .is_err());
        assert!(TemporaryKeyByTokenRequest::new()
            .policy(json!(["x"]))
            .validate()
            .is_err());
        let r = TemporaryKeyByAgencyRequest::new(CustomerRef::domain_name("c"), "plat")
            .duration_seconds(900u32)
            .session_user("ops");
        r.validate().expect("valid");
        let body: Value = serde_json::from_slice(&r.to_parts().expect("parts").body.expect("body"))
            .expect("json");
        assert_eq!(
            body,
            json!({"auth": {"identity": {"methods": ["assume_role"], "assume_role": {
                "agency_name": "plat", "domain_name": "c", "duration_seconds": 900,
                "session_user": {"name": "ops"}}}}})
        );
    }
}
