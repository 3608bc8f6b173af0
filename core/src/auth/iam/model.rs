//! Value types shared by the IAM operations: scopes, customer references, issued tokens and
//! temporary access keys.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::credentials::{AccessKey, Token};
use crate::error::{Error, Result};
use crate::secret::SecretString;
use crate::types::utc_opt;

/// A domain (account) or project named by id or by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdOrName {
    /// By id.
    Id(String),
    /// By name.
    Name(String),
}

impl IdOrName {
    fn value(&self) -> &str {
        match self {
            Self::Id(v) | Self::Name(v) => v,
        }
    }
}

/// What a token is valid for: a whole account (domain) or one project (region) of it.
///
/// Its JSON form is the wire form of Keystone's `auth.scope`: `{"domain": {"name": "x"}}`,
/// `{"project": {"id": "..."}}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The account: what BSS (Partner Center) operations need.
    Domain(IdOrName),
    /// One project, for regional cloud services.
    Project(IdOrName),
}

impl Scope {
    /// The account named `name`.
    pub fn domain_name(name: impl Into<String>) -> Self {
        Self::Domain(IdOrName::Name(name.into()))
    }

    /// The account with id `id`.
    pub fn domain_id(id: impl Into<String>) -> Self {
        Self::Domain(IdOrName::Id(id.into()))
    }

    /// The project named `name` (on Huawei Cloud a region id such as `cn-north-4`).
    pub fn project_name(name: impl Into<String>) -> Self {
        Self::Project(IdOrName::Name(name.into()))
    }

    /// The project with id `id`.
    pub fn project_id(id: impl Into<String>) -> Self {
        Self::Project(IdOrName::Id(id.into()))
    }

    pub(crate) fn check(&self) -> Result<()> {
        let (what, r) = match self {
            Self::Domain(r) => ("domain", r),
            Self::Project(r) => ("project", r),
        };
        if r.value().trim().is_empty() {
            return Err(Error::invalid_input(format!("the {what} scope is empty")));
        }
        Ok(())
    }

    pub(crate) fn to_wire(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// The customer account a partner acts in, by account (domain) name or id.
///
/// JSON form: `{"domain_name": "x"}` or `{"domain_id": "..."}`, the field names of
/// `assume_role`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerRef {
    /// The customer's account name.
    DomainName(String),
    /// The customer's account id (`customer_id` in Partner Center lists).
    DomainId(String),
}

impl CustomerRef {
    /// The customer with account name `name`.
    pub fn domain_name(name: impl Into<String>) -> Self {
        Self::DomainName(name.into())
    }

    /// The customer with account id `id`.
    pub fn domain_id(id: impl Into<String>) -> Self {
        Self::DomainId(id.into())
    }

    /// The name or id, for messages.
    pub fn as_str(&self) -> &str {
        match self {
            Self::DomainName(v) | Self::DomainId(v) => v,
        }
    }

    pub(crate) fn check(&self) -> Result<()> {
        if self.as_str().trim().is_empty() {
            return Err(Error::invalid_input(
                "the customer domain name or id is empty",
            ));
        }
        Ok(())
    }

    /// Writes `domain_name` or `domain_id` into an `assume_role` object.
    pub(crate) fn write_into(&self, role: &mut serde_json::Map<String, serde_json::Value>) {
        let (k, v) = match self {
            Self::DomainName(v) => ("domain_name", v),
            Self::DomainId(v) => ("domain_id", v),
        };
        role.insert(k.to_owned(), serde_json::Value::String(v.clone()));
    }
}

/// An id and a name (domains, roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct IdName {
    /// The id.
    #[serde(default)]
    pub id: Option<String>,
    /// The name.
    #[serde(default)]
    pub name: Option<String>,
}

/// The project a token is scoped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct TokenProject {
    /// The project id.
    #[serde(default)]
    pub id: Option<String>,
    /// The project name (a region id such as `cn-north-4`).
    #[serde(default)]
    pub name: Option<String>,
    /// The account the project belongs to.
    #[serde(default)]
    pub domain: Option<IdName>,
}

/// Federation details of a user signed in through an identity provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct Federation {
    /// The user groups the mapping put the user in.
    #[serde(default)]
    pub groups: Vec<IdName>,
    /// The identity provider (`{"id": ...}`).
    #[serde(default)]
    pub identity_provider: Option<IdName>,
    /// The protocol (`{"id": "saml"}`).
    #[serde(default)]
    pub protocol: Option<IdName>,
}

/// The user a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct TokenUser {
    /// The user id.
    #[serde(default)]
    pub id: Option<String>,
    /// The user name.
    #[serde(default)]
    pub name: Option<String>,
    /// The user's account.
    #[serde(default)]
    pub domain: Option<IdName>,
    /// When the password expires (empty when it does not).
    #[serde(default)]
    pub password_expires_at: Option<String>,
    /// For federated users: the identity provider and groups.
    #[serde(
        default,
        rename = "OS-FEDERATION",
        skip_serializing_if = "Option::is_none"
    )]
    pub federation: Option<Federation>,
}

/// Who obtained an agency token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct AssumedBy {
    /// The delegated user (the partner's IAM user).
    #[serde(default)]
    pub user: Option<TokenUser>,
}

/// An endpoint of a service in the token's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct CatalogEndpoint {
    /// The endpoint id.
    #[serde(default)]
    pub id: Option<String>,
    /// `public` or `internal`.
    #[serde(default)]
    pub interface: Option<String>,
    /// The region.
    #[serde(default)]
    pub region: Option<String>,
    /// The region id.
    #[serde(default)]
    pub region_id: Option<String>,
    /// The URL.
    #[serde(default)]
    pub url: Option<String>,
}

/// A service in the token's catalogue (absent when `nocatalog` was asked for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct CatalogService {
    /// The service id.
    #[serde(default)]
    pub id: Option<String>,
    /// The service name.
    #[serde(default)]
    pub name: Option<String>,
    /// The service type.
    #[serde(default, rename = "type")]
    pub service_type: Option<String>,
    /// Its endpoints.
    #[serde(default)]
    pub endpoints: Vec<CatalogEndpoint>,
}

/// What IAM says about a token (the response body's `token` object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct TokenDetails {
    /// When the token stops working (UTC; 24 h after issue).
    #[serde(default, with = "utc_opt")]
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was issued.
    #[serde(default, with = "utc_opt")]
    pub issued_at: Option<DateTime<Utc>>,
    /// How it was obtained: `password`, `assume_role`, `token`, `mapped`...
    #[serde(default)]
    pub methods: Vec<String>,
    /// The user (for agency tokens: the agency's user in the customer account).
    #[serde(default)]
    pub user: Option<TokenUser>,
    /// The account, for a domain-scoped token.
    #[serde(default)]
    pub domain: Option<IdName>,
    /// The project, for a project-scoped token.
    #[serde(default)]
    pub project: Option<TokenProject>,
    /// The roles granted.
    #[serde(default)]
    pub roles: Vec<IdName>,
    /// The service catalogue.
    #[serde(default)]
    pub catalog: Vec<CatalogService>,
    /// For agency tokens: the delegated party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumed_by: Option<AssumedBy>,
}

/// A token as IAM issued (or validated) it: the `X-Subject-Token` header and the body.
///
/// `Debug` never shows the token. Its JSON form (for the bindings) is
/// `{"x_subject_token": "...", "token": {...}}`, as in the official SDKs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct IssuedToken {
    /// The token itself, to send as `X-Auth-Token`.
    #[serde(rename = "x_subject_token", serialize_with = "expose")]
    pub subject_token: SecretString,
    /// Expiry, scope, user, roles.
    pub token: TokenDetails,
}

impl IssuedToken {
    /// The token with its expiry, as the transport sends it.
    pub fn to_token(&self) -> Token {
        Token {
            value: self.subject_token.clone(),
            expires_at: self.token.expires_at,
        }
    }
}

/// Temporary access keys (AK/SK plus a security token), from
/// `create_temporary_access_key_by_token` or `_by_agency`.
///
/// `Debug` never shows the secret key or the security token; the JSON form (for the
/// bindings) holds them, as `access`, `secret`, `securitytoken`, `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TemporaryAccessKey {
    /// The access key id.
    pub access: String,
    /// The secret access key.
    #[serde(serialize_with = "expose")]
    pub secret: SecretString,
    /// The security token, sent as `X-Security-Token`.
    #[serde(rename = "securitytoken", serialize_with = "expose")]
    pub security_token: SecretString,
    /// When the keys stop working.
    #[serde(with = "utc_opt")]
    pub expires_at: Option<DateTime<Utc>>,
}

impl TemporaryAccessKey {
    /// The keys as signing credentials ([`AccessKey::with_security_token`]).
    ///
    /// # Errors
    /// [`crate::ErrorKind::Auth`] when IAM returned an empty key.
    pub fn to_access_key(&self) -> Result<AccessKey> {
        Ok(AccessKey::new(self.access.clone(), self.secret.clone())?
            .with_security_token(self.security_token.clone()))
    }
}

/// Serialises a secret as its value (JSON output for the bindings only).
pub(crate) fn expose<S: Serializer>(v: &SecretString, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.expose())
}

/// Reads a secret from a JSON string.
pub(crate) fn secret<'de, D: Deserializer<'de>>(d: D) -> Result<SecretString, D::Error> {
    String::deserialize(d).map(SecretString::new)
}

/// Reads an optional secret from a JSON string.
pub(crate) fn secret_opt<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<SecretString>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map(SecretString::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_have_the_wire_shape() {
        assert_eq!(
            Scope::domain_name("acme").to_wire(),
            serde_json::json!({"domain": {"name": "acme"}})
        );
        assert_eq!(
            Scope::project_id("p1").to_wire(),
            serde_json::json!({"project": {"id": "p1"}})
        );
        let s: Scope =
            serde_json::from_value(serde_json::json!({"project": {"name": "cn-north-4"}}))
                .expect("decodes");
        assert_eq!(s, Scope::project_name("cn-north-4"));
        assert!(Scope::domain_name(" ").check().is_err());
    }

    #[test]
    fn customer_refs_fill_assume_role() {
        let mut m = serde_json::Map::new();
        CustomerRef::domain_id("d1").write_into(&mut m);
        assert_eq!(
            serde_json::Value::Object(m),
            serde_json::json!({"domain_id": "d1"})
        );
        let c: CustomerRef =
            serde_json::from_value(serde_json::json!({"domain_name": "cust"})).expect("decodes");
        assert_eq!(c, CustomerRef::domain_name("cust"));
        assert!(CustomerRef::domain_name("").check().is_err());
    }

    #[test]
    fn issued_tokens_hide_the_token_in_debug_only() {
        let t = IssuedToken {
            subject_token: SecretString::new("MIIsecret"),
            token: TokenDetails::default(),
        };
        assert!(!format!("{t:?}").contains("MIIsecret"));
        let json = serde_json::to_value(&t).expect("json");
        assert_eq!(json["x_subject_token"], "MIIsecret");
    }

    #[test]
    fn temporary_keys_become_signing_credentials() {
        let k = TemporaryAccessKey {
            access: "HSTAK".into(),
            secret: SecretString::new("sk-secret"),
            security_token: SecretString::new("st-secret"),
            expires_at: None,
        };
        let dbg = format!("{k:?}");
        assert!(
            !dbg.contains("sk-secret") && !dbg.contains("st-secret"),
            "{dbg}"
        );
        let ak = k.to_access_key().expect("key");
        assert_eq!(ak.access_key, "HSTAK");
        assert_eq!(
            ak.security_token.map(|t| t.expose().to_owned()).as_deref(),
            Some("st-secret")
        );
    }
}
