//! Customer orders: a seeded set of four orders per seeded customer, the same order whether
//! it is listed (`list_customer_orders`) or shown (`show_customer_order_details`), and
//! whichever credential asks for the details; `pay_orders` and `cancel_customer_order` move
//! a pending order (status 6) to completed (5) or cancelled (4).
//!
//! Order *k* belongs to customer `k mod customers`; its id encodes *k*
//! (`CS` + `yymmddHHMM` + seven digits), so a detail lookup regenerates it. The fields the
//! two models share are fixed per order; the rest is schema-generated from the order's seed.
//! Status changes are kept by order id, so both sites see them.

use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::{page, time_arg, within, INVALID_ORDER, ORDER_NOT_CANCELLABLE, ORDER_NOT_PAYABLE};
use crate::call::Call;
use crate::data::{HISTORY_END, SERVICES};
use crate::generic::{object_for, set_customer};
use crate::reply::{Outcome, Reply};
use crate::rng::{at, h3, money_number, utc, Draw};
use crate::spec::Field;
use crate::state::{Ctx, OrderChange, State};

const PER_CUSTOMER: u64 = 4;
/// Order statuses (`CustomerOrderV2.status`).
const CANCELLED: i64 = 4;
const COMPLETED: i64 = 5;
const PENDING: i64 = 6;

/// The fields of order `k` that every view agrees on.
struct Order {
    k: u64,
    id: String,
    customer_id: String,
    service: usize,
    status: i64,
    order_type: i64,
    official: Decimal,
    after_discount: Decimal,
    created: chrono::DateTime<chrono::Utc>,
    /// When it was paid (`None` for orders never paid: pending, cancelled, in review).
    paid: Option<chrono::DateTime<chrono::Utc>>,
}

fn order(ctx: &Ctx, k: u64) -> Order {
    let mut d = Draw::new(ctx.data.seed, "order", k);
    let n = ctx.data.customers.len() as u64;
    let created = at(HISTORY_END - d.below(365 * 86_400) as i64);
    let official = d.money_scale(10, 30_000, 2);
    let discount = (official * Decimal::new(d.below(25) as i64, 2)).round_dp(2);
    let service = d.below(SERVICES.len() as u64) as usize;
    let status = *d.pick(&[1, 2, 3, 4, 5, 6]);
    let order_type = *d.pick(&[1, 2, 3, 4]);
    // Refund pending (2), processing (3) and completed (5) orders have been paid.
    let paid = [2, 3, 5]
        .contains(&status)
        .then(|| created + chrono::Duration::seconds(60 + d.below(72 * 3600) as i64));
    Order {
        k,
        id: format!("CS{}{k:07}", &crate::rng::stamp(created)[2..12]),
        customer_id: ctx.data.customers[(k % n) as usize].id.clone(),
        service,
        status,
        order_type,
        official,
        after_discount: official - discount,
        created,
        paid,
    }
}

/// Order `k` with the changes made through the API.
fn current(ctx: &Ctx, st: &State, k: u64) -> Order {
    let mut o = order(ctx, k);
    if let Some(change) = st.orders.get(&o.id) {
        o.status = change.status;
        o.paid = (change.status == COMPLETED).then_some(change.time);
    }
    o
}

/// The index of a seeded order id, if it is one of ours.
pub(super) fn order_index(ctx: &Ctx, id: &str) -> Option<u64> {
    let k: u64 = id.strip_prefix("CS")?.get(10..)?.parse().ok()?;
    let total = ctx.data.customers.len() as u64 * PER_CUSTOMER;
    (k < total && order(ctx, k).id == id).then_some(k)
}

fn render(ctx: &Ctx, call: &Call<'_>, o: &Order, fields: &[Field], prefix: &str) -> Value {
    let mut v = object_for(
        ctx,
        call,
        fields,
        prefix,
        h3(ctx.data.seed, "order-body", o.k),
    );
    set_customer(&mut v, &o.customer_id);
    let (code, name, _) = SERVICES[o.service];
    let fixed = json!({
        "order_id": o.id,
        "customer_id": o.customer_id,
        "service_type_code": code,
        "service_type_name": name,
        "status": o.status,
        "order_type": o.order_type,
        "official_amount": money_number(o.official),
        "amount_after_discount": money_number(o.after_discount),
        "create_time": utc(o.created),
        "payment_time": o.paid.map(utc),
        "currency": Ctx::currency(call.intl),
    });
    if let (Value::Object(m), Value::Object(f)) = (&mut v, fixed) {
        for (k, x) in f {
            if m.contains_key(&k) {
                m.insert(k, x);
            }
        }
    }
    v
}

fn field<'a>(call: &'a Call<'_>, name: &str) -> Option<&'a Field> {
    call.op.response.iter().find(|f| f.name == name)
}

pub(super) fn list(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let Some(own) = call.customer() else {
        return Err(Reply::denied("This API is for customers."));
    };
    let n = ctx.data.customers.len() as u64;
    let Some(c) = ctx.data.customers.iter().position(|c| c.id == own) else {
        return Ok(Reply::ok(json!({ "total_count": 0, "order_infos": [] })));
    };
    let begin = time_arg(call, "create_time_begin", false)?;
    let end = time_arg(call, "create_time_end", true)?;
    let paid_begin = time_arg(call, "payment_time_begin", false)?;
    let paid_end = time_arg(call, "payment_time_end", true)?;
    let by_payment = paid_begin.is_some() || paid_end.is_some();
    let st = ctx.state();
    let hits: Vec<Order> = (0..PER_CUSTOMER)
        .map(|j| current(ctx, &st, c as u64 + j * n))
        .filter(|o| {
            call.q("order_id").map_or(true, |id| o.id == id)
                && call.int("status").map_or(true, |s| o.status == s)
                && call.int("order_type").map_or(true, |t| o.order_type == t)
                && call
                    .q("service_type_code")
                    .map_or(true, |s| SERVICES[o.service].0 == s)
                && within(o.created, begin, end)
                && (!by_payment || o.paid.is_some_and(|t| within(t, paid_begin, paid_end)))
        })
        .collect();
    drop(st);
    let (offset, limit) = call.page();
    let fields = field(call, "order_infos").map_or(&[][..], |f| f.fields.as_slice());
    let items: Vec<Value> = page(&hits.iter().collect::<Vec<_>>(), offset, limit)
        .into_iter()
        .map(|o| render(ctx, call, o, fields, "order_infos[]."))
        .collect();
    Ok(Reply::ok(
        json!({ "total_count": hits.len(), "order_infos": items }),
    ))
}

pub(super) fn details(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let id = call
        .path_values
        .first()
        .map(String::as_str)
        .unwrap_or_default();
    let not_found =
        || Reply::invalid_param(format!("Invalid parameter: order {id} does not exist."));
    let k = order_index(ctx, id).ok_or_else(not_found)?;
    let o = current(ctx, &ctx.state(), k);
    if call.customer().is_some_and(|c| c != o.customer_id) {
        return Err(not_found());
    }
    let info_fields = field(call, "order_info").map_or(&[][..], |f| f.fields.as_slice());
    let info = render(ctx, call, &o, info_fields, "order_info.");
    let mut items = Vec::new();
    if let Some(f) = field(call, "order_line_items") {
        let count = 1 + h3(ctx.data.seed, "order-lines", k) % 4;
        for line in 0..count {
            let key = h3(ctx.data.seed, "order-line", k * 8 + line);
            let mut v = object_for(ctx, call, &f.fields, "order_line_items[].", key);
            set_customer(&mut v, &o.customer_id);
            if let Some(x) = v.get_mut("order_id") {
                *x = Value::String(o.id.clone());
            }
            items.push(v);
        }
    }
    // The line items are the paged list of this operation.
    let (offset, limit) = call.page();
    let mut body = Map::new();
    body.insert("total_count".into(), Value::from(items.len()));
    body.insert("order_info".into(), info);
    body.insert(
        "order_line_items".into(),
        Value::Array(page(&items, offset, limit)),
    );
    Ok(Reply::ok(Value::Object(body)))
}

/// The order named by the body's `order_id` if the caller may act on it (a customer only on
/// its own orders), with its current status.
fn own_order(ctx: &Ctx, call: &Call<'_>, st: &State) -> Option<Order> {
    let k = order_index(ctx, call.b("order_id")?)?;
    let o = current(ctx, st, k);
    call.customer()
        .map_or(true, |c| c == o.customer_id)
        .then_some(o)
}

/// Reads `use_coupon` / `use_discount` (`YES` needs a non-empty list of ids).
fn check_pay_flags(call: &Call<'_>) -> Result<(), Reply> {
    for (flag, list) in [
        ("use_coupon", "coupon_infos"),
        ("use_discount", "discount_infos"),
    ] {
        match call.b(flag) {
            Some("NO") => {}
            Some("YES") if call.body[list].as_array().is_some_and(|a| !a.is_empty()) => {}
            Some("YES") => {
                return Err(Reply::bad_param(format!(
                    "Invalid parameter: {list} is required when {flag} is YES."
                )))
            }
            _ => {
                return Err(Reply::bad_param(format!(
                    "Invalid parameter: {flag} must be YES or NO."
                )))
            }
        }
    }
    Ok(())
}

/// `pay_orders`: a pending order becomes completed, paid now. Payment is emulated as
/// monthly settlement: balances do not change, and coupon or discount ids are not checked.
pub(super) fn pay(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    check_pay_flags(call)?;
    let mut st = ctx.state();
    let Some(o) = own_order(ctx, call, &st) else {
        let id = call.b("order_id").unwrap_or_default();
        return Err(Reply::code(
            400,
            INVALID_ORDER,
            format!("Invalid order {id}: it does not exist, so it cannot be operated on."),
        ));
    };
    if o.status != PENDING {
        return Err(Reply::code(
            400,
            ORDER_NOT_PAYABLE,
            "The order status has changed, so the order cannot be paid.",
        ));
    }
    let change = OrderChange {
        status: COMPLETED,
        time: ctx.now(),
    };
    st.orders.insert(o.id, change);
    Ok(Reply::ok(json!({})))
}

/// `cancel_customer_order`: a pending order becomes cancelled.
pub(super) fn cancel(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let mut st = ctx.state();
    let Some(o) = own_order(ctx, call, &st) else {
        let id = call.b("order_id").unwrap_or_default();
        return Err(Reply::bad_param(format!(
            "Invalid parameter: order {id} does not exist."
        )));
    };
    if o.status != PENDING {
        return Err(Reply::code(
            400,
            ORDER_NOT_CANCELLABLE,
            "The order status does not allow cancelling.",
        ));
    }
    let change = OrderChange {
        status: CANCELLED,
        time: ctx.now(),
    };
    st.orders.insert(o.id, change);
    Ok(Reply::ok(json!({})))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SandboxConfig;

    #[test]
    fn order_ids_lead_back_to_their_order_and_paid_orders_have_a_payment_time() {
        let ctx = Ctx::new(SandboxConfig::default().seed(3).customers(9));
        for k in 0..9 * PER_CUSTOMER {
            let o = order(&ctx, k);
            assert_eq!(order_index(&ctx, &o.id), Some(k));
            assert_eq!(o.paid.is_some(), [2, 3, 5].contains(&o.status));
            assert!(o.paid.map_or(true, |t| t > o.created));
        }
        assert_eq!(order_index(&ctx, "CS25010100000999999"), None);
    }

    #[test]
    fn changes_override_the_seeded_status() {
        let ctx = Ctx::new(SandboxConfig::default().customers(9));
        let o = order(&ctx, 5);
        let mut st = State::default();
        let time = chrono::Utc::now();
        st.orders.insert(
            o.id.clone(),
            OrderChange {
                status: COMPLETED,
                time,
            },
        );
        assert_eq!(
            (current(&ctx, &st, 5).status, current(&ctx, &st, 5).paid),
            (5, Some(time))
        );
        st.orders.insert(
            o.id,
            OrderChange {
                status: CANCELLED,
                time,
            },
        );
        assert_eq!(
            (current(&ctx, &st, 5).status, current(&ctx, &st, 5).paid),
            (4, None)
        );
    }
}
