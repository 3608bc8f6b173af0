//! Token substitution: a partner acting in a customer's account.
//!
//! The partner's token (from its credentials, e.g. [`crate::ClientBuilder::password_auth`])
//! obtains an agency token with `assume_role` (customer account, agency = the partner
//! platform id `xaccountType`); the returned client sends that token. Agency token sources
//! are cached per (customer, agency, scope) on the partner client and its clones, so asking
//! for the same customer again costs no request while the token is fresh.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::Duration;

use super::cache::DEFAULT_REFRESH_MARGIN;
use super::model::{CustomerRef, Scope};
use super::source::AgencyTokenSource;
use super::tokens::AgencyTokenRequest;
use super::Iam;
use crate::client::Client;
use crate::credentials::{Credentials, TokenSource};
use crate::error::{Error, Result};

type Key = (CustomerRef, String, Scope);

/// Per-client IAM settings and the cache of agency token sources.
#[derive(Debug)]
pub(crate) struct IamState {
    agency_name: Option<String>,
    margin: Duration,
    sources: Mutex<HashMap<Key, Arc<AgencyTokenSource>>>,
}

impl Default for IamState {
    fn default() -> Self {
        Self::new(None, None)
    }
}

impl IamState {
    pub(crate) fn new(agency_name: Option<String>, margin: Option<Duration>) -> Self {
        Self {
            agency_name: agency_name.filter(|a| !a.trim().is_empty()),
            margin: margin.unwrap_or(DEFAULT_REFRESH_MARGIN),
            sources: Mutex::new(HashMap::new()),
        }
    }

    /// The same settings with an empty cache (for a client with other credentials).
    pub(crate) fn child(&self) -> Self {
        Self::new(self.agency_name.clone(), Some(self.margin))
    }

    /// The refresh margin for tokens of this client.
    pub(crate) fn margin(&self) -> Duration {
        self.margin
    }

    fn source(
        &self,
        partner: &Client,
        customer: CustomerRef,
        agency: &str,
        scope: Scope,
    ) -> Result<Arc<AgencyTokenSource>> {
        let key = (customer, agency.to_owned(), scope);
        let mut map = self.sources.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(s) = map.get(&key) {
            return Ok(Arc::clone(s));
        }
        let request = AgencyTokenRequest::new(key.0.clone(), agency, key.2.clone());
        let source = Arc::new(AgencyTokenSource::with_margin(
            partner,
            request,
            self.margin,
        )?);
        map.insert(key, Arc::clone(&source));
        Ok(source)
    }
}

impl Client {
    /// IAM operations: tokens, validation, federation, temporary keys, domains, projects.
    pub fn iam(&self) -> Iam {
        Iam::new(self.clone())
    }

    /// A client that acts in `customer`'s account (token substitution), through the agency
    /// set with [`crate::ClientBuilder::agency_name`] (the partner platform id,
    /// `xaccountType`).
    ///
    /// The agency token is obtained now (so a missing agency or permission shows up here),
    /// cached per customer and scope on this client and its clones, renewed before it
    /// expires, and sent by every call of the returned client. Use it for customer-only
    /// operations and for cloud-service APIs on the customer's behalf.
    ///
    /// ```no_run
    /// # async fn run() -> huaweicloud_partner::Result<()> {
    /// use huaweicloud_partner::auth::iam::{CustomerRef, Scope};
    /// use huaweicloud_partner::Client;
    ///
    /// let partner = Client::builder()
    ///     .password_auth("ops_user", "password", "partner_account")
    ///     .agency_name("partner_platform_id")
    ///     .build()?;
    /// let customer = partner
    ///     .for_customer(
    ///         CustomerRef::domain_name("customer_account"),
    ///         Scope::domain_name("customer_account"),
    ///     )
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::ErrorKind::Config`] when no agency name is configured;
    /// [`crate::ErrorKind::NotFound`] when the customer or its agency does not exist;
    /// [`crate::ErrorKind::PermissionDenied`] when the partner may not use the agency;
    /// errors obtaining the partner's own token.
    pub async fn for_customer(&self, customer: CustomerRef, scope: Scope) -> Result<Client> {
        let agency = self.iam_state().agency_name.clone().ok_or_else(|| {
            Error::config(
                "token substitution needs the agency name: set ClientBuilder::agency_name \
                 (the partner platform id, xaccountType) or call for_customer_with_agency",
            )
        })?;
        self.for_customer_with_agency(customer, &agency, scope)
            .await
    }

    /// As [`Client::for_customer`], through the agency `agency_name`.
    ///
    /// # Errors
    /// As [`Client::for_customer`], and [`crate::ErrorKind::InvalidInput`] for empty names.
    pub async fn for_customer_with_agency(
        &self,
        customer: CustomerRef,
        agency_name: &str,
        scope: Scope,
    ) -> Result<Client> {
        let source = self
            .iam_state()
            .source(self, customer, agency_name, scope)?;
        source.token().await?;
        Ok(self.with_credentials(Credentials::Token(source)))
    }
}
