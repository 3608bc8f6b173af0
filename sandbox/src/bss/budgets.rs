//! Customer budgets (International site): `update_sub_customer_budget` sets the budget that
//! `show_sub_customer_budget` and `list_sub_customer_budget` report.
//!
//! Every seeded customer starts with a seeded budget and used amount; customers created
//! through the API start at zero. Only budgets set through the API are held in memory.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::customers::{check_reseller, not_sub_customer};
use super::funding::cents;
use crate::call::Call;
use crate::reply::{Outcome, Reply};
use crate::rng::{money_number, Draw};
use crate::state::{Budget, Ctx, State};

/// The largest budget the API accepts (`budget_amount` is in (0, 2147483647]).
const MAX_BUDGET: i64 = 2_147_483_647;
const MONTHLY: &str = "MONTHLY";
const PACKAGE: &str = "PACKAGE";

/// A customer's budget as shown: (budget, used, type).
fn budget_of(ctx: &Ctx, st: &State, id: &str) -> Option<(Decimal, Decimal, String)> {
    let seeded = ctx.data.customers.iter().position(|c| c.id == id);
    if seeded.is_none() && ctx.customer(st, id).is_none() {
        return None;
    }
    let (amount, used, kind) = match seeded {
        Some(i) => {
            let mut d = Draw::new(ctx.data.seed, "budget", i as u64);
            let amount = d.money_scale(1_000, 50_000, 2);
            let used = (amount * Decimal::new(d.below(90) as i64, 2)).round_dp(2);
            let kind = if d.below(5) == 0 { PACKAGE } else { MONTHLY };
            (amount, used, kind.to_owned())
        }
        None => (Decimal::new(0, 2), Decimal::new(0, 2), MONTHLY.to_owned()),
    };
    Some(match st.budgets.get(id) {
        Some(b) => (b.amount, used, b.kind.clone()),
        None => (amount, used, kind),
    })
}

/// `update_sub_customer_budget`: sets the amount and type (`MONTHLY` when absent, as the API
/// documents); `cancel_partner_frozen` `"1"` also unfreezes the customer.
pub(super) fn update(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    check_reseller(ctx, call.b("indirect_partner_id"))?;
    let amount = cents(call.amount("budget_amount")?)?;
    if amount > Decimal::new(MAX_BUDGET, 0) {
        return Err(Reply::invalid_param(format!(
            "Invalid parameter: budget_amount must not exceed {MAX_BUDGET}."
        )));
    }
    let kind = match &call.body["budget_type"] {
        Value::Null => MONTHLY,
        Value::String(s) if s == MONTHLY || s == PACKAGE => s.as_str(),
        _ => {
            return Err(Reply::bad_param(
                "Invalid parameter: budget_type must be MONTHLY or PACKAGE.",
            ))
        }
    };
    let unfreeze = match &call.body["cancel_partner_frozen"] {
        Value::Null => false,
        Value::String(s) if s.is_empty() || s == "0" => false,
        Value::String(s) if s == "1" => true,
        _ => {
            return Err(Reply::bad_param(
                "Invalid parameter: cancel_partner_frozen must be 0 or 1.",
            ))
        }
    };
    let id = call.b("customer_id").unwrap_or_default();
    let mut st = ctx.state();
    if ctx.customer(&st, id).is_none() {
        return Err(not_sub_customer());
    }
    if unfreeze {
        st.frozen.insert(id.to_owned(), false);
    }
    let kind = kind.to_owned();
    st.budgets.insert(id.to_owned(), Budget { amount, kind });
    Ok(Reply::ok(json!({})))
}

/// `show_sub_customer_budget`.
pub(super) fn show(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    check_reseller(ctx, call.q("indirect_partner_id"))?;
    let id = call.q("customer_id").unwrap_or_default();
    let st = ctx.state();
    let (amount, used, kind) = budget_of(ctx, &st, id).ok_or_else(not_sub_customer)?;
    Ok(Reply::ok(json!({
        "budget_amount": money_number(amount),
        "used_amount": money_number(used),
        "measure_id": 1,
        "currency": Ctx::currency(call.intl),
        "budget_type": kind,
    })))
}

/// `list_sub_customer_budget`: the budgets of the requested customers, in request order;
/// ids that are not sub-customers are left out.
pub(super) fn list(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    check_reseller(ctx, call.b("indirect_partner_id"))?;
    let st = ctx.state();
    let infos: Vec<Value> = call.body["customer_ids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|id| {
            let (amount, used, kind) = budget_of(ctx, &st, id)?;
            Some(json!({
                "customer_id": id,
                "budget_amount": money_number(amount),
                "used_amount": money_number(used),
                "budget_type": kind,
            }))
        })
        .collect();
    Ok(Reply::ok(json!({
        "measure_id": 1,
        "currency": Ctx::currency(call.intl),
        "budget_infos": infos,
    })))
}
