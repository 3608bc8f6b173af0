//! Token-bucket pacing per operation (GCRA: one timestamp per bucket, no background task).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::config::RateLimitPolicy;

/// Paces requests per operation. Shared by every clone of a client.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    policy: RateLimitPolicy,
    /// Theoretical arrival time of the next request, per operation.
    tat: Mutex<HashMap<&'static str, Instant>>,
}

impl RateLimiter {
    pub(crate) fn new(policy: RateLimitPolicy) -> Self {
        Self {
            policy,
            tat: Mutex::new(HashMap::new()),
        }
    }

    pub(crate) fn policy(&self) -> &RateLimitPolicy {
        &self.policy
    }

    /// Reserves a slot for `operation` and returns when it may be sent.
    fn reserve(&self, operation: &'static str) -> Option<Instant> {
        if !self.policy.enabled {
            return None;
        }
        let interval = Duration::from_secs(1) / self.policy.rate_for(operation);
        let burst = interval * self.policy.burst.max(1).saturating_sub(1);
        let now = Instant::now();
        let mut map = self.tat.lock().unwrap_or_else(|p| p.into_inner());
        let tat = map.entry(operation).or_insert(now);
        let start = (*tat).max(now);
        let allowed = start.checked_sub(burst).unwrap_or(now).max(now);
        *tat = start + interval;
        Some(allowed)
    }

    /// Waits until `operation` may send another request.
    pub(crate) async fn acquire(&self, operation: &'static str) {
        if let Some(at) = self.reserve(operation) {
            if at > Instant::now() {
                tracing::debug!(
                    operation,
                    wait_ms = (at - Instant::now()).as_millis() as u64,
                    "rate limiter pacing"
                );
                tokio::time::sleep_until(at).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn paces_at_the_configured_rate() {
        let rl = RateLimiter::new(RateLimitPolicy::default());
        let start = Instant::now();
        for _ in 0..21 {
            rl.acquire("list_sub_customers").await;
        }
        // 21 requests at 10/s: the first goes at once, the last 2 s later.
        assert_eq!(Instant::now() - start, Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn operations_have_separate_buckets_and_overrides() {
        let rl = RateLimiter::new(RateLimitPolicy::default());
        let start = Instant::now();
        for _ in 0..31 {
            rl.acquire("list_pay_per_use_customer_resources").await;
        }
        assert_eq!(Instant::now() - start, Duration::from_secs(1));
        let t = Instant::now();
        rl.acquire("list_sub_customers").await;
        assert_eq!(Instant::now(), t, "a fresh bucket does not wait");
    }

    #[tokio::test(start_paused = true)]
    async fn burst_lets_the_first_requests_through() {
        let policy = RateLimitPolicy {
            burst: 5,
            ..RateLimitPolicy::default()
        };
        let rl = RateLimiter::new(policy);
        let start = Instant::now();
        for _ in 0..5 {
            rl.acquire("x").await;
        }
        assert_eq!(Instant::now(), start);
        rl.acquire("x").await;
        assert_eq!(Instant::now() - start, Duration::from_millis(100));
    }

    #[tokio::test(start_paused = true)]
    async fn disabled_never_waits() {
        let rl = RateLimiter::new(RateLimitPolicy::disabled());
        let start = Instant::now();
        for _ in 0..100 {
            rl.acquire("x").await;
        }
        assert_eq!(Instant::now(), start);
    }
}
