//! How an API operation is declared. Resource modules describe each operation once
//! (method, path, site, idempotency, request parts, response type); the transport
//! (the private `http` module) executes all of them the same way.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::config::{Service, Site};
use crate::error::{Error, ErrorKind, Result};
use crate::secret::SecretString;

/// Whether an operation may be sent again after it may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Idempotency {
    /// Reading, or a write whose repetition is harmless: retried on timeouts and 5xx.
    Idempotent,
    /// A write that must not be repeated blindly (creating a customer, for instance).
    NotIdempotent,
    /// Moves money (funding, reclaiming, coupons, paying): never sent twice; a lost answer
    /// becomes [`ErrorKind::OutcomeUnknown`].
    MovesMoney,
}

/// Which sites offer an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiteSupport {
    /// China (`bss`) and International/EU (`bssintl`), same wire shape.
    Both,
    /// Only the China site.
    ChinaOnly,
    /// Only the International and EU sites.
    InternationalOnly,
    /// Not tied to a site (IAM).
    Any,
}

impl SiteSupport {
    /// Whether `site` offers the operation.
    pub fn allows(self, site: Site) -> bool {
        match self {
            Self::Both | Self::Any => true,
            Self::ChinaOnly => !site.is_international(),
            Self::InternationalOnly => site.is_international(),
        }
    }
}

/// How a request authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthMode {
    /// With the client's credentials (AK/SK signature or token).
    Client,
    /// Without credentials (e.g. obtaining a token with a password).
    None,
}

/// The static description of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationSpec {
    /// The catalogue name, e.g. `list_partner_adjust_records`.
    pub name: &'static str,
    /// The API it belongs to.
    pub service: Service,
    /// HTTP method.
    pub method: &'static str,
    /// Path template, with `{name}` placeholders for path parameters.
    pub path: &'static str,
    /// Retry safety.
    pub idempotency: Idempotency,
    /// Where it exists.
    pub sites: SiteSupport,
}

/// A response as received, before decoding.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// Response headers.
    pub headers: http::HeaderMap,
    /// Body bytes.
    pub body: Bytes,
    /// The `X-Request-Id` (or IAM's `X-IAM-Trace-Id`).
    pub request_id: Option<String>,
}

impl RawResponse {
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Decodes the body as JSON into `T`, naming the JSON path of any mismatch.
    ///
    /// # Errors
    /// [`ErrorKind::Decode`] with the path and a bounded excerpt of the body.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &self.body
        };
        // Tracking the path costs time on every field of every item; only a failed decode
        // needs it, so decode plainly first and redo it with the path on failure.
        // One UTF-8 check of the whole body is cheaper than one per string, which is what
        // decoding from bytes does.
        if let Ok(text) = std::str::from_utf8(body) {
            if let Ok(value) = serde_json::from_str(text) {
                return Ok(value);
            }
        }
        let de = &mut serde_json::Deserializer::from_slice(body);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            Error::new(
                ErrorKind::Decode,
                format!("response field `{path}`: {}", e.inner()),
            )
            .with_status(self.status)
            .with_request_id(self.request_id.clone())
            .with_body_excerpt(&self.body)
        })
    }
}

/// The parts of an HTTP request that an operation contributes.
#[derive(Debug, Clone, Default)]
pub struct RequestParts {
    /// Path parameter values by placeholder name (encoded by the transport).
    pub path_params: Vec<(&'static str, String)>,
    /// Decoded query pairs.
    pub query: Vec<(String, String)>,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// The body, if any.
    pub body: Option<Vec<u8>>,
    /// Content type of the body (defaults to JSON).
    pub content_type: Option<&'static str>,
    /// Headers whose values are secret (e.g. IAM's `X-Subject-Token`); redacted in `Debug`.
    pub secret_headers: Vec<(String, SecretString)>,
    /// A token to send as `X-Auth-Token` instead of the client's credentials.
    pub auth_token: Option<SecretString>,
}

impl RequestParts {
    /// Adds a query pair when `value` is present.
    pub fn query_opt(&mut self, name: &str, value: Option<impl ToString>) {
        if let Some(v) = value {
            self.query.push((name.to_owned(), v.to_string()));
        }
    }

    /// Sets a JSON body.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`] if the value cannot be serialised.
    pub fn json_body(&mut self, value: &impl serde::Serialize) -> Result<()> {
        let body = serde_json::to_vec(value)
            .map_err(|e| Error::invalid_input(format!("cannot serialise the request: {e}")))?;
        self.body = Some(body);
        Ok(())
    }
}

/// An API operation: a typed request that knows how to become HTTP and how to read the
/// answer.
pub trait Operation: Send + Sync {
    /// The decoded response.
    type Output: Send + 'static;

    /// The static description.
    fn spec(&self) -> &'static OperationSpec;

    /// Checks the input; called before anything is sent.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`] naming the offending field.
    fn validate(&self) -> Result<()> {
        Ok(())
    }

    /// Checks the input against the client's site (fields only one site knows or requires);
    /// called before anything is sent.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`] naming the offending field.
    fn validate_site(&self, _site: Site) -> Result<()> {
        Ok(())
    }

    /// The request parts.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`] when the request cannot be encoded.
    fn to_parts(&self) -> Result<RequestParts>;

    /// How the request authenticates.
    fn auth(&self) -> AuthMode {
        AuthMode::Client
    }

    /// Decodes a successful response.
    ///
    /// # Errors
    /// [`ErrorKind::Decode`] when the body does not match.
    fn parse(&self, response: &RawResponse) -> Result<Self::Output>;

    /// Adds operation-specific context to a final error (after retries), e.g. naming the
    /// customer and agency of a failed `assume_role`. The default keeps it as it is.
    fn map_error(&self, error: Error) -> Error {
        error
    }
}

/// Implements [`Operation`] for a request type whose response is its JSON body.
macro_rules! json_operation {
    (
        $req:ty => $out:ty,
        $spec:expr,
        validate = $validate:expr,
        parts = $parts:expr
        $(, site = $site:expr)?
        $(,)?
    ) => {
        impl $crate::operation::Operation for $req {
            type Output = $out;

            fn spec(&self) -> &'static $crate::operation::OperationSpec {
                &$spec
            }

            fn validate(&self) -> $crate::error::Result<()> {
                #[allow(clippy::redundant_closure_call)]
                ($validate)(self)
            }

            $(
                fn validate_site(
                    &self,
                    site: $crate::config::Site,
                ) -> $crate::error::Result<()> {
                    #[allow(clippy::redundant_closure_call)]
                    ($site)(self, site)
                }
            )?

            fn to_parts(&self) -> $crate::error::Result<$crate::operation::RequestParts> {
                #[allow(clippy::redundant_closure_call)]
                ($parts)(self)
            }

            fn parse(
                &self,
                response: &$crate::operation::RawResponse,
            ) -> $crate::error::Result<Self::Output> {
                response.json()
            }
        }
    };
}
pub(crate) use json_operation;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Listing {
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Item {
        id: u32,
    }

    fn raw(body: &str) -> RawResponse {
        RawResponse {
            status: 200,
            headers: http::HeaderMap::new(),
            body: Bytes::copy_from_slice(body.as_bytes()),
            request_id: Some("req-1".to_owned()),
        }
    }

    #[test]
    fn decodes_bodies_and_treats_blank_as_empty_object() {
        let ok: Listing = raw(r#"{"items":[{"id":1},{"id":2}]}"#).json().expect("ok");
        assert_eq!(ok.items.len(), 2);
        let blank: Listing = raw(" \n").json().expect("blank is {}");
        assert!(blank.items.is_empty());
    }

    #[test]
    fn a_mismatch_names_its_json_path() {
        let e = raw(r#"{"items":[{"id":1},{"id":"two"}]}"#)
            .json::<Listing>()
            .expect_err("bad id");
        assert_eq!(e.kind(), ErrorKind::Decode);
        assert_eq!(e.request_id(), Some("req-1"));
        assert!(e.message().contains("items[1].id"), "{}", e.message());
    }
}
