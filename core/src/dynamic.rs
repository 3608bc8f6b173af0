//! Operations by name, with JSON in and out: the single entry point of the Python and Node
//! bindings.
//!
//! The request JSON is decoded into the operation's typed request (so validation and money
//! handling stay in this crate), executed, and the typed response is encoded back. In the
//! output every amount is a decimal string and every timestamp `YYYY-MM-DDThh:mm:ssZ`, so a
//! binding can map them to its language's decimal and time types without guessing. In the
//! input, amounts must be decimal strings: a binary floating-point number is refused.

use futures::future::BoxFuture;
use futures::FutureExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::operation::Operation;
use crate::pagination::Paginator;

/// A list operation that can page through its results.
pub trait Paginated: Operation + Sized {
    /// The item type.
    type Item: Serialize + Send + 'static;

    /// A paginator starting at the request's offset.
    fn paginate(self, client: Client) -> Paginator<Self::Item>;
}

/// How bindings see an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The catalogue name, e.g. `list_partner_adjust_records`.
    pub operation: &'static str,
    /// The resource area, e.g. `funding` (the client accessor).
    pub area: &'static str,
    /// The method name on the area, e.g. `list_adjust_records`.
    pub method: &'static str,
    /// The name of the paginating method on the area, for list operations.
    pub paginated: Option<&'static str>,
}

type CallFn = fn(Client, Value) -> BoxFuture<'static, Result<Value>>;
type PaginateFn = fn(Client, Value) -> Result<Paginator<Value>>;

/// One registered operation.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Names.
    pub info: OperationInfo,
    call: CallFn,
    paginate: Option<PaginateFn>,
}

impl Entry {
    /// A single-call operation.
    pub const fn call<R>(area: &'static str, method: &'static str, operation: &'static str) -> Self
    where
        R: Operation + DeserializeOwned + 'static,
        R::Output: Serialize,
    {
        Self {
            info: OperationInfo {
                operation,
                area,
                method,
                paginated: None,
            },
            call: call_typed::<R>,
            paginate: None,
        }
    }

    /// A list operation with a paginating method named `pages`.
    pub const fn paged<R>(
        area: &'static str,
        method: &'static str,
        pages: &'static str,
        operation: &'static str,
    ) -> Self
    where
        R: Paginated + DeserializeOwned + 'static,
        R::Output: Serialize,
    {
        Self {
            info: OperationInfo {
                operation,
                area,
                method,
                paginated: Some(pages),
            },
            call: call_typed::<R>,
            paginate: Some(paginate_typed::<R>),
        }
    }
}

/// Decodes a binding's request JSON into a typed request.
///
/// # Errors
/// [`ErrorKind::InvalidInput`] naming the field.
pub fn decode_request<R: DeserializeOwned>(request: Value) -> Result<R> {
    let request = if request.is_null() {
        Value::Object(Default::default())
    } else {
        request
    };
    serde_path_to_error::deserialize(request).map_err(|e| {
        let path = e.path().to_string();
        Error::invalid_input(format!("request field `{path}`: {}", e.inner()))
    })
}

/// Encodes a typed response as JSON.
///
/// # Errors
/// [`ErrorKind::Decode`] if the value cannot be encoded (it always can for SDK types).
pub fn encode_response<T: Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            format!("cannot encode the response: {e}"),
        )
    })
}

fn call_typed<R>(client: Client, request: Value) -> BoxFuture<'static, Result<Value>>
where
    R: Operation + DeserializeOwned + 'static,
    R::Output: Serialize,
{
    async move {
        let req: R = decode_request(request)?;
        let out = client.execute(&req).await?;
        encode_response(&out)
    }
    .boxed()
}

fn paginate_typed<R>(client: Client, request: Value) -> Result<Paginator<Value>>
where
    R: Paginated + DeserializeOwned + 'static,
{
    let req: R = decode_request(request)?;
    Ok(req
        .paginate(client)
        .map_items(|item| encode_response(&item)))
}

/// Every operation the bindings can call.
pub static REGISTRY: &[Entry] = &[
    Entry::paged::<crate::customers::ListCustomersRequest>(
        "customers",
        "list",
        "list_all",
        "list_sub_customers",
    ),
    Entry::paged::<crate::funding::ListAdjustRecordsRequest>(
        "funding",
        "list_adjust_records",
        "adjust_records",
        "list_partner_adjust_records",
    ),
    Entry::call::<crate::auth::iam::PasswordTokenRequest>(
        "iam",
        "create_token_by_password",
        "keystone_create_user_token_by_password",
    ),
    Entry::call::<crate::auth::iam::AgencyTokenRequest>(
        "iam",
        "create_agency_token",
        "keystone_create_agency_token",
    ),
    Entry::call::<crate::auth::iam::ValidateTokenRequest>(
        "iam",
        "validate_token",
        "keystone_validate_token",
    ),
    Entry::call::<crate::auth::iam::UnscopedTokenByIdpRequest>(
        "iam",
        "create_unscoped_token_by_idp_initiated",
        "create_unscope_token_by_idp_initiated",
    ),
    Entry::call::<crate::auth::iam::ScopedTokenRequest>(
        "iam",
        "create_scoped_token",
        "keystone_create_scoped_token",
    ),
    Entry::call::<crate::auth::iam::TemporaryKeyByTokenRequest>(
        "iam",
        "create_temporary_access_key_by_token",
        "create_temporary_access_key_by_token",
    ),
    Entry::call::<crate::auth::iam::TemporaryKeyByAgencyRequest>(
        "iam",
        "create_temporary_access_key_by_agency",
        "create_temporary_access_key_by_agency",
    ),
    Entry::call::<crate::auth::iam::ListAuthDomainsRequest>(
        "iam",
        "list_auth_domains",
        "keystone_list_auth_domains",
    ),
    Entry::call::<crate::auth::iam::ListProjectsRequest>(
        "iam",
        "list_projects",
        "keystone_list_projects",
    ),
];

/// The registered operation `area.method` (or its paginating method name).
pub fn find(area: &str, method: &str) -> Option<&'static Entry> {
    REGISTRY.iter().find(|e| {
        e.info.area == area && (e.info.method == method || e.info.paginated == Some(method))
    })
}

fn lookup(area: &str, method: &str) -> Result<&'static Entry> {
    find(area, method).ok_or_else(|| {
        Error::new(
            ErrorKind::Unsupported,
            format!("no operation {area}.{method} in this SDK"),
        )
    })
}

/// Calls `area.method` with a JSON request and returns the JSON response.
///
/// # Errors
/// [`ErrorKind::Unsupported`] for an unknown name; [`ErrorKind::InvalidInput`] for a request
/// that does not decode or validate; any API error.
pub async fn call(client: &Client, area: &str, method: &str, request: Value) -> Result<Value> {
    let entry = lookup(area, method)?;
    (entry.call)(client.clone(), request).await
}

/// A paginator of JSON items for the list operation `area.method`.
///
/// # Errors
/// As [`call`], and [`ErrorKind::Unsupported`] for an operation that does not page.
pub fn paginate(
    client: &Client,
    area: &str,
    method: &str,
    request: Value,
) -> Result<Paginator<Value>> {
    let entry = lookup(area, method)?;
    let p = entry.paginate.ok_or_else(|| {
        Error::new(
            ErrorKind::Unsupported,
            format!("{area}.{method} is not a list operation"),
        )
    })?;
    p(client.clone(), request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        for (i, a) in REGISTRY.iter().enumerate() {
            for b in &REGISTRY[i + 1..] {
                assert_ne!((a.info.area, a.info.method), (b.info.area, b.info.method));
            }
            assert!(find(a.info.area, a.info.method).is_some());
        }
        assert!(find("funding", "adjust_records").is_some());
        assert!(find("funding", "nope").is_none());
    }

    #[test]
    fn requests_decode_strictly() {
        let ok: crate::funding::ListAdjustRecordsRequest = decode_request(serde_json::json!({
            "customer_id": "c1", "limit": 10, "operation_time_begin": "2024-06-01T00:00:00Z"
        }))
        .expect("ok");
        assert_eq!(ok.limit, Some(10));
        let e = decode_request::<crate::funding::ListAdjustRecordsRequest>(
            serde_json::json!({"customer": "typo"}),
        )
        .expect_err("unknown field");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        let e = decode_request::<crate::funding::ListAdjustRecordsRequest>(
            serde_json::json!({"limit": "ten"}),
        )
        .expect_err("bad type");
        assert!(e.message().contains("limit"), "{e}");
    }
}
