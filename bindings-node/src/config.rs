//! The `Client` options of JavaScript, turned into a core `ClientBuilder`.

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use huaweicloud_partner::{AccessKey, Client, RateLimitPolicy, RetryPolicy, Site};
use napi_derive::napi;

use crate::error::{config, invalid, to_napi};

/// Retry settings (times in milliseconds).
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct RetryOptions {
    /// Attempts in all, including the first (1 disables retries).
    pub max_attempts: Option<u32>,
    /// Delay before the first retry.
    pub initial_backoff_ms: Option<u32>,
    /// Longest delay between attempts.
    pub max_backoff_ms: Option<u32>,
    /// Give up when the next attempt would start later than this after the first.
    pub max_elapsed_ms: Option<u32>,
}

/// Client-side rate limits.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct RateLimitOptions {
    /// Whether requests are paced at all (default true).
    pub enabled: Option<bool>,
    /// Requests per second for operations without an override.
    pub per_second: Option<u32>,
    /// Requests per second by catalogue operation name.
    pub per_operation: Option<HashMap<String, u32>>,
    /// How many requests may go at once before pacing starts.
    pub burst: Option<u32>,
}

/// Partner IAM user whose password obtains (and renews) the client's tokens.
#[napi(object)]
#[derive(Clone, Default)]
pub struct PasswordAuthOptions {
    /// IAM user name.
    pub user_name: String,
    /// Its password.
    pub password: String,
    /// The account (domain) name the user belongs to.
    pub domain_name: String,
}

impl fmt::Debug for PasswordAuthOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordAuthOptions")
            .field("user_name", &self.user_name)
            .field("domain_name", &self.domain_name)
            .finish_non_exhaustive()
    }
}

/// Everything a client can be configured with. Secrets are moved into the core's
/// `SecretString`s and not kept anywhere else.
#[napi(object)]
#[derive(Default)]
pub struct NativeClientOptions {
    /// `china` (default), `international` or `europe`.
    pub site: Option<String>,
    /// One base URL for BSS and IAM (the sandbox).
    pub endpoint: Option<String>,
    /// BSS base URL.
    pub bss_endpoint: Option<String>,
    /// IAM base URL.
    pub iam_endpoint: Option<String>,
    /// Access key id.
    pub access_key: Option<String>,
    /// Secret access key.
    pub secret_key: Option<String>,
    /// Security token of temporary keys.
    pub security_token: Option<String>,
    /// Account (domain) id.
    pub domain_id: Option<String>,
    /// Authenticate with IAM tokens from an IAM user's password instead of keys.
    pub password_auth: Option<PasswordAuthOptions>,
    /// The agency `forCustomer` assumes (the partner platform id).
    pub agency_name: Option<String>,
    /// Renew tokens when less than this is left (milliseconds).
    pub token_refresh_margin_ms: Option<u32>,
    /// Connection timeout.
    pub connect_timeout_ms: Option<u32>,
    /// Whole-attempt timeout.
    pub timeout_ms: Option<u32>,
    /// HTTP(S) proxy URL.
    pub proxy: Option<String>,
    /// Appended to the User-Agent.
    pub user_agent_suffix: Option<String>,
    /// Retry settings.
    pub retry: Option<RetryOptions>,
    /// Rate limits.
    pub rate_limit: Option<RateLimitOptions>,
}

impl fmt::Debug for NativeClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Secrets are left out on purpose.
        f.debug_struct("NativeClientOptions")
            .field("site", &self.site)
            .field("endpoint", &self.endpoint)
            .field("bss_endpoint", &self.bss_endpoint)
            .field("iam_endpoint", &self.iam_endpoint)
            .field("access_key", &self.access_key)
            .field("domain_id", &self.domain_id)
            .finish_non_exhaustive()
    }
}

fn retry_policy(o: &RetryOptions) -> napi::Result<RetryPolicy> {
    let mut p = RetryPolicy::default();
    if let Some(n) = o.max_attempts {
        if n == 0 {
            return Err(config("retry.maxAttempts must be at least 1"));
        }
        p.max_attempts = n;
    }
    let ms = |v: u32| Duration::from_millis(u64::from(v));
    if let Some(v) = o.initial_backoff_ms {
        p.initial_backoff = ms(v);
    }
    if let Some(v) = o.max_backoff_ms {
        p.max_backoff = ms(v);
    }
    if let Some(v) = o.max_elapsed_ms {
        p.max_elapsed = ms(v);
    }
    Ok(p)
}

fn rate_limit_policy(o: &RateLimitOptions) -> napi::Result<RateLimitPolicy> {
    let mut p = RateLimitPolicy::default();
    if let Some(e) = o.enabled {
        p.enabled = e;
    }
    if let Some(n) = o.per_second {
        if n == 0 {
            return Err(config("rateLimit.perSecond must be at least 1"));
        }
        p.default_per_second = n;
    }
    if let Some(m) = &o.per_operation {
        for (op, n) in m {
            if *n == 0 {
                return Err(config(format!(
                    "rateLimit.perOperation.{op} must be at least 1"
                )));
            }
            p.per_operation.insert(op.clone(), *n);
        }
    }
    if let Some(b) = o.burst {
        p.burst = b.max(1);
    }
    Ok(p)
}

/// Builds a core client from the options.
pub(crate) fn build_client(o: NativeClientOptions) -> napi::Result<Client> {
    let mut b = Client::builder();
    if let Some(s) = &o.site {
        let site = Site::from_name(s).ok_or_else(|| {
            config(format!(
                "unknown site {s:?}: use \"china\", \"international\" or \"europe\""
            ))
        })?;
        b = b.site(site);
    }
    if let Some(u) = o.endpoint {
        b = b.endpoint(u);
    }
    if let Some(u) = o.bss_endpoint {
        b = b.bss_endpoint(u);
    }
    if let Some(u) = o.iam_endpoint {
        b = b.iam_endpoint(u);
    }

    let b_has_keys = o.access_key.is_some();
    match (o.access_key, o.secret_key) {
        (Some(ak), Some(sk)) => {
            let mut key = AccessKey::new(ak, sk).map_err(|e| to_napi(&e))?;
            if let Some(t) = o.security_token {
                key = key.with_security_token(t);
            }
            if let Some(d) = o.domain_id {
                key = key.with_domain_id(d);
            }
            b = b.access_key(key);
        }
        (None, None) => {
            if o.security_token.is_some() {
                return Err(invalid("securityToken needs accessKey and secretKey"));
            }
        }
        (Some(_), None) => return Err(invalid("accessKey is set but secretKey is missing")),
        (None, Some(_)) => return Err(invalid("secretKey is set but accessKey is missing")),
    }

    if let Some(p) = o.password_auth {
        if b_has_keys {
            return Err(invalid(
                "use either accessKey/secretKey or passwordAuth, not both",
            ));
        }
        b = b.password_auth(p.user_name, p.password, p.domain_name);
    }
    if let Some(a) = o.agency_name {
        b = b.agency_name(a);
    }
    if let Some(ms) = o.token_refresh_margin_ms {
        b = b.token_refresh_margin(Duration::from_millis(u64::from(ms)));
    }
    if let Some(ms) = o.connect_timeout_ms {
        b = b.connect_timeout(Duration::from_millis(u64::from(ms)));
    }
    if let Some(ms) = o.timeout_ms {
        b = b.timeout(Duration::from_millis(u64::from(ms)));
    }
    if let Some(p) = o.proxy {
        b = b.proxy(p);
    }
    if let Some(s) = o.user_agent_suffix {
        b = b.user_agent_suffix(s);
    }
    if let Some(r) = &o.retry {
        b = b.retry(retry_policy(r)?);
    }
    if let Some(r) = &o.rate_limit {
        b = b.rate_limit(rate_limit_policy(r)?);
    }
    b.build().map_err(|e| to_napi(&e))
}
