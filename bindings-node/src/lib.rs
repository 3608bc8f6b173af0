//! Native part of the `huaweicloud-partner` npm package.
//!
//! Deliberately thin: a [`NativeClient`] wraps the core `Client` and exposes the core's
//! operations by name with JSON strings in and out ([`huaweicloud_partner::dynamic`]).
//! Every call is an `async fn` run on napi's tokio runtime, so it returns a Promise and never
//! blocks the event loop. The typed JavaScript API (areas, conversions, error classes) lives
//! in `index.js`, generated in part from the catalogue by `codegen/gen_node.mjs`.

mod config;
mod error;
mod saml;
mod sandbox;

use std::sync::Arc;

use huaweicloud_partner::auth::iam::{CustomerRef, Scope};
use huaweicloud_partner::dynamic::{self, REGISTRY};
use huaweicloud_partner::pagination::Paginator;
use huaweicloud_partner::Client;
use napi_derive::napi;
use serde_json::{json, Value};
use tokio::sync::Mutex;

pub use crate::config::{NativeClientOptions, PasswordAuthOptions, RateLimitOptions, RetryOptions};
use crate::error::{invalid, to_napi};
pub use crate::saml::{
    saml_decode_redirect, saml_login_url, saml_verify_response, IdentityProviderOptions,
    LoginUrlOptions, NativeAuthnRequest, NativeIdentityProvider, SamlResponseParts, SamlUserInput,
};
pub use crate::sandbox::{start_sandbox, NativeSandbox, SandboxOptions};

/// Gives napi the runtime our futures run on: tokio's multi-thread scheduler with one worker.
/// Node runs JavaScript on one thread and our calls only wait on sockets, so one worker
/// keeps a request, its connection task and the hand-back to the event loop on one thread
/// (with a worker per core, each call bounced between workers, which cost more CPU than the
/// call itself).
#[napi_derive::module_init]
fn init_runtime() {
    let built = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("huaweicloud-partner")
        .enable_all()
        .build();
    // If it cannot be built, napi builds its default runtime (and reports its own error).
    if let Ok(rt) = built {
        napi::bindgen_prelude::create_custom_tokio_runtime(rt);
    }
}

/// One operation of the registry, as the generator and `index.js` see it.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct OperationEntry {
    /// Catalogue operation name.
    pub operation: String,
    /// Resource area (snake_case).
    pub area: String,
    /// Method name on the area (snake_case).
    pub method: String,
    /// Name of the paginating method, for list operations.
    pub paginated: Option<String>,
}

/// Every operation the native module can call.
#[napi]
pub fn operations() -> Vec<OperationEntry> {
    REGISTRY
        .iter()
        .map(|e| OperationEntry {
            operation: e.info.operation.to_owned(),
            area: e.info.area.to_owned(),
            method: e.info.method.to_owned(),
            paginated: e.info.paginated.map(str::to_owned),
        })
        .collect()
}

fn parse_request(request: &str) -> napi::Result<Value> {
    serde_json::from_str(request)
        .map_err(|e| invalid(format!("the request is not valid JSON: {e}")))
}

fn to_json(value: &Value) -> napi::Result<String> {
    serde_json::to_string(value).map_err(|e| invalid(format!("cannot encode the result: {e}")))
}

/// A Partner Center client (native half of the JS `Client`).
#[napi]
#[derive(Debug)]
pub struct NativeClient {
    inner: Client,
}

#[napi]
impl NativeClient {
    /// Builds a client; credentials are resolved on the first request.
    #[napi(constructor)]
    pub fn new(options: Option<NativeClientOptions>) -> napi::Result<Self> {
        let inner = config::build_client(options.unwrap_or_default())?;
        Ok(Self { inner })
    }

    /// The site in use, as a lower-case name.
    #[napi(getter)]
    pub fn site(&self) -> String {
        format!("{:?}", self.inner.site()).to_ascii_lowercase()
    }

    /// The BSS base URL in use.
    #[napi(getter)]
    pub fn bss_endpoint(&self) -> String {
        self.inner.endpoints().bss.to_string()
    }

    /// The IAM base URL in use.
    #[napi(getter)]
    pub fn iam_endpoint(&self) -> String {
        self.inner.endpoints().iam.to_string()
    }

    /// Calls `area.method` with a JSON request; resolves to the JSON response.
    #[napi]
    pub async fn call(
        &self,
        area: String,
        method: String,
        request: String,
    ) -> napi::Result<String> {
        let client = self.inner.clone();
        let request = parse_request(&request)?;
        let out = dynamic::call(&client, &area, &method, request)
            .await
            .map_err(|e| to_napi(&e))?;
        to_json(&out)
    }

    /// A client acting in a customer's account (token substitution through the agency).
    /// `customer` is `{"domain_name": ..}` or `{"domain_id": ..}`; `scope` is
    /// `{"domain": {"name"|"id": ..}}` or `{"project": {"name"|"id": ..}}`.
    #[napi]
    pub async fn for_customer(
        &self,
        customer: String,
        scope: String,
        agency_name: Option<String>,
    ) -> napi::Result<NativeClient> {
        let customer: CustomerRef =
            serde_json::from_str(&customer).map_err(|e| invalid(format!("customer: {e}")))?;
        let scope: Scope =
            serde_json::from_str(&scope).map_err(|e| invalid(format!("scope: {e}")))?;
        let client = self.inner.clone();
        let inner = match agency_name {
            Some(a) => client.for_customer_with_agency(customer, &a, scope).await,
            None => client.for_customer(customer, scope).await,
        }
        .map_err(|e| to_napi(&e))?;
        Ok(NativeClient { inner })
    }

    /// A paginator over the list operation `area.method`.
    #[napi]
    pub fn paginate(
        &self,
        area: String,
        method: String,
        request: String,
        concurrency: Option<u32>,
    ) -> napi::Result<NativePaginator> {
        let request = parse_request(&request)?;
        let mut p =
            dynamic::paginate(&self.inner, &area, &method, request).map_err(|e| to_napi(&e))?;
        if let Some(n) = concurrency {
            p = p.concurrency(n as usize);
        }
        Ok(NativePaginator {
            inner: Arc::new(Mutex::new(p)),
        })
    }
}

/// Pages of a list operation, fetched one at a time on demand.
#[napi]
#[derive(Debug)]
pub struct NativePaginator {
    inner: Arc<Mutex<Paginator<Value>>>,
}

#[napi]
impl NativePaginator {
    /// The next page as JSON `{"items": [...], "total": n|null}`, or `null` at the end.
    #[napi]
    pub async fn next_page(&self) -> napi::Result<Option<String>> {
        let inner = Arc::clone(&self.inner);
        let mut p = inner.lock().await;
        match p.next_page().await {
            None => Ok(None),
            Some(Err(e)) => Err(to_napi(&e)),
            Some(Ok(page)) => {
                let v = json!({
                    "items": page.items,
                    "total": page.total,
                    "nextMarker": page.next_marker,
                });
                to_json(&v).map(Some)
            }
        }
    }
}
