//! Every operation of `dynamic::REGISTRY` through the core client against an in-process
//! sandbox, on the China and the International site, with requests built from the
//! catalogue and ids read back from the sandbox.
//!
//! Each operation is called with the credential the catalogue names (partner AK/SK, or a
//! customer token from token substitution), must reach the sandbox exactly once, succeed
//! with its key fields populated and its amounts exact decimal strings, and list
//! operations must page through to the total they report. The same call with every
//! optional field set (if it has any) is accepted too; without any one required field it
//! is refused before sending. The other credential type is refused with `CBC.0151`. On a
//! site without the operation the client refuses it before sending anything. `flows.rs`
//! checks that writes show in the matching reads, and the documented refusals.

mod catalogue;
mod checks;
mod consistency;
mod filters;
mod flows;
mod iam;
mod plans;
mod requests;
mod world;

use std::collections::BTreeSet;

use huaweicloud_partner::dynamic::{self, Entry, REGISTRY};
use huaweicloud_partner::{Client, ErrorKind, Site};
use huaweicloud_partner_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

use crate::catalogue::Caller;
use crate::plans::{Plan, Source};
use crate::world::{call, strings, World};

/// Page size of the list calls: small, so most lists take several pages.
const PAGE: u32 = 4;

pub(crate) const SITES: [Site; 2] = [Site::China, Site::International];

pub(crate) fn config() -> SandboxConfig {
    SandboxConfig {
        customers: 12,
        records: 30,
        ..SandboxConfig::default()
    }
}

/// Sets up what an operation acts on before it runs.
pub(crate) async fn prepare(world: &mut World, operation: &str) -> Result<(), String> {
    if matches!(
        operation,
        "list_issued_coupon_quotas" | "reclaim_coupon_quotas"
    ) {
        // The sandbox starts with no quota issued to a reseller: issue one.
        let issue = json!({
            "quota_id": world.first("quota"),
            "indirect_partner_ids": [world.first("reseller")],
            "quota_amount": "2.00",
        });
        call(&world.partner, "resellers.issue_coupon_quotas", issue)
            .await
            .map_err(|e| format!("issuing a quota: {e}"))?;
        let listed = call(
            &world.partner,
            "resellers.list_issued_coupon_quotas",
            json!({ "limit": 100 }),
        )
        .await
        .map_err(|e| format!("listing issued quotas: {e}"))?;
        world.add("issued_quota", strings(&listed, "quotas[].quota_id"));
    }
    Ok(())
}

/// Pages through `request`, one page at a time and three at a time, and compares with the
/// single call's answer `out`.
async fn page_through(
    client: &Client,
    entry: &Entry,
    op: &Value,
    request: Value,
    out: &Value,
) -> Result<(), String> {
    let info = entry.info;
    let pages = info.paginated.ok_or("not a list operation")?;
    let paginator =
        |request| dynamic::paginate(client, info.area, pages, request).map_err(|e| e.to_string());
    let mut p = paginator(request.clone())?;
    let (mut items, mut first, mut count, mut total) = (Vec::new(), None, 0u32, None);
    while let Some(page) = p.next_page().await {
        let page = page.map_err(|e| format!("page {}: {e}", count + 1))?;
        count += 1;
        total = page.total.or(total);
        first.get_or_insert_with(|| page.items.clone());
        items.extend(page.items);
        if count > 100 {
            return Err("more than 100 pages".into());
        }
    }
    let n = items.len() as u64;
    let declared = catalogue::total_field(op).filter(|f| {
        catalogue::response_fields(op)
            .iter()
            .any(|x| x["name"] == *f)
    });
    if let Some(field) = declared {
        // The paginator must know the total, and agree with the single call and the items.
        if total != Some(n) || out[field].as_u64() != Some(n) {
            return Err(format!(
                "paged {n} items; the paginator's total {total:?}, the single call's {}",
                out[field]
            ));
        }
    } else if total.is_some_and(|t| t != n) {
        return Err(format!("paged {n} items of a reported total of {total:?}"));
    }
    if n > u64::from(PAGE) && u64::from(count) < n.div_ceil(u64::from(PAGE)) {
        return Err(format!("{n} items in only {count} pages of {PAGE}"));
    }
    // Fetching the remaining pages three at a time gives the same items in the same order.
    let fanned = paginator(request)?
        .concurrency(3)
        .collect_all()
        .await
        .map_err(|e| format!("concurrent paging: {e}"))?;
    if fanned != items {
        return Err(format!(
            "concurrent paging gave {} other items",
            fanned.len()
        ));
    }
    let first = first.unwrap_or_default();
    let listed = out
        .as_object()
        .is_some_and(|m| m.values().any(|v| v.as_array() == Some(&first)));
    if !first.is_empty() && !listed {
        return Err("the first page differs from the single call's list".into());
    }
    Ok(())
}

/// Operations whose all-optional-fields run acts for the spare customer: paying uses a
/// pending order up, and the main customer's two go to cancelling and to paying with the
/// required fields only.
const AS_SPARE_CUSTOMER: &[&str] = &["pay_orders"];

/// Calls the operation again with every optional field set as well (unless it has none:
/// that call would repeat the first one), acting for the spare customer where
/// [`AS_SPARE_CUSTOMER`] says so.
async fn full_request(
    sb: &Sandbox,
    world: &mut World,
    entry: &Entry,
    plan: &Plan,
    op: &Value,
    client: &Client,
) -> Result<(), String> {
    if !catalogue::has_optional_field(op) {
        return Ok(());
    }
    if !AS_SPARE_CUSTOMER.contains(&entry.info.operation) {
        return every_field(sb, world, entry, plan, op, client).await;
    }
    world.swap_customer();
    let spare = world.customer.clone();
    let r = every_field(sb, world, entry, plan, op, &spare).await;
    world.swap_customer();
    r
}

/// Each optional field must be of the type and format the API takes (the sandbox checks
/// them against the catalogue). Values a core check limits (enumerations, ranges) are
/// replaced by one it names.
async fn every_field(
    sb: &Sandbox,
    world: &mut World,
    entry: &Entry,
    plan: &Plan,
    op: &Value,
    client: &Client,
) -> Result<(), String> {
    let info = entry.info;
    prepare(world, info.operation).await?;
    let mut request = requests::build_full(op, plan.set, world);
    if info.paginated.is_some() {
        request["limit"] = json!(PAGE);
    }
    let key = format!("{}.{}", info.area, info.method);
    for _ in 0..12 {
        let before = sb.request_count(info.operation);
        match call(client, &key, request.clone()).await {
            Ok(_) => return Ok(()),
            Err(e)
                if e.kind() == ErrorKind::InvalidInput
                    && sb.request_count(info.operation) == before =>
            {
                if !requests::fix(&mut request, e.message()) {
                    return Err(format!("with every field: {e} (request {request})"));
                }
            }
            Err(e) => return Err(format!("with every field: {e} (request {request})")),
        }
    }
    Err(format!(
        "with every field: no accepted values (request {request})"
    ))
}

/// Leaving out any required top-level field is refused before anything is sent.
async fn without_each_required_field(
    sb: &Sandbox,
    key: &str,
    name: &str,
    op: &Value,
    request: &Value,
    client: &Client,
) -> Result<(), String> {
    for f in catalogue::request_fields(op) {
        let field = f["name"].as_str().unwrap_or_default();
        if f["required"].as_bool() != Some(true) {
            continue;
        }
        let mut partial = request.clone();
        if let Some(m) = partial.as_object_mut() {
            m.remove(field);
        }
        let before = sb.request_count(name);
        let r = call(client, key, partial).await;
        let sent = sb.request_count(name) - before;
        let checked = matches!(&r, Err(e) if e.kind() == ErrorKind::InvalidInput);
        if !checked || sent != 0 {
            let r = r.map(|_| "success");
            return Err(format!("without `{field}`: {sent} requests sent, {r:?}"));
        }
    }
    Ok(())
}

/// Exercises one operation on `world`'s site. `Ok(false)`: not offered on this site (and
/// refused without a request, as it must be).
async fn exercise(
    sb: &Sandbox,
    world: &mut World,
    entry: &Entry,
    plan: &Plan,
) -> Result<bool, String> {
    let info = entry.info;
    let key = format!("{}.{}", info.area, info.method);
    let name = info.operation;
    let Some(op) = catalogue::entry(name, world.site) else {
        let before = sb.request_count(name);
        let refused = call(&world.partner, &key, json!({})).await;
        let unsupported = matches!(&refused, Err(e) if e.kind() == ErrorKind::Unsupported);
        if !unsupported || sb.request_count(name) != before {
            return Err(format!("not on this site, yet {refused:?}"));
        }
        return Ok(false);
    };

    prepare(world, name).await?;
    let mut request = requests::build(op, plan.set, world);
    if info.paginated.is_some() {
        request["limit"] = json!(PAGE);
    }
    let caller = catalogue::caller(op);
    let client = match caller {
        Caller::Customer => world.customer.clone(),
        _ => world.partner.clone(),
    };
    let before = sb.request_count(name);
    let result = call(&client, &key, request.clone()).await;
    let sent = sb.request_count(name) - before;
    if sent != 1 {
        return Err(format!("{sent} requests reached the sandbox"));
    }
    let out = result.map_err(|e| format!("{e} (request {request})"))?;
    let keys = plan.keys.map_or_else(
        || checks::default_key_fields(op),
        |k| k.iter().map(|s| (*s).to_owned()).collect(),
    );
    let problems = checks::problems(op, &out, &keys);
    if !problems.is_empty() {
        return Err(format!("{problems:?}\nanswer: {out}"));
    }
    if caller == Caller::Customer {
        // A customer only ever sees itself.
        let mut named = Vec::new();
        checks::customer_ids(&out, &mut named);
        named.retain(|id| *id != world.customer_id);
        if !named.is_empty() {
            return Err(format!(
                "the customer's answer names other customers: {named:?}"
            ));
        }
    }
    if info.paginated.is_some() {
        page_through(&client, entry, op, request.clone(), &out).await?;
    }

    full_request(sb, world, entry, plan, op, &client).await?;
    without_each_required_field(sb, &key, name, op, &request, &client).await?;

    // The other credential type: refused with CBC.0151, or accepted when either may call.
    let other = match caller {
        Caller::Customer => &world.partner,
        _ => &world.customer,
    };
    let r = call(other, &key, request).await;
    let refused = matches!(&r, Err(e) if e.kind() == ErrorKind::PermissionDenied
        && e.status() == Some(403)
        && e.code() == Some("CBC.0151"));
    match caller {
        Caller::Customer | Caller::Partner if !refused => {
            Err(format!("the wrong credential type was not refused: {r:?}"))
        }
        Caller::Either | Caller::Iam if refused => {
            Err(format!("a customer credential was refused: {r:?}"))
        }
        _ => Ok(true),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_registered_operation_answers_on_both_sites() {
    let sb = Sandbox::start(config()).await.expect("sandbox");
    let mut failures = Vec::new();
    let mut exercised = BTreeSet::new();
    let mut used = Vec::new();
    for site in SITES {
        let mut world = World::collect(&sb, site, &used).await;
        used.extend([world.customer_id.clone(), world.spare_id.clone()]);
        match iam::run(&sb, &world).await {
            Ok(ops) => exercised.extend(ops.into_iter().map(|op| (op, site_name(site)))),
            Err(e) => failures.push(format!("{site:?} {e}")),
        }
        for entry in REGISTRY {
            let name = entry.info.operation;
            let Some(plan) = plans::plan(name) else {
                failures.push(format!("{name}: no plan"));
                continue;
            };
            if plan.source == Source::Iam {
                continue;
            }
            match exercise(&sb, &mut world, entry, plan).await {
                Ok(true) => {
                    exercised.insert((name, site_name(site)));
                }
                Ok(false) => {}
                Err(e) => failures.push(format!("{site:?} {name}: {e}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // Every registered operation ran on every site whose catalogue has it.
    let expected: BTreeSet<_> = REGISTRY
        .iter()
        .flat_map(|e| SITES.map(|s| (e.info.operation, s)))
        .filter(|(op, s)| catalogue::entry(op, *s).is_some())
        .map(|(op, s)| (op, site_name(s)))
        .collect();
    assert_eq!(exercised, expected);
    let china = expected.iter().filter(|(_, s)| *s == "china").count();
    assert!(china >= 70 && expected.len() - china >= 50, "{expected:?}");
}

fn site_name(site: Site) -> &'static str {
    if site.is_international() {
        "international"
    } else {
        "china"
    }
}

#[test]
fn every_registered_operation_has_a_plan() {
    let registered: BTreeSet<&str> = REGISTRY.iter().map(|e| e.info.operation).collect();
    let planned: BTreeSet<&str> = plans::PLANS.iter().map(|p| p.op).collect();
    assert_eq!(registered, planned, "REGISTRY and PLANS differ");
    assert_eq!(planned.len(), plans::PLANS.len(), "a plan is listed twice");
    for p in plans::PLANS {
        assert!(catalogue::known(p.op), "{} is not in the catalogue", p.op);
        let on_a_site = SITES.iter().any(|s| catalogue::entry(p.op, *s).is_some());
        assert!(on_a_site, "{} is on no site", p.op);
        let iam = catalogue::entry(p.op, Site::China).is_some_and(|o| o["service"] == "iam");
        assert_eq!(iam, p.source == Source::Iam, "{}", p.op);
    }
}
