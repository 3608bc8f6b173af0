//! IAM: tokens for the partner's own credentials, token substitution (acting in a
//! customer's account), token validation, IAM federation, temporary access keys, and the
//! caller's domains and projects.
//!
//! IAM API reference: <https://support.huaweicloud.com/intl/en-us/api-iam/>. Partner Center
//! FAQ "replace a partner token with a customer token" describes the substitution.
//!
//! - [`PasswordTokenSource`] (or [`crate::ClientBuilder::password_auth`]) obtains the
//!   partner's token with its IAM user's password and renews it before it expires.
//! - [`Client::for_customer`] turns a partner client into one acting in a customer's account
//!   through the agency the customer granted (`assume_role`).
//! - [`TemporaryKeyProvider`] turns a token into renewing temporary AK/SK credentials.
//! - [`Iam`] offers each IAM operation as one call.
//!
//! Passwords, tokens, SAML responses and secret keys are [`crate::SecretString`]s: they
//! never appear in `Debug` output, logs or errors.

mod cache;
mod directory;
mod keys;
mod model;
mod source;
mod substitution;
mod tokens;

pub use self::cache::DEFAULT_REFRESH_MARGIN;
pub use self::directory::{
    AuthDomain, Links, ListAuthDomainsRequest, ListAuthDomainsResponse, ListProjectsRequest,
    ListProjectsResponse, Project, MAX_PER_PAGE,
};
pub use self::keys::{
    TemporaryKeyByAgencyRequest, TemporaryKeyByTokenRequest, MAX_DURATION_SECONDS,
    MIN_DURATION_SECONDS,
};
pub use self::model::{
    AssumedBy, CatalogEndpoint, CatalogService, CustomerRef, Federation, IdName, IdOrName,
    IssuedToken, Scope, TemporaryAccessKey, TokenDetails, TokenProject, TokenUser,
};
pub use self::source::{AgencyTokenSource, PasswordTokenSource, TemporaryKeyProvider};
pub(crate) use self::substitution::IamState;
pub use self::tokens::{
    AgencyTokenRequest, PasswordTokenRequest, ScopedTokenRequest, UnscopedTokenByIdpRequest,
    ValidateTokenRequest,
};

use crate::client::Client;
use crate::error::Result;

/// IAM operations. Get it with [`Client::iam`].
#[derive(Debug, Clone)]
pub struct Iam {
    client: Client,
}

impl Iam {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// A token from an IAM user's password (`keystone_create_user_token_by_password`).
    /// Needs no credentials.
    ///
    /// # Errors
    /// Invalid input before sending; [`crate::ErrorKind::Auth`] for a wrong user name or
    /// password; other API errors.
    pub async fn create_token_by_password(
        &self,
        request: &PasswordTokenRequest,
    ) -> Result<IssuedToken> {
        self.client.execute(request).await
    }

    /// A token acting in a customer's account (`keystone_create_agency_token`), sent with
    /// the client's credentials (the partner's token).
    ///
    /// # Errors
    /// [`crate::ErrorKind::NotFound`] when the customer or agency does not exist,
    /// [`crate::ErrorKind::PermissionDenied`] when the partner may not use it; the message
    /// names both.
    pub async fn create_agency_token(&self, request: &AgencyTokenRequest) -> Result<IssuedToken> {
        self.client.execute(request).await
    }

    /// Checks a token and reads its expiry and scope (`keystone_validate_token`).
    ///
    /// # Errors
    /// [`crate::ErrorKind::NotFound`] (IAM answers 404, `IAM.0009`) for an invalid or expired
    /// token; other API errors.
    pub async fn validate_token(&self, request: &ValidateTokenRequest) -> Result<IssuedToken> {
        self.client.execute(request).await
    }

    /// An unscoped token from an IdP-initiated SAML response
    /// (`create_unscope_token_by_idp_initiated`). Needs no credentials.
    ///
    /// # Errors
    /// API errors (a rejected assertion is [`crate::ErrorKind::Auth`]).
    pub async fn create_unscoped_token_by_idp_initiated(
        &self,
        request: &UnscopedTokenByIdpRequest,
    ) -> Result<IssuedToken> {
        self.client.execute(request).await
    }

    /// Exchanges a token for a scoped one (`keystone_create_scoped_token`).
    ///
    /// # Errors
    /// API errors.
    pub async fn create_scoped_token(&self, request: &ScopedTokenRequest) -> Result<IssuedToken> {
        self.client.execute(request).await
    }

    /// Temporary AK/SK and security token from a token
    /// (`create_temporary_access_key_by_token`).
    ///
    /// # Errors
    /// Invalid input (duration outside 900–86400 s) before sending; API errors.
    pub async fn create_temporary_access_key_by_token(
        &self,
        request: &TemporaryKeyByTokenRequest,
    ) -> Result<TemporaryAccessKey> {
        self.client.execute(request).await
    }

    /// Temporary AK/SK and security token acting in a customer's account
    /// (`create_temporary_access_key_by_agency`).
    ///
    /// # Errors
    /// As [`Iam::create_agency_token`].
    pub async fn create_temporary_access_key_by_agency(
        &self,
        request: &TemporaryKeyByAgencyRequest,
    ) -> Result<TemporaryAccessKey> {
        self.client.execute(request).await
    }

    /// The accounts the caller may act in (`keystone_list_auth_domains`).
    ///
    /// # Errors
    /// API errors.
    pub async fn list_auth_domains(&self) -> Result<ListAuthDomainsResponse> {
        self.client.execute(&ListAuthDomainsRequest::new()).await
    }

    /// Projects (`keystone_list_projects`), one page.
    ///
    /// # Errors
    /// Invalid paging before sending; API errors.
    pub async fn list_projects(
        &self,
        request: &ListProjectsRequest,
    ) -> Result<ListProjectsResponse> {
        self.client.execute(request).await
    }
}
