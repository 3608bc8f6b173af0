//! Incentives and discounts: the incentive and discount policies per service type and the business
//! discounts of products. Incentive amounts, performance reconciliation and payouts have no public
//! API (see `docs/operations.md`).
//!
//! Partner Center: Sales > Incentives; API reference:
//! <https://support.huaweicloud.com/intl/en-us/api-bpconsole/>.
//! The operations and their sites are listed in `docs/operations.md`.

mod generated;

pub use self::generated::*;

use crate::client::Client;

/// Incentive and discount policies. Get it with [`Client::incentives`].
#[derive(Debug, Clone)]
pub struct Incentives {
    client: Client,
}

impl Incentives {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }
}
