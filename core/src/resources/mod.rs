//! Customer resources: yearly/monthly and pay-per-use resources, free resource packages, renewal,
//! auto-renewal, unsubscribing, switching to pay-per-use, and price inquiries.
//!
//! Partner Center: Sales > Customers > Customer overview > Resources; API reference:
//! <https://support.huaweicloud.com/intl/en-us/api-bpconsole/>.
//! The operations and their sites are listed in `docs/operations.md`.

mod generated;

pub use self::generated::*;

use crate::client::Client;

/// Customer resources, renewals and price inquiries. Get it with [`Client::resources`].
#[derive(Debug, Clone)]
pub struct Resources {
    client: Client,
}

impl Resources {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }
}
