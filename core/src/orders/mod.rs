//! Customer orders: listing, details, refunds, discounts, paying and cancelling. Paying moves money
//! and is sent at most once.
//!
//! Partner Center: Sales > Customers > Customer orders; API reference:
//! <https://support.huaweicloud.com/intl/en-us/api-bpconsole/>.
//! The operations and their sites are listed in `docs/operations.md`.

mod generated;

pub use self::generated::*;

use crate::client::Client;

/// Customer orders: list, pay, cancel. Get it with [`Client::orders`].
#[derive(Debug, Clone)]
pub struct Orders {
    client: Client,
}

impl Orders {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }
}
