//! `keystone_list_auth_domains` (`GET /v3/auth/domains`) and `keystone_list_projects`
//! (`GET /v3/projects`): the caller's account and its projects.

use serde::{Deserialize, Serialize};

use crate::config::Service;
use crate::error::{Error, Result};
use crate::macros::setters;
use crate::operation::{json_operation, Idempotency, OperationSpec, RequestParts, SiteSupport};

pub(crate) static DOMAINS_SPEC: OperationSpec = OperationSpec {
    name: "keystone_list_auth_domains",
    service: Service::Iam,
    method: "GET",
    path: "/v3/auth/domains",
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Any,
};

pub(crate) static PROJECTS_SPEC: OperationSpec = OperationSpec {
    name: "keystone_list_projects",
    service: Service::Iam,
    method: "GET",
    path: "/v3/projects",
    idempotency: Idempotency::Idempotent,
    sites: SiteSupport::Any,
};

/// Largest `per_page` IAM serves.
pub const MAX_PER_PAGE: u32 = 5000;

/// Resource links of a Keystone answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct Links {
    /// This resource.
    #[serde(default, rename = "self")]
    pub self_link: Option<String>,
    /// The previous page.
    #[serde(default)]
    pub previous: Option<String>,
    /// The next page.
    #[serde(default)]
    pub next: Option<String>,
}

/// `keystone_list_auth_domains`: the accounts the caller's credentials may act in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListAuthDomainsRequest {}

impl ListAuthDomainsRequest {
    /// The request (it has no parameters).
    pub fn new() -> Self {
        Self {}
    }
}

/// An account (domain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct AuthDomain {
    /// The account id.
    #[serde(default)]
    pub id: String,
    /// The account name.
    #[serde(default)]
    pub name: String,
    /// Whether it is enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Its description.
    #[serde(default)]
    pub description: Option<String>,
    /// Its links.
    #[serde(default)]
    pub links: Option<Links>,
}

/// The answer of `keystone_list_auth_domains`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct ListAuthDomainsResponse {
    /// The accounts.
    #[serde(default)]
    pub domains: Vec<AuthDomain>,
    /// Links.
    #[serde(default)]
    pub links: Option<Links>,
}

json_operation!(
    ListAuthDomainsRequest => ListAuthDomainsResponse,
    DOMAINS_SPEC,
    validate = |_: &ListAuthDomainsRequest| Ok(()),
    parts = |_: &ListAuthDomainsRequest| Ok(RequestParts::default())
);

/// `keystone_list_projects`: projects matching the filters, page by page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListProjectsRequest {
    /// Only projects of this account.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// Only the project with this name (e.g. `cn-north-4`).
    #[serde(default)]
    pub name: Option<String>,
    /// Only children of this project.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Only enabled (or disabled) projects.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Whether to list domains rather than projects.
    #[serde(default)]
    pub is_domain: Option<bool>,
    /// Page number, from 1.
    #[serde(default)]
    pub page: Option<u32>,
    /// Page size, 1–5000.
    #[serde(default)]
    pub per_page: Option<u32>,
}

setters!(ListProjectsRequest {
    /// Sets `domain_id`.
    domain_id: String,
    /// Sets `name`.
    name: String,
    /// Sets `parent_id`.
    parent_id: String,
    /// Sets `enabled`.
    enabled: bool,
    /// Sets `is_domain`.
    is_domain: bool,
    /// Sets `page`.
    page: u32,
    /// Sets `per_page`.
    per_page: u32,
});

impl ListProjectsRequest {
    /// All projects the caller may see.
    pub fn new() -> Self {
        Self::default()
    }

    fn check(&self) -> Result<()> {
        if self.page == Some(0) {
            return Err(Error::invalid_input("page counts from 1"));
        }
        if let Some(n) = self.per_page {
            if !(1..=MAX_PER_PAGE).contains(&n) {
                return Err(Error::invalid_input(format!(
                    "per_page must be between 1 and {MAX_PER_PAGE}, got {n}"
                )));
            }
        }
        Ok(())
    }

    fn parts(&self) -> Result<RequestParts> {
        let mut p = RequestParts::default();
        p.query_opt("domain_id", self.domain_id.as_ref());
        p.query_opt("name", self.name.as_ref());
        p.query_opt("parent_id", self.parent_id.as_ref());
        p.query_opt("enabled", self.enabled);
        p.query_opt("is_domain", self.is_domain);
        p.query_opt("page", self.page);
        p.query_opt("per_page", self.per_page);
        Ok(p)
    }
}

/// A project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct Project {
    /// The project id.
    #[serde(default)]
    pub id: String,
    /// The project name (a region id such as `cn-north-4`, or `MOS`).
    #[serde(default)]
    pub name: String,
    /// The account id.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The parent project (or account) id.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Whether it is enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Whether it is a domain.
    #[serde(default)]
    pub is_domain: Option<bool>,
    /// Its description.
    #[serde(default)]
    pub description: Option<String>,
    /// Its links.
    #[serde(default)]
    pub links: Option<Links>,
}

/// The answer of `keystone_list_projects`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct ListProjectsResponse {
    /// The projects of this page.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Links (`next` is empty on the last page).
    #[serde(default)]
    pub links: Option<Links>,
}

json_operation!(
    ListProjectsRequest => ListProjectsResponse,
    PROJECTS_SPEC,
    validate = ListProjectsRequest::check,
    parts = ListProjectsRequest::parts
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;

    #[test]
    fn project_filters_become_query_pairs() {
        let r = ListProjectsRequest::new()
            .name("cn-north-4")
            .page(2u32)
            .per_page(10u32);
        r.validate().expect("valid");
        let q = r.to_parts().expect("parts").query;
        assert_eq!(
            q,
            vec![
                ("name".to_owned(), "cn-north-4".to_owned()),
                ("page".to_owned(), "2".to_owned()),
                ("per_page".to_owned(), "10".to_owned()),
            ]
        );
        assert!(ListProjectsRequest::new().page(0u32).validate().is_err());
        assert!(ListProjectsRequest::new()
            .per_page(0u32)
            .validate()
            .is_err());
    }
}
