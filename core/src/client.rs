//! The client and its builder.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::account_records::AccountRecords;
use crate::auth::iam::{IamState, PasswordTokenRequest, PasswordTokenSource};
use crate::bills::Bills;
use crate::budgets::Budgets;
use crate::clock::{Clock, SkewCorrection, SystemClock};
use crate::config::{parse_endpoint, Endpoints, RateLimitPolicy, RetryPolicy, Site};
use crate::coupons::Coupons;
use crate::credentials::{
    AccessKey, Credentials, CredentialsChain, ProvideCredentials, StaticProvider, TokenSource,
};
use crate::customers::Customers;
use crate::error::{Error, Result};
use crate::funding::Funding;
use crate::http::ratelimit::RateLimiter;
use crate::http::Transport;
use crate::incentives::Incentives;
use crate::invoices::Invoices;
use crate::operation::Operation;
use crate::orders::Orders;
use crate::resellers::Resellers;
use crate::resources::Resources;
use crate::secret::SecretString;
use crate::signer::SigningKeyCache;

/// Environment variable that overrides the default IAM endpoint, as in the official SDKs.
pub const ENV_IAM_ENDPOINT: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";

/// A Partner Center client. Cheap to clone (clones share connections, credentials and rate
/// limits); `Send + Sync`.
///
/// ```no_run
/// # async fn run() -> huaweicloud_partner::Result<()> {
/// use huaweicloud_partner::{Client, Site};
/// use huaweicloud_partner::customers::ListCustomersRequest;
///
/// let client = Client::builder().site(Site::China).build()?; // credentials from env/profile
/// let page = client.customers().list(&ListCustomersRequest::new().limit(10u32)).await?;
/// for c in page.customer_infos {
///     println!("{} {}", c.customer_id, c.account_name);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Transport>,
    iam: Arc<IamState>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("site", &self.inner.site)
            .field("endpoints", &self.inner.endpoints)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with the defaults: China site, credentials from the environment or the
    /// profile file, 10 s connect and 60 s request timeouts, retries and rate limits on.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The configured site.
    pub fn site(&self) -> Site {
        self.inner.site
    }

    /// The endpoints in use.
    pub fn endpoints(&self) -> &Endpoints {
        &self.inner.endpoints
    }

    /// Executes any operation through the shared transport (validation, signing, retries,
    /// rate limiting, tracing). The resource areas call this; it is public so that an
    /// operation this SDK does not wrap yet can be declared and sent the same way.
    ///
    /// # Errors
    /// See [`crate::ErrorKind`].
    pub async fn execute<O: Operation>(&self, op: &O) -> Result<O::Output> {
        self.inner.execute(op).await
    }

    /// Customers of the partner.
    pub fn customers(&self) -> Customers {
        Customers::new(self.clone())
    }

    /// Funding, reclaiming and adjustment records.
    pub fn funding(&self) -> Funding {
        Funding::new(self.clone())
    }

    /// The clock used for signing and token expiry.
    pub(crate) fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.inner.clock)
    }

    /// IAM settings and the token-substitution cache.
    pub(crate) fn iam_state(&self) -> &IamState {
        &self.iam
    }

    /// The same transport without the substitution cache, for token sources to hold (a
    /// source kept in the cache of the client it holds would never be freed).
    pub(crate) fn detached(&self) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            iam: Arc::new(self.iam.child()),
        }
    }

    /// Customer budgets (International and EU sites).
    pub fn budgets(&self) -> Budgets {
        Budgets::new(self.clone())
    }

    /// Customer resources, renewals and price inquiries.
    pub fn resources(&self) -> Resources {
        Resources::new(self.clone())
    }

    /// Account change records and balances.
    pub fn account_records(&self) -> AccountRecords {
        AccountRecords::new(self.clone())
    }

    /// Bills, fee records, costs and usage.
    pub fn bills(&self) -> Bills {
        Bills::new(self.clone())
    }

    /// Coupons issued to customers and the partner's coupon quotas.
    pub fn coupons(&self) -> Coupons {
        Coupons::new(self.clone())
    }

    /// Resellers of a distributor: funding and coupon quotas.
    pub fn resellers(&self) -> Resellers {
        Resellers::new(self.clone())
    }

    /// Incentive and discount policies.
    pub fn incentives(&self) -> Incentives {
        Incentives::new(self.clone())
    }

    /// Invoices (International and EU sites, read-only).
    pub fn invoices(&self) -> Invoices {
        Invoices::new(self.clone())
    }

    /// Customer orders: list, pay, cancel.
    pub fn orders(&self) -> Orders {
        Orders::new(self.clone())
    }

    /// A client identical to this one but authenticating with `credentials`. It shares the
    /// connection pool; its rate limits are its own, since quotas are counted per caller.
    pub fn with_credentials(&self, credentials: Credentials) -> Client {
        let t = &self.inner;
        Client {
            iam: Arc::new(self.iam.child()),
            inner: Arc::new(Transport {
                http: t.http.clone(),
                site: t.site,
                endpoints: t.endpoints.clone(),
                credentials: Arc::new(StaticProvider(credentials)),
                retry: t.retry.clone(),
                limiter: RateLimiter::new(t.limiter.policy().clone()),
                clock: Arc::clone(&t.clock),
                skew: SkewCorrection::default(),
                user_agent: t.user_agent.clone(),
                signing_key: SigningKeyCache::default(),
            }),
        }
    }
}

/// Builds a [`Client`].
#[derive(Debug, Default)]
pub struct ClientBuilder {
    site: Site,
    bss_endpoint: Option<String>,
    iam_endpoint: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    proxy: Option<String>,
    user_agent_suffix: Option<String>,
    retry: Option<RetryPolicy>,
    rate_limit: Option<RateLimitPolicy>,
    clock: Option<Arc<dyn Clock>>,
    password: Option<PasswordTokenRequest>,
    agency_name: Option<String>,
    token_refresh_margin: Option<Duration>,
}

impl ClientBuilder {
    /// The site (default: China).
    #[must_use]
    pub fn site(mut self, site: Site) -> Self {
        self.site = site;
        self
    }

    /// Overrides the BSS endpoint (e.g. the sandbox's URL).
    #[must_use]
    pub fn bss_endpoint(mut self, url: impl Into<String>) -> Self {
        self.bss_endpoint = Some(url.into());
        self
    }

    /// Overrides the IAM endpoint (default: the site's, or `HUAWEICLOUD_SDK_IAM_ENDPOINT`).
    #[must_use]
    pub fn iam_endpoint(mut self, url: impl Into<String>) -> Self {
        self.iam_endpoint = Some(url.into());
        self
    }

    /// Sends BSS and IAM requests to one base URL (the sandbox serves both).
    #[must_use]
    pub fn endpoint(self, url: impl Into<String>) -> Self {
        let url = url.into();
        self.bss_endpoint(url.clone()).iam_endpoint(url)
    }

    /// Authenticates with an access key pair.
    #[must_use]
    pub fn access_key(self, key: AccessKey) -> Self {
        self.credentials(Credentials::AccessKey(key))
    }

    /// Authenticates with IAM tokens from `source`.
    #[must_use]
    pub fn token_source(self, source: Arc<dyn TokenSource>) -> Self {
        self.credentials(Credentials::Token(source))
    }

    /// Authenticates with IAM tokens obtained with the password of the partner's IAM user
    /// `user_name` in account `domain_name` (domain-scoped, as Partner Center operations
    /// need), renewed before they expire. Replaces any other credentials. For another scope
    /// use a [`PasswordTokenSource`] with [`ClientBuilder::token_source`].
    #[must_use]
    pub fn password_auth(
        mut self,
        user_name: impl Into<String>,
        password: impl Into<SecretString>,
        domain_name: impl Into<String>,
    ) -> Self {
        self.password = Some(PasswordTokenRequest::new(user_name, password, domain_name));
        self
    }

    /// The agency [`Client::for_customer`] assumes in customer accounts: the partner
    /// platform id (`xaccountType`) Huawei assigned.
    #[must_use]
    pub fn agency_name(mut self, name: impl Into<String>) -> Self {
        self.agency_name = Some(name.into());
        self
    }

    /// Renew tokens (password and agency tokens) when less than this is left of their
    /// 24-hour lifetime (default 1 hour).
    #[must_use]
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.token_refresh_margin = Some(margin);
        self
    }

    /// Authenticates with fixed credentials.
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(StaticProvider(credentials)));
        self
    }

    /// Authenticates with credentials from a provider (default: environment, then profile).
    #[must_use]
    pub fn credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// Time allowed to establish a connection (default 10 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Time allowed for a whole attempt, from sending to the end of the body (default 60 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends requests through an HTTP(S) proxy.
    #[must_use]
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Appended to the `User-Agent` header (name your platform).
    #[must_use]
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// The retry policy (default: [`RetryPolicy::default`]).
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The rate-limit policy (default: the documented quotas).
    #[must_use]
    pub fn rate_limit(mut self, policy: RateLimitPolicy) -> Self {
        self.rate_limit = Some(policy);
        self
    }

    /// The clock used for signing and token expiry (default: the system clock).
    #[must_use]
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Builds the client. Credentials are resolved on the first request.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Config`] for a bad endpoint or proxy URL.
    pub fn build(self) -> Result<Client> {
        let mut endpoints = self.site.endpoints();
        if let Some(u) = &self.bss_endpoint {
            endpoints.bss = parse_endpoint(u)?;
        }
        let iam_env = std::env::var(ENV_IAM_ENDPOINT)
            .ok()
            .filter(|v| !v.trim().is_empty());
        if let Some(u) = self.iam_endpoint.as_ref().or(iam_env.as_ref()) {
            endpoints.iam = parse_endpoint(u)?;
        }

        let mut user_agent = format!("huaweicloud-partner-rust/{}", env!("CARGO_PKG_VERSION"));
        if let Some(s) = self.user_agent_suffix.filter(|s| !s.trim().is_empty()) {
            user_agent.push(' ');
            user_agent.push_str(s.trim());
        }

        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout.unwrap_or(Duration::from_secs(10)))
            .timeout(self.timeout.unwrap_or(Duration::from_secs(60)))
            .pool_idle_timeout(Duration::from_secs(60))
            .use_rustls_tls();
        if let Some(p) = &self.proxy {
            let proxy = reqwest::Proxy::all(p.as_str())
                .map_err(|e| Error::config(format!("proxy {p:?} is not usable: {e}")))?;
            http = http.proxy(proxy);
        }
        let http = http
            .build()
            .map_err(|e| Error::config("the HTTP client could not be built").with_source(e))?;

        let credentials = match (&self.password, self.credentials) {
            // Replaced below; the password call itself needs no credentials.
            (Some(_), _) => Arc::new(CredentialsChain::new(Vec::new())),
            (None, Some(c)) => c,
            (None, None) => Arc::new(CredentialsChain::default_chain()),
        };
        let margin = self
            .token_refresh_margin
            .map(|m| chrono::Duration::from_std(m).unwrap_or(chrono::Duration::MAX));
        let client = Client {
            iam: Arc::new(IamState::new(self.agency_name, margin)),
            inner: Arc::new(Transport {
                http,
                site: self.site,
                endpoints,
                credentials,
                retry: self.retry.unwrap_or_default(),
                limiter: RateLimiter::new(self.rate_limit.unwrap_or_default()),
                clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
                skew: SkewCorrection::default(),
                user_agent,
                signing_key: SigningKeyCache::default(),
            }),
        };
        Ok(match self.password {
            Some(request) => {
                let source = PasswordTokenSource::new(&client, request)
                    .with_refresh_margin(client.iam_state().margin());
                client.with_credentials(Credentials::Token(Arc::new(source)))
            }
            None => client,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Client>();
    }

    #[test]
    fn bad_endpoints_and_proxies_are_config_errors() {
        let e = Client::builder()
            .bss_endpoint("not a url")
            .build()
            .expect_err("bad");
        assert_eq!(e.kind(), crate::ErrorKind::Config);
        let e = Client::builder()
            .bss_endpoint("ftp://x")
            .build()
            .expect_err("bad");
        assert_eq!(e.kind(), crate::ErrorKind::Config);
    }

    #[test]
    fn sites_pick_their_endpoints() {
        let c = Client::builder()
            .site(Site::International)
            .build()
            .expect("ok");
        assert_eq!(
            c.endpoints().bss.as_str(),
            "https://bss-intl.myhuaweicloud.com/"
        );
        let c = Client::builder()
            .endpoint("http://127.0.0.1:9")
            .build()
            .expect("ok");
        assert_eq!(c.endpoints().iam.as_str(), "http://127.0.0.1:9/");
    }
}
