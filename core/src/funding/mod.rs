//! Funding and adjustments: granting money to customers and resellers, reclaiming it, and
//! reading the adjustment records.
//!
//! Partner Center: Sales > Customers > Funding / Reclaim; API reference
//! "Managing Customer Accounts" (<https://support.huaweicloud.com/intl/en-us/api-bpconsole/>).

mod generated;
mod records;
mod settle;

pub use self::generated::*;
pub use self::records::{
    AdjustOperationType, AdjustRecord, ListAdjustRecordsRequest, ListAdjustRecordsResponse,
};
pub use self::settle::{Settlement, DEFAULT_MARGIN};

use crate::client::Client;
use std::time::Duration;

use crate::error::{Error, PendingRequest, Result};
use crate::pagination::Paginator;

/// Funding and adjustment operations. Get it with [`Client::funding`].
#[derive(Debug, Clone)]
pub struct Funding {
    client: Client,
}

impl Funding {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// One page of the partner's adjustment records (`list_partner_adjust_records`).
    ///
    /// # Errors
    /// Invalid input (limit outside 1–100, end before begin) before sending; API errors.
    pub async fn list_adjust_records(
        &self,
        request: &ListAdjustRecordsRequest,
    ) -> Result<ListAdjustRecordsResponse> {
        self.client.execute(request).await
    }

    /// Every adjustment record matching `request`, fetched lazily page by page.
    pub fn adjust_records(&self, request: ListAdjustRecordsRequest) -> Paginator<AdjustRecord> {
        records::paginate(self.client.clone(), request)
    }

    /// Settles a grant or reclaim whose outcome is unknown (`fund_customer`,
    /// `reclaim_from_customer`, and the resellers' `fund_reseller` / `reclaim_from_reseller`)
    /// from the adjustment records: a record of the same account, kind and amount made since
    /// [`DEFAULT_MARGIN`] before the request was sent means it was applied.
    ///
    /// ```no_run
    /// # async fn run(client: huaweicloud_partner::Client) -> huaweicloud_partner::Result<()> {
    /// use huaweicloud_partner::funding::{Settlement, UpdateCustomerAccountAmountRequest};
    /// use huaweicloud_partner::{Decimal, ErrorKind};
    ///
    /// let grant = UpdateCustomerAccountAmountRequest::new()
    ///     .customer_id("customer-id")
    ///     .amount(Decimal::new(50000, 2));
    /// match client.funding().fund_customer(&grant).await {
    ///     Ok(done) => println!("granted: {:?}", done.transfer_id),
    ///     Err(e) if e.kind() == ErrorKind::OutcomeUnknown => {
    ///         match client.funding().settle_error(&e).await? {
    ///             Settlement::Applied(record) => println!("applied: {:?}", record.trans_id),
    ///             Settlement::NotApplied => println!("not applied (yet): check again later"),
    ///             Settlement::Ambiguous(records) => println!("{} candidates", records.len()),
    ///         }
    ///     }
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidInput`] for a request of another operation or without
    /// account or amount; errors of reading the records.
    pub async fn settle(&self, pending: &PendingRequest) -> Result<Settlement<AdjustRecord>> {
        settle::settle(&self.client, pending, DEFAULT_MARGIN).await
    }

    /// As [`Funding::settle`], searching from `margin` before the send time.
    ///
    /// # Errors
    /// As [`Funding::settle`].
    pub async fn settle_with_margin(
        &self,
        pending: &PendingRequest,
        margin: Duration,
    ) -> Result<Settlement<AdjustRecord>> {
        settle::settle(&self.client, pending, margin).await
    }

    /// As [`Funding::settle`], for the [`crate::ErrorKind::OutcomeUnknown`] error itself.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidInput`] when `error` is not outcome-unknown; as
    /// [`Funding::settle`].
    pub async fn settle_error(&self, error: &Error) -> Result<Settlement<AdjustRecord>> {
        let pending = settle::pending_of(error)?;
        settle::settle(&self.client, pending, DEFAULT_MARGIN).await
    }
}
