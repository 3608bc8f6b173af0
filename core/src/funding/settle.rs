//! Settling a funding or reclaim whose outcome is unknown, from the adjustment records.
//!
//! A grant or reclaim that timed out, failed with a 5xx or got an unreadable answer may or
//! may not have been applied; the SDK never sends it again by itself. The adjustment records
//! (`list_partner_adjust_records`) tell: look for a record of the same account, kind and
//! amount made since shortly before the request was sent.

use std::time::Duration;

use rust_decimal::Decimal;
use serde_json::Value;

use super::records::{AdjustOperationType, AdjustRecord, ListAdjustRecordsRequest};
use crate::client::Client;
use crate::error::{Error, PendingRequest, Result};
use crate::money::parse_decimal;

/// How far before the send time records are searched by default: the server stamps the
/// record with its own clock, which may lag ours.
pub const DEFAULT_MARGIN: Duration = Duration::from_secs(300);

/// What the adjustment records say about a request whose outcome was unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Settlement<T> {
    /// Exactly one matching record: the request was applied.
    Applied(T),
    /// No matching record: it was not applied (yet). Records can appear with a delay; settle
    /// again a little later before sending the request anew.
    NotApplied,
    /// Several matching records (for instance two grants of the same amount close together):
    /// a person has to decide which one, if any, is this request's.
    Ambiguous(Vec<T>),
}

/// The search a pending request calls for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Search {
    pub(crate) request: ListAdjustRecordsRequest,
    pub(crate) amount: Decimal,
}

/// Works out which records would show `pending` was applied.
///
/// # Errors
/// [`crate::ErrorKind::InvalidInput`] when `pending` is not a funding or reclaim request,
/// or its body lacks the account or the amount.
pub(crate) fn search_for(pending: &PendingRequest, margin: Duration) -> Result<Search> {
    let (account_field, kind) = match pending.operation {
        "update_customer_account_amount" => ("customer_id", AdjustOperationType::Grant),
        "reclaim_to_partner_account" => ("customer_id", AdjustOperationType::Reclaim),
        "update_indirect_partner_account" => ("indirect_partner_id", AdjustOperationType::Grant),
        "reclaim_indirect_partner_account" => ("indirect_partner_id", AdjustOperationType::Reclaim),
        other => {
            return Err(Error::invalid_input(format!(
                "{other} is not a funding or reclaim operation; it cannot be settled from \
                 the adjustment records"
            )))
        }
    };
    let body = pending
        .body
        .as_ref()
        .ok_or_else(|| Error::invalid_input("the pending request has no body"))?;
    let text = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_owned);
    let account = text(account_field).ok_or_else(|| {
        Error::invalid_input(format!("the pending request has no `{account_field}`"))
    })?;
    let amount = match body.get("amount") {
        Some(Value::Number(n)) => parse_decimal(&n.to_string()),
        Some(Value::String(s)) => parse_decimal(s),
        _ => Err("the pending request has no `amount`".to_owned()),
    }
    .map_err(Error::invalid_input)?;
    let margin = chrono::Duration::from_std(margin)
        .map_err(|_| Error::invalid_input("the settlement margin is too large"))?;

    let mut request = ListAdjustRecordsRequest::new()
        .customer_id(account)
        .operation_type(kind)
        .operation_time_begin(pending.sent_at - margin);
    // A distributor funding a reseller's customer reads that customer's records the same way.
    if account_field == "customer_id" {
        if let Some(reseller) = text("indirect_partner_id") {
            request = request.indirect_partner_id(reseller);
        }
    }
    Ok(Search { request, amount })
}

/// Settles `pending` by reading every matching adjustment record.
pub(crate) async fn settle(
    client: &Client,
    pending: &PendingRequest,
    margin: Duration,
) -> Result<Settlement<AdjustRecord>> {
    let search = search_for(pending, margin)?;
    let records = super::records::paginate(client.clone(), search.request)
        .collect_all()
        .await?;
    let mut matching: Vec<AdjustRecord> = records
        .into_iter()
        .filter(|r| r.amount == Some(search.amount))
        .collect();
    Ok(match matching.len() {
        0 => Settlement::NotApplied,
        1 => Settlement::Applied(matching.remove(0)),
        _ => Settlement::Ambiguous(matching),
    })
}

/// The pending request of an outcome-unknown error.
///
/// # Errors
/// [`crate::ErrorKind::InvalidInput`] when `error` carries no pending request.
pub(crate) fn pending_of(error: &Error) -> Result<&PendingRequest> {
    error.pending().ok_or_else(|| {
        Error::invalid_input(format!(
            "only an outcome-unknown error can be settled; this one is {}",
            error.kind()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use serde_json::json;

    fn pending(operation: &'static str, body: Value) -> PendingRequest {
        PendingRequest {
            operation,
            sent_at: Utc
                .with_ymd_and_hms(2024, 6, 3, 2, 15, 44)
                .single()
                .expect("time"),
            body: Some(body),
        }
    }

    #[test]
    fn grants_are_searched_by_account_kind_amount_and_time() {
        let p = pending(
            "update_customer_account_amount",
            json!({"customer_id": "c1", "amount": 12.5, "indirect_partner_id": "r1"}),
        );
        let s = search_for(&p, Duration::from_secs(60)).expect("search");
        assert_eq!(s.amount, Decimal::new(125, 1));
        assert_eq!(s.request.customer_id.as_deref(), Some("c1"));
        assert_eq!(s.request.indirect_partner_id.as_deref(), Some("r1"));
        assert_eq!(s.request.operation_type, Some(AdjustOperationType::Grant));
        assert_eq!(
            s.request.operation_time_begin,
            Utc.with_ymd_and_hms(2024, 6, 3, 2, 14, 44).single()
        );
    }

    #[test]
    fn reseller_reclaims_use_the_reseller_account() {
        let p = pending(
            "reclaim_indirect_partner_account",
            json!({"indirect_partner_id": "r9", "amount": "0.01"}),
        );
        let s = search_for(&p, DEFAULT_MARGIN).expect("search");
        assert_eq!(s.request.customer_id.as_deref(), Some("r9"));
        assert_eq!(s.request.indirect_partner_id, None);
        assert_eq!(s.request.operation_type, Some(AdjustOperationType::Reclaim));
    }

    #[test]
    fn other_operations_and_incomplete_bodies_are_refused() {
        let e = search_for(&pending("pay_orders", json!({})), DEFAULT_MARGIN).expect_err("op");
        assert_eq!(e.kind(), crate::ErrorKind::InvalidInput);
        let no_amount = pending("reclaim_to_partner_account", json!({"customer_id": "c"}));
        assert!(search_for(&no_amount, DEFAULT_MARGIN).is_err());
        let no_account = pending("reclaim_to_partner_account", json!({"amount": 1}));
        assert!(search_for(&no_account, DEFAULT_MARGIN).is_err());
    }
}
