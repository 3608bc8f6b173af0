//! Stateful BSS operations; everything else is answered from the schema (`generic`).

mod bills;
mod budgets;
mod coupons;
mod customers;
mod funding;
mod orders;
mod resellers;
mod resources;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;

use crate::call::Call;
use crate::reply::{Outcome, Reply};
use crate::state::Ctx;

/// Insufficient balance: documented for `reclaim_to_partner_account`; the sandbox uses it for
/// every short balance (funding, reseller funding, coupon quotas), which is UNCERTAIN for
/// the other operations.
pub(crate) const INSUFFICIENT_BALANCE: &str = "CBC.99005003";
/// The customer is not a sub-customer of the partner.
pub(crate) const NOT_SUB_CUSTOMER: &str = "CBC.99000035";
/// No permission on this reseller.
pub(crate) const NOT_RESELLER: &str = "CBC.99000037";
/// Invalid order (it may not exist): documented for the pay-order operations.
pub(crate) const INVALID_ORDER: &str = "CBC.30000010";
/// The order status has changed, so it cannot be paid: documented for the pay-order
/// operations.
pub(crate) const ORDER_NOT_PAYABLE: &str = "CBC.99003106";
/// The order status does not allow cancelling: documented for `cancel_customer_order`.
pub(crate) const ORDER_NOT_CANCELLABLE: &str = "CBC.99005010";
/// The resource expired and was deleted, or does not exist: documented for
/// `renewal_resources`; UNCERTAIN for the auto-renewal operations that use it.
pub(crate) const NO_SUCH_RESOURCE: &str = "CBC.99003016";

/// Runs the stateful handler of `call`, or `None` when the operation has none.
pub(crate) fn handle(ctx: &Ctx, call: &Call<'_>) -> Option<Outcome> {
    let intl = call.intl;
    Some(match call.op.name.as_str() {
        "list_sub_customers" => customers::list(ctx, call),
        "create_sub_customer" => customers::create(ctx, call),
        "freeze_sub_customers" => customers::freeze(ctx, call, true),
        "unfreeze_sub_customers" => customers::freeze(ctx, call, false),
        "list_customers_balances_detail" => customers::balances(ctx, call),
        "show_customer_account_balances" => customers::own_balance(ctx, call),
        "update_customer_account_amount" => funding::fund(ctx, call),
        "reclaim_to_partner_account" => funding::reclaim(ctx, call),
        "list_partner_adjust_records" => funding::adjust_records(ctx, call),
        "list_partner_account_change_records" => funding::change_records(ctx, call),
        "list_subcustomer_monthly_bills" => bills::partner_monthly(ctx, call),
        "show_customer_monthly_sum" => bills::customer_monthly(ctx, call),
        "list_postpaid_bill_sum" if intl => bills::postpaid_sum(ctx, call),
        "list_invoices" if intl => bills::invoices(ctx, call),
        "list_incentive_discount_policies" => bills::incentive_policies(ctx, call),
        "list_quota_coupons" => coupons::quotas(ctx, call),
        "create_partner_coupons" => coupons::issue(ctx, call),
        "list_issued_partner_coupons" => coupons::issued(ctx, call, false),
        "list_sub_customer_coupons" => coupons::issued(ctx, call, true),
        "reclaim_partner_coupons" => coupons::reclaim(ctx, call),
        "update_coupon_quotas" => coupons::issue_quotas(ctx, call),
        "reclaim_coupon_quotas" => coupons::reclaim_quotas(ctx, call),
        "list_issued_coupon_quotas" => coupons::issued_quotas(ctx, call),
        "list_customer_orders" => orders::list(ctx, call),
        "show_customer_order_details" => orders::details(ctx, call),
        "pay_orders" => orders::pay(ctx, call),
        "cancel_customer_order" => orders::cancel(ctx, call),
        "list_pay_per_use_customer_resources" => resources::list(ctx, call),
        "auto_renewal_resources" => resources::auto_renew(ctx, call, true),
        "cancel_auto_renewal_resources" => resources::auto_renew(ctx, call, false),
        "update_sub_customer_budget" if intl => budgets::update(ctx, call),
        "show_sub_customer_budget" if intl => budgets::show(ctx, call),
        "list_sub_customer_budget" if intl => budgets::list(ctx, call),
        "list_indirect_partners" => resellers::list(ctx, call),
        "update_indirect_partner_account" => resellers::fund(ctx, call),
        "reclaim_indirect_partner_account" => resellers::reclaim(ctx, call),
        "list_partner_balances" => resellers::balances(ctx, call),
        _ => return None,
    })
}

/// Parses a filter time: `YYYY-MM-DDThh:mm:ssZ`, or a date (start of day, or end of day
/// when `end` is set).
pub(crate) fn parse_time(s: &str, end: bool) -> Result<i64, Reply> {
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ") {
        return Ok(t.and_utc().timestamp());
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let t = d
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .timestamp();
        return Ok(if end { t + 86_399 } else { t });
    }
    Err(Reply::bad_param(format!(
        "Invalid parameter: time {s} must be YYYY-MM-DDThh:mm:ssZ."
    )))
}

/// An optional time filter argument.
pub(crate) fn time_arg(call: &Call<'_>, name: &str, end: bool) -> Result<Option<i64>, Reply> {
    call.arg(name).map(|s| parse_time(s, end)).transpose()
}

/// Whether `t` lies inside the optional bounds.
pub(crate) fn within(t: DateTime<Utc>, begin: Option<i64>, end: Option<i64>) -> bool {
    let s = t.timestamp();
    begin.map_or(true, |b| s >= b) && end.map_or(true, |e| s <= e)
}

/// One page of `items`.
pub(crate) fn page<T: Clone>(items: &[T], offset: u64, limit: u64) -> Vec<T> {
    items
        .iter()
        .skip(offset as usize)
        .take(limit as usize)
        .cloned()
        .collect()
}

/// Parses `YYYY-MM` into (year, month).
pub(crate) fn cycle(s: &str) -> Result<(i32, u32), Reply> {
    let bad = || Reply::bad_param(format!("Invalid parameter: cycle {s} must be YYYY-MM."));
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    let (y, m) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if (1..=12).contains(&m) {
        Ok((y, m))
    } else {
        Err(bad())
    }
}

/// A JSON array value.
pub(crate) fn arr(items: Vec<Value>) -> Value {
    Value::Array(items)
}
