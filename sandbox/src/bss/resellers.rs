//! Resellers (indirect partners) of a distributor and their account funding.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::customers::check_reseller;
use super::funding::{cents, push_change, short_balance};
use super::{page, time_arg, within};
use crate::call::Call;
use crate::data::{OP_ADJUST, OP_RETRIEVE};
use crate::reply::{Outcome, Reply};
use crate::rng::{money_number, utc};
use crate::state::Ctx;

pub(super) fn list(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let begin = time_arg(call, "associated_on_begin", false)?;
    let end = time_arg(call, "associated_on_end", true)?;
    let hits: Vec<Value> = ctx
        .data
        .resellers
        .iter()
        .filter(|r| {
            call.b("account_name")
                .map_or(true, |n| r.account_name.contains(n))
                && call.b("indirect_partner_id").map_or(true, |id| r.id == id)
                && within(r.associated_on, begin, end)
        })
        .map(|r| {
            json!({
                "indirect_partner_id": r.id,
                "mobile_phone": "139****2048",
                "email": format!("{}@example.com", r.account_name),
                "account_name": r.account_name,
                "name": r.name,
                "associated_on": utc(r.associated_on),
                "account_manager_id": "",
                "account_manager_name": "",
            })
        })
        .collect();
    let (offset, limit) = call.page();
    Ok(Reply::ok(
        json!({ "count": hits.len(), "indirect_partners": page(&hits, offset, limit) }),
    ))
}

fn move_money(ctx: &Ctx, call: &Call<'_>, funding: bool) -> Result<String, Reply> {
    let amount = cents(call.amount("amount")?)?;
    let i = check_reseller(ctx, call.b("indirect_partner_id"))?.unwrap_or_default();
    let r = &ctx.data.resellers[i];
    let mut st = ctx.state();
    let reseller_balance =
        r.initial_balance + st.reseller_delta.get(&r.id).copied().unwrap_or_default();
    let source = if funding {
        ctx.partner_balance(&st)
    } else {
        reseller_balance
    };
    if source < amount {
        return Err(short_balance());
    }
    let signed = if funding { amount } else { -amount };
    *st.reseller_delta.entry(r.id.clone()).or_default() += signed;
    st.partner_delta -= signed;
    let now = ctx.now();
    let trans = format!(
        "IPA{}{}",
        crate::rng::stamp(now),
        ctx.next_draw("ipa").hex_id(10).to_ascii_uppercase()
    );
    let kind = if funding {
        (OP_ADJUST, "2")
    } else {
        (OP_RETRIEVE, "1")
    };
    push_change(ctx, &mut st, kind, &trans, amount, (&r.id, &r.account_name));
    Ok(trans)
}

pub(super) fn fund(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    Ok(Reply::ok(
        json!({ "transfer_id": move_money(ctx, call, true)? }),
    ))
}

pub(super) fn reclaim(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    Ok(Reply::ok(
        json!({ "trans_id": move_money(ctx, call, false)? }),
    ))
}

pub(super) fn balances(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let st = ctx.state();
    let (account, amount) = match check_reseller(ctx, call.q("indirect_partner_id"))? {
        Some(i) => {
            let r = &ctx.data.resellers[i];
            let delta = st.reseller_delta.get(&r.id).copied().unwrap_or_default();
            (format!("{}01", &r.id[..30]), r.initial_balance + delta)
        }
        None => (
            format!("{}01", &ctx.config.domain_id.get(..30).unwrap_or("0")),
            ctx.partner_balance(&st),
        ),
    };
    let zero = money_number(Decimal::new(0, 2));
    Ok(Reply::ok(json!({
        "account_balances": [{
            "account_id": account,
            "account_type": 1,
            "amount": money_number(amount),
            "currency": Ctx::currency(call.intl),
            "designated_amount": zero,
            "credit_amount": zero,
            "measure_id": 1,
            "memo": "",
        }],
    })))
}
