//! Fault injection, per-operation request counters and per-API rate limits.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use serde::{Deserialize, Serialize};

/// A fault to inject into the next `count` calls of an operation.
///
/// `operation` is a catalogue operation name (`"*"` matches every operation). When several
/// effects are set, `delay_ms` applies first, then `drop` (close the connection without an
/// answer), else `truncate` (run the operation, then send half of the body and close), else
/// an error answer with `status` and `error_code` when `status` is 400 or above.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Fault {
    /// Catalogue operation name, or `*`.
    pub operation: String,
    /// How many calls the fault affects.
    pub count: u32,
    /// HTTP status of the injected error (0 or < 400 for none).
    pub status: u16,
    /// Delay before answering, in milliseconds.
    pub delay_ms: u64,
    /// Close the connection without answering.
    pub drop: bool,
    /// Send a truncated body.
    pub truncate: bool,
    /// `error_code` of the injected error body; defaults by status (`APIG.0308` for 429,
    /// `CBC.0999` otherwise).
    pub error_code: Option<String>,
}

impl Default for Fault {
    fn default() -> Self {
        Self {
            operation: "*".to_owned(),
            count: 1,
            status: 0,
            delay_ms: 0,
            drop: false,
            truncate: false,
            error_code: None,
        }
    }
}

impl Fault {
    /// A fault answering `status` with `error_code` for the next `count` calls.
    pub fn error(operation: &str, count: u32, status: u16, error_code: &str) -> Self {
        Self {
            operation: operation.to_owned(),
            count,
            status,
            error_code: Some(error_code.to_owned()),
            ..Self::default()
        }
    }

    /// A fault delaying the next `count` calls by `delay_ms`.
    pub fn delay(operation: &str, count: u32, delay_ms: u64) -> Self {
        Self {
            operation: operation.to_owned(),
            count,
            delay_ms,
            ..Self::default()
        }
    }

    /// A fault closing the connection of the next `count` calls without an answer.
    pub fn drop_connection(operation: &str, count: u32) -> Self {
        Self {
            operation: operation.to_owned(),
            count,
            drop: true,
            ..Self::default()
        }
    }

    /// A fault truncating the body of the next `count` answers.
    pub fn truncate(operation: &str, count: u32) -> Self {
        Self {
            operation: operation.to_owned(),
            count,
            truncate: true,
            ..Self::default()
        }
    }
}

#[derive(Debug, Default)]
struct Window {
    second: u64,
    used: u32,
}

/// Fault rules, counters and rate-limit windows.
#[derive(Debug)]
pub(crate) struct Faults {
    rules: Mutex<Vec<Fault>>,
    counts: Mutex<HashMap<String, u64>>,
    windows: Mutex<HashMap<(String, String), Window>>,
    rate_limit: bool,
    epoch: Instant,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Requests per second allowed for an operation (the documented default is 10).
pub(crate) fn quota(operation: &str) -> u32 {
    if operation == "list_pay_per_use_customer_resources" {
        30
    } else {
        10
    }
}

impl Faults {
    pub(crate) fn new(rate_limit: bool) -> Self {
        Self {
            rules: Mutex::default(),
            counts: Mutex::default(),
            windows: Mutex::default(),
            rate_limit,
            epoch: Instant::now(),
        }
    }

    pub(crate) fn add(&self, fault: Fault) {
        if fault.count > 0 {
            lock(&self.rules).push(fault);
        }
    }

    pub(crate) fn pending(&self) -> Vec<Fault> {
        lock(&self.rules).clone()
    }

    pub(crate) fn clear(&self) {
        lock(&self.rules).clear();
    }

    /// Takes one use of the first fault matching `operation`.
    pub(crate) fn take(&self, operation: &str) -> Option<Fault> {
        let mut rules = lock(&self.rules);
        let i = rules
            .iter()
            .position(|f| f.operation == operation || f.operation == "*")?;
        let fault = rules[i].clone();
        rules[i].count -= 1;
        if rules[i].count == 0 {
            rules.remove(i);
        }
        Some(fault)
    }

    pub(crate) fn count(&self, operation: &str) {
        *lock(&self.counts).entry(operation.to_owned()).or_default() += 1;
    }

    pub(crate) fn requests(&self, operation: &str) -> u64 {
        lock(&self.counts)
            .get(operation)
            .copied()
            .unwrap_or_default()
    }

    pub(crate) fn all_requests(&self) -> HashMap<String, u64> {
        lock(&self.counts).clone()
    }

    pub(crate) fn reset_requests(&self) {
        lock(&self.counts).clear();
    }

    /// Whether a call of `operation` by `caller` is within its per-second quota.
    pub(crate) fn admit(&self, operation: &str, caller: &str) -> Result<(), u32> {
        if !self.rate_limit {
            return Ok(());
        }
        let limit = quota(operation);
        let second = self.epoch.elapsed().as_secs();
        let mut windows = lock(&self.windows);
        let w = windows
            .entry((operation.to_owned(), caller.to_owned()))
            .or_default();
        if w.second != second {
            *w = Window { second, used: 0 };
        }
        if w.used >= limit {
            return Err(limit);
        }
        w.used += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_used_up_in_order() {
        let f = Faults::new(false);
        f.add(Fault::error("list_sub_customers", 2, 503, "CBC.0999"));
        f.add(Fault::delay("*", 1, 5));
        assert_eq!(f.pending().len(), 2);
        assert_eq!(f.take("list_sub_customers").map(|x| x.status), Some(503));
        assert_eq!(f.pending()[0].count, 1);
        assert_eq!(f.take("list_sub_customers").map(|x| x.status), Some(503));
        assert_eq!(f.take("list_sub_customers").map(|x| x.delay_ms), Some(5));
        assert_eq!(f.take("list_sub_customers"), None);
    }

    #[test]
    fn rate_limit_counts_per_operation_and_caller() {
        let f = Faults::new(true);
        let ok = (0..15)
            .filter(|_| f.admit("list_sub_customers", "ak").is_ok())
            .count();
        // The window may roll over once during the loop; at most two windows' worth pass.
        assert!((10..=15).contains(&ok));
        assert!(f.admit("list_sub_customers", "other").is_ok());
        assert_eq!(quota("list_pay_per_use_customer_resources"), 30);
        assert!(Faults::new(false).admit("x", "y").is_ok());
    }
}
