//! `list_sub_customers`: `POST /v2/partners/sub-customers/query` (both sites).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::config::Service;
use crate::error::{Error, Result};
use crate::macros::setters;
use crate::operation::{json_operation, Idempotency, OperationSpec, RequestParts, SiteSupport};
use crate::pagination::{Page, Paginator};
use crate::types::{open_enum, utc_opt};

pub(crate) static SPEC: OperationSpec = OperationSpec {
    name: "list_sub_customers",
    service: Service::Bss,
    method: "POST",
    path: "/v2/partners/sub-customers/query",
    // A query sent as POST: repeating it changes nothing.
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Both,
};

/// Largest page the API serves.
pub(crate) const MAX_LIMIT: u32 = 100;
/// Largest offset the API accepts.
pub(crate) const MAX_OFFSET: u32 = 40_000_000;

open_enum! {
    /// How a customer is associated with the partner.
    pub enum AssociationType {
        /// Referral (推荐).
        Referral = "1",
        /// Reseller, the partner pays (垫付).
        Resale = "2",
    }
}

/// Filters and paging of [`crate::customers::Customers::list`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListCustomersRequest {
    /// Customer account name (fuzzy match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// Customer (company or person) name (fuzzy match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// Record offset, from 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
    /// Page size, 1–100 (the API's default is 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// The partner's label on the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Only customers associated this way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub association_type: Option<AssociationType>,
    /// Associated at or after this instant.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "utc_opt")]
    pub associated_on_begin: Option<DateTime<Utc>>,
    /// Associated at or before this instant.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "utc_opt")]
    pub associated_on_end: Option<DateTime<Utc>>,
    /// Only this customer account id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// A distributor listing the customers of one of its resellers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indirect_partner_id: Option<String>,
}

setters!(ListCustomersRequest {
    /// Sets `account_name`.
    account_name: String,
    /// Sets `customer`.
    customer: String,
    /// Sets `offset`.
    offset: u32,
    /// Sets `limit`.
    limit: u32,
    /// Sets `label`.
    label: String,
    /// Sets `association_type`.
    association_type: AssociationType,
    /// Sets `associated_on_begin`.
    associated_on_begin: DateTime<Utc>,
    /// Sets `associated_on_end`.
    associated_on_end: DateTime<Utc>,
    /// Sets `customer_id`.
    customer_id: String,
    /// Sets `indirect_partner_id`.
    indirect_partner_id: String,
});

impl ListCustomersRequest {
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
        if self.offset.is_some_and(|o| o > MAX_OFFSET) {
            return Err(Error::invalid_input(format!(
                "offset must be at most {MAX_OFFSET}"
            )));
        }
        if let (Some(b), Some(e)) = (self.associated_on_begin, self.associated_on_end) {
            if e < b {
                return Err(Error::invalid_input(
                    "associated_on_end is before associated_on_begin",
                ));
            }
        }
        Ok(())
    }

    fn parts(&self) -> Result<RequestParts> {
        let mut p = RequestParts::default();
        p.json_body(self)?;
        Ok(p)
    }
}

/// A sales person of the partner assigned to a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountManager {
    /// The manager's account name.
    #[serde(default)]
    pub account_name: Option<String>,
}

/// A customer of the partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Customer {
    /// The customer (company or person) name.
    #[serde(default)]
    pub customer: Option<String>,
    /// The account name.
    pub account_name: String,
    /// The account id.
    pub customer_id: String,
    /// When the customer was associated.
    #[serde(default, with = "utc_opt")]
    pub associated_on: Option<DateTime<Utc>>,
    /// How the customer is associated.
    #[serde(default)]
    pub association_type: Option<AssociationType>,
    /// The partner's label.
    #[serde(default)]
    pub label: Option<String>,
    /// Masked phone number.
    #[serde(default)]
    pub telephone: Option<String>,
    /// Real-name verification status (`-1` none, `0` in review, `1` failed, `2` verified).
    #[serde(default)]
    pub verified_status: Option<String>,
    /// Country calling code.
    #[serde(default)]
    pub country_code: Option<String>,
    /// `0` individual, `1` enterprise, `-1` unknown.
    #[serde(default)]
    pub customer_type: Option<i32>,
    /// `1` when the account is frozen.
    #[serde(default)]
    pub is_frozen: Option<i32>,
    /// The partner's sales people for this customer.
    #[serde(default)]
    pub account_managers: Vec<AccountManager>,
    /// The customer's user id on the partner's platform.
    #[serde(default)]
    pub xaccount_id: Option<String>,
    /// The partner platform id.
    #[serde(default)]
    pub xaccount_type: Option<String>,
    /// Customer level (`V0`..`V5`).
    #[serde(default)]
    pub customer_level: Option<String>,
    /// Masked e-mail address.
    #[serde(default)]
    pub email: Option<String>,
}

/// A page of customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct ListCustomersResponse {
    /// The customers of this page.
    #[serde(default)]
    pub customer_infos: Vec<Customer>,
    /// How many customers match in all.
    #[serde(default)]
    pub count: Option<u64>,
}

json_operation!(
    ListCustomersRequest => ListCustomersResponse,
    SPEC,
    validate = ListCustomersRequest::check,
    parts = ListCustomersRequest::parts
);

impl crate::dynamic::Paginated for ListCustomersRequest {
    type Item = Customer;

    fn paginate(self, client: Client) -> Paginator<Customer> {
        paginate(client, self)
    }
}

impl crate::paged::OffsetPaged for ListCustomersRequest {
    type Item = Customer;

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

    fn into_page(out: ListCustomersResponse) -> Page<Customer> {
        Page {
            items: out.customer_infos,
            total: out.count,
            next_marker: None,
        }
    }

    fn check_for_site(&self, _site: crate::config::Site) -> Result<()> {
        Ok(())
    }
}

pub(crate) fn paginate(client: Client, request: ListCustomersRequest) -> Paginator<Customer> {
    crate::paged::paginate(client, request)
}
