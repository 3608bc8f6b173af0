//! Deterministic seeded data: customers, resellers, adjustment and account-change records,
//! monthly bills, invoices and incentive policies.
//!
//! Customers and resellers are few and built eagerly. Adjustment records can number in the
//! millions, so record *i* is computed on demand from (seed, i); only records created through
//! the API are kept in memory (see `state`). Seeded history ends at [`HISTORY_END`] and bill
//! cycles are the twelve months of 2025, so data never depends on the wall clock.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::rng::{at, Draw};

/// Last instant of the seeded history (2025-12-31T23:59:59Z).
pub(crate) const HISTORY_END: i64 = 1_767_225_599;
/// Seeded records spread over the 365 days before [`HISTORY_END`].
const HISTORY_SPAN: i64 = 365 * 86_400;
/// The first seeded bill cycle; twelve follow.
pub(crate) const FIRST_CYCLE: (i32, u32) = (2025, 1);

const CITIES: &[&str] = &[
    "杭州", "深圳", "北京", "上海", "成都", "南京", "武汉", "西安",
];
const CORES: &[&str] = &[
    "云帆", "星河", "天启", "海纳", "锦程", "博远", "华鼎", "瑞丰",
];
const KINDS: &[&str] = &["科技", "信息技术", "网络", "数据服务"];
const LATIN_A: &[&str] = &[
    "Northwind",
    "Bluefin",
    "Silverline",
    "Redwood",
    "Helios",
    "Cobalt",
];
const LATIN_B: &[&str] = &[
    "Analytics",
    "Systems",
    "Labs",
    "Logistics",
    "Media",
    "Retail",
];
const LATIN_C: &[&str] = &["Ltd.", "Pte. Ltd.", "GmbH", "S.A.", "Inc."];
const PEOPLE_ZH: &[&str] = &[
    "王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强",
];
const PEOPLE_EN: &[&str] = &["Maria Lopez", "John Carter", "Aiko Tanaka", "Lena Fischer"];
const MEMOS: &[&str] = &[
    "monthly top-up",
    "project budget",
    "unused budget returned",
    "",
];

/// Cloud service types used by bills and incentive policies: (code, name, resource type).
pub(crate) const SERVICES: &[(&str, &str, &str)] = &[
    (
        "hws.service.type.ec2",
        "Elastic Cloud Server",
        "hws.resource.type.vm",
    ),
    (
        "hws.service.type.ebs",
        "Elastic Volume Service",
        "hws.resource.type.volume",
    ),
    (
        "hws.service.type.obs",
        "Object Storage Service",
        "hws.resource.type.obs",
    ),
    (
        "hws.service.type.vpc",
        "Virtual Private Cloud",
        "hws.resource.type.bandwidth",
    ),
    (
        "hws.service.type.rds",
        "Relational Database Service",
        "hws.resource.type.rds.vm",
    ),
    (
        "hws.service.type.cce",
        "Cloud Container Engine",
        "hws.resource.type.cce.cluster",
    ),
    (
        "hws.service.type.dcs",
        "Distributed Cache Service",
        "hws.resource.type.dcs",
    ),
    (
        "hws.service.type.cdn",
        "Content Delivery Network",
        "hws.resource.type.cdn",
    ),
    (
        "hws.service.type.elb",
        "Elastic Load Balance",
        "hws.resource.type.elb",
    ),
    (
        "hws.service.type.marketplace",
        "KooGallery",
        "hws.resource.type.marketplace",
    ),
];

/// A sub-customer of the partner.
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) account_name: String,
    pub(crate) associated_on: DateTime<Utc>,
    pub(crate) association_type: String,
    pub(crate) label: String,
    pub(crate) telephone: String,
    pub(crate) verified_status: String,
    pub(crate) customer_type: i64,
    pub(crate) xaccount_id: String,
    pub(crate) xaccount_type: String,
    pub(crate) customer_level: String,
    pub(crate) email: String,
    pub(crate) initial_balance: Decimal,
}

/// A reseller (indirect partner) of the distributor.
#[derive(Debug, Clone)]
pub(crate) struct Reseller {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) account_name: String,
    pub(crate) associated_on: DateTime<Utc>,
    pub(crate) initial_balance: Decimal,
}

/// A funding adjustment (`BEADJUST`) or reclaim (`BERETRIEVE`) of a customer's balance.
#[derive(Debug, Clone)]
pub(crate) struct Adjustment {
    pub(crate) customer_id: String,
    pub(crate) customer_name: String,
    pub(crate) account_name: String,
    pub(crate) operation_type: &'static str,
    pub(crate) amount: Decimal,
    pub(crate) time: DateTime<Utc>,
    pub(crate) trans_id: String,
    pub(crate) memo: String,
    /// Partner balance after the change, for the matching account-change record.
    pub(crate) partner_balance_after: Decimal,
    pub(crate) change_id: String,
}

/// The fields of a seeded adjustment record, borrowing the customer.
#[derive(Debug, Clone)]
pub(crate) struct SeededAdjustment<'a> {
    pub(crate) customer: &'a Customer,
    pub(crate) operation_type: &'static str,
    pub(crate) amount: Decimal,
    pub(crate) memo: &'static str,
    pub(crate) partner_balance_after: Decimal,
    pub(crate) time: DateTime<Utc>,
}

/// Funding moves money from the partner to a customer.
pub(crate) const OP_ADJUST: &str = "SOURCE_OPERATION_BEADJUST";
/// Reclaiming moves it back.
pub(crate) const OP_RETRIEVE: &str = "SOURCE_OPERATION_BERETRIEVE";

/// One customer's charges for one service in one cycle.
#[derive(Debug, Clone)]
pub(crate) struct BillSum {
    pub(crate) customer: usize,
    pub(crate) service: usize,
    pub(crate) charge_mode: &'static str,
    pub(crate) bill_type: &'static str,
    pub(crate) amount: Decimal,
    pub(crate) coupon: Decimal,
    pub(crate) discount: Decimal,
}

/// An intl invoice request.
#[derive(Debug, Clone)]
pub(crate) struct Invoice {
    pub(crate) index: u64,
    pub(crate) apply_time: DateTime<Utc>,
    pub(crate) cycle: String,
    pub(crate) amount: Decimal,
    pub(crate) title: String,
    pub(crate) state: i64,
}

/// Everything generated from the seed.
#[derive(Debug)]
pub(crate) struct Dataset {
    pub(crate) seed: u64,
    pub(crate) customers: Vec<Customer>,
    pub(crate) resellers: Vec<Reseller>,
    pub(crate) records: u64,
}

fn customer_name(d: &mut Draw, individual: bool) -> String {
    match (individual, d.below(2)) {
        (true, 0) => d.pick(PEOPLE_ZH).to_string(),
        (true, _) => d.pick(PEOPLE_EN).to_string(),
        (false, 0) => format!(
            "{}{}{}有限公司",
            d.pick(CITIES),
            d.pick(CORES),
            d.pick(KINDS)
        ),
        (false, _) => format!(
            "{} {} {}",
            d.pick(LATIN_A),
            d.pick(LATIN_B),
            d.pick(LATIN_C)
        ),
    }
}

impl Dataset {
    /// Builds the eager part of the data set.
    pub(crate) fn new(seed: u64, customers: u64, records: u64, platform_id: &str) -> Self {
        let customers = (0..customers).map(|i| Self::seeded_customer(seed, i, platform_id));
        let resellers = (0..8).map(|i| {
            let mut d = Draw::new(seed, "reseller", i);
            let word = d.pick(LATIN_A).to_ascii_lowercase();
            Reseller {
                id: d.hex_id(32),
                name: customer_name(&mut d, false),
                account_name: format!("{word}_reseller_{i:02}"),
                associated_on: at(HISTORY_END - HISTORY_SPAN - d.below(HISTORY_SPAN as u64) as i64),
                initial_balance: d.money_scale(10_000, 200_000, 2),
            }
        });
        Self {
            seed,
            customers: customers.collect(),
            resellers: resellers.collect(),
            records,
        }
    }

    fn seeded_customer(seed: u64, i: u64, platform_id: &str) -> Customer {
        let mut d = Draw::new(seed, "customer", i);
        let individual = d.below(4) == 0;
        let name = customer_name(&mut d, individual);
        let word = d.pick(LATIN_A).to_ascii_lowercase();
        let id = d.hex_id(32);
        Customer {
            account_name: format!("{word}_{i:03}"),
            associated_on: at(HISTORY_END - HISTORY_SPAN - d.below(2 * HISTORY_SPAN as u64) as i64),
            association_type: if d.below(3) == 0 { "1" } else { "2" }.to_owned(),
            label: d
                .pick(&["", "east-region", "key-account", "startup"])
                .to_string(),
            telephone: format!("1{}****{:04}", 30 + d.below(60), d.below(10_000)),
            verified_status: d.pick(&["0", "1", "2"]).to_string(),
            customer_type: i64::from(!individual),
            xaccount_id: format!("psp-user-{:06}", 100_000 + i),
            xaccount_type: platform_id.to_owned(),
            customer_level: d.pick(&["V0", "V1", "V2", "V3"]).to_string(),
            email: format!("ops.{word}{i}@example.com"),
            initial_balance: d.money_scale(0, 20_000, 2),
            name,
            id,
        }
    }

    /// The instant of seeded record `i` (non-increasing in `i`: newest first).
    pub(crate) fn record_time(&self, i: u64) -> i64 {
        let total = self.records.max(1) as i128;
        HISTORY_END - (i as i128 * HISTORY_SPAN as i128 / total) as i64
    }

    /// Indices `lo..hi` of seeded records whose time lies in `[begin, end]` (Unix seconds).
    pub(crate) fn record_range(&self, begin: Option<i64>, end: Option<i64>) -> (u64, u64) {
        // record_time is non-increasing, so both bounds are found by binary search.
        let first_not_after = |t: i64| partition(self.records, |i| self.record_time(i) > t);
        let first_before = |t: i64| partition(self.records, |i| self.record_time(i) >= t);
        let lo = end.map_or(0, first_not_after);
        let hi = begin.map_or(self.records, first_before);
        (lo, hi.max(lo))
    }

    /// Seeded adjustment record `i` (`i < records`; needs at least one customer).
    pub(crate) fn adjustment(&self, i: u64) -> Adjustment {
        let a = self.seeded_adjustment(i);
        let stamp = crate::rng::stamp(a.time);
        Adjustment {
            customer_id: a.customer.id.clone(),
            customer_name: a.customer.name.clone(),
            account_name: a.customer.account_name.clone(),
            operation_type: a.operation_type,
            amount: a.amount,
            trans_id: format!("ADJ{stamp}{i:010}"),
            change_id: format!("ACR{stamp}{i:010}"),
            memo: a.memo.to_owned(),
            partner_balance_after: a.partner_balance_after,
            time: a.time,
        }
    }

    /// Seeded adjustment record `i` borrowing its customer (no allocation): the hot path of
    /// `list_partner_adjust_records`.
    pub(crate) fn seeded_adjustment(&self, i: u64) -> SeededAdjustment<'_> {
        let mut d = Draw::new(self.seed, "adjust", i);
        let customer = &self.customers[(i % self.customers.len().max(1) as u64) as usize];
        let operation_type = if d.below(10) < 8 {
            OP_ADJUST
        } else {
            OP_RETRIEVE
        };
        let amount = d.money(10, 50_000);
        SeededAdjustment {
            customer,
            operation_type,
            amount,
            memo: MEMOS[d.below(MEMOS.len() as u64) as usize],
            partner_balance_after: d.money_scale(100_000, 5_000_000, 2),
            time: at(self.record_time(i)),
        }
    }

    /// The seeded record index encoded in a trans id or change id, if it is one of ours.
    pub(crate) fn record_index_of(&self, id: &str) -> Option<u64> {
        let digits = id.get(3..)?;
        let i: u64 = digits.get(14..)?.parse().ok()?;
        (i < self.records && digits.len() == 24).then_some(i)
    }

    /// Seeded bill lines of one cycle `(year, month)`: three per seeded customer.
    pub(crate) fn bills(&self, cycle: (i32, u32)) -> Vec<BillSum> {
        let months = (cycle.0 - FIRST_CYCLE.0) * 12 + cycle.1 as i32 - FIRST_CYCLE.1 as i32;
        if !(0..12).contains(&months) {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(self.customers.len() * 3);
        for c in 0..self.customers.len() {
            let base = Draw::new(self.seed, "bill-services", c as u64).below(SERVICES.len() as u64);
            for j in 0..3u64 {
                let key = (c as u64) << 16 | (months as u64) << 4 | j;
                let mut d = Draw::new(self.seed, "bill", key);
                let amount = d.money(1, 20_000);
                let coupon = (amount * Decimal::new(d.below(30) as i64, 2)).round_dp(2);
                out.push(BillSum {
                    customer: c,
                    service: ((base + j) % SERVICES.len() as u64) as usize,
                    charge_mode: if j == 0 { "1" } else { "3" },
                    bill_type: if d.below(12) == 0 { "1" } else { "0" },
                    discount: (amount * Decimal::new(d.below(20) as i64, 2)).round_dp(2),
                    amount,
                    coupon,
                });
            }
        }
        out
    }

    /// Seeded intl invoices: three per cycle of 2025, newest first.
    pub(crate) fn invoices(&self) -> Vec<Invoice> {
        (0..36u64)
            .rev()
            .map(|k| {
                let mut d = Draw::new(self.seed, "invoice", k);
                let month = (k / 3) as u32 + 1;
                let start = chrono::NaiveDate::from_ymd_opt(2025, month, 1).unwrap_or_default();
                let secs = start
                    .and_hms_opt(0, 0, 0)
                    .unwrap_or_default()
                    .and_utc()
                    .timestamp();
                Invoice {
                    index: k,
                    apply_time: at(secs + 86_400 * (3 + k as i64 % 3) + d.below(80_000) as i64),
                    cycle: format!("2025-{month:02}"),
                    amount: d.money(100, 50_000),
                    title: customer_name(&mut d, false),
                    state: *d.pick(&[1, 4, 5, 6]),
                }
            })
            .collect()
    }
}

/// The first `i` in `0..n` for which `pred` is false (pred true on a prefix).
fn partition(n: u64, pred: impl Fn(u64) -> bool) -> u64 {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Dataset {
        Dataset::new(42, 50, 2000, "sandbox_IDP")
    }

    #[test]
    fn same_seed_same_data() {
        let (a, b) = (data(), data());
        assert_eq!(a.customers[7].id, b.customers[7].id);
        assert_eq!(a.adjustment(1234).amount, b.adjustment(1234).amount);
        let other = Dataset::new(43, 50, 2000, "sandbox_IDP");
        assert_ne!(a.customers[7].id, other.customers[7].id);
    }

    #[test]
    fn record_i_does_not_depend_on_the_total() {
        let small = data();
        let big = Dataset::new(42, 50, 1_000_000, "sandbox_IDP");
        assert_eq!(small.adjustment(10).amount, big.adjustment(10).amount);
        assert_eq!(
            big.record_index_of(&big.adjustment(999_999).trans_id),
            Some(999_999)
        );
    }

    #[test]
    fn time_range_selects_exactly_the_records_inside() {
        let d = data();
        let (b, e) = (HISTORY_END - 40 * 86_400, HISTORY_END - 10 * 86_400);
        let (lo, hi) = d.record_range(Some(b), Some(e));
        let inside = (0..d.records)
            .filter(|&i| (b..=e).contains(&d.record_time(i)))
            .count();
        assert_eq!((hi - lo) as usize, inside);
        assert!((lo..hi).all(|i| (b..=e).contains(&d.record_time(i))));
    }

    #[test]
    fn bills_cover_twelve_cycles_and_add_up() {
        let d = data();
        assert_eq!(d.bills((2025, 6)).len(), 150);
        assert!(d.bills((2024, 12)).is_empty());
        for b in d.bills((2025, 3)) {
            assert!(b.coupon <= b.amount);
            assert!((2..=8).contains(&b.amount.scale()));
        }
    }
}
