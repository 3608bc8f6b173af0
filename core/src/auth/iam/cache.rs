//! A value that expires, refreshed by one caller at a time (single flight).
//!
//! Callers that find the value stale queue on one lock; the first obtains a new value, the
//! others then find it fresh. When that refresh fails, the callers that waited for it get a
//! copy of its error instead of each sending a request of their own.

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};

use crate::clock::Clock;
use crate::error::{Error, ErrorKind, Result};

/// Refresh tokens this long before they expire, by default (tokens live 24 h).
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::hours(1);

/// Assumed lifetime when IAM does not say when a token expires.
pub(crate) const DEFAULT_LIFETIME: Duration = Duration::hours(24);

struct Entry<T> {
    value: T,
    obtained_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

struct Failure {
    attempt: u64,
    error: Error,
}

pub(crate) struct RefreshCache<T> {
    current: Mutex<Option<Entry<T>>>,
    refresh: tokio::sync::Mutex<()>,
    attempts: AtomicU64,
    last_failure: Mutex<Option<Failure>>,
    clock: Arc<dyn Clock>,
    margin: Duration,
}

impl<T> fmt::Debug for RefreshCache<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expires_at = lock(&self.current).as_ref().map(|e| e.expires_at);
        f.debug_struct("RefreshCache")
            .field("expires_at", &expires_at)
            .field("margin", &self.margin)
            .finish_non_exhaustive()
    }
}

fn lock<V>(m: &Mutex<V>) -> std::sync::MutexGuard<'_, V> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A copy of `e` for another caller (errors are not `Clone`; this keeps what matters).
fn duplicate(e: &Error) -> Error {
    restate(e, e.kind(), e.message().to_owned())
}

/// `e` with another kind and message, keeping status, code, request id and retry advice.
pub(crate) fn restate(e: &Error, kind: ErrorKind, message: String) -> Error {
    let mut d = Error::new(kind, message)
        .with_code(e.code().map(str::to_owned))
        .with_request_id(e.request_id().map(str::to_owned))
        .with_retryable(e.is_retryable())
        .with_retry_after(e.retry_after());
    if let Some(s) = e.status() {
        d = d.with_status(s);
    }
    if let Some(op) = e.operation() {
        d = d.with_operation(op);
    }
    if let Some(b) = e.body_excerpt() {
        d = d.with_body_excerpt(b.as_bytes());
    }
    d
}

impl<T: Clone> RefreshCache<T> {
    pub(crate) fn new(clock: Arc<dyn Clock>, margin: Duration) -> Self {
        Self {
            current: Mutex::new(None),
            refresh: tokio::sync::Mutex::new(()),
            attempts: AtomicU64::new(0),
            last_failure: Mutex::new(None),
            clock,
            margin,
        }
    }

    /// The cached value if it is not within the refresh margin of its expiry. A value whose
    /// whole lifetime is shorter than twice the margin is refreshed at half-life instead, so
    /// short-lived values are not fetched on every call.
    fn fresh(&self) -> Option<T> {
        let now = self.clock.now();
        let cur = lock(&self.current);
        let e = cur.as_ref()?;
        let margin = self.margin.min((e.expires_at - e.obtained_at) / 2);
        (now + margin < e.expires_at).then(|| e.value.clone())
    }

    /// The cached value, or a new one from `fetch` (which returns it with its expiry).
    pub(crate) async fn get<F, Fut>(&self, fetch: F) -> Result<T>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(T, DateTime<Utc>)>>,
    {
        if let Some(v) = self.fresh() {
            return Ok(v);
        }
        let seen = self.attempts.load(Ordering::SeqCst);
        let _turn = self.refresh.lock().await;
        if let Some(v) = self.fresh() {
            return Ok(v);
        }
        if let Some(f) = lock(&self.last_failure).as_ref() {
            if f.attempt > seen {
                return Err(duplicate(&f.error));
            }
        }
        let obtained_at = self.clock.now();
        let result = fetch().await;
        let attempt = self.attempts.fetch_add(1, Ordering::SeqCst) + 1;
        match result {
            Ok((value, expires_at)) => {
                *lock(&self.current) = Some(Entry {
                    value: value.clone(),
                    obtained_at,
                    expires_at,
                });
                *lock(&self.last_failure) = None;
                Ok(value)
            }
            Err(error) => {
                *lock(&self.last_failure) = Some(Failure {
                    attempt,
                    error: duplicate(&error),
                });
                Err(error)
            }
        }
    }

    /// Forgets the cached value if `matches` says it is the rejected one (a value another
    /// caller has already replaced stays).
    pub(crate) fn invalidate_if(&self, matches: impl Fn(&T) -> bool) {
        let mut cur = lock(&self.current);
        if cur.as_ref().is_some_and(|e| matches(&e.value)) {
            *cur = None;
        }
    }

    /// When the cached value expires, if there is one.
    pub(crate) fn expires_at(&self) -> Option<DateTime<Utc>> {
        lock(&self.current).as_ref().map(|e| e.expires_at)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use chrono::TimeZone;

    use super::*;
    use crate::clock::ManualClock;

    fn setup() -> (ManualClock, RefreshCache<u32>) {
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2024, 6, 3, 8, 0, 0).unwrap());
        let cache = RefreshCache::new(Arc::new(clock.clone()), Duration::hours(1));
        (clock, cache)
    }

    #[tokio::test]
    async fn refreshes_inside_the_margin_only() {
        let (clock, cache) = setup();
        let calls = AtomicUsize::new(0);
        let fetch = || async {
            let n = calls.fetch_add(1, Ordering::SeqCst) as u32;
            Ok((n, clock.now() + Duration::hours(24)))
        };
        assert_eq!(cache.get(fetch).await.expect("ok"), 0);
        clock.advance(Duration::hours(22));
        assert_eq!(cache.get(fetch).await.expect("ok"), 0);
        clock.advance(Duration::minutes(61));
        assert_eq!(cache.get(fetch).await.expect("ok"), 1);
        cache.invalidate_if(|v| *v == 0);
        assert_eq!(
            cache.get(fetch).await.expect("ok"),
            1,
            "0 was already replaced"
        );
        cache.invalidate_if(|v| *v == 1);
        assert_eq!(cache.get(fetch).await.expect("ok"), 2);
    }

    #[tokio::test]
    async fn short_lived_values_refresh_at_half_life() {
        let (clock, cache) = setup();
        let calls = AtomicUsize::new(0);
        let fetch = || async {
            let n = calls.fetch_add(1, Ordering::SeqCst) as u32;
            Ok((n, clock.now() + Duration::minutes(30)))
        };
        assert_eq!(cache.get(fetch).await.expect("ok"), 0);
        clock.advance(Duration::minutes(10));
        assert_eq!(cache.get(fetch).await.expect("ok"), 0);
        clock.advance(Duration::minutes(6));
        assert_eq!(cache.get(fetch).await.expect("ok"), 1);
    }

    #[tokio::test]
    async fn a_failure_is_not_cached_for_later_callers() {
        let (_clock, cache) = setup();
        let e = cache
            .get(|| async { Err::<(u32, _), _>(Error::new(ErrorKind::Auth, "no")) })
            .await
            .expect_err("fails");
        assert_eq!(e.kind(), ErrorKind::Auth);
        let v = cache
            .get(|| async { Ok((7, Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap())) })
            .await
            .expect("a later caller tries again");
        assert_eq!(v, 7);
    }
}
