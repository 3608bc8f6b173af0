//! Invoices of the International and EU sites (read-only, paged by page number). The China site has
//! no invoice API; returning invoices has none on either site.
//!
//! Partner Center: Sales > Finance > Invoices; API reference:
//! <https://support.huaweicloud.com/intl/en-us/api-bpconsole/>.
//! The operations and their sites are listed in `docs/operations.md`.

mod generated;

pub use self::generated::*;

use crate::client::Client;

/// Invoices (International and EU sites, read-only). Get it with [`Client::invoices`].
#[derive(Debug, Clone)]
pub struct Invoices {
    client: Client,
}

impl Invoices {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }
}
