//! Pacing per operation: GCRA spacing plus a sliding-window guard.
//!
//! GCRA (one theoretical arrival time per bucket, no background task) spaces requests at
//! `1 / rate` after the allowed burst. On its own it cannot keep a server that counts the
//! quota in fixed one-second windows happy: GCRA schedules on theoretical times, so when one
//! request leaves late (a busy thread, a slow token) or reaches the server late, the eleventh
//! request at 10/s can land in the same server window as the first. The guard therefore
//! remembers when the last `rate` requests actually left and holds the next one until the
//! oldest of them is one second plus [`RateLimitPolicy::window_margin`] old. The margin
//! absorbs the jitter between leaving here and being counted there.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::config::RateLimitPolicy;

/// The quota window the documented limits are counted in.
const WINDOW: Duration = Duration::from_secs(1);

/// One operation's pacing state.
#[derive(Debug)]
struct Bucket {
    /// GCRA: the theoretical arrival time of the next request.
    tat: Instant,
    /// When the last `rate` requests left (ticket, instant), oldest first.
    sent: VecDeque<(u64, Instant)>,
}

/// A reserved slot: when it may go and how to confirm when it went.
#[derive(Debug, Clone, Copy)]
struct Slot {
    at: Instant,
    ticket: u64,
}

#[derive(Debug, Default)]
struct State {
    buckets: HashMap<&'static str, Bucket>,
    next_ticket: u64,
}

/// Paces requests per operation. Shared by every clone of a client.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    policy: RateLimitPolicy,
    state: Mutex<State>,
}

impl RateLimiter {
    pub(crate) fn new(policy: RateLimitPolicy) -> Self {
        Self {
            policy,
            state: Mutex::new(State::default()),
        }
    }

    pub(crate) fn policy(&self) -> &RateLimitPolicy {
        &self.policy
    }

    /// Reserves a slot for `operation`: the earliest instant both GCRA and the window guard
    /// allow.
    fn reserve(&self, operation: &'static str) -> Option<Slot> {
        if !self.policy.enabled {
            return None;
        }
        let rate = self.policy.rate_for(operation);
        let interval = WINDOW / rate;
        let burst = interval * self.policy.burst.max(1).saturating_sub(1);
        let window = WINDOW + self.policy.window_margin;
        let now = Instant::now();

        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.next_ticket += 1;
        let ticket = state.next_ticket;
        let bucket = state.buckets.entry(operation).or_insert_with(|| Bucket {
            tat: now,
            sent: VecDeque::new(),
        });
        let start = bucket.tat.max(now);
        let mut at = start.checked_sub(burst).unwrap_or(now).max(now);
        let rate = usize::try_from(rate).unwrap_or(usize::MAX);
        if bucket.sent.len() >= rate {
            if let Some(&(_, oldest)) = bucket.sent.front() {
                at = at.max(oldest + window);
            }
        }
        // Spacing resumes from the slot actually granted, so a request held by the guard
        // does not let the next one follow it closer than `interval`.
        bucket.tat = start.max(at) + interval;
        bucket.sent.push_back((ticket, at));
        while bucket.sent.len() > rate {
            bucket.sent.pop_front();
        }
        Some(Slot { at, ticket })
    }

    /// Records that the request of `slot` left at `left` (later than reserved when the task
    /// woke late), so the guard counts from when it really went.
    fn confirm(&self, operation: &'static str, slot: Slot, left: Instant) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let Some(bucket) = state.buckets.get_mut(operation) else {
            return;
        };
        if let Some(entry) = bucket
            .sent
            .iter_mut()
            .rev()
            .find(|(t, _)| *t == slot.ticket)
        {
            entry.1 = entry.1.max(left);
        }
    }

    /// Waits until `operation` may send another request. Call it right before sending.
    pub(crate) async fn acquire(&self, operation: &'static str) {
        let Some(slot) = self.reserve(operation) else {
            return;
        };
        let now = Instant::now();
        if slot.at > now {
            tracing::debug!(
                operation,
                wait_ms = (slot.at - now).as_millis() as u64,
                "rate limiter pacing"
            );
            tokio::time::sleep_until(slot.at).await;
        }
        self.confirm(operation, slot, Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARGIN: Duration = RateLimitPolicy::DEFAULT_WINDOW_MARGIN;

    #[tokio::test(start_paused = true)]
    async fn paces_at_the_configured_rate() {
        let rl = RateLimiter::new(RateLimitPolicy::default());
        let start = Instant::now();
        let mut at = Vec::new();
        for _ in 0..21 {
            rl.acquire("list_sub_customers").await;
            at.push(Instant::now() - start);
        }
        // 10/s: 100 ms apart; every tenth request also waits out the margin.
        assert_eq!(at[1], Duration::from_millis(100));
        assert_eq!(at[9], Duration::from_millis(900));
        assert_eq!(at[10], WINDOW + MARGIN);
        assert_eq!(at[11], WINDOW + MARGIN + Duration::from_millis(100));
        assert_eq!(at[20], (WINDOW + MARGIN) * 2);
    }

    #[tokio::test(start_paused = true)]
    async fn operations_have_separate_buckets_and_overrides() {
        let rl = RateLimiter::new(RateLimitPolicy::default());
        let start = Instant::now();
        for _ in 0..31 {
            rl.acquire("list_pay_per_use_customer_resources").await;
        }
        assert_eq!(Instant::now() - start, WINDOW + MARGIN);
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
    async fn a_full_burst_still_waits_out_the_window() {
        let policy = RateLimitPolicy {
            burst: 10,
            ..RateLimitPolicy::default()
        };
        let rl = RateLimiter::new(policy);
        let start = Instant::now();
        for _ in 0..10 {
            rl.acquire("x").await;
        }
        assert_eq!(Instant::now(), start);
        rl.acquire("x").await;
        assert_eq!(Instant::now() - start, WINDOW + MARGIN);
    }

    #[tokio::test(start_paused = true)]
    async fn the_guard_counts_from_when_a_late_request_really_left() {
        let rl = RateLimiter::new(RateLimitPolicy::default());
        let start = Instant::now();
        // The first request was granted at once but its task only ran 70 ms later.
        let slot = rl.reserve("x").expect("enabled");
        tokio::time::advance(Duration::from_millis(70)).await;
        rl.confirm("x", slot, Instant::now());
        for _ in 1..10 {
            rl.acquire("x").await;
        }
        rl.acquire("x").await;
        let late = Duration::from_millis(70);
        assert_eq!(Instant::now() - start, late + WINDOW + MARGIN);
    }

    /// A server counting in fixed one-second windows, at any phase, with arrival delays
    /// below the margin, never sees more than `rate` requests in one window.
    #[tokio::test(start_paused = true)]
    async fn never_exceeds_a_fixed_window_whatever_the_jitter() {
        let mut rng = fastrand::Rng::with_seed(8);
        let rl = RateLimiter::new(RateLimitPolicy::default());
        let start = Instant::now();
        let mut arrivals = Vec::new();
        for _ in 0..300 {
            // Sometimes the task runs late after its slot.
            let slot = rl.reserve("x").expect("enabled");
            tokio::time::sleep_until(slot.at).await;
            if rng.u8(..) < 40 {
                tokio::time::advance(Duration::from_millis(rng.u64(1..80))).await;
            }
            rl.confirm("x", slot, Instant::now());
            // Reaching the server takes anything from nothing to just under the margin.
            let delay = Duration::from_micros(rng.u64(0..MARGIN.as_micros() as u64));
            arrivals.push(Instant::now() - start + delay);
        }
        for phase_ms in (0..1000).step_by(7) {
            let phase = Duration::from_millis(phase_ms);
            let mut per_window: HashMap<u64, u32> = HashMap::new();
            for a in &arrivals {
                *per_window.entry((*a + phase).as_secs()).or_default() += 1;
            }
            let busiest = per_window.values().max().copied().unwrap_or(0);
            assert!(
                busiest <= 10,
                "phase {phase_ms} ms: {busiest} in one window"
            );
        }
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
