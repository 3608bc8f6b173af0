//! Customers: the partner's associated customer accounts.
//!
//! Partner Center: Sales > Customers > Customer Management; API reference "Managing
//! Customers" (<https://support.huaweicloud.com/intl/en-us/api-bpconsole/>).

mod generated;
mod list;

pub use self::generated::*;
pub use self::list::{
    AccountManager, AssociationType, Customer, ListCustomersRequest, ListCustomersResponse,
};

use crate::client::Client;
use crate::error::Result;
use crate::pagination::Paginator;

/// Customer operations. Get it with [`Client::customers`].
#[derive(Debug, Clone)]
pub struct Customers {
    client: Client,
}

impl Customers {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// One page of the partner's customers (`list_sub_customers`).
    ///
    /// # Errors
    /// Invalid input (limit outside 1–100, bad time range) before sending; API errors.
    pub async fn list(&self, request: &ListCustomersRequest) -> Result<ListCustomersResponse> {
        self.client.execute(request).await
    }

    /// Every customer matching `request`, fetched lazily page by page.
    pub fn list_all(&self, request: ListCustomersRequest) -> Paginator<Customer> {
        list::paginate(self.client.clone(), request)
    }
}
