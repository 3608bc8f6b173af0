//! `list_partner_adjust_records`: `GET /v3/accounts/partner-accounts/adjust-records`.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::config::Service;
use crate::error::{Error, Result};
use crate::macros::setters;
use crate::operation::{json_operation, Idempotency, OperationSpec, RequestParts, SiteSupport};
use crate::pagination::{Page, Paginator};
use crate::types::{format_utc, open_enum};

pub(crate) static SPEC: OperationSpec = OperationSpec {
    name: "list_partner_adjust_records",
    service: Service::Bss,
    method: "GET",
    path: "/v3/accounts/partner-accounts/adjust-records",
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::ChinaOnly,
};

/// Largest page the API serves.
pub(crate) const MAX_LIMIT: u32 = 100;

open_enum! {
    /// What an adjustment did.
    pub enum AdjustOperationType {
        /// Money granted to the customer or reseller (拨款).
        Grant = "SOURCE_OPERATION_BEADJUST",
        /// Money reclaimed from the customer or reseller.
        Reclaim = "SOURCE_OPERATION_BERETRIEVE",
        /// Money reclaimed when the customer was unbound.
        UnbindReclaim = "SOURCE_OPERATION_BEUNBIND",
    }
}

/// Filters and paging of [`crate::funding::Funding::list_adjust_records`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListAdjustRecordsRequest {
    /// Only records of this customer (or reseller) account id.
    pub customer_id: Option<String>,
    /// Only records of this kind.
    pub operation_type: Option<AdjustOperationType>,
    /// Only records at or after this instant.
    #[serde(default, with = "crate::types::utc_opt")]
    pub operation_time_begin: Option<DateTime<Utc>>,
    /// Only records at or before this instant.
    #[serde(default, with = "crate::types::utc_opt")]
    pub operation_time_end: Option<DateTime<Utc>>,
    /// Only the record of this transaction.
    pub trans_id: Option<String>,
    /// Record offset, from 0.
    pub offset: Option<u32>,
    /// Page size, 1–100 (the API's default is 10).
    pub limit: Option<u32>,
    /// A distributor reading the records of one of its resellers' customers.
    pub indirect_partner_id: Option<String>,
}

setters!(ListAdjustRecordsRequest {
    /// Sets `customer_id`.
    customer_id: String,
    /// Sets `operation_type`.
    operation_type: AdjustOperationType,
    /// Sets `operation_time_begin`.
    operation_time_begin: DateTime<Utc>,
    /// Sets `operation_time_end`.
    operation_time_end: DateTime<Utc>,
    /// Sets `trans_id`.
    trans_id: String,
    /// Sets `offset`.
    offset: u32,
    /// Sets `limit`.
    limit: u32,
    /// Sets `indirect_partner_id`.
    indirect_partner_id: String,
});

impl ListAdjustRecordsRequest {
    /// A request with no filters.
    pub fn new() -> Self {
        Self::default()
    }

    fn check(&self) -> Result<()> {
        if let Some(limit) = self.limit {
            if !(1..=MAX_LIMIT).contains(&limit) {
                return Err(Error::invalid_input(format!(
                    "limit must be between 1 and {MAX_LIMIT}, got {limit}"
                )));
            }
        }
        if let (Some(b), Some(e)) = (self.operation_time_begin, self.operation_time_end) {
            if e < b {
                return Err(Error::invalid_input(
                    "operation_time_end is before operation_time_begin",
                ));
            }
        }
        for (name, value, max) in [
            ("customer_id", &self.customer_id, 64),
            ("trans_id", &self.trans_id, 128),
            ("indirect_partner_id", &self.indirect_partner_id, 64),
        ] {
            if value.as_ref().is_some_and(|v| v.chars().count() > max) {
                return Err(Error::invalid_input(format!(
                    "{name} is longer than {max} characters"
                )));
            }
        }
        Ok(())
    }

    fn parts(&self) -> Result<RequestParts> {
        let mut p = RequestParts::default();
        p.query_opt("customer_id", self.customer_id.as_ref());
        p.query_opt("operation_type", self.operation_type.as_ref());
        p.query_opt(
            "operation_time_begin",
            self.operation_time_begin.as_ref().map(format_utc),
        );
        p.query_opt(
            "operation_time_end",
            self.operation_time_end.as_ref().map(format_utc),
        );
        p.query_opt("trans_id", self.trans_id.as_ref());
        p.query_opt("offset", self.offset);
        p.query_opt("limit", self.limit);
        p.query_opt("indirect_partner_id", self.indirect_partner_id.as_ref());
        Ok(p)
    }
}

/// One adjustment: money granted to or reclaimed from a customer or reseller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdjustRecord {
    /// The customer (or reseller) account id.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// The customer's name.
    #[serde(default)]
    pub customer_name: Option<String>,
    /// What the adjustment did.
    #[serde(default)]
    pub operation_type: Option<AdjustOperationType>,
    /// The amount, exact (sent as a string).
    #[serde(default, with = "crate::money::string_opt")]
    pub amount: Option<Decimal>,
    /// Currency code, e.g. `CNY`.
    #[serde(default)]
    pub currency: Option<String>,
    /// The application scene.
    #[serde(default)]
    pub apply_scene: Option<String>,
    /// When it happened.
    #[serde(default, with = "crate::types::utc_opt")]
    pub operation_time: Option<DateTime<Utc>>,
    /// Unit of the amount: 1 = the currency's base unit.
    #[serde(default)]
    pub measure_id: Option<i32>,
    /// Transaction id.
    #[serde(default)]
    pub trans_id: Option<String>,
    /// Free-text remark.
    #[serde(default)]
    pub memo: Option<String>,
}

/// A page of adjustment records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct ListAdjustRecordsResponse {
    /// The records of this page.
    #[serde(default)]
    pub records: Vec<AdjustRecord>,
    /// How many records match in all.
    #[serde(default)]
    pub total_count: Option<u64>,
}

json_operation!(
    ListAdjustRecordsRequest => ListAdjustRecordsResponse,
    SPEC,
    validate = ListAdjustRecordsRequest::check,
    parts = ListAdjustRecordsRequest::parts
);

impl crate::dynamic::Paginated for ListAdjustRecordsRequest {
    type Item = AdjustRecord;

    fn paginate(self, client: Client) -> Paginator<AdjustRecord> {
        paginate(client, self)
    }
}

impl crate::paged::OffsetPaged for ListAdjustRecordsRequest {
    type Item = AdjustRecord;

    const MAX_LIMIT: i32 = MAX_LIMIT as i32;
    const PAGE_NUMBERS: bool = false;

    fn page_params(&self) -> (Option<i32>, Option<i32>) {
        let to_i32 = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        (self.offset.map(to_i32), self.limit.map(to_i32))
    }

    fn set_page_params(&mut self, offset: i32, limit: i32) {
        self.offset = u32::try_from(offset).ok();
        self.limit = u32::try_from(limit).ok();
    }

    fn into_page(out: ListAdjustRecordsResponse) -> Page<AdjustRecord> {
        Page {
            items: out.records,
            total: out.total_count,
            next_marker: None,
        }
    }

    fn check_for_site(&self, _site: crate::config::Site) -> Result<()> {
        Ok(())
    }
}

pub(crate) fn paginate(
    client: Client,
    request: ListAdjustRecordsRequest,
) -> Paginator<AdjustRecord> {
    crate::paged::paginate(client, request)
}
