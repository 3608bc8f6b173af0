//! Sub-customers: list, create, freeze, balances.

use serde_json::{json, Value};

use super::{arr, page, time_arg, within, NOT_RESELLER, NOT_SUB_CUSTOMER};
use crate::call::Call;
use crate::config::PLATFORM_ID;
use crate::data::Customer;
use crate::reply::{Outcome, Reply};
use crate::rng::{money_number, utc};
use crate::state::{Ctx, State};

fn render(st: &State, c: &Customer) -> Value {
    let frozen = st.frozen.get(&c.id).copied().unwrap_or(false);
    json!({
        "customer": c.name,
        "account_name": c.account_name,
        "customer_id": c.id,
        "associated_on": utc(c.associated_on),
        "association_type": c.association_type,
        "label": c.label,
        "telephone": c.telephone,
        "verified_status": c.verified_status,
        "country_code": "0086",
        "customer_type": c.customer_type,
        "is_frozen": i64::from(frozen),
        "account_managers": [],
        "xaccount_id": c.xaccount_id,
        "xaccount_type": c.xaccount_type,
        "customer_level": c.customer_level,
        "email": c.email,
    })
}

/// Fails unless `id` is one of the distributor's resellers.
pub(super) fn check_reseller(ctx: &Ctx, id: Option<&str>) -> Result<Option<usize>, Reply> {
    let Some(id) = id else { return Ok(None) };
    match ctx.data.resellers.iter().position(|r| r.id == id) {
        Some(i) => Ok(Some(i)),
        None => Err(Reply::code(
            403,
            NOT_RESELLER,
            "You have no permission on this reseller.",
        )),
    }
}

pub(super) fn list(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    // Resellers own no customers in the sandbox: a valid reseller id lists nothing.
    let for_reseller = check_reseller(ctx, call.b("indirect_partner_id"))?.is_some();
    let begin = time_arg(call, "associated_on_begin", false)?;
    let end = time_arg(call, "associated_on_end", true)?;
    let st = ctx.state();
    let matches = |c: &&Customer| {
        !for_reseller
            && call
                .b("account_name")
                .map_or(true, |n| c.account_name.contains(n))
            && call.b("customer").map_or(true, |n| c.name.contains(n))
            && call.b("customer_id").map_or(true, |id| c.id == id)
            && call.b("label").map_or(true, |l| c.label == l)
            && call
                .b("association_type")
                .map_or(true, |t| c.association_type == t)
            && within(c.associated_on, begin, end)
    };
    let hits: Vec<&Customer> = st
        .created
        .iter()
        .rev()
        .chain(ctx.data.customers.iter())
        .filter(matches)
        .collect();
    let (offset, limit) = call.page();
    let items = page(&hits, offset, limit)
        .into_iter()
        .map(|c| render(&st, c))
        .collect();
    Ok(Reply::ok(
        json!({ "customer_infos": arr(items), "count": hits.len() }),
    ))
}

pub(super) fn create(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let xtype = call.b("xaccount_type").unwrap_or_default();
    if xtype != PLATFORM_ID {
        return Err(Reply::invalid_param(format!(
            "Invalid parameter: xaccount_type must be the platform id {PLATFORM_ID}."
        )));
    }
    let xid = call.b("xaccount_id").unwrap_or_default().to_owned();
    let mut d = ctx.next_draw("create-customer");
    let mut st = ctx.state();
    let n = st.created.len();
    let domain_name = call
        .b("domain_name")
        .map_or_else(|| format!("sandbox_new_{n:04}"), str::to_owned);
    let all = || ctx.data.customers.iter().chain(st.created.iter());
    if all().any(|c| c.account_name == domain_name) {
        return Err(Reply::invalid_param(
            "Invalid parameter: domain_name already exists.",
        ));
    }
    if all().any(|c| c.xaccount_id == xid) {
        return Err(Reply::invalid_param(
            "Invalid parameter: xaccount_id is already bound.",
        ));
    }
    let c = Customer {
        id: d.hex_id(32),
        name: domain_name.clone(),
        account_name: domain_name.clone(),
        associated_on: ctx.now(),
        association_type: "1".to_owned(),
        label: String::new(),
        telephone: call.b("mobile_phone").unwrap_or_default().to_owned(),
        verified_status: "0".to_owned(),
        customer_type: -1,
        xaccount_id: xid,
        xaccount_type: PLATFORM_ID.to_owned(),
        customer_level: "V0".to_owned(),
        email: String::new(),
        initial_balance: rust_decimal::Decimal::new(0, 2),
    };
    let body = json!({ "domain_id": c.id, "domain_name": c.account_name });
    st.created.push(c);
    Ok(Reply::ok(body))
}

pub(super) fn freeze(ctx: &Ctx, call: &Call<'_>, frozen: bool) -> Outcome {
    let ids: Vec<String> = call.body["customer_ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut st = ctx.state();
    let mut errors = Vec::new();
    for id in ids {
        if ctx.customer(&st, &id).is_some() {
            st.frozen.insert(id, frozen);
        } else {
            let msg = "The customer is not a sub-customer of the partner.";
            errors.push(json!({ "error_code": NOT_SUB_CUSTOMER, "error_msg": msg, "id": id }));
        }
    }
    Ok(Reply::ok(json!({ "error_details": errors })))
}

pub(super) fn not_sub_customer() -> Reply {
    Reply::code(
        400,
        NOT_SUB_CUSTOMER,
        "The customer is not a sub-customer of the partner.",
    )
}

pub(super) fn balances(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let currency = Ctx::currency(call.intl);
    let st = ctx.state();
    let mut out = Vec::new();
    for info in call.body["customer_infos"].as_array().into_iter().flatten() {
        let id = info["customer_id"].as_str().unwrap_or_default();
        let c = ctx.customer(&st, id).ok_or_else(not_sub_customer)?;
        out.push(json!({
            "customer_id": c.id,
            "debt_amount": money_number(rust_decimal::Decimal::new(0, 2)),
            "amount": money_number(ctx.customer_balance(&st, c)),
            "currency": currency,
            "measure_id": 1,
        }));
    }
    Ok(Reply::ok(json!({ "customer_balances": out })))
}

pub(super) fn own_balance(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let id = call.customer().unwrap_or_default();
    let st = ctx.state();
    let c = ctx.customer(&st, id).ok_or_else(not_sub_customer)?;
    let currency = Ctx::currency(call.intl);
    let zero = money_number(rust_decimal::Decimal::new(0, 2));
    Ok(Reply::ok(json!({
        "account_balances": [{
            "account_id": format!("{}01", &c.id[..30]),
            "account_type": 1,
            "amount": money_number(ctx.customer_balance(&st, c)),
            "currency": currency,
            "designated_amount": zero,
            "credit_amount": zero,
            "measure_id": 1,
        }],
        "debt_amount": zero,
        "measure_id": 1,
        "currency": currency,
    })))
}
