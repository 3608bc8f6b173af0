//! Account records: income and expense records of the partner account, customers' own account
//! change records, stored-value cards and balances.
//!
//! Partner Center: Finance > Account records; API reference:
//! <https://support.huaweicloud.com/intl/en-us/api-bpconsole/>.
//! The operations and their sites are listed in `docs/operations.md`.

mod generated;

pub use self::generated::*;

use crate::client::Client;

/// Account change records and balances. Get it with [`Client::account_records`].
#[derive(Debug, Clone)]
pub struct AccountRecords {
    client: Client,
}

impl AccountRecords {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }
}
