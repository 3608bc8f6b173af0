//! Yearly/monthly resources: six seeded resources per seeded customer, listed by
//! `list_pay_per_use_customer_resources`, with auto-renewal switched on and off by
//! `auto_renewal_resources` / `cancel_auto_renewal_resources`.
//!
//! Resource *k* belongs to customer `k mod customers` and fills slot `k div customers`
//! (0–5); its id is UUID-shaped with *k* in the last group, so a lookup regenerates it.
//! Slots form four groups, each bought by one of the customer's four orders: an ECS server
//! with an EVS disk attached (slots 0, 1), a single resource (2), another server with a
//! disk (3, 4) and another single resource (5). Auto-renewal applies to a whole group, as
//! the API documents for main and attached resources; changes are kept by group.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};

use super::customers::not_sub_customer;
use super::{time_arg, NO_SUCH_RESOURCE};
use crate::call::Call;
use crate::data::{HISTORY_END, SERVICES};
use crate::reply::{Outcome, Reply};
use crate::rng::{at, money_number, utc, Draw};
use crate::state::{AutoRenew, Ctx, State};

/// Seeded resources per seeded customer.
const PER_CUSTOMER: u64 = 6;
/// The main slot of each group; the group index is the customer's order slot.
const GROUP_MAIN: [u64; 4] = [0, 2, 3, 5];
/// Expire policy 3: renew automatically (`OrderInstanceV2.expire_policy`).
const AUTO_RENEW: i64 = 3;
/// Services of the single resources in slots 2 and 5 (indices into `SERVICES`).
const SINGLE: [usize; 5] = [3, 4, 5, 6, 8];
const REGIONS: [&str; 3] = ["cn-north-4", "cn-east-3", "cn-south-1"];
const INTL_REGIONS: [&str; 3] = ["ap-southeast-1", "ap-southeast-3", "af-south-1"];

/// The fields of resource `k` that filters and state use.
struct Resource {
    k: u64,
    customer: usize,
    /// Index of the group's main resource (`k` itself for a main resource).
    main: u64,
    service: usize,
    status: i64,
    /// Start and end of the subscription (Unix seconds; kept as numbers because filters
    /// may scan every resource).
    effective: i64,
    expire: i64,
    /// The group's seeded expire policy.
    policy: i64,
    region: usize,
}

fn group_of(slot: u64) -> u64 {
    match slot {
        0 | 1 => 0,
        2 => 1,
        3 | 4 => 2,
        _ => 3,
    }
}

/// A value in `0..n` from the 32 bits of `x` at `shift` (multiply and shift: resources may
/// be scanned by the thousand, and a division per field is most of the cost).
fn part(x: u64, shift: u32, n: u64) -> u64 {
    (((x >> shift) & 0xFFFF_FFFF) * n) >> 32
}

fn resource(ctx: &Ctx, k: u64) -> Resource {
    let n = ctx.data.customers.len() as u64;
    let (c, slot) = (k % n, k / n);
    let main = c + GROUP_MAIN[group_of(slot) as usize] * n;
    let mut d = Draw::new(ctx.data.seed, "resource", main);
    let (a, b) = (d.next(), d.next());
    let status = [2, 2, 2, 2, 2, 2, 2, 2, 4, 5][part(a, 0, 10) as usize];
    let (effective, expire) = if status == 5 {
        let expire = HISTORY_END - part(a, 32, 30 * 86_400) as i64;
        (expire - 365 * 86_400, expire)
    } else {
        let effective = HISTORY_END - part(a, 32, 365 * 86_400) as i64;
        let years = 1 + part(b, 0, 3) as i64;
        (effective, effective + years * 365 * 86_400)
    };
    let policy = [0, 0, 1, 1, 2, 3, 4, 5][part(b, 32, 8) as usize];
    let x = d.next();
    let region = part(x, 0, REGIONS.len() as u64) as usize;
    let single = SINGLE[part(x, 32, SINGLE.len() as u64) as usize];
    let service = match slot {
        0 | 3 => 0,
        1 | 4 => 1,
        _ => single,
    };
    Resource {
        k,
        customer: c as usize,
        main,
        service,
        status,
        effective,
        expire,
        policy,
        region,
    }
}

/// The UUID-shaped id of resource `k`.
fn resource_id(ctx: &Ctx, k: u64) -> String {
    let mut d = Draw::new(ctx.data.seed, "resource-id", k);
    let (a, b) = (d.next(), d.next());
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{k:012}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48
    )
}

/// The index of a resource id, if it is one of ours.
fn index_of(ctx: &Ctx, id: &str) -> Option<u64> {
    let k: u64 = id.get(id.len().checked_sub(12)?..)?.parse().ok()?;
    let total = ctx.data.customers.len() as u64 * PER_CUSTOMER;
    (k < total && resource_id(ctx, k) == id).then_some(k)
}

/// The group's expire policy with auto-renewal changes applied, and when it last changed.
fn policy(st: &State, r: &Resource) -> (i64, DateTime<Utc>) {
    match st.auto_renew.get(&r.main) {
        Some(AutoRenew { on: true, time }) => (AUTO_RENEW, *time),
        Some(AutoRenew { on: false, time }) if r.policy == AUTO_RENEW => (0, *time),
        Some(AutoRenew { time, .. }) => (r.policy, *time),
        None => (r.policy, at(r.effective)),
    }
}

/// One `OrderInstanceV2`: every field of the catalogue model, written directly (the
/// schema generator costs far more than a page of 100 may).
#[derive(Serialize)]
struct Item {
    id: String,
    resource_id: String,
    resource_name: String,
    region_code: &'static str,
    service_type_code: &'static str,
    resource_type_code: &'static str,
    resource_type_name: &'static str,
    service_type_name: &'static str,
    resource_spec_code: &'static str,
    project_id: String,
    product_id: String,
    parent_resource_id: Option<String>,
    is_main_resource: i64,
    status: i64,
    effective_time: String,
    expire_time: String,
    expire_policy: i64,
    product_spec_desc: String,
    /// The size of disks in GB (unit 17); zero for other resources.
    spec_size: Value,
    spec_size_measure_id: Option<i64>,
    update_time: String,
    enterprise_project: Project,
}

#[derive(Serialize)]
struct Project {
    id: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct Page {
    total_count: usize,
    data: Vec<Item>,
}

/// Resource specification codes per service (index into `SERVICES`).
fn specs(service: usize) -> &'static [&'static str] {
    match service {
        0 => &["s6.large.2.linux", "c7.xlarge.2.linux", "m6.2xlarge.8.win"],
        1 => &["SAS", "SSD", "GPSSD"],
        3 => &["19_bgp", "19_sbgp"],
        4 => &["rds.mysql.n1.large.2", "rds.pg.x1.xlarge.4.ha"],
        5 => &["cce.s2.small", "cce.s1.medium"],
        6 => &["redis.ha.xu1.large.r2.2", "redis.single.xu1.large.1"],
        _ => &["elbv3.basic.1az", "elbv3.basic.2az"],
    }
}

fn render(ctx: &Ctx, intl: bool, st: &State, r: &Resource) -> Item {
    let seed = ctx.data.seed;
    let rid = resource_id(ctx, r.k);
    let id = Draw::new(seed, "subscription", r.k).hex_id(32);
    let (code, name, type_code) = SERVICES[r.service];
    let short = code.rsplit('.').next().unwrap_or(code);
    let mut d = Draw::new(seed, "resource-spec", r.k);
    let spec_index = d.below(specs(r.service).len() as u64) as usize;
    let spec = specs(r.service)[spec_index];
    let disk = r.service == 1;
    let size = 40 + 10 * d.below(47);
    let (expire_policy, updated) = policy(st, r);
    let regions = if intl { INTL_REGIONS } else { REGIONS };
    let product = (r.service as u64) << 8 | spec_index as u64;
    Item {
        id,
        resource_name: format!("{short}-{}", &rid[..6]),
        resource_id: rid,
        region_code: regions[r.region],
        service_type_code: code,
        resource_type_code: type_code,
        resource_type_name: name,
        service_type_name: name,
        resource_spec_code: spec,
        project_id: Draw::new(seed, "project", r.customer as u64).hex_id(32),
        product_id: Draw::new(seed, "product", product).hex_id(32),
        parent_resource_id: (r.main != r.k).then(|| resource_id(ctx, r.main)),
        is_main_resource: i64::from(r.main == r.k),
        status: r.status,
        effective_time: utc(at(r.effective)),
        expire_time: utc(at(r.expire)),
        expire_policy,
        product_spec_desc: if disk {
            format!("{name} | {spec} | {size} GB")
        } else {
            format!("{name} | {spec}")
        },
        spec_size: money_number(Decimal::new(if disk { size as i64 * 100 } else { 0 }, 2)),
        spec_size_measure_id: disk.then_some(17),
        update_time: utc(updated),
        enterprise_project: Project {
            id: "0",
            name: "default",
        },
    }
}

/// The resource indices a list call may return, in order, before filtering: the caller's
/// (or the named customer's) resources, those named in `resource_ids`, or those bought by
/// `order_id`; `None` for every resource.
fn candidates(ctx: &Ctx, call: &Call<'_>, st: &State) -> Result<Option<Vec<u64>>, Reply> {
    let n = ctx.data.customers.len() as u64;
    let customer = match (call.customer(), call.b("customer_id")) {
        (Some(own), Some(other)) if own != other => return Ok(Some(Vec::new())),
        (Some(own), _) => Some(own),
        (None, Some(id)) if ctx.customer(st, id).is_none() => return Err(not_sub_customer()),
        (None, named) => named,
    };
    // Customers created through the API own no resources.
    let mut ks: Option<Vec<u64>> = customer.map(|id| {
        ctx.data
            .customers
            .iter()
            .position(|c| c.id == id)
            .map_or_else(Vec::new, |c| {
                (0..PER_CUSTOMER).map(|slot| c as u64 + slot * n).collect()
            })
    });
    if let Some(list) = call.body["resource_ids"]
        .as_array()
        .filter(|a| !a.is_empty())
    {
        let mut wanted: Vec<u64> = list
            .iter()
            .filter_map(Value::as_str)
            .filter_map(|id| index_of(ctx, id))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        ks = Some(match ks {
            Some(mut ks) => {
                ks.retain(|k| wanted.contains(k));
                ks
            }
            None => wanted,
        });
    }
    if let Some(order) = call.b("order_id") {
        // Group g of customer c was bought by the customer's order c + g * n.
        let bought: Vec<u64> = super::orders::order_index(ctx, order)
            .map(|o| {
                let (c, g) = (o % n, o / n);
                (0..PER_CUSTOMER)
                    .filter(|slot| group_of(*slot) == g)
                    .map(|slot| c + slot * n)
                    .collect()
            })
            .unwrap_or_default();
        ks = Some(match ks {
            Some(mut ks) => {
                ks.retain(|k| bought.contains(k));
                ks
            }
            None => bought,
        });
    }
    Ok(ks)
}

/// `list_pay_per_use_customer_resources`: filters on customer, resource ids, order, main
/// resources only, status, expiry time and service type.
pub(super) fn list(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let begin = time_arg(call, "expire_time_begin", false)?;
    let end = time_arg(call, "expire_time_end", true)?;
    let main_only = call.int("only_main_resource") == Some(1);
    let statuses: Vec<i64> = call.body["status_list"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    let service = call.b("service_type_code");
    let keep = |r: &Resource| {
        (!main_only || r.main == r.k)
            && (statuses.is_empty() || statuses.contains(&r.status))
            && service.map_or(true, |s| SERVICES[r.service].0 == s)
            && begin.map_or(true, |b| r.expire >= b)
            && end.map_or(true, |e| r.expire <= e)
    };
    let filtered =
        main_only || !statuses.is_empty() || service.is_some() || begin.is_some() || end.is_some();
    let (offset, limit) = call.page();
    let st = ctx.state();
    let (total, shown): (usize, Vec<Resource>) = match candidates(ctx, call, &st)? {
        // Every resource, unfiltered: the page is computed directly.
        None if !filtered => {
            let total = ctx.data.customers.len() as u64 * PER_CUSTOMER;
            let end = total.min(offset.saturating_add(limit));
            let shown = (offset.min(end)..end).map(|k| resource(ctx, k)).collect();
            (total as usize, shown)
        }
        ks => {
            // Count every match but keep only the page: filters may scan every resource.
            let every = 0..ctx.data.customers.len() as u64 * PER_CUSTOMER;
            let all: Box<dyn Iterator<Item = u64>> = match ks {
                Some(ks) => Box::new(ks.into_iter()),
                None => Box::new(every),
            };
            let (mut total, mut shown) = (0usize, Vec::new());
            for r in all.map(|k| resource(ctx, k)).filter(keep) {
                if total as u64 >= offset && (shown.len() as u64) < limit {
                    shown.push(r);
                }
                total += 1;
            }
            (total, shown)
        }
    };
    let data = shown
        .iter()
        .map(|r| render(ctx, call.intl, &st, r))
        .collect();
    Ok(Reply::ok_serialized(&Page {
        total_count: total,
        data,
    }))
}

/// `auto_renewal_resources` (`on`) and `cancel_auto_renewal_resources`: switch auto-renewal
/// of the resource's group; a customer may only change its own resources.
pub(super) fn auto_renew(ctx: &Ctx, call: &Call<'_>, on: bool) -> Outcome {
    if let Some(times) = call.body.get("auto_renew_times").and_then(Value::as_i64) {
        if !(0..=99).contains(&times) {
            return Err(Reply::bad_param(
                "Invalid parameter: auto_renew_times must be between 0 and 99.",
            ));
        }
    }
    let id = call
        .path_values
        .first()
        .map(String::as_str)
        .unwrap_or_default();
    let r = index_of(ctx, id)
        .map(|k| resource(ctx, k))
        .filter(|r| {
            call.customer()
                .map_or(true, |c| ctx.data.customers[r.customer].id == c)
        })
        .ok_or_else(|| {
            Reply::code(
                400,
                NO_SUCH_RESOURCE,
                format!("The resource {id} has expired and been deleted, or does not exist."),
            )
        })?;
    let change = AutoRenew {
        on,
        time: ctx.now(),
    };
    ctx.state().auto_renew.insert(r.main, change);
    Ok(Reply::ok(json!({})))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SandboxConfig;

    fn ctx() -> Ctx {
        Ctx::new(SandboxConfig::default().seed(7).customers(13))
    }

    #[test]
    fn every_id_leads_back_to_its_resource() {
        let ctx = ctx();
        let total = 13 * PER_CUSTOMER;
        let mut seen = std::collections::HashSet::new();
        for k in 0..total {
            let id = resource_id(&ctx, k);
            assert_eq!(index_of(&ctx, &id), Some(k));
            assert!(seen.insert(id.clone()));
            let mut other = id.clone();
            other.replace_range(..1, if id.starts_with('a') { "b" } else { "a" });
            assert_eq!(index_of(&ctx, &other), None);
        }
        let beyond = format!("{}{total:012}", &resource_id(&ctx, 0)[..24]);
        assert_eq!(index_of(&ctx, &beyond), None);
        assert_eq!(index_of(&ctx, "short"), None);
    }

    #[test]
    fn groups_share_customer_dates_and_policy() {
        let ctx = ctx();
        for k in 0..13 * PER_CUSTOMER {
            let r = resource(&ctx, k);
            let main = resource(&ctx, r.main);
            assert_eq!(main.main, main.k);
            assert_eq!(
                (r.customer, r.expire, r.policy),
                (main.customer, main.expire, main.policy)
            );
            assert!(r.effective < r.expire);
            let attached = r.main != r.k;
            assert_eq!(attached, matches!(k / 13, 1 | 4));
        }
    }
}
