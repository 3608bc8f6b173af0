//! Funding and adjustments: granting money to customers and resellers, reclaiming it, and
//! reading the adjustment records.
//!
//! Partner Center: Sales > Customers > Funding / Reclaim; API reference
//! "Managing Customer Accounts" (<https://support.huaweicloud.com/intl/en-us/api-bpconsole/>).

mod generated;
mod records;

pub use self::generated::*;
pub use self::records::{
    AdjustOperationType, AdjustRecord, ListAdjustRecordsRequest, ListAdjustRecordsResponse,
};

use crate::client::Client;
use crate::error::Result;
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
}
