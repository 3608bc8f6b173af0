//! Shared emulator state: the seeded data set plus every change made through the API.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

use crate::config::SandboxConfig;
use crate::data::{Customer, Dataset};
use crate::faults::Faults;
use crate::rng::{h3, Draw};

/// Who is calling, as established by authentication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Principal {
    /// The partner itself (AK/SK, password token, or temporary keys derived from those).
    Partner,
    /// A customer account, through an agency (`assume_role`) token or keys derived from it.
    Customer { id: String, name: String },
}

/// An IAM token the sandbox issued.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) principal: Principal,
    pub(crate) issued: DateTime<Utc>,
    pub(crate) expires: DateTime<Utc>,
    pub(crate) methods: Vec<String>,
    /// (name, id) of the project scope, when project-scoped.
    pub(crate) project: Option<(String, String)>,
    /// The federated user, for tokens from a SAML assertion (and tokens derived from them).
    pub(crate) federation: Option<Federation>,
}

/// A user signed in through IAM federation (`user.OS-FEDERATION` of its tokens).
#[derive(Debug, Clone)]
pub(crate) struct Federation {
    /// The IdP name (`X-Idp-Id`).
    pub(crate) idp: String,
    /// The user name (the assertion's NameID).
    pub(crate) user_name: String,
    pub(crate) user_id: String,
}

/// Temporary AK/SK issued from a token.
#[derive(Debug, Clone)]
pub(crate) struct TempKey {
    pub(crate) secret: String,
    pub(crate) security_token: String,
    pub(crate) principal: Principal,
    pub(crate) expires: DateTime<Utc>,
}

/// A change of the partner's own account (funding out, reclaims in).
#[derive(Debug, Clone)]
pub(crate) struct ChangeRecord {
    pub(crate) id: String,
    pub(crate) detail_type: &'static str,
    pub(crate) time: DateTime<Utc>,
    pub(crate) trade_id: String,
    pub(crate) amount: Decimal,
    pub(crate) balance_after: Decimal,
    /// `"1"` income, `"2"` expense.
    pub(crate) kind: &'static str,
    pub(crate) customer_id: String,
    pub(crate) account_name: String,
}

/// A coupon issued to a customer through `create_partner_coupons`.
#[derive(Debug, Clone)]
pub(crate) struct Coupon {
    pub(crate) id: String,
    pub(crate) customer_id: String,
    pub(crate) quota_id: String,
    pub(crate) face_value: Decimal,
    pub(crate) created: DateTime<Utc>,
    pub(crate) effective: DateTime<Utc>,
    pub(crate) expires: DateTime<Utc>,
    pub(crate) memo: String,
}

/// A coupon quota a distributor issued to a reseller.
#[derive(Debug, Clone)]
pub(crate) struct IssuedQuota {
    pub(crate) id: String,
    pub(crate) parent: String,
    pub(crate) reseller: usize,
    pub(crate) value: Decimal,
    pub(crate) balance: Decimal,
    pub(crate) reclaimed: bool,
    pub(crate) created: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
}

/// A customer order's status after `pay_orders` or `cancel_customer_order`.
#[derive(Debug, Clone)]
pub(crate) struct OrderChange {
    /// `5` completed (paid) or `4` cancelled.
    pub(crate) status: i64,
    pub(crate) time: DateTime<Utc>,
}

/// A budget set through `update_sub_customer_budget`.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    pub(crate) amount: Decimal,
    /// `MONTHLY` or `PACKAGE`.
    pub(crate) kind: String,
}

/// Auto-renewal switched on or off for a resource group (a main resource and the resources
/// attached to it).
#[derive(Debug, Clone)]
pub(crate) struct AutoRenew {
    pub(crate) on: bool,
    pub(crate) time: DateTime<Utc>,
}

/// Everything that changes at run time.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub(crate) created: Vec<Customer>,
    pub(crate) balance_delta: HashMap<String, Decimal>,
    pub(crate) frozen: HashMap<String, bool>,
    pub(crate) partner_delta: Decimal,
    pub(crate) reseller_delta: HashMap<String, Decimal>,
    pub(crate) adjustments: Vec<crate::data::Adjustment>,
    pub(crate) changes: Vec<ChangeRecord>,
    pub(crate) coupons: Vec<Coupon>,
    pub(crate) reclaimed_coupons: HashSet<String>,
    pub(crate) quota_used: HashMap<String, Decimal>,
    pub(crate) issued_quotas: Vec<IssuedQuota>,
    /// Orders paid or cancelled, by order id (shared by both sites).
    pub(crate) orders: HashMap<String, OrderChange>,
    /// Budgets set, by customer id.
    pub(crate) budgets: HashMap<String, Budget>,
    /// Auto-renewal changes, by the seeded index of the group's main resource.
    pub(crate) auto_renew: HashMap<u64, AutoRenew>,
    pub(crate) tokens: HashMap<String, Token>,
    pub(crate) temp_keys: HashMap<String, TempKey>,
    /// IDs of the SAML assertions already exchanged for a token (bearer assertions are
    /// single-use).
    pub(crate) used_assertions: HashSet<String>,
}

/// The partner account's opening balance.
pub(crate) const PARTNER_OPENING_BALANCE: i64 = 5_000_000;

/// The emulator: configuration, data, state, faults and the clock.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub(crate) config: SandboxConfig,
    pub(crate) data: Dataset,
    pub(crate) state: Mutex<State>,
    pub(crate) faults: Faults,
    clock_offset: AtomicI64,
    serial: AtomicU64,
}

impl Ctx {
    pub(crate) fn new(config: SandboxConfig) -> Self {
        let data = Dataset::new(
            config.seed,
            config.customers.max(1),
            config.records,
            crate::config::PLATFORM_ID,
        );
        Self {
            faults: Faults::new(config.rate_limit),
            config,
            data,
            state: Mutex::new(State::default()),
            clock_offset: AtomicI64::new(0),
            serial: AtomicU64::new(0),
        }
    }

    /// Locks the state (a poisoned lock is recovered: state stays usable after a panic).
    pub(crate) fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The sandbox clock: wall clock plus the admin offset.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.clock_offset.load(Ordering::Relaxed))
    }

    pub(crate) fn set_clock_offset(&self, secs: i64) {
        self.clock_offset.store(secs, Ordering::Relaxed);
    }

    pub(crate) fn clock_offset(&self) -> i64 {
        self.clock_offset.load(Ordering::Relaxed)
    }

    /// A fresh value for ids (seeded, so runs with one seed issue the same ids in order).
    pub(crate) fn next_draw(&self, salt: &str) -> Draw {
        let n = self.serial.fetch_add(1, Ordering::Relaxed);
        Draw::from_key(h3(self.config.seed, salt, n))
    }

    /// A request id for the `X-Request-Id` header.
    pub(crate) fn request_id(&self) -> String {
        self.next_draw("request-id").hex_id(32)
    }

    /// A seeded or created customer by id.
    pub(crate) fn customer<'a>(&'a self, st: &'a State, id: &str) -> Option<&'a Customer> {
        self.data
            .customers
            .iter()
            .chain(st.created.iter())
            .find(|c| c.id == id)
    }

    /// A customer by account (domain) name or id.
    pub(crate) fn customer_by_domain<'a>(
        &'a self,
        st: &'a State,
        name: Option<&str>,
        id: Option<&str>,
    ) -> Option<&'a Customer> {
        self.data
            .customers
            .iter()
            .chain(st.created.iter())
            .find(|c| name.is_some_and(|n| n == c.account_name) || id.is_some_and(|i| i == c.id))
    }

    pub(crate) fn customer_balance(&self, st: &State, c: &Customer) -> Decimal {
        c.initial_balance + st.balance_delta.get(&c.id).copied().unwrap_or_default()
    }

    pub(crate) fn partner_balance(&self, st: &State) -> Decimal {
        Decimal::new(PARTNER_OPENING_BALANCE * 100, 2) + st.partner_delta
    }

    /// Currency of a site: CNY on the China site, USD on the International one.
    pub(crate) fn currency(intl: bool) -> &'static str {
        if intl {
            "USD"
        } else {
            "CNY"
        }
    }
}
