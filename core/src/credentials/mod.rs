//! Credentials: AK/SK (optionally temporary, with a security token) or an IAM token.
//!
//! Resolution follows the official SDKs so a partner can switch without reconfiguring:
//! explicit credentials first, then the environment (`HUAWEICLOUD_SDK_AK`,
//! `HUAWEICLOUD_SDK_SK`, `HUAWEICLOUD_SDK_SECURITY_TOKEN`, `HUAWEICLOUD_SDK_DOMAIN_ID`), then
//! the `[global]` section of the profile file (`HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
//! `~/.huaweicloud/credentials`).

mod profile;

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio::sync::OnceCell;

pub use self::profile::ProfileProvider;
use crate::error::{Error, ErrorKind, Result};
use crate::secret::SecretString;
use crate::signer::SigningAlgorithm;

/// Environment variable holding the access key id.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// Environment variable holding the secret access key.
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// Environment variable holding the security token of temporary keys.
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
/// Environment variable holding the account (domain) id.
pub const ENV_DOMAIN_ID: &str = "HUAWEICLOUD_SDK_DOMAIN_ID";
/// Environment variable naming the profile file.
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

/// An access key pair, permanent or temporary.
#[derive(Clone, Debug)]
pub struct AccessKey {
    /// The access key id (not secret: it names the key).
    pub access_key: String,
    /// The secret access key.
    pub secret_key: SecretString,
    /// The security token of temporary keys, sent as `X-Security-Token`.
    pub security_token: Option<SecretString>,
    /// The account id, sent as `X-Domain-Id`.
    pub domain_id: Option<String>,
    /// The signing algorithm.
    pub algorithm: SigningAlgorithm,
}

impl AccessKey {
    /// A permanent key pair.
    ///
    /// # Errors
    /// [`ErrorKind::Auth`] when either part is empty.
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<SecretString>) -> Result<Self> {
        let access_key = access_key.into();
        let secret_key = secret_key.into();
        if access_key.trim().is_empty() {
            return Err(Error::new(ErrorKind::Auth, "the access key (AK) is empty"));
        }
        if secret_key.is_empty() {
            return Err(Error::new(ErrorKind::Auth, "the secret key (SK) is empty"));
        }
        Ok(Self {
            access_key,
            secret_key,
            security_token: None,
            domain_id: None,
            algorithm: SigningAlgorithm::default(),
        })
    }

    /// Adds the security token of temporary keys.
    pub fn with_security_token(mut self, token: impl Into<SecretString>) -> Self {
        let token = token.into();
        self.security_token = (!token.is_empty()).then_some(token);
        self
    }

    /// Adds the account (domain) id.
    pub fn with_domain_id(mut self, domain_id: impl Into<String>) -> Self {
        let id = domain_id.into();
        self.domain_id = (!id.is_empty()).then_some(id);
        self
    }

    /// Chooses the signing algorithm.
    pub fn with_algorithm(mut self, algorithm: SigningAlgorithm) -> Self {
        self.algorithm = algorithm;
        self
    }
}

/// An IAM token and its expiry.
#[derive(Clone, Debug)]
pub struct Token {
    /// The token, sent as `X-Auth-Token`.
    pub value: SecretString,
    /// When it stops working, if known.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Something that hands out IAM tokens, refreshing them as needed.
#[async_trait]
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// A token valid now.
    ///
    /// # Errors
    /// When no token can be obtained.
    async fn token(&self) -> Result<Token>;

    /// Called when the API rejected `token` as expired or invalid: forget it so the next
    /// [`TokenSource::token`] call obtains a new one.
    async fn invalidate(&self, token: &Token);
}

/// A fixed token that is never refreshed.
#[derive(Debug, Clone)]
pub struct StaticToken(pub Token);

#[async_trait]
impl TokenSource for StaticToken {
    async fn token(&self) -> Result<Token> {
        Ok(self.0.clone())
    }

    async fn invalidate(&self, _token: &Token) {}
}

/// The credential a request is authenticated with.
#[derive(Clone, Debug)]
pub enum Credentials {
    /// Sign with an access key pair.
    AccessKey(AccessKey),
    /// Send an IAM token from a source that keeps it fresh.
    Token(Arc<dyn TokenSource>),
}

impl From<AccessKey> for Credentials {
    fn from(key: AccessKey) -> Self {
        Self::AccessKey(key)
    }
}

/// Something that knows where the credentials are.
#[async_trait]
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// The credentials, `Ok(None)` when this provider has none configured (the chain then
    /// tries the next one).
    ///
    /// # Errors
    /// When credentials are configured here but unusable (malformed file, half a key pair).
    async fn provide(&self) -> Result<Option<Credentials>>;
}

/// Credentials given in code.
#[derive(Debug, Clone)]
pub struct StaticProvider(pub Credentials);

#[async_trait]
impl ProvideCredentials for StaticProvider {
    async fn provide(&self) -> Result<Option<Credentials>> {
        Ok(Some(self.0.clone()))
    }
}

/// Reads `HUAWEICLOUD_SDK_AK` / `_SK` / `_SECURITY_TOKEN` / `_DOMAIN_ID`.
#[derive(Debug, Clone)]
pub struct EnvProvider {
    lookup: fn(&str) -> Option<String>,
}

impl Default for EnvProvider {
    fn default() -> Self {
        Self {
            lookup: |k| std::env::var(k).ok(),
        }
    }
}

impl EnvProvider {
    /// A provider reading variables through `lookup` instead of the process environment.
    pub fn with_lookup(lookup: fn(&str) -> Option<String>) -> Self {
        Self { lookup }
    }

    /// Builds credentials from named values; shared by the environment and profile readers.
    pub(crate) fn from_values(
        ak: Option<String>,
        sk: Option<String>,
        token: Option<String>,
        domain_id: Option<String>,
        origin: &str,
    ) -> Result<Option<Credentials>> {
        let nonempty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        match (nonempty(ak), nonempty(sk)) {
            (None, None) => Ok(None),
            (Some(_), None) => Err(Error::new(
                ErrorKind::Auth,
                format!("{origin}: the access key is set but the secret key is missing"),
            )),
            (None, Some(_)) => Err(Error::new(
                ErrorKind::Auth,
                format!("{origin}: the secret key is set but the access key is missing"),
            )),
            (Some(ak), Some(sk)) => {
                let mut key = AccessKey::new(ak.trim(), sk.trim())?;
                if let Some(t) = nonempty(token) {
                    key = key.with_security_token(t.trim());
                }
                if let Some(d) = nonempty(domain_id) {
                    key = key.with_domain_id(d.trim());
                }
                Ok(Some(Credentials::AccessKey(key)))
            }
        }
    }
}

#[async_trait]
impl ProvideCredentials for EnvProvider {
    async fn provide(&self) -> Result<Option<Credentials>> {
        let get = self.lookup;
        Self::from_values(
            get(ENV_AK),
            get(ENV_SK),
            get(ENV_SECURITY_TOKEN),
            get(ENV_DOMAIN_ID),
            "environment (HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK)",
        )
    }
}

/// Tries providers in order and remembers the first credentials found.
#[derive(Debug)]
pub struct CredentialsChain {
    providers: Vec<Arc<dyn ProvideCredentials>>,
    resolved: OnceCell<Credentials>,
}

impl CredentialsChain {
    /// A chain of the given providers.
    pub fn new(providers: Vec<Arc<dyn ProvideCredentials>>) -> Self {
        Self {
            providers,
            resolved: OnceCell::new(),
        }
    }

    /// The default chain: environment, then profile file.
    pub fn default_chain() -> Self {
        Self::new(vec![
            Arc::new(EnvProvider::default()),
            Arc::new(ProfileProvider::default()),
        ])
    }

    /// The credentials of the first provider that has some.
    ///
    /// # Errors
    /// [`ErrorKind::Auth`] naming where it looked when no provider has credentials, or the
    /// first provider's hard error.
    pub async fn resolve(&self) -> Result<Credentials> {
        self.resolved
            .get_or_try_init(|| async {
                for p in &self.providers {
                    if let Some(c) = p.provide().await? {
                        return Ok(c);
                    }
                }
                Err(Error::new(
                    ErrorKind::Auth,
                    "no credentials found: pass them to the client builder, or set \
                     HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or write ak/sk in the [global] \
                     section of ~/.huaweicloud/credentials (or HUAWEICLOUD_SDK_CREDENTIALS_FILE)",
                ))
            })
            .await
            .cloned()
    }
}

#[async_trait]
impl ProvideCredentials for CredentialsChain {
    async fn provide(&self) -> Result<Option<Credentials>> {
        self.resolve().await.map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn env_provider_reads_the_official_names() {
        let p = EnvProvider::with_lookup(|k| match k {
            ENV_AK => Some("AKX".into()),
            ENV_SK => Some("SKX".into()),
            ENV_DOMAIN_ID => Some("dom".into()),
            _ => None,
        });
        let Some(Credentials::AccessKey(k)) = p.provide().await.expect("ok") else {
            panic!("expected an access key");
        };
        assert_eq!(k.access_key, "AKX");
        assert_eq!(k.secret_key.expose(), "SKX");
        assert_eq!(k.domain_id.as_deref(), Some("dom"));
        assert!(k.security_token.is_none());
    }

    #[tokio::test]
    async fn half_a_key_pair_is_a_clear_error() {
        let p = EnvProvider::with_lookup(|k| (k == ENV_AK).then(|| "AKX".into()));
        let e = p.provide().await.expect_err("must fail");
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(e.message().contains("secret key is missing"), "{e}");
    }

    #[tokio::test]
    async fn empty_environment_means_try_next() {
        let p = EnvProvider::with_lookup(|_| None);
        assert!(p.provide().await.expect("ok").is_none());
    }

    #[tokio::test]
    async fn chain_reports_where_it_looked() {
        let chain = CredentialsChain::new(vec![Arc::new(EnvProvider::with_lookup(|_| None))]);
        let e = chain.resolve().await.expect_err("none");
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(e.message().contains("HUAWEICLOUD_SDK_AK"));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let k = AccessKey::new("AKID", "very-secret")
            .expect("key")
            .with_security_token("tok-123");
        let dbg = format!("{:?}", Credentials::AccessKey(k));
        assert!(
            !dbg.contains("very-secret") && !dbg.contains("tok-123"),
            "{dbg}"
        );
        assert!(dbg.contains("AKID"));
    }
}
