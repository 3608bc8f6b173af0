//! The client configuration handed over by the Python layer as JSON.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use huaweicloud_partner::credentials::StaticToken;
use huaweicloud_partner::{
    AccessKey, Client, Credentials, Error, RateLimitPolicy, RetryPolicy, Site, Token,
};
use serde::Deserialize;

/// Every setting the Python `Client(...)` accepts. Unknown keys are refused so that a typo
/// does not silently fall back to a default.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    site: Option<String>,
    endpoint: Option<String>,
    bss_endpoint: Option<String>,
    iam_endpoint: Option<String>,

    access_key: Option<String>,
    secret_key: Option<String>,
    security_token: Option<String>,
    domain_id: Option<String>,
    token: Option<String>,
    iam_user: Option<String>,
    iam_password: Option<String>,
    iam_domain: Option<String>,
    agency_name: Option<String>,
    token_refresh_margin: Option<f64>,

    connect_timeout: Option<f64>,
    timeout: Option<f64>,
    proxy: Option<String>,
    user_agent_suffix: Option<String>,

    max_attempts: Option<u32>,
    initial_backoff: Option<f64>,
    max_backoff: Option<f64>,
    max_elapsed: Option<f64>,

    rate_limit: Option<bool>,
    rate_limit_per_second: Option<u32>,
    rate_limit_burst: Option<u32>,
    rate_limit_per_operation: Option<HashMap<String, u32>>,
}

fn seconds(name: &str, value: Option<f64>) -> Result<Option<Duration>, Error> {
    value
        .map(|v| {
            Duration::try_from_secs_f64(v).map_err(|_| {
                Error::config(format!("{name} must be a non-negative number of seconds"))
            })
        })
        .transpose()
}

impl Config {
    /// Builds the core client.
    pub(crate) fn build(self) -> Result<Client, Error> {
        let mut b = Client::builder();
        if let Some(site) = &self.site {
            let parsed = Site::from_name(site)
                .ok_or_else(|| Error::config(format!("unknown site {site:?}")))?;
            b = b.site(parsed);
        }
        if let Some(u) = self.endpoint {
            b = b.endpoint(u);
        }
        if let Some(u) = self.bss_endpoint {
            b = b.bss_endpoint(u);
        }
        if let Some(u) = self.iam_endpoint {
            b = b.iam_endpoint(u);
        }

        match (self.access_key, self.secret_key, self.token) {
            (Some(_), Some(_), Some(_)) => {
                return Err(Error::config("give either an access key pair or a token"));
            }
            (Some(ak), Some(sk), None) => {
                let mut key = AccessKey::new(ak, sk)?;
                if let Some(t) = self.security_token {
                    key = key.with_security_token(t);
                }
                if let Some(d) = self.domain_id {
                    key = key.with_domain_id(d);
                }
                b = b.access_key(key);
            }
            (None, None, Some(token)) => {
                let token = Token {
                    value: token.into(),
                    expires_at: None,
                };
                b = b.credentials(Credentials::Token(Arc::new(StaticToken(token))));
            }
            (None, None, None) => {}
            _ => {
                return Err(Error::config(
                    "access_key and secret_key must be given together",
                ));
            }
        }

        match (self.iam_user, self.iam_password, self.iam_domain) {
            (Some(user), Some(password), Some(domain)) => {
                b = b.password_auth(user, password, domain);
            }
            (None, None, None) => {}
            _ => {
                return Err(Error::config(
                    "iam_user, iam_password and iam_domain must be given together",
                ));
            }
        }
        if let Some(a) = self.agency_name {
            b = b.agency_name(a);
        }
        if let Some(t) = seconds("token_refresh_margin", self.token_refresh_margin)? {
            b = b.token_refresh_margin(t);
        }

        if let Some(t) = seconds("connect_timeout", self.connect_timeout)? {
            b = b.connect_timeout(t);
        }
        if let Some(t) = seconds("timeout", self.timeout)? {
            b = b.timeout(t);
        }
        if let Some(p) = self.proxy {
            b = b.proxy(p);
        }
        if let Some(s) = self.user_agent_suffix {
            b = b.user_agent_suffix(s);
        }

        let mut retry = RetryPolicy::default();
        if let Some(n) = self.max_attempts {
            retry.max_attempts = n.max(1);
        }
        if let Some(t) = seconds("initial_backoff", self.initial_backoff)? {
            retry.initial_backoff = t;
        }
        if let Some(t) = seconds("max_backoff", self.max_backoff)? {
            retry.max_backoff = t;
        }
        if let Some(t) = seconds("max_elapsed", self.max_elapsed)? {
            retry.max_elapsed = t;
        }
        b = b.retry(retry);

        let mut limits = RateLimitPolicy::default();
        if let Some(on) = self.rate_limit {
            limits.enabled = on;
        }
        if let Some(n) = self.rate_limit_per_second {
            limits.default_per_second = n.max(1);
        }
        if let Some(n) = self.rate_limit_burst {
            limits.burst = n.max(1);
        }
        if let Some(m) = self.rate_limit_per_operation {
            limits.per_operation.extend(m);
        }
        b.rate_limit(limits).build()
    }
}
