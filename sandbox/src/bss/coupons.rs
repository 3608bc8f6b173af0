//! Coupon quotas and partner coupons.
//!
//! The partner owns four seeded coupon quotas. Issuing coupons draws on a quota and the
//! coupons then appear in both coupon lists; reclaiming a coupon returns its value. A
//! distributor can issue part of a quota to a reseller (`update_coupon_quotas`) and reclaim it.
//! Codes as the official SDK documents them: coupon status 2 = available, 5 = reclaimed;
//! quota status 0 = normal, 6 = reclaimed.

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::funding::{cents, short_balance};
use super::{page, NOT_RESELLER, NOT_SUB_CUSTOMER};
use crate::call::Call;
use crate::data::HISTORY_END;
use crate::reply::{Outcome, Reply};
use crate::rng::{at, money_number, utc, Draw};
use crate::state::{Coupon, Ctx, IssuedQuota, State};

const AVAILABLE: i64 = 2;
const RECLAIMED: i64 = 5;
const SEEDED_QUOTAS: u64 = 4;

struct Quota {
    id: String,
    value: Decimal,
    opening: Decimal,
    created: DateTime<Utc>,
}

fn seeded_quotas(ctx: &Ctx) -> Vec<Quota> {
    (0..SEEDED_QUOTAS)
        .map(|k| {
            let mut d = Draw::new(ctx.data.seed, "quota", k);
            let value = Decimal::new(100_000 * (1 + k as i64), 0) + d.money_scale(0, 1, 2);
            Quota {
                id: format!("QUOTA{}", d.hex_id(16).to_ascii_uppercase()),
                opening: value - d.money_scale(0, 20_000, 2),
                value,
                created: at(HISTORY_END - 300 * 86_400 + k as i64 * 86_400),
            }
        })
        .collect()
}

fn quota_balance(st: &State, q: &Quota) -> Decimal {
    q.opening - st.quota_used.get(&q.id).copied().unwrap_or_default()
}

fn seeded_coupon(ctx: &Ctx, quotas: &[Quota], c: usize) -> Coupon {
    let mut d = Draw::new(ctx.data.seed, "coupon", c as u64);
    let created = at(HISTORY_END - d.below(200 * 86_400) as i64);
    Coupon {
        id: format!("CP{}", d.hex_id(20).to_ascii_uppercase()),
        customer_id: ctx.data.customers[c].id.clone(),
        quota_id: quotas[c % quotas.len()].id.clone(),
        face_value: d.money_scale(50, 2_000, 2),
        created,
        effective: created,
        expires: created + Duration::days(365),
        memo: String::new(),
    }
}

fn all_coupons(ctx: &Ctx, st: &State) -> Vec<Coupon> {
    let quotas = seeded_quotas(ctx);
    let seeded = (0..ctx.data.customers.len()).map(|c| seeded_coupon(ctx, &quotas, c));
    st.coupons.iter().rev().cloned().chain(seeded).collect()
}

fn quota_json(st: &State, q: &Quota, currency: &str) -> Value {
    json!({
        "quota_id": q.id,
        "quota_type": 0,
        "create_time": utc(q.created),
        "last_update_time": utc(q.created),
        "quota_value": money_number(q.value),
        "quota_status": 0,
        "balance": money_number(quota_balance(st, q)),
        "measure_id": 1,
        "currency": currency,
        "effective_time": utc(q.created),
        "expire_time": utc(q.created + Duration::days(730)),
        "limit_infos": [],
    })
}

pub(super) fn quotas(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let st = ctx.state();
    let ids: Option<Vec<&str>> = call.body["quota_ids"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect());
    let hits: Vec<Value> = seeded_quotas(ctx)
        .iter()
        .filter(|q| {
            ids.as_ref()
                .map_or(true, |ids| ids.is_empty() || ids.contains(&q.id.as_str()))
        })
        .map(|q| quota_json(&st, q, Ctx::currency(call.intl)))
        .collect();
    let (offset, limit) = call.page();
    Ok(Reply::ok(
        json!({ "total_count": hits.len(), "quotas": page(&hits, offset, limit) }),
    ))
}

fn coupon_json(c: &Coupon, status: i64, partner_view: bool, currency: &str) -> Value {
    let amount = money_number(c.face_value);
    let balance = if status == RECLAIMED {
        money_number(Decimal::new(0, 2))
    } else {
        amount.clone()
    };
    let mut v = json!({
        "coupon_id": c.id,
        "status": status,
        "customer_id": c.customer_id,
        "coupon_type": 1,
        "measure_id": 1,
        "face_value": amount,
        "expire_time": utc(c.expires),
        "order_id": "",
        "promotion_plan_id": c.quota_id,
        "media_type": 1,
        "fetch_method": 1,
        "use_limits": [],
        "active_time": utc(c.effective),
        "promotion_id": c.quota_id,
        "create_time": utc(c.created),
        "balance": balance,
        "lock_order_id": "",
        "is_frozen": "0",
    });
    let extra = if partner_view {
        json!({
            "effective_time": utc(c.effective),
            "promotion_plan_name": "Partner coupon",
            "promotion_plan_desc": c.memo,
            "last_used_time": "",
        })
    } else {
        json!({
            "coupon_code": format!("C{}", &c.id[2..]),
            "valid_time": utc(c.effective),
            "plan_name": "Partner coupon",
            "plan_desc": c.memo,
            "reserve_time": "",
            "coupon_version": 1,
            "coupon_usage": "",
            "currency": currency,
            "extend_param1": "",
            "source_id": "",
        })
    };
    if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
        m.extend(e);
    }
    v
}

pub(super) fn issued(ctx: &Ctx, call: &Call<'_>, customer_view: bool) -> Outcome {
    let st = ctx.state();
    let own = call.customer().map(str::to_owned);
    let status_of = |c: &Coupon| {
        if st.reclaimed_coupons.contains(&c.id) {
            RECLAIMED
        } else {
            AVAILABLE
        }
    };
    let hits: Vec<Value> = all_coupons(ctx, &st)
        .iter()
        .filter(|c| {
            own.as_ref().map_or(true, |o| *o == c.customer_id)
                && call.q("coupon_id").map_or(true, |id| c.id == id)
                && call
                    .q("promotion_plan_id")
                    .map_or(true, |id| c.quota_id == id)
                && call.q("customer_id").map_or(true, |id| c.customer_id == id)
                && call.int("status").map_or(true, |s| s == status_of(c))
                && call.int("coupon_type").map_or(true, |t| t == 1)
        })
        .map(|c| coupon_json(c, status_of(c), !customer_view, Ctx::currency(call.intl)))
        .collect();
    let (offset, limit) = call.page();
    let items = page(&hits, offset, limit);
    let total_key = if customer_view {
        "count"
    } else {
        "total_count"
    };
    Ok(Reply::ok(
        json!({ total_key: hits.len(), "user_coupons": items }),
    ))
}

pub(super) fn issue(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let face = cents(call.amount("face_value")?)?;
    let quota_id = call.b("quota_id").unwrap_or_default();
    let quotas = seeded_quotas(ctx);
    let quota = quotas
        .iter()
        .find(|q| q.id == quota_id)
        .ok_or_else(|| Reply::invalid_param("Invalid parameter: quota_id does not exist."))?;
    let now = ctx.now();
    let parse = |name: &str| {
        call.b(name)
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.to_utc())
    };
    let effective = parse("valid_time").unwrap_or(now);
    let expires = parse("expire_time").unwrap_or(effective + Duration::days(365));
    let ids: Vec<&str> = call.body["customer_ids"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();

    let mut st = ctx.state();
    let (valid, unknown): (Vec<&str>, Vec<&str>) = ids
        .into_iter()
        .partition(|id| ctx.customer(&st, id).is_some());
    let needed = face * Decimal::from(valid.len());
    if quota_balance(&st, quota) < needed {
        return Err(short_balance());
    }
    *st.quota_used.entry(quota.id.clone()).or_default() += needed;
    let mut infos = Vec::new();
    for id in valid {
        let coupon_id = format!(
            "CP{}",
            ctx.next_draw("coupon-new").hex_id(20).to_ascii_uppercase()
        );
        infos.push(json!({ "id": id, "coupon_id": coupon_id }));
        st.coupons.push(Coupon {
            id: coupon_id,
            customer_id: id.to_owned(),
            quota_id: quota.id.clone(),
            face_value: face,
            created: now,
            effective,
            expires,
            memo: call.b("memo").unwrap_or_default().to_owned(),
        });
    }
    let errors: Vec<Value> = unknown
        .into_iter()
        .map(|id| {
            let msg = "The customer is not a sub-customer of the partner.";
            json!({ "error_code": NOT_SUB_CUSTOMER, "error_msg": msg, "id": id })
        })
        .collect();
    Ok(Reply::ok(
        json!({ "error_details": errors, "coupon_infos": infos }),
    ))
}

pub(super) fn reclaim(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let id = call.b("coupon_id").unwrap_or_default();
    let mut st = ctx.state();
    let coupon = all_coupons(ctx, &st)
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Reply::invalid_param("Invalid parameter: coupon_id does not exist."))?;
    if !st.reclaimed_coupons.insert(coupon.id.clone()) {
        return Err(Reply::invalid_param(
            "Invalid parameter: the coupon was already reclaimed.",
        ));
    }
    *st.quota_used.entry(coupon.quota_id).or_default() -= coupon.face_value;
    Ok(Reply::ok(json!({})))
}

pub(super) fn issue_quotas(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let amount = cents(call.amount("quota_amount")?)?;
    let quotas = seeded_quotas(ctx);
    let parent = quotas
        .iter()
        .find(|q| Some(q.id.as_str()) == call.b("quota_id"))
        .ok_or_else(|| Reply::invalid_param("Invalid parameter: quota_id does not exist."))?;
    let ids: Vec<&str> = call.body["indirect_partner_ids"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let resellers = &ctx.data.resellers;
    let (valid, unknown): (Vec<&str>, Vec<&str>) = ids
        .into_iter()
        .partition(|id| resellers.iter().any(|r| r.id == *id));
    let mut st = ctx.state();
    let needed = amount * Decimal::from(valid.len());
    if quota_balance(&st, parent) < needed {
        return Err(short_balance());
    }
    *st.quota_used.entry(parent.id.clone()).or_default() += needed;
    let now = ctx.now();
    let mut infos = Vec::new();
    for id in valid {
        let quota_id = format!(
            "QUOTA{}",
            ctx.next_draw("quota-new").hex_id(16).to_ascii_uppercase()
        );
        infos.push(json!({ "id": id, "quota_id": quota_id }));
        st.issued_quotas.push(IssuedQuota {
            id: quota_id,
            parent: parent.id.clone(),
            reseller: resellers
                .iter()
                .position(|r| r.id == id)
                .unwrap_or_default(),
            value: amount,
            balance: amount,
            reclaimed: false,
            created: now,
            updated: now,
        });
    }
    let errors: Vec<Value> = unknown
        .into_iter()
        .map(|id| {
            let msg = "You have no permission on this reseller.";
            json!({ "error_code": NOT_RESELLER, "error_msg": msg, "id": id })
        })
        .collect();
    Ok(Reply::ok(
        json!({ "error_details": errors, "simple_quota_infos": infos }),
    ))
}

pub(super) fn reclaim_quotas(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let ids: Vec<&str> = call.body["quota_ids"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let now = ctx.now();
    let mut st = ctx.state();
    let (mut infos, mut errors) = (Vec::new(), Vec::new());
    for id in ids {
        let Some(i) = st
            .issued_quotas
            .iter()
            .position(|q| q.id == id && !q.reclaimed)
        else {
            let msg = "The quota does not exist or was already reclaimed.";
            errors.push(json!({ "error_code": "CBC.0101", "error_msg": msg, "id": id }));
            continue;
        };
        let q = &mut st.issued_quotas[i];
        let back = q.balance;
        q.balance = Decimal::new(0, 2);
        q.reclaimed = true;
        q.updated = now;
        let parent = q.parent.clone();
        *st.quota_used.entry(parent).or_default() -= back;
        infos.push(json!({ "quota_id": id, "quota_balance": money_number(back) }));
    }
    Ok(Reply::ok(
        json!({ "error_details": errors, "simple_quota_infos": infos }),
    ))
}

pub(super) fn issued_quotas(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let st = ctx.state();
    let currency = Ctx::currency(call.intl);
    let hits: Vec<Value> = st
        .issued_quotas
        .iter()
        .rev()
        .filter(|q| {
            let r = &ctx.data.resellers[q.reseller];
            call.q("quota_id").map_or(true, |id| q.id == id)
                && call.q("indirect_partner_id").map_or(true, |id| r.id == id)
                && call.q("parent_quota_id").map_or(true, |id| q.parent == id)
        })
        .map(|q| {
            let r = &ctx.data.resellers[q.reseller];
            json!({
                "quota_id": q.id,
                "quota_type": 0,
                "create_time": utc(q.created),
                "last_update_time": utc(q.updated),
                "quota_value": money_number(q.value),
                "quota_status": if q.reclaimed { 6 } else { 0 },
                "balance": money_number(q.balance),
                "measure_id": 1,
                "currency": currency,
                "effective_time": utc(q.created),
                "expire_time": utc(q.created + Duration::days(365)),
                "limit_infos": [],
                "indirect_partner_id": r.id,
                "indirect_partner_account_name": r.account_name,
                "indirect_partner_name": r.name,
                "parent_quota_id": q.parent,
            })
        })
        .collect();
    let (offset, limit) = call.page();
    Ok(Reply::ok(
        json!({ "total_count": hits.len(), "quotas": page(&hits, offset, limit) }),
    ))
}
