//! Client configuration: site and endpoints, timeouts, retries, rate limits.

use std::collections::HashMap;
use std::time::Duration;

use url::Url;

use crate::error::{Error, Result};

/// The Huawei Cloud site a partner works on. It decides the endpoints and which operations
/// exist (the China site's `bss` API or the International/EU `bssintl` API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Site {
    /// huaweicloud.com (China): `bss.myhuaweicloud.com`, global IAM.
    #[default]
    China,
    /// huaweicloud.com/intl (International): `bss-intl.myhuaweicloud.com`.
    International,
    /// The European site: `bss.myhuaweicloud.eu`.
    Europe,
}

impl Site {
    /// Whether the site uses the International (`bssintl`) API.
    pub fn is_international(self) -> bool {
        !matches!(self, Self::China)
    }

    /// The default endpoints of the site.
    pub fn endpoints(self) -> Endpoints {
        let (bss, iam) = match self {
            Self::China => (
                "https://bss.myhuaweicloud.com",
                "https://iam.myhuaweicloud.com",
            ),
            Self::International => (
                "https://bss-intl.myhuaweicloud.com",
                "https://iam.ap-southeast-1.myhuaweicloud.com",
            ),
            Self::Europe => (
                "https://bss.myhuaweicloud.eu",
                "https://iam.eu-west-101.myhuaweicloud.eu",
            ),
        };
        Endpoints {
            bss: Url::parse(bss).unwrap_or_else(|_| unreachable!("constant URL")),
            iam: Url::parse(iam).unwrap_or_else(|_| unreachable!("constant URL")),
        }
    }

    /// Parses `china`/`cn`, `international`/`intl`, `europe`/`eu`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "china" | "cn" => Some(Self::China),
            "international" | "intl" => Some(Self::International),
            "europe" | "eu" => Some(Self::Europe),
            _ => None,
        }
    }
}

/// The API a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Service {
    /// Partner Center / BSS.
    Bss,
    /// Identity and Access Management.
    Iam,
}

/// Base URLs per service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// BSS base URL.
    pub bss: Url,
    /// IAM base URL.
    pub iam: Url,
}

impl Endpoints {
    /// The base URL of `service`.
    pub fn get(&self, service: Service) -> &Url {
        match service {
            Service::Bss => &self.bss,
            Service::Iam => &self.iam,
        }
    }
}

/// Parses an endpoint URL given by the user.
///
/// # Errors
/// [`crate::ErrorKind::Config`] for anything but an absolute http(s) URL.
pub fn parse_endpoint(url: &str) -> Result<Url> {
    let parsed = Url::parse(url.trim())
        .map_err(|e| Error::config(format!("endpoint {url:?} is not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(Error::config(format!(
            "endpoint {url:?} must be an http(s) URL with a host"
        )));
    }
    Ok(parsed)
}

/// When and how often failed requests are sent again.
///
/// Only requests that are safe to repeat are retried: any request that never reached the
/// server, idempotent operations after a timeout or a retryable status, and any request
/// rejected with HTTP 429. Operations that move money are never sent twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, including the first (1 disables retries).
    pub max_attempts: u32,
    /// Delay before the first retry.
    pub initial_backoff: Duration,
    /// Longest delay between attempts.
    pub max_backoff: Duration,
    /// Give up when the next attempt would start later than this after the first.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
            max_elapsed: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The delay before retry number `retry` (1 for the first retry): exponential with full
    /// jitter, between half and all of `initial * 2^(retry-1)`, capped at `max_backoff`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exp = self
            .initial_backoff
            .saturating_mul(1u32 << retry.saturating_sub(1).min(20));
        let cap = exp.min(self.max_backoff);
        let half = cap / 2;
        half + cap.saturating_sub(half).mul_f64(fastrand::f64())
    }
}

/// Client-side pacing per API, so a busy client stays inside the documented quotas instead of
/// collecting HTTP 429 answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitPolicy {
    /// Whether requests are paced at all.
    pub enabled: bool,
    /// Requests per second for operations without an override (the documented default: 10).
    pub default_per_second: u32,
    /// Requests per second by operation name.
    pub per_operation: HashMap<String, u32>,
    /// How many requests may go at once before pacing starts.
    pub burst: u32,
    /// Slack added to the one-second quota window: at most `rate` requests leave within any
    /// `1 s + window_margin`, so jitter between sending and being counted (a busy machine,
    /// the network) cannot put one request too many into a window of a server that counts
    /// in fixed seconds. Costs up to this much per `rate` requests when the quota is the
    /// bottleneck. Default [`RateLimitPolicy::DEFAULT_WINDOW_MARGIN`].
    pub window_margin: Duration,
}

impl Default for RateLimitPolicy {
    fn default() -> Self {
        let mut per_operation = HashMap::new();
        per_operation.insert("list_pay_per_use_customer_resources".to_owned(), 30);
        Self {
            enabled: true,
            default_per_second: 10,
            per_operation,
            burst: 1,
            window_margin: Self::DEFAULT_WINDOW_MARGIN,
        }
    }
}

impl RateLimitPolicy {
    /// The default [`RateLimitPolicy::window_margin`]: 25 ms.
    pub const DEFAULT_WINDOW_MARGIN: Duration = Duration::from_millis(25);

    /// No client-side pacing.
    pub fn disabled() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }

    /// The quota of an operation, in requests per second.
    pub fn rate_for(&self, operation: &str) -> u32 {
        self.per_operation
            .get(operation)
            .copied()
            .unwrap_or(self.default_per_second)
            .max(1)
    }
}
