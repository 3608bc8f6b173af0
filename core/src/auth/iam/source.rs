//! Token sources that keep IAM tokens fresh, and a credentials provider that keeps temporary
//! access keys fresh.
//!
//! Each caches its value, refreshes it when less than the refresh margin (default 1 h) of
//! its lifetime is left, and lets concurrent callers share one refresh. The transport calls
//! [`TokenSource::invalidate`] when the API rejects a token as expired and then retries once,
//! so a token revoked early is replaced too.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use super::cache::{restate, RefreshCache, DEFAULT_LIFETIME, DEFAULT_REFRESH_MARGIN};
use super::keys::{TemporaryKeyByAgencyRequest, TemporaryKeyByTokenRequest};
use super::model::{CustomerRef, IssuedToken, TemporaryAccessKey};
use super::tokens::{AgencyTokenRequest, PasswordTokenRequest};
use crate::client::Client;
use crate::clock::Clock;
use crate::credentials::{Credentials, ProvideCredentials, Token, TokenSource};
use crate::error::{Error, ErrorKind, Result};

fn expiry(issued: &IssuedToken, clock: &dyn Clock) -> DateTime<Utc> {
    issued
        .token
        .expires_at
        .unwrap_or_else(|| clock.now() + DEFAULT_LIFETIME)
}

/// A token for the partner's IAM user, obtained with its password
/// (`keystone_create_user_token_by_password`) and renewed before it expires.
///
/// ```no_run
/// # async fn run() -> huaweicloud_partner::Result<()> {
/// use std::sync::Arc;
/// use huaweicloud_partner::auth::iam::{PasswordTokenRequest, PasswordTokenSource};
/// use huaweicloud_partner::{Client, Credentials};
///
/// let base = Client::builder().build()?;
/// let source = PasswordTokenSource::new(
///     &base,
///     PasswordTokenRequest::new("ops_user", "password", "partner_account"),
/// );
/// let client = base.with_credentials(Credentials::Token(Arc::new(source)));
/// # Ok(()) }
/// ```
///
/// [`crate::ClientBuilder::password_auth`] does the same in one step.
pub struct PasswordTokenSource {
    iam: Client,
    request: PasswordTokenRequest,
    clock: Arc<dyn Clock>,
    margin: Duration,
    cache: RefreshCache<Token>,
}

impl fmt::Debug for PasswordTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordTokenSource")
            .field("user_name", &self.request.user_name)
            .field("domain_name", &self.request.domain_name)
            .field("scope", &self.request.effective_scope())
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

impl PasswordTokenSource {
    /// A source sending `request` through `iam` (only its IAM endpoint, retry policy and
    /// clock are used: the password call needs no credentials). The service catalogue is
    /// left out of the answers unless `request` asks for it.
    pub fn new(iam: &Client, mut request: PasswordTokenRequest) -> Self {
        request.nocatalog.get_or_insert(true);
        let clock = iam.clock();
        Self {
            iam: iam.detached(),
            request,
            cache: RefreshCache::new(Arc::clone(&clock), DEFAULT_REFRESH_MARGIN),
            clock,
            margin: DEFAULT_REFRESH_MARGIN,
        }
    }

    /// Renews the token when less than `margin` of its lifetime is left (default 1 hour;
    /// tokens live 24 hours).
    #[must_use]
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self.cache = RefreshCache::new(Arc::clone(&self.clock), margin);
        self
    }

    /// Uses `clock` to decide when the token is due (default: the client's clock).
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.cache = RefreshCache::new(Arc::clone(&clock), self.margin);
        self.clock = clock;
        self
    }

    /// When the cached token expires, if one is cached.
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.cache.expires_at()
    }
}

#[async_trait]
impl TokenSource for PasswordTokenSource {
    async fn token(&self) -> Result<Token> {
        self.cache
            .get(|| async {
                tracing::debug!(
                    user = %self.request.user_name,
                    domain = %self.request.domain_name,
                    "obtaining an IAM token by password"
                );
                let issued = self.iam.execute(&self.request).await.map_err(|e| {
                    // The transport names the operation the token was wanted for.
                    let m = format!(
                        "obtaining a token for IAM user {} ({}): {}",
                        self.request.user_name,
                        e.operation().unwrap_or_default(),
                        e.message()
                    );
                    restate(&e, e.kind(), m)
                })?;
                let expires_at = expiry(&issued, self.clock.as_ref());
                let token = Token {
                    value: issued.subject_token,
                    expires_at: Some(expires_at),
                };
                Ok((token, expires_at))
            })
            .await
    }

    async fn invalidate(&self, token: &Token) {
        self.cache.invalidate_if(|t| t.value == token.value);
    }
}

/// Gives an `assume_role` error a message that names the agency and the customer.
pub(crate) fn agency_error(e: Error, agency: &str, customer: &CustomerRef) -> Error {
    let c = customer.as_str();
    let said = e.message().to_owned();
    let agency_rejected =
        e.code() == Some("IAM.0007") && said.to_ascii_lowercase().contains("agency");
    if e.status() == Some(404) || agency_rejected {
        let m = format!("agency {agency} not found in customer {c} (IAM: {said})");
        return restate(&e, ErrorKind::NotFound, m);
    }
    if e.status() == Some(403) || e.kind() == ErrorKind::PermissionDenied {
        let m = format!(
            "the partner may not act through agency {agency} in customer {c}; the delegated \
             user needs the Agent Operator permission (IAM: {said})"
        );
        return restate(&e, ErrorKind::PermissionDenied, m);
    }
    if e.status().is_some() {
        let m = format!("assuming agency {agency} in customer {c} failed: {said}");
        return restate(&e, e.kind(), m);
    }
    e
}

/// A token that acts in a customer's account (`keystone_create_agency_token`, token
/// substitution), obtained with the partner's credentials and renewed before it expires.
///
/// [`Client::for_customer`] creates and caches these; build one directly for other agencies.
pub struct AgencyTokenSource {
    partner: Client,
    request: AgencyTokenRequest,
    cache: RefreshCache<Token>,
}

impl fmt::Debug for AgencyTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgencyTokenSource")
            .field("customer", &self.request.customer)
            .field("agency_name", &self.request.agency_name)
            .field("scope", &self.request.scope)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

impl AgencyTokenSource {
    /// A source sending `request` with `partner`'s credentials (normally a partner token,
    /// e.g. from [`PasswordTokenSource`]).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`] for an empty customer, agency or scope.
    pub fn new(partner: &Client, request: AgencyTokenRequest) -> Result<Self> {
        Self::with_margin(partner, request, DEFAULT_REFRESH_MARGIN)
    }

    /// As [`AgencyTokenSource::new`], renewing when less than `margin` is left.
    ///
    /// # Errors
    /// As [`AgencyTokenSource::new`].
    pub fn with_margin(
        partner: &Client,
        mut request: AgencyTokenRequest,
        margin: Duration,
    ) -> Result<Self> {
        use crate::operation::Operation;
        request.validate()?;
        request.nocatalog.get_or_insert(true);
        Ok(Self {
            partner: partner.detached(),
            request,
            cache: RefreshCache::new(partner.clock(), margin),
        })
    }

    /// When the cached token expires, if one is cached.
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.cache.expires_at()
    }
}

#[async_trait]
impl TokenSource for AgencyTokenSource {
    async fn token(&self) -> Result<Token> {
        self.cache
            .get(|| async {
                let r = &self.request;
                tracing::debug!(
                    customer = r.customer.as_str(),
                    agency = %r.agency_name,
                    "obtaining an agency token"
                );
                let issued = self.partner.execute(r).await?;
                let expires_at = expiry(&issued, self.partner.clock().as_ref());
                let token = Token {
                    value: issued.subject_token,
                    expires_at: Some(expires_at),
                };
                Ok((token, expires_at))
            })
            .await
    }

    async fn invalidate(&self, token: &Token) {
        self.cache.invalidate_if(|t| t.value == token.value);
    }
}

#[derive(Debug, Clone)]
enum KeyRequest {
    Token(TemporaryKeyByTokenRequest),
    Agency(TemporaryKeyByAgencyRequest),
}

/// Temporary access keys (AK/SK + security token) as signing credentials, renewed before
/// they expire. Use it with [`crate::ClientBuilder::credentials_provider`].
pub struct TemporaryKeyProvider {
    client: Client,
    request: KeyRequest,
    cache: RefreshCache<TemporaryAccessKey>,
}

impl fmt::Debug for TemporaryKeyProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TemporaryKeyProvider")
            .field("request", &self.request)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

impl TemporaryKeyProvider {
    /// Keys from `create_temporary_access_key_by_token`, sent through `client` (whose
    /// credentials should be a token, unless `request` names one).
    pub fn by_token(client: &Client, request: TemporaryKeyByTokenRequest) -> Self {
        Self::new(client, KeyRequest::Token(request))
    }

    /// Keys from `create_temporary_access_key_by_agency`, acting in a customer's account.
    pub fn by_agency(client: &Client, request: TemporaryKeyByAgencyRequest) -> Self {
        Self::new(client, KeyRequest::Agency(request))
    }

    fn new(client: &Client, request: KeyRequest) -> Self {
        Self {
            client: client.detached(),
            request,
            cache: RefreshCache::new(client.clock(), DEFAULT_REFRESH_MARGIN),
        }
    }

    /// Renews the keys when less than `margin` of their lifetime is left (default 1 hour,
    /// or half the lifetime for keys that live less than 2 hours).
    #[must_use]
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.cache = RefreshCache::new(self.client.clock(), margin);
        self
    }

    /// Valid temporary keys, from the cache or from IAM.
    ///
    /// # Errors
    /// The IAM error when new keys cannot be obtained.
    pub async fn keys(&self) -> Result<TemporaryAccessKey> {
        self.cache
            .get(|| async {
                let key = match &self.request {
                    KeyRequest::Token(r) => self.client.execute(r).await?,
                    KeyRequest::Agency(r) => self.client.execute(r).await?,
                };
                let expires_at = key
                    .expires_at
                    .unwrap_or_else(|| self.client.clock().now() + Duration::minutes(15));
                Ok((key, expires_at))
            })
            .await
    }
}

#[async_trait]
impl ProvideCredentials for TemporaryKeyProvider {
    async fn provide(&self) -> Result<Option<Credentials>> {
        let key = self.keys().await?;
        Ok(Some(Credentials::AccessKey(key.to_access_key()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_errors_name_agency_and_customer() {
        let c = CustomerRef::domain_name("cust1");
        let e = Error::new(ErrorKind::Api, "Request parameter agency_name is invalid.")
            .with_status(400)
            .with_code(Some("IAM.0007".into()))
            .with_request_id(Some("r1".into()));
        let e = agency_error(e, "plat", &c);
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert!(
            e.message()
                .starts_with("agency plat not found in customer cust1"),
            "{e}"
        );
        assert_eq!(e.code(), Some("IAM.0007"));
        assert_eq!(e.request_id(), Some("r1"));

        let e = agency_error(
            Error::new(ErrorKind::PermissionDenied, "nope").with_status(403),
            "plat",
            &c,
        );
        assert_eq!(e.kind(), ErrorKind::PermissionDenied);
        assert!(e.message().contains("agency plat in customer cust1"), "{e}");

        let e = agency_error(Error::new(ErrorKind::Timeout, "slow"), "plat", &c);
        assert_eq!(e.message(), "slow");
    }
}
