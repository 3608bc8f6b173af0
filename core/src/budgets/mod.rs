//! Customer budgets on the International and EU sites: the spending limits a partner sets for its
//! customers, their change records, and the partner's own consumption quota.
//!
//! Partner Center: Sales > Customers > Budget; API reference:
//! <https://support.huaweicloud.com/intl/en-us/api-bpconsole/>.
//! The operations and their sites are listed in `docs/operations.md`.

mod generated;

pub use self::generated::*;

use crate::client::Client;

/// Customer budgets (International and EU sites). Get it with [`Client::budgets`].
#[derive(Debug, Clone)]
pub struct Budgets {
    client: Client,
}

impl Budgets {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }
}
