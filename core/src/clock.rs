//! Time as the SDK sees it: an injectable clock plus a learned correction for clock drift.

use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

/// A source of the current time. Inject one to test expiry and signing without waiting.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to; for tests.
#[derive(Debug, Clone)]
pub struct ManualClock {
    millis: Arc<AtomicI64>,
}

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            millis: Arc::new(AtomicI64::new(start.timestamp_millis())),
        }
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        self.millis
            .fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }

    /// Sets the clock to `t`.
    pub fn set(&self, t: DateTime<Utc>) {
        self.millis.store(t.timestamp_millis(), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.millis.load(Ordering::SeqCst)).unwrap_or_default()
    }
}

/// The offset between the server's clock and ours, learned from a rejected signature.
///
/// Signing uses `clock.now() + offset`, so a machine whose clock drifted keeps working after
/// the first "signature expired" answer.
#[derive(Debug, Default)]
pub(crate) struct SkewCorrection {
    offset_secs: AtomicI64,
}

impl SkewCorrection {
    pub(crate) fn offset(&self) -> Duration {
        Duration::seconds(self.offset_secs.load(Ordering::Relaxed))
    }

    pub(crate) fn set(&self, offset: Duration) {
        self.offset_secs
            .store(offset.num_seconds(), Ordering::Relaxed);
    }
}
