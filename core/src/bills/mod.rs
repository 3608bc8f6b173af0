//! Bills: customers' monthly bills and fee records, the partner's postpaid bill summary, cost
//! analysis and resource usage.
//!
//! Partner Center: Sales > Finance > Partner bill; Sales > Customers > Customer consumption; API
//! reference: <https://support.huaweicloud.com/intl/en-us/api-bpconsole/>.
//! The operations and their sites are listed in `docs/operations.md`.

mod generated;

pub use self::generated::*;

use crate::client::Client;

/// Bills, fee records, costs and usage. Get it with [`Client::bills`].
#[derive(Debug, Clone)]
pub struct Bills {
    client: Client,
}

impl Bills {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }
}
