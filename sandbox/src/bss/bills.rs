//! Bills and related read models: partner view of customers' monthly bills, a customer's own
//! monthly summary, the intl partner's postpaid bill summary, intl invoices (page-number
//! paging) and incentive/discount policies.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::customers::not_sub_customer;
use super::{arr, cycle, page, parse_time};
use crate::call::Call;
use crate::data::{BillSum, SERVICES};
use crate::reply::{Outcome, Reply};
use crate::rng::{h3, money_number, utc};
use crate::state::Ctx;

fn zero() -> Value {
    money_number(Decimal::new(0, 2))
}

fn partner_line(ctx: &Ctx, b: &BillSum) -> Value {
    let (code, name, res) = SERVICES[b.service];
    let debit = b.amount - b.coupon;
    let mut details = vec![json!({
        "balance_type": "BALANCE_TYPE_DEBIT",
        "amount": money_number(debit),
        "bill_type": b.bill_type,
    })];
    if !b.coupon.is_zero() {
        details.push(json!({
            "balance_type": "BALANCE_TYPE_COUPON",
            "amount": money_number(b.coupon),
            "bill_type": b.bill_type,
        }));
    }
    json!({
        "customer_id": ctx.data.customers[b.customer].id,
        "cloud_service_type": code,
        "cloud_service_type_name": name,
        "bill_type": b.bill_type,
        "charge_mode": b.charge_mode,
        "amount": money_number(b.amount),
        "debt_amount": zero(),
        "adjustment_amount": zero(),
        "discount_amount": money_number(b.discount),
        "measure_id": 1,
        "account_details": details,
        "resource_type_code": res,
        "resource_type_name": name,
    })
}

pub(super) fn partner_monthly(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let cyc = cycle(call.q("cycle").unwrap_or_default())?;
    let customer = call.q("customer_id");
    let service = call.q("cloud_service_type");
    let hits: Vec<BillSum> = ctx
        .data
        .bills(cyc)
        .into_iter()
        .filter(|b| {
            customer.map_or(true, |c| ctx.data.customers[b.customer].id == c)
                && service.map_or(true, |s| SERVICES[b.service].0 == s)
                && call.q("charge_mode").map_or(true, |m| b.charge_mode == m)
                && call.q("bill_type").map_or(true, |t| b.bill_type == t)
        })
        .collect();
    let (offset, limit) = call.page();
    let items = page(&hits, offset, limit)
        .iter()
        .map(|b| partner_line(ctx, b))
        .collect();
    Ok(Reply::ok(json!({
        "bill_sums": arr(items),
        "count": hits.len(),
        "currency": Ctx::currency(call.intl),
    })))
}

pub(super) fn customer_monthly(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let cycle_text = call.q("bill_cycle").unwrap_or_default();
    let cyc = cycle(cycle_text)?;
    let id = call.customer().unwrap_or_default().to_owned();
    {
        let st = ctx.state();
        ctx.customer(&st, &id).ok_or_else(not_sub_customer)?;
    }
    let index = ctx.data.customers.iter().position(|c| c.id == id);
    let hits: Vec<BillSum> = ctx
        .data
        .bills(cyc)
        .into_iter()
        .filter(|b| Some(b.customer) == index)
        .filter(|b| {
            call.q("service_type_code")
                .map_or(true, |s| SERVICES[b.service].0 == s)
        })
        .collect();
    let name = index
        .map(|i| ctx.data.customers[i].account_name.clone())
        .unwrap_or_default();
    let total: Decimal = hits.iter().map(|b| b.amount).sum();
    let coupons: Decimal = hits.iter().map(|b| b.coupon).sum();
    let (offset, limit) = call.page();
    let items: Vec<Value> = page(&hits, offset, limit)
        .iter()
        .map(|b| {
            let (code, sname, res) = SERVICES[b.service];
            json!({
                "bill_cycle": cycle_text,
                "resource_type_code": res,
                "service_type_code": code,
                "service_type_name": sname,
                "resource_type_name": sname,
                "charging_mode": if b.charge_mode == "1" { 1 } else { 3 },
                "official_amount": money_number(b.amount + b.discount),
                "official_discount_amount": money_number(b.discount),
                "truncated_amount": zero(),
                "consume_amount": money_number(b.amount),
                "coupon_amount": money_number(b.coupon),
                "flexipurchase_coupon_amount": zero(),
                "stored_value_card_amount": zero(),
                "debt_amount": zero(),
                "writeoff_amount": zero(),
                "cash_amount": money_number(b.amount - b.coupon),
                "credit_amount": zero(),
                "measure_id": 1,
                "bill_type": if b.bill_type == "1" { 2 } else { 1 },
                "customer_id": id,
                "account_name": name,
            })
        })
        .collect();
    Ok(Reply::ok(json!({
        "total_count": hits.len(),
        "bill_sums": items,
        "consume_amount": money_number(total),
        "debt_amount": zero(),
        "coupon_amount": money_number(coupons),
        "flexipurchase_coupon_amount": zero(),
        "stored_value_card_amount": zero(),
        "cash_amount": money_number(total - coupons),
        "credit_amount": zero(),
        "writeoff_amount": zero(),
        "measure_id": 1,
        "currency": Ctx::currency(call.intl),
    })))
}

pub(super) fn postpaid_sum(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let text = call.q("bill_cycle").unwrap_or_default();
    let bills = ctx.data.bills(cycle(text)?);
    let consume: Decimal = bills
        .iter()
        .filter(|b| b.bill_type == "0")
        .map(|b| b.amount)
        .sum();
    let refunds: Decimal = -bills
        .iter()
        .filter(|b| b.bill_type == "1")
        .map(|b| b.amount)
        .sum::<Decimal>();
    let tax = Decimal::new(0, 2);
    let adjustments = Decimal::new(0, 2);
    Ok(Reply::ok(json!({
        "bill_cycle": text,
        "initial_amount_due": money_number(consume + refunds + adjustments + tax),
        "consume_amount": money_number(consume),
        "refunds": money_number(refunds),
        "adjustments": money_number(adjustments),
        "tax_amount": money_number(tax),
        "currency": "USD",
    })))
}

pub(super) fn invoices(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let begin = parse_time(call.q("start_time").unwrap_or_default(), false)?;
    let end = parse_time(call.q("end_time").unwrap_or_default(), true)?;
    let hits: Vec<_> = ctx
        .data
        .invoices()
        .into_iter()
        .filter(|i| (begin..=end).contains(&i.apply_time.timestamp()))
        .collect();
    let (offset, limit) = call.page();
    let items: Vec<Value> = page(&hits, offset, limit)
        .into_iter()
        .map(|i| {
            json!({
                "requestId": format!("INVREQ{}{:06}", i.apply_time.format("%Y%m%d"), i.index),
                "cancelReason": "",
                "titleType": 1,
                "channelType": 1,
                "invoiceType": 1,
                "invoiceTitle": i.title,
                "invoiceAmount": money_number(i.amount),
                "invoiceMethod": 1,
                "invoiceClass": 1,
                "invoiceState": i.state,
                "applyOpera": "sandbox_finance",
                "addressInfo": {
                    "address": "1 Example Road, #10-01, Singapore",
                    "recipients": "Finance Team",
                    "zipCode": "018989",
                    "mobilePhone": "+65 8***1234",
                },
                "applyTime": utc(i.apply_time),
                "invoiceMode": "1",
                "email": "finance@example.com",
                "requestMode": "1",
                "srcRequestId": "",
                "salesId": "",
                "invoiceNo": format!("SG-INV-2025-{:06}", i.index + 1),
                "tradeType": 3,
                "billCycle": i.cycle,
                "taxList": [{
                    "taxClass": "GST",
                    "taxRate": "0.09",
                    "subTaxClass": "",
                    "taxAmount": zero(),
                    "taxVisibleFlag": "1",
                    "taxAccountingFlag": "0",
                }],
            })
        })
        .collect();
    Ok(Reply::ok(json!({ "count": hits.len(), "invoices": items })))
}

pub(super) fn incentive_policies(ctx: &Ctx, call: &Call<'_>) -> Outcome {
    let time = call.q("time").unwrap_or_default();
    cycle(time)?;
    let hits: Vec<Value> = SERVICES
        .iter()
        .enumerate()
        .filter(|(_, s)| call.q("service_type_code").map_or(true, |c| c == s.0))
        .map(|(i, (code, name, _))| {
            let marketplace = code.ends_with("marketplace");
            let h = h3(ctx.data.seed, "incentive", i as u64);
            json!({
                "service_type_code": code,
                "service_type_name": name,
                "incentive_policy": if marketplace { "2".to_owned() } else { (h % 2).to_string() },
                "allow_discount": if marketplace || h % 5 == 0 { "NO" } else { "YES" },
            })
        })
        .collect();
    let (offset, limit) = call.page();
    Ok(Reply::ok(
        json!({ "policies": page(&hits, offset, limit), "total_count": hits.len() }),
    ))
}
