//! The error type of the SAML module.

/// What went wrong while building or reading a SAML message.
///
/// Messages name the parameter or field at fault and never carry key material, assertions or
/// user attributes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SamlError {
    /// The `xAccountType` of the login URL is empty.
    #[error("xAccountType is required to build the login URL")]
    MissingAccountType,
    /// A URL given as configuration or input is not an absolute `http`/`https` URL.
    #[error("{what} is not an absolute http(s) URL")]
    InvalidUrl {
        /// Which URL.
        what: &'static str,
    },
    /// A required query or form parameter is absent or empty.
    #[error("parameter {0} is missing")]
    MissingParameter(&'static str),
    /// A query parameter appears more than once.
    #[error("parameter {0} appears more than once")]
    DuplicateParameter(&'static str),
    /// A parameter is not valid percent-encoding or does not decode to UTF-8.
    #[error("parameter {0} is not valid URL encoding")]
    BadUrlEncoding(&'static str),
    /// A parameter is not valid base64.
    #[error("parameter {0} is not valid base64")]
    BadBase64(&'static str),
    /// The `SAMLRequest` of the HTTP-Redirect binding is not a raw DEFLATE stream.
    #[error("SAMLRequest is not valid raw DEFLATE data")]
    BadDeflate,
    /// The encoded or decoded message is larger than the configured limit.
    #[error("the SAML message is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The message is not well-formed XML (or not UTF-8).
    #[error("the SAML message is not well-formed XML: {0}")]
    BadXml(String),
    /// The message carries a DOCTYPE declaration, which SAML forbids.
    #[error("the SAML message carries a DOCTYPE declaration, which SAML forbids")]
    DoctypeNotAllowed,
    /// The root element is not `samlp:AuthnRequest`.
    #[error("expected a samlp:AuthnRequest, found {0}")]
    NotAuthnRequest(String),
    /// A required field of the message is absent or empty.
    #[error("the AuthnRequest has no {0}")]
    MissingField(&'static str),
    /// A field of the message has an unusable value.
    #[error("the AuthnRequest field {0} is invalid")]
    InvalidField(&'static str),
    /// The request must be signed but carries no `Signature`/`SigAlg`.
    #[error("the SAMLRequest is not signed")]
    MissingSignature,
    /// The `SigAlg` is not RSA-SHA256.
    #[error("unsupported signature algorithm {0}")]
    UnsupportedSignatureAlgorithm(String),
    /// The signature does not match the signed content and the certificate.
    #[error("signature verification failed")]
    BadSignature,
    /// PEM text without the expected block, or with a block that does not decode.
    #[error("invalid PEM: {0}")]
    InvalidPem(&'static str),
    /// The private key was rejected (wrong format, unsupported size, inconsistent).
    #[error("private key rejected: {0}")]
    InvalidKey(String),
    /// The certificate could not be read or does not hold an RSA public key.
    #[error("invalid certificate: {0}")]
    InvalidCertificate(&'static str),
    /// The private key does not belong to the certificate.
    #[error("the private key does not match the certificate")]
    KeyCertificateMismatch,
    /// Signing failed or the system random generator is unavailable.
    #[error("{0} failed")]
    Crypto(&'static str),
    /// A value contains a character XML 1.0 cannot carry (a control character).
    #[error("{0} contains a character that XML cannot carry")]
    InvalidXmlChar(&'static str),
    /// A value the response needs is empty.
    #[error("{0} must not be empty")]
    EmptyValue(&'static str),
    /// The AuthnRequest asks for an assertion consumer service other than the configured one.
    #[error("the AuthnRequest asks for ACS URL {requested}, expected {expected}")]
    AcsUrlMismatch {
        /// The URL the request carries.
        requested: String,
        /// The configured URL.
        expected: String,
    },
    /// The AuthnRequest was issued too long ago or in the future.
    #[error("the AuthnRequest was issued at {issued}, outside the accepted window")]
    RequestExpired {
        /// Its `IssueInstant`.
        issued: String,
    },
    /// The received message is not a `samlp:Response`.
    #[error("expected a samlp:Response, found {0}")]
    NotResponse(String),
    /// A required element or attribute of a received Response is absent or empty.
    #[error("the Response has no {0}")]
    ResponseMissing(&'static str),
    /// A field of a received Response has an unusable value.
    #[error("the Response field {0} is invalid")]
    ResponseInvalid(&'static str),
    /// The Response status is not `urn:oasis:names:tc:SAML:2.0:status:Success`.
    #[error("the Response status is {0}")]
    StatusNotSuccess(String),
    /// The Assertion of a received Response carries no signature.
    #[error("the Assertion is not signed")]
    AssertionNotSigned,
    /// The document is shaped so that the signed content and the content read could differ
    /// (several Assertions, a misplaced one, shared IDs, a Reference to another element).
    #[error("rejected as possible signature wrapping: {0}")]
    SignatureWrapping(&'static str),
    /// An XML signature lacks a part or has its parts out of order.
    #[error("malformed XML signature: {0}")]
    MalformedSignature(&'static str),
    /// An XML signature uses an algorithm or transform that is not supported.
    #[error("unsupported {what}: {algorithm}")]
    UnsupportedAlgorithm {
        /// What kind of algorithm (`digest method`, `transform`, ...).
        what: &'static str,
        /// Its URI.
        algorithm: String,
    },
    /// The digest of the signed element does not match its Reference: the signed content
    /// was changed.
    #[error("the digest of the signed {0} does not match its content")]
    DigestMismatch(&'static str),
    /// A validity window of the assertion has ended (beyond the allowed clock skew).
    #[error("the assertion expired: {field} is {not_on_or_after}")]
    Expired {
        /// Which `NotOnOrAfter`.
        field: &'static str,
        /// Its value.
        not_on_or_after: chrono::DateTime<chrono::Utc>,
    },
    /// The assertion's validity has not started yet (beyond the allowed clock skew).
    #[error("the assertion is not valid before {not_before}")]
    NotYetValid {
        /// Its `NotBefore`.
        not_before: chrono::DateTime<chrono::Utc>,
    },
    /// A field of a received Response differs from the expected value.
    #[error("{field} is {found}, expected {expected}")]
    Mismatch {
        /// Which field (`Audience`, `Recipient`, `Destination`, `Issuer`, ...).
        field: &'static str,
        /// The value received (at most 200 characters).
        found: String,
        /// The value expected.
        expected: String,
    },
}

impl From<SamlError> for crate::Error {
    fn from(e: SamlError) -> Self {
        crate::Error::invalid_input(format!("SAML: {e}")).with_source(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn converts_to_invalid_input() {
        let e: crate::Error = SamlError::BadSignature.into();
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert!(e.message().contains("signature verification failed"));
        assert!(std::error::Error::source(&e).is_some());
    }
}
