//! Coupons: issuing coupons to customers from the partner's quota, reclaiming them, and the records
//! of both; customers' coupons and order coupons.
//!
//! Partner Center: Sales > Customers > Coupons; API reference:
//! <https://support.huaweicloud.com/intl/en-us/api-bpconsole/>.
//! The operations and their sites are listed in `docs/operations.md`.

mod generated;

pub use self::generated::*;

use crate::client::Client;

/// Coupons and coupon quotas. Get it with [`Client::coupons`].
#[derive(Debug, Clone)]
pub struct Coupons {
    client: Client,
}

impl Coupons {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }
}
