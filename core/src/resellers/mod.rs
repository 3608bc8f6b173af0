//! Resellers (indirect partners) of a distributor: listing them, funding and reclaiming their
//! accounts, granting and reclaiming coupon quotas, and the partner's balances.
//!
//! Partner Center: Sales > Resellers; API reference:
//! <https://support.huaweicloud.com/intl/en-us/api-bpconsole/>.
//! The operations and their sites are listed in `docs/operations.md`.
//!
//! A reseller funding or reclaim whose outcome is unknown is settled like a customer's, with
//! [`crate::funding::Funding::settle`].

mod generated;

pub use self::generated::*;

use crate::client::Client;

/// Resellers of a distributor: funding and coupon quotas. Get it with [`Client::resellers`].
#[derive(Debug, Clone)]
pub struct Resellers {
    client: Client,
}

impl Resellers {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }
}
