//! The IAM token operations: password tokens, agency (`assume_role`) tokens, validation, and
//! the federation pair (unscoped token from a SAML response, then a scoped token).
//!
//! Issuing a token changes nothing on the server (old tokens stay valid), so every one of
//! these is [`Idempotency::Idempotent`] and safely retried. That also keeps request bodies,
//! which hold passwords or tokens, out of "outcome unknown" errors.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::model::{secret, secret_opt, CustomerRef, IssuedToken, Scope, TokenDetails};
use super::source::agency_error;
use crate::config::Service;
use crate::error::{Error, ErrorKind, Result};
use crate::macros::setters;
use crate::operation::{
    AuthMode, Idempotency, Operation, OperationSpec, RawResponse, RequestParts, SiteSupport,
};
use crate::secret::SecretString;

/// The content type IAM declares for its JSON requests.
pub(crate) const IAM_JSON: &str = "application/json;charset=UTF-8";

pub(crate) static PASSWORD_SPEC: OperationSpec = OperationSpec {
    name: "keystone_create_user_token_by_password",
    service: Service::Iam,
    method: "POST",
    path: "/v3/auth/tokens",
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Any,
};

pub(crate) static AGENCY_SPEC: OperationSpec = OperationSpec {
    name: "keystone_create_agency_token",
    service: Service::Iam,
    method: "POST",
    path: "/v3/auth/tokens",
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Any,
};

pub(crate) static VALIDATE_SPEC: OperationSpec = OperationSpec {
    name: "keystone_validate_token",
    service: Service::Iam,
    method: "GET",
    path: "/v3/auth/tokens",
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Any,
};

pub(crate) static FEDERATION_SPEC: OperationSpec = OperationSpec {
    name: "create_unscope_token_by_idp_initiated",
    service: Service::Iam,
    method: "POST",
    path: "/v3.0/OS-FEDERATION/tokens",
    // A repeated assertion is at worst refused as a replay; nothing else changes.
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Any,
};

pub(crate) static SCOPED_SPEC: OperationSpec = OperationSpec {
    name: "keystone_create_scoped_token",
    service: Service::Iam,
    method: "POST",
    path: "/v3/auth/tokens",
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Any,
};

/// Reads `X-Subject-Token` and the `token` body of a token answer.
pub(crate) fn parse_token(r: &RawResponse) -> Result<IssuedToken> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        token: TokenDetails,
    }
    let subject = r
        .header("x-subject-token")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Decode,
                "the token answer carries no X-Subject-Token header",
            )
            .with_status(r.status)
            .with_request_id(r.request_id.clone())
        })?;
    let body: Body = r.json()?;
    Ok(IssuedToken {
        subject_token: SecretString::new(subject),
        token: body.token,
    })
}

fn nonempty(what: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(format!("{what} is empty")));
    }
    Ok(())
}

fn nocatalog(parts: &mut RequestParts, on: Option<bool>) {
    if on == Some(true) {
        parts
            .query
            .push(("nocatalog".to_owned(), "true".to_owned()));
    }
}

/// `keystone_create_user_token_by_password`: a token for an IAM user, from its password.
///
/// Needs no credentials. Without a scope the token is scoped to the user's own account
/// (`domain_name`), which is what Partner Center operations need.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordTokenRequest {
    /// The IAM user name.
    pub user_name: String,
    /// The password.
    #[serde(deserialize_with = "secret")]
    pub password: SecretString,
    /// The account (domain) name the user belongs to.
    pub domain_name: String,
    /// The scope (default: the account `domain_name`).
    #[serde(default)]
    pub scope: Option<Scope>,
    /// Leave the service catalogue out of the answer (it is large).
    #[serde(default)]
    pub nocatalog: Option<bool>,
}

setters!(PasswordTokenRequest {
    /// Sets the scope.
    scope: Scope,
    /// Leaves the catalogue out.
    nocatalog: bool,
});

impl PasswordTokenRequest {
    /// A token for `user_name` of account `domain_name`, scoped to that account.
    pub fn new(
        user_name: impl Into<String>,
        password: impl Into<SecretString>,
        domain_name: impl Into<String>,
    ) -> Self {
        Self {
            user_name: user_name.into(),
            password: password.into(),
            domain_name: domain_name.into(),
            scope: None,
            nocatalog: None,
        }
    }

    /// The scope asked for.
    pub fn effective_scope(&self) -> Scope {
        self.scope
            .clone()
            .unwrap_or_else(|| Scope::domain_name(self.domain_name.clone()))
    }
}

impl Operation for PasswordTokenRequest {
    type Output = IssuedToken;

    fn spec(&self) -> &'static OperationSpec {
        &PASSWORD_SPEC
    }

    fn validate(&self) -> Result<()> {
        nonempty("the IAM user name", &self.user_name)?;
        nonempty("the account (domain) name", &self.domain_name)?;
        if self.password.is_empty() {
            return Err(Error::invalid_input("the password is empty"));
        }
        self.effective_scope().check()
    }

    fn to_parts(&self) -> Result<RequestParts> {
        let mut p = RequestParts {
            content_type: Some(IAM_JSON),
            ..RequestParts::default()
        };
        nocatalog(&mut p, self.nocatalog);
        p.json_body(&json!({"auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {
                    "domain": {"name": self.domain_name},
                    "name": self.user_name,
                    "password": self.password.expose(),
                }},
            },
            "scope": self.effective_scope().to_wire(),
        }}))?;
        Ok(p)
    }

    fn auth(&self) -> AuthMode {
        AuthMode::None
    }

    fn parse(&self, response: &RawResponse) -> Result<IssuedToken> {
        parse_token(response)
    }
}

/// `keystone_create_agency_token`: a token that acts in a customer's account through the
/// agency the customer granted (`assume_role`). Token substitution, step 2.
///
/// Sent with the client's credentials: the partner's token (or `auth_token` when set).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyTokenRequest {
    /// The customer account.
    pub customer: CustomerRef,
    /// The agency name: for partners, the platform id `xaccountType`.
    pub agency_name: String,
    /// The scope in the customer's account.
    pub scope: Scope,
    /// Leave the service catalogue out of the answer.
    #[serde(default)]
    pub nocatalog: Option<bool>,
    /// Send this token instead of the client's credentials.
    #[serde(default, deserialize_with = "secret_opt")]
    pub auth_token: Option<SecretString>,
}

setters!(AgencyTokenRequest {
    /// Leaves the catalogue out.
    nocatalog: bool,
    /// Authenticates with this token instead of the client's credentials.
    auth_token: SecretString,
});

impl AgencyTokenRequest {
    /// An agency token for `customer` through `agency_name`, scoped to `scope`.
    pub fn new(customer: CustomerRef, agency_name: impl Into<String>, scope: Scope) -> Self {
        Self {
            customer,
            agency_name: agency_name.into(),
            scope,
            nocatalog: None,
            auth_token: None,
        }
    }
}

impl Operation for AgencyTokenRequest {
    type Output = IssuedToken;

    fn spec(&self) -> &'static OperationSpec {
        &AGENCY_SPEC
    }

    fn validate(&self) -> Result<()> {
        self.customer.check()?;
        nonempty("the agency name", &self.agency_name)?;
        self.scope.check()
    }

    fn to_parts(&self) -> Result<RequestParts> {
        let mut p = RequestParts {
            content_type: Some(IAM_JSON),
            auth_token: self.auth_token.clone(),
            ..RequestParts::default()
        };
        nocatalog(&mut p, self.nocatalog);
        let mut role = Map::new();
        self.customer.write_into(&mut role);
        role.insert(
            "agency_name".to_owned(),
            Value::from(self.agency_name.as_str()),
        );
        p.json_body(&json!({"auth": {
            "identity": {"methods": ["assume_role"], "assume_role": role},
            "scope": self.scope.to_wire(),
        }}))?;
        Ok(p)
    }

    fn parse(&self, response: &RawResponse) -> Result<IssuedToken> {
        parse_token(response)
    }

    fn map_error(&self, error: Error) -> Error {
        agency_error(error, &self.agency_name, &self.customer)
    }
}

/// `keystone_validate_token`: checks a token and reads its expiry and scope.
///
/// The token to check goes in `X-Subject-Token`; the request authenticates with the client's
/// credentials or with `auth_token` (a token may be used to check itself).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateTokenRequest {
    /// The token to check.
    #[serde(deserialize_with = "secret")]
    pub subject_token: SecretString,
    /// Leave the service catalogue out of the answer.
    #[serde(default)]
    pub nocatalog: Option<bool>,
    /// Send this token instead of the client's credentials.
    #[serde(default, deserialize_with = "secret_opt")]
    pub auth_token: Option<SecretString>,
}

setters!(ValidateTokenRequest {
    /// Leaves the catalogue out.
    nocatalog: bool,
    /// Authenticates with this token instead of the client's credentials.
    auth_token: SecretString,
});

impl ValidateTokenRequest {
    /// Checks `token`.
    pub fn new(token: impl Into<SecretString>) -> Self {
        Self {
            subject_token: token.into(),
            nocatalog: None,
            auth_token: None,
        }
    }

    /// Checks `token`, authenticating with the token itself.
    pub fn self_checked(token: impl Into<SecretString>) -> Self {
        let token = token.into();
        Self::new(token.clone()).auth_token(token)
    }
}

impl Operation for ValidateTokenRequest {
    type Output = IssuedToken;

    fn spec(&self) -> &'static OperationSpec {
        &VALIDATE_SPEC
    }

    fn validate(&self) -> Result<()> {
        if self.subject_token.is_empty() {
            return Err(Error::invalid_input("the token to validate is empty"));
        }
        Ok(())
    }

    fn to_parts(&self) -> Result<RequestParts> {
        let mut p = RequestParts {
            auth_token: self.auth_token.clone(),
            ..RequestParts::default()
        };
        p.secret_headers
            .push(("X-Subject-Token".to_owned(), self.subject_token.clone()));
        nocatalog(&mut p, self.nocatalog);
        Ok(p)
    }

    fn parse(&self, response: &RawResponse) -> Result<IssuedToken> {
        parse_token(response)
    }
}

/// `create_unscope_token_by_idp_initiated`: an unscoped federated token from a SAML
/// response (IdP-initiated IAM federation). Needs no credentials.
///
/// The SAML response is the base64 string an identity provider produces (see
/// `crate::auth::saml`); exchange the result for a scoped token with
/// [`ScopedTokenRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnscopedTokenByIdpRequest {
    /// The identity provider's name in IAM (header `X-Idp-Id`).
    pub idp_id: String,
    /// The base64-encoded SAML response (form field `SAMLResponse`).
    #[serde(deserialize_with = "secret")]
    pub saml_response: SecretString,
}

impl UnscopedTokenByIdpRequest {
    /// Signs in through identity provider `idp_id` with `saml_response` (base64).
    pub fn new(idp_id: impl Into<String>, saml_response: impl Into<SecretString>) -> Self {
        Self {
            idp_id: idp_id.into(),
            saml_response: saml_response.into(),
        }
    }
}

impl Operation for UnscopedTokenByIdpRequest {
    type Output = IssuedToken;

    fn spec(&self) -> &'static OperationSpec {
        &FEDERATION_SPEC
    }

    fn validate(&self) -> Result<()> {
        nonempty("the identity provider id (X-Idp-Id)", &self.idp_id)?;
        if self.saml_response.expose().trim().is_empty() {
            return Err(Error::invalid_input("the SAML response is empty"));
        }
        Ok(())
    }

    fn to_parts(&self) -> Result<RequestParts> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("SAMLResponse", self.saml_response.expose().trim())
            .finish();
        Ok(RequestParts {
            headers: vec![("X-Idp-Id".to_owned(), self.idp_id.clone())],
            body: Some(body.into_bytes()),
            content_type: Some("application/x-www-form-urlencoded"),
            ..RequestParts::default()
        })
    }

    fn auth(&self) -> AuthMode {
        AuthMode::None
    }

    fn parse(&self, response: &RawResponse) -> Result<IssuedToken> {
        parse_token(response)
    }
}

/// `keystone_create_scoped_token`: exchanges a token (e.g. an unscoped federated one) for a
/// token scoped to a domain or project. Needs no other credentials.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopedTokenRequest {
    /// The token to exchange.
    #[serde(deserialize_with = "secret")]
    pub token: SecretString,
    /// The scope wanted.
    pub scope: Scope,
}

impl ScopedTokenRequest {
    /// Exchanges `token` for one scoped to `scope`.
    pub fn new(token: impl Into<SecretString>, scope: Scope) -> Self {
        Self {
            token: token.into(),
            scope,
        }
    }
}

impl Operation for ScopedTokenRequest {
    type Output = IssuedToken;

    fn spec(&self) -> &'static OperationSpec {
        &SCOPED_SPEC
    }

    fn validate(&self) -> Result<()> {
        if self.token.is_empty() {
            return Err(Error::invalid_input("the token to exchange is empty"));
        }
        self.scope.check()
    }

    fn to_parts(&self) -> Result<RequestParts> {
        let mut p = RequestParts {
            content_type: Some(IAM_JSON),
            ..RequestParts::default()
        };
        p.json_body(&json!({"auth": {
            "identity": {"methods": ["token"], "token": {"id": self.token.expose()}},
            "scope": self.scope.to_wire(),
        }}))?;
        Ok(p)
    }

    fn auth(&self) -> AuthMode {
        AuthMode::None
    }

    fn parse(&self, response: &RawResponse) -> Result<IssuedToken> {
        parse_token(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &RequestParts) -> Value {
        serde_json::from_slice(parts.body.as_deref().expect("body")).expect("json")
    }

    #[test]
    fn password_body_matches_the_catalogue() {
        let r = PasswordTokenRequest::new("u", "pw", "dom").nocatalog(true);
        r.validate().expect("valid");
        let p = r.to_parts().expect("parts");
        assert_eq!(
            body(&p),
            json!({"auth": {
                "identity": {"methods": ["password"], "password": {"user": {
                    "domain": {"name": "dom"}, "name": "u", "password": "pw"}}},
                "scope": {"domain": {"name": "dom"}}}})
        );
        assert_eq!(p.query, vec![("nocatalog".to_owned(), "true".to_owned())]);
        assert!(!format!("{r:?}").contains("pw\""));
        assert_eq!(r.auth(), AuthMode::None);
    }

    #[test]
    fn bad_input_is_refused_before_sending() {
        let e = PasswordTokenRequest::new("u", "", "d")
            .validate()
            .expect_err("empty");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        let e = AgencyTokenRequest::new(CustomerRef::domain_id(""), "a", Scope::domain_name("x"))
            .validate()
            .expect_err("empty customer");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert!(UnscopedTokenByIdpRequest::new("idp", " ")
            .validate()
            .is_err());
        assert!(ValidateTokenRequest::new("").validate().is_err());
    }

    #[test]
    fn saml_responses_are_form_encoded() {
        let p = UnscopedTokenByIdpRequest::new("idp1", "PHNhbWw+a+b/c=")
            .to_parts()
            .expect("parts");
        assert_eq!(
            String::from_utf8(p.body.expect("body")).expect("utf8"),
            "SAMLResponse=PHNhbWw%2Ba%2Bb%2Fc%3D"
        );
        assert_eq!(p.content_type, Some("application/x-www-form-urlencoded"));
    }
}
